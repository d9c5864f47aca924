"""Study configuration: defaults, TOML round trip, validation, overrides."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from litmap.cli._run import parse_override
from litmap.config import (PARAMETERS, config_template, default_config, load_config, merge_config,
                           validate_config)
from litmap.errors import ConfigError, ParameterError


def test_defaults_are_citespace_like():
    cfg = default_config()
    assert cfg["network"]["slice_years"] == 1
    assert cfg["network"]["select"] == "g-index:25"
    assert cfg["network"]["strength"] == "cosine"
    assert cfg["network"]["prune"] == "none"
    assert cfg["network"]["analyses"] == ["keyword"]
    assert (cfg["cluster"]["method"], cfg["cluster"]["seed"]) == ("leiden", 0)
    assert (cfg["burst"]["gamma"], cfg["burst"]["min_duration"]) == (1.0, 2)


def test_default_config_is_a_fresh_copy():
    a = default_config()
    a["network"]["analyses"].append("author")
    assert default_config()["network"]["analyses"] == ["keyword"]


def test_template_loads_back_to_the_defaults(tmp_path: Path):
    text = config_template()
    assert validate_config(tomllib.loads(text)) == default_config()
    path = tmp_path / "study.toml"
    path.write_text(text, encoding="utf-8")
    loaded = load_config(path)
    expected = default_config()
    expected["output"]["dir"] = str(tmp_path.resolve() / "litmap-out")
    assert loaded == expected


def test_template_comments_every_key():
    text = config_template()
    lines = text.splitlines()
    for section, keys in PARAMETERS.items():
        assert f"[{section}]" in lines
        for key in keys:
            i = next(n for n, line in enumerate(lines) if line.startswith(f"{key} = "))
            assert lines[i - 1].startswith("# ")


def test_file_values_and_relative_paths(tmp_path: Path):
    (tmp_path / "study.toml").write_text(
        '[input]\npaths = ["data/a.txt"]\n[network]\nanalyses = ["keyword", "author"]\n'
        'slice_years = 2\nalias = "x.alias"\n[cluster]\nseed = 7\n', encoding="utf-8")
    cfg = load_config(tmp_path / "study.toml")
    assert cfg["input"]["paths"] == [str(tmp_path.resolve() / "data" / "a.txt")]
    assert cfg["network"]["alias"] == str(tmp_path.resolve() / "x.alias")
    assert cfg["network"]["analyses"] == ["keyword", "author"]
    assert cfg["network"]["slice_years"] == 2
    assert cfg["cluster"]["seed"] == 7
    assert cfg["network"]["strength"] == "cosine"  # omitted key keeps its default


def test_overrides_win_over_the_file(tmp_path: Path):
    (tmp_path / "s.toml").write_text('[network]\nstrength = "jaccard"\nslice_years = 3\n', encoding="utf-8")
    cfg = merge_config(load_config(tmp_path / "s.toml"),
                       {"network.slice_years": 2, "network.strength": None, "cluster.seed": 5})
    assert cfg["network"]["slice_years"] == 2      # command line over file
    assert cfg["network"]["strength"] == "jaccard"  # option not given: file value stays
    assert cfg["cluster"]["seed"] == 5


@pytest.mark.parametrize("text, hint", [
    ("[network]\nstrenght = 'cosine'\n", "did you mean 'strength'?"),
    ("[netwrok]\nstrength = 'cosine'\n", "did you mean 'network'?"),
    ("[burst]\nmin_durration = 2\n", "did you mean 'min_duration'?"),
])
def test_unknown_key_suggests_the_right_one(tmp_path: Path, text: str, hint: str):
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert hint in str(err.value)
    assert str(path) in str(err.value)


def test_unknown_override_suggests_the_right_one():
    with pytest.raises(ConfigError, match="did you mean 'cluster.seed'"):
        merge_config(default_config(), {"cluster.sed": 1})


@pytest.mark.parametrize("section, key, value, fragment", [
    ("network", "slice_years", 0, "network.slice_years: 0 is out of range"),
    ("network", "select", "g-index:0", "network.select"),
    ("network", "select", "best:5", "network.select"),
    ("network", "strength", "cosin", "did you mean 'cosine'"),
    ("network", "analyses", ["keyword", "autor"], "did you mean 'author'"),
    ("burst", "gamma", -1.0, "burst.gamma"),
    ("burst", "states", 1, "burst.states"),
    ("cluster", "seed", "zero", "cluster.seed: expected a int"),
    ("cluster", "resolution", True, "cluster.resolution"),
])
def test_bad_values_name_the_key(section, key, value, fragment):
    with pytest.raises(ParameterError) as err:
        validate_config({section: {key: value}})
    assert fragment in str(err.value)


def test_year_range_must_be_ordered():
    with pytest.raises(ParameterError, match="from_year"):
        validate_config({"network": {"from_year": 2020, "to_year": 2010}})


def test_unreadable_and_invalid_files(tmp_path: Path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[network\nstrength = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a valid TOML"):
        load_config(bad)
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(binary)


def test_parse_override_reads_toml_values():
    assert parse_override("network.slice_years=2") == ("network.slice_years", 2)
    assert parse_override("burst.gamma=0.5") == ("burst.gamma", 0.5)
    assert parse_override('network.analyses=["keyword","author"]') == ("network.analyses", ["keyword", "author"])
    assert parse_override("network.strength=jaccard") == ("network.strength", "jaccard")
    with pytest.raises(ConfigError, match="SECTION.KEY=VALUE"):
        parse_override("strength")


def test_comma_list_is_accepted_for_list_keys():
    cfg = merge_config(default_config(), {"network.analyses": "keyword, country"})
    assert cfg["network"]["analyses"] == ["keyword", "country"]
