"""``build_network``: corpus -> sliced, selected, normalised, pruned network.

Decisions where CiteSpace is silent or closed (each is tested in ``tests/network``):

- Records without a publication year cannot be sliced: they are left out with a
  warning (``params["records_without_year"]``).
- A slice without records is kept (so burst series stay continuous), with one
  warning naming the empty slices; a span that misses the data entirely is a
  ``ParameterError``.
- Per slice, items are ranked by the number of records containing them, then by
  key (the folded name) ascending; the g-index is capped at the number of
  candidates; Top N% keeps ceil(N% × candidates).
- The merged network's nodes are the union of the slice selections; its links are
  the union of the slice networks' links (two items are linked only if both were
  selected in a slice in which they co-occur); a merged link's ``count`` and
  ``strength`` are computed over all records of the span (s_i = ``freq``, N = the
  records of the span). An edge's ``first_year`` is the first year in which the two
  items occur in the same record.
- Fractional counting weights a record by 1/(n−1), n = its distinct items after
  cleaning (all of them, selected or not).
- Bibliographic coupling: nodes are records, ranked for selection by their number
  of cited references; two records are coupled only within a slice (use one slice
  for a whole-span coupling map); strength uses the reference counts (Salton's
  coupling strength for ``cosine``).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from litmap.corpus import Corpus
from litmap.errors import DataError, ParameterError
from litmap.network.centrality import betweenness
from litmap.network.clean import AliasSpec, Cleaner, ExcludeSpec
from litmap.network.cooccur import SliceSettings, basket_weights, cooccurrence
from litmap.network.items import CITATION_KINDS, check_kind, record_items, reference_label
from litmap.network.model import Network
from litmap.network.normalize import COUNTINGS, check_strength
from litmap.network.prune import PRUNINGS
from litmap.network.select import parse_select

__all__ = ["build_network", "PRUNE_SCOPES"]

PRUNE_SCOPES: tuple[str, ...] = ("merged", "slices", "both")
#: ``centrality="auto"`` skips betweenness when nodes × links exceeds this (≈ a minute).
BETWEENNESS_AUTO_LIMIT = 2e10


def _choice(name: str, value: Any, allowed: tuple[str, ...]) -> str:
    v = str(value).strip().lower()
    if v not in allowed:
        raise ParameterError(f"{name}: expected one of {', '.join(allowed)}, got {value!r}")
    return v


def _positive_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ParameterError(f"{name}: expected a positive integer, got {value!r}")
    return int(value)


def _span(years: np.ndarray, span: tuple[int, int] | None) -> tuple[int, int]:
    known = years[years >= 0]
    if known.size == 0:
        raise DataError("no record has a publication year, so the records cannot be sliced")
    lo_data, hi_data = int(known.min()), int(known.max())
    if span is None:
        return lo_data, hi_data
    try:
        lo, hi = (int(span[0]), int(span[1]))
    except (TypeError, ValueError, IndexError):
        raise ParameterError(f"years: expected (from, to), got {span!r}") from None
    if lo > hi:
        raise ParameterError(f"years: from {lo} is after to {hi}")
    if hi < lo_data or lo > hi_data:
        raise ParameterError(f"years: {lo}-{hi} lies outside the data, whose records span {lo_data}-{hi_data}")
    return lo, hi


def _slice_labels(lo: int, hi: int, width: int) -> list[str]:
    starts = range(lo, hi + 1, width)
    return [str(s) if min(s + width - 1, hi) == s else f"{s}-{min(s + width - 1, hi)}" for s in starts]


def _first_year_nodes(inc: sp.csr_matrix, years: np.ndarray) -> np.ndarray:
    """Earliest record year of each column of a binary incidence matrix (columns non-empty)."""
    csc = inc.tocsc()
    csc.sort_indices()
    vals = years[csc.indices]
    return np.minimum.reduceat(vals, csc.indptr[:-1]) if vals.size else np.zeros(0, dtype=np.int64)


def _first_year_edges(inc: sp.csr_matrix, years: np.ndarray, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """First year in which each pair occurs together in a record (one sparse product per year)."""
    n = inc.shape[1]
    want = src.astype(np.int64) * n + dst
    order = np.argsort(want)
    out = np.full(want.size, -1, dtype=np.int64)
    for y in np.unique(years):
        if not (out == -1).any():
            break
        xy = inc[np.flatnonzero(years == y)]
        c = sp.triu(sp.csr_matrix(xy.T @ xy), k=1).tocoo()
        pos = np.searchsorted(want[order], c.row.astype(np.int64) * n + c.col)
        pos = np.minimum(pos, want.size - 1)
        hit = order[pos[want[order][pos] == c.row.astype(np.int64) * n + c.col]]
        hit = hit[out[hit] == -1]
        out[hit] = y
    return out


def _surface_labels(codes: np.ndarray, surface_codes: np.ndarray, surfaces: np.ndarray,
                    node_items: np.ndarray) -> list[list[str]]:
    """All surface forms of each node, most frequent first (ties by text)."""
    pos = np.full(int(codes.max(initial=-1)) + 1, -1, dtype=np.int64)
    pos[node_items] = np.arange(node_items.size)
    node = pos[codes]
    keep = node >= 0
    width = max(len(surfaces), 1)
    pairs, counts = np.unique(node[keep] * width + surface_codes[keep], return_counts=True)
    out: list[list[tuple[int, str]]] = [[] for _ in range(node_items.size)]
    for key, c in zip(pairs.tolist(), counts.tolist()):
        out[key // width].append((-c, str(surfaces[key % width])))
    return [[s for _, s in sorted(x)] for x in out]


def _coupling_matrix(rows: np.ndarray, ref_codes: np.ndarray, rec_slice: np.ndarray, rank: np.ndarray,
                     n_slices: int) -> tuple[sp.csr_matrix, np.ndarray]:
    """Baskets (reference, slice) × records-by-uid-rank; returns (B, basket slice)."""
    basket, _ = pd.factorize(ref_codes.astype(np.int64) * n_slices + rec_slice[rows], sort=True)
    nb = int(basket.max(initial=-1)) + 1
    b = sp.csr_matrix((np.ones(rows.size), (basket, rank[rows])), shape=(nb, rank.size))
    b.sum_duplicates()
    b.data[:] = 1.0
    bslice = np.zeros(nb, dtype=np.int64)
    bslice[basket] = rec_slice[rows]
    return b, bslice


def build_network(corpus: Corpus, *, kind: str = "keyword", years: tuple[int, int] | None = None,
                  slice_years: int = 1, select: str | None = "g-index:25", min_count: int = 1,
                  strength: str = "cosine", counting: str = "full", prune: str | None = None,
                  prune_scope: str = "merged", alias: AliasSpec = None, exclude: ExcludeSpec = None,
                  merge_plurals: bool = True, keywords_plus: bool = False,
                  term_ngrams: tuple[int, int] = (1, 4), user_dict: str | Path | None = None,
                  centrality: bool | str = "auto", weighted_betweenness: bool = False) -> Network:
    """Build a co-occurrence, co-citation or coupling network the way CiteSpace does.

    Records are cut into time slices; in each slice the items are ranked by the
    number of records containing them (ties by name) and selected; the slice
    networks link co-occurring selected items and are merged into one network
    whose links carry counts and normalised strengths over the whole span.

    Parameters
    ----------
    corpus : Corpus
        The records.
    kind : str, optional (default="keyword")
        Node type, one of :data:`litmap.network.items.KINDS`.
    years : tuple of int, optional
        ``(from, to)`` inclusive; default the years of the records. Records without
        a year are left out (with a warning).
    slice_years : int, optional (default=1)
        Years per slice; the last slice may be shorter.
    select : str or None, optional (default="g-index:25")
        Per-slice selection: ``"g-index:K"``, ``"top:N"``, ``"top%:P"`` or None (all).
    min_count : int, optional (default=1)
        Items in fewer records of a slice are not candidates in that slice.
    strength : str, optional (default="cosine")
        Link strength, one of :data:`litmap.network.normalize.STRENGTHS`.
    counting : str, optional (default="full")
        ``"full"`` or ``"fractional"`` (a record with n items adds 1/(n−1) per pair).
    prune : str or None, optional (default=None)
        ``"pathfinder"`` (PFNET(∞, n−1)) or ``"mst"``.
    prune_scope : str, optional (default="merged")
        Prune the ``"slices"``, the ``"merged"`` network, or ``"both"``.
    alias, exclude : optional
        Alias tables and exclusion lists (:class:`litmap.network.clean.Cleaner`).
    merge_plurals : bool, optional (default=True)
        Merge English plurals into singulars that occur (text node types).
    keywords_plus : bool, optional (default=False)
        ``kind="keyword"``: add Keywords Plus / index keywords.
    term_ngrams : tuple of int, optional (default=(1, 4))
        ``kind="term"``: smallest and largest English n-gram.
    user_dict : path, optional
        ``kind="term"``: a jieba user dictionary.
    centrality : bool or "auto", optional (default="auto")
        Compute betweenness, O(n·m): ``True`` always, ``False`` never (the column is
        NaN), ``"auto"`` unless n·m > 2·10¹⁰ (about a minute), in which case it is
        skipped with a warning, as CiteSpace defers it on large networks.
    weighted_betweenness : bool, optional (default=False)
        Betweenness on path lengths 1/strength instead of hop counts.

    Returns
    -------
    Network

    Raises
    ------
    ParameterError
        For any invalid parameter (the message names it).
    DataError
        For co-citation or coupling on a corpus without cited references, or a
        corpus without years.
    """
    kind = check_kind(kind)
    slice_years = _positive_int("slice_years", slice_years)
    min_count = _positive_int("min_count", min_count)
    rule = parse_select(select)
    strength = check_strength(strength)
    counting = _choice("counting", counting, COUNTINGS)
    prune = None if prune is None else _choice("prune", prune, PRUNINGS)
    prune_scope = _choice("prune_scope", prune_scope, PRUNE_SCOPES)
    if centrality not in (True, False, "auto"):
        raise ParameterError(f"centrality: expected True, False or 'auto', got {centrality!r}")
    text_kind = kind in ("keyword", "term")
    cleaner = Cleaner(alias=alias, exclude=exclude, merge_plurals=bool(merge_plurals) and text_kind)

    rec = corpus.records
    all_years = rec["year"].to_numpy(dtype=np.float64, na_value=-1).astype(np.int64)
    lo, hi = _span(all_years, years)
    missing = int((all_years < 0).sum())
    if missing:
        warnings.warn(f"{missing} record(s) without a publication year are left out of the network",
                      stacklevel=2)
    span = np.flatnonzero((all_years >= lo) & (all_years <= hi))
    sub = rec.iloc[span].reset_index(drop=True)
    ryears = all_years[span]
    labels = _slice_labels(lo, hi, slice_years)
    rslice = (ryears - lo) // slice_years
    empty = [labels[t] for t in range(len(labels)) if not (rslice == t).any()]
    if empty:
        warnings.warn(f"slices without records (kept empty): {', '.join(empty)}", stacklevel=2)

    rows, surface = record_items(sub, kind, keywords_plus=keywords_plus,
                                 term_options={"ngram": tuple(term_ngrams), "user_dict": user_dict})
    settings = SliceSettings(rule, min_count, strength, counting, prune, prune_scope)
    enc = _encode(rows, surface, cleaner, fold_text=kind not in CITATION_KINDS, upper=kind == "cited_journal")
    if kind == "coupling":
        parts = _coupling_network(enc, sub, ryears, rslice, len(labels), settings)
    else:
        parts = _item_network(enc, kind, cleaner, len(sub), ryears, rslice, len(labels), settings)
    co = parts[0]
    params = {"kind": kind, "years": [lo, hi], "slice_years": slice_years, "select": str(rule),
              "min_count": min_count, "strength": strength, "counting": counting, "prune": prune,
              "prune_scope": prune_scope, "alias": _describe(alias), "exclude": _describe(exclude),
              "merge_plurals": bool(merge_plurals) and text_kind, "keywords_plus": bool(keywords_plus),
              "term_ngrams": list(term_ngrams), "user_dict": None if user_dict is None else str(user_dict),
              "centrality": centrality, "weighted_betweenness": bool(weighted_betweenness),
              "records": int(len(sub)),
              "records_without_year": missing, "empty_slices": empty,
              "selected_per_slice": co.slice_selected.sum(axis=0).astype(int).tolist()}
    return _assemble(parts, kind, labels, sub["uid"].to_numpy(dtype=object), ryears, params, centrality,
                     weighted_betweenness)


def _encode(rows: np.ndarray, surface: np.ndarray, cleaner: Cleaner, *, fold_text: bool,
            upper: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Clean the distinct surface forms once; return (rows, surface code, item code, item keys, surfaces).

    Item codes are the ranks of the keys in ascending order (the selection's tie rule);
    ``upper`` ranks by the upper-case key first, i.e. by the name as WoS writes cited
    journals, which is the order CiteSpace breaks ties in. Entries whose key was
    dropped (exclusions, empty thesaurus replacements) are removed.
    """
    scode, uniq = pd.factorize(surface)
    ukeys = cleaner.keys(uniq, fold_text=fold_text)
    ucode, names = pd.factorize(ukeys, sort=True)
    if (names == "").any():  # dropped items sort first
        ucode, names = ucode - 1, names[1:]
    if upper and names.size:
        order = np.argsort(np.array([n.upper() for n in names], dtype=object), kind="stable")
        rank = np.empty(order.size, dtype=np.int64)
        rank[order] = np.arange(order.size)
        ucode = np.where(ucode >= 0, rank[np.maximum(ucode, 0)], -1)
        names = names[order]
    icode = ucode[scode] if scode.size else np.zeros(0, dtype=np.int64)
    keep = icode >= 0
    return rows[keep], scode[keep], icode[keep], names, uniq


def _item_network(enc: tuple, kind: str, cleaner: Cleaner, n_records: int, ryears: np.ndarray,
                  rslice: np.ndarray, n_slices: int, settings: SliceSettings) -> tuple:
    """Records are the baskets, items the nodes (co-occurrence and co-citation)."""
    rows, scode, icode, names, uniq = enc
    x = sp.csr_matrix((np.ones(rows.size), (rows, icode)), shape=(n_records, names.size))
    x.sum_duplicates()
    x.data[:] = 1.0
    co = cooccurrence(x, rslice, n_slices=n_slices, settings=settings,
                      weights=basket_weights(x, settings.counting))
    incidence = sp.csr_matrix(x.tocsc()[:, co.items])
    surfaces = ([[str(names[c])] for c in co.items] if kind in CITATION_KINDS
                else _surface_labels(icode, scode, uniq, co.items))
    node_labels = [_display(str(names[c]), s, kind, cleaner) for c, s in zip(co.items, surfaces)]
    first_year_e = _first_year_edges(incidence, ryears, co.src, co.dst)
    return co, incidence, _first_year_nodes(incidence, ryears), first_year_e, node_labels, surfaces


def _coupling_network(enc: tuple, sub: pd.DataFrame, ryears: np.ndarray, rslice: np.ndarray, n_slices: int,
                      settings: SliceSettings) -> tuple:
    """(reference, slice) pairs are the baskets, records the nodes (bibliographic coupling)."""
    rows, _, icode, _, _ = enc
    uids = sub["uid"].astype(str).to_numpy(dtype=object)
    order = np.argsort(uids, kind="stable")
    rank = np.empty(order.size, dtype=np.int64)
    rank[order] = np.arange(order.size)
    b, bslice = _coupling_matrix(rows, icode, rslice, rank, n_slices)
    co = cooccurrence(b, bslice, n_slices=n_slices, settings=settings,
                      weights=basket_weights(b, settings.counting))
    recpos = order[co.items]
    incidence = sp.csr_matrix((np.ones(recpos.size), (recpos, np.arange(recpos.size))),
                              shape=(len(sub), recpos.size))
    node_year = ryears[recpos]
    surfaces = [[uids[p]] + ([sub.at[p, "title"]] if sub.at[p, "title"] else []) for p in recpos]
    return (co, incidence, node_year, np.maximum(node_year[co.src], node_year[co.dst]),
            [_record_label(sub, p) for p in recpos], surfaces)


def _display(key: str, surfaces: list[str], kind: str, cleaner: Cleaner) -> str:
    if kind in CITATION_KINDS:
        return reference_label(key, kind)
    return cleaner.display(key) or (surfaces[0] if surfaces else key)


def _record_label(sub: pd.DataFrame, pos: int) -> str:
    authors = sub.at[pos, "authors"]
    first = authors[0].upper() if authors else "ANONYMOUS"
    parts = [first, str(sub.at[pos, "year"]), (sub.at[pos, "source"] or "").upper()]
    return ", ".join(p for p in parts if p)


def _describe(spec: Any) -> Any:
    """A JSON-friendly, deterministic description of an alias / exclusion argument."""
    if spec is None:
        return None
    if isinstance(spec, (str, Path)):
        return str(spec)
    if isinstance(spec, Mapping):
        return {str(k): str(v) for k, v in sorted(spec.items(), key=lambda kv: str(kv[0]))}
    items = [_describe(s) if isinstance(s, (str, Path, Mapping)) else str(s) for s in spec]
    return sorted(items, key=str) if isinstance(spec, (set, frozenset)) else items


def _assemble(parts: tuple, kind: str, labels: list[str], uids: np.ndarray, ryears: np.ndarray, params: dict,
              centrality: bool | str, weighted: bool) -> Network:
    co, incidence, node_year, first_year_e, node_labels, surfaces = parts
    if centrality == "auto":
        centrality = co.items.size * co.src.size <= BETWEENNESS_AUTO_LIMIT
        if not centrality:
            warnings.warn(f"betweenness skipped on {co.items.size} nodes and {co.src.size} links (about "
                          f"{co.items.size * co.src.size / 3e8:.0f} s); pass centrality=True to force it",
                          stacklevel=3)
    n = co.items.size
    deg = np.bincount(co.src, minlength=n) + np.bincount(co.dst, minlength=n)
    wdeg = np.bincount(co.src, co.strength, minlength=n) + np.bincount(co.dst, co.strength, minlength=n)
    first_slice = [labels[int(np.argmax(r))] for r in co.slice_selected]
    nodes = pd.DataFrame({"label": node_labels, "labels": surfaces, "kind": kind,
                          "freq": co.freq.astype(np.int64), "first_year": np.asarray(node_year, dtype=np.int64),
                          "first_slice": first_slice, "degree": deg.astype(np.int64),
                          "weighted_degree": wdeg,
                          "betweenness": (betweenness((co.src, co.dst, co.strength), n=n, weighted=weighted)
                                          if centrality else np.full(n, np.nan))})
    edges = pd.DataFrame({"source": co.src.astype(np.int64), "target": co.dst.astype(np.int64),
                          "count": co.count.astype(np.float64), "strength": co.strength.astype(np.float64),
                          "first_year": np.asarray(first_year_e, dtype=np.int64)})
    matrix = sp.csr_matrix((np.concatenate([co.strength, co.strength]),
                            (np.concatenate([co.src, co.dst]), np.concatenate([co.dst, co.src]))), shape=(n, n))
    counts = pd.DataFrame(co.slice_counts.astype(np.int64), columns=labels)
    selected = pd.DataFrame(co.slice_selected, columns=labels)
    return Network(nodes=nodes, edges=edges, matrix=matrix, incidence=incidence, record_uids=uids,
                   record_years=ryears.astype(np.int64), slice_labels=labels, slice_counts=counts,
                   slice_selected=selected, params=params)
