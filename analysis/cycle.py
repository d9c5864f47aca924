r"""Spatial-cycle measures: Kawashima's ROXY index and van den Berg's stages.

ROXY index
    For spatial units i with levels :math:`X_i(t_0)` and :math:`X_i(t_1)` (here:
    resident population), growth ratios :math:`g_i = X_i(t_1)/X_i(t_0)` and
    weights :math:`w_i`,

    .. math:: \mathrm{ROXY} = \left(\frac{\sum_i w_i g_i / \sum_i w_i}{\frac1n\sum_i g_i} - 1\right)\times 10^4 ,

    the ratio of the weighted to the simple average of the growth ratios, minus
    one, in units of :math:`10^{-4}`. With base-year levels as weights
    (``weights="level"``, the default) the weighted average is the growth ratio
    of the whole system, and ROXY > 0 means that the larger units grow faster
    (concentration, centralisation); ROXY < 0 means decentralisation. The change of
    ROXY between windows tells acceleration or deceleration (:func:`roxy_phase`).

    Source check (done with the project's search tool): Kawashima, Fukatsu & Hiraoka
    (2007) and Kawashima (2002) confirm the index, its origin (Kawashima 1978), its
    use on *growth ratios* of census population (rather than absolute changes) and
    its reading (centralisation / concentration vs decentralisation); Asami et al.
    (1994) study its mathematical properties. The equation itself could not be
    retrieved from those texts, so the ratio form above is stated as recalled, the
    weighting is a parameter, and the tests check the defining properties only
    (equal growth gives 0; faster growth of the largest unit gives > 0). Verify the
    form against [3] section 3 before publishing ROXY figures.

van den Berg stages
    Absolute changes of the core and the ring over a window classify a city into
    one of eight phases of four stages: urbanisation (1 absolute, 2 relative
    centralisation), suburbanisation (3 relative, 4 absolute decentralisation),
    disurbanisation (5 absolute, 6 relative decentralisation) and reurbanisation
    (7 relative, 8 absolute centralisation).

References
----------
.. [1] Kawashima, T. (1978), where the ROXY index was first applied (pp. 9, 13, 14), as
   cited in note 3 of [3]; Kawashima's earlier IIASA memorandum RM-77-025 (1977),
   "Changes in the Spatial Population Structure of Japan", sets out the data context.
.. [2] Kawashima, T. (2002). Possible revitalization of the central part of the
   metropolitan area: ROXY-index analysis of spatial cycles. Gakushuin Economic Papers 39(3).
.. [3] Kawashima, T., Fukatsu, A., Hiraoka, N. (2007). Re-urbanization of population in
   the Tokyo Metropolitan Area: ROXY-index / spatial-cycle analysis for the period
   1947-2005. Gakushuin Economic Papers 44(1), 19-46.
.. [4] Asami, Y., Funamoto, S., Hiraoka, N., Paelinck, J. H. P., Kawashima, T. (1994).
   Gakushuin Economic Papers 31(3), 159-175.
.. [5] van den Berg, L., Drewett, R., Klaassen, L. H., Rossi, A., Vijverberg, C. H. T.
   (1982). Urban Europe: A Study of Growth and Decline. Pergamon.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.errors import ParameterError

__all__ = ["roxy_index", "roxy_phase", "van_den_berg_stage", "van_den_berg_stages", "STAGES"]

STAGES = {
    1: ("urbanisation", "absolute centralisation"),
    2: ("urbanisation", "relative centralisation"),
    3: ("suburbanisation", "relative decentralisation"),
    4: ("suburbanisation", "absolute decentralisation"),
    5: ("disurbanisation", "absolute decentralisation"),
    6: ("disurbanisation", "relative decentralisation"),
    7: ("reurbanisation", "relative centralisation"),
    8: ("reurbanisation", "absolute centralisation"),
}
"""Phase number -> (stage, kind) of van den Berg et al. (1982)."""


def roxy_index(start: Sequence[float], end: Sequence[float], *,
               weights: Sequence[float] | str = "level") -> float:
    """Kawashima's ROXY index of a system of spatial units over one window.

    Parameters
    ----------
    start, end : sequence of float
        Levels (e.g. population) of each unit at the start and end of the window; positive.
    weights : sequence of float or "level", default "level"
        Weights of the units; ``"level"`` uses the start levels.

    Returns
    -------
    float
        ROXY in units of 1e-4: > 0 centralisation / concentration, < 0 decentralisation.

    Examples
    --------
    >>> roxy_index([100, 50], [110, 55])
    0.0
    >>> roxy_index([100, 50], [120, 50]) > 0
    True
    """
    x0 = np.asarray(start, dtype=float)
    x1 = np.asarray(end, dtype=float)
    if x0.shape != x1.shape or x0.ndim != 1 or x0.size < 2:
        raise ParameterError("start and end must be 1-d sequences of the same length >= 2")
    if not (np.all(np.isfinite(x0)) and np.all(np.isfinite(x1))) or np.any(x0 <= 0) or np.any(x1 < 0):
        raise ParameterError("ROXY needs positive start levels and non-negative end levels")
    if isinstance(weights, str) and weights != "level":
        raise ParameterError(f"weights must be 'level' or a sequence, got {weights!r}")
    w = x0 if isinstance(weights, str) else np.asarray(weights, dtype=float)
    if w.shape != x0.shape or np.any(w < 0) or w.sum() <= 0:
        raise ParameterError("weights must be non-negative, one per unit, with a positive sum")
    g = x1 / x0
    return float((np.dot(w, g) / w.sum() / g.mean() - 1.0) * 1e4)


def roxy_phase(previous: float, current: float) -> str:
    """Name the spatial-cycle phase from two consecutive ROXY values.

    Parameters
    ----------
    previous, current : float
        ROXY of the earlier and the later window.

    Returns
    -------
    str
        ``accelerated centralisation`` (ROXY > 0 and rising), ``decelerated
        centralisation`` (> 0, falling), ``accelerated decentralisation`` (< 0,
        falling) or ``decelerated decentralisation`` (< 0, rising).
    """
    rising = current >= previous
    if current >= 0:
        return "accelerated centralisation" if rising else "decelerated centralisation"
    return "decelerated decentralisation" if rising else "accelerated decentralisation"


def van_den_berg_stage(core_change: float, ring_change: float) -> tuple[int, str, str]:
    """Classify one city-window by the absolute changes of its core and ring.

    Parameters
    ----------
    core_change, ring_change : float
        Absolute population change of the core and of the ring over the window.

    Returns
    -------
    (int, str, str)
        Phase number (1-8), stage and kind, see :data:`STAGES`.
    """
    phase = int(van_den_berg_stages([core_change], [ring_change])["phase"].iloc[0])
    return (phase, *STAGES[phase])


def van_den_berg_stages(core_change: Sequence[float], ring_change: Sequence[float]) -> pd.DataFrame:
    """Vectorised :func:`van_den_berg_stage`.

    Parameters
    ----------
    core_change, ring_change : sequence of float
        Absolute changes, one per city-window.

    Returns
    -------
    pandas.DataFrame
        ``phase, stage, kind`` per input position.
    """
    c = np.asarray(core_change, dtype=float)
    r = np.asarray(ring_change, dtype=float)
    if c.shape != r.shape or not (np.all(np.isfinite(c)) and np.all(np.isfinite(r))):
        raise ParameterError("core_change and ring_change must be finite and of equal length")
    total = c + r
    phase = np.select(
        [(c >= 0) & (r < 0) & (total >= 0), (c >= 0) & (r >= 0) & (c > r), (c >= 0) & (r >= 0),
         (c < 0) & (r >= 0) & (total >= 0), (c < 0) & (r >= 0), (c < 0) & (r < 0) & (-c > -r),
         (c < 0) & (r < 0)],
        [1, 2, 3, 4, 5, 6, 7], default=8)
    return pd.DataFrame({"phase": phase, "stage": [STAGES[p][0] for p in phase],
                         "kind": [STAGES[p][1] for p in phase]})
