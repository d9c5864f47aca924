"""Write synthetic WoS plain-text and CNKI RefWorks exports, and the demo corpus."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from litmap.errors import ParameterError
from litmap.synth._model import Model
from litmap.synth._paper import Paper
from litmap.synth._render import WOS_FOOTER, WOS_HEADER, refworks_record, wos_record
from litmap.synth._vocab import COUNTERURBANIZATION, Vocabulary

__all__ = ["write_wos", "write_cnki_refworks", "write_cnki_demo", "write_demo", "write_planted", "DEMO_COMMAND"]

_CHUNK = 2000            # papers drawn and written at a time (memory stays bounded)
_CNKI_CAP = 500          # CNKI exports at most 500 records per file
DEMO_COMMAND = "python -m litmap.synth demo corpora/demo"
_DEMO = {"cnki": 300, "wos": 300, "paired": 12, "batch": 150, "repeats": 6}


def _check(n: int, start_year: int, end_year: int, **non_negative: float) -> None:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ParameterError(f"n must be a non-negative integer, got {n!r}")
    if not (1900 <= start_year <= end_year <= 2100):
        raise ParameterError(f"start_year..end_year must be an increasing range within 1900-2100, "
                             f"got {start_year!r}..{end_year!r}")
    for name, value in non_negative.items():
        if not isinstance(value, (int, float, np.integer, np.floating)) or value < 0:
            raise ParameterError(f"{name} must be a non-negative number, got {value!r}")


def _chunks(model: Model, lang: str, n: int):
    for start in range(0, n, _CHUNK):
        yield model.papers(lang, min(_CHUNK, n - start))


def write_wos(path: str | Path, n: int, *, seed: int = 0, start_year: int = 2000, end_year: int = 2024,
              refs: float = 30, abstract_words: int = 150,
              vocabulary: Vocabulary = COUNTERURBANIZATION) -> Path:
    """Write a synthetic Web of Science plain-text export of ``n`` records.

    The file has the ``FN``/``VR`` header, ``PT J`` records with ``AU AF TI SO LA DT DE
    ID AB C1 RP CR NR TC Z9 SN J9 PD PY VL IS BP EP (or AR) DI PG WC SC UT DA ER`` and
    the ``EF`` trailer. Records are drawn and written 2,000 at a time, so memory stays
    bounded for 1M records.

    Parameters
    ----------
    path : str or pathlib.Path
        Output file (UTF-8 with BOM, LF line ends).
    n : int
        Number of records.
    seed : int, optional (default=0)
        Seed; the same seed and arguments give a byte-identical file.
    start_year, end_year : int, optional (default=2000, 2024)
        Publication years; record volume grows 12 % a year.
    refs : float, optional (default=30)
        Mean number of cited references (``CR`` lines) per record (Poisson).
    abstract_words : int, optional (default=150)
        Target abstract length in words; 0 omits ``AB``.
    vocabulary : Vocabulary, optional
        Topics, trends and templates (default: counter-urbanization).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ParameterError
        If a count or the year range is invalid.
    """
    _check(n, start_year, end_year, refs=refs, abstract_words=abstract_words)
    model = Model(vocabulary, seed=seed, start_year=start_year, end_year=end_year, n_cn=0, n_en=n, refs=refs)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(WOS_HEADER)
        for papers in _chunks(model, "en", n):
            fh.write("".join(wos_record(p, model, abstract_words) for p in papers))
        fh.write(WOS_FOOTER)
    return path


def write_cnki_refworks(path: str | Path, n: int, *, seed: int = 0, start_year: int = 2000,
                        end_year: int = 2024, abstract_chars: int = 250,
                        vocabulary: Vocabulary = COUNTERURBANIZATION) -> Path:
    """Write a synthetic CNKI RefWorks export of ``n`` records in one file.

    Real CNKI exports stop at 500 records per file (see :func:`write_cnki_demo` for
    batch files); this writer has no cap so that benchmarks can use large files.

    Parameters
    ----------
    path : str or pathlib.Path
        Output file (UTF-8, CRLF line ends).
    n : int
        Number of records.
    seed : int, optional (default=0)
        Seed; the same seed and arguments give a byte-identical file.
    start_year, end_year : int, optional (default=2000, 2024)
        Publication years.
    abstract_chars : int, optional (default=250)
        Target abstract length in characters; 0 omits ``AB``.
    vocabulary : Vocabulary, optional
        Topics, trends and templates (default: counter-urbanization).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ParameterError
        If a count or the year range is invalid.
    """
    _check(n, start_year, end_year, abstract_chars=abstract_chars)
    model = Model(vocabulary, seed=seed, start_year=start_year, end_year=end_year, n_cn=n, n_en=0, refs=0)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        for papers in _chunks(model, "cn", n):
            fh.write("".join(refworks_record(p, model, abstract_chars) for p in papers))
    return path


def _write_batches(directory: Path, papers: list[Paper], model: Model, *, batch: int, repeats: int,
                   abstract_chars: int) -> list[Path]:
    """CNKI batch files ``cnki_refworks_<lo>-<hi>.txt``; each batch after the first
    starts with the last ``repeats`` records of the previous one (the result list
    shifted between two exports)."""
    paths = []
    for lo in range(0, len(papers), batch):
        chunk = papers[max(0, lo - repeats):lo] + papers[lo:lo + batch]
        path = directory / f"cnki_refworks_{lo + 1}-{min(lo + batch, len(papers))}.txt"
        path.write_bytes("".join(refworks_record(p, model, abstract_chars) for p in chunk).encode("utf-8"))
        paths.append(path)
    return paths


def write_cnki_demo(directory: str | Path, n: int = 300, *, seed: int = 0, batch: int = 150,
                    repeats: int = 6, start_year: int = 2000, end_year: int = 2024, abstract_chars: int = 250,
                    vocabulary: Vocabulary = COUNTERURBANIZATION) -> list[Path]:
    """Write ``n`` CNKI records as RefWorks batch files, as a user exporting page by page would.

    Files are ``cnki_refworks_1-150.txt``, ``cnki_refworks_151-300.txt``, ...; every
    batch after the first repeats the last ``repeats`` records of the previous one, so
    de-duplication has real work to do (``n + repeats * (batches - 1)`` records read).

    Parameters
    ----------
    directory : str or pathlib.Path
        Output folder (created).
    n : int, optional (default=300)
        Distinct records.
    seed : int, optional (default=0)
        Seed.
    batch : int, optional (default=150)
        Records per file, at most 500 (CNKI's cap).
    repeats : int, optional (default=6)
        Records repeated at the start of each later batch.
    start_year, end_year : int, optional (default=2000, 2024)
        Publication years.
    abstract_chars : int, optional (default=250)
        Target abstract length in characters.
    vocabulary : Vocabulary, optional
        Topics, trends and templates.

    Returns
    -------
    list of pathlib.Path
        The batch files, in order.

    Raises
    ------
    ParameterError
        If ``batch`` is not in 1..500 or ``repeats`` not in 0..batch.
    """
    _check(n, start_year, end_year, abstract_chars=abstract_chars)
    if not (1 <= batch <= _CNKI_CAP) or not (0 <= repeats <= batch):
        raise ParameterError(f"batch must be in 1..{_CNKI_CAP} and repeats in 0..batch, "
                             f"got batch={batch!r}, repeats={repeats!r}")
    model = Model(vocabulary, seed=seed, start_year=start_year, end_year=end_year, n_cn=n, n_en=0, refs=0)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    return _write_batches(directory, model.papers("cn", n), model, batch=batch, repeats=repeats,
                          abstract_chars=abstract_chars)


def write_demo(directory: str | Path, *, seed: int = 0) -> dict:
    """Write the bundled demo corpus and return what was planted in it.

    300 CNKI records in two RefWorks batch files (6 records repeated across them) and
    300 WoS records in one plain-text file, 2000-2024. Twelve WoS records are the
    English versions of CNKI records and share their DOI, so a merged import keeps
    300 + 300 - 12 = 588 records.

    Parameters
    ----------
    directory : str or pathlib.Path
        Output folder (created).
    seed : int, optional (default=0)
        Seed; the same seed gives byte-identical files.

    Returns
    -------
    dict
        JSON-ready summary: files and their record counts, expected unique records
        and duplicates, the shared DOIs, year ranges, topics and planted trends.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    d, vocab = _DEMO, COUNTERURBANIZATION
    model = Model(vocab, seed=seed, start_year=2000, end_year=2024, n_cn=d["cnki"], n_en=d["wos"], refs=30)
    cn = model.papers("cn", d["cnki"])
    candidates = [i for i, p in enumerate(cn) if p.journal.english and p.year >= 2005]
    chosen = sorted(int(i) for i in model.rng.choice(candidates, size=min(d["paired"], len(candidates)),
                                                               replace=False))
    twins = [model.translate(cn[i]) for i in chosen]
    en = model.papers("en", d["wos"] - len(twins))
    for pos, twin in zip(sorted(int(k) for k in model.rng.choice(d["wos"], size=len(twins), replace=False)),
                         twins):
        en.insert(pos, twin)
    paths = _write_batches(directory, cn, model, batch=d["batch"], repeats=d["repeats"], abstract_chars=250)
    wos = directory / f"download_wos_1-{d['wos']}.txt"
    wos.write_bytes((WOS_HEADER + "".join(wos_record(p, model, 150) for p in en) + WOS_FOOTER).encode("utf-8"))
    n_batches = len(paths)
    files = [{"name": p.name, "format": "cnki_refworks",
              "records": min(d["batch"], d["cnki"] - k * d["batch"]) + (d["repeats"] if k else 0)}
             for k, p in enumerate(paths)]
    files.append({"name": wos.name, "format": "wos_plaintext", "records": len(en)})
    repeats = d["repeats"] * (n_batches - 1)
    return {
        "synthetic": True, "generator": "litmap.synth.write_demo", "seed": seed, "command": DEMO_COMMAND,
        "files": files, "records_read": sum(f["records"] for f in files),
        "unique": {"cnki": len(cn), "wos": len(en), "total": len(cn) + len(en) - len(twins)},
        "duplicates": {"cnki_batch_repeats": repeats, "cnki_wos_same_doi": len(twins),
                       "total": repeats + len(twins)},
        "shared_dois": sorted(t.doi for t in twins),
        "years": {"cnki": [min(p.year for p in cn), max(p.year for p in cn)],
                  "wos": [min(p.year for p in en), max(p.year for p in en)]},
        "topics": [t.name for t in vocab.topics],
        "trends": [{"cn": t.term.cn, "en": t.term.en, "topic": t.topic, "start": t.start, "end": t.end}
                   for t in vocab.trends],
    }


def write_planted(summary: dict, path: str | Path) -> Path:
    """Write a :func:`write_demo` summary as sorted, indented UTF-8 JSON.

    Parameters
    ----------
    summary : dict
        The summary.
    path : str or pathlib.Path
        Output file.

    Returns
    -------
    pathlib.Path
    """
    path = Path(path)
    path.write_text(json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path
