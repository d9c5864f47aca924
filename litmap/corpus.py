"""The central record container.

A :class:`Corpus` is one pandas DataFrame with one row per kept record and the
columns of :data:`SCHEMA`, plus the :class:`ImportReport` that says where every
record came from and what happened to the ones that were not kept. Every later
stage (networks, clusters, bursts, views) reads a ``Corpus``; none writes into it.

List-valued columns hold Python lists of ``str`` (empty list when a source lacks
the field). String columns hold ``str`` or ``None``. ``year``, ``times_cited`` and
``line`` are pandas nullable integers (``Int64``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from litmap.errors import LitmapError

__all__ = ["SCHEMA", "LIST_COLUMNS", "Corpus", "ImportReport", "empty_records"]

#: Column name -> (kind, meaning). ``kind`` is "str", "list", "int".
SCHEMA: dict[str, tuple[str, str]] = {
    "uid": ("str", "unique id of the kept record: WOS:<UT>, SCOPUS:<EID>, CNKI:<id>, DOI:<doi> or <db>:<hash>"),
    "db": ("str", "source database: cnki, cssci, wanfang, wos, scopus, ris"),
    "format": ("str", "reader format that produced the record (see litmap.io.FORMATS)"),
    "doc_type": ("str", "document type as exported (Journal Article, 期刊, Article, ...)"),
    "title": ("str", "title"),
    "title_alt": ("str", "alternative-language title (e.g. CNKI's English title)"),
    "authors": ("list", "authors, in export order"),
    "affiliations": ("list", "raw affiliation strings (WoS C1, CNKI organisation field)"),
    "institutions": ("list", "institutions derived from affiliations, de-duplicated, in order"),
    "countries": ("list", "countries derived from affiliations; Chinese affiliations give China"),
    "keywords": ("list", "author keywords: split, trimmed, Unicode NFKC"),
    "keywords_raw": ("str", "author keyword field exactly as exported"),
    "keywords_plus": ("list", "indexer keywords (WoS Keywords Plus, Scopus Index Keywords)"),
    "abstract": ("str", "abstract"),
    "year": ("int", "publication year"),
    "source": ("str", "journal / source title"),
    "volume": ("str", "volume"),
    "issue": ("str", "issue"),
    "pages": ("str", "pages, e.g. 12-19"),
    "doi": ("str", "DOI, lower-case, without https://doi.org/"),
    "cited_refs": ("list", "normalised cited-reference keys 'author|year|source|volume|page|doi'"),
    "cited_refs_raw": ("list", "cited references exactly as exported"),
    "times_cited": ("int", "times cited as exported"),
    "language": ("str", "language"),
    "funding": ("str", "funding text"),
    "native_id": ("str", "the database's own id: WoS UT, Scopus EID, CNKI filename/link id"),
    "file": ("str", "path of the file the record was read from"),
    "line": ("int", "1-based line where the record starts in that file"),
}

LIST_COLUMNS: tuple[str, ...] = tuple(k for k, (kind, _) in SCHEMA.items() if kind == "list")
INT_COLUMNS: tuple[str, ...] = tuple(k for k, (kind, _) in SCHEMA.items() if kind == "int")
STR_COLUMNS: tuple[str, ...] = tuple(k for k, (kind, _) in SCHEMA.items() if kind == "str")

_FILE_COLUMNS = ["path", "format", "encoding", "read", "kept", "duplicates", "rejected"]
_REJECT_COLUMNS = ["path", "line", "reason"]
_DUP_COLUMNS = ["path", "line", "uid", "kept_uid", "rule"]


def empty_records() -> pd.DataFrame:
    """Return an empty records frame with every column of :data:`SCHEMA`.

    Returns
    -------
    pandas.DataFrame
        Zero rows, schema columns and dtypes.
    """
    return conform(pd.DataFrame({c: [] for c in SCHEMA}))


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with exactly the schema columns, in order, with schema dtypes.

    Missing columns are added (empty lists, ``None`` or ``<NA>``); extra columns are
    kept after the schema columns.

    Parameters
    ----------
    frame : pandas.DataFrame
        Records, one per row.

    Returns
    -------
    pandas.DataFrame
        A new frame with a fresh ``RangeIndex``.
    """
    out = frame.reset_index(drop=True).copy()
    n = len(out)
    for col, (kind, _) in SCHEMA.items():
        if col not in out.columns:
            if kind == "list":
                out[col] = [[] for _ in range(n)]
            elif kind == "int":
                out[col] = pd.array([pd.NA] * n, dtype="Int64")
            else:
                out[col] = pd.Series([None] * n, dtype=object)
        elif kind == "int":
            out[col] = pd.array(pd.to_numeric(out[col], errors="coerce"), dtype="Int64") if n else \
                pd.array([], dtype="Int64")
        elif kind == "list":
            values = out[col]
            if set(map(type, values)) - {list}:  # readers give lists already: leave them
                out[col] = [_as_list(v) for v in values]
        else:
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    extra = [c for c in out.columns if c not in SCHEMA]
    return out[list(SCHEMA) + extra]


def _as_list(value: Any) -> list[str]:
    """Coerce a cell to a list of str (Parquet gives numpy arrays, pandas gives NaN)."""
    if type(value) is list:  # readers build lists of str; skip the per-item copy
        return value
    if value is None or isinstance(value, float) and value != value:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


@dataclass(frozen=True)
class ImportReport:
    """What happened to every record of every input file.

    Attributes
    ----------
    files : pandas.DataFrame
        One row per input file: ``path, format, encoding, read, kept, duplicates,
        rejected``. Conservation holds: ``read == kept + duplicates + rejected``.
    rejected : pandas.DataFrame
        One row per rejected record: ``path, line, reason``.
    duplicates : pandas.DataFrame
        One row per duplicate: ``path, line, uid`` (of the duplicate), ``kept_uid``
        (the kept record it was merged into) and ``rule`` (doi, ut, cnki_id, title).
    """

    files: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=_FILE_COLUMNS))
    rejected: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=_REJECT_COLUMNS))
    duplicates: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=_DUP_COLUMNS))

    def totals(self) -> dict[str, int]:
        """Return the summed ``read, kept, duplicates, rejected`` counts.

        Returns
        -------
        dict of str to int
        """
        return {k: int(self.files[k].sum()) if len(self.files) else 0
                for k in ("read", "kept", "duplicates", "rejected")}

    def to_text(self) -> str:
        """Return the per-file table and the totals as plain text.

        Returns
        -------
        str
        """
        if self.files.empty:
            return "no files read"
        table = self.files.copy()
        table["path"] = [_short(p) for p in table["path"]]
        t = self.totals()
        lines = [table.to_string(index=False),
                 f"total: read {t['read']}, kept {t['kept']}, duplicates {t['duplicates']}, "
                 f"rejected {t['rejected']}"]
        return "\n".join(lines)

    __str__ = to_text

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable form (used when a corpus is saved).

        Returns
        -------
        dict
        """
        return {name: json.loads(getattr(self, name).to_json(orient="records", force_ascii=False))
                for name in ("files", "rejected", "duplicates")}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ImportReport":
        """Rebuild a report from :meth:`to_dict` output.

        Parameters
        ----------
        data : mapping
            The output of :meth:`to_dict`.

        Returns
        -------
        ImportReport
        """
        return cls(files=pd.DataFrame(data.get("files", []), columns=_FILE_COLUMNS),
                   rejected=pd.DataFrame(data.get("rejected", []), columns=_REJECT_COLUMNS),
                   duplicates=pd.DataFrame(data.get("duplicates", []), columns=_DUP_COLUMNS))


def _short(path: str, width: int = 60) -> str:
    return path if len(path) <= width else "..." + path[-(width - 3):]


class Corpus:
    """A de-duplicated set of bibliographic records (one row per record).

    Parameters
    ----------
    records : pandas.DataFrame
        Records with (a subset of) the :data:`SCHEMA` columns; missing columns are
        added empty.
    report : ImportReport, optional
        The import report; an empty one when the corpus was not read from files.

    Examples
    --------
    >>> import pandas as pd
    >>> c = Corpus(pd.DataFrame({"uid": ["a"], "title": ["T"], "keywords": [["x", "y"]]}))
    >>> len(c), c.records.loc[0, "keywords"]
    (1, ['x', 'y'])
    """

    __slots__ = ("_records", "_report")

    def __init__(self, records: pd.DataFrame, report: ImportReport | None = None) -> None:
        self._records = conform(records)
        self._report = report if report is not None else ImportReport()

    @classmethod
    def from_columns(cls, columns: dict[str, list[Any]], report: ImportReport | None = None) -> Corpus:
        """Build a corpus from columns that already hold schema values, without checking them.

        The readers' assembly gives such columns: every :data:`SCHEMA` column, a
        ``str`` column holding str or None, an ``int`` column int or None, a ``list``
        column lists of str or None (read as an empty list). Other frames go through
        the constructor, which conforms them.

        Parameters
        ----------
        columns : dict of str to list
            One list per schema column, one value per record.
        report : ImportReport, optional

        Returns
        -------
        Corpus
        """
        def column(name: str, kind: str) -> Any:
            values = columns[name]
            if kind == "int":
                return pd.array(values, dtype="Int64")
            if kind == "list" and None in values:
                values = [[] if v is None else v for v in values]
            return pd.Series(np.fromiter(values, object, len(values)), dtype=object, copy=False)

        frame = pd.DataFrame({c: column(c, kind) for c, (kind, _) in SCHEMA.items()})
        corpus = cls.__new__(cls)
        corpus._records = frame
        corpus._report = report if report is not None else ImportReport()
        return corpus

    @property
    def records(self) -> pd.DataFrame:
        """The records frame (do not modify it in place; build a new Corpus)."""
        return self._records

    @property
    def report(self) -> ImportReport:
        """The :class:`ImportReport` of the import that made this corpus."""
        return self._report

    def __len__(self) -> int:
        return len(self._records)

    def __repr__(self) -> str:
        dbs = ", ".join(f"{k} {v}" for k, v in self._records["db"].value_counts().sort_index().items())
        return f"<Corpus: {len(self)} records{' (' + dbs + ')' if dbs else ''}>"

    def save(self, path: str | Path) -> Path:
        """Write the corpus and its import report to a Parquet file.

        Parameters
        ----------
        path : str or pathlib.Path
            Destination, conventionally ``*.parquet``.

        Returns
        -------
        pathlib.Path
            The path written.
        """
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pandas(self._records, preserve_index=False)
        meta = dict(table.schema.metadata or {})
        meta[b"litmap.report"] = json.dumps(self._report.to_dict(), ensure_ascii=False,
                                            sort_keys=True).encode("utf-8")
        table = table.replace_schema_metadata(meta)
        pq.write_table(table, path, compression="zstd")
        return path

    @classmethod
    def load(cls, path: str | Path) -> "Corpus":
        """Read a corpus written by :meth:`save`.

        Parameters
        ----------
        path : str or pathlib.Path
            A Parquet file written by :meth:`Corpus.save`.

        Returns
        -------
        Corpus

        Raises
        ------
        LitmapError
            If the file is missing or is not a litmap corpus.
        """
        import pyarrow.parquet as pq

        path = Path(path)
        if not path.is_file():
            raise LitmapError(f"{path}: no such corpus file")
        try:
            table = pq.read_table(path)
        except Exception as exc:  # pyarrow raises several unrelated types
            raise LitmapError(f"{path}: not a Parquet corpus ({exc.__class__.__name__}: {exc})") from None
        meta = table.schema.metadata or {}
        if b"litmap.report" not in meta:
            raise LitmapError(f"{path}: a Parquet file, but not written by litmap (no import report)")
        report = ImportReport.from_dict(json.loads(meta[b"litmap.report"].decode("utf-8")))
        frame = table.to_pandas()
        return cls(frame, report)

    def to_citespace(self, directory: str | Path) -> list[Path]:
        """Write the corpus as CiteSpace's WoS-like ``download_*.txt`` files.

        Parameters
        ----------
        directory : str or pathlib.Path
            Output folder (created).

        Returns
        -------
        list of pathlib.Path
            The files written (at most 500 records each).
        """
        from litmap.io.citespace import write_citespace

        return write_citespace(self, directory)

    @classmethod
    def concat(cls, corpora: Iterable["Corpus"]) -> "Corpus":
        """Stack corpora without de-duplicating (use :func:`litmap.read` for that).

        Parameters
        ----------
        corpora : iterable of Corpus

        Returns
        -------
        Corpus
        """
        items = list(corpora)
        if not items:
            return cls(empty_records())
        frame = pd.concat([c.records for c in items], ignore_index=True)
        rep = ImportReport(*(pd.concat([getattr(c.report, n) for c in items], ignore_index=True)
                             for n in ("files", "rejected", "duplicates")))
        return cls(frame, rep)
