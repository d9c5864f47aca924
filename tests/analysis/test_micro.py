"""Micro models on the synthetic survey: recovery of the true coefficients, AME, MNL, subgroups."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from analysis.errors import ParameterError, SchemaError
from analysis.micro import (fit_binary, fit_multinomial, fit_subgroups, marginal_effects,
                            prepare_survey)
from analysis.synth import DESTINATION_TRUE, SURVEY_TRUE, synthetic_survey

Z99 = stats.norm.ppf(0.995)


@pytest.fixture(scope="module")
def survey():
    return prepare_survey(synthetic_survey(seed=0))


@pytest.fixture(scope="module")
def logit(survey):
    return fit_binary(survey)


def _covers(result, name, beta):
    lo = result.params[name] - Z99 * result.std_errors[name]
    hi = result.params[name] + Z99 * result.std_errors[name]
    return lo <= beta <= hi


def test_logit_recovers_true_slopes(logit):
    missed = [n for n, b in SURVEY_TRUE.items() if not _covers(logit, n, b)]
    assert not missed, missed
    assert _covers(logit, "C(flow_range, Treatment('cross_province'))[T.within_city]", -0.4)
    assert logit.cov_note == "SE clustered by inflow city"
    assert not any(i.startswith("C(city)") for i in logit.params.index)
    assert 0 < logit.fit_stat < 1 and logit.fit_label == "pseudo R²"


def test_average_marginal_effect_by_hand(logit, survey):
    ame = marginal_effects(logit)
    xb = logit.fitted.fittedvalues.to_numpy()
    density = np.mean(np.exp(-xb) / (1 + np.exp(-xb)) ** 2)
    assert ame.params["log_income"] == pytest.approx(density * logit.params["log_income"], rel=1e-10)
    assert ame.kind == "logit_ame" and ame.nobs == logit.nobs


def test_probit_agrees_in_sign_and_scale(survey, logit):
    probit = fit_binary(survey, model="probit")
    ratio = (logit.params[list(SURVEY_TRUE)] / probit.params[list(SURVEY_TRUE)]).to_numpy()
    assert np.all(ratio > 0)
    assert 1.4 < np.median(ratio) < 1.9       # the usual logit/probit scale factor (about 1.6)


def test_undecided_as_zero_keeps_more_rows():
    raw = synthetic_survey(n=600, seed=2)
    dropped = prepare_survey(raw)
    zero = prepare_survey(raw, undecided="zero")
    n_undecided = int((raw["intention"] == "undecided").sum())
    assert len(zero) - len(dropped) == n_undecided
    assert zero["return"].sum() == dropped["return"].sum()


def test_multinomial_recovers_destination_coefficients(survey):
    data = survey.assign(s=survey["schooling"] - 9, li=survey["log_income"] - 8.3)
    results = fit_multinomial(data, regressors=("s", "li"))
    assert [r.name for r in results] == ["township_county vs village", "elsewhere vs village"]
    for res, outcome in zip(results, ("township_county", "elsewhere")):
        truth = DESTINATION_TRUE[outcome]
        assert _covers(res, "Intercept", truth["Intercept"])
        assert _covers(res, "s", truth["schooling"])
        assert _covers(res, "li", truth["log_income"])


def test_subgroups_and_interactions(survey):
    groups = fit_subgroups(survey, by="generation")
    assert [g.name for g in groups] == ["new (born >= 1980)", "old (born < 1980)"]
    assert sum(g.nobs for g in groups) == len(survey)
    inter = fit_binary(survey, extra_terms=("log_income:female",))
    assert "log_income:female" in inter.params.index
    assert _covers(inter, "log_income:female", 0.0)   # no interaction in the data-generating process
    with pytest.raises(ParameterError, match="by must be one of"):
        fit_subgroups(survey, by="hukou")


def test_bad_outcome_is_reported(survey):
    with pytest.raises(SchemaError, match="column 'age'.*must be 0 or 1"):
        fit_binary(survey, dependent="age")
    with pytest.raises(ParameterError, match="model must be"):
        fit_binary(survey, model="tobit")


def test_sample_rules_and_second_outcome():
    raw = synthetic_survey(n=400, seed=6)
    raw["hukou"] = ["agricultural"] * 390 + ["non_agricultural"] * 10
    raw["move_reason"] = ["work"] * 380 + ["study"] * 20
    out = prepare_survey(raw, undecided="zero")
    assert len(out) == 380
    returners = out[out["return"] == 1]
    assert set(out.loc[out["return"] == 0, "choice_code"]) == {0}
    assert (out["rural_return"] == returners["destination"].isin(["village", "township_county"])
            .reindex(out.index, fill_value=False).astype(int)).all()
    assert set(returners["choice_code"]) <= {1, 2, 3}


def test_integration_score_reverses_items():
    import pandas as pd
    from analysis.micro import integration_score
    items = pd.DataFrame({"a": [4, 1], "b": [3, 2], "c": [2, 2], "neg": [1, 4]})
    score = integration_score(items, items=["a", "b", "c", "neg"], reversed_items=["neg"])
    assert score.tolist() == [(4 + 3 + 2 + 4) / 4, (1 + 2 + 2 + 1) / 4]
    with pytest.raises(SchemaError, match=r"row 2, column 'b'.*between 1 and 4"):
        integration_score(items.assign(b=[3, 7]), items=["a", "b"])
