"""Seeded layouts and colours."""

from __future__ import annotations

import random

import numpy as np
import pytest

from litmap.errors import ParameterError
from litmap.viz import layout


def _ring(n: int) -> np.ndarray:
    return np.array([(i, (i + 1) % n) for i in range(n)])


def test_force_layout_is_seeded_and_leaves_global_random_alone():
    edges = _ring(30)
    state = random.getstate()
    a = layout.force_layout(edges, 30, seed=3)
    assert random.getstate() == state
    b = layout.force_layout(edges, 30, seed=3)
    c = layout.force_layout(edges, 30, seed=4)
    assert a.shape == (30, 2)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_force_layout_fills_the_requested_square_and_places_isolated_nodes():
    pos = layout.force_layout(_ring(10), 12, size=500.0)
    assert np.isfinite(pos).all() and pos.shape == (12, 2)
    assert np.abs(pos).max() == pytest.approx(250.0, abs=0.11)
    assert len({tuple(p) for p in pos}) == 12


def test_force_layout_rejects_edges_outside_the_node_range():
    with pytest.raises(ParameterError, match="edges"):
        layout.force_layout(np.array([[0, 5]]), 3)
    with pytest.raises(ParameterError, match="weights"):
        layout.force_layout(_ring(4), 4, weights=np.ones(3))


def test_timeline_lanes_are_ordered_and_years_increase_left_to_right():
    years = np.array([2010, 2012, 2010, 2011, np.nan, 2012])
    lanes = np.array([0, 0, 1, 1, 1, 0])
    freq = np.array([5, 3, 4, 2, 1, 9])
    pos, guides = layout.timeline_layout(years, lanes, freq=freq, lane_names=["#0 a", "#1 b"],
                                         lane_colors=["#000000", "#111111"])
    assert pos[lanes == 0, 1].max() < pos[lanes == 1, 1].min()
    column = np.round(pos[:, 0] / 110.0)
    assert list(column) == [0, 2, 0, 1, -1, 2]  # unknown year: a column left of the first
    # same lane and year: side by side, the more frequent node at the column centre
    assert pos[5, 0] == 220.0 and pos[1, 0] < pos[5, 0] and pos[1, 1] == pos[5, 1]
    texts = [t[2] for t in guides.texts]
    assert {"2010", "2011", "2012", "?", "#0 a", "#1 b"} <= set(texts)


def test_timezone_columns_follow_first_year():
    years = np.array([2015, 2013, 2013, 2014])
    pos, guides = layout.timezone_layout(years, np.array([0, 1, 0, 0]), freq=np.array([1, 2, 3, 4]))
    assert pos[1, 1] != pos[2, 1] or pos[1, 0] != pos[2, 0]
    centres = np.round(pos[:, 0] / 110.0)
    assert list(centres) == [2, 0, 0, 1]
    assert [t[2] for t in guides.texts] == ["2013", "2014", "2015"]


def test_cluster_colors_use_the_palette_then_grey():
    colors = layout.cluster_colors(np.array([0, 1, np.nan, -1, len(layout.PALETTE)]))
    assert colors[:2] == list(layout.PALETTE[:2])
    assert colors[2:] == [layout.OTHER_COLOR] * 3


def test_year_colors_span_viridis():
    colors = layout.year_colors(np.array([2000.0, 2010.0, np.nan]))
    assert colors == ["#440154", "#FDE725", layout.OTHER_COLOR]
