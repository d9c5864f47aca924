"""``litmap report``: one self-contained HTML report (plus CSV tables) from a saved corpus."""

from __future__ import annotations

import warnings
from pathlib import Path

import click

__all__ = ["COMMANDS", "report_cmd"]

_KINDS = ("keyword", "term", "author", "institution", "country", "journal", "reference", "cited_author",
          "cited_journal", "coupling")


@click.command("report")
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Report file (*.html); tables are written beside it as <stem>_<table>.csv.")
@click.option("--type", "kind", type=click.Choice(_KINDS), default="keyword", show_default=True,
              help="Node type of the map.")
@click.option("--slice", "slice_years", type=int, default=1, show_default=True, help="Years per slice.")
@click.option("--select", default="g-index:25", show_default=True,
              help="Per-slice selection: g-index:K, top:N, top%:P or all.")
@click.option("--prune", type=click.Choice(("none", "pathfinder", "mst")), default="none",
              show_default=True)
@click.option("--method", type=click.Choice(("leiden", "louvain", "spectral")), default="leiden",
              show_default=True, help="Clustering method.")
@click.option("--min-size", type=int, default=5, show_default=True,
              help="Clusters smaller than this are 'small' (not labelled on the map).")
@click.option("--label-source", type=click.Choice(("title", "keywords", "abstract")), default="title",
              show_default=True, help="Where cluster label terms come from.")
@click.option("--burst-mode", type=click.Choice(("default", "citespace")), default="default",
              show_default=True)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of clustering and layout.")
@click.option("--top", "top_n", type=int, default=20, show_default=True, help="Rows of top tables.")
@click.option("--title", default="litmap report", show_default=True, help="Report title.")
@click.option("--views", "views_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write every view as its own file into this folder: network, timeline and "
                   "timezone maps (HTML) and the figures (SVG and 300-dpi PNG).")
def report_cmd(corpus: Path, out: Path, kind: str, slice_years: int, select: str, prune: str, method: str,
               min_size: int, label_source: str, burst_mode: str, seed: int, top_n: int,
               title: str, views_dir: Path | None) -> None:
    """Build network, clusters and bursts from CORPUS (.parquet) and write the HTML report."""
    from litmap.burst import network_bursts
    from litmap.cluster import cluster_network, label_clusters
    from litmap.corpus import Corpus
    from litmap.network import build_network
    from litmap.report import write_report, write_views
    from litmap.viz.network_html import MapOptions

    data = Corpus.load(corpus)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = build_network(data, kind=kind, slice_years=slice_years,
                            select=None if select.strip().lower() in ("all", "none") else select,
                            prune=None if prune == "none" else prune)
        clusters = cluster_network(net, method=method, seed=seed, min_size=min_size)
        clusters = label_clusters(clusters, net, corpus=data, source=label_source)
        bursts = network_bursts(net, data, mode=burst_mode)
    notes = [str(w.message) for w in caught]
    for note in notes:
        click.echo(f"Warning: {note}", err=True)
    params = {"corpus": str(corpus), "kind": kind, "slice_years": slice_years, "select": select,
              "prune": prune, "method": method, "min_size": min_size, "label_source": label_source,
              "burst_mode": burst_mode, "seed": seed, "top": top_n}
    options = MapOptions(seed=seed)
    path = write_report(out, data, network=net, clusters=clusters, bursts=bursts, params=params,
                        warnings=notes, title=title, top_n=top_n, options=options)
    if views_dir is not None:
        files = write_views(views_dir, data, network=net, clusters=clusters, bursts=bursts,
                            top_n=top_n, options=options)
        click.echo(f"views: {len(files)} files in {views_dir}")
    click.echo(f"report: {path} ({net.summary()['nodes']} nodes, {len(clusters.clusters)} clusters, "
               f"{len(bursts.to_frame())} bursts)")


COMMANDS = [report_cmd]
