"""Every network oracle of specs/algorithms.md §4–§6, read from specs/oracles/*.json."""

from __future__ import annotations

import math

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

from litmap import Corpus
from litmap.network import build_network, g_index, link_strength, pathfinder, pfnet
from litmap.network.centrality import betweenness
from litmap.network.prune import minimum_spanning

# oracle column -> litmap strength name
MEASURES = {
    "cosine_salton_c/sqrt(si*sj)": "cosine",
    "jaccard_c/(si+sj-c)": "jaccard",
    "dice_2c/(si+sj)": "dice",
    "inclusion_c/min(si,sj)": "inclusion",
    "equivalence_c^2/(si*sj)": "equivalence",
    "association_strength_c/(si*sj)": "association",
    "probabilistic_AS_N*c/(si*sj)": "association-prob",
    "PMI_ln(N*c/(si*sj))": "pmi",
    "VOSviewer_AS_2m*c/(ki*kj)": "association-vos",
    "full_counting_c": "raw",
}


@pytest.fixture(scope="module")
def norm(oracles):
    return oracles["labels_norm_pfnet_gindex"]["normalisation"]


@pytest.fixture(scope="module")
def corpus(norm):
    docs = norm["docs"]
    return Corpus(pd.DataFrame({"uid": [f"d{i}" for i in range(len(docs))], "year": 2020, "keywords": docs}))


def _pairs(net) -> dict[str, tuple[float, float]]:
    lab = net.nodes["label"]
    return {"".join(sorted((lab[s], lab[t]))): (c, w)
            for s, t, c, w in net.edges[["source", "target", "count", "strength"]].itertuples(index=False)}


@pytest.mark.parametrize("column", sorted(MEASURES))
def test_normalisation_table_through_build(corpus, norm, column):
    net = build_network(corpus, select=None, strength=MEASURES[column])
    got = _pairs(net)
    expected = norm[column]
    assert set(got) == set(expected)
    for pair, value in expected.items():
        assert got[pair][1] == pytest.approx(value, abs=1e-12), pair
        assert got[pair][0] == norm["full_counting_c"][pair]


def test_fractional_counts(corpus, norm):
    net = build_network(corpus, select=None, strength="raw", counting="fractional")
    expected = norm["fractional_counting_1_over_(n_k-1)"]
    got = _pairs(net)
    assert {p: c for p, (c, _) in got.items()} == pytest.approx(expected)
    # each document gives every item a total link weight of 1: k = number of documents with >1 item
    k = net.nodes.set_index("label")["weighted_degree"]
    assert k.to_dict() == pytest.approx(norm["occurrences_s"])


def test_occurrences_link_strength_and_m(corpus, norm):
    net = build_network(corpus, select=None, strength="raw")
    nodes = net.nodes.set_index("label")
    assert nodes["freq"].to_dict() == norm["occurrences_s"]
    assert nodes["weighted_degree"].to_dict() == norm["link_strength_k_i(total link weight)"]
    assert net.edges["count"].sum() == norm["m_total_link_weight"]


def test_link_strength_direct(norm):
    s = norm["occurrences_s"]
    k = norm["link_strength_k_i(total link weight)"]
    pairs = sorted(norm["full_counting_c"])
    c = np.array([norm["full_counting_c"][p] for p in pairs])
    si, sj = np.array([s[p[0]] for p in pairs]), np.array([s[p[1]] for p in pairs])
    ki, kj = np.array([k[p[0]] for p in pairs]), np.array([k[p[1]] for p in pairs])
    for column, name in MEASURES.items():
        got = link_strength(c, name, si=si, sj=sj, n_records=len(norm["docs"]), ki=ki, kj=kj,
                            total=norm["m_total_link_weight"])
        assert got == pytest.approx([norm[column][p] for p in pairs], abs=1e-12), name


@pytest.mark.parametrize("k", [1, 2, 5, 25])
def test_g_index_table(oracles, k):
    g = oracles["labels_norm_pfnet_gindex"]["g_index"]
    counts = np.array(g["citations"])
    assert g_index(counts, k) == g[f"k={k}_capped_at_N"]
    assert g_index(counts, k, capped=False) == g[f"k={k}_uncapped(Egghe zero-padding)"]
    assert g_index(counts[::-1].copy(), k) == g[f"k={k}_capped_at_N"]  # order of input irrelevant


def _edges(spec):
    e = np.array(spec, dtype=float)
    return e[:, 0].astype(int), e[:, 1].astype(int), e[:, 2]


def _kept(src, dst, mask):
    return sorted([int(a), int(b)] for a, b in zip(src[mask], dst[mask]))


def test_pfnet_graph1(oracles):
    p = oracles["labels_norm_pfnet_gindex"]["pfnet"]
    src, dst, w = _edges(p["graph1_dissimilarity_edges"])
    n = 5
    assert _kept(src, dst, pathfinder((src, dst, w), n=n)) == p["graph1_PFNET_rinf_q_n-1"]
    assert _kept(src, dst, pfnet((src, dst, w), n=n)) == p["graph1_PFNET_rinf_q_n-1"]
    assert _kept(src, dst, pfnet((src, dst, w), n=n, r=1)) == p["graph1_PFNET_r1_q_n-1"]
    assert _kept(src, dst, pfnet((src, dst, w), n=n, r=2)) == p["graph1_PFNET_r2_q_n-1"]
    tree = minimum_spanning((src, dst, w), n=n)
    assert tree.sum() == len(p["graph1_networkx_one_MST"])
    assert set(map(tuple, _kept(src, dst, tree))) <= set(map(tuple, p["graph1_PFNET_rinf_q_n-1"]))


def test_pfnet_graph2_r_and_q(oracles):
    p = oracles["labels_norm_pfnet_gindex"]["pfnet"]
    src, dst, w = _edges(p["graph2_dissimilarity_edges"])
    n = 4
    assert _kept(src, dst, pathfinder((src, dst, w), n=n)) == p["graph2_PFNET_rinf_q_n-1"]
    assert _kept(src, dst, pfnet((src, dst, w), n=n, q=2)) == p["graph2_PFNET_rinf_q2"]
    assert _kept(src, dst, pfnet((src, dst, w), n=n, q=1)) == p["graph2_PFNET_rinf_q1"]
    assert _kept(src, dst, pfnet((src, dst, w), n=n, r=1)) == p["graph2_PFNET_r1_q_n-1"]
    assert _kept(src, dst, pfnet((src, dst, w), n=n, r=2)) == p["graph2_PFNET_r2_q_n-1"]


def test_pathfinder_on_similarities_depends_only_on_order(oracles):
    """r = ∞: 1/s and max − s give the same network (here through prune_edges' ranks)."""
    from litmap.network.prune import prune_edges

    p = oracles["labels_norm_pfnet_gindex"]["pfnet"]
    src, dst, w = _edges(p["graph1_dissimilarity_edges"])
    assert _kept(src, dst, prune_edges((src, dst, 1.0 / w), method="pathfinder")) == p["graph1_PFNET_rinf_q_n-1"]
    assert _kept(src, dst, prune_edges((src, dst, 10 - w), method="pathfinder")) == p["graph1_PFNET_rinf_q_n-1"]


def test_karate_betweenness(oracles):
    kar = oracles["community_centrality"]["karate"]
    g = nx.karate_club_graph()
    src, dst = np.array([e[0] for e in g.edges()]), np.array([e[1] for e in g.edges()])
    got = betweenness((src, dst), n=g.number_of_nodes())
    for node, value in kar["betweenness_top5_nx_normalized"]:
        assert got[node] == pytest.approx(value, abs=1e-12)
    n = g.number_of_nodes()
    assert got[0] * (n - 1) * (n - 2) / 2 == pytest.approx(kar["betweenness_raw_igraph_node0"])
    reference = nx.betweenness_centrality(g, normalized=True, weight=None)
    assert got == pytest.approx([reference[i] for i in range(n)], abs=1e-12)
    raw = ig.Graph(n=n, edges=list(zip(src.tolist(), dst.tolist()))).betweenness()
    assert raw[0] == pytest.approx(kar["betweenness_raw_nx_node0"])


def test_weighted_betweenness_matches_networkx():
    g = nx.karate_club_graph()
    src, dst = np.array([e[0] for e in g.edges()]), np.array([e[1] for e in g.edges()])
    # powers of two: path lengths 1/w add up exactly, so shortest-path ties are the same in both libraries
    w = np.array([2.0 ** (g.edges[e]["weight"] % 3) for e in g.edges()])
    for (a, b), x in zip(g.edges(), w):
        g.edges[a, b]["dist"] = 1.0 / x
    got = betweenness((src, dst, w), n=34, weighted=True)
    ref = nx.betweenness_centrality(g, normalized=True, weight="dist")
    assert got == pytest.approx([ref[i] for i in range(34)], abs=1e-9)
    assert not math.isclose(got[0], betweenness((src, dst), n=34)[0])
