"""RIS (``TY  - JOUR`` ... ``ER  - ``), from IEEE, EndNote (CNKI records) and others.

Grammar
-------
A field line is a tag of two capitals or digits, two spaces, a hyphen and an
optional space plus value. Records run from ``TY`` to ``ER``. An untagged line
continues the previous field: under ``KW`` it is one more keyword (EndNote puts
every keyword after the first on its own untagged line), elsewhere it is joined
to the value with a space. Blank lines never end a record.

Field mapping
-------------
=================  ============================================================
TY                 doc_type
TI / T1 (ST)       title (short title when there is no title)
AU / A1 (A2...)    authors
AD                 affiliations
T2 JO JF JA        source (first present)
PY Y1 DA           year
VL / VO, IS        volume, issue
SP, EP             pages (``SP 33-38`` is kept as is)
KW                 keywords (one per line)
AB / N2            abstract
DO                 doi
LA                 language
=================  ============================================================
"""

from __future__ import annotations

from typing import Any

from litmap.io._fields import first_year
from litmap.io._registry import Format, ParseResult, Problem, register

__all__ = ["parse_ris"]


def _tag(line: str) -> str | None:
    """The tag of an RIS field line (``AU  - x``), else None."""
    if line[2:5] != "  -":
        return None
    a, b = line[0], line[1]
    if "A" <= a <= "Z" and ("A" <= b <= "Z" or "0" <= b <= "9"):
        return line[:2]
    return None


def parse_ris(text: str, path: str) -> ParseResult:
    """Parse a decoded RIS file.

    Parameters
    ----------
    text : str
        The whole file, ``\\n`` line ends.
    path : str
        The file name (unused).

    Returns
    -------
    ParseResult

    Examples
    --------
    >>> r = parse_ris("TY  - JOUR\\nTI  - T\\nKW  - a\\nb\\nPY  - 2016\\nER  - \\n", "x.ris")
    >>> r.records[0]["keywords"], r.records[0]["year"]
    (['a', 'b'], 2016)
    """
    result = ParseResult()
    fields: dict[str, list[str]] | None = None
    vals: list[str] | None = None
    tag: str | None = None
    start = 0
    stray = False
    for n, line in enumerate(text.split("\n"), 1):
        t = _tag(line)
        if t is None:
            value = line.strip()
            if not value:
                continue
            if vals is None:
                if fields is None and not stray:
                    result.problems.append(Problem(n, "text outside a record (expected TY  - )",
                                                   line[:80]))
                    stray = True
                continue
            if tag == "KW" or not vals:
                vals.append(value)
            else:
                vals[-1] = f"{vals[-1]} {value}"
            continue
        value = line[5:].strip()
        if t == "TY":
            if fields is not None:
                result.problems.append(Problem(start, "record has no ER before the next TY", "TY"))
            fields, start = {}, n
        elif t == "ER":
            if fields is not None:
                _finish(fields, start, result)
            fields = vals = tag = None
            continue
        elif fields is None:
            if not stray:
                result.problems.append(Problem(n, "field outside a record (expected TY  - )", line[:80]))
                stray = True
            continue
        stray = False
        tag = t
        vals = fields.setdefault(t, [])
        if value:
            vals.append(value)
    if fields is not None:
        result.problems.append(Problem(start, "truncated record: no ER before the end of the file", "TY"))
    return result


def _first(fields: dict[str, list[str]], *tags: str) -> str | None:
    for t in tags:
        vals = fields.get(t)
        if vals:
            return " ".join(vals)
    return None


def _finish(fields: dict[str, list[str]], line: int, result: ParseResult) -> None:
    title = _first(fields, "TI", "T1", "ST")
    if not title:
        result.problems.append(Problem(line, "record has no title (TI)", "TY"))
        return
    sp, ep = _first(fields, "SP"), _first(fields, "EP")
    rec: dict[str, Any] = {
        "line": line,
        "doc_type": _first(fields, "TY"),
        "title": title,
        "authors": fields.get("AU") or fields.get("A1") or fields.get("A2") or [],
        "affiliations": fields.get("AD") or [],
        "keywords": fields.get("KW") or [],
        "keywords_raw": "; ".join(fields["KW"]) if fields.get("KW") else None,
        "abstract": _first(fields, "AB", "N2"),
        "year": first_year(_first(fields, "PY"), _first(fields, "Y1"), _first(fields, "DA")),
        "source": _first(fields, "T2", "JO", "JF", "JA"),
        "volume": _first(fields, "VL", "VO"),
        "issue": _first(fields, "IS"),
        "pages": f"{sp}-{ep}" if sp and ep else sp,
        "doi": _first(fields, "DO"),
        "language": _first(fields, "LA"),
    }
    result.records.append(rec)


def sniff_ris(head: str, path: str) -> bool:
    """Whether the first non-blank line is ``TY  - <type>``.

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
    for line in head.split("\n", 200):
        if line.strip():
            return line.lstrip("\ufeff").startswith("TY  -")
    return False


register(Format("ris", "ris", parse_ris, sniff_ris, "RIS (TY  - ... ER  - )", priority=40))
