r"""Macro panel regressions: the estimation sequence of the study, on linearmodels.

``CUI_it = a + b'X_it + g'Z_it + mu_i + lambda_t + e_it``, estimated as

1. pooled OLS (:func:`fit_panel` with ``effects="none"``),
2. the F test for entity effects (poolability, from the one-way FE fit),
3. the Breusch-Pagan LM test for random effects (:func:`breusch_pagan_lm`, the
   Baltagi-Li form for unbalanced panels, on pooled OLS residuals),
4. the Hausman test of RE against one-way FE (:func:`hausman`),
5. two-way FE with SE clustered by city and, with few clusters, Driscoll-Kraay SE
   (``cov="driscoll_kraay"``: linearmodels' kernel covariance, Bartlett kernel) and
   the wild cluster bootstrap (:func:`analysis.bootstrap.wild_cluster_bootstrap`).

:func:`panel_sequence` runs them all. Every fit returns a frozen
:class:`RegressionResult` that keeps the fitted results object.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from analysis.errors import ParameterError, SchemaError

__all__ = ["RegressionResult", "TestResult", "fit_panel", "breusch_pagan_lm", "hausman",
           "panel_sequence", "PanelSequence"]

_COV = {"unadjusted": ("unadjusted", {}), "robust": ("robust", {}),
        "clustered": ("clustered", {"cluster_entity": True}),
        "driscoll_kraay": ("kernel", {"kernel": "bartlett"})}
_COV_NOTE = {"unadjusted": "conventional SE", "robust": "heteroskedasticity-robust SE",
             "clustered": "SE clustered by {entity}", "driscoll_kraay": "Driscoll-Kraay SE"}


@dataclass(frozen=True)
class RegressionResult:
    """One fitted model, ready for a publication table.

    Attributes
    ----------
    name : str
        Short model name (column header).
    kind : str
        ``pooled``, ``entity_fe``, ``twoway_fe``, ``re``, ``logit``, ``probit``,
        ``logit_ame``, ``probit_ame`` or ``mnlogit:<outcome>``.
    dependent : str
        Dependent variable.
    params, std_errors, pvalues : pandas.Series
        Coefficients, standard errors and p-values by regressor.
    conf_int : pandas.DataFrame
        95 % confidence bounds (``lower``, ``upper``).
    nobs : int
        Observations used.
    fit_stat : float or None
        R² (within R² for FE) or pseudo-R².
    fit_label : str
        Label of ``fit_stat``.
    fixed_effects : Mapping[str, bool]
        Fixed-effect rows of the table (e.g. ``{"City FE": True, "Year FE": False}``).
    cov_note : str
        How standard errors were computed.
    fitted : object
        The linearmodels / statsmodels results object.
    params_used : Mapping
        Every parameter of the fit.
    """

    name: str
    kind: str
    dependent: str
    params: pd.Series
    std_errors: pd.Series
    pvalues: pd.Series
    conf_int: pd.DataFrame
    nobs: int
    fit_stat: float | None
    fit_label: str
    fixed_effects: Mapping[str, bool]
    cov_note: str
    fitted: object = field(repr=False, compare=False)
    params_used: Mapping[str, object] = field(default_factory=dict)

    def summary(self) -> str:
        """Return a short text table of the coefficients.

        Returns
        -------
        str
            Coefficients, SE, p-values and fit statistic.
        """
        frame = pd.DataFrame({"coef": self.params, "se": self.std_errors, "p": self.pvalues})
        stat = "" if self.fit_stat is None else f", {self.fit_label} = {self.fit_stat:.4f}"
        return f"{self.name} ({self.kind}; N = {self.nobs}{stat}; {self.cov_note})\n" + \
            frame.round(4).to_string()


@dataclass(frozen=True)
class TestResult:
    """A specification test: statistic, degrees of freedom, p-value.

    Attributes
    ----------
    name : str
        Test name.
    statistic : float
        Test statistic.
    df : float or tuple
        Degrees of freedom (a pair for an F test).
    pvalue : float
        p-value.
    distribution : str
        ``F`` or ``chi2``.
    note : str
        What rejection means.
    """

    name: str
    statistic: float
    df: float | tuple[float, float]
    pvalue: float
    distribution: str
    note: str = ""


def _panel_frame(data: pd.DataFrame, dependent: str, regressors: Sequence[str], entity: str,
                 time: str) -> pd.DataFrame:
    cols = [entity, time, dependent, *regressors]
    missing = [c for c in cols if c not in data.columns]
    if missing:
        raise SchemaError(f"missing column (columns present: {', '.join(map(str, data.columns))})",
                          column=missing[0])
    if not regressors:
        raise ParameterError("regressors must name at least one column")
    frame = data[cols].copy()
    for col in [dependent, *regressors]:
        values = pd.to_numeric(frame[col], errors="coerce")
        bad = values.isna()
        if bool(bad.any()):
            pos = int(np.flatnonzero(bad.to_numpy())[0])
            raise SchemaError(f"missing or non-numeric value {frame[col].iloc[pos]!r}", column=col,
                              row=pos + 1)
        frame[col] = values.astype(float)
    if bool(frame.duplicated([entity, time]).any()):
        pos = int(np.flatnonzero(frame.duplicated([entity, time]).to_numpy())[0])
        raise SchemaError(f"duplicate {entity}/{time} pair", row=pos + 1)
    frame[time] = pd.to_numeric(frame[time], errors="coerce").astype(int)
    return frame.set_index([entity, time]).sort_index()


def _result(res: object, name: str, kind: str, dependent: str, fe: Mapping[str, bool], cov_note: str,
            fit_stat: float | None, fit_label: str, used: Mapping) -> RegressionResult:
    ci = res.conf_int()
    ci.columns = ["lower", "upper"]
    return RegressionResult(name, kind, dependent, res.params.copy(), res.std_errors.copy(),
                            res.pvalues.copy(), ci, int(res.nobs), fit_stat, fit_label, dict(fe),
                            cov_note, res, dict(used))


def fit_panel(data: pd.DataFrame, *, dependent: str, regressors: Sequence[str], effects: str = "twoway",
              cov: str = "clustered", entity: str = "city", time: str = "year",
              bandwidth: float | None = None, name: str | None = None) -> RegressionResult:
    """Fit one panel model with linearmodels.

    Parameters
    ----------
    data : pandas.DataFrame
        Long panel with ``entity`` and ``time`` columns.
    dependent : str
        Dependent variable (e.g. ``cui``).
    regressors : sequence of str
        Regressors (a constant is added for pooled OLS and RE).
    effects : {"none", "entity", "twoway", "random"}, default "twoway"
        Pooled OLS, entity FE, entity and time FE, or random effects.
    cov : {"unadjusted", "robust", "clustered", "driscoll_kraay"}, default "clustered"
        Covariance estimator; ``clustered`` clusters by entity.
    entity, time : str, default "city", "year"
        Panel identifiers.
    bandwidth : float, optional
        Driscoll-Kraay bandwidth (linearmodels' default when None).
    name : str, optional
        Column header in tables (default from ``effects``).

    Returns
    -------
    RegressionResult
        With ``fit_stat`` = R² (pooled, RE) or within R² (FE).
    """
    from linearmodels.panel import PanelOLS, PooledOLS, RandomEffects

    if effects not in ("none", "entity", "twoway", "random"):
        raise ParameterError(f"effects must be none, entity, twoway or random, got {effects!r}")
    if cov not in _COV:
        raise ParameterError(f"cov must be one of {', '.join(_COV)}, got {cov!r}")
    frame = _panel_frame(data, dependent, list(regressors), entity, time)
    y = frame[dependent]
    x = frame[list(regressors)]
    cov_type, kwargs = _COV[cov]
    kwargs = dict(kwargs)
    if cov == "driscoll_kraay" and bandwidth is not None:
        kwargs["bandwidth"] = bandwidth
    if effects in ("none", "random"):
        x = x.assign(const=1.0)[["const", *regressors]]
        model = PooledOLS(y, x) if effects == "none" else RandomEffects(y, x)
    else:
        model = PanelOLS(y, x, entity_effects=True, time_effects=effects == "twoway")
    res = model.fit(cov_type=cov_type, **kwargs)
    kind = {"none": "pooled", "entity": "entity_fe", "twoway": "twoway_fe", "random": "re"}[effects]
    fe = {f"{entity.capitalize()} FE": effects in ("entity", "twoway"),
          f"{time.capitalize()} FE": effects == "twoway"}
    fit_stat, label = (float(res.rsquared_within), "within R²") if effects in ("entity", "twoway") \
        else (float(res.rsquared), "R²")
    note = _COV_NOTE[cov].format(entity=entity)
    used = {"dependent": dependent, "regressors": list(regressors), "effects": effects, "cov": cov,
            "entity": entity, "time": time, "bandwidth": bandwidth}
    title = name or {"none": "Pooled OLS", "entity": "FE", "twoway": "Two-way FE", "random": "RE"}[effects]
    return _result(res, title, kind, dependent, fe, note, fit_stat, label, used)


def breusch_pagan_lm(pooled: RegressionResult) -> TestResult:
    r"""Breusch-Pagan LM test for random (entity) effects from pooled OLS residuals.

    :math:`LM = \frac{n^2}{2\sum_i T_i(T_i-1)}\left(\frac{\sum_i (\sum_t e_{it})^2}{\sum_{it} e_{it}^2}-1\right)^2`,
    :math:`\chi^2(1)` under no entity effects; for a balanced panel this is
    :math:`\frac{NT}{2(T-1)}[\dots]^2` (Breusch & Pagan 1980; Baltagi & Li 1990).

    Parameters
    ----------
    pooled : RegressionResult
        A pooled OLS fit from :func:`fit_panel`.

    Returns
    -------
    TestResult
        LM statistic, df 1, p-value.
    """
    if pooled.kind != "pooled":
        raise ParameterError("breusch_pagan_lm needs the pooled OLS result")
    e = pooled.fitted.resids
    groups = e.groupby(level=0)
    t_i = groups.size().to_numpy(dtype=float)
    n = t_i.sum()
    denom = (t_i * (t_i - 1)).sum()
    if denom <= 0:
        raise ParameterError("the LM test needs entities observed at least twice")
    ratio = (groups.sum() ** 2).sum() / (e ** 2).sum()
    lm = n ** 2 / (2 * denom) * (ratio - 1) ** 2
    return TestResult("Breusch-Pagan LM", float(lm), 1.0, float(stats.chi2.sf(lm, 1)), "chi2",
                      "rejecting favours random effects over pooled OLS")


def hausman(fe: RegressionResult, re: RegressionResult, *, sigma: str = "efficient") -> TestResult:
    r"""Hausman test of random effects against one-way fixed effects.

    :math:`H = (b_{FE}-b_{RE})'(V_{FE}-V_{RE})^{+}(b_{FE}-b_{RE})` over the
    coefficients both models estimate, :math:`\chi^2(k)` with k the number of
    positive eigenvalues of the variance difference; the generalised inverse keeps
    only that positive part, so H >= 0. With ``sigma="efficient"`` (Stata's
    ``sigmamore``) the FE covariance is rescaled to the RE error variance, which
    keeps the difference positive semi-definite in finite samples; ``"own"`` uses
    each model's covariance as fitted. Fit both models with ``cov="unadjusted"``
    for the classic test.

    Parameters
    ----------
    fe : RegressionResult
        Entity fixed-effects fit.
    re : RegressionResult
        Random-effects fit.
    sigma : {"efficient", "own"}, default "efficient"
        Error variance behind the two covariances.

    Returns
    -------
    TestResult
        Statistic, df and p-value; rejecting favours fixed effects.
    """
    if fe.kind != "entity_fe" or re.kind != "re":
        raise ParameterError("hausman needs an entity_fe and an re result")
    if sigma not in ("efficient", "own"):
        raise ParameterError(f"sigma must be 'efficient' or 'own', got {sigma!r}")
    common = [c for c in fe.params.index if c in re.params.index]
    if not common:
        raise ParameterError("the two models share no coefficient")
    diff = (fe.params[common] - re.params[common]).to_numpy()
    scale = float(re.fitted.s2 / fe.fitted.s2) if sigma == "efficient" else 1.0
    vdiff = scale * fe.fitted.cov.loc[common, common].to_numpy() - re.fitted.cov.loc[common, common].to_numpy()
    eig, vec = np.linalg.eigh((vdiff + vdiff.T) / 2)
    keep = eig > 1e-10 * max(1.0, float(np.abs(eig).max()))
    rank = int(keep.sum())
    if rank == 0:
        raise ParameterError("V_FE - V_RE has no positive eigenvalue: the Hausman test is undefined")
    stat = float(((vec[:, keep].T @ diff) ** 2 / eig[keep]).sum())
    note = "rejecting favours fixed effects over random effects"
    if rank < len(common):
        note += f" (variance difference has rank {rank} of {len(common)})"
    return TestResult("Hausman (FE vs RE)", stat, float(rank), float(stats.chi2.sf(stat, rank)),
                      "chi2", note)


@dataclass(frozen=True)
class PanelSequence:
    """The full macro estimation sequence.

    Attributes
    ----------
    models : Mapping[str, RegressionResult]
        ``pooled``, ``fe``, ``re``, ``twoway_clustered``, ``twoway_dk``.
    tests : Mapping[str, TestResult]
        ``f_entity``, ``bp_lm``, ``hausman``.
    params : Mapping
        Parameters used.
    """

    models: Mapping[str, RegressionResult]
    tests: Mapping[str, TestResult]
    params: Mapping[str, object] = field(default_factory=dict)

    def tests_frame(self) -> pd.DataFrame:
        """Return the tests as a table (``test, statistic, df, pvalue, distribution, note``).

        Returns
        -------
        pandas.DataFrame
            One row per test.
        """
        return pd.DataFrame([{"test": t.name, "statistic": t.statistic, "df": str(t.df),
                              "pvalue": t.pvalue, "distribution": t.distribution, "note": t.note}
                             for t in self.tests.values()])


def panel_sequence(data: pd.DataFrame, *, dependent: str, regressors: Sequence[str],
                   entity: str = "city", time: str = "year",
                   bandwidth: float | None = None) -> PanelSequence:
    """Run pooled OLS, the F, LM and Hausman tests, and two-way FE with two SE choices.

    Parameters
    ----------
    data : pandas.DataFrame
        Long panel.
    dependent : str
        Dependent variable.
    regressors : sequence of str
        Regressors.
    entity, time : str, default "city", "year"
        Panel identifiers.
    bandwidth : float, optional
        Driscoll-Kraay bandwidth.

    Returns
    -------
    PanelSequence
        Models and tests.
    """
    kw = {"dependent": dependent, "regressors": regressors, "entity": entity, "time": time}
    pooled = fit_panel(data, effects="none", cov="clustered", **kw)
    pooled_plain = fit_panel(data, effects="none", cov="unadjusted", **kw)
    fe = fit_panel(data, effects="entity", cov="unadjusted", **kw)
    re = fit_panel(data, effects="random", cov="unadjusted", **kw)
    tw = fit_panel(data, effects="twoway", cov="clustered", name="Two-way FE (cluster)", **kw)
    dk = fit_panel(data, effects="twoway", cov="driscoll_kraay", bandwidth=bandwidth,
                   name="Two-way FE (DK)", **kw)
    f = fe.fitted.f_pooled
    tests = {"f_entity": TestResult("F test for entity effects", float(f.stat),
                                    tuple(float(v) for v in f.df) if isinstance(f.df, tuple)
                                    else (float(f.df), float(f.df_denom)),
                                    float(f.pval), "F", "rejecting favours entity effects over pooled OLS"),
             "bp_lm": breusch_pagan_lm(pooled_plain), "hausman": hausman(fe, re)}
    models = {"pooled": pooled, "fe": fe, "re": re, "twoway_clustered": tw, "twoway_dk": dk}
    return PanelSequence(models, tests, {**kw, "regressors": list(regressors), "bandwidth": bandwidth})
