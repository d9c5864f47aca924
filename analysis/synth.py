"""Synthetic data with known true coefficients, in the shape of the study's inputs.

The yearly city panel of the macro model and the China Migrants Dynamic Survey
(CMDS 2017) microdata are not public, so the package ships synthetic files of the
same shape. Every generator is seeded; the true coefficients are module
constants, so tests can check that the estimators recover them.

Regenerate the bundled files (``corpora/analysis/synthetic_*.csv``) with::

    python -m analysis.synth corpora/analysis
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.data import CITY_SIZES
from analysis.errors import ParameterError

__all__ = ["PANEL_TRUE", "SURVEY_TRUE", "DESTINATION_TRUE", "synthetic_city_panel",
           "synthetic_survey", "write_synthetic"]

PANEL_TRUE = {"gap": -0.080, "mig_cost": -0.050, "rural_dev": 0.060, "ind_upg": 0.040, "town_ps": 0.070}
"""True slopes of the city panel: ``cui = mu_city + lambda_year + sum(beta * x) + e``."""

SURVEY_TRUE = {"log_income": -0.40, "land_contract": 0.30, "homestead": 0.40, "social_insurance": -0.30,
               "owns_home": -0.60, "integration": -0.50, "child_left": 0.50, "parent_left": 0.30,
               "spouse_left": 0.60, "female": -0.15, "schooling": -0.05, "married": 0.20,
               "years_moved": -0.03, "self_employed": -0.20}
"""True logit slopes of return intention (1 = 返乡) on the survey regressors; the
latent index also holds ``0.06 age - 0.0008 age^2``, flow-range shifts
(cross_city -0.2, within_city -0.4 against cross_province) and a city effect."""

DESTINATION_TRUE = {"township_county": {"Intercept": 0.3, "schooling": 0.10, "log_income": 0.30},
                    "elsewhere": {"Intercept": -1.0, "schooling": 0.15, "log_income": 0.0}}
"""True multinomial-logit coefficients of a returner's destination against ``village``."""

_AGE = (0.06, -0.0008)
_FLOW = {"cross_province": 0.0, "cross_city": -0.2, "within_city": -0.4}


def synthetic_city_panel(*, n_cities: int = 11, years: range = range(2010, 2022), seed: int = 0,
                         noise: float = 0.02) -> pd.DataFrame:
    """Generate a balanced city panel for the macro model.

    Parameters
    ----------
    n_cities : int, default 11
        Number of cities (named ``city_01`` ...).
    years : range, default 2010-2021
        Years of the panel.
    seed : int, default 0
        Random seed.
    noise : float, default 0.02
        Standard deviation of the idiosyncratic error.

    Returns
    -------
    pandas.DataFrame
        ``city, year, cui, gap, mig_cost, rural_dev, ind_upg, town_ps, log_gdp_pc``;
        city effects are correlated with ``gap`` (so FE and RE differ) and year
        effects are common shocks. True slopes: :data:`PANEL_TRUE` (``log_gdp_pc``: 0).
    """
    if n_cities < 2 or len(years) < 2:
        raise ParameterError("the panel needs at least 2 cities and 2 years")
    rng = np.random.default_rng(seed)
    cities = [f"city_{i + 1:02d}" for i in range(n_cities)]
    n, t = n_cities, len(years)
    mu = rng.normal(0.0, 0.05, n)
    lam = np.cumsum(rng.normal(0.01, 0.005, t))
    trend = np.arange(t) / t
    x = {
        "gap": 2.6 - 0.6 * trend[None, :] + 4.0 * mu[:, None] + rng.normal(0, 0.15, (n, t)),
        "mig_cost": rng.normal(1.0, 0.3, n)[:, None] - 0.3 * trend[None, :] + rng.normal(0, 0.2, (n, t)),
        "rural_dev": rng.normal(0.0, 1.0, (n, t)) + 0.8 * trend[None, :],
        "ind_upg": rng.normal(1.2, 0.2, n)[:, None] + 0.5 * trend[None, :] + rng.normal(0, 0.3, (n, t)),
        "town_ps": rng.normal(0.0, 1.0, (n, t)),
        "log_gdp_pc": rng.normal(11.0, 0.3, n)[:, None] + 0.6 * trend[None, :] + rng.normal(0, 0.05, (n, t)),
    }
    cui = 0.5 + mu[:, None] + lam[None, :] + rng.normal(0, noise, (n, t))
    for name, beta in PANEL_TRUE.items():
        cui = cui + beta * x[name]
    frame = pd.DataFrame({"city": np.repeat(cities, t), "year": np.tile(np.asarray(years), n),
                          "cui": cui.ravel()})
    for name, values in x.items():
        frame[name] = values.ravel()
    return frame.round(6)


def synthetic_survey(*, n: int = 4000, n_cities: int = 20, seed: int = 0,
                     undecided: float = 0.15) -> pd.DataFrame:
    """Generate a CMDS-shaped respondent table with known logit coefficients.

    Parameters
    ----------
    n : int, default 4000
        Respondents (agricultural hukou, aged 16-59, moved for work or business).
    n_cities : int, default 20
        Inflow cities (``inflow_01`` ...), each with a city-size class and a random effect.
    seed : int, default 0
        Random seed.
    undecided : float, default 0.15
        Share answering 没想好, drawn at random (so dropping them is ignorable).

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`analysis.data.SURVEY_COLUMNS` plus ``id`` and ``city``.
        ``intention`` follows a logit with :data:`SURVEY_TRUE`; a returner's
        ``destination`` follows a multinomial logit with :data:`DESTINATION_TRUE`.
    """
    if n < 100 or n_cities < 2 or not 0 <= undecided < 1:
        raise ParameterError("need n >= 100, n_cities >= 2 and 0 <= undecided < 1")
    rng = np.random.default_rng(seed)
    cities = np.array([f"inflow_{i + 1:02d}" for i in range(n_cities)])
    sizes = np.array(CITY_SIZES)[np.arange(n_cities) % len(CITY_SIZES)]
    effect = rng.normal(0.0, 0.3, n_cities)
    c = rng.integers(0, n_cities, n)
    age = rng.integers(16, 60, n).astype(float)
    d = pd.DataFrame({"id": np.arange(1, n + 1), "city": cities[c], "city_size": sizes[c]})
    d["log_income"] = rng.normal(8.3, 0.5, n).round(4)
    for col, p in (("land_contract", 0.6), ("homestead", 0.7), ("social_insurance", 0.4),
                   ("owns_home", 0.25), ("child_left", 0.3), ("parent_left", 0.4),
                   ("spouse_left", 0.1), ("female", 0.45), ("married", 0.75), ("self_employed", 0.35)):
        d[col] = (rng.random(n) < p).astype(int)
    d["integration"] = np.clip(rng.normal(2.8, 0.5, n), 1, 4).round(2)
    d["age"] = age
    d["schooling"] = rng.choice([6, 9, 12, 15, 16], n, p=[0.2, 0.45, 0.2, 0.1, 0.05]).astype(float)
    d["flow_range"] = rng.choice(list(_FLOW), n, p=[0.5, 0.3, 0.2])
    d["years_moved"] = np.minimum(rng.exponential(6.0, n).round(0), age - 15)
    latent = 3.5 + _AGE[0] * age + _AGE[1] * age ** 2 + effect[c] + d["flow_range"].map(_FLOW).to_numpy()
    for name, beta in SURVEY_TRUE.items():
        latent = latent + beta * d[name].to_numpy(dtype=float)
    ret = rng.random(n) < 1.0 / (1.0 + np.exp(-latent))
    d["intention"] = np.where(ret, "return", "stay")
    d.loc[rng.random(n) < undecided, "intention"] = "undecided"
    util = np.zeros((n, 3))
    for k, name in enumerate(("township_county", "elsewhere"), start=1):
        coefs = DESTINATION_TRUE[name]
        util[:, k] = coefs["Intercept"] + coefs["schooling"] * (d["schooling"].to_numpy() - 9) \
            + coefs["log_income"] * (d["log_income"].to_numpy() - 8.3)
    util += rng.gumbel(size=(n, 3))
    dest = np.array(["village", "township_county", "elsewhere"])[util.argmax(axis=1)]
    d["destination"] = np.where(d["intention"] == "return", dest, "stay")
    return d


def write_synthetic(folder: str | Path, *, seed: int = 0) -> list[Path]:
    """Write ``synthetic_city_panel.csv`` and ``synthetic_cmds.csv`` (byte-identical per seed).

    Parameters
    ----------
    folder : str or Path
        Output folder (created if needed).
    seed : int, default 0
        Random seed of both generators.

    Returns
    -------
    list of Path
        The files written.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "synthetic_city_panel.csv", out / "synthetic_cmds.csv"]
    synthetic_city_panel(seed=seed).to_csv(paths[0], index=False, lineterminator="\n")
    synthetic_survey(seed=seed).to_csv(paths[1], index=False, lineterminator="\n")
    return paths


if __name__ == "__main__":  # pragma: no cover - regeneration entry point
    for written in write_synthetic(sys.argv[1] if len(sys.argv) > 1 else "corpora/analysis"):
        print(written)
