"""Property tests: PFNET against brute force, sparse counts against a naive pair counter."""

from __future__ import annotations

import itertools
import math
from collections import Counter

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litmap import Corpus
from litmap.network import build_network, pathfinder, pfnet


@st.composite
def tied_graphs(draw, max_n=12):
    """Small graphs with integer weights 1..4 (many ties)."""
    n = draw(st.integers(2, max_n))
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=len(pairs), unique=True))
    w = draw(st.lists(st.integers(1, 4), min_size=len(chosen), max_size=len(chosen)))
    src = np.array([p[0] for p in chosen])
    dst = np.array([p[1] for p in chosen])
    return n, src, dst, np.array(w, dtype=float)


def minimax_keep(n, src, dst, w):
    """Brute force PFNET(∞, n−1): O(n³) minimax Floyd–Warshall."""
    m = np.full((n, n), np.inf)
    m[src, dst] = w
    m[dst, src] = w
    for k in range(n):
        m = np.minimum(m, np.maximum(m[:, [k]], m[[k], :]))
    return w <= m[src, dst]


def path_keep(n, src, dst, w, r, q):
    """Brute force PFNET(r, q) by enumerating every simple path of at most q links."""
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from(zip(src.tolist(), dst.tolist(), w.tolist()))
    keep = []
    for a, b, x in zip(src, dst, w):
        best = math.inf
        for path in nx.all_simple_paths(g, a, b, cutoff=q):
            ws = [g.edges[u, v]["weight"] for u, v in itertools.pairwise(path)]
            length = max(ws) if math.isinf(r) else sum(v ** r for v in ws) ** (1 / r)
            best = min(best, length)
        keep.append(x <= best * (1 + 1e-12))
    return np.array(keep)


@settings(max_examples=100, deadline=None)
@given(tied_graphs())
def test_pathfinder_equals_minimax_brute_force(graph):
    n, src, dst, w = graph
    assert np.array_equal(pathfinder((src, dst, w), n=n), minimax_keep(n, src, dst, w))


@settings(max_examples=60, deadline=None)
@given(tied_graphs(max_n=6), st.sampled_from([1.0, 2.0, math.inf]), st.integers(1, 5))
def test_general_pfnet_equals_path_enumeration(graph, r, q):
    n, src, dst, w = graph
    q = min(q, max(n - 1, 1))
    assert np.array_equal(pfnet((src, dst, w), n=n, r=r, q=q), path_keep(n, src, dst, w, r, q))


def test_pathfinder_large_random_graphs_seeded():
    rng = np.random.default_rng(7)
    for _ in range(5):
        n = 60
        keys = np.unique(rng.integers(0, n * n, 900))
        src, dst = keys // n, keys % n
        ok = src < dst
        src, dst = src[ok], dst[ok]
        w = rng.integers(1, 6, src.size).astype(float)
        assert np.array_equal(pathfinder((src, dst, w), n=n), minimax_keep(n, src, dst, w))


VOCAB = [f"k{i:02d}" for i in range(12)]


@st.composite
def corpora(draw):
    n = draw(st.integers(1, 25))
    docs = draw(st.lists(st.lists(st.sampled_from(VOCAB), max_size=6, unique=True), min_size=n, max_size=n))
    years = draw(st.lists(st.integers(2000, 2004), min_size=n, max_size=n))
    return docs, years


def naive(docs, years, width, top, fractional):
    """Per-slice selection (count desc, name asc, top N) and pair counts by plain Python."""
    lo = min(years)
    slices: dict[int, list[list[str]]] = {}
    for d, y in zip(docs, years):
        slices.setdefault((y - lo) // width, []).append(d)
    links = set()
    for recs in slices.values():
        counts = Counter(k for d in recs for k in d)
        ranked = sorted(counts, key=lambda k: (-counts[k], k))
        chosen = set(ranked if top is None else ranked[:top])
        for d in recs:
            links |= {p for p in itertools.combinations(sorted(d), 2) if set(p) <= chosen}
    total = Counter()
    for d in docs:
        for p in itertools.combinations(sorted(d), 2):
            total[p] += 1.0 / (len(d) - 1) if fractional else 1.0
    return {p: total[p] for p in links}


@pytest.mark.filterwarnings("ignore:slices without records")
@settings(max_examples=80, deadline=None)
@given(corpora(), st.integers(1, 3), st.sampled_from([None, 1, 2, 4]), st.booleans())
def test_sparse_counts_equal_naive_pair_counter(corpus, width, top, fractional):
    docs, years = corpus
    c = Corpus(pd.DataFrame({"uid": [f"r{i}" for i in range(len(docs))], "year": years, "keywords": docs}))
    if not any(docs):
        return
    net = build_network(c, slice_years=width, select=None if top is None else f"top:{top}", strength="raw",
                        counting="fractional" if fractional else "full", merge_plurals=False)
    lab = net.nodes["label"].tolist()
    got = {tuple(sorted((lab[s], lab[t]))): cnt for s, t, cnt in
           net.edges[["source", "target", "count"]].itertuples(index=False)}
    expected = naive(docs, years, width, top, fractional)
    assert got.keys() == expected.keys()
    for p, v in expected.items():
        assert math.isclose(got[p], v, rel_tol=1e-12), p
    freq = Counter(k for d in docs for k in d)
    assert {x: freq[x] for x in lab} == dict(zip(lab, net.nodes["freq"]))
    lo = min(years)
    per_slice = Counter(((y - lo) // width, k) for d, y in zip(docs, years) for k in d)
    counts = net.slice_counts.to_numpy()
    for node, label in enumerate(lab):
        assert counts[node].tolist() == [per_slice[(t, label)] for t in range(counts.shape[1])]


def test_shuffling_records_changes_nothing():
    rng = np.random.default_rng(3)
    docs = [list(rng.choice(VOCAB, rng.integers(1, 6), replace=False)) for _ in range(80)]
    years = rng.integers(2010, 2015, 80).tolist()
    frame = pd.DataFrame({"uid": [f"r{i}" for i in range(80)], "year": years, "keywords": docs})
    a = build_network(Corpus(frame), select="g-index:3")
    b = build_network(Corpus(frame.sample(frac=1, random_state=1)), select="g-index:3")
    pd.testing.assert_frame_equal(a.nodes, b.nodes)
    pd.testing.assert_frame_equal(a.edges, b.edges)


@settings(max_examples=40, deadline=None)
@given(corpora(), st.booleans())
def test_coupling_counts_equal_shared_references(corpus, fractional):
    docs, years = corpus
    refs = [[f"au{k}|2000|j|1|1|" for k in d] for d in docs]
    if not any(refs):
        return
    c = Corpus(pd.DataFrame({"uid": [f"r{i:02d}" for i in range(len(refs))], "year": years, "cited_refs": refs}))
    net = build_network(c, kind="coupling", select=None, slice_years=10, strength="raw",
                        counting="fractional" if fractional else "full")
    uid = net.record_uids[net.incidence.tocsc().indices]
    got = {(uid[s], uid[t]): cnt for s, t, cnt in net.edges[["source", "target", "count"]].itertuples(index=False)}
    citing = Counter(r for d in refs for r in d)
    expected = {}
    for (i, a), (j, b) in itertools.combinations(enumerate(refs), 2):
        shared = set(a) & set(b)
        if shared:
            w = sum(1.0 / (citing[r] - 1) for r in shared) if fractional else float(len(shared))
            expected[tuple(sorted((f"r{i:02d}", f"r{j:02d}")))] = w
    assert {tuple(sorted(k)): v for k, v in got.items()} == pytest.approx(expected)
