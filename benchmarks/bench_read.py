"""Reader speed: records/s and peak RSS of ``litmap.read`` on synthetic exports.

WoS plain text (about 30 cited references and a 150-word abstract per record) at
10k and 100k records, and CNKI RefWorks at 10k. Each read runs in a child process
so its peak RSS (``ru_maxrss`` measured in the child) is its own. The inputs are
the cached files of :func:`benchmarks._util.synthetic_wos` and
:func:`benchmarks._util.synthetic_cnki` (seeded, so every run reads the same bytes).

Run ``python benchmarks/bench_read.py [--quick]``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

_CHILD = """
import json, resource, sys, threading, time
import psutil
import litmap.io

me, kids, joint, done = psutil.Process(), [], [0], threading.Event()


def sample():  # resident memory of this process and its worker at the same instant
    n = 0
    while not done.wait(0.05):
        n += 1
        try:
            if not kids and n % 10 == 0:  # looking for the worker scans /proc: twice a second
                kids[:] = me.children()
            joint[0] = max(joint[0], me.memory_info().rss + sum(k.memory_info().rss for k in kids))
        except psutil.Error:
            kids.clear()


watcher = threading.Thread(target=sample, daemon=True)
watcher.start()
t, c = time.perf_counter(), time.process_time()
corpus = litmap.io.read(sys.argv[1])
seconds, cpu = time.perf_counter() - t, time.process_time() - c
done.set()
watcher.join()
self_, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "cpu": cpu, "worker_cpu": kids.ru_utime + kids.ru_stime,
                  "records": len(corpus), "rss_kb": self_.ru_maxrss, "worker_rss_kb": kids.ru_maxrss,
                  "joint_rss_kb": max(joint[0] // 1024, self_.ru_maxrss)}))
"""


#: Reads per case: the time is the best of them (as ``timeit`` advises: slower runs measure
#: other work on the machine), with the median beside it; the peak RSS is the largest.
REPEATS = 3


_CALIBRATION = "import time\nt = time.perf_counter()\ns = 0\nfor i in range(10_000_000):\n    s += i\nprint(time.perf_counter() - t)"


def _calibration() -> float:
    """Seconds of a fixed pure-Python loop in a fresh process: how fast the machine is at the moment."""
    proc = subprocess.run([sys.executable, "-c", _CALIBRATION], capture_output=True, text=True, check=True)
    return float(proc.stdout.strip())


def _measure_once(path: Path) -> dict:
    """Read ``path`` in a child process: wall and CPU seconds, records, peak RSS (kB)."""
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
                          check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _measure(path: Path) -> dict:
    """:func:`_measure_once` :data:`REPEATS` times: the fastest run, its median time and the largest RSS."""
    runs = sorted((_measure_once(path) for _ in range(REPEATS)), key=lambda m: m["seconds"])
    best = dict(runs[0])
    best["median"] = runs[len(runs) // 2]["seconds"]
    for key in ("rss_kb", "worker_rss_kb", "joint_rss_kb"):
        best[key] = max(m[key] for m in runs)
    return best


def run(quick: bool = False) -> list[dict]:
    """Measure read speed and peak RSS.

    Each case is read :data:`REPEATS` times; the time is the best run's (the median is
    given beside it), the peak RSS the largest of all runs.

    Large WoS files are read by two processes (:mod:`litmap.io._parallel`): CPU time
    is reported for the main process and for the worker, and peak RSS is the largest
    sum of both resident sizes sampled every 50 ms (pages shared after the fork
    count twice), never less than the main process's own peak.

    Parameters
    ----------
    quick : bool
        Only the 10k-record cases.

    Returns
    -------
    list of dict
        ``name, value, unit, target, ok`` rows.
    """
    from benchmarks._util import synthetic_cnki, synthetic_wos

    cases = [("wos_plaintext", synthetic_wos, 10_000, 0.62), ("cnki_refworks", synthetic_cnki, 10_000, None)]
    if not quick:
        cases.insert(1, ("wos_plaintext", synthetic_wos, 100_000, 5.0))
    rows: list[dict] = [{"name": "machine speed: 10M-step Python loop (before the reads)",
                         "value": round(_calibration(), 2), "unit": "s",
                         "target": "- (for comparing runs: about 0.8 s on a quiet benchmark machine)", "ok": True}]
    for fmt, gen, n, limit in cases:
        m = _measure(gen(n))
        seconds, records = m["seconds"], m["records"]
        rss = m["joint_rss_kb"] / 1024
        label = f"read {fmt} {n // 1000}k"
        rows.append({"name": f"{label} time", "value": round(seconds, 2), "unit": "s",
                     "target": (f"<= {limit} s" if limit else "-")
                     + f" (best of {REPEATS}; median {m['median']:.2f} s)",
                     "ok": bool(records == n and (limit is None or seconds <= limit))})
        rows.append({"name": f"{label} CPU time", "value": round(m["cpu"], 2), "unit": "s",
                     "target": f"- (+ worker {m['worker_cpu']:.2f} s; wall includes waiting for a busy CPU)",
                     "ok": True})
        rows.append({"name": f"{label} speed", "value": round(records / seconds), "unit": "records/s",
                     "target": ">= 16129 records/s (metaknowledge)" if fmt == "wos_plaintext" else "-",
                     "ok": fmt != "wos_plaintext" or records / seconds >= 10_000 / 0.62})
        rows.append({"name": f"{label} peak RSS", "value": round(rss), "unit": "MB",
                     "target": ("<= 1024 MB (main + worker at one instant; peaks "
                                f"{m['rss_kb'] // 1024} + {m['worker_rss_kb'] // 1024} MB)"
                                if n == 100_000 else "-"),
                     "ok": n != 100_000 or rss <= 1024})
    return rows


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row['name']:<36} {row['value']:>10} {row['unit']:<10} {row['target']:<36} "
              f"{'ok' if row['ok'] else 'MISSED'}")
