"""Burst series built from a real litmap Network (default and CiteSpace conventions)."""

from __future__ import annotations

import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from litmap import Corpus
from litmap.burst import detect_bursts, network_bursts, sigma
from litmap.network import build_network


def _corpus() -> Corpus:
    rng = np.random.default_rng(5)
    rows = []
    for year in [2010, 2011, 2012, 2014, 2015, 2016, 2017, 2018, 2019]:   # 2013 has no record
        for i in range(20):
            kws = ["base"] + [k for k in ("alpha", "beta", "gamma") if rng.random() < 0.3]
            if year in (2015, 2016, 2017) and i < 14:
                kws.append("hot topic")
            elif rng.random() < 0.05:
                kws.append("hot topic")
            rows.append({"uid": f"R{year}-{i}", "year": year, "keywords": kws, "title": f"t {i}"})
    rows.append({"uid": "NOKW", "year": 2016, "keywords": [], "title": "no keywords"})
    return Corpus(pd.DataFrame(rows))


@pytest.fixture(scope="module")
def corpus_net():
    corpus = _corpus()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = build_network(corpus, kind="keyword", select=None)
    return corpus, net


def test_default_mode_uses_records_per_year(corpus_net):
    corpus, net = corpus_net
    result = network_bursts(net, corpus)
    years = list(range(2010, 2020))
    assert list(result.slices) == years
    counts = net.slice_counts.copy()
    counts.columns = [int(c) for c in counts.columns]
    counts = counts.reindex(columns=years, fill_value=0)
    per_year = corpus.records["year"].value_counts()
    totals = pd.Series([int(per_year.get(y, 0)) for y in years], index=years)
    assert totals[2016] == 21 and totals[2013] == 0
    expected = detect_bursts(counts, totals)
    got = result.to_frame()
    assert got["strength"].tolist() == pytest.approx(expected.to_frame()["strength"].tolist())
    hot = got[got["item"] == "hot topic"]
    assert hot[["begin", "end"]].values.tolist() == [[2015, 2017]]
    node = int(np.flatnonzero(net.nodes["label"] == "hot topic")[0])
    assert hot["node"].iloc[0] == node
    assert hot["first"].iloc[0] == net.nodes.loc[node, "first_year"]


def test_default_mode_without_corpus_counts_incidence_rows(corpus_net):
    corpus, net = corpus_net
    # the incidence holds every record of the span (also the keyword-less one)
    assert np.count_nonzero(net.record_years == 2016) == 21
    without = network_bursts(net)
    assert without.params["totals"] == "given"
    pd.testing.assert_frame_equal(without.to_frame(), network_bursts(net, corpus).to_frame())
    # a smaller d_t (fewer records) changes the strengths
    shrunk = Corpus(corpus.records[corpus.records["uid"] != "NOKW"])
    assert not np.allclose(network_bursts(net, shrunk).to_frame()["strength"],
                           without.to_frame()["strength"])


def test_citespace_mode_masks_unselected_slices(corpus_net):
    corpus, _ = corpus_net
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = build_network(corpus, kind="keyword", select="top:2")
    result = network_bursts(net, mode="citespace", min_duration=1)
    masked = net.slice_counts.where(net.slice_selected, 0)
    masked.columns = [int(c) for c in masked.columns]
    masked = masked.reindex(columns=range(2010, 2020), fill_value=0)
    expected = detect_bursts(masked, mode="citespace", min_duration=1).to_frame()
    got = result.to_frame()
    assert got["strength"].tolist() == pytest.approx(expected["strength"].tolist())
    assert result.params["trans"] == "n+1" and result.params["totals"] == "column sums"


def test_missing_years_are_inserted_and_ranges_kept():
    nodes = pd.DataFrame({"label": ["x", "y"], "first_year": [2010, 2010]})
    net = SimpleNamespace(nodes=nodes, slice_labels=["2010", "2012"], record_years=np.array([2010, 2012]),
                          slice_counts=pd.DataFrame([[1, 0], [0, 1]]),
                          slice_selected=pd.DataFrame([[True, True], [True, True]]))
    assert list(network_bursts(net).slices) == [2010, 2011, 2012]
    net.slice_labels = ["2010-2011", "2012-2013"]
    assert list(network_bursts(net).slices) == ["2010-2011", "2012-2013"]


def test_sigma_from_network_bursts(corpus_net):
    corpus, net = corpus_net
    bursts = network_bursts(net, corpus).to_frame()
    strength = bursts.groupby("node")["strength"].max().reindex(net.nodes.index)
    values = sigma(net.nodes["betweenness"], strength)
    assert (values[strength.isna()] == 1.0).all()
    hot = int(np.flatnonzero(net.nodes["label"] == "hot topic")[0])
    assert values[hot] == pytest.approx((1 + net.nodes.loc[hot, "betweenness"]) ** strength[hot])


def test_reference_year_is_the_cited_publication_year():
    nodes = pd.DataFrame({"label": ["SMITH J, 2001, NATURE", "x"], "kind": ["reference", "reference"],
                          "labels": [["smith j|2001|nature|||"], ["anon||x|||"]], "first_year": [2010, 2011]})
    counts = pd.DataFrame([[0, 0, 9, 9, 0, 0], [5, 5, 1, 1, 5, 5]])
    net = SimpleNamespace(nodes=nodes, slice_labels=[str(y) for y in range(2010, 2016)],
                          slice_counts=counts, slice_selected=counts > 0,
                          record_years=np.repeat(np.arange(2010, 2016), 10))
    frame = network_bursts(net, mode="citespace").to_frame().set_index("item")
    assert frame.loc["SMITH J, 2001, NATURE", "first"] == 2001
