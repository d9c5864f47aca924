"""Run the benchmark modules and print (or record) one table.

Usage::

    python -m benchmarks.run [--quick] [--only NAME[,NAME...]] [--write]

Every ``benchmarks/bench_<area>.py`` exposes ``run(quick: bool = False) -> list[dict]``;
each dict has the keys ``name, value, unit, target, ok``. A module that raises, or
returns rows that break the contract, becomes a failed row; the runner goes on.
``--write`` rewrites ``benchmarks/RESULTS.md`` with the date, the machine, the
command and the table (with ``--only``, rows of the other areas are kept).
"""

from __future__ import annotations

import datetime as _dt
import importlib
import os
import platform
import sys
import time
import traceback
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable

__all__ = ["discover", "run_modules", "format_table", "machine", "write_results", "main"]

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
COLUMNS = ("area", "name", "value", "unit", "target", "ok")
_KEYS = ("name", "value", "unit", "target", "ok")
_PACKAGES = ("litmap", "numpy", "pandas", "scipy", "networkx", "igraph", "leidenalg", "pyarrow", "jieba")
_START, _END = "<!-- results:start -->", "<!-- results:end -->"
_USAGE = "usage: python -m benchmarks.run [--quick] [--only NAME[,NAME...]] [--write]"


def discover(directory: Path = HERE) -> list[str]:
    """Return the areas of the ``bench_<area>.py`` modules in ``directory``, sorted.

    Parameters
    ----------
    directory : pathlib.Path, optional
        Folder to scan (default: this package).

    Returns
    -------
    list of str
    """
    return sorted(p.stem[len("bench_"):] for p in directory.glob("bench_*.py"))


def _failed(area: str, name: str, message: str) -> dict[str, Any]:
    return {"area": area, "name": name, "value": message, "unit": "", "target": "", "ok": False}


def _check_rows(area: str, rows: Any) -> list[dict[str, Any]]:
    """Validate a module's return value; contract breaks become failed rows."""
    if not isinstance(rows, (list, tuple)):
        return [_failed(area, "(contract)", f"run() returned {type(rows).__name__}, expected a list of dicts")]
    out = []
    for k, r in enumerate(rows):
        missing = [key for key in _KEYS if not isinstance(r, dict) or key not in r]
        if missing:
            out.append(_failed(area, f"(contract) row {k}", f"missing keys: {', '.join(missing)}"))
        else:
            out.append({"area": area, **{key: r[key] for key in _KEYS}})
    return out


def run_modules(areas: Iterable[str], *, quick: bool, package: str = "benchmarks") -> list[dict[str, Any]]:
    """Import and run each ``<package>.bench_<area>``; never raise for a failing module.

    Parameters
    ----------
    areas : iterable of str
        Areas to run, in order.
    quick : bool
        Passed to each ``run(quick=...)``.
    package : str, optional
        Package holding the modules (default: ``benchmarks``).

    Returns
    -------
    list of dict
        Rows with the keys of :data:`COLUMNS`.
    """
    rows: list[dict[str, Any]] = []
    for area in areas:
        t0 = time.perf_counter()
        print(f"[benchmarks] {area} ...", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(f"{package}.bench_{area}")
            rows += _check_rows(area, module.run(quick=quick))
        except (Exception, SystemExit) as exc:  # a broken module is a failed row, not a crash
            last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
            where = f" at {Path(last[0].filename).name}:{last[0].lineno}" if last else ""
            rows.append(_failed(area, "(error)", f"{type(exc).__name__}: {exc}{where}"))
        print(f"[benchmarks] {area} done in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    return rows


def _cell(key: str, value: Any) -> str:
    if key == "ok":
        return "-" if value is None else ("yes" if value else "NO")
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value).replace("|", "/").replace("\n", " ")


def format_table(rows: list[dict[str, Any]], *, markdown: bool = False) -> str:
    """Format rows as an aligned text table or a Markdown table.

    Parameters
    ----------
    rows : list of dict
        Rows with the keys of :data:`COLUMNS`.
    markdown : bool, optional (default=False)
        Markdown pipe table instead of aligned text.

    Returns
    -------
    str
    """
    cells = [[_cell(c, r.get(c, "")) for c in COLUMNS] for r in rows]
    if markdown:
        lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
        return "\n".join(lines + ["| " + " | ".join(c) + " |" for c in cells])
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, h in enumerate(COLUMNS)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([fmt.format(*COLUMNS), fmt.format(*("-" * w for w in widths))] + [fmt.format(*c) for c in cells])


def machine() -> dict[str, str]:
    """Describe this machine: cores, RAM, CPU model, OS, Python and key package versions.

    Returns
    -------
    dict of str to str
    """
    cpu, ram = platform.processor() or "unknown", "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 ** 2:.1f} GiB"
                break
    except OSError:
        pass
    versions = []
    for name in _PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return {"cores": str(os.cpu_count()), "ram": ram, "cpu": cpu,
            "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(), "packages": ", ".join(versions)}


def _previous_rows(text: str, keep_areas: set[str]) -> list[dict[str, Any]]:
    """Rows of ``keep_areas`` from a RESULTS.md written by :func:`write_results`."""
    if _START not in text or _END not in text:
        return []
    block = text.split(_START, 1)[1].split(_END, 1)[0].strip().splitlines()[2:]
    rows = []
    for line in block:
        parts = [p.strip() for p in line.strip().strip("|").split("|")]
        if len(parts) == len(COLUMNS) and parts[0] in keep_areas:
            rows.append(dict(zip(COLUMNS, parts)) | {"ok": {"yes": True, "NO": False}.get(parts[5])})
    return rows


def write_results(rows: list[dict[str, Any]], command: str, *, path: Path = RESULTS,
                  partial: bool = False) -> Path:
    """Rewrite RESULTS.md with the date, the machine, the command and the table.

    Parameters
    ----------
    rows : list of dict
        Rows of this run.
    command : str
        The command line that produced them.
    path : pathlib.Path, optional
        Output file (default: ``benchmarks/RESULTS.md``).
    partial : bool, optional (default=False)
        Only some areas ran: rows of the other areas are kept from the old file.

    Returns
    -------
    pathlib.Path
    """
    ran = {r["area"] for r in rows}
    kept: list[dict[str, Any]] = []
    if partial and path.exists():
        old = path.read_text(encoding="utf-8")
        kept = _previous_rows(old, {a for a in discover(path.parent)} - ran)
    table = sorted(kept + rows, key=lambda r: r["area"])
    info = machine()
    now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    note = " Rows of areas not in this run were kept from the previous file." if kept else ""
    text = "\n".join([
        "# Benchmark results", "",
        f"Written by `{command}` on {now}.{note}", "",
        "## Machine", "",
        f"- CPU: {info['cpu']} ({info['cores']} cores)",
        f"- RAM: {info['ram']}", f"- OS: {info['os']}", f"- Python {info['python']}",
        f"- Packages: {info['packages']}", "",
        "## Results", "",
        "`ok` compares the value with the target (`-`: no target). See `benchmarks/README.md`.", "",
        _START, format_table(table, markdown=True), _END, ""])
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the benchmarks, print the table, optionally write RESULTS.md.

    Parameters
    ----------
    argv : list of str, optional
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 when every row is ok or has no target, 1 when a row failed, 2 on bad usage.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    quick, write, only = "--quick" in args, "--write" in args, None
    rest = [a for a in args if a not in ("--quick", "--write")]
    if rest[:1] == ["--only"] and len(rest) == 2:
        only = [a.strip().removeprefix("bench_").removesuffix(".py") for a in rest[1].split(",") if a.strip()]
    elif rest:
        print(_USAGE, file=sys.stderr)
        return 2
    areas = discover()
    if only is not None:
        unknown = [a for a in only if a not in areas]
        if unknown:
            print(f"unknown benchmark area(s): {', '.join(unknown)}; known: {', '.join(areas)}", file=sys.stderr)
            return 2
        areas = only
    rows = run_modules(areas, quick=quick)
    print(format_table(rows))
    if write:
        command = "python -m benchmarks.run" + ("".join(f" {a}" for a in args))
        print(f"wrote {write_results(rows, command, partial=only is not None)}")
    return 1 if any(r["ok"] is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
