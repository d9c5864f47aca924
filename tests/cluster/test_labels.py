"""LLR / MI / tf-idf labels: the 2x2 oracle table and labels of a small keyword network."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from litmap import Corpus
from litmap.cluster import cluster_matrix, label_clusters, term_scores
from litmap.cluster.labels import _p_text
from litmap.errors import DataError, ParameterError


def _oracle_matrices(cases):
    """One cluster of 50 records out of 1000 and one term per oracle case."""
    n = 1000
    in_cluster = np.zeros(n, dtype=bool)
    in_cluster[:50] = True
    terms = np.zeros((n, len(cases)))
    for j, case in enumerate(cases):
        assert case["k11_in_cluster_with_term"] + case["k12_in_cluster_without_term"] == 50
        assert sum(case[k] for k in case if k.startswith("k")) == n
        terms[:case["k11_in_cluster_with_term"], j] = 1
        terms[50:50 + case["k21_outside_with_term"], j] = 1
    return sp.csr_matrix(in_cluster[:, None].astype(float)), sp.csr_matrix(terms)


def test_llr_mi_p_oracle(oracles):
    cases = oracles["labels_norm_pfnet_gindex"]["llr_mi"]
    rc, rt = _oracle_matrices(cases)
    names = [c["case"] for c in cases]
    table = term_scores(rc, rt, terms=names).set_index("term")
    for case in cases:
        row = table.loc[case["case"]]
        assert row["llr"] == pytest.approx(case["G2_scipy_chi2_contingency_loglik"], abs=1e-9)
        assert row["llr"] == pytest.approx(case["2N_MI"], abs=1e-9)
        assert row["p_value"] == pytest.approx(case["p_value_chi2_df1"], rel=1e-7)
        assert row["mi"] == pytest.approx(case["MI_bits"], abs=1e-12)
        assert bool(row["over"]) == (case["direction"] == "over")
        assert [row["k11"], row["k12"], row["k21"], row["k22"]] == [
            case["k11_in_cluster_with_term"], case["k12_in_cluster_without_term"],
            case["k21_outside_with_term"], case["k22_outside_without_term"]]


def _toy():
    """12 records: 6 on rural revitalization (keywords a*), 6 on deep learning (b*)."""
    rural = ["Rural revitalization and land policy", "Rural revitalization in county towns",
             "Land policy under rural revitalization", "Rural revitalization: a review",
             "Village governance and rural revitalization", "Rural revitalization and tourism"]
    deep = ["Deep learning for remote sensing", "Deep learning of land cover",
            "Remote sensing with deep learning", "Deep learning: a review",
            "Convolutional networks and deep learning", "Deep learning in remote sensing images"]
    kw_a = [["a1", "a2"], ["a1", "a3"], ["a2", "a3"], ["a1", "a2", "a3"], ["a1"], ["a2", "a3"]]
    kw_b = [["b1", "b2"], ["b2", "b3"], ["b1", "b3"], ["b1", "b2", "b3"], ["b2"], ["b1", "b3"]]
    records = pd.DataFrame({"uid": [f"R{i}" for i in range(12)], "title": rural + deep,
                            "keywords": kw_a + kw_b, "year": [2018] * 6 + [2021] * 6})
    corpus = Corpus(records)
    nodes = ["a1", "a2", "a3", "b1", "b2", "b3"]
    inc = np.zeros((12, 6))
    for i, kws in enumerate(kw_a + kw_b):
        for k in kws:
            inc[i, nodes.index(k)] = 1
    incidence = sp.csr_matrix(inc)
    co = (incidence.T @ incidence).toarray()
    np.fill_diagonal(co, 0)
    # shuffle the record order of the network against the corpus to test the alignment
    order = np.array([5, 11, 0, 6, 1, 7, 2, 8, 3, 9, 4, 10])
    network = SimpleNamespace(
        nodes=pd.DataFrame({"label": nodes, "first_year": [2018] * 3 + [2021] * 3}),
        matrix=sp.csr_matrix(co), incidence=incidence[order],
        record_uids=records["uid"].to_numpy()[order])
    return corpus, network


def test_labels_of_a_keyword_network():
    corpus, network = _toy()
    result = cluster_matrix(network.matrix, seed=0, min_size=1,
                            years=network.nodes["first_year"].to_numpy(float))
    labelled = label_clusters(result, network, corpus=corpus, source="title", top=3)
    table = labelled.clusters.set_index("cluster")
    rural = result.membership[0]
    assert table.loc[rural, "label_llr"] == "rural revitalization"
    assert table.loc[1 - rural, "label_llr"] == "deep learning"
    assert table.loc[rural, "mean_year"] == 2018
    text = table.loc[rural, "labels_llr"]
    assert text.startswith("rural revitalization (") and text.count(";") == 2
    llr = labelled.labels[(labelled.labels["method"] == "llr") & (labelled.labels["cluster"] == rural)]
    assert llr["rank"].tolist() == [1, 2, 3]
    assert llr["score"].is_monotonic_decreasing
    assert "review" not in set(llr["term"])  # in both clusters: not over-represented
    assert table.loc[rural, "label_tfidf"] == "rural revitalization"
    # 3 ln(12/3) = 6 ln(12/6): "remote sensing" ties "deep learning"; the longer term wins
    assert table.loc[1 - rural, "labels_tfidf"].split("; ")[:2] == ["remote sensing (4.16)",
                                                                    "deep learning (4.16)"]
    summary = labelled.summary()
    assert list(summary.columns) == ["id", "size", "silhouette", "mean_year", "labels_llr",
                                     "labels_mi", "labels_tfidf"]
    assert labelled.params["labels"]["source"] == ["title"]


def test_keyword_source_and_determinism():
    corpus, network = _toy()
    result = cluster_matrix(network.matrix, seed=0, min_size=1)
    first = label_clusters(result, network, corpus=corpus, source="keywords", methods=["llr"])
    again = label_clusters(result, network, corpus=corpus, source="keywords", methods=["llr"])
    pd.testing.assert_frame_equal(first.labels, again.labels)
    pd.testing.assert_frame_equal(first.clusters, again.clusters)
    labels = set(first.clusters["label_llr"])
    assert labels <= {"a1", "a2", "a3", "b1", "b2", "b3"} and len(labels) == 2
    assert (first.clusters["labels_mi"] == "").all()


def test_p_level_text():
    assert _p_text(4.566e-07) == "1.0E-4"
    assert _p_text(0.00012139) == "1.2E-4"
    assert _p_text(0.0496) == "5.0E-2"
    assert _p_text(0.99999) == "1.0E0"


def test_bad_label_input():
    corpus, network = _toy()
    result = cluster_matrix(network.matrix, seed=0, min_size=1)
    with pytest.raises(ParameterError):
        label_clusters(result, network, corpus=corpus, source="body")
    with pytest.raises(ParameterError):
        label_clusters(result, network, corpus=corpus, methods=["lsi"])
    other = Corpus(corpus.records.iloc[:5])
    with pytest.raises(DataError, match="not in the corpus"):
        label_clusters(result, network, corpus=other)


def test_cluster_network_on_a_real_network():
    import warnings

    from litmap.cluster import cluster_network
    from litmap.network import Network, build_network

    corpus, _ = _toy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = build_network(corpus, kind="keyword", select=None)
    assert isinstance(net, Network)
    result = label_clusters(cluster_network(net, seed=0, min_size=1), net, corpus=corpus,
                            source="title")
    table = result.clusters.set_index("label_llr")
    assert set(table.index) == {"rural revitalization", "deep learning"}
    assert table.loc["rural revitalization", "mean_year"] == 2018
    assert table.loc["deep learning", "mean_year"] == 2021
    groups = {frozenset(net.nodes["label"][result.membership == c]) for c in range(2)}
    assert groups == {frozenset({"a1", "a2", "a3"}), frozenset({"b1", "b2", "b3"})}


def test_oracle_table_through_label_clusters(oracles):
    """The 2x2 oracle cases as keywords of 1000 records; cluster 0 holds records 0-49."""
    cases = oracles["labels_norm_pfnet_gindex"]["llr_mi"]
    _, rt = _oracle_matrices(cases)
    dense = rt.toarray()
    names = [c["case"].replace("_", " ") for c in cases]
    keywords = [[names[j] for j in np.flatnonzero(row)] for row in dense]
    uids = [f"U{i}" for i in range(1000)]
    corpus = Corpus(pd.DataFrame({"uid": uids, "keywords": keywords}))
    incidence = sp.csr_matrix((np.ones(1000), (np.arange(1000), (np.arange(1000) >= 50).astype(int))),
                              shape=(1000, 2))
    network = SimpleNamespace(incidence=incidence, record_uids=np.array(uids, dtype=object))
    result = cluster_matrix(sp.csr_matrix((2, 2)), seed=0, min_size=1)
    assert result.membership.tolist() == [0, 1]
    labelled = label_clusters(result, network, corpus=corpus, source="keywords", top=5)
    llr = labelled.labels[(labelled.labels["cluster"] == 0) & (labelled.labels["method"] == "llr")]
    assert llr["term"].tolist() == ["exclusive to cluster", "over represented"]
    want = {c["case"].replace("_", " "): c for c in cases}
    for term, score, p in zip(llr["term"], llr["score"], llr["p_value"]):
        assert score == pytest.approx(want[term]["G2_dunning_formula"], abs=1e-9)
        assert p == pytest.approx(want[term]["p_value_chi2_df1"], rel=1e-7)
    mi = labelled.labels[(labelled.labels["cluster"] == 0) & (labelled.labels["method"] == "mi")]
    assert mi["term"].tolist() == llr["term"].tolist()
    assert mi["score"].tolist() == pytest.approx([want[t]["MI_bits"] for t in mi["term"]], abs=1e-12)
    row = labelled.clusters.set_index("cluster").loc[0]
    assert row["labels_llr"] == "exclusive to cluster (30.45, 1.0E-4); over represented (25.44, 1.0E-4)"
