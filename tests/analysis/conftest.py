"""Fixtures of the analysis tests: census tables read in place, spec oracles parsed from the spec."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

SPEC = Path(__file__).resolve().parents[2].parent / "shared" / "specs" / "analysis.md"


@pytest.fixture(scope="session")
def census_dir(corpora_dir: Path) -> Path:
    """``../shared/corpora/census`` (skips when absent)."""
    folder = corpora_dir / "census"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    return folder


@pytest.fixture(scope="session")
def census_counties(census_dir: Path):
    """Both county workbooks, loaded once (about 6 s)."""
    from analysis.rings import load_census_counties
    return load_census_counties(census_dir)


@pytest.fixture(scope="session")
def census_raw(census_dir: Path):
    """The raw 2010 and 2020 workbooks (code, name, total, urban), for hand computations."""
    import pandas as pd

    from analysis.rings import _ENGINE
    d10 = pd.read_excel(census_dir / "census_county_2010_v1.xlsx", usecols=[0, 1, 2, 9], engine=_ENGINE)
    d10.columns = ["name", "code", "total", "urban"]
    d20 = pd.read_excel(census_dir / "census_county_2020_v1.xlsx", usecols=[0, 3, 4, 9], engine=_ENGINE)
    d20.columns = ["code", "name", "total", "urban"]
    return d10, d20


@pytest.fixture(scope="session")
def entropy_oracles() -> dict:
    """The entropy oracles of the spec (published weights and the min-max figures), parsed in place."""
    if not SPEC.is_file():
        pytest.skip(f"{SPEC} is absent")
    text = SPEC.read_text(encoding="utf-8")
    out = {}
    for key, marker in (("xu", "| Xu (2004)"), ("zp", "| Zavadskas & Podvezko (2016)")):
        line = next(ln for ln in text.splitlines() if ln.startswith(marker))
        cells = [c.strip() for c in line.strip("|").split("|")]
        out[key] = {"matrix": json.loads(cells[1]), "weights": [float(v) for v in cells[2].split(",")]}
    block = text[text.index("Min-max + 0.0001 form"):]
    nums = re.findall(r"weights ([\d., ]+); scores ([\d., ]+)", block.replace("\n", " "))[0]
    out["minmax"] = {"weights": [float(v) for v in nums[0].strip(" .,").split(",")],
                     "scores": [float(v) for v in nums[1].strip(" .,").split(",")]}
    return out


@pytest.fixture()
def toy_rings():
    """Ring panel of four cities: A passes everything, B is not mature, C concentrates, D stops at the suburbs."""
    import pandas as pd

    rows = []
    spec = {  # (core, inner, county) populations 2010 -> 2020, urban share
        "A": ((100, 100), (50, 60), (50, 70), 0.8),
        "B": ((100, 90), (50, 60), (50, 70), 0.5),
        "C": ((100, 130), (50, 55), (50, 55), 0.8),
        "D": ((100, 95), (50, 80), (50, 52), 0.8),
    }
    for city, (core, inner, county, share) in spec.items():
        for ring, pops in zip(("core", "inner_suburb", "county"), (core, inner, county)):
            for year, pop in zip((2010, 2020), pops):
                rows.append({"city": city, "unit": f"{city}-{ring}", "ring": ring, "year": year,
                             "population": float(pop), "urban": pop * share, "rural": pop * (1 - share)})
    return pd.DataFrame(rows)
