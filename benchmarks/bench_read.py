"""Reader speed: records/s and peak RSS of ``litmap.read`` on synthetic exports.

WoS plain text (about 30 cited references and a 150-word abstract per record) at
10k and 100k records, and CNKI RefWorks at 10k. Each read runs in a child process
so its peak RSS (``ru_maxrss`` measured in the child) is its own. Uses
``litmap.synth.write_wos`` / ``write_cnki_refworks`` when that module provides
them, else the small generator below.

Run ``python benchmarks/bench_read.py [--quick]``.
"""

from __future__ import annotations

import json
import random
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

_WORDS = ("network analysis urban rural migration policy model data growth land city village "
          "population housing income education health service county region capital labour "
          "market transport density mobility sprawl agriculture tourism governance climate").split()


def _generators():
    try:
        from litmap import synth  # written by another area; optional
        return synth.write_wos, synth.write_cnki_refworks
    except (ImportError, AttributeError):
        return write_wos, write_cnki_refworks


def write_wos(path: str | Path, n: int, *, seed: int = 0) -> Path:
    """Write ``n`` synthetic WoS plain-text records (30 CR, 150-word abstract each).

    Parameters
    ----------
    path : str or pathlib.Path
        Output file.
    n : int
        Number of records.
    seed : int
        Random seed; the same seed writes the same bytes.

    Returns
    -------
    pathlib.Path
    """
    rng = random.Random(seed)
    refs = [f"{rng.choice(_WORDS).title()} {rng.choice('ABCDEFGH')}, {rng.randint(1980, 2020)}, "
            f"J {rng.choice(_WORDS).upper()} {rng.choice(_WORDS).upper()}, V{rng.randint(1, 90)}, "
            f"P{rng.randint(1, 900)}, DOI 10.{rng.randint(1000, 9999)}/x{i}" for i in range(20000)]
    out = ["FN Clarivate Analytics Web of Science", "VR 1.0"]
    for i in range(n):
        authors = [f"{rng.choice(_WORDS).title()}, {rng.choice('ABCDEFGH')}" for _ in range(rng.randint(1, 6))]
        cr = rng.sample(refs, 30)
        out += ["PT J", "AU " + "\n   ".join(authors),
                "TI " + " ".join(rng.choices(_WORDS, k=10)), f"SO J {rng.choice(_WORDS).upper()}",
                "DE " + "; ".join(rng.sample(_WORDS, 5)), "ID " + "; ".join(rng.sample(_WORDS, 4)),
                "AB " + " ".join(rng.choices(_WORDS, k=150)),
                f"C1 [{authors[0]}] Univ {rng.choice(_WORDS).title()}, Dept X, City, Peoples R China.",
                "CR " + "\n   ".join(cr), f"NR 30", f"TC {rng.randint(0, 99)}",
                f"PY {rng.randint(2000, 2024)}", f"VL {rng.randint(1, 40)}", f"BP {rng.randint(1, 500)}",
                f"DI 10.1000/syn.{seed}.{i}", f"UT WOS:{seed:03d}{i:012d}", "ER", ""]
    out.append("EF")
    path = Path(path)
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def write_cnki_refworks(path: str | Path, n: int, *, seed: int = 0) -> Path:
    """Write ``n`` synthetic CNKI RefWorks records.

    Parameters
    ----------
    path : str or pathlib.Path
    n : int
    seed : int

    Returns
    -------
    pathlib.Path
    """
    rng = random.Random(seed)
    zh = "城乡融合逆城市化乡村振兴人口流动土地制度县域经济新型城镇化公共服务空间治理"
    out = []
    for i in range(n):
        kws = ";".join("".join(rng.sample(zh, 4)) for _ in range(5))
        out += ["RT Journal Article", "SR 1", "A1 " + ";".join("".join(rng.sample(zh, 3)) for _ in range(3)),
                "AD 某某大学公共管理学院;", "T1 " + "".join(rng.choices(zh, k=20)), "JF 城市规划",
                f"YR {rng.randint(2000, 2024)}", "IS 03", "vo 12", "OP 1-9", f"K1 {kws}",
                "AB " + "".join(rng.choices(zh, k=300)), f"LK https://kns.cnki.net/x?filename=CSGH{seed}{i:07d}",
                ""]
    path = Path(path)
    path.write_text("\n".join(out), encoding="utf-8")
    return path


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
    wos, refworks = _generators()
    cases = [("wos_plaintext", wos, 10_000, 0.62), ("cnki_refworks", refworks, 10_000, None)]
    if not quick:
        cases.insert(1, ("wos_plaintext", wos, 100_000, 5.0))
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
