"""Betweenness centrality (Freeman 1977; Brandes 2001) computed by igraph.

CiteSpace reports normalised betweenness; whether its shortest paths are weighted
is not documented, so the default is hop counts (networkx ``weight=None``), with
weighted paths (length = 1 / strength) on request.
"""

from __future__ import annotations

import igraph as ig
import numpy as np

from litmap.errors import ParameterError

__all__ = ["betweenness"]


def betweenness(edges: tuple[np.ndarray, ...], *, n: int, weighted: bool = False) -> np.ndarray:
    """Normalised betweenness C_B(v) / ((n−1)(n−2)/2) of an undirected network.

    .. math:: C_B(v) = \\sum_{s \\ne v \\ne t} \\sigma_{st}(v) / \\sigma_{st}

    with each unordered pair {s, t} counted once.

    Parameters
    ----------
    edges : tuple of numpy.ndarray
        ``(src, dst)`` end points of each edge, or ``(src, dst, strength)`` with the
        edge similarities (needed when ``weighted``).
    n : int
        Number of nodes (isolated nodes included).
    weighted : bool, optional (default=False)
        Use path lengths 1 / strength instead of hop counts.

    Returns
    -------
    numpy.ndarray
        One value per node in [0, 1]; all zeros when n < 3.

    Raises
    ------
    ParameterError
        If ``weighted`` and a strength is missing or not positive.

    Examples
    --------
    >>> betweenness((np.array([0, 1]), np.array([1, 2])), n=3).tolist()
    [0.0, 1.0, 0.0]
    """
    src, dst = edges[0], edges[1]
    strength = edges[2] if len(edges) > 2 else None
    if n < 3:
        return np.zeros(n)
    g = ig.Graph(n=n, edges=np.column_stack([src, dst]).tolist(), directed=False)
    weights = None
    if weighted:
        if strength is None or np.any(~(np.asarray(strength) > 0)):
            raise ParameterError("weighted_betweenness: needs positive link strengths "
                                 "(path length = 1/strength); choose another strength or unweighted")
        weights = (1.0 / np.asarray(strength, dtype=np.float64)).tolist()
    raw = np.asarray(g.betweenness(directed=False, weights=weights), dtype=np.float64)
    return raw / ((n - 1) * (n - 2) / 2.0)
