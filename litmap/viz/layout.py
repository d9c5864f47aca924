"""Where and in which colour nodes are drawn: seeded layouts, cluster palette, year ramp.

Positions are computed once in Python (igraph's Fruchterman-Reingold with a private,
seeded random generator), so the same network and seed always give the same
coordinates and a 2 000-node map opens in the browser without a physics simulation.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np

from litmap.errors import ParameterError

__all__ = ["force_layout", "timeline_layout", "timezone_layout", "Guides", "cluster_colors",
           "year_colors", "PALETTE", "OTHER_COLOR",
           "RING_BETWEENNESS", "RING_BURST", "BETWEENNESS_RING_MIN"]

#: Okabe-Ito (without black) followed by Paul Tol's muted scheme: colour-blind safe.
PALETTE: tuple[str, ...] = (
    "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677",
    "#882255", "#AA4499",
)
#: Colour of nodes in clusters beyond the palette or in no cluster.
OTHER_COLOR = "#BBBBBB"
#: CiteSpace's purple ring: betweenness centrality of at least :data:`BETWEENNESS_RING_MIN`.
RING_BETWEENNESS = "#7B2FBE"
#: CiteSpace's red ring: the item has a citation/frequency burst.
RING_BURST = "#E0001B"
BETWEENNESS_RING_MIN = 0.1

# viridis at nine stops (perceptually uniform, colour-blind safe), for the year overlay.
_VIRIDIS = np.array([[68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
                     [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37]], dtype=float)


def force_layout(edges: np.ndarray, n_nodes: int, *, weights: np.ndarray | None = None,
                 seed: int = 0, size: float | None = None) -> np.ndarray:
    """Return seeded Fruchterman-Reingold positions, scaled to a square canvas.

    Parameters
    ----------
    edges : numpy.ndarray
        ``(m, 2)`` integer node ids (0..n_nodes-1).
    n_nodes : int
        Number of nodes (isolated nodes are placed too).
    weights : numpy.ndarray, optional
        ``(m,)`` positive edge weights (attraction multipliers); all 1 when omitted.
    seed : int, optional (default=0)
        Seed of the layout's private random generator; the same seed gives the same
        positions (the global ``random`` state is left untouched).
    size : float, optional
        Side of the square the positions fill, in pixels; ``80 * sqrt(n_nodes)`` (at
        least 900) when omitted.

    Returns
    -------
    numpy.ndarray
        ``(n_nodes, 2)`` float coordinates rounded to 0.1, centred on 0.

    Raises
    ------
    ParameterError
        If ``edges`` refers to a node outside ``0..n_nodes-1`` or weights do not match.
    """
    import igraph

    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    if n_nodes < 0 or edges.size and (edges.min() < 0 or edges.max() >= n_nodes):
        raise ParameterError(f"edges: node ids must lie in 0..{n_nodes - 1}")
    if weights is not None:
        weights = np.asarray(weights, dtype=float)
        if weights.shape != (len(edges),):
            raise ParameterError(f"weights: expected {len(edges)} values, found {weights.shape}")
    size = size if size is not None else max(900.0, 80.0 * np.sqrt(max(n_nodes, 1)))
    if n_nodes == 0:
        return np.zeros((0, 2))
    if n_nodes == 1:
        return np.zeros((1, 2))
    graph = igraph.Graph(n=n_nodes, edges=edges.tolist())
    w = None
    if weights is not None and len(weights):
        top = float(np.max(weights))
        w = (weights / top if top > 0 else np.ones_like(weights)).tolist()
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = np.asarray(graph.layout_fruchterman_reingold(weights=w, niter=500).coords)
    finally:
        igraph.set_random_number_generator(random)
    return _fit(coords, size)


def _fit(coords: np.ndarray, size: float) -> np.ndarray:
    """Centre ``coords`` and scale the larger extent to ``size``; round to 0.1."""
    coords = coords - (coords.max(axis=0) + coords.min(axis=0)) / 2
    extent = float(np.abs(coords).max()) * 2
    if extent > 0:
        coords = coords * (size / extent)
    return np.round(coords, 1) + 0.0  # + 0.0 turns -0.0 into 0.0 for stable output


@dataclass(frozen=True)
class Guides:
    """Axis lines and texts drawn under and over a timeline or timezone view.

    Attributes
    ----------
    lines : list of tuple
        ``(x1, y1, x2, y2)`` segments in layout coordinates (y grows downwards).
    texts : list of tuple
        ``(x, y, text, align, color)``; ``align`` is ``"left"``, ``"center"`` or ``"right"``.
    """

    lines: list = field(default_factory=list)
    texts: list = field(default_factory=list)

    def to_json(self) -> dict:
        """Return the guides as JSON-ready lists.

        Returns
        -------
        dict
            ``{"lines": [...], "texts": [...], "col": <year column width>}``.
        """
        return {"col": _COL, "lines": [[float(v) for v in line] for line in self.lines],
                "texts": [[float(x), float(y), str(t), a, c] for x, y, t, a, c in self.texts]}


_COL = 110.0   # width of one year column, px
_STEP = 30.0   # vertical distance of stacked nodes, px


def _year_columns(years: np.ndarray) -> tuple[np.ndarray, int, int]:
    """Column index per node (unknown year -> -1, a column left of the first year)."""
    years = np.asarray(years, dtype=float)
    known = years[~np.isnan(years)]
    first = int(known.min()) if known.size else 0
    last = int(known.max()) if known.size else 0
    col = np.where(np.isnan(years), -1, np.nan_to_num(years, nan=first) - first).astype(int)
    return col, first, last


def _stack_rank(keys: np.ndarray, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rank of each node within its group ``keys`` (following ``order``) and group sizes."""
    ranks = np.zeros(len(keys), dtype=int)
    sorted_keys = keys[order]
    starts = np.r_[0, np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1]
    lengths = np.diff(np.r_[starts, len(keys)])
    ranks[order] = np.arange(len(keys)) - np.repeat(starts, lengths)
    sizes = np.zeros(len(keys), dtype=int)
    sizes[order] = np.repeat(lengths, lengths)
    return ranks, sizes


def _year_guides(first: int, last: int, has_unknown: bool, top: float, bottom: float) -> Guides:
    guides = Guides()
    cols = range(-1 if has_unknown else 0, last - first + 1)
    for c in cols:
        x = c * _COL
        guides.lines.append((x - _COL / 2, top, x - _COL / 2, bottom))
        guides.texts.append((x, top - 18, "?" if c < 0 else str(first + c), "center", "#333333"))
    guides.lines.append(((last - first + 0.5) * _COL, top, (last - first + 0.5) * _COL, bottom))
    return guides


def timeline_layout(years: np.ndarray, lanes: np.ndarray, *, freq: np.ndarray,
                    lane_names: list[str], lane_colors: list[str]) -> tuple[np.ndarray, Guides]:
    """Return CiteSpace-style timeline positions: one horizontal lane per cluster.

    Each node sits in its cluster's lane at the column of its first year; nodes that
    share a lane and a year are stacked three to a row, the most frequent first.

    Parameters
    ----------
    years : numpy.ndarray
        First year per node (NaN: unknown, drawn in a "?" column on the left).
    lanes : numpy.ndarray
        Lane per node, ``0..len(lane_names)-1``.
    freq : numpy.ndarray
        Frequency per node (stacking order).
    lane_names, lane_colors : list of str
        Text and colour of each lane's label (drawn at the right end of the lane).

    Returns
    -------
    positions : numpy.ndarray
        ``(n, 2)`` coordinates.
    guides : Guides
        Year lines and labels, lane separators and lane labels.
    """
    lanes = np.asarray(lanes, dtype=int)
    if lanes.size and (lanes.min() < 0 or lanes.max() >= len(lane_names)):
        raise ParameterError(f"lanes: expected values in 0..{len(lane_names) - 1}")
    col, first, last = _year_columns(years)
    cell = lanes * 100_000 + col + 1
    order = np.lexsort((np.arange(len(cell)), -np.asarray(freq, dtype=float), cell))
    rank, _ = _stack_rank(cell, order)
    # a crowded cell holds three nodes per row: centre, left, right
    row, side = rank // 3, np.array([0.0, -1.0, 1.0])[rank % 3] * _COL * 0.28
    depth = np.ones(len(lane_names), dtype=int)
    np.maximum.at(depth, lanes, row + 1)
    heights = depth * _STEP + _STEP
    tops = np.r_[0.0, np.cumsum(heights)[:-1]]
    pos = np.column_stack([col * _COL + side, tops[lanes] + _STEP + row * _STEP]).astype(float)
    bottom = float(tops[-1] + heights[-1]) if len(heights) else _STEP
    guides = _year_guides(first, last, bool((col < 0).any()), 0.0, bottom)
    right = (last - first + 0.5) * _COL
    for k, (top, name, color) in enumerate(zip(tops, lane_names, lane_colors)):
        if k:
            guides.lines.append((-_COL, float(top), right, float(top)))
        guides.texts.append((right + 12, float(top) + _STEP, name, "left", color))
    return np.round(pos, 1) + 0.0, guides


def timezone_layout(years: np.ndarray, groups: np.ndarray, *,
                    freq: np.ndarray) -> tuple[np.ndarray, Guides]:
    """Return CiteSpace-style timezone positions: one column per first year.

    Within a column nodes are stacked by group (cluster) and then by frequency,
    alternating left and right of the column centre so their labels overlap less.

    Parameters
    ----------
    years : numpy.ndarray
        First year per node (NaN: unknown, drawn in a "?" column on the left).
    groups : numpy.ndarray
        Cluster per node (nodes of one cluster sit together; -1 last).
    freq : numpy.ndarray
        Frequency per node (most frequent first within a cluster).

    Returns
    -------
    positions : numpy.ndarray
        ``(n, 2)`` coordinates.
    guides : Guides
        Column separators and year labels.
    """
    col, first, last = _year_columns(years)
    groups = np.asarray(groups, dtype=float)
    g = np.where(np.isnan(groups) | (groups < 0), np.inf, groups)
    order = np.lexsort((np.arange(len(col)), -np.asarray(freq, dtype=float), g, col))
    rank, _ = _stack_rank(col, order)
    side = np.where(rank % 2 == 0, -1.0, 1.0) * _COL * 0.18
    pos = np.column_stack([col * _COL + side, _STEP + rank * _STEP * 0.75]).astype(float)
    bottom = float(pos[:, 1].max() + _STEP) if len(pos) else _STEP
    guides = _year_guides(first, last, bool((col < 0).any()), 0.0, bottom)
    return np.round(pos, 1) + 0.0, guides


def cluster_colors(membership: np.ndarray) -> list[str]:
    """Return one palette colour per node from its cluster number.

    Parameters
    ----------
    membership : numpy.ndarray
        Cluster per node (``0`` the largest); negative or NaN means "no cluster".

    Returns
    -------
    list of str
        Hex colours; clusters beyond :data:`PALETTE` get :data:`OTHER_COLOR`.
    """
    values = np.asarray(membership, dtype=float)
    out = []
    for v in values:
        k = -1 if np.isnan(v) else int(v)
        out.append(PALETTE[k] if 0 <= k < len(PALETTE) else OTHER_COLOR)
    return out


def year_colors(years: np.ndarray, *, low: float | None = None,
                high: float | None = None) -> list[str]:
    """Return viridis colours for (average) years: dark purple = oldest, yellow = newest.

    Parameters
    ----------
    years : numpy.ndarray
        A year per node; NaN gives :data:`OTHER_COLOR`.
    low, high : float, optional
        The years mapped to the two ends of the ramp; the data range when omitted.

    Returns
    -------
    list of str
        Hex colours.
    """
    years = np.asarray(years, dtype=float)
    known = years[~np.isnan(years)]
    if known.size == 0:
        return [OTHER_COLOR] * len(years)
    low = float(known.min()) if low is None else low
    high = float(known.max()) if high is None else high
    span = high - low if high > low else 1.0
    t = np.clip((years - low) / span, 0.0, 1.0) * (len(_VIRIDIS) - 1)
    out = []
    for pos in t:
        if np.isnan(pos):
            out.append(OTHER_COLOR)
            continue
        i = min(int(pos), len(_VIRIDIS) - 2)
        rgb = _VIRIDIS[i] + (_VIRIDIS[i + 1] - _VIRIDIS[i]) * (pos - i)
        out.append("#%02X%02X%02X" % tuple(int(round(c)) for c in rgb))
    return out
