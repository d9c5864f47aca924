"""Reading export files into one de-duplicated :class:`~litmap.corpus.Corpus`.

:func:`read` expands paths (files, directories, globs), detects each file's
format and encoding, runs the registered reader, applies the ``on_bad_record``
policy, normalises the fields every format shares (:func:`normalise_record`),
de-duplicates across all files (:mod:`litmap.io.dedup`) and writes the import
report. Readers register themselves in :data:`FORMATS` when imported here.
"""

from __future__ import annotations

import gc
import glob
import warnings
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from litmap.corpus import SCHEMA, Corpus, ImportReport
from litmap.errors import FormatError, ParameterError, ParseError
from litmap.io._columns import Batch, concat, from_records
from litmap.io._normalise import normalise_record
from litmap.io._refs import INDEXES, given_keys, unify_by_doi
from litmap.io._registry import FORMATS, Format, ParseResult, Problem
from litmap.io._text import decode
from litmap.io._wos_columns import COLUMNAR, read_columns
from litmap.io._wos_plain import split_text
from litmap.io.dedup import add_match_keys, assign_uids, deduplicate_columns

# Importing a reader module registers its formats in FORMATS.
from litmap.io._parallel import read_large  # noqa: E402
from litmap.io import (cnki_endnote, cnki_estudy, cnki_excel, cnki_noteexpress,  # noqa: E402,F401
                       cnki_refworks, cnki_selfdefined, cssci, ris, scopus, wanfang, wos)

__all__ = ["read", "FORMATS", "detect_format", "expand_paths", "ON_BAD_RECORD", "SKIPPED"]

ON_BAD_RECORD = ("error", "warn", "skip")
_SKIP_SUFFIXES = frozenset(".json .md .parquet .html .htm .png .jpg .jpeg .gif .svg .pdf .py .pyc "
                           ".zip .gz .bz2 .xz .7z .tar .css .js .log .ipynb .docx .pptx".split())
_SKIP_NAMES = ("README", "LICENSE", "LICENCE", "COPYING", "NOTICE", "CHANGELOG")
_HEAD = 65536
#: ``format`` of an import-report row for a file found in a folder that is no export.
SKIPPED = "skipped (not an export)"


def read(paths: str | Path | Iterable[str | Path], *, format: str | None = None,
         on_bad_record: str = "error") -> Corpus:
    """Read export files into one de-duplicated corpus.

    Parameters
    ----------
    paths : str, pathlib.Path or iterable of them
        Files, directories (read recursively, in sorted order, skipping hidden files
        and obvious non-exports such as ``.json`` or ``.png``) and glob patterns. A
        file found in a directory or by a glob whose format cannot be recognised is
        skipped with a warning and listed in the report (format ``SKIPPED``); a file
        named directly raises :class:`FormatError`.
    format : str, optional
        A key of :data:`FORMATS`; by default each file's format is detected.
    on_bad_record : {"error", "warn", "skip"}
        What to do with a record the reader rejects: raise :class:`ParseError`
        naming the file and line, warn once per file, or skip quietly. Rejected
        records are always listed in ``corpus.report.rejected``.

    Returns
    -------
    Corpus
        One row per kept record; ``corpus.report`` tells, per file, how many records
        were read, kept, merged as duplicates and rejected.

    Notes
    -----
    A UTF-8 WoS plain-text file of 16 MB or more is decoded in blocks and parsed by
    two processes (:mod:`litmap.io._parallel`, a forked worker takes the second
    part); the result is identical to the one-process read.

    Raises
    ------
    ParameterError
        For an unknown ``format`` or ``on_bad_record``, or a path that does not exist.
    FormatError
        When the format of a file named directly cannot be detected, or when no file
        (of a directory, or at all) is an export.
    EncodingError, ParseError
        For binary, empty or undecodable files, and bad records under ``"error"``.
    """
    if on_bad_record not in ON_BAD_RECORD:
        raise ParameterError(f"on_bad_record must be one of {', '.join(ON_BAD_RECORD)}; "
                             f"got {on_bad_record!r}")
    if format is not None and format not in FORMATS:
        raise ParameterError(f"unknown format {format!r}; choose one of: {', '.join(sorted(FORMATS))}")
    files = expand_paths(paths)
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    named = {Path(p).resolve() for p in items if Path(p).is_file()}
    enabled = gc.isenabled()
    gc.disable()  # millions of small lists: the cyclic collector would rescan them all
    try:
        with given_keys() as keys:  # every reference key given while reading: see unify_by_doi
            return _read_files(files, format, on_bad_record, named, keys)
    finally:
        for index in INDEXES.values():  # the records hold the strings; the index is not needed
            index.clear()
        if enabled:
            gc.enable()


def _read_files(files: list[Path], format: str | None, on_bad_record: str, named: set[Path],
                keys: set[str]) -> Corpus:
    """Read every file; one found in a folder or by a glob that is no export is skipped and listed."""
    batches: list[Batch] = []
    file_rows: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    for path in files:
        name = str(path)
        try:
            fmt, batch, problems, encoding = read_large(name, format) or _parse_file(path, format)
        except FormatError as exc:
            if path.resolve() in named:
                raise
            reason = "no known export format" if exc.reason.startswith("unknown export format") else exc.reason
            warnings.warn(f"skipped {name}: not an export ({reason})", UserWarning, stacklevel=3)
            file_rows.append({"path": name, "format": SKIPPED, "encoding": "", "read": 0, "kept": 0,
                              "duplicates": 0, "rejected": 0})
            continue
        _apply_policy(problems, name, on_bad_record)
        rejected.extend({"path": name, "line": p.line, "reason": p.reason} for p in problems)
        batches.append(batch)
        file_rows.append({"path": name, "format": fmt.name, "encoding": encoding,
                          "read": len(batch["line"]) + len(problems), "kept": 0,
                          "duplicates": 0, "rejected": len(problems)})
    if not batches:
        raise FormatError("no file is an export (every file was skipped; see the warnings)",
                          path=str(files[0].parent))
    return _assemble(concat(batches), file_rows, rejected, keys)


def expand_paths(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    """Expand files, directories and globs into a sorted, duplicate-free list of files.

    Sorting makes the result independent of the order the paths were given in, so
    the first occurrence of a duplicate is always the same record.

    Parameters
    ----------
    paths : str, pathlib.Path or iterable of them

    Returns
    -------
    list of pathlib.Path

    Raises
    ------
    ParameterError
        For a path that does not exist and matches no file as a glob.
    FormatError
        For a directory that holds no export file.
    """
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    if not items:
        raise ParameterError("paths: no input files given")
    out: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and not _skipped(f, p))
            if not found:
                raise FormatError("directory holds no export files", path=str(p))
            out.extend(found)
        elif p.is_file():
            out.append(p)
        elif any(ch in str(item) for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(str(item), recursive=True) if Path(m).is_file())
            if not matches:
                raise ParameterError(f"paths: the pattern {str(item)!r} matches no file")
            out.extend(matches)
        else:
            raise ParameterError(f"paths: {str(item)!r} does not exist")
    unique = {f.resolve(): f for f in reversed(out)}  # one entry per file, however it was named
    return sorted(unique.values(), key=str)


def _skipped(f: Path, root: Path) -> bool:
    rel = f.relative_to(root).parts
    return (any(part.startswith(".") for part in rel) or f.suffix.lower() in _SKIP_SUFFIXES
            or f.name.upper().startswith(_SKIP_NAMES))


def detect_format(head: str, path: str) -> Format | None:
    """Return the first registered format (by priority) whose sniffer accepts the file.

    Parameters
    ----------
    head : str
        The first ~64 kB of decoded text ("" for a binary check).
    path : str
        The file name.

    Returns
    -------
    Format or None
    """
    for fmt in sorted(FORMATS.values(), key=lambda f: (-f.priority, f.name)):
        if fmt.binary == (head == "") and fmt.sniff(head, path):
            return fmt
    return None


def _parse_file(path: Path, format: str | None) -> tuple[Format, Batch, list[Problem], str]:
    """Read one file: its format, normalised records (with match keys), rejected records, encoding."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read file ({exc.strerror})", path=name) from None
    fmt = FORMATS[format] if format else detect_format("", name)
    if fmt is not None and fmt.binary:
        if not data:
            raise ParseError("empty file", path=name)
        return (fmt, *_normalised(fmt.parse(data, name), fmt, name), "binary")
    text, encoding = decode(data, name)
    del data  # the bytes are not needed any more: halves peak memory on large files
    if fmt is None:
        fmt = detect_format(text[:_HEAD], name)
    if fmt is None:
        first = next((ln for ln in text.split("\n", 50) if ln.strip()), "")
        raise FormatError("unknown export format; expected one of "
                          f"{', '.join(sorted(FORMATS))}", path=name, line=1, text=first)
    if fmt.name in COLUMNAR:
        batch, problems, _ = read_columns(split_text(text), fmt, name)
        add_match_keys(batch)
        return fmt, batch, problems, encoding
    return (fmt, *_normalised(fmt.parse(text, name), fmt, name), encoding)


def _normalised(result: ParseResult, fmt: Format, path: str) -> tuple[Batch, list[Problem]]:
    """The records normalised, as a batch with its match keys, and the rejected ones."""
    batch = from_records([normalise_record(r, fmt, path) for r in result.records])
    add_match_keys(batch)
    return batch, result.problems


def _apply_policy(problems: list[Problem], path: str, policy: str) -> None:
    if not problems:
        return
    first = problems[0]
    if policy == "error":
        raise ParseError(f"{first.reason} (on_bad_record / --on-bad-record 'warn' or 'skip' "
                         f"rejects bad records and goes on)", path=path, line=first.line, text=first.text)
    if policy == "warn":
        n = len(problems)
        warnings.warn(f"{path}: {n} bad record{'s' if n > 1 else ''} rejected; first at line "
                      f"{first.line}: {first.reason}", UserWarning, stacklevel=3)


def _assemble(batch: Batch, file_rows: list[dict[str, Any]], rejected: list[dict[str, Any]],
              keys: set[str]) -> Corpus:
    dups = deduplicate_columns(batch)
    dup_idx = {i for i, _, _ in dups}
    uids = assign_uids(batch, dup_idx)
    keep = [i for i in range(len(uids)) if i not in dup_idx] if dup_idx else None
    columns = {"uid": uids, **{c: v for c, v in batch.items() if c in SCHEMA}}
    if keep is not None:
        columns = {c: [values[i] for i in keep] for c, values in columns.items()}
    columns["cited_refs"] = unify_by_doi(columns["cited_refs"], keys)
    row_of = {row["path"]: row for row in file_rows}
    for path, n in Counter(columns["file"]).items():
        row_of[path]["kept"] += n
    dup_rows = []
    for i, k, rule in dups:
        path = batch["file"][i]
        row_of[path]["duplicates"] += 1
        dup_rows.append({"path": path, "line": batch["line"][i], "uid": uids[i],
                         "kept_uid": uids[k], "rule": rule})
    report = ImportReport(files=pd.DataFrame(file_rows, columns=list(ImportReport().files.columns)),
                          rejected=pd.DataFrame(rejected, columns=["path", "line", "reason"]),
                          duplicates=pd.DataFrame(dup_rows,
                                                  columns=["path", "line", "uid", "kept_uid", "rule"]))
    return Corpus.from_columns(columns, report)
