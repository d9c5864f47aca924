"""Node types: which items each record contributes to a network.

============== ===================================================================
kind           items of a record
============== ===================================================================
keyword        author keywords (``keywords``; plus ``keywords_plus`` on request)
term           terms extracted from title and abstract (:mod:`litmap.network.terms`)
author         ``authors``
institution    ``institutions``
country        ``countries``
journal        ``source`` (the journal of the record itself)
reference      ``cited_refs`` keys (document co-citation)
cited_author   part 0 (first author) of each cited-reference key
cited_journal  part 2 (source) of each cited-reference key
coupling       the record itself; links are shared references (bibliographic coupling)
============== ===================================================================

The items of all records are returned exploded, as two aligned arrays (record
position, item string), built once with :func:`itertools.chain` so no later stage
loops over records in Python.
"""

from __future__ import annotations

from itertools import chain

import numpy as np
import pandas as pd

from litmap.errors import DataError, ParameterError

__all__ = ["KINDS", "CITATION_KINDS", "check_kind", "explode", "record_items", "reference_label"]

KINDS: tuple[str, ...] = ("keyword", "term", "author", "institution", "country", "journal",
                          "reference", "cited_author", "cited_journal", "coupling")
CITATION_KINDS: frozenset[str] = frozenset({"reference", "cited_author", "cited_journal", "coupling"})
_COLUMN = {"keyword": "keywords", "author": "authors", "institution": "institutions",
           "country": "countries", "reference": "cited_refs", "cited_author": "cited_refs",
           "cited_journal": "cited_refs", "coupling": "cited_refs"}
_REF_PART = {"cited_author": 0, "cited_journal": 2}


def check_kind(kind: str) -> str:
    """Return ``kind`` normalised, or raise if it is not a node type.

    Parameters
    ----------
    kind : str

    Returns
    -------
    str

    Raises
    ------
    ParameterError
    """
    k = str(kind).strip().lower().replace("-", "_")
    if k not in KINDS:
        raise ParameterError(f"kind: unknown node type {kind!r}; expected one of {', '.join(KINDS)}")
    return k


def explode(lists: pd.Series | list) -> tuple[np.ndarray, np.ndarray]:
    """Explode a column of lists into (row position, item) arrays.

    Parameters
    ----------
    lists : pandas.Series or list
        One list of str per row.

    Returns
    -------
    rows : numpy.ndarray
        int64 row position of each item.
    items : numpy.ndarray
        Object array of the items.

    Examples
    --------
    >>> explode([["a", "b"], [], ["c"]])
    (array([0, 0, 2]), array(['a', 'b', 'c'], dtype=object))
    """
    values = list(lists)
    lens = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    items = np.fromiter(chain.from_iterable(values), dtype=object, count=int(lens.sum()))
    return np.repeat(np.arange(len(values), dtype=np.int64), lens), items


def _reference_part(items: np.ndarray, part: int) -> np.ndarray:
    codes, uniques = pd.factorize(items)
    parts = np.array([(u.split("|") + [""] * 6)[part] for u in uniques], dtype=object)
    return parts[codes] if len(codes) else np.empty(0, dtype=object)


def record_items(records: pd.DataFrame, kind: str, *, keywords_plus: bool = False,
                 term_options: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Return the exploded items of ``kind`` for every record.

    Parameters
    ----------
    records : pandas.DataFrame
        Corpus records (``litmap.corpus.SCHEMA`` columns).
    kind : str
        One of :data:`KINDS`; ``coupling`` returns the cited references.
    keywords_plus : bool, optional (default=False)
        For ``keyword``: add WoS Keywords Plus / Scopus index keywords.
    term_options : dict, optional
        Keyword arguments of :func:`litmap.network.terms.extract_terms`.

    Returns
    -------
    rows : numpy.ndarray
        Record position of each item.
    items : numpy.ndarray
        Item strings (empty strings are dropped).

    Raises
    ------
    DataError
        For a citation kind when no record has cited references (e.g. CNKI exports).
    """
    kind = check_kind(kind)
    if kind == "term":
        from litmap.network.terms import extract_terms

        texts = [". ".join(t for t in (a, b) if isinstance(t, str) and t)
                 for a, b in zip(records["title"], records["abstract"])]
        zh_words = {k for ks in records["keywords"] for k in ks if any("\u4e00" <= ch <= "\u9fff" for ch in k)}
        opts = dict(term_options or {})
        opts["user_words"] = sorted(zh_words | set(opts.get("user_words", ())))
        rows, items = explode(extract_terms(texts, **opts))
    elif kind == "journal":
        src = records["source"]
        rows = np.flatnonzero(src.notna().to_numpy())
        items = src.to_numpy(dtype=object)[rows]
    else:
        rows, items = explode(records[_COLUMN[kind]])
        if kind == "keyword" and keywords_plus:
            r2, i2 = explode(records["keywords_plus"])
            rows, items = np.concatenate([rows, r2]), np.concatenate([items, i2])
        if kind in CITATION_KINDS and items.size == 0:
            dbs = ", ".join(sorted(set(records["db"].dropna()))) or "unknown"
            raise DataError(f"kind={kind!r} needs cited references, but no record of this corpus (db: {dbs}) "
                            "has any; CNKI, Wanfang and RIS exports carry no references")
        if kind in _REF_PART:
            items = _reference_part(items, _REF_PART[kind])
    keep = items != ""
    return rows[keep], items[keep]


def reference_label(key: str, kind: str) -> str:
    """Return the CiteSpace-style display label of a citation item key.

    Parameters
    ----------
    key : str
        A reference key ``author|year|source|volume|page|doi``, or a cited author
        or journal.
    kind : str
        ``reference``, ``cited_author`` or ``cited_journal``.

    Returns
    -------
    str

    Examples
    --------
    >>> reference_label("smith jr|2010|nature|12|34|", "reference")
    'SMITH JR, 2010, NATURE, V12, P34'
    """
    if kind != "reference":
        return key.upper()
    author, year, source, volume, page, doi = (key.split("|") + [""] * 6)[:6]
    parts = [author.upper(), year, source.upper(), f"V{volume.upper()}" if volume else "",
             f"P{page.upper()}" if page else "", f"DOI {doi}" if doi else ""]
    return ", ".join(p for p in parts if p)
