"""Per-slice node selection: g-index with scale factor k, Top N, Top N%, minimum count.

CiteSpace selects the nodes of each time slice separately. Items are ranked by
their count in the slice, descending, with ties broken by name ascending (the
rule that reproduces CiteSpace's per-slice selection, see
``specs/citespace-bursts.md``), and the top g (or N) are kept.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from litmap.errors import ParameterError

__all__ = ["Selection", "parse_select", "g_index", "select_count", "select_items"]

_SPEC = re.compile(r"^\s*(g-index|top%|top)\s*:\s*([0-9]*\.?[0-9]+)\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Selection:
    """A parsed selection rule.

    Attributes
    ----------
    method : str
        ``"g-index"``, ``"top"``, ``"top%"`` or ``"all"``.
    value : float
        k for the g-index, N for Top N, the percentage for Top N% (unused for ``"all"``).
    """

    method: str
    value: float = 0.0

    def __str__(self) -> str:
        if self.method == "all":
            return "all"
        value = int(self.value) if self.method != "top%" else self.value
        return f"{self.method}:{value:g}"


def parse_select(spec: str | None) -> Selection:
    """Parse ``"g-index:25"``, ``"top:50"``, ``"top%:10"`` or ``None`` (keep all).

    Parameters
    ----------
    spec : str or None
        The selection rule as written on the command line.

    Returns
    -------
    Selection

    Raises
    ------
    ParameterError
        If the rule is unknown, k or N is not a positive integer, or the
        percentage is not in (0, 100].

    Examples
    --------
    >>> parse_select("g-index:25")
    Selection(method='g-index', value=25.0)
    """
    if spec is None or str(spec).strip().lower() in ("", "all", "none"):
        return Selection("all")
    m = _SPEC.match(str(spec))
    if not m:
        raise ParameterError(f"select: expected 'g-index:K', 'top:N', 'top%:P' or None, got {spec!r}")
    method, value = m.group(1).lower(), float(m.group(2))
    if method == "top%":
        if not 0 < value <= 100:
            raise ParameterError(f"select: the percentage of 'top%:P' must be in (0, 100], got {value:g}")
    elif value <= 0 or value != int(value):
        name = "k of 'g-index:K'" if method == "g-index" else "N of 'top:N'"
        raise ParameterError(f"select: {name} must be a positive integer, got {m.group(2)}")
    return Selection(method, value)


def g_index(counts: np.ndarray, k: float = 1.0, *, capped: bool = True) -> int:
    """Return the g-index with scale factor k: the largest g with g² ≤ k·Σ_{i≤g} c_i.

    Parameters
    ----------
    counts : numpy.ndarray
        Counts (citations or occurrences) of the candidate items, any order.
    k : float, optional (default=1)
        Scale factor; k = 1 is Egghe's g-index. Must be positive.
    capped : bool, optional (default=True)
        Cap g at the number of items (CiteSpace's selection can keep no more items
        than there are). ``False`` pads with zero counts as Egghe does, so g may
        exceed the number of items.

    Returns
    -------
    int

    Examples
    --------
    >>> g_index(np.array([25, 12, 9, 7, 5, 4, 3, 2, 1, 1, 1, 0]), 5)
    12
    >>> g_index(np.array([25, 12, 9, 7, 5, 4, 3, 2, 1, 1, 1, 0]), 5, capped=False)
    18
    """
    if not k > 0:
        raise ParameterError(f"k: the g-index scale factor must be positive, got {k}")
    c = np.sort(np.asarray(counts, dtype=float))[::-1]
    if c.size == 0:
        return 0
    g = np.arange(1, c.size + 1, dtype=float)
    # g² - k·S_g is convex in g (c is non-increasing), so the g that satisfy the
    # inequality form one run starting at 1 and counting them gives the largest.
    ok = g * g <= k * np.cumsum(c) + 1e-9
    best = int(ok.sum())
    if not capped and best == c.size:
        best = max(best, int(math.floor(math.sqrt(k * float(c.sum())) + 1e-9)))
    return best


def select_count(counts: np.ndarray, rule: Selection) -> int:
    """Return how many of the ranked candidates a rule keeps.

    Parameters
    ----------
    counts : numpy.ndarray
        Counts of the candidate items of one slice (all ≥ the minimum count).
    rule : Selection

    Returns
    -------
    int
        Between 0 and ``len(counts)``.
    """
    n = int(np.asarray(counts).size)
    if rule.method == "all":
        return n
    if rule.method == "g-index":
        return g_index(counts, rule.value, capped=True)
    if rule.method == "top":
        return min(n, int(rule.value))
    return min(n, int(math.ceil(n * rule.value / 100.0 - 1e-9)))


def select_items(counts: np.ndarray, names_rank: np.ndarray, *, rule: Selection, min_count: float = 1) -> np.ndarray:
    """Select the items of one slice: rank by count descending, ties by name, keep the top.

    Parameters
    ----------
    counts : numpy.ndarray
        Count of each item in the slice (0 for absent items).
    names_rank : numpy.ndarray
        Integer rank of each item's name in ascending order (ties broken on it).
    rule : Selection
        The selection rule.
    min_count : float, optional (default=1)
        Items counted fewer times are not candidates.

    Returns
    -------
    numpy.ndarray
        Indices of the selected items, in rank order.

    Examples
    --------
    >>> select_items(np.array([3, 5, 3, 1]), np.array([2, 0, 1, 3]), rule=Selection("top", 2))
    array([1, 2])
    """
    counts = np.asarray(counts)
    cand = np.flatnonzero(counts >= max(min_count, 1e-12))
    if cand.size == 0:
        return cand
    order = cand[np.lexsort((names_rank[cand], -counts[cand]))]
    keep = select_count(counts[order], rule)
    return order[:keep]
