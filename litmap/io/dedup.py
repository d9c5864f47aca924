"""De-duplication of normalised records across files and databases.

Rules, tried in order for each record against the records kept so far:

``doi``
    Same DOI.
``ut``
    Same WoS UT or Scopus EID.
``cnki_id``
    Same CNKI / CSSCI / Wanfang id (placeholders such as ``CNKI:0`` are ignored).
``title``
    Same normalised title (NFKC, case-folded, no punctuation or space), same year and
    same first-author surname.
``title_alt``
    A CNKI-family record whose alternative (English) title equals the title of a
    record of another database, same year: a Chinese paper indexed in English.

Two records never merge when they carry different DOIs, or different ids of the
same database (so the 11 WoS titles indexed under two UTs stay two records, and
CNKI's many papers titled ``序`` by different authors stay apart). The first
occurrence is kept; its empty fields are filled from the duplicate.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from litmap.io._columns import DERIVED

__all__ = ["deduplicate", "deduplicate_columns", "add_match_keys", "assign_uids", "title_key",
           "is_placeholder_id", "id_family"]

_NONWORD = re.compile(r"[\W_]+")
_ASCII_NONWORD = bytes(c for c in range(128) if not chr(c).isalnum())
_CNKI_FAMILY = {"cnki", "cssci", "wanfang"}
# Fields that describe where a record came from; a duplicate never overwrites them.
_PROVENANCE = {"uid", "db", "format", "file", "line", "native_id", "keywords_split"}


def title_key(title: str | None) -> str:
    """Normalised title used for matching: NFKC, case-folded, letters and digits only.

    Parameters
    ----------
    title : str or None

    Returns
    -------
    str
        Empty for a missing title.

    Examples
    --------
    >>> title_key("Knowledge networks: the ROLE of ties ")
    'knowledgenetworkstheroleofties'
    """
    if not title:
        return ""
    if title.isascii():  # NFKC leaves ASCII unchanged; keep letters and digits
        return title.encode("ascii").lower().translate(None, _ASCII_NONWORD).decode("ascii")
    return _NONWORD.sub("", unicodedata.normalize("NFKC", title).casefold())


def is_placeholder_id(native_id: str | None) -> bool:
    """Whether a database id is missing or a placeholder (``CNKI:0``, ``0``, ``-``).

    Parameters
    ----------
    native_id : str or None

    Returns
    -------
    bool
    """
    if not native_id:
        return True
    tail = native_id.rsplit(":", 1)[-1].strip()
    return not tail.strip("0-. ")


def id_family(db: str | None) -> str:
    """The id namespace of a database: ``cnki`` for the CNKI family, else the db.

    Parameters
    ----------
    db : str or None

    Returns
    -------
    str
    """
    return "cnki" if db in _CNKI_FAMILY else (db or "")


def _surname(authors: list[str] | None) -> str:
    """First author's surname, case-folded, letters only (``Li, X`` and ``Li X.`` give ``li``)."""
    return _surname_of(authors[0]) if authors else ""


@lru_cache(maxsize=1 << 16)
def _surname_of(name: str) -> str:
    words = (name if name.isascii() else unicodedata.normalize("NFKC", name)).split(",")[0].split()
    return _NONWORD.sub("", words[0].casefold()) if words else ""


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or (isinstance(value, float) and value != value)


def _conflict(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Both carry a DOI and they differ, or both carry ids of one database that differ."""
    if a.get("doi") and b.get("doi") and a["doi"] != b["doi"]:
        return True
    ia, ib = a.get("_id"), b.get("_id")
    return bool(ia and ib and ia[0] == ib[0] and ia[1] != ib[1])


def _merge(kept: dict[str, Any], dup: dict[str, Any]) -> None:
    for key, value in dup.items():
        if key in _PROVENANCE or key.startswith("_") or _empty(value):
            continue
        if _empty(kept.get(key)):
            kept[key] = value


@dataclass
class _Index:
    """Keys of the records kept so far (values are record indices)."""

    records: list[dict[str, Any]]
    doi: dict[str, int] = field(default_factory=dict)
    ids: dict[tuple[str, str], int] = field(default_factory=dict)
    title: dict[tuple[str, Any, str], list[int]] = field(default_factory=dict)
    title_year: dict[tuple[str, Any], list[int]] = field(default_factory=dict)
    alt_year: dict[tuple[str, Any], list[int]] = field(default_factory=dict)

    def register_ids(self, rec: dict[str, Any], k: int) -> None:
        if rec.get("doi"):
            self.doi.setdefault(rec["doi"], k)
        if rec.get("_id"):
            self.ids.setdefault(rec["_id"], k)

    def register_titles(self, i: int, tkey: str, akey: str, year: Any, surname: str, fam: str) -> None:
        if tkey:
            self.title.setdefault((tkey, year, surname), []).append(i)
            self.title_year.setdefault((tkey, year), []).append(i)
        if akey and fam == "cnki":
            self.alt_year.setdefault((akey, year), []).append(i)

    def _first(self, candidates: Any, rec: dict[str, Any], other_family: bool = False) -> int | None:
        for k in candidates:
            kept = self.records[k]
            if other_family and id_family(kept.get("db")) == "cnki":
                continue
            if not _conflict(kept, rec):
                return k
        return None

    def find(self, rec: dict[str, Any], tkey: str, akey: str, year: Any, surname: str,
             fam: str) -> tuple[int, str] | None:
        """The kept record ``rec`` duplicates, and the rule that matched, or None."""
        doi, ident = rec.get("doi"), rec.get("_id")
        if doi in self.doi and (k := self._first([self.doi[doi]], rec)) is not None:
            return k, "doi"
        if ident in self.ids and (k := self._first([self.ids[ident]], rec)) is not None:
            return k, "cnki_id" if ident[0] == "cnki" else "ut"
        if tkey and (k := self._first(self.title.get((tkey, year, surname), ()), rec)) is not None:
            return k, "title"
        if fam != "cnki" and tkey:
            k = self._first(self.alt_year.get((tkey, year), ()), rec)
        elif fam == "cnki" and akey:
            k = self._first(self.title_year.get((akey, year), ()), rec, other_family=True)
        else:
            k = None
        return None if k is None else (k, "title_alt")


def deduplicate(records: list[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """Find duplicates and merge them into the first occurrence, in place.

    Parameters
    ----------
    records : list of dict
        Normalised records in file order. Each needs ``db``, ``doi``, ``native_id``,
        ``title``, ``title_alt``, ``year`` and ``authors`` (missing keys count as
        empty). Kept records receive the non-empty fields they lacked.

    Returns
    -------
    list of (int, int, str)
        ``(duplicate index, kept index, rule)`` for every duplicate, in order.
    """
    index = _Index(records)
    dups: list[tuple[int, int, str]] = []
    for i, rec in enumerate(records):
        fam = id_family(rec.get("db"))
        nid = rec.get("native_id")
        rec["_id"] = None if is_placeholder_id(nid) else (fam, nid.strip().upper())
        tkey = title_key(rec.get("title"))
        akey = title_key(rec.get("title_alt"))
        year = rec.get("year")
        surname = _surname(rec.get("authors")) if tkey else ""
        hit = index.find(rec, tkey, akey, year, surname, fam)
        if hit is None:
            index.register_ids(rec, i)
            index.register_titles(i, tkey, akey, year, surname, fam)
            continue
        k, rule = hit
        _merge(records[k], rec)
        dups.append((i, k, rule))
        index.register_ids(records[k], k)
        index.register_ids(rec, k)
    for rec in records:
        rec.pop("_id", None)
    return dups


def add_match_keys(columns: dict[str, list[Any]]) -> None:
    """Add the per-record keys de-duplication needs, as ``_id``, ``_title`` and ``_uid`` columns.

    They depend on one record each, so they can be computed file by file (and in
    the two processes that read a large file) before all files are merged.

    Parameters
    ----------
    columns : dict of str to list
        Normalised records as columns (modified in place).
    """
    columns["_id"] = [None if is_placeholder_id(nid) else f"{id_family(db)}\x00{nid.strip().upper()}"
                      for db, nid in zip(columns["db"], columns["native_id"])]
    columns["_title"] = [f"{k}\x00{y}" if t and (k := title_key(t)) else None  # the title rule's key
                         for t, y in zip(columns["title"], columns["year"])]
    columns["_uid"] = list(map(_plain_uid, columns["db"], columns["native_id"], columns["doi"],
                               columns["title"], columns["year"], columns["authors"], columns["source"]))


def _candidates(columns: dict[str, list[Any]]) -> list[int]:
    """Records that share a key of a de-duplication rule with another record.

    The keys: DOI; database id; title key, year and first-author surname; a
    CNKI-family record's alternative title key and year against any title key and
    year. Only these records can take part in a merge: a record matches a kept
    record through a key that some other record carried from the start (a kept
    record's DOI or id may come from a duplicate merged into it, but that duplicate
    carried it).
    """
    n = len(columns["title"])
    shared = np.zeros(n, dtype=bool)
    _mark_shared(shared, [d or None for d in columns["doi"]])
    _mark_shared(shared, columns["_id"])
    title_years = columns["_title"]
    titles = pd.Series(title_years, dtype=object)
    known = titles.notna().to_numpy()
    same = np.flatnonzero(known)[titles[known].duplicated(keep=False).to_numpy()]  # title and year
    authors = columns["authors"]
    triples: list[str | None] = [None] * n  # ... and the first author's surname
    for i in same.tolist():
        triples[i] = f"{title_years[i]}\x00{_surname(authors[i])}"
    _mark_shared(shared, triples)
    # title_alt: a CNKI-family alternative title equal to another record's title, same year
    if not any(columns["title_alt"]):
        return np.flatnonzero(shared).tolist()
    alts = pd.Series([f"{k}\x00{y}" if t and (k := title_key(t)) and id_family(db) == "cnki" else None
                      for t, y, db in zip(columns["title_alt"], columns["year"], columns["db"])], dtype=object)
    if alts.notna().any():
        shared |= (titles.isin(set(alts.dropna())) & titles.notna()).to_numpy()
        shared |= (alts.isin(set(titles.dropna())) & alts.notna()).to_numpy()
    return np.flatnonzero(shared).tolist()


def _mark_shared(shared: np.ndarray, keys: list[str | None]) -> None:
    """Set ``shared[i]`` for every non-None ``keys[i]`` that occurs more than once."""
    series = pd.Series(keys, dtype=object)
    known = series.notna().to_numpy()
    shared[np.flatnonzero(known)[series[known].duplicated(keep=False).to_numpy()]] = True


def deduplicate_columns(columns: dict[str, list[Any]]) -> list[tuple[int, int, str]]:
    """:func:`deduplicate` for records held as columns (see :mod:`litmap.io._columns`).

    Only the records that share a key with another record are turned into dicts and
    run through :func:`deduplicate`; merged fields are written back into ``columns``.

    Parameters
    ----------
    columns : dict of str to list
        One list per field, one value per record, in file order, with the columns
        of :func:`add_match_keys` (modified in place).

    Returns
    -------
    list of (int, int, str)
        ``(duplicate index, kept index, rule)`` for every duplicate, in order: the
        same as :func:`deduplicate` on the records as dicts.
    """
    picked = _candidates(columns)
    if not picked:
        return []
    names = [name for name in columns if not name.startswith("_")]
    sub = [{name: columns[name][i] for name in names} for i in picked]
    dups = deduplicate(sub)
    dup_set = {i for i, _, _ in dups}
    for j, i in enumerate(picked):
        if j not in dup_set:
            for name in names:
                columns[name][i] = sub[j][name]
            one = {name: [value] for name, value in sub[j].items()}  # it may have received a DOI...
            add_match_keys(one)
            for name in DERIVED:
                columns[name][i] = one[name][0]
    return [(picked[i], picked[k], rule) for i, k, rule in dups]


_UID_PREFIX = {"wos": "WOS", "scopus": "SCOPUS", "cnki": "CNKI", "cssci": "CSSCI", "wanfang": "WANFANG"}


def assign_uids(columns: dict[str, list[Any]], duplicates: set[int] = frozenset()) -> list[str]:
    """The ``uid`` of every record, unique among records that are not duplicates.

    ``WOS:<UT>``, ``SCOPUS:<EID>``, ``CNKI:<id>`` (CSSCI, Wanfang alike) from the
    database id; else ``DOI:<doi>``; else ``<db>:<hash>`` of title, year, first
    author and source. A clash between distinct records gets ``#2``, ``#3``...

    Parameters
    ----------
    columns : dict of str to list
        Normalised records as columns (see :mod:`litmap.io._columns`), with the
        columns of :func:`add_match_keys`.
    duplicates : set of int
        Indices of duplicates: they get their plain uid and take no part in the
        uniqueness check.

    Returns
    -------
    list of str
    """
    uids = list(columns["_uid"])
    kept = [u for i, u in enumerate(uids) if i not in duplicates] if duplicates else uids
    if len(set(kept)) == len(kept):
        return uids
    seen: set[str] = set()
    for i, uid in enumerate(uids):
        if i in duplicates:
            continue
        base, n = uid, 1
        while uid in seen:
            n += 1
            uid = f"{base}#{n}"
        seen.add(uid)
        uids[i] = uid
    return uids


def _plain_uid(db: str | None, nid: str | None, doi: str | None, title: str | None, year: Any,
               authors: list[str] | None, source: str | None) -> str:
    """A record's uid before clashes are numbered (see :func:`assign_uids`)."""
    db = db or ""
    if db in _UID_PREFIX and not is_placeholder_id(nid):
        prefix = _UID_PREFIX[db]
        nid = nid.strip()
        return nid if nid.upper().startswith(prefix + ":") else f"{prefix}:{nid}"
    if doi:
        return f"DOI:{doi}"
    basis = "|".join((title_key(title), str(year or ""), _surname(authors), title_key(source)))
    return f"{db}:{hashlib.sha1(basis.encode('utf-8')).hexdigest()[:12]}"
