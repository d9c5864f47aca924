"""Speed of burst detection, Leiden clustering and cluster labelling on seeded synthetic data.

Targets (2-core machine): bursts for 50k items x 30 slices <= 1 s; Leiden on a
50k-node, ~1M-edge network <= 15 s (a network with community structure, Leiden run
until stable; and the structureless graph of algorithms.md 7.3 with 2 iterations);
labels for 30 clusters on 100k records <= 5 s.
``quick=True`` runs each on about a tenth of the data (same targets: a smoke run).
"""

from __future__ import annotations

import time
from types import SimpleNamespace

import numpy as np
import pandas as pd
import scipy.sparse as sp

from litmap import Corpus
from litmap.burst import detect_bursts
from litmap.cluster import cluster_matrix, label_clusters


def _timed(func) -> tuple[float, object]:
    start = time.perf_counter()
    value = func()
    return time.perf_counter() - start, value


def _timed_cpu(func) -> tuple[float, float]:
    """Wall and CPU seconds of ``func()`` (CPU time is what a shared machine cannot inflate)."""
    wall, cpu = time.perf_counter(), time.process_time()
    func()
    return time.perf_counter() - wall, time.process_time() - cpu


def _row(name: str, seconds: float, limit: float) -> dict:
    return {"name": name, "value": round(seconds, 3), "unit": "s", "target": f"<= {limit:g} s",
            "ok": seconds <= limit}


def bench_bursts(items: int, slices: int = 30, seed: int = 0) -> float:
    rng = np.random.default_rng(seed)
    totals = np.linspace(1000, 5000, slices).astype(int)
    counts = rng.binomial(totals[None, :], rng.uniform(0.0005, 0.01, size=(items, 1)))
    boosted = rng.random(items) < 0.3
    start = rng.integers(0, slices - 5, size=items)
    for width in range(5):
        rows = np.flatnonzero(boosted)
        counts[rows, start[rows] + width] *= 3
    frame = pd.DataFrame(counts, columns=list(range(1990, 1990 + slices)))
    seconds, _ = _timed(lambda: detect_bursts(frame, pd.Series(totals * 3, index=frame.columns)))
    return seconds


def _incidence(docs: int, vocab: int, rng: np.random.Generator) -> sp.csr_matrix:
    """Records x keywords, Poisson(6) keywords per record from a Zipf(1) vocabulary."""
    per_doc = rng.poisson(6, size=docs)
    weights = 1.0 / np.arange(1, vocab + 1)
    cols = rng.choice(vocab, size=int(per_doc.sum()), p=weights / weights.sum())
    rows = np.repeat(np.arange(docs), per_doc)
    x = sp.csr_matrix((np.ones(cols.size), (rows, cols)), shape=(docs, vocab))
    x.sum_duplicates()
    x.data[:] = 1.0
    return x


def _planted(nodes: int, draws: int, rng: np.random.Generator) -> sp.csr_matrix:
    """Groups of 100 nodes, 80 % of the edges inside a group, integer weights 1-4."""
    group = np.arange(nodes) // 100
    src = rng.integers(0, nodes, draws)
    inside = rng.random(draws) < 0.8
    dst = np.where(inside, np.minimum(group[src] * 100 + rng.integers(0, 100, draws), nodes - 1),
                   rng.integers(0, nodes, draws))
    a = sp.csr_matrix((rng.integers(1, 5, draws).astype(float), (src, dst)), shape=(nodes, nodes))
    a = (a + a.T).tocsr()
    a.setdiag(0)
    a.eliminate_zeros()
    return a


def bench_leiden(nodes: int, draws: int, *, planted: bool, seed: int = 0) -> tuple[float, float, int]:
    """Leiden through :func:`cluster_matrix` (Q included, silhouette skipped).

    ``planted=True``: a network with community structure, Leiden until stable
    (the default ``n_iterations=-1``). ``planted=False``: the structureless Zipf
    co-occurrence graph of algorithms.md section 7.3 (2 records per node), with
    leidenalg's default ``n_iterations=2``.
    """
    rng = np.random.default_rng(seed)
    if planted:
        a = _planted(nodes, draws, rng)
        iterations = -1
    else:
        x = _incidence(2 * nodes, nodes, rng)
        a = (x.T @ x).tocsr()
        a.setdiag(0)
        a.eliminate_zeros()
        iterations = 2
    wall, cpu = _timed_cpu(lambda: cluster_matrix(a, method="leiden", seed=0, dissimilarity=None,
                                                  n_iterations=iterations))
    return wall, cpu, a.nnz // 2


def bench_labels(records: int, clusters: int = 30, seed: int = 0) -> float:
    rng = np.random.default_rng(seed)
    words = np.array([f"w{i:04d}" for i in range(3000)])
    lengths = rng.integers(6, 12, size=records)
    picks = rng.zipf(1.3, size=int(lengths.sum())) % len(words)
    cuts = np.cumsum(lengths)[:-1]
    titles = [" ".join(part) for part in np.split(words[picks], cuts)]
    uids = np.array([f"R{i}" for i in range(records)], dtype=object)
    corpus = Corpus(pd.DataFrame({"uid": uids, "title": titles}))
    nodes = 3000
    incidence = _incidence(records, nodes, rng)
    group = np.arange(nodes) % clusters
    src = rng.integers(0, nodes, size=40 * nodes)
    dst = src + clusters * rng.integers(1, 5, size=src.size)
    keep = dst < nodes
    a = sp.csr_matrix((np.ones(int(keep.sum())), (src[keep], dst[keep])), shape=(nodes, nodes))
    a = ((a + a.T) > 0).astype(float)
    result = cluster_matrix(a, seed=0, dissimilarity=None)
    assert len(result.clusters) == clusters and (group == group).all()
    network = SimpleNamespace(incidence=incidence, record_uids=uids)
    seconds, _ = _timed(lambda: label_clusters(result, network, corpus=corpus, source="title"))
    return seconds


def run(quick: bool = False) -> list[dict]:
    """Run the three benchmarks.

    Parameters
    ----------
    quick : bool, optional (default=False)
        About a tenth of the data (the targets stay those of the full run).

    Returns
    -------
    list of dict
        ``name, value, unit, target, ok`` per benchmark.
    """
    scale = 10 if quick else 1
    items = 50_000 // scale
    rows = [_row(f"bursts {items} items x 30 slices (exact Viterbi)", bench_bursts(items), 1.0)]
    for planted, label in ((True, "planted communities, until stable"),
                           (False, "structureless Zipf graph, n_iterations=2")):
        wall, cpu, edges = bench_leiden(50_000 // scale, 1_150_000 // scale, planted=planted)
        rows.append(_row(f"leiden {50_000 // scale} nodes, {edges} edges ({label})", wall, 15.0))
        rows.append(_row(f"leiden {50_000 // scale} nodes ({label}), CPU time", cpu, 15.0))
    rows.append(_row(f"labels llr/mi/tfidf, 30 clusters, {100_000 // scale} records (titles)",
                     bench_labels(100_000 // scale), 5.0))
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
