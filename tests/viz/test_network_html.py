"""The interactive map: payload built from real networks, self-contained and safe HTML."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import numpy as np
import pytest

from litmap.errors import ParameterError
from litmap.viz import layout
from litmap.viz.network_html import (MapOptions, network_layout, network_payload,
                                     render_network_html, write_network_html)

from _viz_data import HOSTILE


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.tags.append(dict(attrs))


def _script_tags(page: str) -> list[dict]:
    """Attributes of every script element, as a browser's tokenizer sees them."""
    parser = _Scripts()
    parser.feed(page)
    return parser.tags


def _island(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="lm-map-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def test_payload_matches_the_network(small):
    net, clusters, bursts = small["network"], small["clusters"], small["bursts"]
    data = network_payload(net, clusters=clusters, bursts=bursts, corpus=small["corpus"])
    nodes = data["nodes"]
    assert nodes["label"] == list(net.nodes["label"])
    assert len(data["edges"]["source"]) == len(net.edges)
    for view in ("network", "timeline", "timezone"):
        assert np.asarray(nodes["pos"][view]).shape == (len(net.nodes), 2)
    # size grows with frequency
    order = np.argsort(net.nodes["freq"].to_numpy(), kind="stable")
    assert np.all(np.diff(np.asarray(nodes["size"])[order]) >= 0)
    # colour = cluster palette colour
    member = clusters.membership.to_numpy()
    assert nodes["color"]["cluster"] == [layout.PALETTE[k] for k in member]
    assert nodes["cluster"] == [int(k) for k in member]


def test_rings_mark_betweenness_and_bursts(small):
    net, bursts = small["network"], small["bursts"]
    data = network_payload(net, clusters=small["clusters"], bursts=bursts)
    ring = np.asarray(data["nodes"]["ring"])
    between = net.nodes["betweenness"].to_numpy() >= 0.1
    bursting = np.isin(np.arange(len(net.nodes)), bursts.to_frame()["node"].to_numpy())
    assert between.any() and bursting.any()
    np.testing.assert_array_equal(ring & 1 > 0, between)
    np.testing.assert_array_equal(ring & 2 > 0, bursting)
    frame = bursts.to_frame()
    for node, strength in frame.groupby("node")["strength"].max().items():
        assert data["nodes"]["burst"][node][0] == pytest.approx(strength, abs=1e-4)


def test_node_records_are_the_records_containing_the_item(small):
    net, corpus = small["network"], small["corpus"]
    data = network_payload(net, corpus=corpus)
    titles = corpus.records.set_index("title")["keywords"]
    for i, label in enumerate(net.nodes["label"]):
        listed = data["nodes"]["records"][i]
        assert len(listed) == int(net.nodes["freq"].iloc[i])
        years = [data["records"][r][2] for r in listed]
        assert years == sorted(years, reverse=True)
        for r in listed:
            assert label in titles[data["records"][r][0]]


def test_average_year_overlay(small):
    net, corpus = small["network"], small["corpus"]
    data = network_payload(net)
    recs = corpus.records
    for i, label in enumerate(net.nodes["label"][:5]):
        years = recs.loc[[label in k for k in recs["keywords"]], "year"].astype(float)
        assert data["nodes"]["avg_year"][i] == pytest.approx(years.mean(), abs=0.01)
    avg = np.asarray([np.nan if v is None else v for v in data["nodes"]["avg_year"]], dtype=float)
    colors = data["nodes"]["color"]["year"]
    assert colors[int(np.nanargmin(avg))] == "#440154"  # oldest: dark end of viridis
    assert colors[int(np.nanargmax(avg))] == "#FDE725"  # newest: yellow end


def test_page_is_one_self_contained_file(small, tmp_path):
    path = write_network_html(tmp_path / "map.html", small["network"], clusters=small["clusters"],
                              bursts=small["bursts"], corpus=small["corpus"])
    page = path.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "<link" not in page and not re.search(r"<script[^>]*\bsrc=", page)
    assert _script_tags(page) == [{"type": "application/json", "id": "lm-map-data"}, {}]
    assert "new vis.Network" in page and "@version 9.1.2" in page
    assert _island(page)["physics"] is True  # a small map gets physics


def test_output_is_deterministic(small):
    kw = dict(clusters=small["clusters"], bursts=small["bursts"], corpus=small["corpus"])
    a = render_network_html(small["network"], **kw)
    b = render_network_html(small["network"], **kw)
    c = render_network_html(small["network"], options=MapOptions(seed=7), **kw)
    assert a == b and a != c


def test_big_maps_get_fixed_positions(small):
    data = network_payload(small["network"], options=MapOptions(physics_max=5))
    assert data["physics"] is False


def test_hostile_strings_only_reach_the_page_escaped(hostile):
    page = render_network_html(hostile["network"], clusters=hostile["clusters"],
                               bursts=hostile["bursts"], corpus=hostile["corpus"],
                               title=HOSTILE[0])
    for raw in HOSTILE[:2]:
        assert raw not in page
    assert "<img" not in page
    data = _island(page)
    assert set(HOSTILE) <= set(data["nodes"]["label"])
    assert all(r[4] is None or r[4].startswith("https://doi.org/10.") for r in data["records"])
    assert sum(r[4] is None for r in data["records"]) > 0


def test_options_are_checked():
    with pytest.raises(ParameterError, match="view"):
        MapOptions(view="3d")
    with pytest.raises(ParameterError, match="label_top"):
        MapOptions(label_top=-1)
    with pytest.raises(ParameterError, match="max_lanes"):
        MapOptions(max_lanes=99)


def test_map_without_clusters_or_corpus(small):
    data = network_payload(small["network"])
    assert set(data["nodes"]["color"]["cluster"]) == {layout.OTHER_COLOR}
    assert data["records"] == [] and data["clusters"] == []
    assert [t[2] for t in data["guides"]["timeline"]["texts"]][-1] == "all nodes"


def test_a_shared_layout_gives_the_same_map(small):
    kw = dict(clusters=small["clusters"], bursts=small["bursts"], corpus=small["corpus"])
    shared = network_layout(small["network"], seed=7)
    computed = render_network_html(small["network"], options=MapOptions(seed=7), **kw)
    assert render_network_html(small["network"], options=MapOptions(seed=7), layout=shared,
                               **kw) == computed
    assert _island(computed)["nodes"]["pos"]["network"] == shared.tolist()


def test_a_layout_of_the_wrong_shape_is_refused(small):
    n = len(small["network"].nodes)
    with pytest.raises(ParameterError, match="layout"):
        network_payload(small["network"], layout=np.zeros((n + 1, 2)))
