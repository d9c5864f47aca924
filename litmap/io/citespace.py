"""Writer of CiteSpace's WoS-like ``download_*.txt`` files, so any corpus opens in CiteSpace.

Every record (CNKI, CSSCI, Scopus ... included) is written with WoS tags in
files of at most 500 records named ``download_1-500.txt``, ``download_501-1000.txt``
and so on, UTF-8 without BOM, LF line ends:

``FN``/``VR`` header, then per record ``PT J``, ``AU`` (one per line), ``TI``,
``SO``, ``DE`` and ``ID`` (``; ``-joined), ``AB``, ``C1`` (one per line), ``CR`` (the
raw references, or labels built from the keys when the raw ones are missing),
``NR``, ``TC``, ``PY``, ``VL``, ``IS``, ``BP``/``EP``, ``DI``, ``LA``, ``DT``, ``UT``,
``ER``; ``EF`` at the end. ``UT`` is the WoS accession number of WoS records and
``<DB>:<uid>`` for the others (``CNKI:<uid>``), unique per record; the WoS reader
turns that prefix back into the ``db`` column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from litmap.corpus import Corpus
from litmap.errors import ParameterError
from litmap.io._refs import ref_label

__all__ = ["write_citespace"]

_PER_FILE = 500


def _lines(tag: str, values: list[str]) -> list[str]:
    values = [str(v).replace("\r", " ").replace("\n", " ").strip() for v in values if v and str(v).strip()]
    if not values:
        return []
    return [f"{tag} {values[0]}"] + [f"   {v}" for v in values[1:]]


def _one(tag: str, value: Any) -> list[str]:
    if value is None or isinstance(value, float) and value != value or value is pd.NA:
        return []
    return _lines(tag, [str(value)])


def _ut(rec: dict[str, Any]) -> str:
    uid = str(rec.get("uid") or "")
    db = str(rec.get("db") or "")
    if db == "wos" and uid.upper().startswith("WOS:"):
        return uid
    return f"{(db or 'litmap').upper()}:{uid}"


def _record_lines(rec: dict[str, Any]) -> list[str]:
    pages = str(rec.get("pages") or "")
    bp, _, ep = pages.partition("-")
    refs = list(rec.get("cited_refs_raw") or [])
    if not refs:
        refs = [ref_label(k) for k in rec.get("cited_refs") or []]
    out = ["PT J"]
    out += _lines("AU", list(rec.get("authors") or []))
    out += _one("TI", rec.get("title"))
    out += _one("SO", rec.get("source"))
    out += _one("LA", rec.get("language"))
    out += _one("DT", rec.get("doc_type"))
    out += _lines("DE", ["; ".join(rec.get("keywords") or [])])
    out += _lines("ID", ["; ".join(rec.get("keywords_plus") or [])])
    out += _one("AB", rec.get("abstract"))
    out += _lines("C1", list(rec.get("affiliations") or []))
    out += _lines("CR", refs)
    out.append(f"NR {len(refs)}")
    out += _one("TC", rec.get("times_cited"))
    out += _one("PY", rec.get("year"))
    out += _one("VL", rec.get("volume"))
    out += _one("IS", rec.get("issue"))
    out += _one("BP", bp)
    out += _one("EP", ep)
    out += _one("DI", rec.get("doi"))
    out += [f"UT {_ut(rec)}", "ER", ""]
    return out


def write_citespace(corpus: Corpus, directory: str | Path) -> list[Path]:
    """Write ``corpus`` as CiteSpace WoS-like ``download_*.txt`` files.

    Parameters
    ----------
    corpus : Corpus
        The records to write (all databases).
    directory : str or pathlib.Path
        Output folder; created when missing. Existing ``download_*.txt`` files of
        the same names are overwritten.

    Returns
    -------
    list of pathlib.Path
        The files written, at most 500 records each, in record order.

    Raises
    ------
    ParameterError
        If ``directory`` exists and is not a folder.
    """
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise ParameterError(f"directory: {directory} exists and is not a folder")
    directory.mkdir(parents=True, exist_ok=True)
    rows = corpus.records.to_dict("records")
    paths: list[Path] = []
    for begin in range(0, max(len(rows), 1), _PER_FILE):
        chunk = rows[begin:begin + _PER_FILE]
        lines = ["FN Clarivate Analytics Web of Science", "VR 1.0"]
        for rec in chunk:
            lines += _record_lines(rec)
        lines.append("EF")
        path = directory / f"download_{begin + 1}-{begin + len(chunk)}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
        paths.append(path)
    return paths
