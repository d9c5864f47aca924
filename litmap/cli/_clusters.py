"""``litmap clusters`` and ``litmap bursts``: clusters with labels, Q and S; burst tables and figures.

``litmap clusters SOURCE`` accepts either a corpus ``.parquet`` (the network is
built here with the network options) or a folder written by ``litmap network``,
read back whole with :func:`litmap.network.read_network`. Labels come from the
records: the corpus itself, ``--corpus``, or the corpus file the folder's
``params.json`` names (found relative to the folder, checked by SHA-256).
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

import click
import pandas as pd

from litmap.errors import DataError, ParameterError

__all__ = ["COMMANDS", "clusters_cmd", "bursts_cmd"]

_ITEM_NAMES = {"keyword": "Keywords", "term": "Terms", "author": "Authors", "institution": "Institutions",
               "country": "Countries", "journal": "Journals", "reference": "References",
               "cited_author": "Cited Authors", "cited_journal": "Cited Journals", "coupling": "Records"}
_KINDS = tuple(_ITEM_NAMES)


def _network_options(func):
    """Options used when a corpus is given and the network is built here."""
    for opt in reversed([
        click.option("--type", "kind", type=click.Choice(_KINDS), default="keyword", show_default=True,
                     help="Node type (corpus input)."),
        click.option("--years", default=None, metavar="FROM-TO", help="Time span (corpus input)."),
        click.option("--slice", "slice_years", type=int, default=1, show_default=True,
                     help="Years per slice (corpus input)."),
        click.option("--select", default="g-index:25", show_default=True,
                     help="Per-slice selection: g-index:K, top:N, top%:P or all (corpus input)."),
        click.option("--prune", type=click.Choice(("none", "pathfinder", "mst")), default="none",
                     show_default=True, help="Pruning (corpus input)."),
    ]):
        func = opt(func)
    return func


def _build(corpus: Any, opts: dict) -> Any:
    from litmap.network import build_network

    years = None
    if opts["years"]:
        m = re.fullmatch(r"\s*(\d{4})\s*[-:]\s*(\d{4})\s*", opts["years"])
        if not m:
            raise ParameterError(f"--years: expected FROM-TO such as 2010-2020, got {opts['years']!r}")
        years = (int(m.group(1)), int(m.group(2)))
    select = opts["select"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = build_network(corpus, kind=opts["kind"], years=years, slice_years=opts["slice_years"],
                            select=None if select.strip().lower() in ("all", "none") else select,
                            prune=None if opts["prune"] == "none" else opts["prune"])
    for w in caught:
        click.echo(f"Warning: {w.message}", err=True)
    return net


def _folder_corpus(folder: Path, corpus_path: Path | None, required: bool) -> Any:
    """The corpus behind a network folder: ``--corpus``, else the file its params.json names."""
    from litmap.corpus import Corpus
    from litmap.network import recorded_corpus

    if corpus_path is not None:
        return Corpus.load(corpus_path)
    try:
        return Corpus.load(recorded_corpus(folder))
    except DataError as exc:
        if required:
            raise DataError(f"--labels needs the records: {exc}; pass --corpus CORPUS.parquet") from exc
        click.echo(f"Warning: clusters without labels: {exc} (pass --corpus CORPUS.parquet)", err=True)
        return None


@click.command("clusters")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--method", type=click.Choice(("leiden", "louvain", "spectral")), default="leiden",
              show_default=True)
@click.option("--resolution", type=float, default=1.0, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--n-clusters", type=int, default=None, help="Number of clusters (spectral).")
@click.option("--min-size", type=int, default=5, show_default=True, help="Smaller clusters are flagged.")
@click.option("--dissimilarity", type=click.Choice(("hops", "cosine", "none")), default="hops",
              show_default=True, help="Silhouette dissimilarity.")
@click.option("--labels", "label_methods", multiple=True, type=click.Choice(("llr", "mi", "tfidf", "none")),
              help="Labelling methods (default: all three when the records are available).")
@click.option("--source-field", "fields", multiple=True, type=click.Choice(("title", "keywords", "abstract")),
              help="Where label terms come from (default: title); repeatable.")
@click.option("--top", type=int, default=5, show_default=True, help="Label terms per cluster.")
@click.option("--corpus", "corpus_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Corpus .parquet behind a network folder, for labels (default: the one "
                                 "its params.json names).")
@_network_options
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder for clusters.csv, membership.csv, labels.csv, quality.json (default: "
                   "the network folder; none for a corpus).")
def clusters_cmd(source: Path, method: str, resolution: float, seed: int, n_clusters: int | None,
                 min_size: int, dissimilarity: str, label_methods: tuple[str, ...], fields: tuple[str, ...],
                 top: int, corpus_path: Path | None, out: Path | None, **net_opts: Any) -> None:
    """Cluster a network (folder from `litmap network`, or a corpus .parquet) and label the clusters."""
    from litmap.cluster import cluster_network, label_clusters
    from litmap.corpus import Corpus
    from litmap.network import read_network

    methods = [m for m in (label_methods or ("llr", "mi", "tfidf")) if m != "none"]
    if source.is_dir():
        net = read_network(source)
        corpus = _folder_corpus(source, corpus_path, bool(label_methods)) if methods else None
        out = source if out is None else out
    else:
        corpus = Corpus.load(source)
        net = _build(corpus, net_opts)
    result = cluster_network(net, method=method, resolution=resolution, seed=seed, n_clusters=n_clusters,
                             min_size=min_size,
                             dissimilarity=None if dissimilarity == "none" else dissimilarity)
    if methods and corpus is not None:
        result = label_clusters(result, net, corpus=corpus, source=fields or ("title",), methods=methods,
                                top=top)
    click.echo(str(result))
    if out is not None:
        _write_clusters(result, net, out)


def _write_clusters(result: Any, net: Any, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    result.to_frame().to_csv(out / "clusters.csv", index=False, lineterminator="\n")
    members = pd.DataFrame({"node": result.membership.index, "label": net.nodes["label"].to_numpy(),
                            "cluster": result.membership.to_numpy(),
                            "silhouette": result.silhouette.to_numpy()})
    members.to_csv(out / "membership.csv", index=False, lineterminator="\n")
    result.labels.to_csv(out / "labels.csv", index=False, lineterminator="\n")
    quality = {"modularity": result.modularity, "mean_silhouette": result.mean_silhouette,
               "harmonic_mean": result.harmonic_mean, "params": dict(result.params)}
    (out / "quality.json").write_text(json.dumps(quality, indent=2, ensure_ascii=False, sort_keys=True,
                                                 default=str).replace("NaN", "null") + "\n",
                                      encoding="utf-8")
    click.echo(f"wrote clusters.csv, membership.csv, labels.csv, quality.json to {out}")


@click.command("bursts")
@click.argument("corpus_path", metavar="CORPUS", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_network_options
@click.option("--mode", type=click.Choice(("default", "citespace")), default="default", show_default=True)
@click.option("--s", "s", type=float, default=2.0, show_default=True, help="Rate ratio between states.")
@click.option("--gamma", type=float, default=1.0, show_default=True, help="Transition-cost coefficient.")
@click.option("--states", type=int, default=2, show_default=True, help="Number of states (k >= 2).")
@click.option("--min-duration", type=int, default=2, show_default=True)
@click.option("--trans", type=click.Choice(("n", "n+1")), default=None,
              help="Transition cost ln n or ln(n+1) (default: by mode).")
@click.option("--top", type=int, default=25, show_default=True)
@click.option("--sort", type=click.Choice(("strength", "begin")), default="strength", show_default=True)
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="CSV of the top-N table.")
@click.option("--all", "all_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="CSV of every reported burst.")
@click.option("--figure", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Burst figure (.svg; a 300-dpi .png is written beside it).")
def bursts_cmd(corpus_path: Path, mode: str, s: float, gamma: float, states: int, min_duration: int,
               trans: str | None, top: int, sort: str, out: Path | None, all_path: Path | None,
               figure: Path | None, **net_opts: Any) -> None:
    """Detect Kleinberg bursts of the nodes of a network built from CORPUS (.parquet)."""
    from litmap.burst import network_bursts, top_bursts
    from litmap.corpus import Corpus

    corpus = Corpus.load(corpus_path)
    net = _build(corpus, net_opts)
    result = network_bursts(net, corpus, mode=mode, s=s, gamma=gamma, states=states,
                            min_duration=min_duration, trans=trans)
    table = top_bursts(result, top, sort=sort)
    click.echo(result.describe())
    click.echo(table.to_string(index=False, float_format=lambda v: f"{v:.4f}") if len(table) else
               "no bursts")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(out, index=False, float_format="%.4f", lineterminator="\n")
    if all_path is not None:
        all_path.parent.mkdir(parents=True, exist_ok=True)
        result.to_frame().to_csv(all_path, index=False, float_format="%.6f", lineterminator="\n")
    if figure is not None:
        from litmap.viz.bursts import burst_figure, save_burst_figure

        written = save_burst_figure(burst_figure(result, top=top, item_name=_ITEM_NAMES[net_opts["kind"]]),
                                    figure)
        click.echo("wrote " + ", ".join(str(p) for p in written))


COMMANDS = [clusters_cmd, bursts_cmd]
