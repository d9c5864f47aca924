"""The one-file HTML report: summary, annual output, top items, map, clusters, bursts, timeline.

:func:`write_report` renders finished results (it computes nothing but layout) into
one self-contained HTML file that opens offline, and writes every table beside it as
CSV (``<stem>_<table>.csv``) plus the parameters as JSON. Every string from the data
is escaped; the interactive map is the same component as
:func:`litmap.viz.network_html.write_network_html`, inlined once.
"""

from __future__ import annotations

import json
import warnings as _warnings
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from litmap._background import Background
from litmap.errors import ParameterError
from litmap.viz import _html
from litmap.viz.figures import (ITEM_COLUMNS, annual_counts, annual_output_figure, figure_svg,
                                save_figure, top_items, top_items_figure)
from litmap.viz.network_html import (MapOptions, network_assets, network_fragment, network_layout,
                                     write_network_html)
from litmap.viz.timeline import map_figure

__all__ = ["write_report", "write_views", "report_tables", "SECTIONS"]

#: Report sections, in order: (element id, heading).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", "Summary"), ("annual", "Annual output"), ("top-items", "Top items"),
    ("network", "Network map"), ("clusters", "Clusters"), ("bursts", "Bursts"),
    ("timeline", "Timeline"), ("actors", "Top actors"), ("parameters", "Parameters"),
    ("warnings", "Warnings"),
)
_ACTORS = ("authors", "institutions", "countries", "source")
_LISTED = 200  # rejected / duplicate rows listed in the page


def _top_nodes(network: Any, bursts: Any, top_n: int) -> pd.DataFrame:
    """Most frequent nodes with centrality, first year and strongest burst."""
    from litmap.burst import sigma

    nodes = network.nodes
    frame = pd.DataFrame({"node": np.arange(len(nodes)), "item": nodes["label"].astype(str),
                          "frequency": nodes["freq"].to_numpy(),
                          "centrality": nodes["betweenness"].to_numpy(dtype=float).round(4),
                          "first_year": nodes["first_year"].to_numpy(),
                          "burst": np.nan, "burst_begin": None, "burst_end": None})
    if bursts is not None and not bursts.to_frame().empty:
        table = bursts.to_frame()
        key = table["node"] if "node" in table else table["item"].map(
            {label: i for i, label in enumerate(frame["item"])})
        table = table.assign(node_id=key).dropna(subset=["node_id"])
        table = table.sort_values(["strength", "node_id"], ascending=[False, True], kind="stable")
        best = table.drop_duplicates("node_id").set_index("node_id")
        ids = frame["node"].to_numpy()
        frame["burst"] = best["strength"].reindex(ids).to_numpy(dtype=float).round(4)
        frame["burst_begin"] = best["begin"].reindex(ids).to_numpy()
        frame["burst_end"] = best["end"].reindex(ids).to_numpy()
    frame["sigma"] = np.round(sigma(frame["centrality"].to_numpy(), frame["burst"].to_numpy()), 4)
    frame = frame.sort_values(["frequency", "item"], ascending=[False, True], kind="stable")
    return frame.drop(columns="node").head(top_n).reset_index(drop=True)


def report_tables(corpus: Any, *, network: Any = None, clusters: Any = None, bursts: Any = None,
                  top_n: int = 20) -> dict[str, pd.DataFrame]:
    """Return every table of the report (also the CSV files :func:`write_report` writes).

    Parameters
    ----------
    corpus : litmap.Corpus
        The records.
    network : litmap.network.Network, optional
        Gives the ``top_items`` table (frequency, centrality, first year, burst).
    clusters : litmap.cluster.ClusterResult, optional
        Gives the ``clusters`` table.
    bursts : litmap.burst.BurstResult, optional
        Gives the ``bursts`` table.
    top_n : int, optional (default=20)
        Rows of the top-item and actor tables.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``files, rejected, duplicates`` (from ``corpus.report``), ``annual,
        top_items, clusters, bursts, top_<field>`` (only those that can be built from
        the inputs given).
    """
    if isinstance(top_n, bool) or not isinstance(top_n, (int, np.integer)) or top_n < 1:
        raise ParameterError(f"top_n must be an integer >= 1, got {top_n!r}")
    tables = {"files": corpus.report.files.copy(), "rejected": corpus.report.rejected.copy(),
              "duplicates": corpus.report.duplicates.copy(),
              "annual": annual_counts(corpus).reset_index()}
    if network is not None:
        tables["top_items"] = _top_nodes(network, bursts, top_n)
    else:
        tables["top_items"] = top_items(corpus, "keywords", top_n=top_n)
    if clusters is not None:
        cols = ["cluster", "size", "silhouette", "mean_year", "small", "label_llr", "label_mi",
                "label_tfidf"]
        table = clusters.clusters
        tables["clusters"] = table[[c for c in cols if c in table]].round(
            {"silhouette": 4, "mean_year": 1}).reset_index(drop=True)
    if bursts is not None:
        from litmap.burst import top_bursts

        frame = bursts.to_frame()
        tables["bursts"] = (top_bursts(bursts, max(top_n, 25)) if not frame.empty else
                            frame[["item", "strength", "begin", "end"]])
    for column in _ACTORS:
        tables[f"top_{ITEM_COLUMNS[column]}"] = top_items(corpus, column, top_n=top_n)
    return tables


def _section(key: str, inner: str) -> str:
    heading = dict(SECTIONS)[key]
    return f'<section id="{key}">\n<h2>{_html.text(heading)}</h2>\n{inner}\n</section>'


def _figure(fig: Any) -> str:
    return f'<div class="figure">{figure_svg(fig)}</div>'


def _drawn(svg: str) -> str:
    return f'<div class="figure">{svg}</div>'


def _summary(corpus: Any, tables: dict[str, pd.DataFrame]) -> str:
    recs = corpus.records
    years = pd.to_numeric(recs["year"], errors="coerce").dropna()
    span = f"{int(years.min())}\u2013{int(years.max())}" if len(years) else "unknown"
    dbs = ", ".join(f"{db} {n}" for db, n in recs["db"].value_counts().sort_index().items())
    t = corpus.report.totals()
    metrics = (f"<span>{len(recs)} records</span><span>years {_html.text(span)}</span>"
               f"<span>databases: {_html.text(dbs or 'none')}</span>"
               f"<span>read {t['read']}</span><span>duplicates removed {t['duplicates']}</span>"
               f"<span>rejected {t['rejected']}</span>")
    files = tables["files"]
    listing = _html.table(files, caption="Input files") if len(files) else ""
    for name, what in (("rejected", "rejected records"), ("duplicates", "duplicates removed")):
        frame = tables[name]
        if len(frame):
            note = f" (first {_LISTED} shown; all in the CSV)" if len(frame) > _LISTED else ""
            listing += (f"<details><summary>{len(frame)} {what}{note}</summary>"
                        f"{_html.table(frame.head(_LISTED))}</details>")
    return f'<p class="metrics">{metrics}</p>\n{listing}'


def _clusters_html(clusters: Any, tables: dict[str, pd.DataFrame]) -> str:
    if clusters is None:
        return "<p>No clusters were given.</p>"
    table = tables["clusters"]
    shown = table[~table["small"]] if "small" in table else table
    metrics = (f"<span>Q = {clusters.modularity:.4f}</span>"
               f"<span>S = {clusters.mean_silhouette:.4f}</span>"
               f"<span>harmonic mean = {clusters.harmonic_mean:.4f}</span>"
               f"<span>{len(table)} clusters, {len(shown)} shown (not small)</span>")
    return (f'<p class="metrics">{metrics}</p>\n'
            + _html.table(shown.drop(columns=["small"], errors="ignore"),
                          formats={"silhouette": ".4f", "mean_year": ".1f"}))


def _bursts_html(bursts: Any, tables: dict[str, pd.DataFrame], top_n: int, svg: str | None) -> str:
    if bursts is None:
        return "<p>No bursts were given.</p>"
    table = tables["bursts"]
    if table.empty:
        return "<p>No burst was detected.</p>"
    if svg is None:
        from litmap.viz.bursts import burst_figure

        chart = _figure(burst_figure(bursts, top=max(top_n, 25)))
    else:
        chart = _drawn(svg)
    return chart + "\n" + _html.table(table, formats={"strength": ".4f"})


def _timeline_svg(network: Any, clusters: Any, bursts: Any, seed: int, layout: Any) -> str:
    """The timeline chart as a figure ``<div>``."""
    fig = map_figure(network, clusters=clusters, bursts=bursts, view="timeline", max_edges=1500,
                     label_top=30, seed=seed, layout=layout)
    return _figure(fig)


def _actors_html(tables: dict[str, pd.DataFrame]) -> str:
    parts = []
    for column in _ACTORS:
        name = ITEM_COLUMNS[column]
        frame = tables[f"top_{name}"]
        if frame.empty:
            parts.append(f"<div><h3>Top {name}</h3><p>No {name} in the records.</p></div>")
            continue
        fig = top_items_figure(frame, title=f"Top {len(frame)} {name}")
        parts.append(f"<div><h3>Top {name}</h3>{_figure(fig)}</div>")
    return '<div class="grid">' + "\n".join(parts) + "</div>"


def _params(network: Any, clusters: Any, bursts: Any, params: Mapping[str, Any] | None) -> dict:
    out: dict[str, Any] = {}
    for name, obj in (("network", network), ("clusters", clusters), ("bursts", bursts)):
        if obj is not None and getattr(obj, "params", None) is not None:
            out[name] = dict(obj.params)
    if params:
        out["run"] = dict(params)
    return json.loads(json.dumps(out, default=str, sort_keys=True))


def write_report(path: str | Path, corpus: Any, *, network: Any = None, clusters: Any = None,
                 bursts: Any = None, params: Mapping[str, Any] | None = None,
                 warnings: Iterable[str] = (), title: str = "litmap report", top_n: int = 20,
                 options: MapOptions | None = None, svgs: Mapping[str, str] | None = None,
                 background: Any = None) -> Path:
    """Write the one-file HTML report and its tables (CSV) and parameters (JSON).

    Parameters
    ----------
    path : str or pathlib.Path
        Destination ``*.html``; ``<stem>_<table>.csv`` and ``<stem>_params.json`` are
        written beside it.
    corpus : litmap.Corpus
        The records (summary, annual output, top actors, drill-down records).
    network : litmap.network.Network, optional
        The map, the top-item table and the timeline.
    clusters : litmap.cluster.ClusterResult, optional
        The cluster table (with Q and S), colours and lanes.
    bursts : litmap.burst.BurstResult, optional
        The burst table and chart, red rings.
    params : mapping, optional
        Extra parameters to record (e.g. the run configuration).
    warnings : iterable of str, optional
        Warnings to list in the report (figure warnings are added).
    title : str, optional
        Report title (plain text).
    top_n : int, optional (default=20)
        Rows of the top tables.
    options : MapOptions, optional
        Drawing options of the interactive map.
    svgs : mapping of str to str, optional
        Figures already drawn, as ``<svg>`` markup, used instead of drawing them
        again: ``"annual"`` (annual output) and ``"bursts"`` (burst chart), e.g.
        the SVG files a run has just written.
    background : litmap._background.Background, optional
        Draws the timeline chart beside this process while the rest is built.

    Returns
    -------
    pathlib.Path
        The HTML file written.
    """
    path = Path(path)
    svgs = dict(svgs or {})
    if set(svgs) - {"annual", "bursts"}:
        raise ParameterError(f"svgs: expected the keys 'annual' and 'bursts', got {sorted(svgs)}")
    tables = report_tables(corpus, network=network, clusters=clusters, bursts=bursts, top_n=top_n)
    notes = [str(w) for w in warnings]
    with _warnings.catch_warnings(record=True) as caught:
        _warnings.simplefilter("always")
        body = _body(corpus, network, clusters, bursts, tables, params, top_n, options, svgs, background)
    notes += sorted({str(w.message) for w in caught})
    if network is None:
        notes.append("no network given: the map, timeline and top-item centralities are left out")
    listing = ("<ul>" + "".join(f'<li class="warning">{_html.text(w)}</li>' for w in notes)
               + "</ul>") if notes else "<p>None.</p>"
    nav = "<nav>" + "".join(f'<a href="#{k}">{_html.text(h)}</a>' for k, h in SECTIONS) + "</nav>"
    page_body = (f"<h1>{_html.text(title)}</h1>\n{nav}\n{body}\n"
                 + _section("warnings", listing))
    js, css = network_assets() if network is not None else ("", "")
    html_text = _html.page(title, page_body, css=css + _html.REPORT_CSS, scripts=[js] if js else [])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html_text, encoding="utf-8", newline="\n")
    for name, frame in tables.items():
        frame.to_csv(path.with_name(f"{path.stem}_{name}.csv"), index=False, lineterminator="\n")
    path.with_name(f"{path.stem}_params.json").write_text(
        json.dumps(_params(network, clusters, bursts, params), ensure_ascii=False, indent=2,
                   sort_keys=True) + "\n", encoding="utf-8")
    return path


def _body(corpus: Any, network: Any, clusters: Any, bursts: Any, tables: dict[str, pd.DataFrame],
          params: Mapping[str, Any] | None, top_n: int, options: MapOptions | None,
          svgs: dict[str, str], background: Any = None) -> str:
    """All sections but the warnings list (the timeline chart drawn by ``background`` if given)."""
    parts = [_section("summary", _summary(corpus, tables))]
    annual = tables["annual"]
    if not len(annual):
        annual_fig = "<p>No dated records.</p>"
    else:
        annual_fig = (_drawn(svgs["annual"]) if "annual" in svgs
                      else _figure(annual_output_figure(corpus)))
    parts.append(_section("annual", annual_fig + _html.table(annual)))
    kind = network.params.get("kind", "item") if network is not None else "keyword"
    parts.append(_section("top-items", _html.table(
        tables["top_items"], caption=f"Top {len(tables['top_items'])} {kind} items",
        formats={"centrality": ".4f", "burst": ".2f", "sigma": ".4f"})))
    # the force layout is the costly part of a map: computed once for the map and the timeline
    layout = network_layout(network, seed=(options or MapOptions()).seed) if network is not None else None
    timeline = None
    if network is not None and len(network.nodes):
        timeline = (background or Background(enabled=False)).submit(
            _timeline_svg, network, clusters, bursts, (options or MapOptions()).seed, layout)
    if network is not None:
        parts.append(_section("network", "<p>Hover a node for its details; click a node or a "
                              "link to list its records; switch to the timeline, timezone or "
                              "average-year views above the map.</p>\n"
                              + network_fragment(network, clusters=clusters, bursts=bursts,
                                                 corpus=corpus, options=options, layout=layout)))
    else:
        parts.append(_section("network", "<p>No network was given.</p>"))
    parts.append(_section("clusters", _clusters_html(clusters, tables)))
    parts.append(_section("bursts", _bursts_html(bursts, tables, top_n, svgs.get("bursts"))))
    actors = _actors_html(tables)
    if timeline is not None:
        parts.append(_section("timeline", timeline.result()))
    else:
        parts.append(_section("timeline", "<p>No network was given.</p>"))
    parts.append(_section("actors", actors))
    dump = json.dumps(_params(network, clusters, bursts, params), ensure_ascii=False, indent=2,
                      sort_keys=True)
    parts.append(_section("parameters", f"<pre>{_html.text(dump)}</pre>"))
    return "\n".join(parts)


def write_views(path: str | Path, corpus: Any, *, network: Any = None, clusters: Any = None,
                bursts: Any = None, top_n: int = 20, options: MapOptions | None = None) -> list[Path]:
    """Write every view as its own file into a folder: maps as HTML, figures as SVG and PNG.

    ``network.html``, ``timeline.html``, ``timezone.html`` (the interactive map opened
    on each view), ``map_network``, ``map_timeline``, ``map_timezone``, ``bursts``,
    ``annual`` and ``top_<field>`` figures (``.svg`` and 300-dpi ``.png``).

    Parameters
    ----------
    path : str or pathlib.Path
        Output folder (created).
    corpus : litmap.Corpus
        The records.
    network, clusters, bursts : optional
        As in :func:`write_report`; the maps need ``network``.
    top_n : int, optional (default=20)
        Bars of the top-item charts.
    options : MapOptions, optional
        Drawing options of the maps (the view is set per file).

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    from dataclasses import replace

    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    opts = options or MapOptions()
    written: list[Path] = []
    if network is not None:
        layout = network_layout(network, seed=opts.seed)
        for view in ("network", "timeline", "timezone"):
            written.append(write_network_html(folder / f"{view}.html", network, clusters=clusters,
                                              bursts=bursts, corpus=corpus,
                                              options=replace(opts, view=view),
                                              title=f"litmap {view}", layout=layout))
            fig = map_figure(network, clusters=clusters, bursts=bursts, view=view, seed=opts.seed,
                             layout=layout)
            written += save_figure(fig, folder / f"map_{view}")
    if bursts is not None and not bursts.to_frame().empty:
        from litmap.viz.bursts import burst_figure

        written += save_figure(burst_figure(bursts, top=max(top_n, 25)), folder / "bursts")
    if pd.to_numeric(corpus.records["year"], errors="coerce").notna().any():
        written += save_figure(annual_output_figure(corpus), folder / "annual")
    for column in ("keywords", *_ACTORS):
        frame = top_items(corpus, column, top_n=top_n)
        if len(frame):
            name = ITEM_COLUMNS[column]
            written += save_figure(top_items_figure(frame, title=f"Top {len(frame)} {name}"),
                                   folder / f"top_{name}")
    return written
