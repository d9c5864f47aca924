"""Smoke tests on real exports read in place from ../shared/corpora (marked ``corpora``)."""

from __future__ import annotations

import pytest

from litmap import DataError
from litmap.network import build_network

pytestmark = pytest.mark.corpora

read = pytest.importorskip("litmap.io").read


@pytest.fixture(scope="module")
def cartography(corpora_dir):
    return read(corpora_dir / "wos_plaintext" / "cartography_nn_download_1-500.txt")


def test_wos_keyword_network_with_citespace_alias(cartography, corpora_dir):
    alias = corpora_dir / "citespace_outputs" / "cartography_nn_wos_3604" / "citespace.alias"
    net = build_network(cartography, alias=alias, prune="pathfinder")
    keys = {label.casefold() for label in net.nodes["label"]}
    assert net.n_nodes > 50
    assert "neural network" in keys and "neural networks" not in keys
    assert "artificial neural networks (anns)" not in keys
    s = net.summary()
    # Pathfinder keeps a spanning forest at least, and far fewer links than the unpruned network
    assert s["edges"] >= s["nodes"] - s["components"]
    assert s["edges"] < build_network(cartography, alias=alias).n_edges
    assert net.nodes["betweenness"].between(0, 1).all()


def test_wos_cocitation_counts_records(cartography):
    net = build_network(cartography, kind="cited_journal", select="top:20")
    journal_sets = [{k.split("|")[2] for k in refs} - {""} for refs in cartography.records["cited_refs"]]
    top = net.nodes.iloc[0]
    assert top["freq"] == sum(top["label"].casefold() in s for s in journal_sets)
    assert net.slice_selected.sum().max() <= 20


@pytest.mark.filterwarnings("ignore:2 record")
def test_cnki_refworks_has_no_cocitation(corpora_dir):
    cnki = read(corpora_dir / "cnki_refworks" / "chrisyan_xr_refworks_2024.txt")
    with pytest.raises(DataError, match="cited references"):
        build_network(cnki, kind="reference")
    net = build_network(cnki, kind="keyword")
    assert net.n_nodes > 10 and net.nodes["label"].str.contains("[\u4e00-\u9fff]").any()
