"""Per-slice selection rules: parsing, g-index, Top N / N%, minimum count, tie order."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from litmap import Corpus, ParameterError
from litmap.network import build_network, parse_select
from litmap.network.select import Selection, g_index, select_count, select_items


@pytest.mark.parametrize("spec, expected", [
    ("g-index:25", Selection("g-index", 25)), ("G-INDEX : 3", Selection("g-index", 3)),
    ("top:50", Selection("top", 50)), ("top%:10", Selection("top%", 10)), ("top%:2.5", Selection("top%", 2.5)),
    (None, Selection("all")), ("all", Selection("all")),
])
def test_parse_select(spec, expected):
    assert parse_select(spec) == expected


@pytest.mark.parametrize("spec, word", [
    ("g-index:0", "positive integer"), ("top:0", "positive integer"), ("top:2.5", "positive integer"),
    ("top%:0", "(0, 100]"), ("top%:150", "(0, 100]"), ("h-index:3", "expected"), ("g-index", "expected"),
])
def test_parse_select_rejects(spec, word):
    with pytest.raises(ParameterError, match="select") as exc:
        parse_select(spec)
    assert word in str(exc.value)


def test_g_index_rejects_non_positive_k():
    with pytest.raises(ParameterError, match="k"):
        g_index(np.array([3, 2, 1]), 0)


def test_g_index_by_hand():
    # counts 4,3,1: g=1: 1 <= 4; g=2: 4 <= 7; g=3: 9 > 8 -> 2; with k=2: 9 <= 16 -> 3 (capped at 3 items)
    assert g_index(np.array([1, 4, 3]), 1) == 2
    assert g_index(np.array([1, 4, 3]), 2) == 3
    assert g_index(np.array([1, 4, 3]), 2, capped=False) == 4  # 16 <= 2*8
    assert g_index(np.array([], dtype=float), 5) == 0


def test_top_percent_rounds_up():
    assert select_count(np.arange(10, 0, -1), Selection("top%", 10)) == 1
    assert select_count(np.arange(10, 0, -1), Selection("top%", 11)) == 2
    assert select_count(np.arange(3, 0, -1), Selection("top", 10)) == 3


def test_ties_broken_by_name_and_min_count():
    counts = np.array([2, 5, 2, 2, 1])
    names = np.array([3, 4, 0, 1, 2])  # name ranks
    assert select_items(counts, names, rule=Selection("top", 3)).tolist() == [1, 2, 3]
    assert select_items(counts, names, rule=Selection("all"), min_count=2).tolist() == [1, 2, 3, 0]


def test_per_slice_selection_in_build():
    docs = [["b", "a"], ["a", "c"], ["b", "c"], ["d", "e"], ["d", "e"], ["d", "f"]]
    years = [2001, 2001, 2001, 2002, 2002, 2002]
    c = Corpus(pd.DataFrame({"uid": list("123456"), "year": years, "keywords": docs}))
    net = build_network(c, select="top:1", merge_plurals=False)
    # 2001: a, b, c tie at 2 -> 'a' by name; 2002: d (3)
    assert net.nodes["label"].tolist() == ["d", "a"]
    assert net.slice_selected.to_numpy().tolist() == [[False, True], [True, False]]
    assert net.slice_counts.to_numpy().tolist() == [[0, 3], [2, 0]]
    assert net.nodes["first_slice"].tolist() == ["2002", "2001"]
    assert net.params["selected_per_slice"] == [1, 1]
    assert net.n_edges == 0


def test_min_count_in_build():
    docs = [["a", "b"], ["a", "b"], ["a", "c"]]
    c = Corpus(pd.DataFrame({"uid": list("123"), "year": 2020, "keywords": docs}))
    net = build_network(c, select=None, min_count=2, strength="raw")
    assert net.nodes["label"].tolist() == ["a", "b"]
    assert net.edges["count"].tolist() == [2.0]


def test_cited_journal_ties_follow_the_name_as_written():
    """WoS writes cited journals in capitals: '[' sorts after 'Z' there, before 'a' in lower case."""
    refs = [["a|2000|[anonymous] j|1|1|", "b|2001|zeta j|1|1|"]] * 2
    c = Corpus(pd.DataFrame({"uid": ["1", "2"], "year": 2020, "cited_refs": refs}))
    net = build_network(c, kind="cited_journal", select="top:1")
    assert net.nodes["label"].tolist() == ["ZETA J"]
    assert build_network(c, kind="cited_journal", select=None).nodes["label"].tolist() == ["ZETA J",
                                                                                          "[ANONYMOUS] J"]
