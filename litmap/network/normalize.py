"""Link strength: co-occurrence counts -> normalised similarity.

Notation (``specs/algorithms.md`` §5): c_ij co-occurrence count, s_i occurrences
of item i (records containing it), N records, k_i = Σ_j c_ij the total link
weight of i and m = Σ_{i<j} c_ij.

============================  ==========================================
measure                       formula
============================  ==========================================
``raw``                       c_ij
``cosine`` (Salton, Ochiai)   c_ij / √(s_i s_j)
``jaccard``                   c_ij / (s_i + s_j − c_ij)
``dice``                      2 c_ij / (s_i + s_j)
``inclusion``                 c_ij / min(s_i, s_j)
``equivalence``               c_ij² / (s_i s_j)
``association``               c_ij / (s_i s_j)
``association-prob``          N c_ij / (s_i s_j) (observed / expected)
``association-vos``           2m c_ij / (k_i k_j) (VOSviewer)
``pmi``                       ln(N c_ij / (s_i s_j))
============================  ==========================================

Every measure works on edge lists (vectorised numpy), so the cost is linear in
the number of edges.
"""

from __future__ import annotations

import numpy as np

from litmap.errors import ParameterError

__all__ = ["STRENGTHS", "COUNTINGS", "check_strength", "link_strength"]

STRENGTHS: tuple[str, ...] = ("raw", "cosine", "jaccard", "dice", "inclusion", "equivalence",
                              "association", "association-prob", "association-vos", "pmi")
COUNTINGS: tuple[str, ...] = ("full", "fractional")


def check_strength(strength: str) -> str:
    """Return ``strength`` lower-cased, or raise if it is not a known measure.

    Parameters
    ----------
    strength : str

    Returns
    -------
    str

    Raises
    ------
    ParameterError
        Naming the parameter and the allowed values.
    """
    s = str(strength).strip().lower()
    if s not in STRENGTHS:
        raise ParameterError(f"strength: unknown measure {strength!r}; expected one of {', '.join(STRENGTHS)}")
    return s


def link_strength(c: np.ndarray, strength: str = "cosine", *, si: np.ndarray, sj: np.ndarray, n_records: int = 0,
                  ki: np.ndarray | None = None, kj: np.ndarray | None = None,
                  total: float | None = None) -> np.ndarray:
    """Normalise co-occurrence counts of a list of edges.

    Parameters
    ----------
    c : numpy.ndarray
        Co-occurrence count of each edge (full or fractional).
    strength : str, optional (default="cosine")
        One of :data:`STRENGTHS`.
    si, sj : numpy.ndarray
        Occurrences of the two end points of each edge.
    n_records : int, optional
        N, the number of records (``association-prob`` and ``pmi``).
    ki, kj : numpy.ndarray, optional
        Total link weight of the end points (``association-vos``).
    total : float, optional
        m, the total link weight of the network (``association-vos``).

    Returns
    -------
    numpy.ndarray
        float64 strengths, one per edge.

    Examples
    --------
    >>> link_strength(np.array([2.0]), "cosine", si=np.array([3.0]), sj=np.array([3.0]))
    array([0.66666667])
    """
    s = check_strength(strength)
    c = np.asarray(c, dtype=np.float64)
    si = np.asarray(si, dtype=np.float64)
    sj = np.asarray(sj, dtype=np.float64)
    if s == "raw":
        return c.copy()
    if s == "cosine":
        return c / np.sqrt(si * sj)
    if s == "jaccard":
        return c / (si + sj - c)
    if s == "dice":
        return 2.0 * c / (si + sj)
    if s == "inclusion":
        return c / np.minimum(si, sj)
    if s == "equivalence":
        return c * c / (si * sj)
    if s == "association":
        return c / (si * sj)
    if s in ("association-prob", "pmi"):
        if n_records <= 0:
            raise ParameterError(f"strength: {s!r} needs the number of records N > 0")
        ratio = n_records * c / (si * sj)
        return ratio if s == "association-prob" else np.log(ratio)
    if ki is None or kj is None or total is None:
        raise ParameterError("strength: 'association-vos' needs the total link weights k_i, k_j and m")
    return 2.0 * float(total) * c / (np.asarray(ki, dtype=np.float64) * np.asarray(kj, dtype=np.float64))
