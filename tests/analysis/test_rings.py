"""Ring table from the census: coverage, reproducibility and city totals (real data, read in place)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import SchemaError
from analysis.rings import (YREB_CITIES, build_ring_panel, check_against_city_totals, load_crosswalk,
                            load_ring_panel, load_rings)

pytestmark = pytest.mark.corpora


@pytest.fixture(scope="module")
def built(census_dir, census_counties):
    return build_ring_panel(census_dir, census=census_counties)


def test_bundled_ring_panel_is_reproducible(built):
    shipped = load_ring_panel()
    pd.testing.assert_frame_equal(built, shipped, check_dtype=False)


def test_every_city_has_a_core_and_both_years(built):
    assert set(built["city"]) == set(YREB_CITIES)
    assert set(built["year"]) == {2010, 2020}
    cores = built[built["ring"] == "core"].groupby("city")["unit"].nunique()
    assert set(cores.index) == set(YREB_CITIES)


def test_city_sums_match_the_prefecture_table(built, census_dir):
    check = check_against_city_totals(built, census_dir)
    assert len(check) == 22
    exact = check[~((check["city"] == "Wuhan") & (check["year"] == 2020))]
    assert (exact["units_total"] - exact["city_total"]).abs().max() <= 1
    wuhan = check[(check["city"] == "Wuhan") & (check["year"] == 2020)].iloc[0]
    assert abs(wuhan["relative_difference"]) < 0.011   # yearbook vs bulletin, see README


def test_nanjing_core_by_hand(built, census_raw):
    d10, d20 = census_raw
    code10 = d10["code"].astype("Int64").astype("string")
    code20 = d20["code"].astype("Int64").astype("string")
    core10 = d10.loc[code10.isin(["320102", "320103", "320104", "320105", "320106", "320107"]), "total"].sum()
    core20 = d20.loc[code20.isin(["320102", "320104", "320105", "320106"]), "total"].sum()
    ours = built[(built["city"] == "Nanjing") & (built["ring"] == "core")].groupby("year")["population"].sum()
    assert ours[2010] == core10 and ours[2020] == core20


def test_hefei_includes_former_chaohu_units(built, census_raw):
    d10, _ = census_raw
    code10 = d10["code"].astype("Int64").astype("string")
    juchao_lujiang = d10.loc[code10.isin(["341402", "341421"]), "total"].sum()
    hefei_2010 = d10.loc[code10 == "340100", "total"].iloc[0]
    ours = built[(built["city"] == "Hefei") & (built["year"] == 2010)]["population"].sum()
    assert ours == hefei_2010 + juchao_lujiang


def test_crosswalk_gap_is_reported(census_dir, census_counties):
    walk = load_crosswalk()
    gap = walk[~((walk["year"] == 2010) & (walk["code"] == "320107"))]   # drop 下关区
    with pytest.raises(SchemaError, match="Nanjing: census 2010 code 320107 is not in the crosswalk"):
        build_ring_panel(census_dir, crosswalk=gap, census=census_counties)


def test_missing_ring_is_reported(census_dir, census_counties):
    rings = load_rings()
    with pytest.raises(SchemaError, match="has no ring"):
        build_ring_panel(census_dir, rings=rings.iloc[1:], census=census_counties)


def test_ring_file_rejects_unknown_label(tmp_path):
    bad = load_rings().assign(ring="downtown")
    path = tmp_path / "rings.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(SchemaError, match=r"row 2, column 'ring': unknown ring 'downtown'"):
        load_rings(path)


def test_district_level_ring_table():
    from analysis.rings import district_rings
    table = district_rings()
    assert table["ring"].notna().all()
    zhabei = table[(table["year"] == 2010) & (table["code"] == "310108")].iloc[0]
    assert (zhabei["name"], zhabei["unit"], zhabei["ring"]) == ("闸北区", "310106", "core")
    lishui = table[(table["year"] == 2020) & (table["code"] == "320117")].iloc[0]
    assert lishui["ring"] == "county" and "溧水县 became 溧水区" in lishui["change"]
