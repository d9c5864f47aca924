"""CSSCI download (``【来源篇名】...`` records ending in a line of dashes).

Grammar
-------
An optional 3-line banner (``南京大学中国社会科学研究评价中心`` / ``数字文献处理系统
版本：2.1`` / ``版权所有 ...``), then records. Each record starts with
``【来源篇名】`` and ends with a line of dashes. Field names are padded with
spaces (``【关 键 词】``, ``【基    金】``); the padding is ignored. Any line that
does not start with ``【`` continues the previous field: the numbered reference
lines after ``【参考文献】``, and the pieces of a reference that a crawler broke
over several lines (they start with ``,name``).

Field mapping
-------------
==========  =========================================================
来源篇名     title
英文篇名     title_alt
来源作者     authors (``/``; falls back to 第一作者)
机构名称     affiliations: the ``/``-separated ``[author]inst.dept`` items as
            written (falls back to 第一机构)
期刊         source (a crawler variant puts the thesis university here)
年代卷期     ``2022,42(1):69-79`` -> year, volume, issue, pages
关键词       keywords (``/``)
基金         funding
参考文献     cited_refs_raw: one item per numbered line (``n.作者.题名.刊名.年.卷(期)``),
            numbering kept as exported; broken lines are joined
==========  =========================================================
"""

from __future__ import annotations

import re

from litmap.io._cnki_fields import check_year, split_names
from litmap.io._fields import clean_text, first_year, split_list
from litmap.io._registry import Format, ParseResult, Problem, register
from litmap.io._tagged import RawRecord, group_records, collect_records, join_lines, missing_title

__all__ = ["parse_cssci", "parse_issue_field", "sniff"]

_TAG_LINE = re.compile(r"^【([^】]{1,20})】(.*)$")
_END = re.compile(r"^\s*-{10,}\s*$")
_BANNER = re.compile(r"南京大学中国社会科学研究评价中心|数字文献处理系统|版权所有.*CSSCI|CSSCI Corp")
_REF_START = re.compile(r"^\s*\d+\s*\.")
_ISSUE_FIELD = re.compile(r"^\s*(\d{4})\s*[,，]?\s*([^(（:：]*?)\s*(?:[(（]\s*([^)）]*?)\s*[)）])?\s*"
                          r"(?:[:：]\s*(.*?))?\s*$")


def _match(line: str) -> tuple[str, str] | None:
    m = _TAG_LINE.match(line)
    if m is None:
        return None
    return re.sub(r"\s+", "", m.group(1)), m.group(2)


def _is_end(line: str) -> bool:
    return _END.match(line) is not None


def parse_issue_field(raw: str | None) -> tuple[int | None, str | None, str | None, str | None]:
    """Split CSSCI's ``【年代卷期】`` value into year, volume, issue and pages.

    Parameters
    ----------
    raw : str or None
        E.g. ``2022,42(1):69-79`` or ``2020,(9):12-20``.

    Returns
    -------
    tuple
        ``(year, volume, issue, pages)``; parts that are absent are ``None``.

    Examples
    --------
    >>> parse_issue_field("2022,42(1):69-79")
    (2022, '42', '1', '69-79')
    >>> parse_issue_field("2020,(9):")
    (2020, None, '9', None)
    """
    if not raw or not raw.strip():
        return None, None, None, None
    m = _ISSUE_FIELD.match(raw)
    if m is None:
        return first_year(raw), None, None, None
    year, volume, issue, pages = m.groups()
    return int(year), volume or None, issue or None, pages or None


def _references(raw: RawRecord) -> list[str]:
    refs: list[str] = []
    parts: list[str] = []
    for f in raw.raw("参考文献"):
        for line in f.lines:
            if not line.strip():
                continue
            if _REF_START.match(line) and parts:
                refs.append(join_lines(parts))
                parts = []
            parts.append(line)
    if parts:
        refs.append(join_lines(parts))
    return refs


def parse_cssci(text: str, path: str) -> ParseResult:
    """Parse a decoded CSSCI download (or a crawler's file in CSSCI layout).

    Parameters
    ----------
    text : str
        The whole file, decoded, ``\\n`` line ends.
    path : str
        The file's path (used in messages and warnings).

    Returns
    -------
    ParseResult
        One record per ``【来源篇名】`` line; records without a title or without
        their closing dashes line (a truncated file), and text outside records
        other than the banner, are reported as problems.

    Examples
    --------
    >>> t = "【来源篇名】题名\\n【来源作者】甲/乙\\n【年代卷期】2020,(9):1-5\\n-----------------\\n"
    >>> r = parse_cssci(t, "x.txt").records[0]
    >>> r["authors"], r["year"], r["issue"]
    (['甲', '乙'], 2020, '9')
    """
    raws, outside = group_records(text.split("\n"), _match, start="来源篇名", end=_is_end)
    first = raws[0].line if raws else len(text)
    outside = [(no, ln) for no, ln in outside if not (no < first and _BANNER.search(ln))]
    return collect_records(raws, outside, lambda raw: _build(raw, path), check=_closed_with_title)


def _build(raw: RawRecord, path: str) -> dict:
    year, volume, issue, pages = parse_issue_field(raw.first("年代卷期"))
    orgs = raw.first("机构名称") or raw.first("第一机构")
    return {
        "line": raw.line,
        "title": clean_text(raw.first("来源篇名")),
        "title_alt": clean_text(raw.first("英文篇名")),
        "authors": split_names(raw.first("来源作者") or raw.first("第一作者"), seps="slash"),
        "affiliations": split_list(orgs.split("/")) if orgs else [],
        "keywords": split_names(raw.first("关键词"), seps="slash"),
        "keywords_raw": raw.first("关键词"),
        "year": check_year(year, path=path, line=raw.line),
        "source": clean_text(raw.first("期刊")),
        "volume": volume,
        "issue": issue,
        "pages": pages,
        "funding": clean_text(raw.first("基金")),
        "cited_refs_raw": _references(raw),
    }


def sniff(head: str, path: str) -> bool:
    """Return whether ``head`` looks like a CSSCI download.

    Parameters
    ----------
    head : str
        The first ~64 kB of decoded text.
    path : str
        The file name (unused).

    Returns
    -------
    bool
        True when, after an optional banner and blank lines, the first line is
        ``【来源篇名】...``.
    """
    for line in head.split("\n")[:50]:
        if line.strip() and not _BANNER.search(line):
            return line.startswith("【来源篇名】")
    return False


FORMAT = register(Format(
    name="cssci", db="cssci", parse=parse_cssci, sniff=sniff,
    description="CSSCI download (【来源篇名】 fields, records ending in dashes)", priority=50))


def _closed_with_title(record: dict, raw: RawRecord) -> Problem | None:
    """A CSSCI record needs a title and its closing line of dashes."""
    problem = missing_title(record, raw)
    if problem is None and not raw.closed:
        problem = Problem(raw.line, "record is not closed by a line of dashes (truncated file, or "
                          "the end line was cut)", f"【来源篇名】{record['title']}")
    return problem
