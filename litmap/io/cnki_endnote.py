"""CNKI EndNote export (``%0 Journal Article`` / ``%A 作者`` / ``%K 关键词;;...``).

Grammar
-------
Each record starts with ``%0 <type>``; every field is ``%`` plus one character,
a space and a value. Any other line continues the previous field (a thesis
``%X`` runs over several paragraphs separated by blank lines and tab-indented
lines); blank lines never end a record.

Field mapping
-------------
=====  ==========================================================
%0     doc_type
%T     title
%A     authors: one line per author, or one ``;``-joined line (patents)
%+     affiliations (``;``; ``;;`` in CNKI foreign-language records)
%J     source (falls back to %B, the proceedings, then %I, the university
       of a thesis or the issuer of a standard)
%D     year (falls back to %8, the full date of newspapers and patents)
%V %N  volume, issue; for ``Legal Rule or Regulation`` (standards,
       yearbooks) %V is the document number and goes to native_id
%P     pages (the value with a dash when %P repeats)
%K     keywords (``;;`` in the older layout, ``;`` in the newer one)
%X     abstract (``Abstract(#br)`` prefix and ``<正>`` removed)
%R     doi
%U     native_id from a ``FileName=`` link
%W     ``db`` is set to ``wanfang`` when %W or %U names Wanfang (same
       grammar); otherwise the format's ``cnki``
=====  ==========================================================
"""

from __future__ import annotations

import re

from litmap.io._cnki_fields import (check_year, clean_abstract, clean_doi, link_id,
                                    split_affiliations, split_names, wanfang_hint)
from litmap.io._fields import clean_text, first_year, split_keywords
from litmap.io._registry import Format, ParseResult, register
from litmap.io._tagged import RawRecord, group_records, collect_records

__all__ = ["parse_cnki_endnote", "sniff"]

_TAG_LINE = re.compile(r"^%([0-9A-Za-z@!#$&()*+<>?\[\]^~|=])(?: (.*))?$")


def _match(line: str) -> tuple[str, str] | None:
    m = _TAG_LINE.match(line)
    return None if m is None else ("%" + m.group(1), m.group(2) or "")


def parse_cnki_endnote(text: str, path: str) -> ParseResult:
    """Parse a decoded CNKI EndNote export.

    Parameters
    ----------
    text : str
        The whole file, decoded, ``\\n`` line ends.
    path : str
        The file's path (used in messages and warnings).

    Returns
    -------
    ParseResult
        One record per ``%0`` line; records without a title, and text before
        the first ``%0`` line, are reported as problems.

    Examples
    --------
    >>> r = parse_cnki_endnote("%0 Patent\\n%T 题名\\n%A 甲;乙\\n%8 2023-05-16\\n", "x.txt")
    >>> r.records[0]["authors"], r.records[0]["year"]
    (['甲', '乙'], 2023)
    """
    raws, outside = group_records(text.split("\n"), _match, start="%0")
    return collect_records(raws, outside, lambda raw: _build(raw, path))


def _pages(values: list[str]) -> str | None:
    for v in values:
        if "-" in v:
            return clean_text(v)
    return clean_text(values[0]) if values else None


def _build(raw: RawRecord, path: str) -> dict:
    doc_type = clean_text(raw.first("%0"))
    authors: list[str] = []
    for value in raw.values("%A"):
        authors.extend(a for a in split_names(value) if a not in authors)
    year = first_year(raw.first("%D")) or first_year(raw.first("%8"))
    volume = clean_text(raw.first("%V"))
    is_rule = doc_type is not None and doc_type.startswith("Legal Rule")
    return {
        "line": raw.line,
        "doc_type": doc_type,
        "title": clean_text(raw.first("%T")),
        "authors": authors,
        "affiliations": split_affiliations(raw.first("%+")),
        "keywords": split_keywords(raw.first("%K")),
        "keywords_raw": raw.first("%K"),
        "abstract": clean_abstract(raw.first("%X")),
        "year": check_year(year, path=path, line=raw.line),
        "source": clean_text(raw.first("%J", "%B", "%I")),
        "volume": None if is_rule else volume,
        "issue": clean_text(raw.first("%N")),
        "pages": _pages(raw.values("%P")),
        "doi": clean_doi(raw.first("%R")),
        "native_id": volume if is_rule else link_id(raw.first("%U")),
        "db": wanfang_hint(raw.first("%W"), raw.first("%U")),
    }


def sniff(head: str, path: str) -> bool:
    """Return whether ``head`` looks like a CNKI EndNote export.

    Parameters
    ----------
    head : str
        The first ~64 kB of decoded text.
    path : str
        The file name (unused).

    Returns
    -------
    bool
        True when the first non-blank line is ``%0 <type>`` and a ``%T`` or
        ``%A`` line follows.
    """
    lines = [ln for ln in head.split("\n")[:400] if ln.strip()]
    if not lines or not re.match(r"^%0 \S", lines[0]):
        return False
    return any(re.match(r"^%[TA] ", ln) for ln in lines[1:60])


FORMAT = register(Format(
    name="cnki_endnote", db="cnki", parse=parse_cnki_endnote, sniff=sniff,
    description="CNKI EndNote export (%0/%A/%T/%K tags)", priority=50))
