"""``litmap network``: build a co-occurrence / co-citation network and write its files."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import click

from litmap.errors import ParameterError

__all__ = ["COMMANDS", "network_cmd"]

_KINDS = ("keyword", "term", "author", "institution", "country", "journal", "reference", "cited_author",
          "cited_journal", "coupling")
_STRENGTHS = ("raw", "cosine", "jaccard", "dice", "inclusion", "equivalence", "association",
              "association-prob", "association-vos", "pmi")
_FORMATS = ("csv", "graphml", "gexf", "pajek", "vosviewer", "vosviewer-json")


def _years(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    m = re.fullmatch(r"\s*(\d{4})\s*[-:]\s*(\d{4})\s*", value)
    if not m:
        raise ParameterError(f"--years: expected FROM-TO such as 2010-2020, got {value!r}")
    return int(m.group(1)), int(m.group(2))


def _ngrams(value: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*-\s*(\d+)\s*", value)
    if not m:
        raise ParameterError(f"--ngrams: expected MIN-MAX such as 2-4, got {value!r}")
    return int(m.group(1)), int(m.group(2))


@click.command("network")
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--type", "kind", type=click.Choice(_KINDS), default="keyword", show_default=True,
              help="Node type.")
@click.option("--years", default=None, metavar="FROM-TO", help="Time span (default: the data's years).")
@click.option("--slice", "slice_years", type=int, default=1, show_default=True, help="Years per slice.")
@click.option("--select", default="g-index:25", show_default=True,
              help="Per-slice selection: g-index:K, top:N, top%:P or all.")
@click.option("--min-count", type=int, default=1, show_default=True, help="Minimum count in a slice.")
@click.option("--strength", type=click.Choice(_STRENGTHS), default="cosine", show_default=True,
              help="Link strength.")
@click.option("--counting", type=click.Choice(("full", "fractional")), default="full", show_default=True)
@click.option("--prune", type=click.Choice(("none", "pathfinder", "mst")), default="none", show_default=True)
@click.option("--prune-scope", type=click.Choice(("merged", "slices", "both")), default="merged",
              show_default=True)
@click.option("--alias", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Alias file (CiteSpace citespace.alias or VOSviewer thesaurus); repeatable.")
@click.option("--exclude", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Exclusion list, one item per line.")
@click.option("--keywords-plus", is_flag=True, help="Add Keywords Plus to author keywords.")
@click.option("--no-plural-merge", is_flag=True, help="Do not merge English plurals.")
@click.option("--weighted-betweenness", is_flag=True, help="Betweenness on 1/strength path lengths.")
@click.option("--centrality", type=click.Choice(("auto", "yes", "no")), default="auto", show_default=True,
              help="Betweenness: auto skips it (with a warning) on networks too large for a minute's work.")
@click.option("--ngrams", default="1-4", show_default=True, metavar="MIN-MAX",
              help="--type term: words per English term.")
@click.option("--user-dict", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="--type term: jieba user dictionary for Chinese text.")
@click.option("--format", "formats", multiple=True, type=click.Choice(_FORMATS),
              help="Exchange formats (default: all); nodes.csv, edges.csv, network.npz and "
                   "params.json are always written.")
@click.option("-o", "--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Output folder.")
def network_cmd(corpus: Path, kind: str, years: str | None, slice_years: int, select: str, min_count: int,
                strength: str, counting: str, prune: str, prune_scope: str, alias: tuple[Path, ...],
                exclude: Path | None, keywords_plus: bool, no_plural_merge: bool, weighted_betweenness: bool,
                centrality: str, ngrams: str, user_dict: Path | None, formats: tuple[str, ...],
                out: Path) -> None:
    """Build a network from a corpus (.parquet from `litmap import`) and write its files.

    The output folder is self-contained: `litmap clusters OUT` reads it back and
    finds the corpus through params.json (path and SHA-256) for cluster labels.
    """
    from litmap.corpus import Corpus
    from litmap.network import build_network, write_network

    data = Corpus.load(corpus)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = build_network(data, kind=kind, years=_years(years), slice_years=slice_years,
                            select=None if select.strip().lower() in ("all", "none") else select,
                            min_count=min_count, strength=strength, counting=counting,
                            prune=None if prune == "none" else prune, prune_scope=prune_scope,
                            alias=list(alias) or None, exclude=exclude, merge_plurals=not no_plural_merge,
                            keywords_plus=keywords_plus, term_ngrams=_ngrams(ngrams), user_dict=user_dict,
                            centrality={"auto": "auto", "yes": True, "no": False}[centrality],
                            weighted_betweenness=weighted_betweenness)
    for w in caught:
        click.echo(f"Warning: {w.message}", err=True)
    files = write_network(net, out, formats=formats or _FORMATS, corpus_path=corpus)
    s = net.summary()
    click.echo(f"{s['kind']} network: {s['nodes']} nodes, {s['edges']} edges, density {s['density']:.4f}, "
               f"{s['components']} components (largest {s['largest_component']})")
    click.echo(f"slices {net.slice_labels[0]}..{net.slice_labels[-1]} ({len(net.slice_labels)}), "
               f"selected per slice: {net.params['selected_per_slice']}")
    click.echo(f"wrote {len(files)} files to {out}")


COMMANDS = [network_cmd]
