"""The report of a multi-analysis run: one section per analysis, in one HTML file.

:func:`litmap.report.write_report` reports one network. A run that maps several
(keyword, author, institution, country, reference, ...) gets this page instead:
the corpus summary and annual output once, then per analysis its numbers (nodes,
links, Q, S, bursts), its interactive map (with timeline and timezone views), its
top items, clusters and bursts (chart and table), then the top actors, the
parameters and the warnings. It is built from the same components as the
one-network report (:mod:`litmap.viz`), so it is self-contained, opens offline and
escapes every string from the data. Corpus-level figures are drawn once, not once
per analysis.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping, Sequence

import pandas as pd

__all__ = ["write_study_report", "TITLES"]

#: Analysis -> section heading.
TITLES: dict[str, str] = {
    "keyword": "Keyword co-occurrence", "term": "Term co-occurrence", "author": "Co-authorship",
    "institution": "Institution collaboration", "country": "Country collaboration",
    "journal": "Journal co-occurrence", "reference": "Document co-citation",
    "cited_author": "Author co-citation", "cited_journal": "Journal co-citation",
    "coupling": "Bibliographic coupling",
}



def _section(key: str, heading: str, inner: str) -> str:
    from litmap.viz import _html

    return (f'<section id="{_html.attr(key)}">\n<h2>{_html.text(heading)}</h2>\n{inner}\n'
            "</section>")


def _metrics(items: Sequence[str]) -> str:
    from litmap.viz import _html

    return '<p class="metrics">' + "".join(f"<span>{_html.text(i)}</span>" for i in items) + "</p>"


def _summary(corpus: Any) -> str:
    from litmap.viz import _html

    recs = corpus.records
    years = pd.to_numeric(recs["year"], errors="coerce").dropna()
    span = f"{int(years.min())}\u2013{int(years.max())}" if len(years) else "unknown"
    dbs = ", ".join(f"{db} {n}" for db, n in recs["db"].value_counts().sort_index().items())
    t = corpus.report.totals()
    files = corpus.report.files
    return (_metrics([f"{len(recs)} records", f"years {span}", f"databases: {dbs or 'none'}",
                      f"read {t['read']}", f"duplicates removed {t['duplicates']}",
                      f"rejected {t['rejected']}"])
            + (_html.table(files, caption="Input files") if len(files) else ""))


def _figure(fig: Any) -> str:
    import matplotlib.pyplot as plt

    from litmap.viz.figures import figure_svg

    try:
        return f'<div class="figure">{figure_svg(fig)}</div>'
    finally:
        plt.close(fig)


def _analysis(section: Any, corpus: Any, top: int, folder: Path) -> str:
    """One analysis' section; its top-item table is also written to ``<analysis>/top_items.csv``."""
    from litmap.burst import top_bursts
    from litmap.report import _top_nodes
    from litmap.viz import _html
    from litmap.viz.network_html import network_fragment

    s, cl = section.summary, section.clusters
    metrics = _metrics([f"{s['nodes']} nodes", f"{s['edges']} links", f"density {s['density']:.4f}",
                        f"{s['clusters']} clusters", f"Q = {cl.modularity:.4f}",
                        f"S = {cl.mean_silhouette:.4f}", f"{s['bursts']} bursts"])
    files = (f"<p>Files: {_html.text(', '.join([*section.files, f'{section.kind}/top_items.csv']))}"
             "</p>")
    the_map = network_fragment(section.network, element_id=f"lm-map-{section.kind}", clusters=cl,
                               bursts=section.bursts, corpus=corpus)
    items = _top_nodes(section.network, section.bursts, 20)  # the corpus-wide tables are shown once
    items.to_csv(folder / section.kind / "top_items.csv", index=False, lineterminator="\n")
    parts = [_html.table(items, caption=f"Top {len(items)} items",
                         formats={"centrality": ".4f", "burst": ".2f", "sigma": ".4f"})]
    cols = [c for c in ("cluster", "size", "silhouette", "mean_year", "label_llr", "label_mi",
                        "label_tfidf") if c in cl.clusters]
    shown = cl.clusters[~cl.clusters["small"]] if "small" in cl.clusters else cl.clusters
    parts.append(_html.table(shown[cols], formats={"silhouette": ".4f", "mean_year": ".1f"},
                             caption="Clusters (small ones left out)"))
    if len(section.bursts.to_frame()):
        chart = f'<div class="figure">{section.burst_svg}</div>' if section.burst_svg else ""
        parts.append(chart + _html.table(top_bursts(section.bursts, top), formats={"strength": ".4f"},
                                         caption=f"Top {top} strongest bursts"))
    else:
        parts.append("<p>No burst was detected.</p>")
    return metrics + files + the_map + '<div class="grid">' + "".join(
        f"<div>{p}</div>" for p in parts) + "</div>"


def _actors(corpus: Any) -> str:
    from litmap.viz.figures import ITEM_COLUMNS, top_items, top_items_figure

    parts = []
    for column in ("authors", "institutions", "countries", "source"):
        name = ITEM_COLUMNS[column]
        frame = top_items(corpus, column, top_n=20)
        if frame.empty:
            parts.append(f"<div><h3>Top {name}</h3><p>No {name} in the records.</p></div>")
        else:
            parts.append(f"<div><h3>Top {name}</h3>"
                         f"{_figure(top_items_figure(frame, title=f'Top {len(frame)} {name}'))}</div>")
    return '<div class="grid">' + "\n".join(parts) + "</div>"


def write_study_report(path: str | Path, corpus: Any, sections: Sequence[Any], *,
                       params: Mapping[str, Any], warnings: Sequence[str], title: str,
                       top: int = 25, annual_svg: str = "") -> Path:
    """Write the report of a multi-analysis run, one section per analysis.

    Parameters
    ----------
    path : str or Path
        Destination ``report.html``; each analysis' top items are written beside it
        as ``<analysis>/top_items.csv``.
    corpus : litmap.Corpus
        The records (summary, annual output, top actors, drill-down in the maps).
    sections : sequence of litmap._stages.Section
        The analyses, in the order of the run.
    params : mapping
        The run's parameters, shown as JSON.
    warnings : sequence of str
        Data warnings, listed at the end.
    title : str
        Page title (plain text).
    top : int, optional (default=25)
        Rows of each burst table.
    annual_svg : str, optional
        The annual-output figure already drawn, as ``<svg>`` markup; drawn when empty.

    Returns
    -------
    Path
        ``path``.
    """
    from litmap.viz import _html
    from litmap.viz.figures import annual_counts, annual_output_figure
    from litmap.viz.network_html import network_assets

    path = Path(path)
    annual = annual_counts(corpus).reset_index()
    if not len(annual):
        chart = "<p>No dated records.</p>"
    else:
        chart = (f'<div class="figure">{annual_svg}</div>' if annual_svg
                 else _figure(annual_output_figure(corpus)))
    parts = [("summary", "Summary", _summary(corpus)),
             ("annual", "Annual output", chart + _html.table(annual))]
    for section in sections:
        parts.append((f"analysis-{section.kind}", TITLES.get(section.kind, section.kind),
                      _analysis(section, corpus, top, path.parent)))
    parts.append(("actors", "Top actors", _actors(corpus)))
    parts.append(("parameters", "Parameters",
                  "<pre>" + _html.text(json.dumps(params, ensure_ascii=False, indent=2, sort_keys=True))
                  + "</pre>"))
    listing = ("<ul>" + "".join(f'<li class="warning">{_html.text(w)}</li>' for w in warnings)
               + "</ul>") if warnings else "<p>None.</p>"
    parts.append(("warnings", "Warnings", listing))
    nav = "<nav>" + "".join(f'<a href="#{_html.attr(k)}">{_html.text(h)}</a>' for k, h, _ in parts) + "</nav>"
    body = f"<h1>{_html.text(title)}</h1>\n{nav}\n" + "\n".join(_section(*p) for p in parts)
    js, css = network_assets()
    path.write_text(_html.page(title, body, css=css + _html.REPORT_CSS, scripts=[js]), encoding="utf-8", newline="\n")
    return path
