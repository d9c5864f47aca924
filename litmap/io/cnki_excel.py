"""CNKI self-defined / Excel export as a table: ``.xls``, ``.xlsx`` and CSV.

One header row names the columns (``Title-题名`` or just ``题名``; see
:func:`litmap.io._cnki_keys.canonical_key`); every later row is a record. When
several exports were pasted into one sheet the header row repeats: rows equal to
the header are dropped. The CSV form is the sheet saved as text (comma- or
tab-separated, quoted cells may hold commas and line breaks; the encoding,
often GBK, is the core's business). Workbooks are read with openpyxl
(``.xlsx``) or xlrd (``.xls``), first sheet only.

Two formats are registered: ``cnki_selfdefined_csv`` (text) and ``cnki_excel``
(binary). :mod:`litmap.io.cnki_selfdefined` imports this module, so both are
registered whenever the self-defined reader is.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
from pathlib import PurePath
from typing import Any, Iterable, Iterator

from litmap.errors import FormatError, ParseError
from litmap.io._cnki_keys import CJK, build_record, canonical_key
from litmap.io._registry import Format, ParseResult, Problem, register

__all__ = ["parse_cnki_selfdefined_csv", "parse_cnki_excel", "sniff_csv", "sniff_excel"]

_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _header_keys(cells: list[str]) -> list[str | None]:
    return [canonical_key(c) for c in cells]


def _is_header(cells: list[str]) -> bool:
    """A CNKI header names the title in Chinese (``题名``) and one more known column."""
    keys = _header_keys(cells)
    titled = any(k == "title" and CJK.search(c) for k, c in zip(keys, cells))
    return titled and sum(k is not None for k in keys) >= 2


def parse_rows(rows: Iterable[tuple[int, list[str]]], path: str) -> ParseResult:
    """Turn table rows (header first) into records.

    Parameters
    ----------
    rows : iterable of (int, list of str)
        1-based line (CSV) or row (sheet) number and the row's cells as text.
    path : str
        The file's path (used in messages and warnings).

    Returns
    -------
    ParseResult
        Repeated header rows and empty rows are dropped; a row with non-empty
        cells beyond the header is a problem.

    Raises
    ------
    FormatError
        When the first non-empty row is not a CNKI header (no ``题名`` column).
    """
    result = ParseResult()
    header: list[str] | None = None
    keys: list[str | None] = []
    for line, cells in rows:
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if header is None:
            if not _is_header(cells):
                raise FormatError("expected a CNKI header row with a 题名 (Title) column",
                                  path=path, line=line, text=",".join(cells))
            header, keys = cells, _header_keys(cells)
            continue
        if cells[:len(header)] == header:
            continue
        extra = [c for c in cells[len(header):] if c]
        if extra:
            result.problems.append(Problem(line, f"row has {len(cells)} cells but the header has "
                                           f"{len(header)}", ",".join(cells)))
            continue
        values = {}
        for key, value in zip(keys, cells):
            if key is not None and value and key not in values:
                values[key] = value
        record = build_record(values, line=line, path=path)
        if record["title"]:
            result.records.append(record)
        else:
            result.problems.append(Problem(line, "record has no title", ",".join(cells)))
    if header is None:
        raise FormatError("no header row: the table is empty", path=path, line=1)
    return result


def _csv_rows(text: str, path: str) -> Iterator[tuple[int, list[str]]]:
    first = next((ln for ln in text.split("\n", 20) if ln.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ParseError(f"malformed CSV ({exc})", path=path, line=start) from None


def parse_cnki_selfdefined_csv(text: str, path: str) -> ParseResult:
    """Parse a CNKI self-defined / Excel export saved as CSV (or tab-separated text).

    Parameters
    ----------
    text : str
        The whole file, decoded, ``\\n`` line ends.
    path : str
        The file's path (used in messages and warnings).

    Returns
    -------
    ParseResult

    Examples
    --------
    >>> t = "Title-题名,Author-作者,PubTime-发表时间\\n题,\\"甲; 乙\\",2026-04-14 11:39\\n"
    >>> r = parse_cnki_selfdefined_csv(t, "x.csv").records[0]
    >>> r["authors"], r["year"]
    (['甲', '乙'], 2026)
    """
    return parse_rows(_csv_rows(text, path), path)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat(sep=" ") if isinstance(value, _dt.datetime) else value.isoformat()
    return str(value)


def _sheet_rows(data: bytes, path: str) -> list[tuple[int, list[str]]]:
    try:
        if data.startswith(_XLSX_MAGIC):
            import openpyxl

            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                rows = [(i, [_cell(v) for v in row])
                        for i, row in enumerate(wb.worksheets[0].iter_rows(values_only=True), 1)]
            finally:
                wb.close()
            return rows
        if data.startswith(_XLS_MAGIC):
            import xlrd

            book = xlrd.open_workbook(file_contents=data)
            sheet = book.sheet_by_index(0)
            return [(i + 1, [_xls_cell(book, c) for c in sheet.row(i)]) for i in range(sheet.nrows)]
    except (ImportError, MemoryError):
        raise
    except Exception as exc:  # openpyxl/xlrd raise many unrelated types on corrupt files
        raise ParseError(f"cannot read the workbook ({type(exc).__name__}: {exc})", path=path) from None
    raise FormatError("not an Excel workbook (expected .xlsx or .xls content; an HTML or text "
                      "file saved as .xls is not supported, export as CSV instead)", path=path)


def _xls_cell(book: Any, cell: Any) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        return _cell(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    return _cell(cell.value)


def parse_cnki_excel(data: bytes, path: str) -> ParseResult:
    """Parse a CNKI self-defined / Excel export workbook (``.xlsx`` or ``.xls``).

    Parameters
    ----------
    data : bytes
        The file's content.
    path : str
        The file's path (used in messages and warnings).

    Returns
    -------
    ParseResult
        Line numbers are sheet row numbers (1-based).

    Raises
    ------
    FormatError
        When the content is not a workbook or has no CNKI header row.
    ParseError
        When the workbook is corrupt.
    """
    return parse_rows(_sheet_rows(data, path), path)


def sniff_csv(head: str, path: str) -> bool:
    """Return whether ``head`` starts with a CNKI table header (CSV or tab-separated).

    Parameters
    ----------
    head : str
        The first ~64 kB of decoded text.
    path : str
        The file name (unused).

    Returns
    -------
    bool
        True when the first non-blank line has a title column named in Chinese
        (``Title-题名`` or ``题名``) and at least one more known CNKI column.
    """
    first = next((ln for ln in head.split("\n", 20) if ln.strip()), "")
    if not CJK.search(first):
        return False
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        cells = next(csv.reader([first], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return False
    return _is_header(cells)


def sniff_excel(head: str, path: str) -> bool:
    """Return whether ``path`` names an Excel workbook (``.xls``/``.xlsx``).

    Parameters
    ----------
    head : str
        Empty for binary formats.
    path : str
        The file name.

    Returns
    -------
    bool
    """
    return PurePath(path).suffix.lower() in (".xls", ".xlsx")


CSV_FORMAT = register(Format(
    name="cnki_selfdefined_csv", db="cnki", parse=parse_cnki_selfdefined_csv, sniff=sniff_csv,
    description="CNKI self-defined / Excel export saved as CSV (题名, 作者, ... columns)", priority=30))
EXCEL_FORMAT = register(Format(
    name="cnki_excel", db="cnki", parse=parse_cnki_excel, sniff=sniff_excel, binary=True,
    description="CNKI Excel export (.xls/.xlsx, 题名, 作者, ... columns)", priority=30))
