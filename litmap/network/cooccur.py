"""The sliced co-occurrence computation behind :func:`litmap.network.build_network`.

Input is a binary sparse matrix B (baskets × items): for co-occurrence and
co-citation a basket is a record; for bibliographic coupling a basket is one cited
reference in one slice and the items are the citing records. Every basket belongs
to one time slice. The steps follow CiteSpace:

1. per slice, count the baskets holding each item (S·B) and select items
   (:mod:`litmap.network.select`);
2. per slice, count co-occurrences among the items selected in that slice
   (Bₜᵀ W Bₜ, W = 1 or the fractional weights), normalise, optionally prune;
3. merge: the nodes are the union of the selections, the links the union of the
   slice links; a merged link's count and strength are computed over the whole
   span; optionally prune the merged network.

All counting is sparse matrix algebra; nothing loops over pairs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from litmap.network.normalize import link_strength
from litmap.network.prune import prune_edges
from litmap.network.select import Selection, select_items

__all__ = ["SliceSettings", "CoOccurrence", "basket_weights", "cooccurrence"]


@dataclass(frozen=True, slots=True)
class SliceSettings:
    """Selection rule, minimum count, strength, counting and pruning (validated by the caller)."""

    rule: Selection
    min_count: int
    strength: str
    counting: str
    prune: str | None
    prune_scope: str


@dataclass(frozen=True, slots=True)
class CoOccurrence:
    """Result of :func:`cooccurrence`; node id i is item code ``items[i]``.

    ``freq`` and ``slice_counts`` (nodes × slices) count baskets holding the item,
    ``slice_selected`` says where it was selected, and ``src < dst``, ``count``,
    ``strength`` describe the merged (and possibly pruned) links.
    """

    items: np.ndarray
    freq: np.ndarray
    slice_counts: np.ndarray
    slice_selected: np.ndarray
    src: np.ndarray
    dst: np.ndarray
    count: np.ndarray
    strength: np.ndarray


def basket_weights(b: sp.csr_matrix, counting: str) -> np.ndarray:
    """Weight of each basket: 1 (full counting) or 1/(n_k − 1) (fractional counting).

    Parameters
    ----------
    b : scipy.sparse.csr_matrix
        Binary baskets × items matrix (all items of each basket).
    counting : str
        ``"full"`` or ``"fractional"``.

    Returns
    -------
    numpy.ndarray
        float64 weights; fractional counting gives 0 to baskets with one item.
    """
    if counting == "full":
        return np.ones(b.shape[0])
    n_k = np.diff(b.indptr).astype(np.float64)
    return np.divide(1.0, n_k - 1.0, out=np.zeros_like(n_k), where=n_k > 1)


def _pairs(x: sp.csr_matrix, w: np.ndarray) -> sp.coo_matrix:
    """Upper triangle (i < j) of Xᵀ diag(w) X, without explicit zeros."""
    c = (x.T @ sp.diags(w) @ x) if w is not None else (x.T @ x)
    t = sp.triu(sp.csr_matrix(c), k=1).tocoo()
    keep = t.data > 0
    return sp.coo_matrix((t.data[keep], (t.row[keep], t.col[keep])), shape=t.shape)


def _normalise(strength: str, n: int, src: np.ndarray, dst: np.ndarray, count: np.ndarray,
               occ: np.ndarray, n_baskets: int) -> np.ndarray:
    k = np.bincount(src, count, minlength=n) + np.bincount(dst, count, minlength=n)
    return link_strength(count, strength, si=occ[src], sj=occ[dst], n_records=n_baskets, ki=k[src], kj=k[dst],
                         total=float(count.sum()))


def _slice_selection(sc: sp.csr_matrix, settings: SliceSettings) -> list[np.ndarray]:
    out = []
    for t in range(sc.shape[0]):
        lo, hi = sc.indptr[t], sc.indptr[t + 1]
        idx, cnt = sc.indices[lo:hi], sc.data[lo:hi]
        out.append(idx[select_items(cnt, idx, rule=settings.rule, min_count=settings.min_count)])
    return out


def cooccurrence(b: sp.csr_matrix, basket_slice: np.ndarray, *, n_slices: int, settings: SliceSettings,
                 weights: np.ndarray) -> CoOccurrence:
    """Run selection, counting, normalisation, pruning and merging over the slices.

    Parameters
    ----------
    b : scipy.sparse.csr_matrix
        Binary baskets × items matrix; item codes must be ranks of the item names
        (ties in the selection are broken on them).
    basket_slice : numpy.ndarray
        Slice index of each basket (0 … n_slices−1).
    n_slices : int
        Number of slices.
    settings : SliceSettings
        Selection, strength, counting and pruning settings.
    weights : numpy.ndarray
        Basket weights (:func:`basket_weights`).

    Returns
    -------
    CoOccurrence
        Nodes ordered by frequency descending, then item code.
    """
    nb = b.shape[0]
    s = sp.csr_matrix((np.ones(nb), (basket_slice, np.arange(nb))), shape=(n_slices, nb))
    sc = sp.csr_matrix(s @ b)
    sc.sum_duplicates()
    chosen = _slice_selection(sc, settings)
    union = np.unique(np.concatenate(chosen)) if chosen else np.zeros(0, dtype=np.int64)
    freq_all = np.asarray(sc.sum(axis=0)).ravel()
    items = union[np.lexsort((union, -freq_all[union]))]
    n = items.size
    lookup = np.full(b.shape[1], -1, dtype=np.int64)
    lookup[items] = np.arange(n)
    selected = np.zeros((n, n_slices), dtype=bool)
    for t, c in enumerate(chosen):
        selected[lookup[c], t] = True
    counts = np.asarray(sc[:, items].T.todense(), dtype=np.float64).reshape(n, n_slices)
    bn = sp.csr_matrix(b.tocsc()[:, items])
    use_w = None if settings.counting == "full" else weights
    found_i, found_j = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for t in range(n_slices):
        cols = np.flatnonzero(selected[:, t])
        rows = np.flatnonzero(basket_slice == t)
        if cols.size < 2 or rows.size == 0:
            continue
        pc = _pairs(sp.csr_matrix(bn[rows][:, cols]), None if use_w is None else use_w[rows])
        i, j, c = cols[pc.row], cols[pc.col], pc.data
        if settings.prune and settings.prune_scope in ("slices", "both") and i.size:
            st = _normalise(settings.strength, n, i, j, c, counts[:, t], rows.size)
            mask = prune_edges((i, j, st), method=settings.prune, n=n)
            i, j = i[mask], j[mask]
        found_i.append(i)
        found_j.append(j)
    fi, fj = np.concatenate(found_i), np.concatenate(found_j)
    pattern = sp.csr_matrix((np.ones(fi.size, dtype=bool), (fi, fj)), shape=(n, n))
    merged = sp.csr_matrix(_pairs(bn, use_w)).multiply(pattern).tocsr()
    merged.sort_indices()
    merged = merged.tocoo()
    src, dst, count = merged.row.astype(np.int64), merged.col.astype(np.int64), merged.data.astype(np.float64)
    freq = freq_all[items].astype(np.float64)
    strength = _normalise(settings.strength, n, src, dst, count, freq, nb)
    if settings.prune and settings.prune_scope in ("merged", "both") and src.size:
        mask = prune_edges((src, dst, strength), method=settings.prune, n=n)
        src, dst, count, strength = src[mask], dst[mask], count[mask], strength[mask]
    return CoOccurrence(items=items, freq=freq, slice_counts=counts, slice_selected=selected,
                        src=src, dst=dst, count=count, strength=strength)
