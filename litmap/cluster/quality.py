"""Cluster quality: weighted modularity Q, silhouettes and their harmonic mean.

Dissimilarities for the silhouette (stated, because CiteSpace does not publish its
own):

``"hops"`` (default)
    Shortest-path length in hops on the (unweighted) network. Pairs in different
    connected components are given ``max finite distance + 1``, so that a node
    always sits closer to its own component than to any other.
``"cosine"``
    ``1 - cos(A_i, A_j)``, the cosine of the weighted adjacency rows (isolated
    nodes have cosine 0 with every node).

Both are computed in row chunks, so memory stays ``O(chunk * n)``; time is
``O(n * m)`` for hops.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from litmap.errors import DataError, ParameterError

__all__ = ["modularity_score", "silhouette_samples", "silhouette_score", "harmonic_mean",
           "DISSIMILARITIES"]

DISSIMILARITIES = ("hops", "cosine")
_CHUNK_CELLS = 20_000_000


def _square(matrix: sp.spmatrix | np.ndarray) -> sp.csr_matrix:
    m = sp.csr_matrix(matrix, dtype=float)
    if m.shape[0] != m.shape[1]:
        raise DataError(f"the adjacency matrix must be square, got shape {m.shape}")
    if m.nnz and (m.data < 0).any():
        raise DataError("the adjacency matrix has negative weights")
    return m


def _labels(membership: np.ndarray | list, n: int) -> tuple[np.ndarray, int]:
    labels = np.asarray(membership)
    if labels.shape != (n,):
        raise DataError(f"membership has {labels.size} entries for {n} nodes")
    _, inverse = np.unique(labels, return_inverse=True)
    return inverse, int(inverse.max()) + 1 if n else 0


def modularity_score(matrix: sp.spmatrix | np.ndarray, membership: np.ndarray | list, *,
                     resolution: float = 1.0) -> float:
    """Return Newman's weighted modularity of a partition.

    .. math:: Q = \\frac{1}{2m} \\sum_{ij} \\left[A_{ij} - \\gamma \\frac{k_i k_j}{2m}\\right]
              \\delta(c_i, c_j)

    Parameters
    ----------
    matrix : scipy.sparse matrix or numpy.ndarray
        Symmetric weighted adjacency matrix (zero diagonal expected).
    membership : array-like
        Cluster of each node.
    resolution : float, optional (default=1.0)
        The resolution gamma.

    Returns
    -------
    float
        Q; ``nan`` for a network without edges.
    """
    a = _square(matrix)
    labels, k = _labels(membership, a.shape[0])
    two_m = a.sum()
    if two_m == 0:
        return float("nan")
    onehot = sp.csr_matrix((np.ones(len(labels)), (np.arange(len(labels)), labels)),
                           shape=(len(labels), k))
    inside = (onehot.T @ a @ onehot).diagonal()
    degree = np.bincount(labels, weights=np.asarray(a.sum(axis=1)).ravel(), minlength=k)
    return float(inside.sum() / two_m - resolution * np.sum((degree / two_m) ** 2))


def silhouette_samples(matrix: sp.spmatrix | np.ndarray, membership: np.ndarray | list, *,
                       dissimilarity: str = "hops") -> np.ndarray:
    """Return Rousseeuw's silhouette of every node.

    ``s(i) = (b(i) - a(i)) / max(a(i), b(i))`` with ``a(i)`` the mean dissimilarity
    to the other members of its cluster and ``b(i)`` the smallest mean dissimilarity
    to another cluster; ``s(i) = 0`` in a singleton cluster (as in scikit-learn).

    Parameters
    ----------
    matrix : scipy.sparse matrix or numpy.ndarray
        Symmetric weighted adjacency matrix.
    membership : array-like
        Cluster of each node.
    dissimilarity : {"hops", "cosine"}, optional (default="hops")
        See the module documentation.

    Returns
    -------
    numpy.ndarray
        One value per node in [-1, 1]; all ``nan`` when there is only one cluster.
    """
    if dissimilarity not in DISSIMILARITIES:
        raise ParameterError(f"dissimilarity must be one of {DISSIMILARITIES}, got {dissimilarity!r}")
    a = _square(matrix)
    n = a.shape[0]
    labels, k = _labels(membership, n)
    if k < 2:
        return np.full(n, np.nan)
    sums, sizes = _cluster_distance_sums(a, labels, k, dissimilarity)
    own = labels
    rows = np.arange(n)
    own_size = sizes[own]
    a_i = np.divide(sums[rows, own], own_size - 1, out=np.zeros(n), where=own_size > 1)
    mean_other = sums / sizes[None, :]
    mean_other[rows, own] = np.inf
    b_i = mean_other.min(axis=1)
    denom = np.maximum(a_i, b_i)
    s = np.divide(b_i - a_i, denom, out=np.zeros(n), where=denom > 0)
    s[own_size == 1] = 0.0
    return s


def _cluster_distance_sums(a: sp.csr_matrix, labels: np.ndarray, k: int,
                           dissimilarity: str) -> tuple[np.ndarray, np.ndarray]:
    """Sum of dissimilarities from every node to every cluster (n x k), and cluster sizes."""
    n = a.shape[0]
    onehot = sp.csr_matrix((np.ones(n), (np.arange(n), labels)), shape=(n, k))
    sizes = np.bincount(labels, minlength=k).astype(float)
    finite = np.zeros((n, k))
    unreachable = np.zeros((n, k))
    longest = 0.0
    step = max(1, _CHUNK_CELLS // max(n, 1))
    if dissimilarity == "hops":
        hops = ((a + a.T) > 0).astype(np.float64).tocsr()   # symmetric unit lengths: directed search is exact
    else:
        norms = np.sqrt(np.asarray(a.multiply(a).sum(axis=1)).ravel())
        unit = sp.diags(np.divide(1.0, norms, out=np.zeros(n), where=norms > 0)) @ a
    for start in range(0, n, step):
        idx = np.arange(start, min(start + step, n))
        if dissimilarity == "hops":
            dist = dijkstra(hops, directed=True, indices=idx)
        else:
            dist = 1.0 - (unit[idx] @ unit.T).toarray()
            dist[np.arange(len(idx)), idx] = 0.0
        inf = ~np.isfinite(dist)
        dist[inf] = 0.0
        if dist.size:
            longest = max(longest, float(dist.max()))
        finite[idx] = onehot.T.dot(dist.T).T
        unreachable[idx] = onehot.T.dot(inf.T.astype(float)).T
    return finite + unreachable * (longest + 1.0), sizes


def silhouette_score(matrix: sp.spmatrix | np.ndarray, membership: np.ndarray | list, *,
                     dissimilarity: str = "hops") -> float:
    """Return the mean silhouette S over nodes.

    The node mean equals the cluster-size-weighted mean of the per-cluster means
    (CiteSpace's "weighted mean silhouette").

    Parameters
    ----------
    matrix : scipy.sparse matrix or numpy.ndarray
        Symmetric weighted adjacency matrix.
    membership : array-like
        Cluster of each node.
    dissimilarity : {"hops", "cosine"}, optional (default="hops")
        See the module documentation.

    Returns
    -------
    float
        S, ``nan`` with fewer than 2 clusters.
    """
    values = silhouette_samples(matrix, membership, dissimilarity=dissimilarity)
    return float(np.mean(values)) if values.size else float("nan")


def harmonic_mean(q: float, s: float) -> float:
    """Return CiteSpace's harmonic mean of Q and S, ``2QS / (Q + S)``.

    Parameters
    ----------
    q : float
        Modularity.
    s : float
        Mean silhouette.

    Returns
    -------
    float
        ``nan`` when either is ``nan`` or ``Q + S = 0``.
    """
    if not np.isfinite(q) or not np.isfinite(s) or q + s == 0:
        return float("nan")
    return float(2 * q * s / (q + s))
