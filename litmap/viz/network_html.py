"""Offline interactive network maps (vis-network, the library pyvis wraps) in one HTML file.

The page is built from a JSON island (see :func:`litmap.viz._html.json_island`) and
the vis-network 9.1.2 script bundled with pyvis, both inlined: it opens with no
network access. pyvis's own template loads its scripts from CDNs and pastes node
titles into the page as HTML, so litmap uses the same vis-network library through a
template of its own in which all data is written as text.

CiteSpace conventions: node size grows with frequency, colour marks the cluster (or,
in the overlay colouring, the average publication year), a purple ring marks
betweenness centrality >= 0.1 and a red ring a burst. Three views share one page:
the force-directed network, the timeline (clusters as lanes) and the timezone (year
columns).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from litmap.errors import ParameterError
from litmap.viz import _html
from litmap.viz._records import node_records, records_table
from litmap.viz.layout import (BETWEENNESS_RING_MIN, OTHER_COLOR, PALETTE, RING_BETWEENNESS,
                               RING_BURST, cluster_colors, force_layout, timeline_layout,
                               timezone_layout, year_colors)

__all__ = ["MapOptions", "network_layout", "network_payload", "network_fragment",
           "render_network_html", "write_network_html", "network_assets"]

_VIEWS = ("network", "timeline", "timezone")
_COLORINGS = ("cluster", "year")
_LABEL_METHODS = ("llr", "mi", "tfidf")


@dataclass(frozen=True)
class MapOptions:
    """How a map is drawn (nothing here changes the analysis).

    Attributes
    ----------
    view : {"network", "timeline", "timezone"}
        The view shown first (all three can be switched to in the page).
    color : {"cluster", "year"}
        Colouring shown first: cluster palette or average-year overlay.
    seed : int
        Seed of the force layout.
    physics : bool or None
        Run vis-network's physics after loading; ``None``: only for maps of at most
        ``physics_max`` nodes.
    physics_max : int
        Largest map that gets physics when ``physics`` is ``None``.
    label_top : int
        Node labels drawn for the ``label_top`` most frequent nodes (and every ringed
        node); the others show their label on hover.
    label_method : {"llr", "mi", "tfidf"}
        Which cluster label to draw (CiteSpace's default is LLR).
    max_lanes : int
        Clusters drawn as their own timeline lane and legend entry; the rest share
        an "other clusters" lane.
    """

    view: str = "network"
    color: str = "cluster"
    seed: int = 0
    physics: bool | None = None
    physics_max: int = 150
    label_top: int = 60
    label_method: str = "llr"
    max_lanes: int = 12

    def __post_init__(self) -> None:
        for name, allowed in (("view", _VIEWS), ("color", _COLORINGS),
                              ("label_method", _LABEL_METHODS)):
            if getattr(self, name) not in allowed:
                raise ParameterError(f"{name} must be one of {allowed}, got {getattr(self, name)!r}")
        for name in ("physics_max", "label_top", "max_lanes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
                raise ParameterError(f"{name} must be an integer >= 0, got {value!r}")
        if self.max_lanes > len(PALETTE):
            raise ParameterError(f"max_lanes must be at most {len(PALETTE)} (palette size)")


def _num(values: Any, digits: int | None = None) -> list:
    """JSON-ready numbers (NaN -> None), optionally rounded (``digits=0`` gives ints)."""
    arr = np.asarray(values, dtype=float)
    arr = np.round(arr, digits) if digits is not None else arr
    return [None if np.isnan(v) else int(v) if digits == 0 else float(v) for v in arr]


def _node_bursts(bursts: Any, nodes: pd.DataFrame) -> list:
    """Strongest burst per node: ``[strength, begin, end]`` or ``None``."""
    out: list = [None] * len(nodes)
    if bursts is None:
        return out
    frame = bursts.to_frame() if hasattr(bursts, "to_frame") else pd.DataFrame(bursts)
    if frame.empty:
        return out
    if "node" in frame:
        ids = pd.to_numeric(frame["node"], errors="coerce")
    else:
        lookup = {label: i for i, label in enumerate(nodes["label"])}
        ids = frame["item"].map(lookup)
    frame = frame.assign(node_id=ids).dropna(subset=["node_id"])
    frame = frame.sort_values(["strength", "node_id"], ascending=[False, True], kind="stable")
    for row in frame.drop_duplicates("node_id").itertuples(index=False):
        i = int(row.node_id)
        if 0 <= i < len(out):
            out[i] = [round(float(row.strength), 4), str(row.begin), str(row.end)]
    return out


def _average_years(graph: Any) -> np.ndarray:
    """Mean publication year of the records containing each node (NaN when none is dated)."""
    inc = graph.incidence.tocsr().astype(float)
    years = np.asarray(graph.record_years, dtype=float)
    dated = (years >= 0).astype(float)
    total = inc.T @ (years * dated)
    count = inc.T @ dated
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.where(count > 0, count, 1), np.nan)


def _clusters(graph: Any, clusters: Any, opts: MapOptions) -> tuple[np.ndarray, list]:
    """Cluster per node (-1 none) and the cluster table rows for the page."""
    n = len(graph.nodes)
    if clusters is None:
        return np.full(n, -1), []
    member = pd.to_numeric(clusters.membership.reindex(range(n)), errors="coerce")
    member = member.fillna(-1).to_numpy(dtype=int)
    table = clusters.clusters.set_index("cluster")
    column = f"label_{opts.label_method}"
    rows = []
    for k in range(max(int(member.max(initial=-1)), int(table.index.max()) if len(table) else -1) + 1):
        known = k in table.index
        label = table.at[k, column] if known and column in table else ""
        label = "" if label is None or label != label else str(label)
        small = bool(table.at[k, "small"]) if known and "small" in table else False
        color = PALETTE[k] if k < len(PALETTE) else OTHER_COLOR
        rows.append({"label": label, "size": int(table.at[k, "size"]) if known else 0,
                     "color": color, "ink": _ink(color),
                     "draw": known and k < opts.max_lanes and not small})
    return member, rows


def _lanes(member: np.ndarray, drawn: np.ndarray, rows: list, clusters: Any) -> tuple:
    """Timeline lane per node, and lane names and colours: drawn clusters, then the rest."""
    ids = sorted(set(member[drawn].tolist()))
    lane_of = {k: i for i, k in enumerate(ids)}
    names = [f"#{k} {rows[k]['label']}" for k in ids]
    inks = [rows[k]["ink"] for k in ids]
    if not drawn.all():
        names.append("other clusters" if clusters is not None else "all nodes")
        inks.append("#555555")
    lanes = np.array([lane_of[k] if d else len(ids) for k, d in zip(member, drawn)], dtype=int)
    return lanes, {"lane_names": names, "lane_colors": inks}


def _label_margin(lane_text: dict) -> int:
    """Screen pixels kept right of the timeline for its lane labels (wide CJK characters count 2)."""
    widest = max((sum(2 if ord(ch) >= 0x2E80 else 1 for ch in name)
                  for name in lane_text["lane_names"]), default=0)
    return int(min(420, 40 + 9 * widest))


def _ink(color: str) -> str:
    """A darker shade of ``color`` for text drawn on white."""
    rgb = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)], dtype=float) * 0.6
    return "#%02X%02X%02X" % tuple(int(c) for c in rgb)


def network_layout(graph: Any, *, seed: int = 0) -> np.ndarray:
    """Return the force-directed positions of the network view (the costly part of a map).

    Compute them once and pass them as ``layout`` to every map and figure of the
    same network and seed, instead of letting each one compute them again.

    Parameters
    ----------
    graph : litmap.network.Network
        The network to draw.
    seed : int, optional (default=0)
        Seed of the layout (:attr:`MapOptions.seed`).

    Returns
    -------
    numpy.ndarray
        ``(n_nodes, 2)`` coordinates (see :func:`litmap.viz.layout.force_layout`).
    """
    edges = graph.edges
    return force_layout(edges[["source", "target"]].to_numpy(dtype=np.int64), len(graph.nodes),
                        weights=edges["strength"].to_numpy(dtype=float), seed=seed)


def _checked_layout(layout: Any, n: int) -> np.ndarray:
    positions = np.asarray(layout, dtype=float)
    if positions.shape != (n, 2):
        raise ParameterError(f"layout: expected {n} x 2 positions (network_layout), "
                             f"got shape {positions.shape}")
    return positions


def network_payload(graph: Any, *, clusters: Any = None, bursts: Any = None, corpus: Any = None,
                    options: MapOptions | None = None, layout: np.ndarray | None = None) -> dict:
    """Return everything the page needs, as JSON-ready data (positions included).

    Parameters
    ----------
    graph : litmap.network.Network
        The network to draw.
    clusters : litmap.cluster.ClusterResult, optional
        Colours, cluster labels and timeline lanes; without it every node is grey.
    bursts : litmap.burst.BurstResult, optional
        Red rings and burst lines in the tooltips (matched by ``node`` or label).
    corpus : litmap.Corpus, optional
        The records listed when a node or a link is clicked.
    options : MapOptions, optional
        Drawing options; defaults when omitted.
    layout : numpy.ndarray, optional
        Positions of the network view from :func:`network_layout` with
        ``options.seed``; computed when omitted.

    Returns
    -------
    dict
        Columnar node data, edges, records, clusters, guides and options.
    """
    opts = options or MapOptions()
    nodes = graph.nodes
    n = len(nodes)
    freq = nodes["freq"].to_numpy(dtype=float)
    first = pd.to_numeric(nodes["first_year"], errors="coerce").to_numpy(dtype=float)
    first = np.where(first < 0, np.nan, first)
    between = nodes["betweenness"].to_numpy(dtype=float)
    edges = graph.edges
    pairs = edges[["source", "target"]].to_numpy(dtype=np.int64)
    strength = edges["strength"].to_numpy(dtype=float)
    member, cluster_rows = _clusters(graph, clusters, opts)
    burst = _node_bursts(bursts, nodes)
    avg = _average_years(graph)

    top = freq.max() if n and freq.max() > 0 else 1.0
    size = np.round(7 + 28 * np.sqrt(freq / top), 1)
    ring = (between >= BETWEENNESS_RING_MIN).astype(int) + 2 * np.array([b is not None for b in burst],
                                                                       dtype=int)
    order = np.lexsort((np.arange(n), -freq))
    shown = np.zeros(n, dtype=bool)
    shown[order[:opts.label_top]] = True
    shown |= ring > 0
    font = np.round(16 + 14 * np.sqrt(freq / top)).astype(int)

    drawn = np.array([0 <= k < len(cluster_rows) and cluster_rows[k]["draw"] for k in member],
                     dtype=bool)
    lanes, lane_text = _lanes(member, drawn, cluster_rows, clusters)
    t_pos, t_guides = timeline_layout(first, lanes, freq=freq, **lane_text)
    z_pos, z_guides = timezone_layout(first, member, freq=freq)
    f_pos = (network_layout(graph, seed=opts.seed) if layout is None
             else _checked_layout(layout, n))
    records, row_index = records_table(graph, corpus)
    physics = opts.physics if opts.physics is not None else n <= opts.physics_max
    known_avg = avg[~np.isnan(avg)]
    avg_range = [float(known_avg.min()), float(known_avg.max())] if known_avg.size else [None, None]
    known_first = first[~np.isnan(first)]
    years = [int(known_first.min()), int(known_first.max())] if known_first.size else [0, 0]
    ramp = year_colors(np.linspace(0, 1, 9), low=0.0, high=1.0)
    wtop = strength.max() if len(strength) and strength.max() > 0 else 1.0
    edge_alpha = float(np.clip(0.35 * np.sqrt(1000 / max(len(pairs), 1)), 0.06, 0.35))
    return {
        "view": opts.view, "color": opts.color, "physics": bool(physics), "years": years,
        "nodes": {
            "label": [str(v) for v in nodes["label"]],
            "labels": [[str(x) for x in v] if isinstance(v, (list, tuple, np.ndarray)) else [str(v)]
                       for v in (nodes["labels"] if "labels" in nodes else nodes["label"])],
            "freq": _num(freq, 0), "year": _num(first, 0), "avg_year": _num(avg, 2),
            "betweenness": _num(between, 4), "degree": _num(nodes["degree"], 0),
            "size": size.tolist(), "font": font.tolist(), "shown": shown.tolist(),
            "ring": ring.tolist(), "burst": burst,
            "cluster": [int(k) if k >= 0 else None for k in member],
            "color": {"cluster": cluster_colors(np.where(drawn, member, np.nan)),
                      "year": year_colors(avg)},
            "pos": {"network": f_pos.tolist(), "timeline": t_pos.tolist(),
                    "timezone": z_pos.tolist()},
            "records": node_records(graph, row_index),
        },
        "edges": {"source": pairs[:, 0].tolist(), "target": pairs[:, 1].tolist(),
                  "count": _num(edges["count"], 2),
                  "width": np.round(0.5 + 5.5 * strength / wtop, 2).tolist()},
        "records": records, "clusters": cluster_rows,
        "other_clusters": bool((~drawn).any() and clusters is not None),
        "other_color": OTHER_COLOR,
        "guides": {"timeline": {**t_guides.to_json(), "margin": _label_margin(lane_text)},
                   "timezone": {**z_guides.to_json(), "margin": 20}},
        "lane_scale": 0.45,
        "rings": {"betweenness": RING_BETWEENNESS, "burst": RING_BURST,
                  "min_betweenness": BETWEENNESS_RING_MIN},
        "ramp": ramp, "avg_years": avg_range,
        # labels and links stay readable when a big map is zoomed out to fit
        "font_scale": round(float(np.ptp(f_pos[:, 0])) / 900.0, 3) if n > 1 else 1.0,
        "edge_color": f"rgba(110,110,110,{edge_alpha:.3f})",
    }


def network_assets() -> tuple[str, str]:
    """Return the page script and style (vis-network plus litmap's map code).

    Returns
    -------
    tuple of str
        ``(javascript, css)``, both trusted code to inline once per page.
    """
    vis_js, vis_css = _html.vis_assets()
    folder = resources.files("litmap.viz.assets")
    js = folder.joinpath("network.js").read_text(encoding="utf-8")
    css = folder.joinpath("network.css").read_text(encoding="utf-8")
    return vis_js + "\n" + js, vis_css + "\n" + css


def network_fragment(graph: Any, *, element_id: str = "lm-map", clusters: Any = None,
                     bursts: Any = None, corpus: Any = None,
                     options: MapOptions | None = None, layout: np.ndarray | None = None) -> str:
    """Return the map's markup and JSON island (without scripts), to place in a page.

    The page must inline :func:`network_assets` once, after every fragment.

    Parameters
    ----------
    graph : litmap.network.Network
        The network to draw.
    element_id : str, optional (default="lm-map")
        Unique id prefix within the page.
    clusters, bursts, corpus, options, layout
        As in :func:`network_payload`.

    Returns
    -------
    str
    """
    data = network_payload(graph, clusters=clusters, bursts=bursts, corpus=corpus,
                           options=options, layout=layout)
    island = f"{element_id}-data"
    return (f'<div class="lm-net" id="{_html.attr(element_id)}" data-island="{_html.attr(island)}">\n'
            '<div class="lm-toolbar">'
            '<input type="search" class="lm-search" placeholder="Search labels" '
            'aria-label="Search labels">'
            '<label>Years <input type="number" class="lm-y0" aria-label="first year"> to '
            '<input type="number" class="lm-y1" aria-label="last year"></label>'
            '<label>View <select class="lm-view"><option value="network">network</option>'
            '<option value="timeline">timeline</option><option value="timezone">timezone</option>'
            '</select></label>'
            '<label>Colour <select class="lm-color"><option value="cluster">cluster</option>'
            '<option value="year">average year (overlay)</option></select></label>'
            '<span class="lm-status" role="status"></span></div>\n'
            '<div class="lm-main"><div class="lm-canvas"></div>'
            '<aside class="lm-panel"><div class="lm-legend"></div><div class="lm-records">'
            '<p>Click a node or a link to list the records behind it.</p></div></aside>'
            '<div class="lm-tip" hidden></div></div>\n</div>\n'
            + _html.json_island(island, data))


def render_network_html(graph: Any, *, clusters: Any = None, bursts: Any = None,
                        corpus: Any = None, options: MapOptions | None = None,
                        title: str = "litmap network", layout: np.ndarray | None = None) -> str:
    """Return a complete, self-contained HTML page with the interactive map.

    Parameters
    ----------
    graph : litmap.network.Network
        The network to draw.
    clusters, bursts, corpus, options, layout
        As in :func:`network_payload`.
    title : str, optional
        Page title and heading (plain text).

    Returns
    -------
    str
    """
    js, css = network_assets()
    body = (f'<h1 class="lm-h1">{_html.text(title)}</h1>\n'
            + network_fragment(graph, clusters=clusters, bursts=bursts, corpus=corpus,
                               options=options, layout=layout))
    css += "\nbody { margin: 12px; } .lm-h1 { font: 600 18px sans-serif; margin: 0 0 8px 0; }"
    return _html.page(title, body, css=css, scripts=[js])


def write_network_html(path: str | Path, graph: Any, *, clusters: Any = None, bursts: Any = None,
                       corpus: Any = None, options: MapOptions | None = None,
                       title: str = "litmap network", layout: np.ndarray | None = None) -> Path:
    """Write the interactive map as one self-contained HTML file.

    Parameters
    ----------
    path : str or pathlib.Path
        Destination (``*.html``); parent folders are created.
    graph : litmap.network.Network
        The network to draw.
    clusters, bursts, corpus, options, title, layout
        As in :func:`render_network_html`.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    page = render_network_html(graph, clusters=clusters, bursts=bursts, corpus=corpus,
                               options=options, title=title, layout=layout)
    path.write_text(page, encoding="utf-8", newline="\n")
    return path
