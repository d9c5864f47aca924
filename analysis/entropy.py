r"""Entropy weight method (熵值法), its MCDA sum form, and TOPSIS with entropy weights.

For n samples (rows) and m indicators (columns):

1. ``method="minmax"`` (the Chinese 熵值法): range standardisation, positive
   :math:`x'_{ij} = (x_{ij} - \min_j)/(\max_j - \min_j)`, negative
   :math:`x'_{ij} = (\max_j - x_{ij})/(\max_j - \min_j)`; then the shift
   :math:`x''_{ij} = x'_{ij} + A`.
   ``method="sum"`` (the MCDA form of Xu 2004 and Zavadskas & Podvezko 2016):
   raw non-negative values, no standardisation and no reflection.
2. :math:`p_{ij} = x''_{ij} / \sum_i x''_{ij}`,
   :math:`e_j = -\frac{1}{\ln n}\sum_i p_{ij}\ln p_{ij}` with :math:`0 \ln 0 = 0`.
3. :math:`d_j = 1 - e_j`, :math:`w_j = d_j / \sum_j d_j`.
4. Scores :math:`S_i = s \sum_j w_j z_{ij}` where :math:`z` is :math:`x'` (default) or
   :math:`x''` for the min-max form and :math:`p` for the sum form, and :math:`s`
   the ``scale`` (1 or 100).

Panel data: with ``pooled=True`` all city-years form one sample (n = r·n cities,
:math:`k = 1/\ln(rn)`), so one weight vector serves every year and scores are
comparable over time; ``pooled=False`` computes weights year by year.

Known traps, kept visible rather than hidden: min-max gives a nearly constant
column a large weight (its few distinct values spread over [0, 1]); reflecting a
negative indicator changes its weight. A truly constant column is an error by
default, or gets weight 0 with a warning (``constant="zero"``).

References
----------
.. [1] Xu, X. (2004). A note on the subjective and objective integrated approach to
   determine attribute weights. EJOR 156(2), 530-532.
.. [2] Zavadskas, E. K., Podvezko, V. (2016). Integrated determination of objective
   criteria weights in MCDM. IJITDM 15(2), 267-283.
.. [3] Hwang, C.-L., Yoon, K. (1981). Multiple Attribute Decision Making. Springer (TOPSIS).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.errors import ParameterError, SchemaError

__all__ = ["EntropyResult", "TopsisResult", "entropy_weights", "topsis"]


@dataclass(frozen=True)
class EntropyResult:
    """Weights, entropies and scores of the entropy weight method.

    Attributes
    ----------
    weights : pandas.Series or pandas.DataFrame
        Weight per indicator (sums to 1); with ``pooled=False`` a frame with one
        row per year.
    entropy : pandas.Series or pandas.DataFrame
        Entropy :math:`e_j` per indicator (per year when not pooled).
    scores : pandas.Series
        Composite score per row, indexed like the input rows.
    standardized : pandas.DataFrame
        The matrix the scores are computed from (:math:`x'`, :math:`x''` or :math:`p`).
    params : Mapping
        Every parameter used.
    """

    weights: pd.Series | pd.DataFrame
    entropy: pd.Series | pd.DataFrame
    scores: pd.Series
    standardized: pd.DataFrame
    params: Mapping[str, object] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """Return the weight table (``indicator, entropy, divergence, weight``; by year if not pooled).

        Returns
        -------
        pandas.DataFrame
            One row per indicator (and year).
        """
        if isinstance(self.weights, pd.DataFrame):
            w = self.weights.stack().rename("weight")
            e = self.entropy.stack().rename("entropy")
            out = pd.concat([e, w], axis=1).reset_index()
            out.columns = ["year", "indicator", "entropy", "weight"]
        else:
            out = pd.DataFrame({"indicator": self.weights.index, "entropy": self.entropy.to_numpy(),
                                "weight": self.weights.to_numpy()})
        out.insert(len(out.columns) - 1, "divergence", 1.0 - out["entropy"])
        return out


@dataclass(frozen=True)
class TopsisResult:
    """TOPSIS closeness to the ideal solution.

    Attributes
    ----------
    scores : pandas.Series
        Closeness coefficient :math:`C_i = D_i^- / (D_i^+ + D_i^-)` in [0, 1].
    distance_best, distance_worst : pandas.Series
        Euclidean distances to the positive and negative ideal solutions.
    weights : pandas.Series
        Indicator weights used.
    params : Mapping
        Every parameter used.
    """

    scores: pd.Series
    distance_best: pd.Series
    distance_worst: pd.Series
    weights: pd.Series
    params: Mapping[str, object] = field(default_factory=dict)


def _plain(value: object) -> object:
    """Numpy scalars (and tuples of them) as plain Python values, for readable messages."""
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value.item() if isinstance(value, np.generic) else value


def _matrix(data: pd.DataFrame, columns: Sequence[str] | None, year: str | None) -> pd.DataFrame:
    if not isinstance(data, pd.DataFrame):
        raise ParameterError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    cols = list(columns) if columns is not None else [c for c in data.columns if c != year]
    if not cols:
        raise ParameterError("data has no indicator columns")
    missing = [c for c in cols if c not in data.columns]
    if missing:
        raise SchemaError("indicator column not found", column=str(missing[0]))
    frame = data[cols]
    for col in cols:
        values = pd.to_numeric(frame[col], errors="coerce")
        bad = values.isna()
        if bool(bad.any()):
            pos = int(np.flatnonzero(bad.to_numpy())[0])
            cell = frame[col].iloc[pos]
            what = "missing value" if pd.isna(cell) else f"not a number: {_plain(cell)!r}"
            raise SchemaError(f"{what} at row {_plain(frame.index[pos])!r}", column=str(col))
    return frame.apply(pd.to_numeric).astype("float64")


def _weights_one(x: pd.DataFrame, negative: set, method: str, shift: float, shift_where: str,
                 constant: str, score_on: str) -> tuple[pd.Series, pd.Series, pd.DataFrame]:
    values = x.to_numpy(dtype=float)
    n = values.shape[0]
    if n < 2:
        raise ParameterError(f"the entropy method needs at least 2 rows, got {n}")
    lo, hi = values.min(axis=0), values.max(axis=0)
    const = hi == lo
    if bool(const.any()):
        names = [str(c) for c, k in zip(x.columns, const) if k]
        if constant == "error":
            raise ParameterError(f"constant indicator column(s) {', '.join(names)}: drop them or "
                                 "pass constant='zero'")
        warnings.warn(f"constant indicator column(s) {', '.join(names)} get weight 0", stacklevel=3)
    if method == "minmax":
        span = np.where(const, 1.0, hi - lo)
        neg = np.array([c in negative for c in x.columns])
        std = np.where(neg, hi - values, values - lo) / span
        std[:, const] = 0.0
        base = std
    else:
        if bool((values < 0).any()):
            r, c = np.argwhere(values < 0)[0]
            raise SchemaError(f"negative value {float(values[r, c])!r} at row {_plain(x.index[r])!r} under the sum "
                              "form (use method='minmax')", column=str(x.columns[c]))
        base = values
    has_zero = (base == 0).any(axis=0)
    shifted = base + (shift if shift_where == "all" else np.where(has_zero, shift, 0.0))
    totals = shifted.sum(axis=0)
    if bool((totals[~const] <= 0).any()):
        col = x.columns[int(np.flatnonzero((totals <= 0) & ~const)[0])]
        raise SchemaError("column sums to zero; the sum form needs a positive total (or a shift)",
                          column=str(col))
    p = shifted / np.where(totals > 0, totals, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    e = -plogp.sum(axis=0) / np.log(n)
    e[const] = 1.0
    e = np.clip(e, 0.0, 1.0)
    d = 1.0 - e
    if d.sum() <= 0:
        raise ParameterError("every indicator has entropy 1 (no variation): weights are undefined")
    w = d / d.sum()
    if method == "sum":
        z = p
    else:
        z = shifted if score_on == "shifted" else std
    z = np.where(const, 0.0, z)
    return (pd.Series(w, index=x.columns, name="weight"), pd.Series(e, index=x.columns, name="entropy"),
            pd.DataFrame(z, index=x.index, columns=x.columns))


def entropy_weights(data: pd.DataFrame, *, negative: Sequence[str] = (), method: str = "minmax",
                    shift: float = 1e-4, shift_where: str | None = None, pooled: bool = True,
                    year: str | None = None, columns: Sequence[str] | None = None,
                    constant: str = "error", score_on: str = "standardized",
                    scale: float = 1.0) -> EntropyResult:
    """Weight indicators by the entropy weight method and score the rows.

    Parameters
    ----------
    data : pandas.DataFrame
        Rows are samples (cities or city-years), columns are indicators. Row
        labels are kept in ``scores``; put ids such as city/year in the index.
    negative : sequence of str, default ()
        Indicators where smaller is better (reflected under ``minmax``; ignored by ``sum``).
    method : {"minmax", "sum"}, default "minmax"
        Range standardisation with direction (熵值法) or the MCDA sum form on raw values.
    shift : float, default 1e-4
        The constant A added before taking logarithms (0.001 in some papers, 0 for none).
    shift_where : {"all", "zeros"}, optional
        Shift every column (default for ``minmax``) or only columns holding a zero
        (default for ``sum``, where 0·ln 0 = 0 would otherwise apply).
    pooled : bool, default True
        Pool all rows into one sample; ``False`` computes weights year by year.
    year : str, optional
        Column or index level holding the year; required when ``pooled=False``.
        A year column is never treated as an indicator.
    columns : sequence of str, optional
        Indicator columns (default: every column except ``year``).
    constant : {"error", "zero"}, default "error"
        A constant column raises :class:`ParameterError`, or gets weight 0 with a warning.
    score_on : {"standardized", "shifted"}, default "standardized"
        Score from :math:`x'` or from :math:`x''` (min-max form only).
    scale : float, default 1.0
        Multiply scores (100 gives a 0-100 index).

    Returns
    -------
    EntropyResult
        ``weights``, ``entropy``, ``scores``, ``standardized`` and ``params``.

    Examples
    --------
    >>> import pandas as pd
    >>> xu = pd.DataFrame([[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9],
    ...                    [68, 70, 60, 29]], columns=["a", "b", "c", "d"])
    >>> entropy_weights(xu, method="sum").weights.round(4).tolist()
    [0.463, 0.3992, 0.1378, 0.0]
    """
    if method not in ("minmax", "sum"):
        raise ParameterError(f"method must be 'minmax' or 'sum', got {method!r}")
    if constant not in ("error", "zero"):
        raise ParameterError(f"constant must be 'error' or 'zero', got {constant!r}")
    if score_on not in ("standardized", "shifted"):
        raise ParameterError(f"score_on must be 'standardized' or 'shifted', got {score_on!r}")
    if not np.isfinite(shift) or shift < 0:
        raise ParameterError(f"shift must be a finite number >= 0, got {shift!r}")
    where = shift_where or ("all" if method == "minmax" else "zeros")
    if where not in ("all", "zeros"):
        raise ParameterError(f"shift_where must be 'all' or 'zeros', got {shift_where!r}")
    frame = data
    if year is not None and year not in data.columns:
        if year not in (data.index.names or []):
            raise ParameterError(f"year {year!r} is neither a column nor an index level")
        frame = data.reset_index(level=year)
        frame.index = data.index
    x = _matrix(frame, columns, year)
    unknown = [c for c in negative if c not in x.columns]
    if unknown:
        raise ParameterError(f"negative indicator {unknown[0]!r} is not a column "
                             f"(columns: {', '.join(map(str, x.columns))})")
    neg = set(negative)
    params = {"negative": list(negative), "method": method, "shift": shift, "shift_where": where,
              "pooled": pooled, "year": year, "columns": [str(c) for c in x.columns],
              "constant": constant, "score_on": score_on, "scale": scale, "n": int(len(x))}
    if pooled:
        w, e, z = _weights_one(x, neg, method, shift, where, constant, score_on)
        scores = pd.Series(z.to_numpy() @ w.to_numpy() * scale, index=x.index, name="score")
        return EntropyResult(w, e, scores, z, params)
    if year is None:
        raise ParameterError("pooled=False needs year=<column or index level>")
    years = frame[year].to_numpy()
    ws, es, parts, score_parts = {}, {}, [], []
    for y in sorted(pd.unique(years)):
        mask = years == y
        w, e, z = _weights_one(x[mask], neg, method, shift, where, constant, score_on)
        ws[y], es[y] = w, e
        parts.append(z)
        score_parts.append(pd.Series(z.to_numpy() @ w.to_numpy() * scale, index=z.index))
    order = x.index
    z_all = pd.concat(parts).reindex(order) if order.is_unique else pd.concat(parts)
    s_all = pd.concat(score_parts).reindex(order) if order.is_unique else pd.concat(score_parts)
    weights = pd.DataFrame(ws).T.rename_axis("year")
    entropy = pd.DataFrame(es).T.rename_axis("year")
    return EntropyResult(weights, entropy, s_all.rename("score"), z_all, params)


def topsis(data: pd.DataFrame, *, negative: Sequence[str] = (), weights: pd.Series | None = None,
           columns: Sequence[str] | None = None, **entropy_options: object) -> TopsisResult:
    """Rank rows by TOPSIS, weighting indicators by entropy unless weights are given.

    Vector normalisation :math:`r_{ij} = x_{ij}/\\sqrt{\\sum_i x_{ij}^2}`, weighted
    :math:`v_{ij} = w_j r_{ij}`; the positive ideal takes the best value of each
    column (max for positive, min for negative indicators), the negative ideal
    the worst; :math:`C_i = D_i^-/(D_i^+ + D_i^-)`.

    Parameters
    ----------
    data : pandas.DataFrame
        Rows are alternatives, columns are indicators.
    negative : sequence of str, default ()
        Indicators where smaller is better.
    weights : pandas.Series, optional
        Weights by indicator; default :func:`entropy_weights` of ``data``.
    columns : sequence of str, optional
        Indicator columns (default: all).
    **entropy_options
        Passed to :func:`entropy_weights` when ``weights`` is None.

    Returns
    -------
    TopsisResult
        Closeness scores, distances, weights and parameters.
    """
    x = _matrix(data, columns, None)
    if weights is None:
        weights = entropy_weights(x, negative=negative, **entropy_options).weights
    w = pd.Series(weights, dtype=float).reindex(x.columns)
    if bool(w.isna().any()):
        raise ParameterError(f"weights lack indicator {w.index[w.isna()][0]!r}")
    norms = np.sqrt((x.to_numpy() ** 2).sum(axis=0))
    if bool((norms == 0).any()):
        raise SchemaError("column is all zeros", column=str(x.columns[int(np.argmax(norms == 0))]))
    v = x.to_numpy() / norms * w.to_numpy()
    neg = np.array([c in set(negative) for c in x.columns])
    best = np.where(neg, v.min(axis=0), v.max(axis=0))
    worst = np.where(neg, v.max(axis=0), v.min(axis=0))
    d_best = np.sqrt(((v - best) ** 2).sum(axis=1))
    d_worst = np.sqrt(((v - worst) ** 2).sum(axis=1))
    total = d_best + d_worst
    closeness = np.divide(d_worst, total, out=np.full_like(total, 0.5), where=total > 0)
    params = {"negative": list(negative), "columns": [str(c) for c in x.columns],
              "entropy_options": dict(entropy_options), "weights_given": weights is not None}
    return TopsisResult(pd.Series(closeness, index=x.index, name="closeness"),
                        pd.Series(d_best, index=x.index, name="distance_best"),
                        pd.Series(d_worst, index=x.index, name="distance_worst"), w, params)
