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

Each piece of text is checked line by line with numpy (:func:`_scan`): its
UTF-8 bytes give every line's first four bytes, last three bytes and length, so
the conditions above are array comparisons, and the values of the records that
pass are slices of the piece, cut straight into columns. The check is
conservative: a line whose first value character or last character might be
white space outside ASCII (a lead byte ``C2``, ``E1``-``E3``), or that ends
in white space, or a blank or unusual line before ``PT``, sends its record to
the exact check, one ``re.split`` into a ``tag -> text`` table (:func:`_table`).
Either way the columns get the per-value rules of :mod:`litmap.io._normalise`.
Any other record (and any text after the last one) goes, with its neighbours
that are not in the common form, to the line grammar, which also reports the
bad ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate, chain
from typing import Callable, Iterable, Iterator

import numpy as np

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


def _byte_table(values: Iterable[int]) -> np.ndarray:
    """A lookup table over byte values: True for ``values``."""
    table = np.zeros(256, bool)
    table[list(values)] = True
    return table


def _code(tag: str) -> int:
    """A two-letter tag as a 16-bit number (first byte high)."""
    return ord(tag[0]) << 8 | ord(tag[1])


_UPPER = _byte_table(range(ord("A"), ord("Z") + 1))
_UPPER_DIGIT = _UPPER | _byte_table(range(ord("0"), ord("9") + 1))
# A character starting with this byte is surely not white space: printable ASCII but
# space, or a UTF-8 lead byte of no white-space character (U+0085/00A0 start with C2,
# U+1680 with E1, U+2000-205F with E2, U+3000 with E3).
_SURE_START = _byte_table([*range(0x21, 0x7F), *range(0x80, 0x100)]) & ~_byte_table([0xC2, 0xE1, 0xE2, 0xE3])
_ASCII_SURE_END = _byte_table(range(0x21, 0x7F))
_ALLOWED_CODES = np.zeros(1 << 16, bool)
_ALLOWED_CODES[[_code(tag) for tag in _ALLOWED]] = True
_USED_COLUMN = np.full(1 << 16, -1, np.int64)
_USED_COLUMN[[_code(tag) for tag in _USED]] = np.arange(len(_USED))
_HEADER_CODES = tuple(_code(tag) for tag in ("FN", "VR", "EF"))
_ER_CODE, _PT_CODE = _code("ER"), _code("PT")
_CR = _USED.index("CR")
# Fields read only where the fields before them are missing (authors AU, AF, CA; times
# cited TC, Z9; funding FU, FX): the line check leaves them out where not needed.
_STAND_INS = tuple((_USED.index(tag), [_USED.index(f) for f in before])
                   for tag, before in (("AF", ("AU",)), ("CA", ("AU", "AF")), ("Z9", ("TC",)), ("FX", ("FU",))))


def _ends_in_unicode_space(b1: np.ndarray, b2: np.ndarray, b3: np.ndarray) -> np.ndarray:
    """Whether the last three bytes ``b3 b2 b1`` of each line end a non-ASCII white-space character."""
    two = (b2 == 0xC2) & ((b1 == 0x85) | (b1 == 0xA0))  # U+0085, U+00A0
    e2_80 = (b3 == 0xE2) & (b2 == 0x80) & (((b1 >= 0x80) & (b1 <= 0x8A)) | (b1 == 0xA8) | (b1 == 0xA9)
                                           | (b1 == 0xAF))  # U+2000-200A, U+2028, U+2029, U+202F
    others = (((b3 == 0xE1) & (b2 == 0x9A) & (b1 == 0x80)) | ((b3 == 0xE2) & (b2 == 0x81) & (b1 == 0x9F))
              | ((b3 == 0xE3) & (b2 == 0x80) & (b1 == 0x80)))  # U+1680, U+205F, U+3000
    return two | e2_80 | others


@dataclass
class _Checked:
    """Records in the common form, as columns.

    The line check (:func:`_scan`) makes them, and :func:`_from_tables` from tables.

    Attributes
    ----------
    columns : dict of str to list
        The text of every used tag (None where missing), ``CR`` left out. A field that
        only stands in for missing ones (``AF``, ``CA``, ``Z9``, ``FX``) may be
        None where they are present.
    lines : list of int
        Each record's ``PT`` line.
    refs : list of str
        Every record's ``CR`` values, in order.
    ref_counts : list of int
        The number of them per record.
    one_line : frozenset of str
        Tags known to have no value of more than one line.
    """

    columns: dict[str, list[str | None]]
    lines: list[int]
    refs: list[str]
    ref_counts: list[int]
    one_line: frozenset[str] = frozenset()

    def __len__(self) -> int:
        return len(self.lines)

    def part(self, i: int, j: int) -> "_Checked":
        """Records ``i:j``."""
        if (i, j) == (0, len(self)):
            return self
        ends = [0, *accumulate(self.ref_counts)]
        return _Checked({tag: values[i:j] for tag, values in self.columns.items()}, self.lines[i:j],
                        self.refs[ends[i]:ends[j]], self.ref_counts[i:j], self.one_line)


def _scan(piece: str, base: int) -> tuple[list[_Checked | tuple[dict[str, str] | None, str, int]], int]:
    """The records of a piece, in order: runs of checked records, and ``_parts`` triples for the rest.

    Every line of the piece is classified at once from its UTF-8 bytes (see the
    module notes). A record (the lines up to an ``ER`` line) passes when the lines
    before its first ``PT`` line are blank or ``FN``/``VR``/``EF`` lines, and every
    line from there on is an allowed tag line or a three-space continuation line,
    with a first value character and a last character surely not white space, and
    no tag repeats. Its values are then slices of the piece, equal to the texts of
    its :func:`_table`. Any other record, and the text after the last record, is
    given as :func:`_parts` gives it, so the exact check and the line grammar decide.

    Parameters
    ----------
    piece : str
        Text ending just after an ``ER`` line (the last piece of a file may not).
    base : int
        The line number of the piece's first line.

    Returns
    -------
    items : list of _Checked or (dict or None, str, int)
    newlines : int
        The number of newlines in the piece.
    """
    try:
        raw = piece.encode()
    except UnicodeEncodeError:  # a lone surrogate: no bytes to check, the exact check decides
        return list(_parts(piece, base)), piece.count("\n")
    is_ascii = len(raw) == len(piece)
    a = np.frombuffer(raw, np.uint8)
    end = np.flatnonzero(a == 10)  # line k ends at the k-th newline
    start = np.concatenate(([0], end[:-1] + 1)) if len(end) else end
    lines = len(start)
    length = end - start
    # A line's first four bytes; a short line's run on into the next lines (its length tells),
    # and the last newline stands in for bytes past the end.
    c0, c1, c2, c3 = (a[np.minimum(start + k, len(raw) - 1)] for k in range(4))
    code = c0.astype(np.int64) << 8 | c1
    is_er = (length == 2) & (code == _ER_CODE)
    er = np.flatnonzero(is_er)
    records = len(er)
    region = np.cumsum(is_er) - is_er  # line -> its record (an ER line ends the record it is in)
    in_record = (region < records) & ~is_er

    pt = np.flatnonzero(in_record & (code == _PT_CODE) & (c2 == 32))
    first = np.ones(len(pt), bool)
    first[1:] = region[pt[1:]] != region[pt[:-1]]
    pt_line = np.full(records + 1, lines)  # the record's first PT line (none: past every line)
    pt_line[region[pt[first]]] = pt[first]

    long = length >= 4
    sure_start = long & _SURE_START[c3]
    b1, b2, b3 = a[np.maximum(end - 1, 0)], a[np.maximum(end - 2, 0)], a[np.maximum(end - 3, 0)]
    sure_end = _ASCII_SURE_END[b1] | ((b1 >= 0x80) & ~_ends_in_unicode_space(b1, b2, b3))
    tag_line = sure_start & _UPPER[c0] & _UPPER_DIGIT[c1] & (c2 == 32)
    continued = sure_start & (c0 == 32) & (c1 == 32) & (c2 == 32)
    good = ((tag_line & _ALLOWED_CODES[code]) | continued) & sure_end
    header = (length == 0) | (code == _HEADER_CODES[0]) | (code == _HEADER_CODES[1]) | (code == _HEADER_CODES[2])
    after_pt = np.arange(lines) >= pt_line[region]
    bad = in_record & np.where(after_pt, ~good, ~header)
    checked = (pt_line[:records] < lines) & (np.bincount(region[bad], minlength=records + 1)[:records] == 0)

    field = np.flatnonzero(tag_line & in_record & after_pt)
    field = field[checked[region[field]]]
    keys = np.sort(region[field] << 16 | code[field])
    repeated = keys[1:][keys[1:] == keys[:-1]]
    if len(repeated):  # a tag repeats: the exact check decides (and refuses)
        checked[repeated >> 16] = False
        field = field[checked[region[field]]]
    last = np.minimum(np.append(field[1:], lines), er[region[field]]) - 1  # a field's last line

    rank = np.cumsum(checked) - 1
    n = int(checked.sum())
    record = rank[region[field]]
    column = _USED_COLUMN[code[field]]
    cut = np.full((len(_USED), n, 2), -1)
    used = column >= 0
    cut[column[used], record[used], 0] = start[field[used]] + 3
    cut[column[used], record[used], 1] = end[last[used]]
    for stand_in, before in _STAND_INS:
        cut[stand_in, (cut[before, :, 0] >= 0).any(axis=0)] = -1

    def values(bounds: np.ndarray) -> list[str | None]:
        present = bounds[:, 0] >= 0
        if not present.any():
            return [None] * len(bounds)
        cuts = map(slice, bounds[:, 0].tolist(), bounds[:, 1].tolist())
        texts = list(map(piece.__getitem__, cuts) if is_ascii else map(bytes.decode, map(raw.__getitem__, cuts)))
        return texts if present.all() else [t or None for t in texts]  # a value is never empty

    columns = {tag: values(cut[i]) for i, tag in enumerate(_USED)}
    cr = columns.pop("CR")
    refs = _CONT.join(filter(None, cr)).split(_CONT) if any(cr) else []
    ref_counts = np.zeros(n, np.int64)
    is_cr = column == _CR
    ref_counts[record[is_cr]] = last[is_cr] - field[is_cr] + 1
    longer = set(column[used & (last > field)].tolist())
    one_line = frozenset(tag for i, tag in enumerate(_USED) if i not in longer)
    done = _Checked(columns, (pt_line[:records][checked] + base).tolist(), refs, ref_counts.tolist(), one_line)

    def text(first_line: int, last_line: int | None) -> str:  # whole lines (None: to the end)
        s = int(start[first_line]) if first_line < lines else (int(end[-1]) + 1 if lines else 0)
        e = int(end[last_line]) + 1 if last_line is not None else len(raw)
        return piece[s:e] if is_ascii else raw[s:e].decode()

    items: list[_Checked | tuple[dict[str, str] | None, str, int]] = []
    i = 0  # checked records given so far
    for r in np.flatnonzero(~checked).tolist():
        j = int(rank[r]) + 1
        if j > i:
            items.append(done.part(i, j))
        i = j
        first_line = int(er[r - 1]) + 1 if r else 0
        items.extend(_parts(text(first_line, int(er[r])), base + first_line))
    if n > i:
        items.append(done.part(i, n))
    tail = int(er[-1]) + 1 if records else 0
    rest = text(tail, None)
    if rest:
        items.extend(_parts(rest, base + tail))
    return items, lines


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


def _from_tables(tables: list[dict[str, str]], lines: list[int]) -> _Checked:
    """Records checked one by one (:func:`_table`) in the form :func:`_scan` gives."""
    rows = [tuple(map(t.get, _USED)) for t in tables]  # one visit per table
    columns = dict(zip(_USED, map(list, zip(*rows))))
    refs = [_values(c) or [] for c in columns.pop("CR")]
    return _Checked(columns, list(lines), list(chain.from_iterable(refs)), list(map(len, refs)))


def _batch(records: _Checked, fmt: Format, path: str, default_db: str,
           cnki_keywords: bool) -> tuple[Batch, list[Problem]]:
    """The normalised columns of records in the common form (see the module notes)."""
    problems = [Problem(ln, NO_TITLE, "PT") for ln, ti, ut in
                zip(records.lines, records.columns["TI"], records.columns["UT"]) if ti is None and ut is None]
    if problems:
        ok = [ti is not None or ut is not None for ti, ut in zip(records.columns["TI"], records.columns["UT"])]
        ends = list(accumulate(records.ref_counts))
        refs = [records.refs[e - c:e] for e, c in zip(ends, records.ref_counts)]
        records = _Checked({tag: [v for v, keep in zip(values, ok) if keep]
                            for tag, values in records.columns.items()},
                           [ln for ln, keep in zip(records.lines, ok) if keep],
                           [ref for refs_, keep in zip(refs, ok) if keep for ref in refs_],
                           [c for c, keep in zip(records.ref_counts, ok) if keep], records.one_line)
    n = len(records)
    col = records.columns.__getitem__

    def joined(tag: str, sep: str = " ") -> list[str | None]:  # a field's values joined by ``sep``
        return col(tag) if tag in records.one_line else _joined(col(tag), sep)

    authors = [items(author_names(_values(au or af or ca) or []))
               for au, af, ca in zip(col("AU"), col("AF"), col("CA"))]
    affiliations = [_values(c) or [] for c in col("C1")]
    places = [institutions_countries(a) if a else (None, None) for a in affiliations]
    de = joined("DE")
    if cnki_keywords:
        keywords = [items(split_keywords(d)) if d is not None else [] for d in de]
    else:
        keywords = [items(d.split(";")) if d is not None else [] for d in de]
    ids = [db_and_id(ut, default_db) for ut in joined("UT")]
    refs, keys = INDEXES["wos"].keys_of_flat(records.refs, records.ref_counts)
    batch: Batch = {
        "db": [i[0] for i in ids],
        "format": [fmt.name] * n,
        "doc_type": _memo(text_value, joined("DT", "; ")),
        "title": [title_value(t) for t in joined("TI")],
        "title_alt": [None] * n,
        "authors": authors,
        "affiliations": affiliations,
        "institutions": [p[0] for p in places],
        "countries": [p[1] for p in places],
        "keywords": keywords,
        "keywords_raw": de,
        "keywords_plus": [items(k.split(";")) if k else [] for k in joined("ID")],
        "abstract": [text_value(a) for a in joined("AB")],
        "year": [first_year(py, ea) for py, ea in zip(joined("PY"), joined("EA"))],
        "source": _memo(text_value, joined("SO")),
        "volume": _memo(text_value, joined("VL")),
        "issue": _memo(text_value, joined("IS")),
        "pages": [text_value(pages(bp, ep, ar))
                  for bp, ep, ar in zip(joined("BP"), joined("EP"), joined("AR"))],
        "doi": [doi_value(d) for d in joined("DI")],
        "cited_refs": keys,
        "cited_refs_raw": refs,
        "times_cited": [times_cited(tc or z9) for tc, z9 in zip(joined("TC"), joined("Z9"))],
        "language": _memo(text_value, joined("LA", "; ")),
        "funding": [text_value(f or x) for f, x in zip(joined("FU"), joined("FX"))],
        "native_id": [i[1] for i in ids],
        "file": [path] * n,
        "line": records.lines,
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
    batches: list[Batch] = []
    problems: list[Problem] = []
    lines = 0
    for batch, bad, lines in iter_columns(chunks, fmt, path):
        batches.append(batch)
        problems.extend(bad)
    return concat(batches) if batches else from_records([]), problems, lines


def iter_columns(chunks: Iterable[str], fmt: Format, path: str) -> Iterator[tuple[Batch, list[Problem], int]]:
    """:func:`read_columns` piece by piece: the records of each piece as soon as it is read.

    Parameters
    ----------
    chunks : iterable of str
    fmt : Format
    path : str
        As for :func:`read_columns`.

    Returns
    -------
    iterator of (dict of str to list, list of Problem, int)
        For each piece of text ending after an ``ER`` line (and the rest), its
        records as columns, its rejected records (either may be empty), and the
        number of newlines read so far. Together they are what :func:`read_columns` gives.
    """
    default_db, cnki_keywords = COLUMNAR[fmt.name]
    finish = record_finisher(default_db, cnki_keywords)
    batches: list[Batch] = []
    problems: list[Problem] = []
    tables: list[dict[str, str]] = []  # consecutive records in the common form, checked one by one
    lines: list[int] = []
    run: list[str] = []  # consecutive text for the line grammar
    run_base = 1

    def add(records: _Checked) -> None:
        batch, bad = _batch(records, fmt, path, default_db, cnki_keywords)
        batches.append(batch)
        problems.extend(bad)

    def flush_tables() -> None:
        if tables:
            add(_from_tables(tables, lines))
            tables.clear()
            lines.clear()

    def flush_run() -> None:  # pieces end between records: a run may stop there
        if run:
            part = parse_chunks(run, TAG_KINDS, finish, base=run_base)
            batches.append(from_records([normalise_record(r, fmt, path) for r in part.records]))
            problems.extend(part.problems)
            run.clear()

    base = 1
    for piece in _recut(chunks):
        items, newlines = _scan(piece, base)
        for item in items:
            if isinstance(item, _Checked):
                flush_tables()
                flush_run()
                add(item)
                continue
            table, text, line = item
            if table is None:
                flush_tables()
                if not run:
                    run_base = line
                run.append(text)
            else:
                flush_run()
                tables.append(table)
                lines.append(line)
        flush_tables()
        flush_run()
        base += newlines
        yield concat(batches) if batches else from_records([]), list(problems), base - 1
        batches.clear()
        problems.clear()
