"""Alias tables (CiteSpace, VOSviewer), exclusion lists, folding, plural merging, bilingual labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from litmap import Corpus, ParameterError, ParseError
from litmap.network import Cleaner, build_network, read_alias, read_exclusion
from litmap.network.clean import fold, load_stopwords


def _keys(cleaner, *surface):
    return cleaner.keys(np.array(surface, dtype=object)).tolist()


def test_fold_width_case_space():
    assert fold("  ＣＯＶＩＤ－１９\u3000Pandemic ") == "covid-19 pandemic"


@pytest.mark.corpora
def test_real_citespace_alias_file(corpora_dir):
    folder = corpora_dir / "citespace_outputs" / "cartography_nn_wos_3604"
    alias = read_alias(folder / "citespace.alias")
    assert len(alias) == 25  # 24 newline-terminated lines + a last line without newline
    assert alias["support vector machines (svms)"] == "support vector machine"
    assert alias["maps"] == "map"
    assert read_exclusion(folder / "citespace.exclusion") == {"[anonymous]"}


def test_citespace_hash_form(data_dir):
    alias = read_alias(data_dir / "alias_citespace_hash.alias")
    assert alias == {"counter-urbanization": "counterurbanization", "逆城市化": "counterurbanization",
                     "乡村振兴": "rural revitalization"}


def test_vosviewer_thesaurus_with_drop(data_dir):
    c = Cleaner(alias=data_dir / "alias_vosviewer_thesaurus.txt")
    assert _keys(c, "Remote sensing images", "GIS", "Study", "other") == [
        "remote sensing", "geographic information system", "", "other"]


def test_malformed_alias_line_names_file_and_line(data_dir):
    path = data_dir / "alias_malformed_line2.alias"
    with pytest.raises(ParseError) as exc:
        read_alias(path)
    assert exc.value.line == 2 and exc.value.path == str(path)
    assert "alias_malformed_line2.alias, line 2" in str(exc.value)


def test_alias_errors(tmp_path):
    with pytest.raises(ParameterError, match="alias: no such file"):
        read_alias(tmp_path / "missing.alias")
    (tmp_path / "cycle.alias").write_text("a\tb\nb\ta\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="cycle"):
        Cleaner(alias=tmp_path / "cycle.alias")
    (tmp_path / "empty.alias").write_text("\tb\n", encoding="utf-8")
    with pytest.raises(ParseError, match="empty primary"):
        read_alias(tmp_path / "empty.alias")
    with pytest.raises(ParameterError, match="alias"):
        Cleaner(alias=[42])


def test_alias_chains_resolve_and_gb18030(tmp_path):
    (tmp_path / "zh.alias").write_bytes("城市化\t城镇化\nurbanization\t城市化\n".encode("gb18030"))
    c = Cleaner(alias=tmp_path / "zh.alias")
    assert _keys(c, "城镇化", "城市化", "Urbanization") == ["urbanization"] * 3


def test_exclusion_file_and_list(data_dir):
    c = Cleaner(exclude=data_dir / "net_exclusion.txt")
    assert _keys(c, "[Anonymous]", "study", "studies", "map") == ["", "", "", "map"]
    assert _keys(Cleaner(exclude=["Map"]), "MAP", "maps", "x") == ["", "", "x"]


def test_plural_merging_needs_the_singular():
    c = Cleaner()
    got = _keys(c, "Neural Networks", "neural network", "GIS", "studies", "study", "analysis", "boxes", "box")
    assert got == ["neural network", "neural network", "gis", "study", "study", "analysis", "box", "box"]
    assert _keys(Cleaner(merge_plurals=False), "networks", "network") == ["networks", "network"]


def test_stop_lists_load():
    assert {"the", "using"} <= load_stopwords("en")
    assert "研究" in load_stopwords("zh")


def test_bilingual_alias_keeps_all_surface_labels(data_dir):
    docs = [["逆城市化", "乡村振兴"], ["Counter-urbanization", "rural revitalization"], ["逆城市化", "旅游"]]
    c = Corpus(pd.DataFrame({"uid": list("abc"), "year": 2020, "keywords": docs}))
    net = build_network(c, select=None, alias=data_dir / "alias_citespace_hash.alias")
    nodes = net.nodes.set_index("label")
    assert nodes.loc["counterurbanization", "freq"] == 3
    assert nodes.loc["counterurbanization", "labels"] == ["逆城市化", "Counter-urbanization"]
    assert nodes.loc["rural revitalization", "labels"] == ["rural revitalization", "乡村振兴"]
    assert set(nodes.index) == {"counterurbanization", "rural revitalization", "旅游"}


def test_alias_mapping_display_and_exclusion_in_build():
    docs = [["Remote Sensing", "RS", "study"], ["remote sensing", "GIS"]]
    c = Corpus(pd.DataFrame({"uid": list("ab"), "year": 2020, "keywords": docs}))
    net = build_network(c, select=None, alias={"RS": "Remote Sensing"}, exclude=["Study"])
    nodes = net.nodes.set_index("label")
    assert nodes.loc["Remote Sensing", "freq"] == 2
    assert nodes.loc["Remote Sensing", "labels"] == ["RS", "Remote Sensing", "remote sensing"]
    assert "study" not in {x.casefold() for x in nodes.index}
