"""The ``Key-中文名`` grammar and field mapping shared by CNKI's self-defined
(text, CSV, Excel) and E-Study exports; see :mod:`litmap.io.cnki_selfdefined`."""

from __future__ import annotations

import re

from litmap.io._cnki_fields import (check_year, clean_abstract, clean_doi, link_id,
                                    split_affiliations, split_names)
from litmap.io._fields import clean_text, first_year, split_keywords
from litmap.io._registry import ParseResult
from litmap.io._tagged import RawRecord, collect_records, group_records, join_lines

__all__ = ["CJK", "canonical_key", "match_key_line", "build_record", "record_from_raw",
           "parse_key_records"]


CJK = re.compile(r"[\u3400-\u9fff]")

_ZH: dict[str, str] = {
    "题名": "title", "篇名": "title", "标题": "title", "英文篇名": "title_alt", "英文题名": "title_alt",
    "作者": "authors", "单位": "affiliations", "机构": "affiliations", "作者单位": "affiliations",
    "文献来源": "source", "刊名": "source", "来源": "source", "期刊": "source", "期刊名称": "source",
    "关键词": "keywords", "摘要": "abstract", "年": "year", "年份": "year",
    "发表时间": "date", "出版时间": "date", "出版日期": "date", "发表日期": "date",
    "卷": "volume", "期": "issue", "页码": "pages", "DOI": "doi", "基金": "funding",
    "语种": "language", "来源库": "doc_type", "文献类型": "doc_type", "链接": "link", "网址": "link",
    "被引": "times_cited", "被引频次": "times_cited",
}
_EN: dict[str, str] = {
    "title": "title", "author": "authors", "organ": "affiliations", "source": "source",
    "keyword": "keywords", "summary": "abstract", "year": "year", "pubtime": "date",
    "roll": "volume", "volume": "volume", "period": "issue", "page": "pages", "doi": "doi",
    "fund": "funding", "srcdatabase": "doc_type", "link": "link", "url": "link",
}
_KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9]{0,30})-([^\s:：]{1,20})[:：]\s*(.*)$")
_DATATYPE_LINE = re.compile(r"^(DataType)[:：]\s*(.*)$")


def canonical_key(header: str) -> str | None:
    """Map a CNKI field name (``Title-题名``, ``题名``, ``Title``) to a schema field.

    Parameters
    ----------
    header : str

    Returns
    -------
    str or None
        A :data:`~litmap.corpus.SCHEMA` column, ``"date"`` (publication date,
        the year fallback) or ``"link"``; ``None`` for fields litmap does not keep.
    """
    name = header.strip().strip("\ufeff")
    en, _, zh = name.partition("-")
    if not zh:
        return _ZH.get(name) or _EN.get(name.lower())
    return _ZH.get(zh.strip()) or _EN.get(en.strip().lower())


def match_key_line(line: str) -> tuple[str, str] | None:
    """Return ``(key, value)`` for a ``Key-中文名: value`` (or ``DataType: 1``) line.

    The part after the hyphen must hold a CJK character or repeat the key
    (``DOI-DOI``), so wrapped text such as ``COVID-19: ...`` is a continuation.

    Parameters
    ----------
    line : str

    Returns
    -------
    tuple of (str, str) or None
        The key as written (``Title-题名``) and the value.
    """
    m = _KEY_LINE.match(line)
    if m is not None:
        en, zh = m.group(1), m.group(2)
        if CJK.search(zh) or zh.lower() == en.lower():
            return f"{en}-{zh}", m.group(3)
        return None
    m = _DATATYPE_LINE.match(line)
    return None if m is None else (m.group(1), m.group(2))


def build_record(values: dict[str, str], *, line: int, path: str) -> dict:
    """Build a record from CNKI field values keyed by :func:`canonical_key` names.

    Parameters
    ----------
    values : dict of str to str
        Canonical field name -> value as exported (wrapped lines already joined).
    line : int
        1-based line (or sheet row) where the record starts.
    path : str
        The file's path (used in warnings).

    Returns
    -------
    dict
        A record with :data:`~litmap.corpus.SCHEMA` keys.
    """
    def get(key: str) -> str | None:
        return clean_text(values.get(key))

    year = first_year(values.get("year")) or first_year(values.get("date"))
    cited = get("times_cited")
    return {
        "line": line,
        "doc_type": get("doc_type"),
        "title": get("title"),
        "title_alt": get("title_alt"),
        "authors": split_names(values.get("authors")),
        "affiliations": split_affiliations(values.get("affiliations")),
        "keywords": split_keywords(values.get("keywords")),
        "keywords_raw": get("keywords"),
        "abstract": clean_abstract(values.get("abstract")),
        "year": check_year(year, path=path, line=line),
        "source": get("source"),
        "volume": get("volume"),
        "issue": get("issue"),
        "pages": get("pages"),
        "doi": clean_doi(values.get("doi")),
        "funding": get("funding"),
        "language": get("language"),
        "times_cited": int(cited) if cited and cited.isdigit() else None,
        "native_id": link_id(values.get("link")),
    }


def record_from_raw(raw: RawRecord, path: str) -> dict:
    """Build a record from a ``Key-中文名`` :class:`~litmap.io._tagged.RawRecord`.

    Parameters
    ----------
    raw : RawRecord
    path : str

    Returns
    -------
    dict
    """
    values: dict[str, str] = {}
    for f in raw.fields:
        key = canonical_key(f.tag)
        if key is not None and key not in values:
            value = join_lines(f.lines)
            if value:
                values[key] = value
    return build_record(values, line=raw.line, path=path)


def parse_key_records(text: str, path: str, *, start: str) -> ParseResult:
    """Parse ``Key-中文名: value`` text whose records open with the ``start`` key.

    Parameters
    ----------
    text : str
        The whole file, decoded, ``\\n`` line ends.
    path : str
    start : str
        ``"SrcDatabase-来源库"`` (self-defined) or ``"DataType"`` (E-Study).

    Returns
    -------
    ParseResult
    """
    raws, outside = group_records(text.split("\n"), match_key_line, start=start)
    return collect_records(raws, outside, lambda raw: record_from_raw(raw, path))
