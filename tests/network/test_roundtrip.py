"""write_network -> read_network gives back the same Network; the folder is self-contained and reproducible."""

from __future__ import annotations

import hashlib
import json
import shutil
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from litmap import Corpus, DataError, ParameterError
from litmap.network import build_network, read_network, recorded_corpus, write_network
from litmap.network.store import FOLDER_FILES

REFS = {
    "a": ["smith j|2001|nature|1|2|", "lee k|2003|science|5|6|", "wang l|2005|nature|7|8|"],
    "b": ["smith j|2001|nature|1|2|", "lee k|2003|science|5|6|"],
    "c": ["smith j|2001|nature|1|2|", "wang l|2005|nature|7|8|", "zhao m|2010|cell|2|9|"],
    "d": ["zhao m|2010|cell|2|9|", "lee k|2003|science|5|6|"],
    "e": ["wang l|2005|nature|7|8|", "zhao m|2010|cell|2|9|"],
}


@pytest.fixture()
def corpus():
    # awkward strings: "NA"/"nan"/"null" must stay strings, "; " inside a title (a coupling node's
    # surface form) must not split, quotes and CJK survive the CSV
    return Corpus(pd.DataFrame({
        "uid": ["W:1", "W:2", "W:3", "W:4", "W:5"], "db": "wos", "year": [2018, 2018, 2019, 2020, 2020],
        "authors": [["Li, X", "Chen, Y"], ["Li, X"], ["Chen, Y", "Wu, Z"], ["Wu, Z"], ["Li, X", "Wu, Z"]],
        "keywords": [["GIS", "NA", "城市"], ["GIS", "nan", 'say "hi", <b>'], ["NA", "nan", "null"],
                     ["GIS", "null"], ["城市", "NA", "GIS"]],
        "source": ["Nature", "Science", "Nature", None, "Cell"],
        "cited_refs": [REFS[k] for k in "abcde"],
        "title": ["Maps; and more; of cities", "GIS maps", None, "Remote sensing", "城市; 乡村"],
    }))


def assert_same_network(a, b):
    for name in ("nodes", "edges", "slice_counts", "slice_selected"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True, obj=name)
    for name in ("matrix", "incidence"):
        x, y = getattr(a, name), getattr(b, name)
        assert type(x) is type(y) and x.shape == y.shape and x.dtype == y.dtype, name
        assert (x != y).nnz == 0, name
        assert np.array_equal(x.indptr, y.indptr) and np.array_equal(x.indices, y.indices), name
    assert a.record_uids.dtype == b.record_uids.dtype and a.record_uids.tolist() == b.record_uids.tolist()
    assert a.record_years.dtype == b.record_years.dtype and np.array_equal(a.record_years, b.record_years)
    assert a.slice_labels == b.slice_labels and all(type(s) is str for s in b.slice_labels)
    assert a.params == b.params
    assert all(type(s) is str for forms in b.nodes["labels"] for s in forms)


@pytest.mark.parametrize("kwargs", [
    {"kind": "keyword", "select": None},
    {"kind": "keyword", "select": "top:2", "strength": "association", "counting": "fractional",
     "prune": "pathfinder", "slice_years": 2},
    {"kind": "keyword", "select": None, "centrality": False},  # betweenness all NaN
    {"kind": "author", "select": None, "strength": "raw"},
    {"kind": "reference", "select": None, "prune": "mst"},
    {"kind": "cited_journal", "select": None},
    {"kind": "coupling", "select": None},
])
def test_every_attribute_round_trips(corpus, tmp_path, kwargs):
    net = build_network(corpus, **kwargs)
    write_network(net, tmp_path, formats=())
    assert_same_network(net, read_network(tmp_path))


def test_surface_forms_with_the_csv_separator_survive(corpus, tmp_path):
    net = build_network(corpus, kind="coupling", select=None)
    assert any("; " in s for forms in net.nodes["labels"] for s in forms)  # the case under test
    write_network(net, tmp_path)
    back = read_network(tmp_path)
    assert back.nodes["labels"].tolist() == net.nodes["labels"].tolist()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=st.lists(st.lists(st.sampled_from(["a", "b", "c", "d", "NA", "", "x y", "é"]), max_size=4),
                     min_size=2, max_size=12),
       strength=st.sampled_from(["raw", "cosine", "jaccard", "association", "pmi"]),
       fractional=st.booleans())
def test_random_networks_round_trip(tmp_path_factory, docs, strength, fractional):
    years = [2015 + i % 4 for i in range(len(docs))]
    corpus = Corpus(pd.DataFrame({"uid": [f"u{i}" for i in range(len(docs))], "year": years, "keywords": docs}))
    net = build_network(corpus, select=None, strength=strength,
                        counting="fractional" if fractional else "full")
    assume(net.n_edges > 0)  # no edges: test_edgeless_networks_read_back_with_contract_dtypes
    folder = tmp_path_factory.mktemp("rt")
    write_network(net, folder, formats=("csv",))
    assert_same_network(net, read_network(folder))


@pytest.mark.parametrize("docs", [[[], []], [[], ["a"]]])
def test_edgeless_networks_read_back_with_contract_dtypes(tmp_path, docs):
    # build_network gives an edgeless network's string columns a float dtype (no nodes) or an
    # int weighted_degree (no edges); read_network returns the contract's dtypes and the same values
    corpus = Corpus(pd.DataFrame({"uid": ["a", "b"], "year": [2019, 2020], "keywords": docs}))
    net = build_network(corpus, select=None)
    assert net.n_edges == 0
    write_network(net, tmp_path)
    back = read_network(tmp_path)
    assert str(back.nodes["label"].dtype) == "str" and back.nodes["freq"].dtype == np.int64
    assert back.nodes["weighted_degree"].dtype == np.float64
    pd.testing.assert_frame_equal(back.nodes, net.nodes, check_dtype=False, check_index_type=False)
    assert back.edges.dtypes.to_dict() == net.edges.dtypes.to_dict() and back.n_edges == 0
    assert back.incidence.shape == net.incidence.shape and (back.incidence != net.incidence).nnz == 0
    assert back.record_uids.tolist() == ["a", "b"] and back.params == net.params


def test_npz_and_params_are_byte_identical_across_runs(corpus, tmp_path, monkeypatch):
    a, b = tmp_path / "a", tmp_path / "b"
    write_network(build_network(corpus, select=None, prune="pathfinder"), a)
    later = time.time() + 400 * 86400  # a zip member stamped with the clock would change
    monkeypatch.setattr(time, "time", lambda: later)
    write_network(build_network(corpus, select=None, prune="pathfinder"), b)
    for name in FOLDER_FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_params_json_records_parameters_and_corpus(corpus, tmp_path):
    source = corpus.save(tmp_path / "data" / "corpus.parquet")
    net = build_network(corpus, select="g-index:5", strength="jaccard")
    folder = tmp_path / "out" / "net"
    write_network(net, folder, corpus_path=source)
    text = (folder / "params.json").read_text(encoding="utf-8")
    doc = json.loads(text)
    assert doc["params"] == net.params and doc["params"]["strength"] == "jaccard"
    assert doc["corpus"] == {"path": "../../data/corpus.parquet",
                             "sha256": hashlib.sha256(source.read_bytes()).hexdigest()}
    assert text == json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
    assert recorded_corpus(folder).resolve() == source.resolve()
    # the folder and its corpus move together: the relative record still finds it
    shutil.copytree(tmp_path / "out", tmp_path / "moved" / "out")
    shutil.copytree(tmp_path / "data", tmp_path / "moved" / "data")
    assert recorded_corpus(tmp_path / "moved" / "out" / "net").resolve() == \
        (tmp_path / "moved" / "data" / "corpus.parquet").resolve()


def test_recorded_corpus_errors(corpus, tmp_path):
    net = build_network(corpus, select=None)
    write_network(net, tmp_path / "plain")
    with pytest.raises(DataError, match="names no corpus"):
        recorded_corpus(tmp_path / "plain")
    source = corpus.save(tmp_path / "c.parquet")
    write_network(net, tmp_path / "net", corpus_path=source)
    Corpus(corpus.records.iloc[:3].reset_index(drop=True)).save(source)
    with pytest.raises(DataError, match="changed since"):
        recorded_corpus(tmp_path / "net")
    source.unlink()
    with pytest.raises(DataError, match="not found"):
        recorded_corpus(tmp_path / "net")
    with pytest.raises(ParameterError, match="corpus_path"):
        write_network(net, tmp_path / "x", corpus_path=tmp_path / "missing.parquet")


def test_params_that_are_not_json(corpus, tmp_path):
    net = build_network(corpus, select=None)
    net.params["callback"] = object()
    with pytest.raises(ParameterError, match="params"):
        write_network(net, tmp_path)


@pytest.mark.parametrize("name", FOLDER_FILES)
def test_missing_file_is_named(corpus, tmp_path, name):
    write_network(build_network(corpus, select=None), tmp_path)
    (tmp_path / name).unlink()
    with pytest.raises(DataError, match=name.replace(".", r"\.")):
        read_network(tmp_path)


def test_bad_folders(corpus, tmp_path):
    with pytest.raises(DataError, match="not a folder"):
        read_network(tmp_path / "nowhere")
    write_network(build_network(corpus, select=None), tmp_path)
    nodes = pd.read_csv(tmp_path / "nodes.csv", keep_default_na=False)
    nodes.iloc[:-1].to_csv(tmp_path / "nodes.csv", index=False)
    with pytest.raises(DataError, match="nodes.csv: ids must be"):
        read_network(tmp_path)
    nodes.drop(columns="degree").to_csv(tmp_path / "nodes.csv", index=False)
    with pytest.raises(DataError, match="no column degree"):
        read_network(tmp_path)
    nodes.to_csv(tmp_path / "nodes.csv", index=False)
    (tmp_path / "network.npz").write_bytes(b"not a zip")
    with pytest.raises(DataError, match="network.npz: not a network archive"):
        read_network(tmp_path)
    (tmp_path / "network.npz").unlink()
    np.savez(tmp_path / "network.npz", version=np.array(1))
    with pytest.raises(DataError, match="network.npz: no matrix_data"):
        read_network(tmp_path)
    (tmp_path / "params.json").write_text("{", encoding="utf-8")
    with pytest.raises(DataError, match="params.json"):
        recorded_corpus(tmp_path)


def test_user_columns_and_row_order_in_nodes_csv(corpus, tmp_path):
    net = build_network(corpus, select=None)
    write_network(net, tmp_path)
    nodes = pd.read_csv(tmp_path / "nodes.csv", keep_default_na=False)
    nodes["note"] = "checked"
    nodes.iloc[::-1].to_csv(tmp_path / "nodes.csv", index=False)  # a spreadsheet sort
    back = read_network(tmp_path)
    assert back.nodes["note"].tolist() == ["checked"] * net.n_nodes
    pd.testing.assert_frame_equal(back.nodes.drop(columns="note"), net.nodes)
