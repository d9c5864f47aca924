"""CNKI E-Study (知网研学) export (``DataType: 1`` / ``Title-题名: ...``).

Each record starts with ``DataType: 1``; fields are ``Key-中文名: value`` lines
with no blank line between records, the grammar and field mapping of
:mod:`litmap.io.cnki_selfdefined` (in :mod:`litmap.io._cnki_keys`). Keys: Title-题名, Author-作者, Source-刊名,
Year-年, PubTime-出版时间 (the year fallback of online-first records),
Keyword-关键词, Summary-摘要, Period-期, Roll-卷, Page-页码, SrcDatabase-来源库
(doc_type), Organ-机构 (affiliations), Link-链接 (native_id from ``FileName=``);
PageCount-页数 is not kept.
"""

from __future__ import annotations

from litmap.io._registry import Format, ParseResult, register
from litmap.io._cnki_keys import match_key_line, parse_key_records

__all__ = ["parse_cnki_estudy", "sniff"]


def parse_cnki_estudy(text: str, path: str) -> ParseResult:
    """Parse a decoded CNKI E-Study export.

    Parameters
    ----------
    text : str
        The whole file, decoded, ``\\n`` line ends.
    path : str
        The file's path (used in messages and warnings).

    Returns
    -------
    ParseResult
        One record per ``DataType`` line.

    Examples
    --------
    >>> t = "DataType: 1\\nTitle-题名: 题\\nPubTime-出版时间: 2021-01-15 16:54\\n"
    >>> parse_cnki_estudy(t, "x.txt").records[0]["year"]
    2021
    """
    return parse_key_records(text, path, start="DataType")


def sniff(head: str, path: str) -> bool:
    """Return whether ``head`` looks like a CNKI E-Study export.

    Parameters
    ----------
    head : str
        The first ~64 kB of decoded text.
    path : str
        The file name (unused).

    Returns
    -------
    bool
        True when the first non-blank line is ``DataType: ...`` and a
        ``Key-中文名:`` line follows.
    """
    lines = [ln for ln in head.split("\n")[:100] if ln.strip()]
    if not lines or (match_key_line(lines[0]) or ("",))[0] != "DataType":
        return False
    return any((match_key_line(ln) or ("",))[0].count("-") == 1 for ln in lines[1:20])


FORMAT = register(Format(
    name="cnki_estudy", db="cnki", parse=parse_cnki_estudy, sniff=sniff,
    description="CNKI E-Study (知网研学) export (DataType: 1 / Key-中文名: value)", priority=50))
