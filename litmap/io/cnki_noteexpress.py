"""CNKI NoteExpress export (``{Reference Type}: Journal Article`` / ``{Author}: 甲;乙;``).

Grammar
-------
Each record starts with ``{Reference Type}``; every field is ``{Field Name}``,
a colon (ASCII or full-width ``：``), an optional space and a value. A stray
comma inside the braces (``{Subsidiary Author,}``) is ignored. Any other line
continues the previous field (``{Author Address}`` wrapped over lines that start
with ``,``); blank lines never end a record.

Field mapping (shared with :mod:`litmap.io.wanfang`)
-----------------------------------------------------
=======================  ================================================
Reference Type           doc_type
Title / Translated Title title / title_alt
Author                   authors (``;``, ``;;`` or ``,``; every line)
Author Address           affiliations (``;``, ``;;``; ``|code`` tail removed)
Journal                  source (falls back to Tertiary Title, Secondary
                         Title, then Publisher)
Year                     year (falls back to Date; TryDate, the date a
                         standard takes effect, is not a publication date)
Volume Issue Pages       volume, issue, pages
Keywords                 keywords (``;``, ``；``, ``;;``, else ``,``)
Abstract                 abstract (``Abstract(#br)`` and ``<正>`` removed)
DOI / Language           doi / language
URL                      native_id from a ``FileName=`` (CNKI) or ``id=``
                         (Wanfang) link; for patents the number in Notes
=======================  ================================================
"""

from __future__ import annotations

import re
from typing import Callable

from litmap.io._cnki_fields import (check_year, clean_abstract, clean_doi, link_id,
                                    split_affiliations, split_names)
from litmap.io._fields import clean_text, first_year, split_keywords, split_list
from litmap.io._registry import Format, ParseResult, register
from litmap.io._tagged import RawRecord, group_records, collect_records

__all__ = ["parse_cnki_noteexpress", "parse_noteexpress", "sniff", "WANFANG_MARK"]

#: The ``{Database Provider}`` value of Wanfang exports.
WANFANG_MARK = "北京万方数据股份有限公司"

_TAG_LINE = re.compile(r"^\{([^{}\n]{1,60})\}\s*[:：]\s?(.*)$")


def _match(line: str) -> tuple[str, str] | None:
    m = _TAG_LINE.match(line)
    if m is None:
        return None
    return m.group(1).strip().rstrip(",，").strip(), m.group(2)


def parse_noteexpress(text: str, path: str, *, one_per_line: bool = False) -> ParseResult:
    """Parse a decoded NoteExpress export (CNKI or Wanfang).

    Parameters
    ----------
    text : str
        The whole file, decoded, ``\\n`` line ends.
    path : str
        The file's path (used in messages and warnings).
    one_per_line : bool, optional (default=False)
        Wanfang writes one ``{Keywords}`` line per keyword and one
        ``{Author Address}`` line per author: each line is then one value and is
        not split further.

    Returns
    -------
    ParseResult
        One record per ``{Reference Type}`` line; records without a title, and
        text before the first record, are reported as problems.
    """
    raws, outside = group_records(text.split("\n"), _match, start="Reference Type")
    return collect_records(raws, outside, lambda raw: _build(raw, path, one_per_line))


def parse_cnki_noteexpress(text: str, path: str) -> ParseResult:
    """Parse a decoded CNKI NoteExpress export.

    Parameters
    ----------
    text : str
        The whole file, decoded, ``\\n`` line ends.
    path : str
        The file's path (used in messages and warnings).

    Returns
    -------
    ParseResult

    Examples
    --------
    >>> t = "{Reference Type}: Journal Article\\n{Title}: 题名\\n{Abstract}：Abstract(#br)Text\\n"
    >>> parse_cnki_noteexpress(t, "x.net").records[0]["abstract"]
    'Text'
    """
    return parse_noteexpress(text, path, one_per_line=False)


def _many(raw: RawRecord, tag: str, split: Callable[[str], list[str]], one_per_line: bool) -> list[str]:
    values = raw.values(tag)
    if one_per_line:
        return split_list(values)
    out: list[str] = []
    for v in values:
        out.extend(x for x in split(v) if x not in out)
    return out


def _wanfang_orgs(value: str) -> list[str]:
    return split_affiliations(value, commas=False)


def _build(raw: RawRecord, path: str, one_per_line: bool) -> dict:
    doc_type = clean_text(raw.first("Reference Type"))
    year = first_year(raw.first("Year")) or first_year(raw.first("Date"))
    keywords_raw = "\n".join(raw.values("Keywords")) or None
    native_id = link_id(raw.first("URL"))
    if native_id is None and doc_type == "Patent":
        native_id = clean_text(raw.first("Notes"))
    return {
        "line": raw.line,
        "doc_type": doc_type,
        "title": clean_text(raw.first("Title")),
        "title_alt": clean_text(raw.first("Translated Title")),
        "authors": _many(raw, "Author", split_names, False),
        "affiliations": _many(raw, "Author Address", _wanfang_orgs if one_per_line else split_affiliations,
                              False),
        "keywords": _many(raw, "Keywords", split_keywords, one_per_line),
        "keywords_raw": keywords_raw,
        "abstract": clean_abstract(raw.first("Abstract")),
        "year": check_year(year, path=path, line=raw.line),
        "source": clean_text(raw.first("Journal", "Tertiary Title", "Secondary Title", "Publisher")),
        "volume": clean_text(raw.first("Volume")),
        "issue": clean_text(raw.first("Issue")),
        "pages": clean_text(raw.first("Pages")),
        "doi": clean_doi(raw.first("DOI")),
        "language": clean_text(raw.first("Language")),
        "native_id": native_id,
    }


def _is_noteexpress(head: str) -> bool:
    for line in head.split("\n")[:50]:
        if line.strip():
            return _match(line) is not None and _match(line)[0] == "Reference Type"
    return False


def sniff(head: str, path: str) -> bool:
    """Return whether ``head`` looks like a CNKI (or other non-Wanfang) NoteExpress export.

    Parameters
    ----------
    head : str
        The first ~64 kB of decoded text.
    path : str
        The file name (unused).

    Returns
    -------
    bool
        True when the first non-blank line is ``{Reference Type}: ...`` and the
        head does not name Wanfang as the database provider.
    """
    return _is_noteexpress(head) and WANFANG_MARK not in head


FORMAT = register(Format(
    name="cnki_noteexpress", db="cnki", parse=parse_cnki_noteexpress, sniff=sniff,
    description="CNKI NoteExpress export ({Reference Type}: / {Author}: fields)", priority=40))
