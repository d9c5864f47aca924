"""Kleinberg's batched burst detection, decoded exactly, in a default and a CiteSpace mode.

Model (Kleinberg 2003, "Bursty and hierarchical structure in streams", *Data Min.
Knowl. Disc.* 7:373-397, doi:10.1023/A:1024940629314, section 4). For an item and
slices ``t = 0..n-1``: ``r_t`` = its count, ``d_t`` = the slice total, ``R = sum r``,
``D = sum d`` and the base rate ``p_0 = R / D``. State ``i = 0..k-1`` emits at rate
``p_i = p_0 s^i``; a state with ``p_i >= 1`` is infeasible (infinite cost, the
Kleinberg-C/Sci2 convention; never clamped). The fit cost is

.. math:: \\sigma(i, t) = -\\ln\\left[p_i^{r_t} (1 - p_i)^{d_t - r_t}\\right]

(the binomial coefficient is the same in every state and is left out; a slice with
``d_t = 0`` costs 0 in every state). Entering a higher state costs
``tau(i -> j) = (j - i) * gamma * ln N`` with ``N = n`` (``trans="n"``, Kleinberg) or
``N = n + 1`` (``trans="n+1"``, Kleinberg's C program, Sci2, CiteSpace); leaving is
free and the path starts in state 0. The state sequence minimising the summed cost
is found by exact Viterbi decoding with back-pointers, for all items at once.

A burst at level ``L`` is a maximal run ``[b, e]`` (inclusive) with state ``>= L``;
its **strength** is ``sum_{t=b..e} sigma(0, t) - sigma(L, t)``, the weight against
the baseline (Sci2 ``totalPowers``, CiteSpace "Strength").

Modes
-----
``"default"``
    Every burst of every item, with its true begin and end; ``min_duration`` applies
    to the run length ``e - b + 1``; ties in the decoding go to the lower state;
    ``trans="n"``; ``d_t`` = the given ``totals`` (records per slice, the Sci2
    convention), or the column sums of ``counts`` when none are given.
``"citespace"``
    CiteSpace's burst table, reproducible to 4 decimals: ``d_t`` = column sums of
    ``counts`` (all candidate items; given ``totals`` override them),
    ``trans="n+1"``, ties go to the burst state;
    breakpoint ``bp = e + 1``, or ``n - 1`` when the run ends at slice ``n - 2`` or
    ``n - 1`` (then the burst is *open-ended* and ``end`` shows the last slice); a
    burst is kept when ``bp - b >= min_duration``; only the last kept burst of each
    item (and level) is reported, with ``cumulative`` = the sum of the strengths of
    all its kept bursts, ``length`` = ``e - b + 1`` (closed) or ``n - b + 1`` (open)
    and ``rate`` = ``1 / p_L`` = ``D / (s^L R)``. Unlike CiteSpace, every item is
    evaluated, including the last one.

Items with ``R = 0`` (all-zero series) or ``R = D`` (present in every record) never
burst: they are kept in :attr:`BurstResult.states` with state 0 and give no rows.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field, replace
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from litmap.errors import DataError, ParameterError

__all__ = ["BurstResult", "detect_bursts", "network_bursts", "top_bursts", "sigma"]

_MODES = ("default", "citespace")
_TRANS = ("n", "n+1")
_BASE_COLUMNS = ["item", "level", "begin", "end", "strength", "length", "first"]
_CITESPACE_COLUMNS = ["rate", "cumulative", "open_ended", "run_end"]


@dataclass(frozen=True, slots=True)
class BurstResult:
    """Bursts found by :func:`detect_bursts`.

    Attributes
    ----------
    bursts : pandas.DataFrame
        One row per reported burst: ``item, level, begin, end, strength, length,
        first`` (``begin``/``end``/``first`` are slice labels, inclusive; ``first`` is
        the first slice with a non-zero count) and, in CiteSpace mode, ``rate,
        cumulative, open_ended, run_end`` (``run_end``: last slice of the decoded run).
    slices : tuple
        The slice labels, in order.
    states : pandas.DataFrame
        Decoded state of every item (rows) in every slice (columns), ``int8``.
    params : dict
        Every parameter used (mode, s, gamma, states, min_duration, trans, ...).
    """

    bursts: pd.DataFrame
    slices: tuple
    states: pd.DataFrame
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the burst table.

        Returns
        -------
        pandas.DataFrame
        """
        return self.bursts.copy()

    def describe(self) -> str:
        """Return a one-line description: number of bursts and every parameter.

        Returns
        -------
        str
        """
        p = self.params
        return (f"{len(self.bursts)} bursts ({p.get('mode')} mode; s={p.get('s')}, "
                f"gamma={p.get('gamma')}, states={p.get('states')}, "
                f"min_duration={p.get('min_duration')}, trans=ln({p.get('trans')}); "
                f"{len(self.states)} items x {len(self.slices)} slices)")

    def to_html(self, max_rows: int = 50) -> str:
        """Return the table as escaped HTML with a caption naming the parameters.

        Parameters
        ----------
        max_rows : int, optional (default=50)
            Rows shown.

        Returns
        -------
        str
        """
        table = self.bursts.to_html(index=False, max_rows=max_rows, escape=True,
                                    float_format=lambda v: f"{v:.4f}")
        return f"<p>{html.escape(self.describe())}</p>\n{table}"

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        if self.bursts.empty:
            return self.describe()
        return self.describe() + "\n" + self.bursts.head(20).to_string(
            index=False, float_format=lambda v: f"{v:.4f}")


def detect_bursts(counts: pd.DataFrame, totals: pd.Series | None = None, *, mode: str = "default",
                  s: float = 2.0, gamma: float = 1.0, states: int = 2, min_duration: int = 2,
                  trans: str | None = None) -> BurstResult:
    """Detect Kleinberg bursts in every row of ``counts`` at once.

    Parameters
    ----------
    counts : pandas.DataFrame
        Rows: items (the index gives the ``item`` column); columns: slice labels in
        time order; values: non-negative counts ``r_t``.
    totals : pandas.Series, optional
        ``d_t`` per slice label (same labels as the columns). Default: the column
        sums of ``counts`` (what CiteSpace uses).
    mode : {"default", "citespace"}, optional (default="default")
        See the module documentation.
    s : float, optional (default=2.0)
        Rate ratio between successive states (CiteSpace alpha1/alpha0), > 1.
    gamma : float, optional (default=1.0)
        Transition-cost coefficient, >= 0; larger values give fewer bursts.
    states : int, optional (default=2)
        Number of states k >= 2 (k - 1 burst levels).
    min_duration : int, optional (default=2)
        Shortest burst kept, in slices (see the modes for how it is measured).
    trans : {"n", "n+1"}, optional
        Transition cost ``gamma ln n`` or ``gamma ln(n+1)``; default ``"n"`` in the
        default mode and ``"n+1"`` in CiteSpace mode.

    Returns
    -------
    BurstResult

    Raises
    ------
    ParameterError
        A parameter is out of range.
    DataError
        Fewer than 2 slices, non-numeric, missing or negative counts, totals with
        other slices than ``counts``, or a count above its slice total.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame([[0, 2, 1, 6, 7, 2, 8, 7, 2, 1]], index=["x"])
    >>> d = pd.Series([9, 11, 12, 10, 10, 8, 12, 10, 13, 11])
    >>> detect_bursts(r, d).to_frame()[["item", "begin", "end", "strength"]].round(4)
      item  begin  end  strength
    0    x      3    4    3.9560
    1    x      6    7    5.3423
    """
    _check_params(mode, s, gamma, states, min_duration, trans)
    trans = trans or ("n" if mode == "default" else "n+1")
    r, d, labels = _validated(counts, totals)
    n = len(labels)
    params = {"mode": mode, "s": float(s), "gamma": float(gamma), "states": int(states),
              "min_duration": int(min_duration), "trans": trans,
              "totals": "given" if totals is not None else "column sums"}
    cost, p = _fit_costs(r, d, s, states)
    tau = gamma * math.log(n if trans == "n" else n + 1)
    q = _viterbi(cost, tau, prefer_high=(mode == "citespace"))
    frame = _runs(q, cost, states)
    if mode == "default":
        frame = frame[frame["e"] - frame["b"] + 1 >= min_duration]
        frame = frame.assign(length=frame["e"] - frame["b"] + 1)
    else:
        frame = _citespace_rows(frame, n, min_duration, p)
    first = np.where((r > 0).any(axis=1), np.argmax(r > 0, axis=1), -1)
    bursts = _labelled(frame, counts.index, labels, first, mode)
    state_frame = pd.DataFrame(q, index=counts.index, columns=list(labels))
    return BurstResult(bursts=bursts, slices=tuple(labels), states=state_frame, params=params)


def _check_params(mode: str, s: float, gamma: float, states: int, min_duration: int,
                  trans: str | None) -> None:
    if mode not in _MODES:
        raise ParameterError(f"mode must be one of {_MODES}, got {mode!r}")
    if trans is not None and trans not in _TRANS:
        raise ParameterError(f"trans must be 'n' or 'n+1', got {trans!r}")
    if not isinstance(s, (int, float)) or not s > 1 or not math.isfinite(s):
        raise ParameterError(f"s must be a number > 1, got {s!r}")
    if not isinstance(gamma, (int, float)) or not gamma >= 0 or not math.isfinite(gamma):
        raise ParameterError(f"gamma must be a number >= 0, got {gamma!r}")
    if isinstance(states, bool) or not isinstance(states, (int, np.integer)) or not 2 <= states <= 64:
        raise ParameterError(f"states must be an integer from 2 to 64, got {states!r}")
    if isinstance(min_duration, bool) or not isinstance(min_duration, (int, np.integer)) \
            or min_duration < 1:
        raise ParameterError(f"min_duration must be an integer >= 1, got {min_duration!r}")


def _validated(counts: pd.DataFrame, totals: pd.Series | None) -> tuple[np.ndarray, np.ndarray, list]:
    """Return ``r`` (items x slices), ``d`` (slices) and the labels, or raise DataError."""
    if not isinstance(counts, pd.DataFrame):
        raise DataError(f"counts must be a pandas DataFrame (items x slices), got {type(counts).__name__}")
    labels = list(counts.columns)
    if len(labels) < 2:
        raise DataError(f"burst detection needs at least 2 slices, counts has {len(labels)}")
    if counts.columns.has_duplicates:
        raise DataError("counts has duplicate slice labels")
    try:
        r = counts.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise DataError("counts must be numeric") from None
    _check_values(r, counts.index, labels, "counts")
    if totals is None:
        return r, r.sum(axis=0), labels
    if not isinstance(totals, pd.Series):
        raise DataError(f"totals must be a pandas Series over the slice labels, got {type(totals).__name__}")
    if len(totals) != len(labels):
        raise DataError(f"totals has {len(totals)} slices, counts has {len(labels)}: series of "
                        f"different lengths")
    if set(totals.index) != set(labels):
        extra = [v for v in totals.index if v not in set(labels)][:3]
        raise DataError(f"totals' slice labels differ from the columns of counts (e.g. {extra!r})")
    try:
        d = totals.reindex(labels).to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise DataError("totals must be numeric") from None
    _check_values(d[None, :], ["totals"], labels, "totals")
    above = r > d[None, :]
    if above.any():
        i, t = np.argwhere(above)[0]
        raise DataError(f"count {r[i, t]:g} of item {counts.index[i]!r} in slice {labels[t]!r} "
                        f"exceeds the slice total {d[t]:g}")
    return r, d, labels


def _check_values(values: np.ndarray, rows: Sequence, labels: list, name: str) -> None:
    bad = ~np.isfinite(values) | (values < 0)
    if bad.any():
        i, t = np.argwhere(bad)[0]
        raise DataError(f"{name} must be finite and >= 0: {values[i, t]!r} for {rows[i]!r} "
                        f"in slice {labels[t]!r}")


def _fit_costs(r: np.ndarray, d: np.ndarray, s: float, states: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the fit costs (items x slices x states; inf = infeasible) and the rates."""
    big_r, big_d = r.sum(axis=1), float(d.sum())
    p0 = np.divide(big_r, big_d, out=np.zeros_like(big_r), where=big_d > 0)
    p = p0[:, None] * float(s) ** np.arange(states)[None, :]
    usable = (p0 > 0) & (big_r < big_d)
    feasible = (p < 1) & usable[:, None]
    safe = np.where(feasible, p, 0.5)
    rest = d[None, :] - r
    cost = -(r[:, :, None] * np.log(safe)[:, None, :] + rest[:, :, None] * np.log1p(-safe)[:, None, :])
    cost = np.where(feasible[:, None, :], cost, np.inf)
    cost[~usable, :, 0] = 0.0
    return cost, p


def _viterbi(cost: np.ndarray, tau: float, *, prefer_high: bool) -> np.ndarray:
    """Exact minimum-cost state sequences (items x slices) by dynamic programming."""
    n_items, n, k = cost.shape
    levels = np.arange(k)
    move = np.maximum(levels[None, :] - levels[:, None], 0) * tau      # [from, to]
    total = move[0][None, :] + cost[:, 0, :]
    back = np.zeros((n_items, n, k), dtype=np.int8)
    for t in range(1, n):
        cand = total[:, :, None] + move[None, :, :]                      # [item, from, to]
        best = _argmin(cand, axis=1, prefer_high=prefer_high)
        back[:, t, :] = best
        total = np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0, :] + cost[:, t, :]
    q = np.zeros((n_items, n), dtype=np.int8)
    q[:, -1] = _argmin(total, axis=1, prefer_high=prefer_high)
    rows = np.arange(n_items)
    for t in range(n - 1, 0, -1):
        q[:, t - 1] = back[rows, t, q[:, t]]
    return q


def _argmin(values: np.ndarray, *, axis: int, prefer_high: bool) -> np.ndarray:
    """``argmin`` with ties to the lowest index, or to the highest when ``prefer_high``."""
    if not prefer_high:
        return np.argmin(values, axis=axis)
    k = values.shape[axis]
    return k - 1 - np.argmin(np.flip(values, axis=axis), axis=axis)


def _runs(q: np.ndarray, cost: np.ndarray, states: int) -> pd.DataFrame:
    """Every maximal run with state >= L for L = 1..k-1: ``row, level, b, e, strength``."""
    parts = []
    pad = np.zeros((q.shape[0], 1), dtype=np.int8)
    for level in range(1, states):
        inside = (q >= level).astype(np.int8)
        step = np.diff(np.concatenate([pad, inside, pad], axis=1), axis=1)
        rows, b = np.nonzero(step == 1)
        _, e_next = np.nonzero(step == -1)
        gain = cost[:, :, 0] - cost[:, :, level]
        gain = np.where(np.isfinite(gain), gain, 0.0)
        cum = np.concatenate([np.zeros((q.shape[0], 1)), np.cumsum(gain, axis=1)], axis=1)
        parts.append(pd.DataFrame({"row": rows, "level": level, "b": b, "e": e_next - 1,
                                   "strength": cum[rows, e_next] - cum[rows, b]}))
    frame = pd.concat(parts, ignore_index=True)
    return frame.sort_values(["row", "level", "b"], kind="stable").reset_index(drop=True)


def _citespace_rows(frame: pd.DataFrame, n: int, min_duration: int, p: np.ndarray) -> pd.DataFrame:
    """Apply CiteSpace's breakpoint rule, keep the last burst per item and level."""
    bp = np.where(frame["e"].to_numpy() >= n - 2, n - 1, frame["e"].to_numpy() + 1)
    frame = frame.assign(bp=bp)
    frame = frame[frame["bp"] - frame["b"] >= min_duration].copy()
    frame["cumulative"] = frame.groupby(["row", "level"], sort=False)["strength"].cumsum()
    frame = frame.groupby(["row", "level"], sort=False).tail(1).copy()
    frame["open_ended"] = frame["bp"] == n - 1
    frame["length"] = np.where(frame["open_ended"], n - frame["b"] + 1, frame["e"] - frame["b"] + 1)
    frame["rate"] = 1.0 / p[frame["row"].to_numpy(), frame["level"].to_numpy()]
    return frame


def _labelled(frame: pd.DataFrame, index: pd.Index, labels: list, first: np.ndarray,
              mode: str) -> pd.DataFrame:
    """Turn row/slice indices into items and slice labels, in the documented columns."""
    lab = np.asarray(labels, dtype=object)
    rows = frame["row"].to_numpy()
    out = pd.DataFrame({
        "item": index.to_numpy()[rows.astype(int)],
        "level": frame["level"].to_numpy(dtype=int),
        "begin": lab[frame["b"].to_numpy()],
        "end": lab[frame["e"].to_numpy()],
        "strength": frame["strength"].to_numpy(dtype=float),
        "length": frame["length"].to_numpy(dtype=int),
        "first": lab[first[rows]],
    })
    if mode == "citespace":
        open_ended = frame["open_ended"].to_numpy(dtype=bool)
        out["end"] = np.where(open_ended, lab[-1], out["end"].to_numpy())
        out["rate"] = frame["rate"].to_numpy(dtype=float)
        out["cumulative"] = frame["cumulative"].to_numpy(dtype=float)
        out["open_ended"] = open_ended
        out["run_end"] = lab[frame["e"].to_numpy()]
    return out.reset_index(drop=True)


def top_bursts(result: BurstResult, n: int = 25, *, sort: str = "strength") -> pd.DataFrame:
    """Return CiteSpace's "Top N with the strongest bursts" table.

    One row per item: its strongest level-1 burst (in CiteSpace mode the reported
    one). The ``n`` strongest items are kept, then ordered by ``sort``.

    Parameters
    ----------
    result : BurstResult
        Output of :func:`detect_bursts` or :func:`network_bursts`.
    n : int, optional (default=25)
        Number of items.
    sort : {"strength", "begin"}, optional (default="strength")
        ``"strength"``: strongest first (ties by begin, then item); ``"begin"``:
        earliest begin first (ties by strength descending, then item), as in
        CiteSpace's figure.

    Returns
    -------
    pandas.DataFrame
        Columns ``item, first, strength, begin, end`` (plus ``node`` when present).
    """
    if sort not in ("strength", "begin"):
        raise ParameterError(f"sort must be 'strength' or 'begin', got {sort!r}")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ParameterError(f"n must be an integer >= 1, got {n!r}")
    frame = result.bursts[result.bursts["level"] == 1].copy()
    frame["_pos"] = np.arange(len(frame))
    frame["_begin"] = [result.slices.index(v) for v in frame["begin"]]
    frame = frame.sort_values(["strength", "_begin", "_pos"], ascending=[False, True, True],
                              kind="stable")
    frame = frame.drop_duplicates("item", keep="first").head(n)
    if sort == "begin":
        frame = frame.sort_values(["_begin", "strength", "_pos"], ascending=[True, False, True],
                                  kind="stable")
    columns = ["item", "first", "strength", "begin", "end"] + (["node"] if "node" in frame else [])
    return frame[columns].reset_index(drop=True)


def sigma(betweenness: Any, strength: Any) -> Any:
    """Return Chen et al.'s sigma = (betweenness + 1) ** strength, element-wise.

    Chen, Chen, Horowitz, Hou, Liu & Pellegrino (2009), *J. Informetr.* 3(3):191-209.
    A node without a burst (strength 0 or missing) gets sigma = 1. When a node has
    several bursts, pass its strongest (:func:`network_bursts` gives ``strength`` per
    node through ``BurstResult.bursts``).

    Parameters
    ----------
    betweenness : float or array-like or pandas.Series
        Normalised betweenness centrality, >= 0.
    strength : float or array-like or pandas.Series
        Burst strength, >= 0; NaN means no burst.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Same shape as the inputs (a Series when ``betweenness`` is one).

    Examples
    --------
    >>> round(sigma(0.2, 5.3), 12)
    2.628213271867
    """
    b = np.asarray(betweenness, dtype=float)
    w = np.nan_to_num(np.asarray(strength, dtype=float), nan=0.0)
    if np.any(~np.isfinite(b)) or np.any(b < 0):
        raise ParameterError("betweenness must be finite and >= 0")
    if np.any(~np.isfinite(w)) or np.any(w < 0):
        raise ParameterError("strength must be finite and >= 0 (NaN for no burst)")
    out = np.power(b + 1.0, w)
    if isinstance(betweenness, pd.Series):
        return pd.Series(out, index=betweenness.index, name="sigma")
    return float(out) if out.ndim == 0 else out


def network_bursts(network: Any, corpus: Any = None, *, mode: str = "default", s: float = 2.0,
                   gamma: float = 1.0, states: int = 2, min_duration: int = 2,
                   trans: str | None = None) -> BurstResult:
    """Detect bursts of the nodes of a network (keywords, references, authors, ...).

    Single-year slices become integer year labels, and missing years between the
    first and the last slice are inserted with zero counts (``d_t = 0``: neutral).

    - ``mode="citespace"``: ``r_t`` = ``network.slice_counts`` where the node was
      selected in slice t (``network.slice_selected``) and 0 elsewhere; ``d_t`` = the
      column sums over all nodes (CiteSpace's convention).
    - ``mode="default"``: ``r_t`` = records in slice t containing the node
      (``network.slice_counts``); ``d_t`` = records in slice t: counted from
      ``corpus`` when given (every record with a year), else from
      ``network.record_years`` (the records of the incidence matrix) - Sci2's
      convention.

    Parameters
    ----------
    network : litmap.network.Network
        A built network.
    corpus : litmap.Corpus, optional
        The corpus the network was built from (default mode only: gives ``d_t``).
    mode, s, gamma, states, min_duration, trans
        As in :func:`detect_bursts`.

    Returns
    -------
    BurstResult
        ``item`` is the node label, ``first`` the node's ``first_year`` (for cited
        references their publication year, as CiteSpace's "Year") and the extra
        column ``node`` the node id.
    """
    if mode not in _MODES:
        raise ParameterError(f"mode must be one of {_MODES}, got {mode!r}")
    labels = list(network.slice_labels)
    spans = [_label_years(v) for v in labels]
    counts = np.asarray(network.slice_counts, dtype=float)
    if mode == "citespace":
        counts = np.where(np.asarray(network.slice_selected, dtype=bool), counts, 0.0)
    if all(sp is not None and sp[0] == sp[1] for sp in spans):
        years = list(range(spans[0][0], spans[-1][0] + 1))
        pos = [y - spans[0][0] for y, _ in spans]
        full = np.zeros((counts.shape[0], len(years)))
        full[:, pos] = counts
        counts, labels, spans = full, years, [(y, y) for y in years]
    frame = pd.DataFrame(counts, index=pd.RangeIndex(counts.shape[0], name="node"), columns=labels)
    totals = None
    if mode == "default":
        totals = pd.Series(_records_per_slice(network, corpus, spans), index=labels)
    result = detect_bursts(frame, totals, mode=mode, s=s, gamma=gamma, states=states,
                           min_duration=min_duration, trans=trans)
    return _with_nodes(result, network)


def _label_years(label: Any) -> tuple[int, int] | None:
    """``2019 -> (2019, 2019)``, ``"2019-2020" -> (2019, 2020)``, other labels -> None."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*", str(label))
    if m is None:
        return None
    return int(m.group(1)), int(m.group(2) or m.group(1))


def _records_per_slice(network: Any, corpus: Any, spans: list) -> np.ndarray:
    if any(sp is None for sp in spans):
        raise DataError("default-mode bursts need year slices (labels like 2019 or 2019-2020); "
                        "use mode='citespace' or detect_bursts with explicit totals")
    if corpus is not None:
        years = pd.to_numeric(corpus.records["year"], errors="coerce").dropna().to_numpy(dtype=int)
    else:
        years = np.asarray(network.record_years, dtype=int)
        years = years[years >= 0]
    return np.array([np.count_nonzero((years >= a) & (years <= b)) for a, b in spans], dtype=float)


def _with_nodes(result: BurstResult, network: Any) -> BurstResult:
    """Turn node ids into labels (keeping ``node``) and use the node's first year."""
    bursts = result.bursts.copy()
    node = bursts["item"].to_numpy(dtype=int)
    bursts.insert(1, "node", node)
    bursts["item"] = network.nodes["label"].to_numpy()[node]
    if "first_year" in network.nodes:
        first = network.nodes["first_year"].to_numpy()
        if "kind" in network.nodes and "labels" in network.nodes:
            first = np.array([_key_year(forms, year) if kind == "reference" else year for kind, forms, year
                              in zip(network.nodes["kind"], network.nodes["labels"], first)])
        bursts["first"] = first[node]
    return replace(result, bursts=bursts)


def _key_year(forms: Any, default: Any) -> Any:
    """Publication year of a cited reference: part 1 of its key ``author|year|source|...``."""
    parts = str(forms[0] if len(forms) else "").split("|")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else default
