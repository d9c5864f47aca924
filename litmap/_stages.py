"""The stages of ``litmap run``, each a thin call into the library.

:func:`read_corpus` reads the exports; :func:`map_analysis` builds one network,
clusters and labels it, detects bursts and writes its files into a folder named
after the analysis; :func:`write_report` writes the HTML report of all analyses.
The stage modules do the work; this module only passes the study configuration
to them and names the files.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, ContextManager, Mapping, Sequence

import pandas as pd

from litmap._background import Background
from litmap.corpus import Corpus

__all__ = ["Section", "read_corpus", "write_import_tables", "write_corpus_figures", "map_analysis",
           "write_report", "svg_markup"]

Stage = Callable[[str], ContextManager[None]]


@dataclass(frozen=True)
class Section:
    """The results of one analysis, as the report shows them.

    Attributes
    ----------
    kind : str
        Node type (``"keyword"``, ``"author"``, ...).
    network : litmap.network.Network
    clusters : litmap.cluster.ClusterResult
    bursts : litmap.burst.BurstResult
    summary : dict
        Nodes, edges, clusters, Q, S and bursts found (recorded in the manifest).
    files : list of str
        Files written for this analysis, relative to the output folder.
    burst_svg : str
        The burst chart as inline ``<svg>`` markup ("" when there is no burst).
    """

    kind: str
    network: Any
    clusters: Any
    bursts: Any
    summary: dict = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    burst_svg: str = ""


def read_corpus(paths: Sequence[str], config: Mapping[str, Any]) -> Corpus:
    """Read the exports with the ``[input]`` settings.

    Parameters
    ----------
    paths : sequence of str
        Files, folders or globs.
    config : mapping
        The study configuration.

    Returns
    -------
    Corpus
    """
    from litmap.io import read

    fmt = config["input"]["format"]
    return read(list(paths), format=None if fmt == "auto" else fmt,
                on_bad_record=config["input"]["on_bad_record"])


def _csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def write_import_tables(corpus: Corpus, folder: Path) -> list[Path]:
    """Write the import report: ``files.csv``, ``rejected.csv``, ``duplicates.csv``.

    Parameters
    ----------
    corpus : Corpus
    folder : Path
        Created when absent.

    Returns
    -------
    list of Path
    """
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in ("files", "rejected", "duplicates"):
        path = folder / f"{name}.csv"
        _csv(getattr(corpus.report, name), path)
        out.append(path)
    return out


def write_corpus_figures(corpus: Corpus, folder: Path) -> list[Path]:
    """Write the annual-output figure (SVG and 300-dpi PNG) for theses and slides.

    Parameters
    ----------
    corpus : Corpus
    folder : Path
        Created when absent.

    Returns
    -------
    list of Path
        The files written (none when no record has a year).
    """
    import matplotlib.pyplot as plt

    from litmap.viz.figures import annual_counts, annual_output_figure, save_figure

    if annual_counts(corpus).empty:
        return []
    fig = annual_output_figure(corpus)
    try:
        return save_figure(fig, folder / "annual_output.svg")
    finally:
        plt.close(fig)


def _years(corpus: Corpus, net: Mapping[str, Any]) -> tuple[int, int] | None:
    """``(from, to)`` of the run; a 0 bound takes the data's first / last year."""
    if not net["from_year"] and not net["to_year"]:
        return None
    known = pd.to_numeric(corpus.records["year"], errors="coerce").dropna()
    lo = net["from_year"] or (int(known.min()) if len(known) else net["to_year"])
    hi = net["to_year"] or (int(known.max()) if len(known) else net["from_year"])
    return int(lo), int(hi)


def _network(corpus: Corpus, kind: str, net: Mapping[str, Any]) -> Any:
    from litmap.network import build_network

    return build_network(corpus, kind=kind, years=_years(corpus, net), slice_years=net["slice_years"],
                         select=net["select"], min_count=net["min_count"], strength=net["strength"],
                         counting=net["counting"], prune=None if net["prune"] == "none" else net["prune"],
                         prune_scope=net["prune_scope"], alias=net["alias"] or None,
                         exclude=net["exclude"] or None, merge_plurals=net["merge_plurals"],
                         keywords_plus=net["keywords_plus"],
                         weighted_betweenness=net["weighted_betweenness"])


def map_analysis(kind: str, corpus: Corpus, config: Mapping[str, Any], folder: Path, *,
                 stage: Stage = lambda name: contextlib.nullcontext(),
                 background: Background | None = None) -> Section:
    """Build, cluster, label and burst-detect one network and write its files.

    Parameters
    ----------
    kind : str
        Node type, e.g. ``"keyword"``.
    corpus : Corpus
    config : mapping
        The study configuration.
    folder : Path
        Folder for this analysis' files (created).
    stage : callable, optional
        ``stage(name)`` returns a context manager that times a stage.
    background : Background, optional
        Writes the PNG of the burst chart beside this process (the caller waits for it).

    Returns
    -------
    Section
    """
    from litmap.burst import network_bursts, top_bursts
    from litmap.cluster import cluster_network, label_clusters
    from litmap.network.export import FORMATS, exchange_paths, write_exchange, write_network

    cl, bu = config["cluster"], config["burst"]
    with stage(f"{kind}: network"):
        network = _network(corpus, kind, config["network"])
    with stage(f"{kind}: clusters"):
        clusters = cluster_network(network, method=cl["method"], resolution=cl["resolution"],
                                   seed=cl["seed"], min_size=cl["min_size"])
    with stage(f"{kind}: labels"):
        clusters = label_clusters(clusters, network, corpus=corpus, source=tuple(cl["label_source"]),
                                  top=cl["label_top"])
    with stage(f"{kind}: bursts"):
        bursts = network_bursts(network, corpus, mode=bu["mode"], s=bu["s"], gamma=bu["gamma"],
                                states=bu["states"], min_duration=bu["min_duration"])
    with stage(f"{kind}: files"):
        write_network(network, folder, formats=("csv",), clusters=clusters.membership)
        runner = background or Background(enabled=False)
        runner.submit(write_exchange, network, folder, formats=FORMATS, clusters=clusters.membership)
        _csv(clusters.clusters, folder / "clusters.csv")
        _csv(clusters.labels, folder / "cluster_labels.csv")
        _csv(bursts.to_frame(), folder / "bursts.csv")
        svg, written = "", exchange_paths(folder)
        if len(bursts.to_frame()):
            _csv(top_bursts(bursts, bu["top"]), folder / "top_bursts.csv")
            svg, figure = _burst_figure(bursts, bu["top"], kind, folder / "bursts.svg", runner)
            written += figure
        if background is None:
            runner.wait()  # the work was done here: issue its warnings now
    summary = {**network.summary(), "clusters": int(len(clusters.clusters)),
               "modularity": round(float(clusters.modularity), 6),
               "mean_silhouette": round(float(clusters.mean_silhouette), 6),
               "bursts": int(len(bursts.to_frame()))}
    files = sorted({p.relative_to(folder.parent).as_posix() for p in [*folder.iterdir(), *written]})
    return Section(kind, network, clusters, bursts, summary, files, svg)


def _burst_figure(bursts: Any, top: int, kind: str, path: Path, background: Background
                  ) -> tuple[str, list[Path]]:
    """Write the burst chart as SVG and PNG; return the SVG markup to inline in a page, and the files."""
    import matplotlib.pyplot as plt

    from litmap.viz.bursts import burst_figure, save_burst_figure

    name = {"reference": "References", "cited_author": "Cited Authors",
            "cited_journal": "Cited Journals"}.get(kind, kind.replace("_", " ").title() + "s")
    fig = burst_figure(bursts, top=top, item_name=name)
    try:
        written = save_burst_figure(fig, path, background=background)
    finally:
        plt.close(fig)
    return svg_markup(path), written


def svg_markup(path: Path) -> str:
    """Return an SVG file's ``<svg>`` element (without prolog), to inline in a page.

    Parameters
    ----------
    path : Path
        An SVG file written by matplotlib.

    Returns
    -------
    str
    """
    text = path.read_text(encoding="utf-8")
    return text[text.index("<svg"):]


def write_report(corpus: Corpus, sections: Sequence[Section], config: Mapping[str, Any],
                 warnings: Sequence[str], folder: Path, *, annual_svg: str = "",
                 background: Background | None = None) -> Path:
    """Write ``report.html``: the full report of one analysis, or a study page over several.

    With one analysis, ``report.html`` is :func:`litmap.report.write_report`'s report
    (with its tables as ``report_*.csv``). With several, it holds one section per
    analysis (:mod:`litmap._study_report`).

    Parameters
    ----------
    corpus : Corpus
    sections : sequence of Section
    config : mapping
        The study configuration (shown in the report; ``output.dir`` left out).
    warnings : sequence of str
        Data warnings shown in the report.
    folder : Path
        The output folder.
    annual_svg : str, optional
        The annual-output figure already written (:func:`write_corpus_figures`), as
        ``<svg>`` markup; drawn again when empty. The burst charts come from the sections.
    background : Background, optional
        Draws charts of the one-analysis report beside this process.

    Returns
    -------
    Path
        ``folder / "report.html"``.
    """
    from litmap.report import write_report as full_report

    params = {s: {k: v for k, v in keys.items() if (s, k) != ("output", "dir")} for s, keys in config.items()}
    title = config["output"]["title"]
    if len(sections) == 1:
        one = sections[0]
        svgs = {k: v for k, v in (("annual", annual_svg), ("bursts", one.burst_svg)) if v}
        return full_report(folder / "report.html", corpus, network=one.network, clusters=one.clusters,
                           bursts=one.bursts, params=params, warnings=list(warnings), title=title,
                           svgs=svgs, background=background)
    from litmap._study_report import write_study_report

    return write_study_report(folder / "report.html", corpus, sections, params=params,
                              warnings=list(warnings), title=title, annual_svg=annual_svg)
