"""End to end: ``litmap run`` on synthetic WoS exports, time and peak RSS per stage and in total.

Each run is a fresh ``litmap run EXPORT -o OUT -q`` process (default study: keyword
map with 1-year slices, g-index k=25, cosine, Leiden seed 0, title labels, bursts,
network files, figures and the HTML report). The stage times and per-stage peak
memory come from the run's own ``timings.json``; the total wall time and peak RSS
are measured from outside (the child's ``ru_maxrss``). Inputs are synthetic WoS
plain-text files (about 30 cited references and a 150-word abstract per record),
written once by ``litmap.synth.write_wos`` into the shared benchmark cache.

Targets (2-core machine): 100k records in <= 15 s and <= 1.5 GB RSS; 1M records
in <= 3 min without running out of memory. ``quick=True`` runs 10k only.

Run ``python -m benchmarks.run --only e2e`` or ``python benchmarks/bench_e2e.py [--quick]``.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import row, run_command, synthetic_wos  # noqa: E402

#: records -> (total seconds target, peak RSS MiB target); None: no target.
TARGETS: dict[int, tuple[float | None, float | None]] = {
    10_000: (None, None),
    100_000: (15.0, 1536.0),
    1_000_000: (180.0, None),
}
#: Address-space cap of a run (GiB): a run that needs more fails alone with MemoryError
#: instead of pushing a shared machine out of memory.
MEMORY_CAP_GB = 16
_CLI = ("import resource, sys; cap = int(sys.argv.pop(1)) << 30; "
        "resource.setrlimit(resource.RLIMIT_AS, (cap, cap)); "
        "from litmap.cli import main; sys.exit(main())")


def _label(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1000}k"


def run_study(n: int, *, timeout: float = 1800) -> tuple[dict, dict]:
    """Run ``litmap run`` on ``n`` synthetic WoS records in a child process.

    Parameters
    ----------
    n : int
        Records.
    timeout : float, optional
        Seconds before the child is killed.

    Returns
    -------
    tuple of (dict, dict)
        ``{"wall_s", "peak_rss_mb", "returncode", "timed_out", "stderr"}`` measured
        from outside, and the run's ``timings.json`` (empty when the run failed).
    """
    export = synthetic_wos(n)
    work = Path(tempfile.mkdtemp(prefix=f"litmap-e2e-{_label(n)}-"))
    try:
        m = run_command([sys.executable, "-c", _CLI, str(MEMORY_CAP_GB), "run", str(export),
                         "-o", str(work / "out"), "-q"],
                        timeout=timeout, cwd=work)
        timings_path = work / "out" / "timings.json"
        timings = json.loads(timings_path.read_text()) if timings_path.is_file() else {}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    outside = {"wall_s": m.wall_s, "peak_rss_mb": m.peak_rss_mb, "returncode": m.returncode,
               "timed_out": m.timed_out, "stderr": m.stderr[-500:]}
    return outside, timings


def _rows(n: int, outside: dict, timings: dict) -> list[dict]:
    label = _label(n)
    t_target, rss_target = TARGETS.get(n, (None, None))
    if outside["returncode"] != 0 or not timings:
        why = "timed out" if outside["timed_out"] else f"exit {outside['returncode']}: {outside['stderr']}"
        return [row(f"e2e {label}: run", why.strip().replace("\n", " ")[-200:], "", "exit 0", False)]
    out = []
    for stage in timings["stages"]:
        out.append(row(f"e2e {label}: {stage['name']}", round(stage["seconds"], 2), "s", "", None))
        out.append(row(f"e2e {label}: {stage['name']} peak RSS", round(stage["peak_rss_mb"]), "MiB", "", None))
    slowest = max(timings["stages"], key=lambda s: s["seconds"])
    out.append(row(f"e2e {label}: slowest stage", f"{slowest['name']} ({slowest['seconds']:.2f} s)",
                   "", "", None))
    after_read = sum(s["seconds"] for s in timings["stages"] if s["name"] != "read")
    out.append(row(f"e2e {label}: stages after read", round(after_read, 2), "s", "", None))
    wall = round(outside["wall_s"], 2)
    out.append(row(f"e2e {label}: total (process)", wall, "s",
                   f"<= {t_target:g} s" if t_target else "", wall <= t_target if t_target else None))
    # litmap resets the kernel's peak-RSS mark at each stage (to measure stages apart),
    # so the child's ru_maxrss alone only covers the last stage: take the larger.
    rss = round(max(outside["peak_rss_mb"], timings["peak_rss_mb"]))
    out.append(row(f"e2e {label}: peak RSS (process)", rss, "MiB",
                   f"<= {rss_target:g} MiB" if rss_target else "",
                   rss <= rss_target if rss_target else None))
    return out


def run(quick: bool = False) -> list[dict]:
    """Run the end-to-end benchmark.

    Parameters
    ----------
    quick : bool, optional (default=False)
        Only 10k records.

    Returns
    -------
    list of dict
        Rows ``name, value, unit, target, ok`` (see :mod:`benchmarks.run`).
    """
    sizes = [10_000] if quick else [10_000, 100_000, 1_000_000]
    rows: list[dict] = []
    for n in sizes:
        outside, timings = run_study(n, timeout=600 if n >= 1_000_000 else 300)
        rows += _rows(n, outside, timings)
    return rows


if __name__ == "__main__":
    for r in run(quick="--quick" in sys.argv[1:]):
        status = "" if r["ok"] is None else ("ok" if r["ok"] else "NO")
        print(f"{r['name']:<40} {r['value']!s:>28} {r['unit']:<4} {r['target']:<14} {status}")
