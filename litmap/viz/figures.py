"""Static figures for theses and papers: annual output and top-item bar charts (matplotlib).

Figures are built on :class:`matplotlib.figure.Figure` objects (no pyplot state) with a
CJK font when one is installed, and written by :func:`save_figure` as SVG plus a
300-dpi PNG. SVG output is deterministic: no date, a fixed hash salt, text kept as
text.
"""

from __future__ import annotations

import re
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from litmap.errors import ParameterError
from litmap.viz._fonts import use_cjk_font
from litmap.viz.layout import PALETTE

__all__ = ["annual_counts", "top_items", "annual_output_figure", "top_items_figure",
           "save_figure", "figure_svg", "ITEM_COLUMNS"]

#: Fields that can be counted by :func:`top_items`, with their display names.
ITEM_COLUMNS: dict[str, str] = {"keywords": "keywords", "authors": "authors",
                                "institutions": "institutions", "countries": "countries",
                                "source": "journals"}
_DB_NAMES = {"cnki": "CNKI", "cssci": "CSSCI", "wanfang": "Wanfang", "wos": "Web of Science",
             "scopus": "Scopus", "ris": "RIS"}
_SVG_RC = {"svg.hashsalt": "litmap", "svg.fonttype": "none"}


def annual_counts(corpus: Any) -> pd.DataFrame:
    """Return the number of records per publication year and database.

    Parameters
    ----------
    corpus : litmap.Corpus
        The records.

    Returns
    -------
    pandas.DataFrame
        Index ``year`` (every year from the first to the last, gaps filled with 0),
        one integer column per database (sorted), and ``total``. Records without a
        year are not counted.
    """
    recs = corpus.records
    years = pd.to_numeric(recs["year"], errors="coerce")
    frame = pd.DataFrame({"year": years, "db": recs["db"].fillna("unknown").astype(str)})
    frame = frame.dropna(subset=["year"])
    if frame.empty:
        return pd.DataFrame({"total": pd.Series(dtype="int64")}, index=pd.Index([], name="year"))
    frame["year"] = frame["year"].astype(int)
    table = pd.crosstab(frame["year"], frame["db"]).sort_index(axis=1)
    table = table.reindex(range(int(table.index.min()), int(table.index.max()) + 1), fill_value=0)
    table.index.name = "year"
    table.columns.name = None
    table["total"] = table.sum(axis=1)
    return table.astype("int64")


def top_items(corpus: Any, column: str = "keywords", *, top_n: int = 20) -> pd.DataFrame:
    """Return the items found in most records (keywords, authors, institutions, ...).

    Parameters
    ----------
    corpus : litmap.Corpus
        The records.
    column : {"keywords", "authors", "institutions", "countries", "source"}, optional
        The field counted (``source`` = journals). An item counts once per record.
    top_n : int, optional (default=20)
        Rows returned (ties broken by item text).

    Returns
    -------
    pandas.DataFrame
        Columns ``item, records``, most frequent first.
    """
    if column not in ITEM_COLUMNS:
        raise ParameterError(f"column must be one of {tuple(ITEM_COLUMNS)}, got {column!r}")
    if isinstance(top_n, bool) or not isinstance(top_n, (int, np.integer)) or top_n < 1:
        raise ParameterError(f"top_n must be an integer >= 1, got {top_n!r}")
    values = corpus.records[column]
    if column == "source":
        items = values.dropna().astype(str).str.strip()
        items = items[items != ""]
    else:  # once per record: (record, item) pairs without repeats
        lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
        flat = np.array([str(x).strip() for x in chain.from_iterable(values)], dtype=object)
        pairs = pd.DataFrame({"record": np.repeat(np.arange(len(values)), lengths), "item": flat})
        items = pairs[pairs["item"].to_numpy() != ""].drop_duplicates()["item"]
    counts = items.value_counts()
    frame = pd.DataFrame({"item": counts.index.astype(str), "records": counts.to_numpy(dtype="int64")})
    frame = frame.sort_values(["records", "item"], ascending=[False, True], kind="stable")
    return frame.head(top_n).reset_index(drop=True)


def _new_figure(width: float, height: float):
    from matplotlib.figure import Figure

    use_cjk_font()
    return Figure(figsize=(width, height), layout="constrained")


def annual_output_figure(corpus: Any, *, title: str = "Annual publications by database"):
    """Return a grouped bar chart of records per year, one bar colour per database.

    Parameters
    ----------
    corpus : litmap.Corpus
        The records (e.g. CNKI and Web of Science together).
    title : str, optional
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    table = annual_counts(corpus)
    dbs = [c for c in table.columns if c != "total"]
    fig = _new_figure(max(6.0, 0.35 * len(table) + 2), 4.0)
    ax = fig.add_subplot()
    years = table.index.to_numpy()
    width = 0.8 / max(len(dbs), 1)
    for k, db in enumerate(dbs):
        ax.bar(years - 0.4 + width * (k + 0.5), table[db].to_numpy(), width=width,
               color=PALETTE[k % len(PALETTE)], label=_DB_NAMES.get(db, db))
    ax.set_xlabel("Publication year")
    ax.set_ylabel("Records")
    ax.set_title(title)
    if len(years):
        step = max(1, int(np.ceil(len(years) / 15)))
        ax.set_xticks(years[::step])
    if dbs:
        ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def top_items_figure(frame: pd.DataFrame, *, title: str, color: str = PALETTE[3]):
    """Return a horizontal bar chart of a :func:`top_items` table (largest on top).

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``item, records``.
    title : str
        Figure title (e.g. "Top 20 keywords").
    color : str, optional
        Bar colour.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not {"item", "records"} <= set(frame.columns):
        raise ParameterError("frame: expected columns 'item' and 'records' (see top_items)")
    fig = _new_figure(6.0, max(2.5, 0.3 * len(frame) + 1.2))
    ax = fig.add_subplot()
    labels = [_shorten(str(v)) for v in frame["item"]][::-1]
    ax.barh(np.arange(len(frame)), frame["records"].to_numpy()[::-1], color=color)
    ax.set_yticks(np.arange(len(frame)), labels)
    ax.set_xlabel("Records")
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def _shorten(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[:width - 1] + "\u2026"


def save_figure(fig: Any, path: str | Path, *, dpi: int = 300) -> list[Path]:
    """Write a figure as SVG and PNG (``path`` with ``.svg`` and ``.png`` suffixes).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    path : str or pathlib.Path
        Destination; its suffix is replaced (``out/annual`` -> ``out/annual.svg`` and
        ``out/annual.png``). Parent folders are created.
    dpi : int, optional (default=300)
        PNG resolution.

    Returns
    -------
    list of pathlib.Path
        The SVG and the PNG written.
    """
    import matplotlib

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    svg, png = path.with_suffix(".svg"), path.with_suffix(".png")
    with matplotlib.rc_context(_SVG_RC):
        fig.savefig(svg, format="svg", metadata={"Date": None})
        fig.savefig(png, format="png", dpi=dpi, metadata={"Software": None})
    return [svg, png]


def figure_svg(fig: Any) -> str:
    """Return a figure as an ``<svg>`` element to inline in an HTML page.

    matplotlib escapes every text it writes, so labels from data stay text.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.

    Returns
    -------
    str
        The SVG markup without the XML prolog and doctype.
    """
    import io

    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context(_SVG_RC):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    return text[re.search(r"<svg\b", text).start():]
