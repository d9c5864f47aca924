"""Synthetic data: seeded, byte-identical, and the bundled files are what the command regenerates."""

from __future__ import annotations

import pytest

from analysis.data import validate_city_panel, validate_survey
from analysis.errors import ParameterError
from analysis.rings import CORPUS
from analysis.synth import synthetic_city_panel, synthetic_survey, write_synthetic


def test_bundled_files_regenerate_byte_for_byte(tmp_path):
    for written in write_synthetic(tmp_path, seed=0):
        assert written.read_bytes() == (CORPUS / written.name).read_bytes(), written.name


def test_seed_controls_the_draw():
    assert synthetic_survey(n=300, seed=1).equals(synthetic_survey(n=300, seed=1))
    assert not synthetic_survey(n=300, seed=1).equals(synthetic_survey(n=300, seed=2))


def test_shapes_follow_the_schemas():
    panel = validate_city_panel(synthetic_city_panel(n_cities=5, years=range(2015, 2020)))
    assert len(panel) == 25 and panel["city"].nunique() == 5
    survey = validate_survey(synthetic_survey(n=500, seed=4))
    assert set(survey["intention"]) == {"return", "stay", "undecided"}
    stayers = survey[survey["intention"] != "return"]
    assert (stayers["destination"] == "stay").all()
    with pytest.raises(ParameterError):
        synthetic_survey(n=10)
