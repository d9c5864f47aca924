"""Cited references: raw strings of every export style -> one normalised key.

A key is ``author|year|source|volume|page|doi`` (see ``docs/architecture.md``):
every part lower-case, NFKC, white space folded, empty for a missing part. The
author is the first cited author as ``surname initials`` without punctuation.
Parsing is cached per raw string, because the same reference recurs across the
records of a corpus.

Styles
------
``wos``
    ``Abburu S., 2015, INT J COMPUT APPL, V119, P20, DOI [10.5120/x, DOI 10.5120/x]``;
    also the CiteSpace-converted CNKI form `` 张道一, 2018, 东南大学出版社``.
``scopus``
    ``Author, A., Author, B., Title (2010) Journal, 12 (3), pp. 34-56.`` and the
    2025 form ``Author, Given, Title, Journal, 12, 3, pp. 34-56, (2010)``.
``cssci``
    ``2.严栋.基于物联网的智慧图书馆.图书馆学刊.2010.32(7)`` (author.title.source.year.vol(issue)).
    The first author of a Chinese list (``陈琴,庞丽娟,许晓晖``) is the name before
    the first ``,`` ``;`` ``、`` (never "surname, initials"); a Latin-script
    ``Bagozzi,R P`` stays surname plus initials. A reference without a year
    (books: ``金元浦.中国文化概论.北京:中国人民大学出版社``) keys on author and
    title: ``金元浦||中国文化概论|||``, the title standing in the source part; it
    is kept only when both the author and the title are present. A year written
    after the publisher (``扬州:扬州大学,2021``, ``IEEE Press,2012:440-443``) is
    used as the year of such a key.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from contextlib import contextmanager
from functools import lru_cache
from itertools import accumulate, chain, compress, count, repeat
from operator import is_, itemgetter
from typing import Iterable, Iterator

import numpy as np
import pandas as pd

from litmap.io._affil import has_cjk

__all__ = ["parse_ref", "ref_keys", "ref_label", "unify_by_doi", "RefIndex", "INDEXES", "STYLES",
           "given_keys", "note_given"]

STYLES = ("wos", "scopus", "cssci")

_DOI_IN = re.compile(r"\b(10\.\d{4,9}/[^\s,\];]+)", re.I)
_YEAR = re.compile(r"^\(?((?:1[5-9]|20)\d\d)[a-z]?\)?(?:\s*\(\d+\))?$")
_YEAR_ANY = re.compile(r"\((1[5-9]\d\d|20\d\d)\)")
_PAREN_YEAR_END = re.compile(r",?\s*\((1[5-9]\d\d|20\d\d)\)\.?\s*$")
_PAGES = re.compile(r"\bpp?\.\s*([A-Za-z]?\d+)")
_NUM = re.compile(r"^[A-Za-z]?\d+[A-Za-z]?$")
_VOL_ISSUE = re.compile(r"^(\d+)\s*(?:\((\d+[-\d]*)\))?\.?$")
_CSSCI_NUM = re.compile(r"^\s*\d+\s*[.、]\s*")
_CSSCI_VOL = re.compile(r"^(\d+)?\s*(?:\((\d+)\))?")
_CSSCI_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)(?:,|$)")
_CJK_NAME_SEP = re.compile(r"[,;、]")
_CSSCI_PUB_YEAR = re.compile(r"[:,]\s*(1[5-9]\d\d|20\d\d)(?::[\d-]+)?\s*$")
_NONWORD = re.compile(r"[^\w\s]")


def _fold(text: str) -> str:
    """NFKC, lower-case, white space folded; ``|`` cannot survive (it separates parts)."""
    if not text:
        return ""
    if text.isalnum() and text.isascii():  # volumes, pages
        return text.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.replace("|", " ").split()).lower()


def _author(text: str) -> str:
    """``Smith J.R.`` / ``SMITH JR`` / ``Smith, John R.`` / ``[Anonymous]`` -> ``smith jr``."""
    text = (text if text.isascii() else unicodedata.normalize("NFKC", text)).strip()
    if "," in text:
        surname, _, given = text.partition(",")
        given = given.strip()
        if given and not given.replace(".", "").replace("-", "").replace(" ", "").isupper():
            given = "".join(w[0] for w in re.split(r"[\s.\-]+", given) if w)
        text = f"{surname} {given}"
    return " ".join(_NONWORD.sub("", text).split()).lower()


def _first_author(names: list[str]) -> str:
    """First author from comma-split parts: ``Smith J.R.`` alone or ``Smith, J.R.``."""
    first = names[0]
    last = first.rsplit(" ", 1)[-1]
    if len(names) < 2 or (" " in first and last.replace(".", "").replace("-", "").isupper()):
        return _author(first)
    return _author(f"{first}, {names[1]}")


def _doi(text: str) -> str:
    m = _DOI_IN.search(text)
    return m.group(1).rstrip(".").lower() if m else ""


def _key(author: str, year: str, source: str, volume: str, page: str, doi: str) -> str:
    return "|".join((author, year, _fold(source), _fold(volume), _fold(page), doi))


@lru_cache(maxsize=1 << 20)
def _parse_wos(raw: str) -> str:
    doi = ""
    text = raw
    i = text.find("DOI ")
    if i >= 0:
        doi = _doi(text[i:])
        text = text[:i]
    parts = [p.strip() for p in text.split(",")]
    author = year = source = volume = page = ""
    at = next((n for n, p in enumerate(parts) if _YEAR.match(p)), None)
    if at is None:
        author, rest = _author(parts[0]), parts[1:]
    else:
        year = _YEAR.match(parts[at]).group(1)
        author, rest = (_author(parts[0]) if at else ""), parts[at + 1:]
    for p in rest:
        if not p:
            continue
        if p[0] in "VP" and _NUM.match(p[1:]):
            if p[0] == "V" and not volume:
                volume = p[1:]
            elif p[0] == "P" and not page:
                page = p[1:]
        elif not source:
            source = p
    return _key(author, year, source, volume, page, doi)


@lru_cache(maxsize=1 << 20)
def _parse_scopus(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).strip().rstrip(".")
    doi = _doi(text)
    page_m = _PAGES.search(text)
    page = page_m.group(1) if page_m else ""
    end = _PAREN_YEAR_END.search(text)
    author = year = source = volume = ""
    if end:  # 2025 style: Author, Given, Title, Journal, vol, issue, pp. x-y, (year)
        year = end.group(1)
        parts = [p.strip() for p in text[:end.start()].split(",")]
        if page_m:
            parts = [p for p in parts if not _PAGES.match(p)]
        nums = [i for i, p in enumerate(parts) if _NUM.match(p)]
        first_num = nums[0] if nums and nums[0] >= 2 else len(parts)
        if nums and nums[0] >= 2:
            volume = parts[nums[0]]
        source = parts[first_num - 1] if first_num >= 3 else ""
        author = _first_author(parts)
    else:  # classic style: Authors, Title (year) Journal, vol (issue), pp. x-y
        m = _YEAR_ANY.search(text)
        if m:
            year = m.group(1)
            head, tail = text[:m.start()], text[m.end():]
            after = [p.strip() for p in tail.split(",")]
            source = after[0] if after else ""
            if len(after) > 1:
                vm = _VOL_ISSUE.match(after[1])
                volume = vm.group(1) if vm else ""
        else:
            head = text
        names = [p.strip() for p in head.split(",")]
        author = _first_author(names)
    return _key(author, year, source, volume, page, doi)


@lru_cache(maxsize=1 << 20)
def _parse_cssci(raw: str) -> str:
    text = _CSSCI_NUM.sub("", unicodedata.normalize("NFKC", raw).strip(), count=1)
    parts = [p.strip() for p in text.split(".")]
    author = _cssci_author(parts[0]) if parts else ""
    year = source = volume = ""
    for i, p in enumerate(parts[1:], 1):
        m = _CSSCI_YEAR.match(p)
        if m and i >= 2:
            year = m.group(1)
            source = parts[i - 1] if i >= 3 else ""
            if i + 1 < len(parts):
                vm = _CSSCI_VOL.match(parts[i + 1])
                volume = (vm.group(1) or "") if vm else ""
            break
    if not year and len(parts) >= 2 and (m := _CSSCI_YEAR.match(parts[1])):
        year = m.group(1)  # author.year
    elif not year and len(parts) >= 2:
        source = parts[1]  # no year part: the title names the work (books: author.title.place:publisher)
        m = _CSSCI_PUB_YEAR.search(parts[-1]) if len(parts) >= 3 else None
        year = m.group(1) if m else ""
    return _key(author, year, source, volume, "", _doi(text))


def _cssci_author(names: str) -> str:
    """First author of a CSSCI author list: ``陈琴,庞丽娟`` -> ``陈琴``; ``Bagozzi,R P`` -> ``bagozzi r p``."""
    if has_cjk(names):
        return _author(_CJK_NAME_SEP.split(names, 1)[0])
    return _author(names)


_PARSERS = {"wos": _parse_wos, "scopus": _parse_scopus, "cssci": _parse_cssci}


def parse_ref(raw: str, style: str = "wos") -> str:
    """Return the normalised key of one cited reference.

    Parameters
    ----------
    raw : str
        The reference as exported.
    style : {"wos", "scopus", "cssci"}
        The export style (CiteSpace-converted CNKI references use ``"wos"``).

    Returns
    -------
    str
        ``author|year|source|volume|page|doi``.

    Examples
    --------
    >>> parse_ref("Abburu S., 2015, INT J COMPUT APPL, V119, P20, DOI [10.5120/21088-3779, DOI 10.5120/21088-3779]")
    'abburu s|2015|int j comput appl|119|20|10.5120/21088-3779'
    >>> parse_ref("2.严栋.基于物联网的智慧图书馆.图书馆学刊.2010.32(7)", "cssci")
    '严栋|2010|图书馆学刊|32||'
    """
    return _PARSERS[style](raw)


_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_INDEX_MAX = 2_000_000  # references a RefIndex holds before it starts afresh


# The common WoS form ``Surname AB, 2015, SOURCE NAME, V12, P34, DOI 10.x/y`` in printable
# ASCII with single spaces (the DOI may be WoS's ``DOI [10.x/y, DOI 10.x/Y]``): its key is
# the lower-cased parts, the author without ``'.-``. Anything else takes _parse_wos.
_C = r"[\x21-\x2b\x2d-\x7b\x7d\x7e]"  # printable ASCII but space, comma and "|"
_D = r"10\.\d{4,9}/[^\s,\];\[]+"
_WOS_COMMON = re.compile(
    rf"(?:([A-Za-z][A-Za-z'.\-]*(?: [A-Za-z][A-Za-z'.\-]*)*)|\[Anonymous\]), ((?:1[5-9]|20)\d\d), "
    rf"({_C}+(?: {_C}+)*)(?:, V([A-Za-z]?\d+[A-Za-z]?))?(?:, P([A-Za-z]?\d+[A-Za-z]?))?"
    rf"(?:, (DOI )(?:\[({_D})(?:, [^\]]*)?\]|({_D})))?")
_AUTHOR_PUNCT = str.maketrans("", "", "'.-")


def _common_wos_key(raw: str) -> str | None:
    """The key of a reference in the common WoS form (equal to :func:`_parse_wos`), else None."""
    m = _WOS_COMMON.fullmatch(raw)
    if m is None:
        return None
    author, year, source, volume, page, mark, doi, plain = m.groups()
    if raw.find("DOI ") != (m.start(6) if mark else -1) or (source[0] in "VP" and _NUM.match(source[1:])):
        return None  # "DOI " or a volume/page look-alike inside the source: the full parser decides
    doi = doi or plain
    if author and ("." in author or "-" in author or "'" in author):
        author = author.translate(_AUTHOR_PUNCT)
    return "|".join((author or "anonymous", year, source, volume or "", page or "",
                     doi.rstrip(".") if doi else "")).lower()  # "|" and the year stay as they are


def _usable_key(raw: str, style: str) -> str:
    """The key of ``raw``, or "" when it is unusable (see :func:`ref_keys`)."""
    if style == "wos":
        key = _common_wos_key(raw)
        if key is not None:
            return key  # an author or source, and a year: always usable
    key = _PARSERS[style](raw)
    a, y, s, _, _, d = key.split("|")
    if (a or s) and (y or d) or (style == "cssci" and a and s):
        return key
    return ""


class RefIndex:
    """Distinct raw references of one style, each held once, with its key.

    :meth:`keys_of` does for many records at once what :func:`ref_keys` does for
    one, and also gives each record's raw references as shared string objects
    (references recur across the records of a corpus). The index empties itself
    past two million references; :func:`litmap.io.read` empties it when it is done
    (the strings stay with the records that hold them).

    Parameters
    ----------
    style : {"wos", "scopus", "cssci"}
    """

    def __init__(self, style: str) -> None:
        self.style = style
        self.given: set[str] | None = None  # where keys go while collected (see given_keys)
        self.clear()

    def clear(self) -> None:
        """Forget every reference."""
        self._held: dict[str, tuple[str, str]] = {}  # raw -> (the equal string held here, its key)

    def keys_of(self, raw_lists: list[list[str]]) -> tuple[list[list[str]], list[list[str]]]:
        """Shared raw references and keys of many records.

        Parameters
        ----------
        raw_lists : list of list of str
            Each record's raw references (no blank ones).

        Returns
        -------
        raws : list of list of str
            The same references, equal strings being one object.
        keys : list of list of str
            ``ref_keys(raws, style)`` of each record.
        """
        return self.keys_of_flat(list(chain.from_iterable(raw_lists)), list(map(len, raw_lists)))

    def keys_of_flat(self, flat: list[str], counts: list[int]) -> tuple[list[list[str]], list[list[str]]]:
        """:meth:`keys_of` for the references of many records given in one list.

        Parameters
        ----------
        flat : list of str
            Every record's raw references (no blank ones), record after record.
        counts : list of int
            How many of them each record has.

        Returns
        -------
        raws, keys : list of list of str
            As :meth:`keys_of` gives them.
        """
        if len(self._held) > _INDEX_MAX:
            self.clear()
        pairs = list(map(self._held.get, flat))
        if None in pairs:
            missing = list(compress(count(), map(is_, pairs, repeat(None))))
            new = list(dict.fromkeys(map(flat.__getitem__, missing)))
            new_pairs = list(zip(new, map(_usable_key, new, repeat(self.style))))
            self._held.update(zip(new, new_pairs))
            if self.given is not None:
                self.given.update(map(_SECOND, new_pairs))
            held = self._held.__getitem__
            for i in missing:
                pairs[i] = held(flat[i])
        shared = list(map(_FIRST, pairs))
        keys = list(map(_SECOND, pairs))
        ends = list(accumulate(counts))
        cuts = list(map(slice, [0, *ends[:-1]], ends))  # each record's part of the flat lists
        out_keys = list(map(list, map(dict.fromkeys, map(filter, repeat(None), map(keys.__getitem__, cuts)))))
        return list(map(shared.__getitem__, cuts)), out_keys


#: One index per reference style, shared by every reader in this process.
INDEXES: dict[str, RefIndex] = {style: RefIndex(style) for style in STYLES}


@contextmanager
def given_keys() -> Iterator[set[str]]:
    """Collect every key the indexes may give inside the block (``""`` included).

    The set starts with the keys the indexes hold and gets the key of every raw
    reference they take in: it holds every key of the records read inside the
    block (and may hold more, e.g. keys of records later dropped as duplicates),
    so that :func:`unify_by_doi` need not look through every record. A collection
    inside another one also adds its keys to the outer one.

    Returns
    -------
    set of str
        Filled while the block runs.
    """
    keys: set[str] = set()
    for index in INDEXES.values():
        keys.update(map(_SECOND, index._held.values()))
    outer = [index.given for index in INDEXES.values()]
    for index in INDEXES.values():
        index.given = keys
    try:
        yield keys
    finally:
        for index, given in zip(INDEXES.values(), outer):
            index.given = given
        for given in {id(g): g for g in outer if g is not None}.values():
            given |= keys


def note_given(keys: Iterable[str]) -> None:
    """Add keys given elsewhere (another process's index) to the collection in force, if any.

    Parameters
    ----------
    keys : iterable of str
    """
    given = INDEXES["wos"].given
    if given is not None:
        given.update(keys)


def ref_keys(raws: Iterable[str], style: str) -> list[str]:
    """Keys of one record's references: unusable ones dropped, repeats removed, order kept.

    A key is usable when it names an author or a source, and a year or a DOI;
    a CSSCI key without year or DOI is usable when it names both an author and a
    title (see the module notes). Keys are kept in :data:`INDEXES`.

    Parameters
    ----------
    raws : iterable of str
        The record's raw references.
    style : {"wos", "scopus", "cssci"}

    Returns
    -------
    list of str
    """
    return INDEXES[style].keys_of([list(raws)])[1][0]


def unify_by_doi(key_lists: list[list[str]], distinct: Iterable[str] | None = None) -> list[list[str]]:
    """Collapse keys that share a DOI to the most frequent key carrying that DOI.

    Ties go to the lexicographically smallest key, so the result does not depend on
    record order.

    Parameters
    ----------
    key_lists : list of list of str
        The ``cited_refs`` of every record.
    distinct : iterable of str, optional
        Every key in ``key_lists`` (more keys do not change the result), e.g. from
        :func:`given_keys`; found in ``key_lists`` when not given.

    Returns
    -------
    list of list of str
        The same lists (new lists only where a key changed).
    """
    if distinct is None:
        distinct = set(chain.from_iterable(key_lists))
    with_doi = [k for k in distinct if k[-1:] != "|" and k]
    dois = [k[k.rfind("|") + 1:] for k in with_doi]
    shared = pd.Series(dois, dtype=object).duplicated(keep=False).to_numpy()
    by_doi: dict[str, list[str]] = {}
    for i in np.flatnonzero(shared).tolist():  # only DOIs that more than one key carries
        by_doi.setdefault(dois[i], []).append(with_doi[i])
    groups = [keys for keys in by_doi.values() if len(keys) > 1]
    if not groups:
        return key_lists
    counts = Counter(chain.from_iterable(key_lists))
    mapping: dict[str, str] = {}
    for keys in groups:
        best = min(keys, key=lambda k: (-counts[k], k))
        mapping.update({k: best for k in keys if k != best})
    out = []
    for keys in key_lists:
        if not mapping.keys().isdisjoint(keys):
            keys = list(dict.fromkeys(mapping.get(k, k) for k in keys))
        out.append(keys)
    return out


def ref_label(key: str) -> str:
    """Return the human label of a reference key, CiteSpace style.

    Parameters
    ----------
    key : str
        ``author|year|source|volume|page|doi``.

    Returns
    -------
    str

    Examples
    --------
    >>> ref_label("smith jr|2010|nature|12|34|")
    'SMITH JR, 2010, NATURE, V12, P34'
    """
    author, year, source, volume, page, doi = (key.split("|") + [""] * 6)[:6]
    parts = [author.upper(), year, source.upper()]
    if volume:
        parts.append(f"V{volume.upper()}")
    if page:
        parts.append(f"P{page.upper()}")
    if doi:
        parts.append(f"DOI {doi}")
    return ", ".join(p for p in parts if p)
