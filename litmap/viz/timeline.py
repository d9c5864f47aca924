"""Timeline and timezone views (CiteSpace): interactive HTML pages and static figures.

*Timeline*: one horizontal lane per cluster, each node at the year it first appears,
lane labels on the right. *Timezone*: one column per year, each node in the column
of its first year. Both keep the network's links. The HTML versions are the
interactive map (:mod:`litmap.viz.network_html`) opened on that view; the static
versions draw the same positions with matplotlib (SVG and 300-dpi PNG via
:func:`litmap.viz.figures.save_figure`).
"""

from __future__ import annotations

import unicodedata

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from litmap.errors import ParameterError
from litmap.viz._fonts import use_cjk_font
from litmap.viz.layout import RING_BETWEENNESS, RING_BURST
from litmap.viz.network_html import MapOptions, network_payload, write_network_html

__all__ = ["write_timeline_html", "write_timezone_html", "map_figure"]

_STATIC_VIEWS = ("network", "timeline", "timezone")


def write_timeline_html(path: str | Path, graph: Any, *, clusters: Any = None, bursts: Any = None,
                        corpus: Any = None, options: MapOptions | None = None,
                        title: str = "litmap timeline") -> Path:
    """Write the interactive map opened on the timeline view (clusters as lanes).

    Parameters
    ----------
    path : str or pathlib.Path
        Destination ``*.html``.
    graph : litmap.network.Network
        The network.
    clusters, bursts, corpus, options, title
        As in :func:`litmap.viz.network_html.write_network_html`; ``options.view``
        is replaced by ``"timeline"``.

    Returns
    -------
    pathlib.Path
    """
    opts = replace(options or MapOptions(), view="timeline")
    return write_network_html(path, graph, clusters=clusters, bursts=bursts, corpus=corpus,
                              options=opts, title=title)


def write_timezone_html(path: str | Path, graph: Any, *, clusters: Any = None, bursts: Any = None,
                        corpus: Any = None, options: MapOptions | None = None,
                        title: str = "litmap timezone") -> Path:
    """Write the interactive map opened on the timezone view (year columns).

    Parameters
    ----------
    path : str or pathlib.Path
        Destination ``*.html``.
    graph : litmap.network.Network
        The network.
    clusters, bursts, corpus, options, title
        As in :func:`write_timeline_html`; ``options.view`` becomes ``"timezone"``.

    Returns
    -------
    pathlib.Path
    """
    opts = replace(options or MapOptions(), view="timezone")
    return write_network_html(path, graph, clusters=clusters, bursts=bursts, corpus=corpus,
                              options=opts, title=title)


def map_figure(graph: Any, *, clusters: Any = None, bursts: Any = None, view: str = "timeline",
               color: str = "cluster", seed: int = 0, max_edges: int = 3000, label_top: int = 40,
               layout: np.ndarray | None = None):
    """Return a static figure of the network, timeline or timezone view.

    Parameters
    ----------
    graph : litmap.network.Network
        The network.
    clusters : litmap.cluster.ClusterResult, optional
        Colours, lanes and lane labels.
    bursts : litmap.burst.BurstResult, optional
        Red rings.
    view : {"network", "timeline", "timezone"}, optional (default="timeline")
        Which view to draw.
    color : {"cluster", "year"}, optional (default="cluster")
        Cluster colours or the average-year overlay.
    seed : int, optional (default=0)
        Seed of the force layout (network view).
    max_edges : int, optional (default=3000)
        Only the strongest links are drawn (a printed page cannot show more).
    label_top : int, optional (default=40)
        Labels for the most frequent nodes and every ringed node.
    layout : numpy.ndarray, optional
        Force-layout positions from :func:`litmap.viz.network_html.network_layout`
        with the same ``seed`` (e.g. shared with the interactive map); computed when omitted.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure

    if view not in _STATIC_VIEWS:
        raise ParameterError(f"view must be one of {_STATIC_VIEWS}, got {view!r}")
    if isinstance(max_edges, bool) or not isinstance(max_edges, (int, np.integer)) or max_edges < 0:
        raise ParameterError(f"max_edges must be an integer >= 0, got {max_edges!r}")
    data = network_payload(graph, clusters=clusters, bursts=bursts,
                           options=MapOptions(view=view, color=color, seed=seed,
                                              label_top=label_top), layout=layout)
    nodes = data["nodes"]
    scale = 1.0 if view == "network" else data["lane_scale"]
    pos = np.asarray(nodes["pos"][view], dtype=float).reshape(-1, 2)
    size = np.asarray(nodes["size"], dtype=float) * scale
    guides = data["guides"].get(view)
    xs = [pos[:, 0]] + ([np.r_[[t[0] for t in guides["texts"]]]] if guides else [])
    ys = [pos[:, 1]] + ([np.r_[[t[1] for t in guides["texts"]]]] if guides else [])
    x0, x1 = float(np.concatenate(xs).min(initial=0)), float(np.concatenate(xs).max(initial=1))
    y0, y1 = float(np.concatenate(ys).min(initial=0)), float(np.concatenate(ys).max(initial=1))
    right = 2.2 if view == "timeline" else 0.3
    width = float(np.clip((x1 - x0) / 110.0, 6.0, 22.0)) + right
    height = float(np.clip((y1 - y0) / 110.0, 4.0, 22.0))
    use_cjk_font()
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    if guides:
        ax.add_collection(LineCollection([[(a, b), (c, d)] for a, b, c, d in guides["lines"]],
                                         colors="#DDDDDD", linewidths=0.6, zorder=0))
    strength = np.asarray(data["edges"]["width"], dtype=float)
    keep = np.lexsort((np.arange(len(strength)), -strength))[:max_edges]
    src = np.asarray(data["edges"]["source"], dtype=int)[keep]
    dst = np.asarray(data["edges"]["target"], dtype=int)[keep]
    if len(keep):
        segs = np.stack([pos[src], pos[dst]], axis=1)
        ax.add_collection(LineCollection(segs, colors="#8C8C8C", alpha=0.35,
                                         linewidths=0.3 + 0.25 * strength[keep], zorder=1))
    pt = 72.0 / 110.0  # layout px -> points at the figure scale chosen above
    colors = nodes["color"][color]
    ring = np.asarray(nodes["ring"], dtype=int)
    order = np.argsort(size, kind="stable")[::-1]
    ax.scatter(pos[order, 0], pos[order, 1], s=(2 * size[order] * pt) ** 2,
               c=[colors[i] for i in order], edgecolors="#4D4D4D", linewidths=0.4, zorder=2)
    for bit, ring_color, extra in ((1, RING_BETWEENNESS, 3.0), (2, RING_BURST, 6.5)):
        sel = np.flatnonzero(ring & bit)
        if sel.size:
            ax.scatter(pos[sel, 0], pos[sel, 1], s=(2 * (size[sel] + extra) * pt) ** 2,
                       facecolors="none", edgecolors=ring_color, linewidths=1.4, zorder=3)
    freq = np.asarray(nodes["freq"], dtype=float)
    fontsize = 6 + 4 * np.sqrt(freq / max(freq.max(initial=0), 1))
    shown = np.flatnonzero(nodes["shown"])
    # points per layout unit on each axis (the timeline's y axis may be squeezed)
    per = ((width - right) * 72 / max(x1 - x0 + 80, 1), height * 72 / max(y1 - y0 + 100, 1))
    for i in _uncluttered(shown, [nodes["label"][i] for i in shown], pos, size * pt, fontsize, per):
        ax.annotate(nodes["label"][i], (pos[i, 0], pos[i, 1]), xytext=(0, -(size[i] * pt + 2)),
                    textcoords="offset points", ha="center", va="top", zorder=4, fontsize=fontsize[i])
    if guides:
        for x, y, text, align, ink in guides["texts"]:
            ax.text(x, y, text, ha=align, va="center", color=ink, fontsize=9, fontweight="bold",
                    zorder=5)
    ax.set_xlim(x0 - 60, x1 + (40 if view != "timeline" else 20))
    ax.set_ylim(y1 + 60, y0 - 40)  # screen coordinates: y grows downwards
    ax.set_aspect("equal" if view == "network" else "auto")
    return fig


def _uncluttered(ids: np.ndarray, labels: list[str], pos: np.ndarray, radius_pt: np.ndarray,
                 fontsize: np.ndarray, per: tuple[float, float]) -> list[int]:
    """The nodes of ``ids`` whose labels are drawn: the largest first, none over another.

    A label's box is estimated from its length (wide East Asian characters count one
    em, others 0.6) and font size, below its node; ``per`` converts layout units to points on
    the x and y axes. Returns node ids in drawing order.
    """
    placed: list[tuple[float, float, float, float]] = []
    drawn: list[int] = []
    for k in sorted(range(len(ids)), key=lambda k: (-fontsize[ids[k]], k)):
        i = int(ids[k])
        ems = sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in labels[k])
        w, h = ems * fontsize[i] / per[0], 1.2 * fontsize[i] / per[1]
        x, top = pos[i, 0], pos[i, 1] + (radius_pt[i] + 2) / per[1]
        box = (x - w / 2, x + w / 2, top, top + h)
        if all(box[1] <= b[0] or b[1] <= box[0] or box[3] <= b[2] or b[3] <= box[2] for b in placed):
            placed.append(box)
            drawn.append(i)
    return sorted(drawn)
