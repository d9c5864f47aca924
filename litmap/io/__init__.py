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
import re
import unicodedata
import warnings
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from litmap.corpus import SCHEMA, Corpus, ImportReport
from litmap.errors import FormatError, ParameterError, ParseError
from litmap.io._affil import institutions_countries
from litmap.io._fields import clean_text, first_year, nfkc, split_keywords
from litmap.io._refs import ref_keys, unify_by_doi
from litmap.io._registry import FORMATS, Format, ParseResult
from litmap.io._text import decode
from litmap.io.dedup import assign_uids, deduplicate

# Importing a reader module registers its formats in FORMATS.
from litmap.io._parallel import read_large  # noqa: E402
from litmap.io import (cnki_endnote, cnki_estudy, cnki_excel, cnki_noteexpress,  # noqa: E402,F401
                       cnki_refworks, cnki_selfdefined, cssci, ris, scopus, wanfang, wos)

__all__ = ["read", "FORMATS", "detect_format", "expand_paths", "ON_BAD_RECORD"]

ON_BAD_RECORD = ("error", "warn", "skip")
_SKIP_SUFFIXES = frozenset(".json .md .parquet .html .htm .png .jpg .jpeg .gif .svg .pdf .py .pyc "
                           ".zip .gz .bz2 .xz .7z .tar .css .js .log .ipynb .docx .pptx".split())
_SKIP_NAMES = ("README", "LICENSE", "LICENCE", "COPYING", "NOTICE", "CHANGELOG")
_HEAD = 65536


def read(paths: str | Path | Iterable[str | Path], *, format: str | None = None,
         on_bad_record: str = "error") -> Corpus:
    """Read export files into one de-duplicated corpus.

    Parameters
    ----------
    paths : str, pathlib.Path or iterable of them
        Files, directories (read recursively, in sorted order, skipping hidden files
        and obvious non-exports such as ``.json`` or ``.png``) and glob patterns.
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
        When a file's format cannot be detected, or a directory holds no export.
    EncodingError, ParseError
        For binary, empty or undecodable files, and bad records under ``"error"``.
    """
    if on_bad_record not in ON_BAD_RECORD:
        raise ParameterError(f"on_bad_record must be one of {', '.join(ON_BAD_RECORD)}; "
                             f"got {on_bad_record!r}")
    if format is not None and format not in FORMATS:
        raise ParameterError(f"unknown format {format!r}; choose one of: {', '.join(sorted(FORMATS))}")
    files = expand_paths(paths)
    enabled = gc.isenabled()
    gc.disable()  # millions of small lists: the cyclic collector would rescan them all
    try:
        return _read_files(files, format, on_bad_record)
    finally:
        if enabled:
            gc.enable()


def _read_files(files: list[Path], format: str | None, on_bad_record: str) -> Corpus:
    records: list[dict[str, Any]] = []
    file_rows: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    for path in files:
        name = str(path)
        large = read_large(name, format, normalise_record)  # records come back normalised
        fmt, result, encoding = large or _parse_file(path, format)
        _apply_policy(result, name, on_bad_record)
        rejected.extend({"path": name, "line": p.line, "reason": p.reason} for p in result.problems)
        if large:
            records.extend(result.records)
        else:
            records.extend(normalise_record(rec, fmt, name) for rec in result.records)
        file_rows.append({"path": name, "format": fmt.name, "encoding": encoding,
                          "read": len(result.records) + len(result.problems), "kept": 0,
                          "duplicates": 0, "rejected": len(result.problems)})
    return _assemble(records, file_rows, rejected)


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


def _parse_file(path: Path, format: str | None) -> tuple[Format, ParseResult, str]:
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read file ({exc.strerror})", path=name) from None
    fmt = FORMATS[format] if format else detect_format("", name)
    if fmt is not None and fmt.binary:
        if not data:
            raise ParseError("empty file", path=name)
        return fmt, fmt.parse(data, name), "binary"
    text, encoding = decode(data, name)
    del data  # the bytes are not needed any more: halves peak memory on large files
    if fmt is None:
        fmt = detect_format(text[:_HEAD], name)
    if fmt is None:
        first = next((ln for ln in text.split("\n", 50) if ln.strip()), "")
        raise FormatError("unknown export format; expected one of "
                          f"{', '.join(sorted(FORMATS))}", path=name, line=1, text=first)
    return fmt, fmt.parse(text, name), encoding


def _apply_policy(result: ParseResult, path: str, policy: str) -> None:
    if not result.problems:
        return
    first = result.problems[0]
    if policy == "error":
        raise ParseError(f"{first.reason} (on_bad_record / --on-bad-record 'warn' or 'skip' "
                         f"rejects bad records and goes on)", path=path, line=first.line, text=first.text)
    if policy == "warn":
        n = len(result.problems)
        warnings.warn(f"{path}: {n} bad record{'s' if n > 1 else ''} rejected; first at line "
                      f"{first.line}: {first.reason}", UserWarning, stacklevel=3)


def _assemble(records: list[dict[str, Any]], file_rows: list[dict[str, Any]],
              rejected: list[dict[str, Any]]) -> Corpus:
    dups = deduplicate(records)
    dup_idx = {i for i, _, _ in dups}
    assign_uids(records, dup_idx)
    kept = [r for i, r in enumerate(records) if i not in dup_idx]
    for rec, keys in zip(kept, unify_by_doi([r["cited_refs"] for r in kept])):
        rec["cited_refs"] = keys
    row_of = {row["path"]: row for row in file_rows}
    for rec in kept:
        row_of[rec["file"]]["kept"] += 1
    dup_rows = []
    for i, k, rule in dups:
        d = records[i]
        row_of[d["file"]]["duplicates"] += 1
        dup_rows.append({"path": d["file"], "line": d["line"], "uid": d["uid"],
                         "kept_uid": records[k]["uid"], "rule": rule})
    keys = list(SCHEMA)
    rows = [tuple(map(rec.get, keys)) for rec in kept]  # one visit per record (its dict stays cached)
    values = list(zip(*rows)) or [()] * len(keys)
    columns = {col: pd.Series(list(vals), dtype=object) for col, vals in zip(keys, values)}
    report = ImportReport(files=pd.DataFrame(file_rows, columns=list(ImportReport().files.columns)),
                          rejected=pd.DataFrame(rejected, columns=["path", "line", "reason"]),
                          duplicates=pd.DataFrame(dup_rows,
                                                  columns=["path", "line", "uid", "kept_uid", "rule"]))
    return Corpus(pd.DataFrame(columns), report)


_REF_STYLE = {"scopus_csv": "scopus", "cssci": "cssci"}


def _needs_fold(text: str) -> bool:
    """Whether white space in ``text`` needs folding (runs, tabs, newlines, NBSP, edges)."""
    return ("  " in text or "\n" in text or "\t" in text or "\xa0" in text or "\r" in text
            or "\u3000" in text or text[0].isspace() or text[-1].isspace())


def _items(values: list[str] | None) -> list[str]:
    """Like :func:`~litmap.io._fields.split_list`, with a fast path for ASCII items."""
    if not values:
        return []
    out: dict[str, None] = {}
    for v in values:
        q = " ".join((v if v.isascii() else unicodedata.normalize("NFKC", v)).split())
        if q:
            out[q] = None
    return list(out)
_DOI_PREFIX = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)


def normalise_record(rec: dict[str, Any], fmt: Format, path: str) -> dict[str, Any]:
    """Normalise the fields every format shares, in place.

    Titles are NFKC-normalised with HTML entities resolved; text fields get
    :func:`~litmap.io._fields.clean_text`; the DOI is lower-cased without its
    resolver prefix; keywords are split with
    :func:`~litmap.io._fields.split_keywords` unless the reader split them;
    institutions and countries come from the affiliations; cited references get
    their keys; ``file``, ``line``, ``db`` and ``format`` are set.

    Parameters
    ----------
    rec : dict
        A record as a reader returned it.
    fmt : Format
        The format that read it.
    path : str
        The file it came from.

    Returns
    -------
    dict
        ``rec`` itself.
    """
    for key in ("title", "title_alt"):
        value = rec.get(key)
        if value:
            if "&" in value:
                value = clean_text(value) or ""
            rec[key] = (" ".join(value.split()) if value.isascii() else nfkc(value)) or None
        elif value is not None:
            rec[key] = None
    for key in ("abstract", "source", "doc_type", "volume", "issue", "pages", "language", "funding"):
        value = rec.get(key)
        if value:
            if "&" in value:
                rec[key] = clean_text(value)
            elif _needs_fold(value):
                rec[key] = " ".join(value.split()) or None
        elif value is not None:
            rec[key] = None
    doi = rec.get("doi")
    if doi:
        rec["doi"] = (doi if doi[:3] == "10." else _DOI_PREFIX.sub("", doi)).strip().lower() or None
    else:
        rec["doi"] = None
    if "keywords" in rec:
        rec["keywords"] = _items(rec["keywords"])
    else:
        rec["keywords"] = split_keywords(rec.get("keywords_raw"))
    rec["authors"] = _items(rec.get("authors"))
    rec["keywords_plus"] = _items(rec.get("keywords_plus"))
    rec["affiliations"] = [v for v in rec.get("affiliations") or () if v and not v.isspace()]
    refs = rec.get("cited_refs_raw")
    if refs and not all(refs):
        refs = [v for v in refs if v and not v.isspace()]
    rec["cited_refs_raw"] = refs or []
    if rec["affiliations"] and not rec.get("institutions") and not rec.get("countries"):
        rec["institutions"], rec["countries"] = institutions_countries(rec["affiliations"])
    if "cited_refs" not in rec:
        rec["cited_refs"] = ref_keys(refs, _REF_STYLE.get(fmt.name, "wos")) if refs else []
    year = rec.get("year")
    if year is not None and not isinstance(year, int):
        rec["year"] = first_year(str(year))
    rec["file"] = path
    rec["db"] = rec.get("db") or fmt.db
    rec["format"] = fmt.name
    return rec
