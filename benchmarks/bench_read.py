"""Reader speed: records/s and peak RSS of ``litmap.read`` on synthetic exports.

WoS plain text (about 30 cited references and a 150-word abstract per record) at
10k and 100k records, and CNKI RefWorks at 10k. Each read runs in a child process
so its peak RSS (``ru_maxrss`` measured in the child) is its own. The inputs come
from :func:`litmap.synth.write_wos` and :func:`litmap.synth.write_cnki_refworks`
(seeded, so every run reads the same bytes).

Run ``python benchmarks/bench_read.py [--quick]``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = """
import json, resource, sys, time
import litmap.io
t, c = time.perf_counter(), time.process_time()
corpus = litmap.io.read(sys.argv[1])
seconds, cpu = time.perf_counter() - t, time.process_time() - c
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "cpu": cpu, "records": len(corpus), "rss_kb": rss}))
"""


def _measure(path: Path) -> tuple[float, float, int, float]:
    """Read ``path`` in a child process: wall and CPU seconds, records, peak RSS (MB)."""
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
                          check=True)
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    return out["seconds"], out["cpu"], out["records"], out["rss_kb"] / 1024


def run(quick: bool = False) -> list[dict]:
    """Measure read speed and peak RSS.

    Parameters
    ----------
    quick : bool
        Only the 10k-record cases.

    Returns
    -------
    list of dict
        ``name, value, unit, target, ok`` rows.
    """
    from litmap.synth import write_cnki_refworks, write_wos

    cases = [("wos_plaintext", write_wos, 10_000, 0.62), ("cnki_refworks", write_cnki_refworks, 10_000, None)]
    if not quick:
        cases.insert(1, ("wos_plaintext", write_wos, 100_000, 5.0))
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, gen, n, limit in cases:
            path = gen(Path(tmp) / f"{fmt}_{n}.txt", n, seed=1)
            seconds, cpu, records, rss = _measure(path)
            label = f"read {fmt} {n // 1000}k"
            rows.append({"name": f"{label} time", "value": round(seconds, 2), "unit": "s",
                         "target": f"<= {limit} s" if limit else "-",
                         "ok": bool(records == n and (limit is None or seconds <= limit))})
            rows.append({"name": f"{label} CPU time", "value": round(cpu, 2), "unit": "s",
                         "target": "- (wall time above includes waiting for a busy CPU)", "ok": True})
            rows.append({"name": f"{label} speed", "value": round(records / seconds), "unit": "records/s",
                         "target": ">= 16129 records/s (metaknowledge)" if fmt == "wos_plaintext" else "-",
                         "ok": fmt != "wos_plaintext" or records / seconds >= 10_000 / 0.62})
            rows.append({"name": f"{label} peak RSS", "value": round(rss), "unit": "MB",
                         "target": "<= 1024 MB" if n == 100_000 else "-", "ok": n != 100_000 or rss <= 1024})
    return rows


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row['name']:<36} {row['value']:>10} {row['unit']:<10} {row['target']:<36} "
              f"{'ok' if row['ok'] else 'MISSED'}")
