"""Modularity and silhouette against the karate-club oracles, igraph and networkx."""

from __future__ import annotations

import igraph as ig
import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.metrics import silhouette_samples as sk_silhouette

from litmap.cluster import harmonic_mean, modularity_score, silhouette_samples, silhouette_score
from litmap.errors import DataError, ParameterError


@pytest.fixture(scope="module")
def karate():
    g = nx.karate_club_graph()
    return g, nx.to_scipy_sparse_array(g, weight=None, format="csr"), \
        nx.to_scipy_sparse_array(g, weight="weight", format="csr")


def _club(oracle) -> np.ndarray:
    club = np.ones(34, dtype=int)
    club[oracle["club_partition_MrHi"]] = 0
    return club


def _optimal(oracle) -> np.ndarray:
    labels = np.empty(34, dtype=int)
    for c, members in enumerate(oracle["optimal_partition"]):
        labels[members] = c
    return labels


def test_modularity_club_split(karate, oracles):
    kc = oracles["community_centrality"]["karate"]
    g, unweighted, weighted = karate
    club = _club(kc)
    assert modularity_score(unweighted, club) == pytest.approx(kc["Q_club_unweighted"], abs=1e-14)
    assert modularity_score(weighted, club) == pytest.approx(kc["Q_club_weighted"], abs=1e-14)
    assert modularity_score(unweighted, club, resolution=0.5) == pytest.approx(
        kc["Q_club_unweighted_resolution_0.5"], abs=1e-14)
    assert modularity_score(unweighted, club, resolution=2.0) == pytest.approx(
        kc["Q_club_unweighted_resolution_2.0"], abs=1e-14)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_modularity_agrees_with_igraph_and_networkx(karate, seed):
    g, _, weighted = karate
    labels = np.random.default_rng(seed).integers(0, 4, size=34)
    ours = modularity_score(weighted, labels, resolution=1.3)
    communities = [set(np.flatnonzero(labels == c)) for c in np.unique(labels)]
    assert ours == pytest.approx(nx.community.modularity(g, communities, weight="weight",
                                                         resolution=1.3), abs=1e-12)
    upper = sp.triu(weighted, 1).tocoo()
    graph = ig.Graph(n=34, edges=list(zip(upper.row.tolist(), upper.col.tolist())))
    assert ours == pytest.approx(graph.modularity(labels.tolist(), weights=upper.data.tolist(),
                                                  resolution=1.3), abs=1e-12)


def test_silhouette_hop_distance(karate, oracles):
    kc = oracles["community_centrality"]["karate"]
    _, unweighted, weighted = karate
    club = _club(kc)
    values = silhouette_samples(weighted, club)
    assert values.mean() == pytest.approx(kc["silhouette_hopdist_club_mean"], abs=1e-14)
    assert values[club == 0].mean() == pytest.approx(
        kc["silhouette_hopdist_club_per_cluster_mean"]["MrHi"], abs=1e-12)
    assert values[club == 1].mean() == pytest.approx(
        kc["silhouette_hopdist_club_per_cluster_mean"]["Officer"], abs=1e-12)
    four = _optimal(kc)
    s4 = silhouette_samples(unweighted, four)
    assert s4.mean() == pytest.approx(kc["silhouette_hopdist_optimal4_mean"], abs=1e-14)
    for c, want in enumerate(kc["silhouette_hopdist_optimal4_per_cluster"]):
        assert s4[four == c].mean() == pytest.approx(want, abs=1e-12)
    assert silhouette_score(unweighted, four) == pytest.approx(s4.mean())


def test_unreachable_pairs_get_max_plus_one():
    # two paths 0-1-2 and 3-4: hop diameter 2, so cross-component distance 3
    a = sp.csr_matrix(np.array([[0, 1, 0, 0, 0], [1, 0, 1, 0, 0], [0, 1, 0, 0, 0],
                                [0, 0, 0, 0, 1], [0, 0, 0, 1, 0]], dtype=float))
    labels = np.array([0, 0, 0, 1, 1])
    dist = np.array([[0, 1, 2, 3, 3], [1, 0, 1, 3, 3], [2, 1, 0, 3, 3],
                     [3, 3, 3, 0, 1], [3, 3, 3, 1, 0]], dtype=float)
    np.testing.assert_allclose(silhouette_samples(a, labels),
                               sk_silhouette(dist, labels, metric="precomputed"), atol=1e-14)


def test_cosine_dissimilarity_matches_sklearn(karate):
    _, _, weighted = karate
    labels = np.random.default_rng(3).integers(0, 3, size=34)
    dense = weighted.toarray()
    unit = dense / np.linalg.norm(dense, axis=1, keepdims=True)
    dist = np.clip(1 - unit @ unit.T, 0, None)
    np.fill_diagonal(dist, 0)
    np.testing.assert_allclose(silhouette_samples(weighted, labels, dissimilarity="cosine"),
                               sk_silhouette(dist, labels, metric="precomputed"), atol=1e-10)


def test_singletons_and_one_cluster(karate):
    _, unweighted, _ = karate
    labels = np.zeros(34, dtype=int)
    assert np.isnan(silhouette_samples(unweighted, labels)).all()
    labels[5] = 1
    assert silhouette_samples(unweighted, labels)[5] == 0.0


def test_harmonic_mean_and_errors(karate):
    assert harmonic_mean(0.6, 0.9) == pytest.approx(2 * 0.6 * 0.9 / 1.5)
    assert np.isnan(harmonic_mean(float("nan"), 0.5))
    _, unweighted, _ = karate
    with pytest.raises(DataError):
        modularity_score(unweighted, np.zeros(3))
    with pytest.raises(ParameterError):
        silhouette_samples(unweighted, np.zeros(34), dissimilarity="euclid")
    with pytest.raises(DataError):
        modularity_score(sp.csr_matrix(np.ones((2, 3))), [0, 1])
