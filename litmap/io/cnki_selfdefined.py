"""CNKI self-defined (自定义) export: text, and its Excel form saved as CSV.

Text grammar
------------
``Key-中文名:  value`` lines (two spaces after the colon); a record starts with
``SrcDatabase-来源库`` and records are separated by a blank line. Any line that is
not a ``Key-中文名:`` line continues the previous field (CNKI breaks the author
list over lines that start with ``;``). The same ``Key-中文名`` grammar is used by
the E-Study export (:mod:`litmap.io.cnki_estudy`).

Table form
----------
The Excel export (``.xls``/``.xlsx``, read by :mod:`litmap.io.cnki_excel`) and
the same sheet saved as CSV (often GBK; several exports pasted together repeat
the header row, and those rows are dropped) have one header row whose names
are ``Title-题名`` or just ``题名``.

Field mapping (by the Chinese name, else the English key)
---------------------------------------------------------
=============================  =================================================
题名 篇名 / 英文篇名             title / title_alt
作者                           authors (``;``, ``; ``; continuation lines)
单位 机构 作者单位               affiliations (``;``)
文献来源 刊名 来源 期刊           source
关键词                         keywords (``;;`` or ``;``, else ``,``)
摘要                           abstract (``<正>`` removed)
年 / 发表时间 出版时间 出版日期    year, falling back to the date (``PubTime``)
卷 期 页码                      volume, issue, pages
DOI / 基金 / 语种               doi / funding / language
来源库 文献类型                  doc_type (期刊, 硕士, 博士, ...)
链接 网址                       native_id from its ``FileName=``
被引 被引频次                    times_cited
=============================  =================================================
"""

from __future__ import annotations

from litmap.io import cnki_excel  # noqa: F401  (registers cnki_selfdefined_csv and cnki_excel)
from litmap.io._cnki_keys import match_key_line, parse_key_records
from litmap.io._registry import Format, ParseResult, register

__all__ = ["parse_cnki_selfdefined", "sniff"]


def parse_cnki_selfdefined(text: str, path: str) -> ParseResult:
    """Parse a decoded CNKI self-defined (自定义) text export.

    Parameters
    ----------
    text : str
        The whole file, decoded, ``\\n`` line ends.
    path : str
        The file's path (used in messages and warnings).

    Returns
    -------
    ParseResult
        One record per ``SrcDatabase-来源库`` line.

    Examples
    --------
    >>> t = "SrcDatabase-来源库:  期刊\\nTitle-题名:  题\\nAuthor-作者:  苏健\\n;钱震\\n;\\n"
    >>> parse_cnki_selfdefined(t, "x.txt").records[0]["authors"]
    ['苏健', '钱震']
    """
    return parse_key_records(text, path, start="SrcDatabase-来源库")


def sniff(head: str, path: str) -> bool:
    """Return whether ``head`` looks like a CNKI self-defined text export.

    Parameters
    ----------
    head : str
        The first ~64 kB of decoded text.
    path : str
        The file name (unused).

    Returns
    -------
    bool
        True when the first non-blank line is ``SrcDatabase-来源库: ...``.
    """
    for line in head.split("\n")[:50]:
        if line.strip():
            hit = match_key_line(line)
            return hit is not None and hit[0] == "SrcDatabase-来源库"
    return False


FORMAT = register(Format(
    name="cnki_selfdefined", db="cnki", parse=parse_cnki_selfdefined, sniff=sniff,
    description="CNKI self-defined (自定义) text export (SrcDatabase-来源库: ...)", priority=50))
