"""CiteSpace-style "Top N with the strongest bursts" figure.

One row per item: the item, the first year it appears, the burst strength, begin
and end, and a thin bar across all slices - pale before the item first appears,
blue afterwards and red in its burst slices (in the default mode every level-1
burst of the item is drawn in red; the columns show its strongest one).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from litmap.burst import BurstResult, top_bursts
from litmap.errors import DataError, ParameterError
from litmap.viz._fonts import use_cjk_font

__all__ = ["burst_figure", "save_burst_figure"]

_PALE, _BLUE, _RED = "#c9d3e3", "#2a5caa", "#d62728"
_ROW = 0.26          # inches per row
_COLS = (0.0, 0.42, 0.50, 0.59, 0.66, 0.73)   # item, year, strength, begin, end, bar (fractions)


def burst_figure(result: BurstResult, *, top: int = 25, sort: str = "begin",
                 item_name: str = "Keywords", title: str | None = None, width: float = 10.0) -> Figure:
    """Draw the top bursts as CiteSpace's burst table.

    Parameters
    ----------
    result : BurstResult
        Output of :func:`litmap.burst.detect_bursts` or :func:`~litmap.burst.network_bursts`.
    top : int, optional (default=25)
        Number of items (the strongest ones).
    sort : {"begin", "strength"}, optional (default="begin")
        Row order, as in :func:`litmap.burst.top_bursts`.
    item_name : str, optional (default="Keywords")
        Heading of the item column and word in the title (``References``, ...).
    title : str, optional
        Default ``"Top {n} {item_name} with the Strongest Citation Bursts"``.
    width : float, optional (default=10.0)
        Figure width in inches.

    Returns
    -------
    matplotlib.figure.Figure
    """
    table = top_bursts(result, top, sort=sort)
    if table.empty:
        raise DataError("no bursts to draw: the result has no level-1 burst")
    if width <= 0:
        raise ParameterError(f"width must be > 0, got {width!r}")
    use_cjk_font()
    slices = list(result.slices)
    n_rows = len(table)
    fig = Figure(figsize=(width, 0.9 + _ROW * (n_rows + 1)))
    ax = fig.add_axes((0.01, 0.01, 0.98, 0.98 - 0.5 / fig.get_figheight()))
    ax.set_xlim(0, 1)
    ax.set_ylim(n_rows - 0.4, -1.5)
    ax.axis("off")
    fig.suptitle(title or f"Top {n_rows} {item_name} with the Strongest Citation Bursts",
                 fontsize=12, fontweight="bold", y=1 - 0.12 / fig.get_figheight())
    heads = [item_name, "Year", "Strength", "Begin", "End", f"{slices[0]} - {slices[-1]}"]
    for x, head in zip(_COLS, heads):
        ax.text(x, -0.9, head, fontsize=9, fontweight="bold", va="center")
    ax.plot([0, 1], [-0.5, -0.5], color="#888888", linewidth=0.6)
    cell = (1.0 - _COLS[5]) / len(slices)
    for row, rec in enumerate(table.itertuples(index=False)):
        values = [str(rec.item), _year_text(rec.first), f"{rec.strength:.2f}", str(rec.begin),
                  str(rec.end)]
        for x, value in zip(_COLS, values):
            ax.text(x, row, _clip(value) if x == 0 else value, fontsize=8, va="center")
        colours = _bar_colours(result, rec, slices)
        for t, colour in enumerate(colours):
            height = 0.34 if colour == _RED else 0.16
            # add_artist, not add_patch: the limits are fixed above, so skip the
            # per-patch data-limit update (the drawing is the same)
            ax.add_artist(Rectangle((_COLS[5] + t * cell, row - height / 2), cell, height,
                                    facecolor=colour, edgecolor="none"))
    return fig


def _clip(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _year_text(value: object) -> str:
    try:
        return str(int(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return str(value)


def _bar_colours(result: BurstResult, rec, slices: list) -> list[str]:
    """Colour of every slice of one item's bar."""
    position = {v: i for i, v in enumerate(slices)}
    first = position.get(rec.first)
    if first is None:
        first = next((i for i, v in enumerate(slices) if _year_text(v) == _year_text(rec.first)), 0)
    colours = [_PALE if t < first else _BLUE for t in range(len(slices))]
    rows = result.bursts[(result.bursts["item"] == rec.item) & (result.bursts["level"] == 1)]
    for begin, end in zip(rows["begin"], rows["end"]):
        for t in range(position[begin], position[end] + 1):
            colours[t] = _RED
    return colours


def save_burst_figure(fig: Figure, path: str | Path, *, background: Any = None) -> list[Path]:
    """Write the figure as SVG and as a 300-dpi PNG beside it.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        From :func:`burst_figure`.
    path : str or pathlib.Path
        ``*.svg`` or ``*.png``; the other format is written with the same stem.
    background : litmap._background.Background, optional
        Writes the PNG (the slow part) beside this process; the caller waits for it.

    Returns
    -------
    list of pathlib.Path
        The SVG and PNG paths written (byte-identical on every run).
    """
    path = Path(path)
    if path.suffix.lower() not in (".svg", ".png"):
        raise ParameterError(f"figure path must end in .svg or .png, got {path.name!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    svg, png = path.with_suffix(".svg"), path.with_suffix(".png")
    fig.savefig(svg, format="svg", metadata={"Date": None})
    if background is None:
        _save_png(fig, png)
    else:
        background.submit(_save_png, fig, png)
    return [svg, png]


def _save_png(fig: Figure, path: Path) -> None:
    fig.savefig(path, format="png", dpi=300, metadata={"Software": None})

