"""Micro models of return intention (CMDS 2017 shape): logit, probit, AME, multinomial, heterogeneity.

The sample and variables follow the study (see ``analysis.data.SURVEY_COLUMNS``):
agricultural migrants aged 16-59 who moved for work; DV1 ``return`` = 1 for 返乡,
0 for 继续留在本地, 没想好 dropped (``undecided="drop"``) or coded 0 as a
robustness check (``undecided="zero"``). Standard errors are clustered by inflow
city; inflow-city fixed effects enter as ``C(city)``. Average marginal effects
come from statsmodels' ``get_margeff(at="overall")``.

Heterogeneity: :func:`fit_subgroups` refits one model per group of
:data:`GROUPINGS` (generation born >= 1980, gender, education, flow range and the
2014 city-size classes), and an interaction term ``x:group`` can be added to any
formula through ``extra_terms``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.data import validate_survey
from analysis.errors import ParameterError, SchemaError
from analysis.regress import RegressionResult

__all__ = ["DEFAULT_REGRESSORS", "DEFAULT_CONTROLS", "GROUPINGS", "integration_score", "prepare_survey",
           "fit_binary",
           "marginal_effects", "fit_multinomial", "fit_subgroups"]

DEFAULT_REGRESSORS = ("log_income", "land_contract", "homestead", "social_insurance", "owns_home",
                      "integration", "child_left", "parent_left", "spouse_left")
DEFAULT_CONTROLS = ("age", "age_sq", "female", "schooling", "married", "C(flow_range, Treatment('cross_province'))",
                    "years_moved", "self_employed")

GROUPINGS = {
    "generation": lambda d: np.where(d["birth_year"] >= 1980, "new (born >= 1980)", "old (born < 1980)"),
    "gender": lambda d: np.where(d["female"] == 1, "female", "male"),
    "education": lambda d: np.where(d["schooling"] > 9, "above junior high", "junior high or less"),
    "flow_range": lambda d: d["flow_range"].to_numpy(),
    "city_size": lambda d: d["city_size"].to_numpy(),
}
"""Subgroup definitions for :func:`fit_subgroups`."""


def integration_score(frame: pd.DataFrame, *, items: Sequence[str], reversed_items: Sequence[str] = (),
                      low: float = 1.0, high: float = 4.0) -> pd.Series:
    """Social-integration score: the mean of agreement items, reversing the negative ones.

    Parameters
    ----------
    frame : pandas.DataFrame
        Respondents with one column per item (CMDS: four items on a 1-4 agreement scale,
        one of them, e.g. "local people look down on me", worded negatively).
    items : sequence of str
        Item columns.
    reversed_items : sequence of str, default ()
        Items scored ``low + high - x``.
    low, high : float, default 1, 4
        Ends of the answer scale; answers outside it are an error.

    Returns
    -------
    pandas.Series
        Mean score per respondent, on the same scale.
    """
    missing = [c for c in [*items, *reversed_items] if c not in frame.columns]
    if missing:
        raise SchemaError("missing column", column=missing[0])
    extra = [c for c in reversed_items if c not in items]
    if extra:
        raise ParameterError(f"reversed item {extra[0]!r} is not among the items")
    values = frame[list(items)].apply(pd.to_numeric, errors="coerce")
    bad = values.isna() | (values < low) | (values > high)
    if bool(bad.to_numpy().any()):
        row, col = np.argwhere(bad.to_numpy())[0]
        raise SchemaError(f"answer must be between {low:g} and {high:g}, found "
                          f"{frame[items[col]].iloc[row]!r}", column=items[col], row=int(row) + 1)
    for col in reversed_items:
        values[col] = low + high - values[col]
    return values.mean(axis=1).rename("integration")


def prepare_survey(frame: pd.DataFrame, *, undecided: str = "drop", survey_year: int = 2017,
                   source: str | None = None, first_line: int = 1) -> pd.DataFrame:
    """Validate a survey table, apply the sample rules and derive the model variables.

    Sample: aged 16-59; when the optional columns are present, also ``hukou ==
    "agricultural"`` and ``move_reason`` in ``{"work", "business"}``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Respondent table (see :data:`analysis.data.SURVEY_COLUMNS`).
    undecided : {"drop", "zero"}, default "drop"
        Drop 没想好 answers, or code them 0 (robustness check).
    survey_year : int, default 2017
        Year used to derive ``birth_year`` from ``age``.
    source : str, optional
        File name for messages.
    first_line : int, default 1
        Row number of the first row in messages.

    Returns
    -------
    pandas.DataFrame
        Adds ``return`` (DV1, 0/1), ``rural_return`` (DV2: 1 = returns to a village or a
        township / county town, 0 otherwise), ``age_sq``, ``birth_year``, ``dest_code``
        (a returner's destination: 0 village, 1 township_county, 2 elsewhere; -1 when
        staying) and ``choice_code`` (0 stay, 1 village, 2 township_county, 3 elsewhere).
    """
    if undecided not in ("drop", "zero"):
        raise ParameterError(f"undecided must be 'drop' or 'zero', got {undecided!r}")
    out = validate_survey(frame, source=source, first_line=first_line)
    keep = (out["age"] >= 16) & (out["age"] <= 59)
    if "hukou" in out.columns:
        keep &= out["hukou"].astype(str).str.strip() == "agricultural"
    if "move_reason" in out.columns:
        keep &= out["move_reason"].astype(str).str.strip().isin(["work", "business"])
    out = out[keep]
    if undecided == "drop":
        out = out[out["intention"] != "undecided"]
    returning = out["intention"] == "return"
    dest = out["destination"].where(returning, "stay")
    out = out.assign(**{"return": returning.astype(int),
                        "rural_return": dest.isin(["village", "township_county"]).astype(int),
                        "age_sq": out["age"] ** 2, "birth_year": survey_year - out["age"]})
    out["dest_code"] = dest.map({"village": 0, "township_county": 1, "elsewhere": 2}).fillna(-1).astype(int)
    out["choice_code"] = dest.map({"stay": 0, "village": 1, "township_county": 2, "elsewhere": 3}).astype(int)
    if out.empty:
        raise SchemaError("no respondents left after the sample rules", source=source)
    return out.reset_index(drop=True)


def _formula(dependent: str, regressors: Sequence[str], controls: Sequence[str], city_fe: bool,
             extra: Sequence[str]) -> str:
    terms = [*regressors, *controls, *extra] + (["C(city)"] if city_fe else [])
    return f"Q('{dependent}') ~ " + " + ".join(terms)


def _wrap(res: object, name: str, kind: str, dependent: str, city_fe: bool, cluster: bool,
          used: Mapping, keep: Sequence[str] | None = None) -> RegressionResult:
    params, bse, pv = res.params, res.bse, res.pvalues
    ci = res.conf_int()
    ci.columns = ["lower", "upper"]
    if keep is not None:
        params, bse, pv, ci = params[keep], bse[keep], pv[keep], ci.loc[keep]
    note = "SE clustered by inflow city" if cluster else "conventional SE"
    return RegressionResult(name, kind, dependent, params.copy(), bse.copy(), pv.copy(), ci,
                            int(res.nobs), float(res.prsquared), "pseudo R²",
                            {"Inflow-city FE": city_fe}, note, res, dict(used))


def fit_binary(data: pd.DataFrame, *, dependent: str = "return", model: str = "logit",
               regressors: Sequence[str] = DEFAULT_REGRESSORS,
               controls: Sequence[str] = DEFAULT_CONTROLS, city_fe: bool = True,
               cluster: bool = True, extra_terms: Sequence[str] = (),
               name: str | None = None) -> RegressionResult:
    """Fit a logit or probit of a 0/1 outcome with city-clustered SE.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`prepare_survey` (or any frame with the named columns and ``city``).
    dependent : str, default "return"
        0/1 outcome.
    model : {"logit", "probit"}, default "logit"
        Link.
    regressors, controls : sequence of str
        Formula terms (patsy syntax, e.g. ``C(flow_range)``).
    city_fe : bool, default True
        Add inflow-city fixed effects ``C(city)`` (not shown in tables).
    cluster : bool, default True
        Cluster standard errors by ``city``.
    extra_terms : sequence of str, default ()
        More terms, e.g. the interaction ``log_income:female``.
    name : str, optional
        Column header in tables.

    Returns
    -------
    RegressionResult
        Coefficients without the city dummies; ``fit_stat`` is McFadden's pseudo-R².
    """
    import statsmodels.formula.api as smf
    from patsy import PatsyError

    if model not in ("logit", "probit"):
        raise ParameterError(f"model must be 'logit' or 'probit', got {model!r}")
    for col in (dependent, "city"):
        if col not in data.columns:
            raise SchemaError("missing column", column=col)
    y = data[dependent]
    if not bool(y.isin([0, 1]).all()):
        raise SchemaError("a binary outcome must be 0 or 1", column=dependent)
    if y.nunique() < 2:
        raise SchemaError("the outcome does not vary", column=dependent)
    formula = _formula(dependent, regressors, controls, city_fe, extra_terms)
    fit_kw = {"disp": 0, "maxiter": 200}
    if cluster:
        fit_kw |= {"cov_type": "cluster", "cov_kwds": {"groups": pd.factorize(data["city"])[0]}}
    try:
        fitter = smf.logit if model == "logit" else smf.probit
        res = fitter(formula, data).fit(**fit_kw)
    except PatsyError as exc:
        raise SchemaError(f"cannot build the model formula: {exc}") from exc
    except np.linalg.LinAlgError as exc:
        raise SchemaError(f"singular design (collinear regressors?): {exc}") from exc
    keep = [c for c in res.params.index if not c.startswith("C(city)")]
    used = {"dependent": dependent, "model": model, "regressors": list(regressors),
            "controls": list(controls), "city_fe": city_fe, "cluster": cluster,
            "extra_terms": list(extra_terms), "formula": formula}
    return _wrap(res, name or model.capitalize(), model, dependent, city_fe, cluster, used, keep)


def marginal_effects(result: RegressionResult, *, name: str | None = None) -> RegressionResult:
    """Average marginal effects of a logit/probit fit (city dummies left out).

    Parameters
    ----------
    result : RegressionResult
        From :func:`fit_binary`.
    name : str, optional
        Column header (default ``"<Model> AME"``).

    Returns
    -------
    RegressionResult
        ``kind`` ``logit_ame`` / ``probit_ame``; SE by the delta method on the
        model's (clustered) covariance.
    """
    if result.kind not in ("logit", "probit"):
        raise ParameterError("marginal_effects needs a logit or probit result")
    me = result.fitted.get_margeff(at="overall", method="dydx")
    frame = me.summary_frame()
    frame = frame[[not i.startswith("C(city)") for i in frame.index]]
    ci = frame.iloc[:, [4, 5]].copy()
    ci.columns = ["lower", "upper"]
    return RegressionResult(name or f"{result.name} AME", f"{result.kind}_ame", result.dependent,
                            frame["dy/dx"].rename(None), frame["Std. Err."].rename(None),
                            frame["Pr(>|z|)"].rename(None), ci, result.nobs, result.fit_stat,
                            result.fit_label, result.fixed_effects, result.cov_note, me,
                            {**result.params_used, "margeff": "overall dydx"})


def fit_multinomial(data: pd.DataFrame, *, dependent: str = "dest_code",
                    regressors: Sequence[str] = ("schooling", "log_income"),
                    outcomes: Sequence[str] = ("village", "township_county", "elsewhere"),
                    cluster: bool = True) -> list[RegressionResult]:
    """Multinomial logit of a coded outcome (0 = base), one result per non-base outcome.

    Parameters
    ----------
    data : pandas.DataFrame
        Rows to model; ``dependent`` holds codes 0..k-1 (rows with negative codes are dropped).
    dependent : str, default "dest_code"
        Integer-coded outcome (see :func:`prepare_survey`).
    regressors : sequence of str
        Formula terms.
    outcomes : sequence of str
        Names of the codes 0..k-1; code 0 is the base.
    cluster : bool, default True
        Cluster SE by ``city``.

    Returns
    -------
    list of RegressionResult
        ``kind`` ``mnlogit:<outcome>``, coefficients against the base outcome.
    """
    import statsmodels.formula.api as smf

    sub = data[data[dependent] >= 0]
    codes = sorted(sub[dependent].unique())
    if len(codes) < 3 or codes != list(range(len(codes))) or len(codes) != len(outcomes):
        raise SchemaError(f"expected codes 0..{len(outcomes) - 1} with every outcome present",
                          column=dependent)
    fit_kw = {"disp": 0, "maxiter": 200}
    if cluster:
        fit_kw |= {"cov_type": "cluster", "cov_kwds": {"groups": pd.factorize(sub["city"])[0]}}
    res = smf.mnlogit(f"{dependent} ~ " + " + ".join(regressors), sub).fit(**fit_kw)
    ci = res.conf_int()
    out = []
    for k, outcome in enumerate(outcomes[1:]):
        c = ci.xs(str(k + 1), level=0) if isinstance(ci.index, pd.MultiIndex) else ci
        c = c.copy()
        c.columns = ["lower", "upper"]
        out.append(RegressionResult(f"{outcome} vs {outcomes[0]}", f"mnlogit:{outcome}", dependent,
                                    res.params.iloc[:, k].rename(None), res.bse.iloc[:, k].rename(None),
                                    res.pvalues.iloc[:, k].rename(None), c, int(res.nobs),
                                    float(res.prsquared), "pseudo R²", {"Inflow-city FE": False},
                                    "SE clustered by inflow city" if cluster else "conventional SE",
                                    res, {"regressors": list(regressors), "outcomes": list(outcomes)}))
    return out


def fit_subgroups(data: pd.DataFrame, *, by: str, min_size: int = 50,
                  **binary_options: object) -> list[RegressionResult]:
    """Refit :func:`fit_binary` in each subgroup (heterogeneity analysis).

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`prepare_survey`.
    by : str
        A key of :data:`GROUPINGS` (``generation``, ``gender``, ``education``,
        ``flow_range``, ``city_size``).
    min_size : int, default 50
        Skip groups with fewer respondents (or without both outcomes).
    **binary_options
        Passed to :func:`fit_binary`; a control that is constant within groups
        (e.g. ``female`` when ``by="gender"``) should be left out by the caller.

    Returns
    -------
    list of RegressionResult
        One per group, named after it, in sorted group order.
    """
    if by not in GROUPINGS:
        raise ParameterError(f"by must be one of {', '.join(GROUPINGS)}, got {by!r}")
    labels = pd.Series(GROUPINGS[by](data), index=data.index)
    out = []
    for label in sorted(labels.unique()):
        part = data[labels == label]
        dep = str(binary_options.get("dependent", "return"))
        if len(part) < min_size or part[dep].nunique() < 2:
            continue
        out.append(fit_binary(part, name=str(label), **binary_options))
    if not out:
        raise SchemaError(f"no group of {by!r} has {min_size} respondents with both outcomes")
    return out
