"""CNKI RefWorks export (``RT Journal Article`` / ``A1 作者;作者`` / ``K1 关键词;...``).

Grammar
-------
Each record starts with ``RT <type>``; every field is a tag, a space and a value.
Tags are two characters, plus the lower-case ``vo`` and the three-letter ``URL``.
CNKI sometimes drops the space after the tag (``A1林行众``), so a known tag
directly followed by a non-ASCII character is a tag line too. Any other line is
a continuation of the previous field, indented or not; blank lines never end a
record and records need not be separated by a blank line.

Field mapping
-------------
=====  ==========================================================
RT     doc_type
T1     title
A1     authors (``;`` or, in 2000-era records, ``,``)
AD     affiliations (``;``; ``机构!城市邮编,...`` in 2000-era records)
JF     source (falls back to PB: university of a thesis, publisher)
YR     year (falls back to FD, the full date)
vo IS  volume, issue
OP     pages
K1     keywords from the **first line only**; an indented continuation line
       holds the English translation of the keywords (theses) and is kept,
       with the first line, in ``keywords_raw`` (lines joined by ``\\n``)
AB     abstract (unindented continuation lines are joined)
DO     doi
LA     language (``中文;`` -> ``中文``)
ID     native_id (patent / standard number); else the ``FileName`` of LK/URL
DS     ``db`` is set to ``wanfang`` when DS, DB or the link names Wanfang
       (same grammar); otherwise the format's ``cnki``
=====  ==========================================================
"""

from __future__ import annotations

import re

from litmap.io._cnki_fields import (check_year, clean_abstract, clean_doi, link_id,
                                    split_affiliations, split_names, wanfang_hint)
from litmap.io._fields import clean_text, first_year, split_keywords
from litmap.io._registry import Format, ParseResult, register
from litmap.io._tagged import RawRecord, group_records, collect_records

__all__ = ["parse_cnki_refworks", "sniff"]

_TAGS = frozenset(
    "RT SR ID A1 A2 A3 A4 A5 A6 T1 T2 T3 JF JO YR FD VO vo IS SP OP K1 AB NO ED PB PP SN AV AD AN "
    "LA CL SF OT LK DO CN DB DS IP RD ST U1 U2 U3 U4 U5 UL WT WV WP OL C1 C2 C3 C4".split())


def _match(line: str) -> tuple[str, str] | None:
    tag = line[:2]
    if tag in _TAGS:
        if len(line) == 2:
            return tag, ""
        sep = line[2]
        if sep == " ":
            return tag, line[3:]
        if sep > "\x7f":  # CNKI's "A1林行众": no space before a non-ASCII value
            return tag, line[2:]
        return None
    if line.startswith("URL") and (len(line) == 3 or line[3] == " "):
        return "URL", line[4:]
    return None


def parse_cnki_refworks(text: str, path: str) -> ParseResult:
    """Parse a decoded CNKI RefWorks export.

    Parameters
    ----------
    text : str
        The whole file, decoded, ``\\n`` line ends.
    path : str
        The file's path (used in messages and warnings).

    Returns
    -------
    ParseResult
        One record per ``RT`` line; records without a title, and text before the
        first ``RT`` line, are reported as problems.

    Examples
    --------
    >>> r = parse_cnki_refworks("RT Journal Article\\nA1林行众\\nT1 题名\\nYR 2015\\n", "x.txt")
    >>> r.records[0]["authors"], r.records[0]["year"]
    (['林行众'], 2015)
    """
    raws, outside = group_records(text.split("\n"), _match, start="RT")
    return collect_records(raws, outside, lambda raw: _build(raw, path))


def _build(raw: RawRecord, path: str) -> dict:
    k1 = raw.raw("K1")
    first_k1 = k1[0].lines[0] if k1 else None
    keywords_raw = "\n".join(line.strip() for line in k1[0].lines if line.strip()) if k1 else None
    year = first_year(raw.first("YR")) or first_year(raw.first("FD"))
    language = raw.first("LA")
    link = raw.first("LK", "URL", "UL")
    return {
        "line": raw.line,
        "doc_type": clean_text(raw.first("RT")),
        "title": clean_text(raw.first("T1")),
        "authors": split_names(raw.first("A1")),
        "affiliations": split_affiliations(raw.first("AD")),
        "keywords": split_keywords(first_k1),
        "keywords_raw": keywords_raw or None,
        "abstract": clean_abstract(raw.first("AB")),
        "year": check_year(year, path=path, line=raw.line),
        "source": clean_text(raw.first("JF", "JO", "PB")),
        "volume": clean_text(raw.first("vo", "VO")),
        "issue": clean_text(raw.first("IS")),
        "pages": clean_text(raw.first("OP", "SP")),
        "doi": clean_doi(raw.first("DO")),
        "language": clean_text(language.strip().rstrip(";；")) if language else None,
        "native_id": clean_text(raw.first("ID")) or link_id(link),
        "db": wanfang_hint(raw.first("DS"), raw.first("DB"), link),
    }


def sniff(head: str, path: str) -> bool:
    """Return whether ``head`` looks like a CNKI RefWorks export.

    Parameters
    ----------
    head : str
        The first ~64 kB of decoded text.
    path : str
        The file name (unused: RefWorks files carry any extension).

    Returns
    -------
    bool
        True when the first non-blank line is ``RT <type>`` and an ``A1``/``T1``
        tag line follows.
    """
    lines = [ln for ln in head.split("\n")[:400] if ln.strip()]
    if not lines or not re.match(r"^RT \S", lines[0]):
        return False
    return any(re.match(r"^(A1|T1)(?: |[^\x00-\x7f])", ln) for ln in lines[1:60])


FORMAT = register(Format(
    name="cnki_refworks", db="cnki", parse=parse_cnki_refworks, sniff=sniff,
    description="CNKI RefWorks export (RT/A1/T1/K1 tags)", priority=50))
