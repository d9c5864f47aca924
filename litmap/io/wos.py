"""Web of Science exports: field-tagged plain text, tab-delimited, and CiteSpace-converted CNKI.

Plain-text grammar
------------------
An optional ``FN``/``VR`` header, then records from ``PT`` to ``ER``, then an
optional ``EF``. A field line is a known two-character tag, a space and a value.
A line indented by spaces is a new value of the current field (one author, one
address, one cited reference per line); any other untagged line continues the
previous value (CiteSpace-converted files break references that way). Blank
lines never end a record. Tags may repeat (CT/CY/CL/SP of joint meetings).
A ``PT`` before the previous record's ``ER``, or a last record without ``ER``,
is a bad record.

Field mapping
-------------
=========  =====================================================================
TI         title
AU         authors (AF, then CA when AU is missing); CiteSpace's trailing ``, `` dropped
C1         affiliations, one per line (tab-delimited: split before each ``[``)
DE / ID    keywords (split on ``;``; CNKI-converted: CNKI separators) / keywords_plus;
           :func:`litmap.io.read` trims, NFKC-normalises and de-duplicates the items
AB         abstract
PY         year (falls back to EA, early access)
SO VL IS   source, volume, issue
BP-EP, AR  pages
DI         doi
CR         cited_refs_raw, one per line (tab-delimited: ``; ``-separated)
TC / Z9    times_cited
LA DT      language, doc_type
FU / FX    funding
UT         native_id; ``CNKI:``, ``CSSCI:``, ``SCOPUS:``... prefixes (written by
           :mod:`litmap.io.citespace`) set ``db``; ``CNKI:0`` is a placeholder
=========  =====================================================================
"""

from __future__ import annotations

import csv
import io
from typing import Any, Iterable

from litmap.io._fields import first_year, split_keywords
from litmap.io._registry import Format, ParseResult, Problem, register
from litmap.io._wos_plain import Finish, parse_chunks, split_text

__all__ = ["parse_wos", "parse_wos_chunks", "parse_wos_tab", "parse_cnki_citespace", "WOS_TAGS"]

WOS_TAGS = frozenset(
    "FN VR PT AU AF BA BE BF CA GP TI SO SE BS LA DT CT CY CL SP HO DE ID AB C1 C3 RP EM RI OI "
    "FU FP FX CR NR TC Z9 U1 U2 PU PI PA SN EI BN J9 JI PD PY VL IS PN SU SI MA BP EP AR DI DL "
    "D2 EA PG P2 WC WE SC GA PM OA HC HP DA UT ER EF".split())
# Tags mapped to schema fields (plus ER); the others are recognised and skipped.
_USED_TAGS = frozenset("AU AF CA TI SO LA DT DE ID AB C1 CR TC Z9 PY EA VL IS BP EP AR DI UT FU FX "
                       "ER".split())
# Tag -> 1 (mapped to a schema field) or 0 (recognised and skipped).
TAG_KINDS = {tag: int(tag in _USED_TAGS) for tag in WOS_TAGS}
#: Databases a ``UT`` prefix may name (CiteSpace-converted files).
OTHER_DBS = ("CNKI", "CSSCI", "WANFANG", "SCOPUS", "RIS")
NO_TITLE = "record has neither a title (TI) nor an id (UT)"
_LIST_TAGS_TAB = {"AU": "; ", "AF": "; ", "CA": "; ", "CR": "; "}


def parse_wos(text: str, path: str) -> ParseResult:
    """Parse a decoded WoS plain-text export (field-tagged, ``PT`` ... ``ER``).

    Parameters
    ----------
    text : str
        The whole file, ``\\n`` line ends.
    path : str
        The file name (unused; kept for the reader contract).

    Returns
    -------
    ParseResult

    Examples
    --------
    >>> r = parse_wos("FN x\\nVR 1.0\\nPT J\\nAU Li, X\\n   Wu, Y\\nTI A\\n   title\\nPY 2020\\nER\\nEF", "f")
    >>> r.records[0]["authors"], r.records[0]["title"], r.records[0]["year"]
    (['Li, X', 'Wu, Y'], 'A title', 2020)
    """
    return _parse_tagged(text, default_db="wos", cnki_keywords=False)


def parse_cnki_citespace(text: str, path: str) -> ParseResult:
    """Parse CNKI records converted to WoS tags (CiteSpace ``download_*.txt`` style).

    Parameters
    ----------
    text : str
        The whole file, ``\\n`` line ends.
    path : str
        The file name (unused).

    Returns
    -------
    ParseResult
        Records with ``db`` ``"cnki"`` and keywords split with CNKI separators.
    """
    return _parse_tagged(text, default_db="cnki", cnki_keywords=True)


def _parse_tagged(text: str, *, default_db: str, cnki_keywords: bool) -> ParseResult:
    return parse_wos_chunks(split_text(text), default_db=default_db, cnki_keywords=cnki_keywords)


def parse_wos_chunks(chunks: Iterable[str], *, default_db: str = "wos",
                     cnki_keywords: bool = False) -> ParseResult:
    """Parse WoS plain text given as consecutive chunks of whole lines.

    Parameters
    ----------
    chunks : iterable of str
        The decoded text (``\\n`` line ends) in order, each chunk ending with a newline.
    default_db : str, optional
        ``db`` of records whose ``UT`` names no other database.
    cnki_keywords : bool, optional
        Split ``DE`` with CNKI separators (CiteSpace-converted CNKI files).

    Returns
    -------
    ParseResult
        The same as :func:`parse_wos` on the joined text.
    """
    return parse_chunks(chunks, TAG_KINDS, record_finisher(default_db, cnki_keywords))


def record_finisher(default_db: str, cnki_keywords: bool) -> Finish:
    """The ``finish(fields, line)`` callback of :func:`~litmap.io._wos_plain.parse_chunks`.

    Parameters
    ----------
    default_db : str
        ``db`` of records whose ``UT`` names no other database.
    cnki_keywords : bool
        Split ``DE`` with CNKI separators.

    Returns
    -------
    callable
        A record with neither ``TI`` nor ``UT`` gives a :class:`Problem`; any other a record dict.
    """
    def finish(fields: dict[str, list[str]], line: int) -> dict[str, Any] | Problem:
        if not fields.get("TI") and not fields.get("UT"):
            return Problem(line, NO_TITLE, "PT")
        return _record(fields, line, default_db, cnki_keywords)

    return finish


def _join(fields: dict[str, list[str]], tag: str, sep: str = " ") -> str | None:
    vals = fields.get(tag)
    return sep.join(vals) if vals else None


# Tags copied as one string (values joined by a space, or "; " for lists of names).
_TEXT_TAGS = (("TI", "title", " "), ("AB", "abstract", " "), ("SO", "source", " "),
              ("VL", "volume", " "), ("IS", "issue", " "), ("DI", "doi", " "),
              ("DT", "doc_type", "; "), ("LA", "language", "; "))
def author_names(names: list[str]) -> list[str]:
    """Author values without CiteSpace's trailing ``, `` (when the first one has it).

    Parameters
    ----------
    names : list of str

    Returns
    -------
    list of str
    """
    if names and names[0][-1:] == ",":
        return [a.rstrip(", ") for a in names]
    return names


def db_and_id(ut: str | None, default_db: str) -> tuple[str, str | None]:
    """The database and native id a ``UT`` value names (``CNKI:...``, ``WOS:...``, ...).

    Parameters
    ----------
    ut : str or None
    default_db : str
        The database when ``UT`` names no other one.

    Returns
    -------
    (str, str or None)
    """
    db = default_db
    if ut:
        prefix, _, rest = ut.partition(":")
        if prefix.upper() in OTHER_DBS and rest:
            db = prefix.lower()
            if rest.strip("0"):
                ut = rest
        elif prefix.upper() == "WOS":
            db = "wos"
    return db, ut


def pages(bp: str | None, ep: str | None, ar: str | None) -> str | None:
    """``BP-EP``, else ``BP``, else the article number.

    Parameters
    ----------
    bp, ep, ar : str or None

    Returns
    -------
    str or None
    """
    return f"{bp}-{ep}" if bp and ep else bp or ar


def times_cited(tc: str | None) -> int | None:
    """The count of ``TC`` (or ``Z9``) when it is a number.

    Parameters
    ----------
    tc : str or None

    Returns
    -------
    int or None
    """
    return int(tc) if tc and tc.isdigit() else None


def _record(fields: dict[str, list[str]], line: int, default_db: str,
            cnki_keywords: bool) -> dict[str, Any]:
    """Map one record's tag -> values table to schema fields."""
    get = fields.get
    rec: dict[str, Any] = {"line": line}
    for tag, key, sep in _TEXT_TAGS:
        vals = get(tag)
        rec[key] = sep.join(vals) if vals else None
    de = _join(fields, "DE")
    if de is None:
        keywords: list[str] = []
    elif cnki_keywords:
        keywords = split_keywords(de)
    else:
        keywords = de.split(";")
    kp = _join(fields, "ID")
    db, ut = db_and_id(_join(fields, "UT"), default_db)
    refs = get("CR")
    rec.update({
        "db": db,
        "authors": author_names(get("AU") or get("AF") or get("CA") or []),
        "affiliations": get("C1") or [],
        "keywords": keywords,
        "keywords_raw": de,
        "keywords_plus": kp.split(";") if kp else [],
        "year": first_year(_join(fields, "PY"), _join(fields, "EA")),
        "pages": pages(_join(fields, "BP"), _join(fields, "EP"), _join(fields, "AR")),
        "cited_refs_raw": refs or [],
        "times_cited": times_cited(_join(fields, "TC") or _join(fields, "Z9")),
        "funding": _join(fields, "FU") or _join(fields, "FX"),
        "native_id": ut,
    })
    return rec


def parse_wos_tab(text: str, path: str) -> ParseResult:
    """Parse a decoded WoS tab-delimited export (one header row of tags).

    Cells may be CSV-quoted; data rows may carry one trailing empty field.

    Parameters
    ----------
    text : str
        The whole file, ``\\n`` line ends.
    path : str
        The file name (unused).

    Returns
    -------
    ParseResult
    """
    result = ParseResult()
    reader = csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error):
        return result
    width = len(header)
    start = reader.line_num + 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(c.strip() for c in row) or row[:2] == header[:2]:
                continue
            if len(row) > width and not any(c.strip() for c in row[width:]):
                row = row[:width]
            if len(row) != width:
                result.problems.append(Problem(line, f"row has {len(row)} fields, the header has "
                                                     f"{width}", "\t".join(row)[:80]))
                continue
            fields = {tag: _tab_values(tag, cell) for tag, cell in zip(header, row) if cell.strip()}
            if not fields.get("TI") and not fields.get("UT"):
                result.problems.append(Problem(line, NO_TITLE.replace("record", "row")))
                continue
            result.records.append(_record(fields, line, "wos", False))
    except csv.Error as exc:
        result.problems.append(Problem(start, f"unreadable row ({exc})"))
    return result


def _tab_values(tag: str, cell: str) -> list[str]:
    cell = cell.strip()
    if tag == "C1":
        parts = _split_c1(cell)
    elif tag in _LIST_TAGS_TAB:
        parts = cell.split("; ")
    else:
        return [cell]
    return [p.strip() for p in parts if p.strip()]


def _split_c1(cell: str) -> list[str]:
    """``[A; B] Univ X, ...; [C] Univ Y, ...`` -> one string per affiliation."""
    if not cell.startswith("["):
        return cell.split("; ")
    out: list[str] = []
    depth = 0
    begin = 0
    for i, ch in enumerate(cell):
        if ch == "[":
            if depth == 0 and i > begin and cell[i - 2:i] == "; ":
                out.append(cell[begin:i - 2])
                begin = i
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
    out.append(cell[begin:])
    return out


def _first_lines(head: str, k: int = 3) -> list[str]:
    return [ln for ln in head.split("\n", 200)[:200] if ln.strip()][:k]


def sniff_wos(head: str, path: str) -> bool:
    """Whether ``head`` starts like a WoS plain-text export (``FN`` header or ``PT`` record).

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
    lines = _first_lines(head)
    if not lines:
        return False
    if lines[0].startswith("FN ") and any(ln.startswith(("VR ", "PT ")) for ln in lines[1:]):
        return True
    return lines[0].startswith("PT ") and len(lines) > 1 and lines[1][:2] in WOS_TAGS \
        and lines[1][2:3] == " "


def sniff_cnki_citespace(head: str, path: str) -> bool:
    """Whether ``head`` is CNKI data in WoS tags: no ``FN`` header and ``UT CNKI:`` ids.

    Parameters
    ----------
    head : str
    path : str

    Returns
    -------
    bool
    """
    lines = _first_lines(head)
    return bool(lines) and lines[0].startswith("PT ") and "\nUT CNKI:" in head


def sniff_wos_tab(head: str, path: str) -> bool:
    """Whether the first line is a WoS tab-delimited header (``PT``, ``AU``, ..., ``UT``).

    Parameters
    ----------
    head : str
    path : str

    Returns
    -------
    bool
    """
    first = head.split("\n", 1)[0].split("\t")
    return len(first) > 10 and first[0].strip() in ("PT", "FN") and "TI" in first and "AU" in first


register(Format("wos_plaintext", "wos", parse_wos, sniff_wos,
                "Web of Science plain text (FN/VR header, PT ... ER records)", priority=40))
register(Format("cnki_citespace", "cnki", parse_cnki_citespace, sniff_cnki_citespace,
                "CNKI records converted to WoS tags (CiteSpace download_*.txt, UT CNKI:...)",
                priority=45))
register(Format("wos_tab", "wos", parse_wos_tab, sniff_wos_tab,
                "Web of Science tab-delimited (header row of tags)", priority=40))
