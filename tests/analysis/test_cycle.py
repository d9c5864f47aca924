"""ROXY index and van den Berg stages on hand-made numbers."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.cycle import roxy_index, roxy_phase, van_den_berg_stage, van_den_berg_stages
from analysis.errors import ParameterError


def test_roxy_zero_when_every_unit_grows_alike():
    assert roxy_index([100, 40, 10], [150, 60, 15]) == pytest.approx(0.0, abs=1e-9)


def test_roxy_sign_follows_where_growth_goes():
    assert roxy_index([100, 40, 10], [130, 40, 10]) > 0   # the largest unit grows fastest
    assert roxy_index([100, 40, 10], [100, 40, 20]) < 0   # the smallest unit grows fastest


def test_roxy_by_hand_with_explicit_weights():
    start, end, w = [100.0, 50.0], [110.0, 60.0], [1.0, 0.5]
    g = np.array([1.1, 1.2])
    expected = ((w[0] * g[0] + w[1] * g[1]) / 1.5 / g.mean() - 1) * 1e4
    assert roxy_index(start, end, weights=w) == pytest.approx(expected)
    level = ((100 * 1.1 + 50 * 1.2) / 150 / g.mean() - 1) * 1e4   # weights = base-year levels
    assert roxy_index(start, end) == pytest.approx(level)


def test_roxy_rejects_bad_input():
    with pytest.raises(ParameterError):
        roxy_index([100], [110])
    with pytest.raises(ParameterError):
        roxy_index([100, 0], [110, 5])
    with pytest.raises(ParameterError):
        roxy_index([100, 50], [110, 60], weights="distance")


def test_roxy_phase_names():
    assert roxy_phase(10, 20) == "accelerated centralisation"
    assert roxy_phase(20, 10) == "decelerated centralisation"
    assert roxy_phase(-10, -20) == "accelerated decentralisation"
    assert roxy_phase(-20, -10) == "decelerated decentralisation"


@pytest.mark.parametrize(("core", "ring", "phase", "stage"), [
    (10, -2, 1, "urbanisation"), (10, 4, 2, "urbanisation"), (4, 10, 3, "suburbanisation"),
    (-2, 10, 4, "suburbanisation"), (-10, 2, 5, "disurbanisation"), (-10, -4, 6, "disurbanisation"),
    (-4, -10, 7, "reurbanisation"), (2, -10, 8, "reurbanisation")])
def test_van_den_berg_eight_phases(core, ring, phase, stage):
    assert van_den_berg_stage(core, ring)[:2] == (phase, stage)


def test_van_den_berg_vectorised_matches_scalar():
    core, ring = [10, -10, 2], [4, -4, -10]
    frame = van_den_berg_stages(core, ring)
    assert frame["phase"].tolist() == [van_den_berg_stage(c, r)[0] for c, r in zip(core, ring)]
