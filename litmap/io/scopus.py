"""Scopus CSV export (41-, 45- and 46-column layouts, header quoted or not).

Column mapping
--------------
=============================================  ===================================
Authors                                        authors (``Liu F.; Li C.`` or
                                               ``Pan, Y., Yu, C.``)
Title / Year / Source title                    title / year / source
Volume / Issue / Page start-Page end, Art. No. volume / issue / pages
Cited by / DOI / EID                           times_cited / doi / native_id
Affiliations                                   affiliations (``; ``-separated)
Abstract                                       abstract (``[No abstract available]`` -> none)
Author Keywords / Index Keywords               keywords / keywords_plus (``;``)
References                                     cited_refs_raw (``; ``-separated)
Funding Texts, Funding Text 1, Funding Details funding
Language of Original Document, Document Type   language, doc_type
=============================================  ===================================

Rows longer than the header carry unnamed extra fields right after the last
``Funding Text`` column (the 2022 layout writes ``Funding Text 2`` without a
header name); they are joined to the funding text, so References and EID stay in
their columns. Trailing empty extra fields are dropped.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from litmap.io._fields import first_year
from litmap.io._registry import Format, ParseResult, Problem, register

__all__ = ["parse_scopus"]

_NO_ABSTRACT = "[no abstract available]"
_AUTHOR_SPLIT = re.compile(r"(?<=\.),\s+")


def parse_scopus(text: str, path: str) -> ParseResult:
    """Parse a decoded Scopus CSV export.

    Parameters
    ----------
    text : str
        The whole file, ``\\n`` line ends.
    path : str
        The file name (unused).

    Returns
    -------
    ParseResult
        One record per data row; rows whose field count cannot be aligned with the
        header are problems.
    """
    result = ParseResult()
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except (StopIteration, csv.Error):
        return result
    width = len(header)
    funding_cols = [i for i, h in enumerate(header) if h.lower().startswith("funding text")]
    start = reader.line_num + 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(c.strip() for c in row) or row == header:
                continue
            aligned = _align(row, width, funding_cols)
            if aligned is None:
                result.problems.append(Problem(line, f"row has {len(row)} fields, the header has "
                                                     f"{width}", ",".join(row)[:80]))
                continue
            rec = _record(dict(zip(header, aligned)), line)
            if rec["title"] is None and rec["native_id"] is None:
                result.problems.append(Problem(line, "row has neither a Title nor an EID"))
                continue
            result.records.append(rec)
    except csv.Error as exc:
        result.problems.append(Problem(start, f"unreadable CSV row ({exc})"))
    return result


def _align(row: list[str], width: int, funding_cols: list[int]) -> list[str] | None:
    extra = len(row) - width
    if extra == 0:
        return row
    if extra < 0:
        return None
    if not any(c.strip() for c in row[width:]):
        return row[:width]
    if not funding_cols:
        return None
    at = funding_cols[-1]
    joined = " ".join(c for c in row[at:at + extra + 1] if c.strip())
    return row[:at] + [joined] + row[at + extra + 1:]


def _cell(row: dict[str, str], *names: str) -> str | None:
    for name in names:
        value = row.get(name)
        if value and value.strip():
            return value.strip()
    return None


def _authors(raw: str | None) -> list[str]:
    if not raw or raw.strip().lower() == "[no author name available]":
        return []
    parts = raw.split(";") if ";" in raw else _AUTHOR_SPLIT.split(raw)
    return [p.strip() for p in parts if p.strip()]


def _record(row: dict[str, str], line: int) -> dict[str, Any]:
    abstract = _cell(row, "Abstract")
    if abstract and abstract.lower() == _NO_ABSTRACT:
        abstract = None
    kw = _cell(row, "Author Keywords")
    ikw = _cell(row, "Index Keywords")
    refs = _cell(row, "References")
    bp, ep = _cell(row, "Page start"), _cell(row, "Page end")
    cited = _cell(row, "Cited by")
    affil = _cell(row, "Affiliations")
    return {
        "line": line,
        "doc_type": _cell(row, "Document Type"),
        "title": _cell(row, "Title"),
        "authors": _authors(_cell(row, "Authors")),
        "affiliations": [a.strip() for a in affil.split("; ")] if affil else [],
        "keywords": kw.split(";") if kw else [],
        "keywords_raw": kw,
        "keywords_plus": ikw.split(";") if ikw else [],
        "abstract": abstract,
        "year": first_year(_cell(row, "Year")),
        "source": _cell(row, "Source title"),
        "volume": _cell(row, "Volume"),
        "issue": _cell(row, "Issue"),
        "pages": f"{bp}-{ep}" if bp and ep else bp or _cell(row, "Art. No."),
        "doi": _cell(row, "DOI"),
        "cited_refs_raw": [r.strip() for r in refs.split("; ") if r.strip()] if refs else [],
        "times_cited": int(cited) if cited and cited.isdigit() else None,
        "language": _cell(row, "Language of Original Document"),
        "funding": _cell(row, "Funding Texts", "Funding Text 1", "Funding Details"),
        "native_id": _cell(row, "EID"),
    }


def sniff_scopus(head: str, path: str) -> bool:
    """Whether the first line is a Scopus CSV header (Authors, Title, Source title...).

    Parameters
    ----------
    head : str
        The first ~64 kB of decoded text.
    path : str
        The file name (unused).

    Returns
    -------
    bool
    """
    first = head.split("\n", 1)[0].lstrip("\ufeff")
    return first.count(",") >= 5 and "Title" in first and "Source title" in first \
        and ("Authors" in first or "EID" in first)


register(Format("scopus_csv", "scopus", parse_scopus, sniff_scopus,
                "Scopus CSV export (41/45/46 columns)", priority=40))
