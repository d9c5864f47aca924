"""Panel models: published reference results, cross-checks, tests, and recovery of known slopes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.errors import ParameterError, SchemaError
from analysis.regress import breusch_pagan_lm, fit_panel, hausman, panel_sequence
from analysis.synth import PANEL_TRUE, synthetic_city_panel

# Wooldridge, Introductory Econometrics (5th ed.), Table 14.2 "Three different estimators of a wage
# equation", WAGEPAN data (545 men, 1980-1987; shipped as linearmodels.datasets.wage_panel and
# used as the worked example of linearmodels' panel documentation). Year dummies in every model.
WAGEPAN_POOLED = {"educ": (0.091, 0.005), "black": (-0.139, 0.024), "hisp": (0.016, 0.021),
                  "exper": (0.067, 0.014), "expersq": (-0.0024, 0.0008), "married": (0.108, 0.016),
                  "union": (0.182, 0.017)}
WAGEPAN_RE = {"educ": (0.092, 0.011), "black": (-0.139, 0.048), "hisp": (0.022, 0.043),
              "exper": (0.106, 0.015), "expersq": (-0.0047, 0.0007), "married": (0.064, 0.017),
              "union": (0.106, 0.018)}
WAGEPAN_FE = {"expersq": (-0.0052, 0.0007), "married": (0.047, 0.018), "union": (0.080, 0.019)}
REGRESSORS = list(PANEL_TRUE) + ["log_gdp_pc"]


@pytest.fixture(scope="module")
def wagepan():
    from linearmodels.datasets import wage_panel
    data = wage_panel.load()
    years = pd.get_dummies(data["year"], prefix="y", drop_first=True, dtype=float)
    return pd.concat([data, years], axis=1), list(years.columns)


@pytest.fixture(scope="module")
def synth_panel():
    return synthetic_city_panel(seed=0)


def _digits(published: float) -> int:
    return len(f"{published:.4f}".rstrip("0").split(".")[1])


@pytest.mark.parametrize(("effects", "reference", "with_time_invariant"), [
    ("none", WAGEPAN_POOLED, True), ("random", WAGEPAN_RE, True), ("twoway", WAGEPAN_FE, False)])
def test_wagepan_reference_results(wagepan, effects, reference, with_time_invariant):
    data, years = wagepan
    xs = list(reference) + (years if effects != "twoway" else [])
    res = fit_panel(data, dependent="lwage", regressors=xs, effects=effects, cov="unadjusted",
                    entity="nr", time="year")
    for name, (coef, se) in reference.items():
        assert round(res.params[name], _digits(coef)) == pytest.approx(coef, abs=1e-12), name
        assert round(res.std_errors[name], _digits(se)) == pytest.approx(se, abs=1e-12), name


def test_twoway_fe_equals_dummy_variable_ols(synth_panel):
    import statsmodels.formula.api as smf
    ours = fit_panel(synth_panel, dependent="cui", regressors=REGRESSORS, effects="twoway")
    lsdv = smf.ols("cui ~ " + " + ".join(REGRESSORS) + " + C(city) + C(year)", synth_panel).fit()
    np.testing.assert_allclose(ours.params[REGRESSORS], lsdv.params[REGRESSORS], rtol=1e-8)


def test_twoway_fe_recovers_true_slopes(synth_panel):
    for cov in ("clustered", "driscoll_kraay"):
        res = fit_panel(synth_panel, dependent="cui", regressors=REGRESSORS, effects="twoway", cov=cov)
        z = stats.norm.ppf(0.995)
        for name, beta in {**PANEL_TRUE, "log_gdp_pc": 0.0}.items():
            lo = res.params[name] - z * res.std_errors[name]
            hi = res.params[name] + z * res.std_errors[name]
            assert lo <= beta <= hi, (cov, name, res.params[name], res.std_errors[name])


def test_breusch_pagan_by_hand(synth_panel):
    import statsmodels.formula.api as smf
    pooled = fit_panel(synth_panel, dependent="cui", regressors=REGRESSORS, effects="none", cov="unadjusted")
    e = smf.ols("cui ~ " + " + ".join(REGRESSORS), synth_panel).fit().resid
    n_city, t = 11, 12
    sums = e.groupby(synth_panel["city"]).sum()
    lm = n_city * t / (2 * (t - 1)) * ((sums ** 2).sum() / (e ** 2).sum() - 1) ** 2
    test = breusch_pagan_lm(pooled)
    assert test.statistic == pytest.approx(lm, rel=1e-8)
    assert test.pvalue == pytest.approx(stats.chi2.sf(lm, 1))


def test_sequence_tests_detect_correlated_effects(synth_panel):
    seq = panel_sequence(synth_panel, dependent="cui", regressors=REGRESSORS)
    f = seq.tests["f_entity"]
    assert f.df == (10.0, 132 - 11 - len(REGRESSORS))
    assert f.pvalue < 0.01                       # city effects exist
    assert seq.tests["hausman"].statistic >= 0
    assert seq.tests["hausman"].pvalue < 0.01    # and correlate with gap, so RE is inconsistent
    assert seq.models["twoway_dk"].cov_note == "Driscoll-Kraay SE"
    assert seq.models["twoway_clustered"].fixed_effects == {"City FE": True, "Year FE": True}
    assert len(seq.tests_frame()) == 3


def test_hausman_needs_matching_models(synth_panel):
    fe = fit_panel(synth_panel, dependent="cui", regressors=REGRESSORS, effects="entity", cov="unadjusted")
    with pytest.raises(ParameterError, match="entity_fe and an re"):
        hausman(fe, fe)


def test_bad_panel_input(synth_panel):
    with pytest.raises(SchemaError, match="column 'nope'"):
        fit_panel(synth_panel, dependent="cui", regressors=["nope"])
    bad = synth_panel.astype({"gap": object})
    bad.loc[5, "gap"] = "high"
    with pytest.raises(SchemaError, match=r"row 6, column 'gap'.*'high'"):
        fit_panel(bad, dependent="cui", regressors=["gap"])
    with pytest.raises(ParameterError, match="effects must be"):
        fit_panel(synth_panel, dependent="cui", regressors=["gap"], effects="between")
