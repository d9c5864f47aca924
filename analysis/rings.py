"""Core / inner-suburb / county rings of the 11 YREB cities from the county census tables.

The rings are data, not code: ``corpora/analysis/rings.csv`` gives each
comparable unit its ring, and ``corpora/analysis/crosswalk_2010_2020.csv`` maps
every 2010 and 2020 district/county code of the 11 cities onto those units
(districts merged or renamed between the censuses share one unit). This module
reads the census yearbook tables of ``leiii/census`` (Dong, Du & Liu 2022, MIT
licence), checks that the crosswalk covers every census row of the cities, and
aggregates population, urban and rural population by unit and year.

The result is the *ring panel* of :mod:`analysis.data` (one row per unit and
census year). :func:`check_against_city_totals` compares its city sums with the
prefecture table, whose 2010 figures are harmonised to 2020 boundaries.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.data import RINGS, check_columns, read_table, validate_ring_panel
from analysis.errors import SchemaError

__all__ = ["CORPUS", "YREB_CITIES", "load_rings", "load_crosswalk", "district_rings", "load_census_counties",
           "build_ring_panel", "check_against_city_totals", "load_ring_panel"]

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "analysis"
"""Folder of the bundled derived data."""

YREB_CITIES = {"Shanghai": "上海市", "Chongqing": "重庆市", "Nanjing": "南京市", "Hangzhou": "杭州市",
               "Hefei": "合肥市", "Nanchang": "南昌市", "Wuhan": "武汉市", "Changsha": "长沙市",
               "Chengdu": "成都市", "Guiyang": "贵阳市", "Kunming": "昆明市"}
"""The 11 core cities of the Yangtze River Economic Belt (English name -> census name)."""

try:  # python-calamine reads the two 4 MB workbooks about ten times faster than openpyxl
    import python_calamine  # noqa: F401
    _ENGINE = "calamine"
except ImportError:  # pragma: no cover - depends on the installation
    _ENGINE = "openpyxl"

_FILE_2010 = "census_county_2010_v1.xlsx"
_FILE_2020 = "census_county_2020_v1.xlsx"
_FILE_CITY = "census_city_2010-2020_v1.csv"


def load_rings(path: str | Path | None = None) -> pd.DataFrame:
    """Read the ring table (``city, city_zh, unit, unit_name, ring, status_2010, reason``).

    Parameters
    ----------
    path : str or Path, optional
        CSV file; default the bundled ``corpora/analysis/rings.csv``.

    Returns
    -------
    pandas.DataFrame
        One row per comparable unit, ``unit`` as str.
    """
    path = Path(path) if path is not None else CORPUS / "rings.csv"
    frame, first = read_table(path)
    check_columns(frame, ["city", "unit", "ring"], source=str(path))
    frame["unit"] = frame["unit"].astype(str)
    bad = ~frame["ring"].isin(RINGS)
    if bool(bad.any()):
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise SchemaError(f"unknown ring {frame['ring'].iloc[pos]!r} (expected {', '.join(RINGS)})",
                          source=str(path), column="ring", row=pos + first)
    dup = frame.duplicated(["city", "unit"])
    if bool(dup.any()):
        pos = int(np.flatnonzero(dup.to_numpy())[0])
        raise SchemaError(f"unit {frame['unit'].iloc[pos]} listed twice", source=str(path),
                          column="unit", row=pos + first)
    return frame


def load_crosswalk(path: str | Path | None = None) -> pd.DataFrame:
    """Read the 2010 -> 2020 crosswalk (``city, year, code, name, unit, change``).

    Parameters
    ----------
    path : str or Path, optional
        CSV file; default the bundled ``corpora/analysis/crosswalk_2010_2020.csv``.

    Returns
    -------
    pandas.DataFrame
        One row per census code and year; ``code`` and ``unit`` as str.
    """
    path = Path(path) if path is not None else CORPUS / "crosswalk_2010_2020.csv"
    frame, first = read_table(path)
    check_columns(frame, ["city", "year", "code", "name", "unit"], source=str(path))
    frame["code"] = frame["code"].astype(str)
    frame["unit"] = frame["unit"].astype(str)
    dup = frame.duplicated(["year", "code"])
    if bool(dup.any()):
        pos = int(np.flatnonzero(dup.to_numpy())[0])
        raise SchemaError(f"code {frame['code'].iloc[pos]} mapped twice in {frame['year'].iloc[pos]}",
                          source=str(path), column="code", row=pos + first)
    return frame


def district_rings(rings: pd.DataFrame | None = None,
                   crosswalk: pd.DataFrame | None = None) -> pd.DataFrame:
    """Ring of every census district/county code (the two tables joined).

    Parameters
    ----------
    rings : pandas.DataFrame, optional
        Ring table (default :func:`load_rings`).
    crosswalk : pandas.DataFrame, optional
        Crosswalk (default :func:`load_crosswalk`).

    Returns
    -------
    pandas.DataFrame
        ``city, year, code, name, unit, ring, reason, change``, one row per code and year.
    """
    rings = load_rings() if rings is None else rings
    crosswalk = load_crosswalk() if crosswalk is None else crosswalk
    out = crosswalk.merge(rings[["city", "unit", "ring", "reason"]], on=["city", "unit"], how="left",
                          validate="many_to_one")
    return out[["city", "year", "code", "name", "unit", "ring", "reason", "change"]]


def _code(value: object) -> str | None:
    if pd.isna(value):
        return None
    return str(int(float(value)))


def load_census_counties(census_dir: str | Path) -> pd.DataFrame:
    """Read the 2010 and 2020 county tables into one long frame.

    Parameters
    ----------
    census_dir : str or Path
        Folder holding ``census_county_2010_v1.xlsx`` and ``census_county_2020_v1.xlsx``.

    Returns
    -------
    pandas.DataFrame
        ``year, code, name, population, urban, rural`` for every coded row. Empty
        urban or rural cells of the 2010 yearbook (wholly urban or rural
        districts) are 0.
    """
    folder = Path(census_dir)
    parts = []
    for year, name, cols, labels in (
            (2010, _FILE_2010, [0, 1, 2, 9, 10], ["name", "code", "population", "urban", "rural"]),
            (2020, _FILE_2020, [0, 3, 4, 9, 10], ["code", "name", "population", "urban", "rural"])):
        path = folder / name
        if not path.is_file():
            raise SchemaError("census table not found", source=str(path))
        raw = pd.read_excel(path, header=0, usecols=cols, engine=_ENGINE)
        raw.columns = labels
        raw = raw[raw["code"].notna()].copy()
        raw["code"] = raw["code"].map(_code)
        raw["name"] = raw["name"].astype(str).str.strip().str.replace("巿", "市", regex=False)
        for col in ("urban", "rural"):
            raw[col] = pd.to_numeric(raw[col], errors="coerce").fillna(0.0)
        raw["population"] = pd.to_numeric(raw["population"], errors="coerce")
        raw.insert(0, "year", year)
        parts.append(raw[["year", "code", "name", "population", "urban", "rural"]])
    return pd.concat(parts, ignore_index=True)


def _city_codes(crosswalk: pd.DataFrame, census: pd.DataFrame, city: str) -> None:
    """Raise when a census row of the city's prefecture codes is missing from the crosswalk."""
    rows = crosswalk[crosswalk["city"] == city]
    own = rows[rows["year"] == 2020]["code"].str[:4].unique()
    for year in (2010, 2020):
        listed = set(rows[rows["year"] == year]["code"])
        table = census[(census["year"] == year) & census["code"].str[:4].isin(own)
                       & ~census["code"].str.endswith("00")]
        missing = sorted(set(table["code"]) - listed)
        if missing:
            raise SchemaError(f"{city}: census {year} code {missing[0]} is not in the crosswalk",
                              source="crosswalk_2010_2020.csv", column="code")


def build_ring_panel(census_dir: str | Path, *, rings: pd.DataFrame | None = None,
                     crosswalk: pd.DataFrame | None = None,
                     census: pd.DataFrame | None = None) -> pd.DataFrame:
    """Aggregate census populations to comparable units and attach their rings.

    Parameters
    ----------
    census_dir : str or Path
        Folder of the census tables (``../shared/corpora/census``).
    rings : pandas.DataFrame, optional
        Ring table (default :func:`load_rings`).
    crosswalk : pandas.DataFrame, optional
        Crosswalk (default :func:`load_crosswalk`).
    census : pandas.DataFrame, optional
        Already loaded :func:`load_census_counties` output (saves reading the workbooks).

    Returns
    -------
    pandas.DataFrame
        The ring panel: ``city, unit, unit_name, ring, year, population, urban, rural``,
        sorted by city, unit and year.
    """
    rings = load_rings() if rings is None else rings
    crosswalk = load_crosswalk() if crosswalk is None else crosswalk
    census = load_census_counties(census_dir) if census is None else census
    merged = crosswalk.merge(census, on=["year", "code"], how="left", suffixes=("", "_census"))
    lost = merged["population"].isna()
    if bool(lost.any()):
        row = merged[lost].iloc[0]
        raise SchemaError(f"{row['city']}: code {row['code']} ({row['name']}) not found in the "
                          f"{row['year']} census table", source="crosswalk_2010_2020.csv", column="code")
    renamed = merged["name"] != merged["name_census"]
    if bool(renamed.any()):
        row = merged[renamed].iloc[0]
        raise SchemaError(f"code {row['code']} is {row['name_census']!r} in the {row['year']} census, "
                          f"not {row['name']!r}", source="crosswalk_2010_2020.csv", column="name")
    for city in crosswalk["city"].unique():
        _city_codes(crosswalk, census, city)
    panel = (merged.groupby(["city", "unit", "year"], as_index=False)[["population", "urban", "rural"]]
             .sum())
    years = panel.groupby(["city", "unit"])["year"].nunique()
    if bool((years < 2).any()):
        city, unit = years[years < 2].index[0]
        raise SchemaError(f"{city}: unit {unit} has data for one census only",
                          source="crosswalk_2010_2020.csv", column="unit")
    panel = panel.merge(rings[["city", "unit", "unit_name", "ring"]], on=["city", "unit"], how="left")
    if bool(panel["ring"].isna().any()):
        row = panel[panel["ring"].isna()].iloc[0]
        raise SchemaError(f"{row['city']}: unit {row['unit']} has no ring", source="rings.csv",
                          column="unit")
    panel = panel[["city", "unit", "unit_name", "ring", "year", "population", "urban", "rural"]]
    for col in ("population", "urban", "rural"):
        panel[col] = panel[col].round().astype("int64")
    return validate_ring_panel(panel)


def check_against_city_totals(panel: pd.DataFrame, census_dir: str | Path) -> pd.DataFrame:
    """Compare the ring panel's city sums with the prefecture-level census table.

    Parameters
    ----------
    panel : pandas.DataFrame
        Output of :func:`build_ring_panel`.
    census_dir : str or Path
        Folder holding ``census_city_2010-2020_v1.csv``.

    Returns
    -------
    pandas.DataFrame
        ``city, year, units_total, city_total, relative_difference``.
    """
    table = pd.read_csv(Path(census_dir) / _FILE_CITY, usecols=["city", "popu_2010", "popu_2020"])
    names = {zh: en for en, zh in YREB_CITIES.items()}
    table = table[table["city"].isin(names)].assign(city=lambda t: t["city"].map(names))
    long = table.melt(id_vars="city", var_name="year", value_name="city_total")
    long["year"] = long["year"].str[-4:].astype(int)
    sums = panel.groupby(["city", "year"], as_index=False)["population"].sum()
    out = sums.rename(columns={"population": "units_total"}).merge(long, on=["city", "year"])
    out["relative_difference"] = out["units_total"] / out["city_total"] - 1.0
    return out


def load_ring_panel(path: str | Path | None = None) -> pd.DataFrame:
    """Read a ring panel CSV (default the bundled ``corpora/analysis/census_rings.csv``).

    Parameters
    ----------
    path : str or Path, optional
        The CSV file.

    Returns
    -------
    pandas.DataFrame
        The validated ring panel.
    """
    path = Path(path) if path is not None else CORPUS / "census_rings.csv"
    frame, first = read_table(path)
    if "unit" in frame.columns:
        frame["unit"] = frame["unit"].astype(str)
    return validate_ring_panel(frame, source=str(path), first_line=first)
