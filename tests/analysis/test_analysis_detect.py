"""Detection chain: configuration, elimination semantics, and figures checked by hand on the census."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.detect import detect_counterurbanization, load_screens, ring_growth
from analysis.errors import ConfigError
from analysis.rings import load_ring_panel


def test_toy_chain_removes_each_city_at_its_screen(toy_rings):
    result = detect_counterurbanization(toy_rings)
    assert result.kept == ("A",)
    removed = dict(zip(result.cities["city"], result.cities["removed_by"]))
    assert removed == {"A": "", "B": "maturity", "C": "dispersion", "D": "beyond_suburbanisation"}
    b = result.audit[result.audit["city"] == "B"].set_index("screen")
    assert b.loc["maturity", "reached"] and not b.loc["maturity", "passed"]
    assert not b.loc["dispersion", "reached"]          # later screens are shown but not reached
    assert b.loc["dispersion", "passed"]               # ... with their own verdict
    d = result.audit[(result.audit["city"] == "D") & (result.audit["screen"] == "beyond_suburbanisation")]
    assert d["value"].iloc[0] == pytest.approx(2 / 50 - 30 / 50)
    assert "removed 1 (B)" in result.summary()


def test_methods_are_parameters(toy_rings):
    toy = toy_rings
    growth = ring_growth(toy, (2010, 2020))
    assert growth.loc["C", "core_growth"] == pytest.approx(0.3)
    gap = detect_counterurbanization(toy, config={"screens": [{"name": "dispersion", "method": "growth_gap"}]})
    c = gap.audit.set_index("city").loc["C", "value"]
    assert c == pytest.approx(10 / 100 - 0.3)
    roxy = detect_counterurbanization(toy, config={"screens": [{"name": "dispersion", "method": "roxy"}]})
    assert set(roxy.kept) == {"A", "B", "D"}              # C's core (largest unit) grows fastest
    rural = detect_counterurbanization(toy, config={"screens": [
        {"name": "beyond_suburbanisation", "method": "rural_growth"}]})
    assert rural.audit.set_index("city").loc["B", "value"] == pytest.approx(220 * 0.5 / 100 - 1)


@pytest.mark.parametrize(("text", "match"), [
    ("bogus = 1", "unknown key 'bogus'"),
    ("[[screens]]\nname = 'sprawl'", "unknown name 'sprawl'"),
    ("[[screens]]\nname = 'dispersion'\nmethod = 'median'", "method must be one of"),
    ("[[screens]]\nname = 'maturity'\nmin_rat = 0.7", "unknown key 'min_rat'"),
    ("windows = [[2020, 2010]]", "windows must be"),
    ("candidates = 'Wuhan'", "candidates must be a list"),
    ("[[screens]\n", "invalid TOML"),
])
def test_config_errors_name_the_problem(tmp_path, text, match):
    path = tmp_path / "screens.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=match):
        load_screens(path)


def test_default_config_is_the_documented_chain():
    cfg = load_screens()
    assert [s["name"] for s in cfg["screens"]] == ["maturity", "dispersion", "beyond_suburbanisation",
                                                   "persistence"]
    assert cfg["screens"][0]["min_rate"] == 0.70
    assert cfg["windows"] == [(2010, 2020)] and cfg["candidates"] is None


@pytest.mark.corpora
class TestOnCensus:
    """Figures of the default chain on the real ring panel, recomputed by hand from the workbooks."""

    @pytest.fixture(scope="class")
    @classmethod
    def result(cls):
        return detect_counterurbanization(load_ring_panel())

    @staticmethod
    def _codes(frame: pd.DataFrame) -> pd.Series:
        return frame["code"].astype("Int64").astype("string")

    def _total(self, frame, codes, col="total"):
        return frame.loc[self._codes(frame).isin(codes), col].sum()

    def test_chongqing_urbanisation_rate(self, result, census_raw):
        _, d20 = census_raw
        rate = self._total(d20, ["500100", "500200"], "urban") / self._total(d20, ["500100", "500200"])
        row = result.audit[(result.audit["city"] == "Chongqing") & (result.audit["screen"] == "maturity")]
        assert row["value"].iloc[0] == pytest.approx(rate, rel=1e-12)
        assert bool(row["passed"].iloc[0]) == (rate >= 0.70)

    def test_shanghai_core_share_change(self, result, census_raw):
        d10, d20 = census_raw
        core10 = ["310101", "310103", "310104", "310105", "310106", "310107", "310108", "310109", "310110"]
        core20 = ["310101", "310104", "310105", "310106", "310107", "310109", "310110"]
        share10 = self._total(d10, core10) / self._total(d10, ["310000"])
        share20 = self._total(d20, core20) / self._total(d20, ["310100"])
        row = result.audit[(result.audit["city"] == "Shanghai") & (result.audit["screen"] == "dispersion")]
        assert row["value"].iloc[0] == pytest.approx(share20 - share10, rel=1e-12)
        assert bool(row["passed"].iloc[0]) == (share20 - share10 < 0)

    def test_kunming_county_versus_inner_suburb(self, result, census_raw):
        d10, d20 = census_raw
        county10 = ["530121", "530122", "530124", "530125", "530126", "530127", "530128", "530129", "530181"]
        county20 = ["530114", "530115", "530124", "530125", "530126", "530127", "530128", "530129", "530181"]
        g_county = self._total(d20, county20) / self._total(d10, county10) - 1
        g_inner = self._total(d20, ["530113"]) / self._total(d10, ["530113"]) - 1    # 东川区
        row = result.audit[(result.audit["city"] == "Kunming")
                           & (result.audit["screen"] == "beyond_suburbanisation")]
        assert row["value"].iloc[0] == pytest.approx(g_county - g_inner, rel=1e-12)

    def test_audit_is_consistent(self, result):
        audit = result.audit
        assert len(audit) == 11 * 4
        for city, rows in audit.groupby("city"):
            failed = rows[rows["reached"] & ~rows["passed"]]
            assert len(failed) <= 1
            expected = failed["screen"].iloc[0] if len(failed) else ""
            assert (rows["removed_by"] == expected).all()
            assert (city in result.kept) == (expected == "")
        wuhan = audit[(audit["city"] == "Wuhan") & (audit["screen"] == "beyond_suburbanisation")]
        assert "county_growth=n/a" in wuhan["figures"].iloc[0]      # Wuhan has no county ring


def test_spatial_stages_of_toy_cities(toy_rings):
    from analysis.detect import spatial_stages
    stages = spatial_stages(toy_rings, (2010, 2020)).set_index("city")
    assert stages.loc["A", "core_change"] == 0 and stages.loc["A", "periphery_change"] == 30
    assert stages.loc["A", "stage"] == "suburbanisation"          # core +0, ring +30: relative decentralisation
    assert stages.loc["B", "phase"] == 4                           # core -10, ring +30: absolute decentralisation
    assert stages.loc["C", "stage"] == "urbanisation"              # core +30 > ring +10
    assert stages.loc["C", "roxy"] > 0 > stages.loc["B", "roxy"]
