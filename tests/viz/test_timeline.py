"""Timeline and timezone: HTML pages opened on those views, static figures."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from litmap.errors import ParameterError
from litmap.viz.figures import figure_svg
from litmap.viz.timeline import map_figure, write_timeline_html, write_timezone_html


@pytest.mark.parametrize("writer, view", [(write_timeline_html, "timeline"),
                                          (write_timezone_html, "timezone")])
def test_html_opens_on_the_view(small, tmp_path, writer, view):
    path = writer(tmp_path / f"{view}.html", small["network"], clusters=small["clusters"])
    page = path.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="lm-map-data">(.*?)</script>', page, re.S).group(1))
    assert data["view"] == view


def test_timeline_lanes_are_the_clusters(small):
    fig = map_figure(small["network"], clusters=small["clusters"], view="timeline")
    texts = {t.get_text() for t in fig.axes[0].texts}
    for row in small["clusters"].clusters.itertuples():
        assert f"#{row.cluster} {row.label_llr}" in texts
    years = small["network"].nodes["first_year"]
    assert {str(y) for y in range(int(years.min()), int(years.max()) + 1)} <= texts


@pytest.mark.parametrize("view", ["network", "timeline", "timezone"])
def test_static_views_draw_every_node(small, view):
    fig = map_figure(small["network"], clusters=small["clusters"], bursts=small["bursts"],
                     view=view, color="year")
    nodes = fig.axes[0].collections[2 if view != "network" else 1]
    assert len(nodes.get_offsets()) == len(small["network"].nodes)


def test_static_figure_is_deterministic_and_limits_edges(small):
    a = figure_svg(map_figure(small["network"], clusters=small["clusters"], max_edges=5))
    b = figure_svg(map_figure(small["network"], clusters=small["clusters"], max_edges=5))
    assert a == b
    fig = map_figure(small["network"], view="network", max_edges=5)
    assert len(fig.axes[0].collections[0].get_segments()) == 5


def test_static_figure_checks_parameters(small):
    with pytest.raises(ParameterError, match="view"):
        map_figure(small["network"], view="map")
    with pytest.raises(ParameterError, match="max_edges"):
        map_figure(small["network"], max_edges=-1)
    assert np.isfinite(map_figure(small["network"], max_edges=0).get_figwidth())


def test_static_labels_never_cover_each_other():
    from litmap.viz.timeline import _uncluttered

    pos = np.array([[0.0, 0.0], [5.0, 0.0], [400.0, 0.0], [0.0, 300.0]])
    radius = np.full(4, 3.0)
    fontsize = np.array([8.0, 10.0, 8.0, 8.0])
    labels = ["mitochondria", "mtDNA", "aging", "城市化"]
    drawn = _uncluttered(np.arange(4), labels, pos, radius, fontsize, (1.0, 1.0))
    assert drawn == [1, 2, 3]  # 0 would sit on 1, whose font is larger; 2 and 3 are far away
    assert _uncluttered(np.array([0, 2]), ["mitochondria", "aging"], pos, radius, fontsize, (1.0, 1.0)) == [0, 2]
