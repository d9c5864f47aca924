"""Leiden, Louvain and spectral clustering on the karate club; numbering and determinism."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from litmap.cluster import cluster_matrix, modularity_score
from litmap.errors import DataError, ParameterError


@pytest.fixture(scope="module")
def unweighted():
    return nx.to_scipy_sparse_array(nx.karate_club_graph(), weight=None, format="csr")


def _partition(result) -> set[frozenset[int]]:
    m = result.membership
    return {frozenset(m.index[m == c]) for c in m.unique()}


def test_leiden_reaches_the_optimum(unweighted, oracles):
    kc = oracles["community_centrality"]["karate"]
    result = cluster_matrix(unweighted, method="leiden", seed=0)
    assert result.modularity == pytest.approx(kc["Q_optimal_unweighted_igraph_GLPK"], rel=1e-13)
    assert _partition(result) == {frozenset(p) for p in kc["optimal_partition"]}
    assert result.mean_silhouette == pytest.approx(kc["silhouette_hopdist_optimal4_mean"], abs=1e-14)
    q, s = result.modularity, result.mean_silhouette
    assert result.harmonic_mean == pytest.approx(2 * q * s / (q + s))


def test_numbering_by_size(unweighted):
    result = cluster_matrix(unweighted, method="leiden", seed=0, min_size=6)
    table = result.clusters
    assert table["cluster"].tolist() == [0, 1, 2, 3]
    assert table["size"].tolist() == [12, 11, 6, 5]
    assert table["small"].tolist() == [False, False, False, True]
    # the two largest are {8,9,14,...} (12) and {0,1,2,...} (11)
    assert result.membership[33] == 0 and result.membership[0] == 1
    for c in range(4):
        members = result.membership.index[result.membership == c]
        assert table.loc[c, "silhouette"] == pytest.approx(result.silhouette[members].mean())


def test_ties_in_size_go_to_smallest_member():
    # two disjoint triangles of equal size, {1, 2, 4} and {0, 3, 5}: the one holding 0 is #0
    a = sp.lil_matrix((6, 6))
    for u, v in [(1, 2), (2, 4), (1, 4), (0, 3), (3, 5), (0, 5)]:
        a[u, v] = a[v, u] = 1.0
    for method in ("leiden", "louvain"):
        result = cluster_matrix(a.tocsr(), method=method, seed=0)
        assert result.membership.tolist() == [0, 1, 1, 0, 1, 0]


def test_louvain(unweighted):
    result = cluster_matrix(unweighted, method="louvain", seed=0)
    assert result.modularity >= 0.41
    single = [cluster_matrix(unweighted, method="louvain", seed=s, n_starts=1).modularity
              for s in range(10)]
    assert result.modularity == pytest.approx(max(single))
    assert result.modularity == pytest.approx(modularity_score(unweighted, result.membership))


def test_spectral(unweighted, oracles):
    result = cluster_matrix(unweighted, method="spectral", n_clusters=2, seed=0)
    assert result.clusters["size"].sum() == 34 and len(result.clusters) == 2
    club = set(oracles["community_centrality"]["karate"]["club_partition_MrHi"])
    overlap = max(len(club & p) for p in _partition(result))
    assert overlap >= 14
    with pytest.raises(ParameterError, match="n_clusters"):
        cluster_matrix(unweighted, method="spectral")


def test_resolution_changes_granularity(unweighted):
    coarse = cluster_matrix(unweighted, resolution=0.5, seed=0)
    fine = cluster_matrix(unweighted, resolution=2.0, seed=0)
    assert len(coarse.clusters) <= 4 <= len(fine.clusters)
    assert coarse.params["resolution"] == 0.5


@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_same_seed_same_clusters(method):
    g = nx.planted_partition_graph(6, 25, 0.3, 0.03, seed=4)
    rng = np.random.default_rng(1)
    for u, v in g.edges:
        g[u][v]["weight"] = float(rng.integers(1, 5))
    a = nx.to_scipy_sparse_array(g, format="csr")
    first = cluster_matrix(a, method=method, seed=3)
    again = cluster_matrix(a, method=method, seed=3)
    pd.testing.assert_series_equal(first.membership, again.membership)
    pd.testing.assert_frame_equal(first.clusters, again.clusters)


def test_isolated_nodes_and_years():
    a = sp.csr_matrix(([1.0, 1.0], ([0, 1], [1, 0])), shape=(5, 5))
    result = cluster_matrix(a, years=np.array([2000, 2002, 2010, -1, 2012]), min_size=2)
    table = result.clusters
    assert table.loc[0, "size"] == 2 and table.loc[0, "mean_year"] == 2001
    assert table["small"].tolist() == [False, True, True, True]
    assert table["mean_year"].isna().sum() == 1
    with pytest.raises(DataError, match="years"):
        cluster_matrix(a, years=np.array([2000, 2001]))


def test_bad_input(unweighted):
    with pytest.raises(ParameterError):
        cluster_matrix(unweighted, method="kmeans")
    with pytest.raises(ParameterError):
        cluster_matrix(unweighted, seed=-1)
    with pytest.raises(ParameterError):
        cluster_matrix(unweighted, dissimilarity="jaccard")
    with pytest.raises(DataError):
        cluster_matrix(sp.csr_matrix(np.array([[0, 1], [2, 0]], dtype=float)))
    with pytest.raises(DataError):
        cluster_matrix(sp.csr_matrix((0, 0)))


def test_result_renders(unweighted):
    result = cluster_matrix(unweighted, seed=0, min_size=1)
    text = str(result)
    assert "Q = 0.4198" in text and "S = 0.2317" in text
    assert list(result.summary().columns) == ["id", "size", "silhouette", "mean_year"]
    assert "<table" in result._repr_html_()
