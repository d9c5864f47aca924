"""Nested label terms give way to the phrase they belong to ("deep" -> "deep learning")."""

from __future__ import annotations

import pandas as pd

from litmap import Corpus
from litmap.cluster import cluster_network, label_clusters
from litmap.cluster.labels import _parts
from litmap.network import build_network


def _corpus() -> Corpus:
    rows = []
    for i in range(12):  # topic A: every "deep" is inside "deep learning"
        rows.append({"uid": f"a{i}", "year": 2020, "keywords": ["neural nets", "vision"],
                     "title": f"Deep learning for image task {i}"})
    for i in range(12):  # topic B: plain words, no phrase to prefer
        rows.append({"uid": f"b{i}", "year": 2020, "keywords": ["soil", "erosion"],
                     "title": f"Erosion of soil in basin {i}"})
    return Corpus(pd.DataFrame(rows))


def test_parts_are_contiguous_word_runs_or_chinese_substrings():
    assert sorted(_parts("landslide susceptibility mapping")) == sorted(
        ["landslide", "susceptibility", "mapping", "landslide susceptibility", "susceptibility mapping"])
    assert "乡村振兴" in _parts("乡村振兴战略") and "乡村振兴战略" not in _parts("乡村振兴战略")


def test_adjective_fragment_gives_way_to_its_phrase():
    corpus = _corpus()
    net = build_network(corpus, kind="keyword", select=None)
    result = label_clusters(cluster_network(net, seed=0, min_size=1), net, corpus=corpus, source="title")
    labels = result.labels
    llr = labels[labels["method"] == "llr"]
    topic_a = llr[llr["term"].str.contains("learning")]["cluster"].iloc[0]
    terms = llr.loc[llr["cluster"] == topic_a, "term"].tolist()
    assert terms[0] == "deep learning"
    assert "deep" not in terms and "learning" not in terms
    # a word with no containing phrase in its cluster is still a label candidate
    assert "erosion" in llr["term"].tolist() or "soil" in llr["term"].tolist()
