"""WoS plain text straight to normalised columns.

:func:`read_columns` gives exactly what parsing with
:func:`litmap.io._wos_plain.parse_chunks` and normalising every record with
:func:`litmap.io._normalise.normalise_record` gives, as a batch
(:mod:`litmap.io._columns`). It cuts the text just after ``ER`` lines, so every
part holds one record (and the text before it), and reads a record column-wise
when it is in the common form:

* before it, only blank lines and ``FN``/``VR``/``EF`` header lines;
* every line is a known tag, one space and a value, or a continuation line
  indented by exactly three spaces (a new value); no value starts with white
  space or ends with white space other than spaces (which every value loses);
  no tag repeats; the record ends with an ``ER`` line.

Such a record is one ``re.split`` and a ``tag -> text`` table; the tables of a
block of text are turned into columns at once with the per-value rules of
:mod:`litmap.io._normalise`. Any other record (and any text after the last
one) goes, with its neighbours that are not in the common form, to the line
grammar, which also reports the bad ones.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator

from litmap.io._affil import institutions_countries
from litmap.io._columns import Batch, concat, from_records
from litmap.io._fields import first_year, split_keywords
from litmap.io._normalise import doi_value, items, normalise_record, text_value, title_value
from litmap.io._refs import INDEXES
from litmap.io._registry import Format, Problem
from litmap.io._wos_plain import parse_chunks
from litmap.io.wos import (NO_TITLE, TAG_KINDS, author_names, db_and_id, pages, record_finisher,
                           times_cited)

__all__ = ["read_columns", "COLUMNAR"]

#: Formats read by :func:`read_columns`: name -> (default ``db``, CNKI keyword separators).
COLUMNAR: dict[str, tuple[str, bool]] = {"wos_plaintext": ("wos", False),
                                          "cnki_citespace": ("cnki", True)}

_ER = "\nER\n"
_CONT = "\n   "  # a continuation line's indent
# Split a record before every line: a tag line (tag, one space, a value) gives its tag;
# a line after one that ends in white space, or one that is neither a tag line nor a
# continuation indented by exactly three spaces (a value starting with no white
# space), gives None. Continuation lines stay with their field.
_SPLIT = re.compile(r"\n(?:(?<=\s\n)|([A-Z][A-Z0-9]) (?=\S)|(?!   \S))")
# Text between records that the grammar accepts silently: blank and header lines.
_OUTSIDE_OK = re.compile(r"(?:\n(?:[^\S\n]*|(?:FN|VR|EF)[^\n]*))*")
_ALLOWED = frozenset(tag for tag in TAG_KINDS if tag != "ER") | {"PT"}
_USED = tuple(tag for tag, used in TAG_KINDS.items() if used and tag != "ER")


def _recut(chunks: Iterable[str]) -> Iterator[str]:
    """The same text in pieces that each end just after an ``ER`` line (the last one may not)."""
    carry = ""
    for chunk in chunks:
        text = carry + chunk if carry else chunk
        cut = text.rfind(_ER) + len(_ER)
        if cut < len(_ER):
            carry = text
            continue
        carry = text[cut:]
        yield text[:cut]
    if carry:
        yield carry


def _table(part: str) -> dict[str, str] | None:
    """The ``tag -> text`` table of one record in the common form, else None.

    ``part`` runs from the newline before the record's ``PT`` line to the end of
    its last field (before ``ER``). A table's text is the field's lines after the
    tag and its space, joined by newlines (continuation lines keep their indent).
    """
    pieces = _SPLIT.split(part)
    tags = pieces[1::2]
    if None in tags or part[-1].isspace():  # a line out of the common form
        if " \n" not in part and part[-1] != " ":
            return None
        while " \n" in part:  # every value is stripped: trailing spaces never count
            part = part.replace(" \n", "\n")
        part = part.rstrip(" ")
        pieces = _SPLIT.split(part)
        tags = pieces[1::2]
        if None in tags or part[-1].isspace():
            return None
    table = dict(zip(tags, pieces[2::2]))
    if len(table) != len(tags) or not table.keys() <= _ALLOWED:
        return None  # a repeated tag or an unknown tag
    return table


def _parts(piece: str, base: int) -> Iterator[tuple[dict[str, str] | None, str, int]]:
    """Split a piece into records: ``(table, text, line)`` for each, in order.

    ``table`` is the record's table when it is in the common form (then ``line`` is
    the line of its ``PT``), else None: ``text`` (whole lines, from the end of the
    previous record) then goes to the line grammar, ``line`` being its first line.
    The piece's first line is line ``base``.
    """
    text = "\n" + piece
    pos, line = 0, base  # text[pos] is the newline before line ``line``
    while pos < len(text) - 1:
        end = text.find(_ER, pos)
        if end < 0:  # after the last record: blank and header lines, or text for the grammar
            if _OUTSIDE_OK.fullmatch(text, pos) is None:
                yield None, text[pos + 1:], line
            return
        k = text.find("\nPT ", pos, end)
        table = None
        if k >= 0 and _OUTSIDE_OK.fullmatch(text, pos, k) is not None:
            table = _table(text[k:end])
        if table is None:
            yield None, text[pos + 1:end + 4], line
        else:
            yield table, "", line + text.count("\n", pos, k)
        line += text.count("\n", pos, end) + 1
        pos = end + 3


def _values(text: str | None) -> list[str] | None:
    """The values of a field's text (one per line), None for a missing field."""
    if text is None:
        return None
    return text.split(_CONT) if "\n" in text else [text]


def _joined(texts: list[str | None], sep: str = " ") -> list[str | None]:
    """Each field's values joined by ``sep`` (None for a missing field)."""
    return [t.replace(_CONT, sep) if t else t for t in texts]  # replace gives t itself when it has no line end


def _memo(func: Callable[[str | None], str | None], values: list[str | None]) -> list[str | None]:
    """``[func(v) for v in values]``, computed once per distinct value (few journals, years...)."""
    seen: dict[str | None, str | None] = {}
    return [seen[v] if v in seen else seen.setdefault(v, func(v)) for v in values]


def _batch(tables: list[dict[str, str]], lines: list[int], fmt: Format, path: str,
           default_db: str, cnki_keywords: bool) -> tuple[Batch, list[Problem]]:
    """The normalised columns of records in the common form (see the module notes)."""
    problems = [Problem(ln, NO_TITLE, "PT") for t, ln in zip(tables, lines) if "TI" not in t and "UT" not in t]
    if problems:
        kept = [(t, ln) for t, ln in zip(tables, lines) if "TI" in t or "UT" in t]
        tables, lines = [t for t, _ in kept], [ln for _, ln in kept]
    n = len(tables)
    rows = [tuple(map(t.get, _USED)) for t in tables]  # one visit per table
    columns = dict(zip(_USED, zip(*rows))) if rows else dict.fromkeys(_USED, ())
    col = columns.__getitem__

    authors = [items(author_names(_values(au or af or ca) or []))
               for au, af, ca in zip(col("AU"), col("AF"), col("CA"))]
    affiliations = [_values(c) or [] for c in col("C1")]
    places = [institutions_countries(a) if a else (None, None) for a in affiliations]
    de = _joined(col("DE"))
    if cnki_keywords:
        keywords = [items(split_keywords(d)) if d is not None else [] for d in de]
    else:
        keywords = [items(d.split(";")) if d is not None else [] for d in de]
    ids = [db_and_id(ut, default_db) for ut in _joined(col("UT"))]
    refs, keys = INDEXES["wos"].keys_of([_values(c) or [] for c in col("CR")])
    batch: Batch = {
        "db": [i[0] for i in ids],
        "format": [fmt.name] * n,
        "doc_type": _memo(text_value, _joined(col("DT"), "; ")),
        "title": [title_value(t) for t in _joined(col("TI"))],
        "title_alt": [None] * n,
        "authors": authors,
        "affiliations": affiliations,
        "institutions": [p[0] for p in places],
        "countries": [p[1] for p in places],
        "keywords": keywords,
        "keywords_raw": de,
        "keywords_plus": [items(k.split(";")) if k else [] for k in _joined(col("ID"))],
        "abstract": [text_value(a) for a in _joined(col("AB"))],
        "year": [first_year(py, ea) for py, ea in zip(_joined(col("PY")), _joined(col("EA")))],
        "source": _memo(text_value, _joined(col("SO"))),
        "volume": _memo(text_value, _joined(col("VL"))),
        "issue": _memo(text_value, _joined(col("IS"))),
        "pages": [text_value(pages(bp, ep, ar))
                  for bp, ep, ar in zip(_joined(col("BP")), _joined(col("EP")), _joined(col("AR")))],
        "doi": [doi_value(d) for d in _joined(col("DI"))],
        "cited_refs": keys,
        "cited_refs_raw": refs,
        "times_cited": [times_cited(tc or z9) for tc, z9 in zip(_joined(col("TC")), _joined(col("Z9")))],
        "language": _memo(text_value, _joined(col("LA"), "; ")),
        "funding": [text_value(f or x) for f, x in zip(_joined(col("FU")), _joined(col("FX")))],
        "native_id": [i[1] for i in ids],
        "file": [path] * n,
        "line": list(lines),
    }
    return batch, problems


def read_columns(chunks: Iterable[str], fmt: Format, path: str) -> tuple[Batch, list[Problem], int]:
    """Read WoS plain text into normalised columns.

    Parameters
    ----------
    chunks : iterable of str
        The decoded text (``\\n`` line ends) in order, each chunk ending with a newline
        (except possibly the last).
    fmt : Format
        One of :data:`COLUMNAR`: the ``db`` of records whose ``UT`` names no other
        database, and how ``DE`` is split, depend on it.
    path : str
        The file, recorded in the ``file`` column.

    Returns
    -------
    batch : dict of str to list
        The normalised records as columns (:mod:`litmap.io._columns`).
    problems : list of Problem
        The rejected records, in file order.
    lines : int
        The number of newlines in the text.
    """
    default_db, cnki_keywords = COLUMNAR[fmt.name]
    finish = record_finisher(default_db, cnki_keywords)
    batches: list[Batch] = []
    problems: list[Problem] = []
    tables: list[dict[str, str]] = []  # consecutive records in the common form
    lines: list[int] = []
    run: list[str] = []  # consecutive text for the line grammar
    run_base = 1

    def flush_tables() -> None:
        if tables:
            batch, bad = _batch(tables, lines, fmt, path, default_db, cnki_keywords)
            batches.append(batch)
            problems.extend(bad)
            tables.clear()
            lines.clear()

    def flush_run() -> None:
        if run:
            part = parse_chunks(run, TAG_KINDS, finish, base=run_base)
            batches.append(from_records([normalise_record(r, fmt, path) for r in part.records]))
            problems.extend(part.problems)
            run.clear()

    base = 1
    for piece in _recut(chunks):
        for table, text, line in _parts(piece, base):
            if table is None:
                flush_tables()
                if not run:
                    run_base = line
                run.append(text)
            else:
                flush_run()
                tables.append(table)
                lines.append(line)
        flush_tables()  # one batch per piece: the tables of a piece are freed soon
        base += piece.count("\n")
    flush_run()
    return concat(batches) if batches else from_records([]), problems, base - 1
