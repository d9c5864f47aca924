"""Input validation: a bad table fails with a typed error naming the column and row."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.data import city_size_class, read_table, validate_city_panel, validate_ring_panel, validate_survey
from analysis.errors import SchemaError
from analysis.synth import synthetic_survey
from litmap.errors import DataError


def _panel() -> pd.DataFrame:
    return pd.DataFrame({"city": ["A", "A", "B", "B"], "year": [2019, 2020, 2019, 2020],
                         "x": [1.0, 2.0, 3.0, 4.0], "y": ["5", "6", "7", "8"]})


def test_city_panel_types_and_order():
    out = validate_city_panel(_panel().iloc[::-1])
    assert out["year"].dtype == "int64" and out["y"].dtype == "float64"
    assert out[["city", "year"]].values.tolist() == [["A", 2019], ["A", 2020], ["B", 2019], ["B", 2020]]


def test_missing_column_is_named():
    with pytest.raises(SchemaError, match="column 'year': missing column") as info:
        validate_city_panel(_panel().drop(columns="year"), source="panel.csv")
    assert isinstance(info.value, DataError) and info.value.column == "year"


def test_duplicate_city_year_names_both_rows():
    bad = pd.concat([_panel(), _panel().iloc[[2]]], ignore_index=True)
    with pytest.raises(SchemaError, match=r"row 6: duplicate city/year \(city=B, year=2019\) already on row 4"):
        validate_city_panel(bad, source="p.csv", first_line=2)


def test_non_numeric_cell_names_column_and_line(tmp_path):
    path = tmp_path / "panel.csv"
    path.write_text("city,year,x\nA,2019,1.5\nA,2020,n/a?\n", encoding="utf-8")
    frame, first = read_table(path)
    with pytest.raises(SchemaError, match=r"panel.csv, row 3, column 'x': not a number: 'n/a\?'"):
        validate_city_panel(frame, source=str(path), first_line=first)


def test_missing_indicator_and_fractional_year():
    p = _panel()
    p.loc[1, "x"] = None
    with pytest.raises(SchemaError, match="row 2, column 'x': missing value"):
        validate_city_panel(p)
    validate_city_panel(p, allow_missing=True)
    q = _panel().assign(year=[2019, 2020.5, 2019, 2020])
    with pytest.raises(SchemaError, match="year must be a whole number"):
        validate_city_panel(q)


def test_ring_panel_rejects_unknown_ring_and_nonpositive_population():
    ring = pd.DataFrame({"city": ["A", "A"], "unit": ["1", "1"], "ring": ["core", "core"],
                         "year": [2010, 2020], "population": [10.0, 12.0]})
    validate_ring_panel(ring)
    with pytest.raises(SchemaError, match=r"row 2, column 'ring': unknown code 'suburb'"):
        validate_ring_panel(ring.assign(ring=["core", "suburb"]))
    with pytest.raises(SchemaError, match="population must be positive"):
        validate_ring_panel(ring.assign(population=[10.0, 0.0]))


def test_survey_wrong_codes_and_binary_values():
    survey = synthetic_survey(n=200, seed=5)
    validate_survey(survey)
    bad = survey.copy()
    bad.loc[7, "flow_range"] = "abroad"
    with pytest.raises(SchemaError, match=r"row 8, column 'flow_range': unknown code 'abroad'"):
        validate_survey(bad)
    bad = survey.copy()
    bad["owns_home"] = bad["owns_home"].astype(float)
    bad.loc[3, "owns_home"] = 2
    with pytest.raises(SchemaError, match=r"row 4, column 'owns_home': expected 0 or 1"):
        validate_survey(bad)
    with pytest.raises(SchemaError, match="duplicate id"):
        validate_survey(pd.concat([survey, survey.iloc[[0]]], ignore_index=True))


def test_unreadable_csv_is_a_schema_error(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(SchemaError, match="cannot read the CSV file"):
        read_table(path)


def test_city_size_classes_of_2014():
    assert city_size_class(1e7) == "super"
    assert city_size_class([9_999_999, 5e6, 3e6, 2_999_999, 5e5, 499_999]) == [
        "mega", "mega", "large_1", "large_2", "medium", "small"]
    with pytest.raises(SchemaError):
        city_size_class(-1)


def test_gb18030_csv_is_read(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("city,year,x\n南京,2019,1\n南京,2020,2\n".encode("gb18030"))
    frame, first = read_table(path)
    assert frame["city"].tolist() == ["南京", "南京"] and first == 2
