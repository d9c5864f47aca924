"""``litmap run``: from export files to a report, in one repeatable call.

:func:`run_study` reads the exports, builds one network per analysis (keyword,
author, institution, country, reference, ...), clusters and labels it, detects
bursts, writes the network files, tables and figures, and the one-file HTML
report. Everything is written into a staging folder that replaces the output
folder only when the whole run succeeded (:mod:`litmap._staging`); the folder's
``manifest.json`` records versions, parameters, seeds, input hashes and record
counts, and ``timings.json`` the time and peak memory of every stage.
"""

from __future__ import annotations

import contextlib
import gc
import glob
import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping

from litmap import _stages
from litmap._background import Background
from litmap._checks import data_warnings
from litmap._progress import StageLog
from litmap._staging import staged_output
from litmap.config import default_config, validate_config
from litmap.errors import DataError, ParameterError
from litmap.manifest import build_manifest, files_sha256, output_hashes, write_json

__all__ = ["RunResult", "run_study", "demo_inputs", "demo_config"]

_REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class RunResult:
    """What a run produced.

    Attributes
    ----------
    out_dir : Path
        The output folder.
    report : Path
        The HTML report inside it.
    manifest : dict
        The content of ``manifest.json``.
    timings : dict
        The content of ``timings.json`` (time and peak memory per stage).
    warnings : tuple of str
        Warnings about the data, as shown and as written into the report.
    """

    out_dir: Path
    report: Path
    manifest: dict
    timings: dict
    warnings: tuple[str, ...]


def _check_inputs(paths: list[str], out: str) -> list[str]:
    """Fail early, with one line, on a missing export path or an output folder among the inputs."""
    if not paths:
        raise ParameterError("input.paths: no export files given (pass EXPORTS... or set input.paths)")
    target = Path(out).absolute()
    for p in paths:
        if not Path(p).exists() and not (any(c in p for c in "*?[") and glob.glob(p, recursive=True)):
            raise ParameterError(f"input: {p}: no such file or folder")
        folder = Path(p).absolute()
        if folder.is_dir() and (target == folder or folder in target.parents):
            raise ParameterError(f"output: {target} is inside the input folder {folder}; a second run "
                                 f"would read the first one's files: choose an output folder elsewhere")
    return paths


def _check_lists(net: Mapping[str, Any]) -> list[str]:
    """Fail early on a missing alias table or exclusion list; return those given."""
    given = [net[key] for key in ("alias", "exclude") if net[key]]
    for key in ("alias", "exclude"):
        if net[key] and not Path(net[key]).is_file():
            raise ParameterError(f"network.{key}: {net[key]}: no such file")
    return given


_DEVELOPER_WARNINGS = (DeprecationWarning, PendingDeprecationWarning, FutureWarning)


@contextlib.contextmanager
def _stage(log: StageLog, name: str) -> Iterator[None]:
    """A timed stage whose warnings about the data become warnings of the run.

    Deprecation and future warnings speak to developers, not to the user about the
    data: they are passed on to Python's warning machinery unchanged.
    """
    caught: list[warnings.WarningMessage] = []
    try:
        with log.stage(name), warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            try:
                yield
            finally:
                caught.extend(record)
                if gc.get_freeze_count() and not gc.isenabled():  # in _frozen_heap
                    gc.collect(0)  # this stage's new objects only: frees its figures' cycles
    finally:
        for w in caught:
            if issubclass(w.category, _DEVELOPER_WARNINGS):
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            else:
                log.warn(str(w.message))


@contextlib.contextmanager
def _frozen_heap() -> Iterator[None]:
    """Leave the objects alive now (the corpus just read) out of garbage collection.

    A large corpus is millions of small lists and strings. Every full pass of the
    cyclic garbage collector walks all of them (seconds per pass at 1M records), and
    the later stages allocate enough to trigger many passes. Inside this context the
    corpus is frozen (:func:`gc.freeze`: skipped by the collector, still freed by
    reference counting) and automatic collection is off; :func:`_stage` collects the
    youngest generation once at the end of each stage, a pass over the objects made
    since the previous pass only, which frees the stage's cyclic garbage (figures).
    On exit, collection is restored as it was and the corpus unfrozen.
    """
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.unfreeze()


def run_study(config: Mapping[str, Any], *, log: StageLog | None = None) -> RunResult:
    """Run a whole study: read, map every analysis, write the report and the manifest.

    Parameters
    ----------
    config : mapping
        A (possibly partial) study configuration, see :mod:`litmap.config`;
        ``input.paths`` and ``output.dir`` say what to read and where to write.
    log : StageLog, optional
        Receives progress lines and warnings (default: one line per stage on stderr).

    Returns
    -------
    RunResult

    Raises
    ------
    LitmapError
        On bad parameters, missing inputs, unreadable exports, or an analysis the
        data cannot support when it is the only one asked for. The output folder
        is then left exactly as it was.
    """
    config = validate_config(config)
    log = log if log is not None else StageLog()
    inputs = _check_inputs(config["input"]["paths"], config["output"]["dir"])
    net = config["network"]
    lists = _check_lists(net)
    with staged_output(config["output"]["dir"]) as tmp:
        with _stage(log, "read"):
            corpus = _stages.read_corpus(inputs, config)
        background = Background()  # PNG files are written beside the main process
        try:
            with _frozen_heap():
                manifest, report, timings = _map_and_report(corpus, config, lists, tmp, log, background)
        finally:
            background.terminate()  # only does something when a stage failed
    out = Path(config["output"]["dir"]).absolute()
    return RunResult(out_dir=out, report=out / report.relative_to(tmp), manifest=manifest,
                     timings=timings, warnings=tuple(log.warnings))


def _map_and_report(corpus: Any, config: Mapping[str, Any], lists: list[str], tmp: Path,
                    log: StageLog, background: Background) -> tuple[dict, Path, dict]:
    """Every stage after reading; return the manifest, the report path and the timings."""
    net = config["network"]
    inputs = [*corpus.report.files["path"], *lists]
    # input hashes and corpus figures: on the CPU the stages below leave idle
    early = background.submit(_early_outputs, inputs, corpus, tmp / "figures")
    log.info(corpus.report.to_text())
    _stages.write_import_tables(corpus, tmp / "import")
    for message in data_warnings(corpus, analyses=net["analyses"], alias=net["alias"]):
        log.warn(message)
    sections, summaries = [], {}
    for kind in net["analyses"]:
        section = _run_analysis(kind, corpus, config, tmp, log, background)
        summaries[kind] = section.summary if section is not None else {"skipped": True}
        if section is not None:
            sections.append(section)
            s = section.summary
            log.info(f"{kind}: {s['nodes']} nodes, {s['edges']} links, {s['clusters']} clusters "
                     f"(Q = {s['modularity']:.4f}, S = {s['mean_silhouette']:.4f}), {s['bursts']} bursts")
    with _stage(log, "figures"):
        hashes, figures = early.result()
    with _stage(log, "report"):
        annual = next((_stages.svg_markup(p) for p in figures if p.suffix == ".svg"), "")
        report = _stages.write_report(corpus, sections, config, list(log.warnings), tmp,
                                      annual_svg=annual, background=background)
    with _stage(log, "manifest"):
        background.wait()  # every file is written before the outputs are hashed
        manifest = build_manifest(config=config, inputs=inputs, counts=_counts(corpus),
                                  analyses=summaries, warnings=log.warnings,
                                  outputs=output_hashes(tmp), input_hashes=hashes)
        write_json(manifest, tmp / "manifest.json")
    timings = log.to_dict()
    write_json(timings, tmp / "timings.json")
    return manifest, report, timings


def _early_outputs(inputs: list[str], corpus: Any, folder: Path) -> tuple[dict[str, str], list[Path]]:
    """The inputs' SHA-256 and the corpus figures written."""
    return files_sha256(inputs), _stages.write_corpus_figures(corpus, folder)


def _run_analysis(kind: str, corpus: Any, config: Mapping[str, Any], tmp: Path,
                  log: StageLog, background: Background) -> "_stages.Section | None":
    """Map one analysis; in a multi-analysis run, data that cannot support it gives a warning."""
    from litmap.network.items import CITATION_KINDS

    multi = len(config["network"]["analyses"]) > 1
    if kind in CITATION_KINDS and not corpus.records["cited_refs"].map(len).any():
        message = (f"{kind}: the records hold no cited references (CNKI, Wanfang and RIS exports "
                   f"carry none); use WoS, Scopus or CSSCI exports for co-citation")
        if not multi:
            raise DataError(message)
        log.warn(message + "; analysis skipped")
        return None
    try:
        return _stages.map_analysis(kind, corpus, config, tmp / kind, stage=lambda n: _stage(log, n),
                                    background=background)
    except DataError as exc:
        if not multi:
            raise
        shutil.rmtree(tmp / kind, ignore_errors=True)  # no half-written analysis folder
        log.warn(f"{kind}: {exc}; analysis skipped")
        return None


def _counts(corpus: Any) -> dict[str, Any]:
    files = corpus.report.files
    per_file = [{k: (int(row[k]) if k in ("read", "kept", "duplicates", "rejected") else str(row[k]))
                 for k in ("path", "format", "encoding", "read", "kept", "duplicates", "rejected")}
                for _, row in files.iterrows()]
    return {**corpus.report.totals(), "files": per_file}


def demo_inputs() -> tuple[list[str], str]:
    """Return the demo exports and the bilingual alias table shipped in ``corpora/``.

    When litmap is installed without the repository's ``corpora/`` folder, the
    demo corpus is generated (seeded, so always the same) into a temporary folder;
    the alias table then is absent and the keyword map is not merged across languages.

    Returns
    -------
    tuple of (list of str, str)
        Export paths and the alias table path ("" when none is available).
    """
    demo = _REPO / "corpora" / "demo"
    alias = _REPO / "corpora" / "alias" / "counterurbanization.alias"
    if not demo.is_dir():
        demo = _generated_demo()
    exports = sorted(str(p) for p in demo.iterdir() if p.is_file() and p.suffix.lower() != ".md")
    return exports, str(alias) if alias.is_file() else ""


def _generated_demo() -> Path:
    """The demo corpus written by the seeded generator into a cache folder (once)."""
    from litmap import __version__
    from litmap.synth import write_demo

    cache = Path(tempfile.gettempdir()) / f"litmap-demo-{__version__}"
    if not cache.is_dir():
        tmp = Path(tempfile.mkdtemp(prefix=f"{cache.name}.", dir=cache.parent))
        write_demo(tmp)
        try:
            os.replace(tmp, cache)
        except OSError:  # another process was faster: use its copy
            shutil.rmtree(tmp, ignore_errors=True)
    return cache


def demo_config(out: str | Path) -> dict[str, dict[str, Any]]:
    """Return the study configuration of ``litmap demo``.

    Parameters
    ----------
    out : str or Path
        Output folder.

    Returns
    -------
    dict
        Defaults with the demo inputs, the bilingual alias table, and three
        analyses: one bilingual keyword map, co-authorship and (from the WoS part)
        document co-citation.
    """
    exports, alias = demo_inputs()
    config = default_config()
    config["input"]["paths"] = exports
    config["output"]["dir"] = str(Path(out).absolute())
    config["output"]["title"] = "litmap demo: counter-urbanization (synthetic corpus)"
    config["network"]["alias"] = alias
    config["network"]["analyses"] = ["keyword", "author", "reference"]
    return validate_config(config)
