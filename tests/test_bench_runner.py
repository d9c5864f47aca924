"""The benchmark runner (benchmarks/run.py) and its measuring helpers (benchmarks/_util.py)."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from benchmarks import _util, run

_MODULES = {
    "bench_good.py": """
        def run(quick=False):
            return [{"name": "fast thing", "value": 0.5 if quick else 1.5, "unit": "s", "target": "<= 1 s",
                     "ok": quick}]
    """,
    "bench_boom.py": """
        def run(quick=False):
            raise RuntimeError("disk on fire")
    """,
    "bench_sloppy.py": """
        def run(quick=False):
            return [{"name": "no unit", "value": 3}]
    """,
}


@pytest.fixture()
def bench_pkg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    pkg = tmp_path / "fakebench"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for name, body in _MODULES.items():
        (pkg / name).write_text(textwrap.dedent(body))
    monkeypatch.syspath_prepend(str(tmp_path))
    yield pkg
    for mod in [m for m in sys.modules if m.startswith("fakebench")]:
        del sys.modules[mod]


def test_discover_and_run_report_failures_as_rows(bench_pkg: Path) -> None:
    areas = run.discover(bench_pkg)
    assert areas == ["boom", "good", "sloppy"]
    rows = run.run_modules(areas, quick=True, package="fakebench")
    by_area = {r["area"]: r for r in rows}
    assert by_area["good"] == {"area": "good", "name": "fast thing", "value": 0.5, "unit": "s",
                               "target": "<= 1 s", "ok": True}
    assert by_area["boom"]["ok"] is False and "RuntimeError: disk on fire" in by_area["boom"]["value"]
    assert by_area["sloppy"]["ok"] is False and "unit, target, ok" in by_area["sloppy"]["value"]
    table = run.format_table(rows)
    assert table.splitlines()[0].split() == list(run.COLUMNS)
    assert "NO" in table and "yes" in table


def test_write_results_records_machine_and_merges_partial_runs(bench_pkg: Path) -> None:
    results = bench_pkg / "RESULTS.md"
    full = run.run_modules(["good", "boom"], quick=False, package="fakebench")
    run.write_results(full, "python -m benchmarks.run --write", path=results)
    text = results.read_text(encoding="utf-8")
    assert "python -m benchmarks.run --write" in text and "cores" in text and "Python " in text
    assert "| good | fast thing | 1.5 | s | <= 1 s | NO |" in text
    again = run.run_modules(["good"], quick=True, package="fakebench")
    run.write_results(again, "python -m benchmarks.run --only good --write", path=results, partial=True)
    text = results.read_text(encoding="utf-8")
    assert "| good | fast thing | 0.5 | s | <= 1 s | yes |" in text and "1.5" not in text
    assert "| boom | (error) |" in text and "kept from the previous file" in text


def test_main_rejects_bad_usage(capsys: pytest.CaptureFixture) -> None:
    assert run.main(["--frobnicate"]) == 2
    assert run.main(["--only", "no_such_area"]) == 2
    assert "unknown benchmark area" in capsys.readouterr().err


def test_run_python_times_code_and_returns_result() -> None:
    m = _util.run_python("result = sum(len(bytearray(2**20)) for _ in range(3))\nbig = bytearray(80 * 2**20)",
                         setup="import time; time.sleep(0.3)")
    m.check()
    assert m.result == 3 * 2**20
    assert m.wall_s < m.total_s and m.total_s >= 0.3
    assert m.peak_rss_mb >= 80


def test_failures_and_timeouts_are_reported() -> None:
    bad = _util.run_python("raise ValueError('nope')")
    assert bad.returncode == 1 and "ValueError: nope" in bad.stderr
    with pytest.raises(RuntimeError, match="exit code 1"):
        bad.check()
    slow = _util.run_command([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)
    assert slow.timed_out and slow.total_s < 10


def test_run_callable_and_dispatch() -> None:
    m = _util.peak_rss_mb_of(lambda: len(bytearray(50 * 2**20)))
    assert m.returncode == 0 and m.result == 50 * 2**20 and m.peak_rss_mb >= 50
    failed = _util.run_callable(lambda: 1 / 0)
    assert failed.returncode == 1 and "ZeroDivisionError" in failed.stderr
    cmd = _util.peak_rss_mb_of([sys.executable, "-c", "print('hi')"])
    assert cmd.stdout.strip() == "hi" and cmd.returncode == 0


def test_synthetic_inputs_are_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LITMAP_BENCH_CACHE", str(tmp_path))
    first = _util.synthetic_wos(30, abstract_words=20)
    stamp = first.stat().st_mtime_ns
    assert _util.synthetic_wos(30, abstract_words=20) == first and first.stat().st_mtime_ns == stamp
    assert first.read_text(encoding="utf-8-sig").count("\nER\n") == 30
    assert _util.synthetic_cnki(25).read_text(encoding="utf-8").count("RT Journal Article") == 25
    assert not list(tmp_path.glob(".*.tmp"))
