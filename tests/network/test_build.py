"""build_network: parameters, slicing and merging, node types, attributes, Network object."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from litmap import Corpus, DataError, ParameterError
from litmap.network import KINDS, build_network

REFS = {
    "a": ["smith j|2001|nature|1|2|", "lee k|2003|science|5|6|", "wang l|2005|nature|7|8|"],
    "b": ["smith j|2001|nature|1|2|", "lee k|2003|science|5|6|"],
    "c": ["smith j|2001|nature|1|2|", "wang l|2005|nature|7|8|", "zhao m|2010|cell|2|9|"],
    "d": ["zhao m|2010|cell|2|9|"],
}


@pytest.fixture()
def wos():
    return Corpus(pd.DataFrame({
        "uid": list("abcd"), "db": "wos", "year": [2018, 2018, 2019, 2020],
        "authors": [["Li, X", "Chen, Y"], ["Li, X"], ["Chen, Y", "Wu, Z"], ["Wu, Z"]],
        "keywords": [["GIS", "Remote sensing"], ["GIS", "Deep learning"], ["Remote sensing", "Deep learning"],
                     ["GIS"]],
        "keywords_plus": [["MODEL"], [], ["MODEL"], []],
        "source": ["Nature", "Science", "Nature", None],
        "cited_refs": [REFS[k] for k in "abcd"],
        "title": ["Deep learning for remote sensing", "GIS maps", None, "Remote sensing of cities"],
        "abstract": [None, "Remote sensing and GIS.", "Deep learning models.", None],
    }))


@pytest.fixture()
def cnki():
    return Corpus(pd.DataFrame({"uid": ["CNKI:1", "CNKI:2"], "db": "cnki", "year": [2020, 2021],
                                "keywords": [["逆城市化", "乡村振兴"], ["乡村振兴"]]}))


@pytest.mark.parametrize("kwargs, name", [
    ({"kind": "topic"}, "kind"), ({"strength": "salton2"}, "strength"), ({"counting": "half"}, "counting"),
    ({"prune": "kruskal"}, "prune"), ({"prune_scope": "all"}, "prune_scope"), ({"slice_years": 0}, "slice_years"),
    ({"slice_years": 1.5}, "slice_years"), ({"min_count": 0}, "min_count"), ({"select": "g-index:0"}, "select"),
    ({"years": (2030, 2040)}, "years"), ({"years": (2020, 2010)}, "years"), ({"years": "2018"}, "years"),
    ({"term_ngrams": (0, 3), "kind": "term"}, "term_ngrams"), ({"exclude": "/no/such/list.txt"}, "exclude"),
])
def test_bad_parameters_name_the_parameter(wos, kwargs, name):
    with pytest.raises(ParameterError) as exc:
        build_network(wos, **kwargs)
    assert str(exc.value).startswith(name)


@pytest.mark.parametrize("kind", ["reference", "cited_author", "cited_journal", "coupling"])
def test_cocitation_on_cnki_is_a_data_error(cnki, kind):
    with pytest.raises(DataError, match="no record of this corpus .db: cnki. has any"):
        build_network(cnki, kind=kind)


def test_no_years_is_a_data_error():
    c = Corpus(pd.DataFrame({"uid": ["x"], "keywords": [["a", "b"]]}))
    with pytest.raises(DataError, match="publication year"):
        build_network(c)


@pytest.mark.filterwarnings("ignore:slices without records")
def test_records_without_year_and_empty_slices_warn(wos):
    frame = wos.records.copy()
    frame.loc[3, "year"] = pd.NA
    with pytest.warns(UserWarning, match="1 record"):
        net = build_network(Corpus(frame), years=(2016, 2019), select=None)
    assert net.params["records_without_year"] == 1
    with pytest.warns(UserWarning, match="slices without records .kept empty.: 2016, 2017"):
        build_network(wos, years=(2016, 2020), select=None)


def test_slice_labels_and_partial_last_slice(wos):
    net = build_network(wos, slice_years=2, select=None)
    assert net.slice_labels == ["2018-2019", "2020"]
    assert list(net.slice_counts.columns) == net.slice_labels
    assert net.slice_counts.to_numpy().sum(axis=1).tolist() == net.nodes["freq"].tolist()


def test_keyword_network_attributes(wos):
    net = build_network(wos, select=None, strength="raw")
    n = net.nodes
    assert n["label"].tolist() == ["GIS", "Deep learning", "Remote sensing"]  # freq desc, then key
    assert n["freq"].tolist() == [3, 2, 2]
    assert n["first_year"].tolist() == [2018, 2018, 2018]
    assert (n["kind"] == "keyword").all()
    e = net.edges.set_index(["source", "target"])
    assert e.loc[(1, 2), "first_year"] == 2019  # deep learning + remote sensing first co-occur in 2019
    assert e.loc[(0, 1), "first_year"] == 2018
    assert net.matrix.shape == (3, 3) and (net.matrix != net.matrix.T).nnz == 0
    assert net.matrix.diagonal().tolist() == [0, 0, 0]
    assert n["degree"].tolist() == [2, 2, 2]
    assert n["weighted_degree"].tolist() == [2.0, 2.0, 2.0]
    # incidence: records x nodes, aligned with record_uids
    inc = pd.DataFrame(net.incidence.toarray(), index=net.record_uids, columns=n["label"])
    assert inc.loc["d"].tolist() == [1, 0, 0] and inc.loc["c"].tolist() == [0, 1, 1]
    assert net.record_years.tolist() == [2018, 2018, 2019, 2020]


def test_keywords_plus(wos):
    assert "MODEL" in build_network(wos, select=None, keywords_plus=True).nodes["label"].tolist()
    assert "MODEL" not in build_network(wos, select=None).nodes["label"].tolist()


def test_slice_links_only_between_items_selected_in_the_same_slice():
    docs = [["a", "b"], ["a", "b"], ["c"], ["c", "b"]]
    c = Corpus(pd.DataFrame({"uid": list("1234"), "year": [2001, 2001, 2002, 2002], "keywords": docs}))
    net = build_network(c, select="top:1", strength="raw", merge_plurals=False)
    # slice 2001 selects a (tie with b, a by name); 2002 selects c -> no slice network has two nodes
    assert net.nodes["label"].tolist() == ["a", "c"] and net.n_edges == 0
    net = build_network(c, select="top:2", strength="raw", merge_plurals=False)
    labels = net.nodes["label"].tolist()
    pairs = {tuple(sorted((labels[s], labels[t]))) for s, t in zip(net.edges["source"], net.edges["target"])}
    assert pairs == {("a", "b"), ("b", "c")}
    # the merged count covers the whole span
    assert net.edges.set_index(["source", "target"])["count"].sum() == 3


@pytest.mark.parametrize("scope", ["merged", "slices", "both"])
def test_pruning_scopes(scope):
    rng = np.random.default_rng(5)
    vocab = [f"w{i}" for i in range(15)]
    docs = [list(rng.choice(vocab, rng.integers(2, 6), replace=False)) for _ in range(60)]
    c = Corpus(pd.DataFrame({"uid": [str(i) for i in range(60)], "year": rng.integers(2001, 2004, 60),
                             "keywords": docs}))
    full = build_network(c, select=None)
    pruned = build_network(c, select=None, prune="pathfinder", prune_scope=scope)
    mst = build_network(c, select=None, prune="mst", prune_scope=scope)
    assert mst.n_edges <= pruned.n_edges < full.n_edges
    assert pruned.summary()["components"] == full.summary()["components"]
    assert set(zip(pruned.edges["source"], pruned.edges["target"])) <= set(zip(full.edges["source"],
                                                                                 full.edges["target"]))
    if scope != "slices":
        assert mst.n_edges == full.n_nodes - full.summary()["components"]


def test_citation_kinds(wos):
    ref = build_network(wos, kind="reference", select=None, strength="raw")
    assert ref.nodes["label"].tolist()[0] == "SMITH J, 2001, NATURE, V1, P2"
    assert ref.nodes["freq"].tolist()[0] == 3
    au = build_network(wos, kind="cited_author", select=None)
    assert au.nodes["label"].tolist() == ["SMITH J", "LEE K", "WANG L", "ZHAO M"]
    jo = build_network(wos, kind="cited_journal", select=None, strength="raw")
    assert jo.nodes["label"].tolist() == ["NATURE", "CELL", "SCIENCE"]
    assert jo.nodes["freq"].tolist() == [3, 2, 2]  # records citing the journal at least once


def test_bibliographic_coupling(wos):
    net = build_network(wos, kind="coupling", select=None, slice_years=5, strength="raw")
    assert sorted(net.record_uids[net.incidence.nonzero()[0]].tolist()) == ["a", "b", "c", "d"]
    uid = dict(zip(range(net.n_nodes), net.record_uids[net.incidence.tocsc().indices]))
    shared = {tuple(sorted((uid[s], uid[t]))): c for s, t, c in
              net.edges[["source", "target", "count"]].itertuples(index=False)}
    assert shared == {("a", "b"): 2, ("a", "c"): 2, ("b", "c"): 1, ("c", "d"): 1}
    assert net.nodes.set_index(net.nodes.index.map(uid))["freq"].to_dict() == {"a": 3, "c": 3, "b": 2, "d": 1}
    assert net.edges.set_index(["source", "target"])["first_year"].max() == 2020
    yearly = build_network(wos, kind="coupling", select=None)
    assert yearly.n_edges == 1  # only a and b share a slice (2018)


def test_other_node_types(wos, cnki):
    au = build_network(wos, kind="author", select=None, strength="raw")
    assert au.nodes["label"].tolist() == ["Chen, Y", "Li, X", "Wu, Z"]
    assert au.edges["count"].tolist() == [1.0, 1.0]
    jo = build_network(wos, kind="journal", select=None)
    assert jo.nodes["label"].tolist() == ["Nature", "Science"] and jo.n_edges == 0
    term = build_network(wos, kind="term", select=None, term_ngrams=(2, 2))
    assert {"remote sensing", "deep learning"} <= set(term.nodes["label"])
    zh = build_network(cnki, kind="keyword", select=None)
    assert zh.nodes["label"].tolist() == ["乡村振兴", "逆城市化"]


def test_chinese_terms_use_keywords_as_dictionary():
    c = Corpus(pd.DataFrame({"uid": ["1", "2"], "year": 2020, "keywords": [["乡村振兴"], []],
                             "title": ["乡村振兴背景下的逆城市化研究", "乡村振兴与城乡融合"]}))
    net = build_network(c, kind="term", select=None)
    labels = set(net.nodes["label"])
    assert "乡村振兴" in labels and "研究" not in labels


def test_betweenness_options(wos):
    net = build_network(wos, kind="cited_author", select=None)
    assert net.nodes["betweenness"].between(0, 1).all()
    assert build_network(wos, select=None, centrality=False).nodes["betweenness"].isna().all()
    with pytest.raises(ParameterError, match="centrality"):
        build_network(wos, centrality="sometimes")
    with pytest.raises(ParameterError, match="weighted_betweenness"):
        build_network(wos, kind="cited_author", select=None, strength="pmi", weighted_betweenness=True)


def test_auto_centrality_skips_huge_networks(wos, monkeypatch):
    from litmap.network import build as build_module

    monkeypatch.setattr(build_module, "BETWEENNESS_AUTO_LIMIT", 5)
    with pytest.warns(UserWarning, match="betweenness skipped on 3 nodes and 3 links"):
        net = build_network(wos, select=None)
    assert net.nodes["betweenness"].isna().all() and net.params["centrality"] == "auto"
    assert build_network(wos, select=None, centrality=True).nodes["betweenness"].notna().all()


def test_graph_conversions_and_summary(wos):
    net = build_network(wos, select=None)
    g = net.to_networkx()
    assert g.number_of_nodes() == net.n_nodes and g.number_of_edges() == net.n_edges
    assert g.nodes[0]["label"] == "GIS" and g.edges[0, 1]["weight"] == pytest.approx(net.matrix[0, 1])
    ig = net.to_igraph()
    assert ig.vcount() == net.n_nodes and ig.ecount() == net.n_edges
    assert ig.vs[0]["label"] == "GIS" and ig.es[0]["weight"] == net.edges["strength"].iloc[0]
    s = net.summary()
    assert s == {"kind": "keyword", "nodes": 3, "edges": 3, "density": 1.0, "components": 1,
                 "largest_component": 3}
    assert "3 nodes, 3 edges" in str(net)


def test_params_record_everything(wos):
    net = build_network(wos, select="top:2", alias={"GIS": "geographic information system"})
    assert net.params["select"] == "top:2" and net.params["years"] == [2018, 2020]
    assert net.params["alias"] == {"GIS": "geographic information system"}
    assert set(KINDS) >= {net.params["kind"]}


def test_empty_selection_gives_empty_network():
    c = Corpus(pd.DataFrame({"uid": ["1"], "year": 2020, "keywords": [["a"]]}))
    net = build_network(c, min_count=2)
    assert net.n_nodes == 0 and net.n_edges == 0 and net.summary()["components"] == 0
