"""Safe HTML building blocks shared by every HTML view: escaping, JSON islands, DOI links, assets.

Every string that comes from data (titles, authors, keywords, labels) reaches a page
either through :func:`text` (HTML-escaped text), through :func:`json_island` (a
``<script type="application/json">`` block that the page parses and writes into the
DOM with ``textContent``), or as a link built by :func:`doi_url`. Nothing from data is
ever pasted into markup or script unescaped.
"""

from __future__ import annotations

import functools
import html
import json
import math
import numbers
import re
from importlib import resources
from typing import Any, Iterable
from urllib.parse import quote

import pandas as pd

from litmap.errors import ParameterError

__all__ = ["text", "attr", "json_island", "doi_url", "vis_assets", "page", "table"]

_ASSETS = "litmap.viz.assets"

#: Page style shared by the one-network report and the multi-analysis study report.
REPORT_CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
  system-ui, sans-serif; margin: 0 auto; max-width: 1500px; padding: 12px 20px; color: #1a1a1a; }
nav { position: sticky; top: 0; background: #fff; padding: 6px 0; border-bottom: 1px solid #ddd;
  z-index: 20; font-size: 14px; }
nav a { margin-right: 12px; color: #0b5cad; text-decoration: none; }
section { margin: 22px 0 30px 0; }
h1 { font-size: 24px; } h2 { font-size: 20px; border-bottom: 2px solid #0072B2; padding-bottom: 3px; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
th, td { border: 1px solid #ddd; padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: #f2f2f2; } caption { text-align: left; font-weight: 600; padding: 4px 0; }
.figure svg { max-width: 100%; height: auto; }
.grid { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-start; }
.metrics span { display: inline-block; margin-right: 18px; font-weight: 600; }
pre { background: #f6f6f6; padding: 8px; overflow-x: auto; font-size: 12px; }
.warning { color: #8a3b00; }
"""
# A DOI is "10.<registrant>/<suffix>"; the suffix may hold almost anything printable.
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
# A DOI made only of characters that percent-encoding leaves alone (the common case).
_PLAIN_DOI = re.compile(r"10\.[0-9]{4,9}/[A-Za-z0-9/.:;()_~-]+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


def text(value: Any) -> str:
    """Return ``value`` as HTML-escaped text (``None`` and NaN give an empty string).

    Parameters
    ----------
    value : object
        Anything; it is converted with ``str``.

    Returns
    -------
    str
        Safe to place between tags or inside a double-quoted attribute.
    """
    if value is None or isinstance(value, float) and math.isnan(value):
        return ""
    return html.escape(str(value), quote=True)


attr = text


def json_island(element_id: str, data: Any) -> str:
    """Return ``data`` as a ``<script type="application/json">`` block safe to inline in HTML.

    ``<``, ``>``, ``&`` and the JavaScript line separators U+2028/U+2029 are written as
    ``\\uXXXX`` escapes, so no string in ``data`` can close the script element or start
    a comment; ``JSON.parse`` restores them.

    Parameters
    ----------
    element_id : str
        The ``id`` of the script element (letters, digits, ``-`` and ``_`` only).
    data : object
        JSON-serialisable data (NaN is not allowed; pass ``None``).

    Returns
    -------
    str
        The script element.

    Raises
    ------
    ParameterError
        If ``element_id`` holds other characters.
    """
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", element_id):
        raise ParameterError(f"element_id: expected letters, digits, '-' or '_', found {element_id!r}")
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for unsafe, escaped in _JSON_ESCAPES.items():  # plain replaces: fast on a large island
        body = body.replace(unsafe, escaped)
    return f'<script type="application/json" id="{element_id}">{body}</script>'


def doi_url(doi: Any) -> str | None:
    """Return ``https://doi.org/<doi>`` for a valid DOI, else ``None``.

    Only strings of the form ``10.<digits>/<suffix>`` (an optional ``doi:`` or
    ``https://doi.org/`` prefix is removed first) give a link; the suffix is
    percent-encoded, so the result can never be a ``javascript:`` or other URL.

    Parameters
    ----------
    doi : object
        The DOI as stored in the corpus (``None`` allowed).

    Returns
    -------
    str or None
    """
    if not isinstance(doi, str):
        return None
    value = doi.strip()
    if _PLAIN_DOI.fullmatch(value):
        return "https://doi.org/" + value
    value = _DOI_PREFIX.sub("", value)
    if not _DOI.match(value):
        return None
    return "https://doi.org/" + quote(value, safe="/.:;()_-~")


@functools.lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """Return the vis-network 9.1.2 script and style sheet shipped in ``litmap/viz/assets``.

    They are copies of the files bundled with pyvis (``pyvis/lib/vis-9.1.2``), with the
    source-map comment removed so that no browser ever asks the network for it.

    Returns
    -------
    tuple of str
        ``(javascript, css)``.
    """
    folder = resources.files(_ASSETS)
    js = folder.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = folder.joinpath("vis-network.css").read_text(encoding="utf-8")
    return js, css


def page(title: str, body: str, *, css: str = "", scripts: Iterable[str] = ()) -> str:
    """Return a complete, self-contained HTML5 document.

    Parameters
    ----------
    title : str
        Plain text; escaped here.
    body : str
        Markup for ``<body>`` (already safe).
    css : str, optional
        Style sheet text to inline.
    scripts : iterable of str, optional
        Script sources to inline at the end of the body, in order (trusted code only).

    Returns
    -------
    str
    """
    script_tags = "".join(f"<script>{s}</script>\n" for s in scripts)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:\">\n"
            f"<title>{text(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n{body}\n"
            f"{script_tags}</body>\n</html>\n")


def table(frame: pd.DataFrame, *, formats: dict[str, str] | None = None,
          caption: str | None = None) -> str:
    """Return a pandas DataFrame as an escaped HTML table.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to show; column names become the header.
    formats : dict of str to str, optional
        Column -> format spec for numbers (e.g. ``{"silhouette": ".3f"}``).
    caption : str, optional
        Plain-text caption.

    Returns
    -------
    str
    """
    formats = formats or {}
    head = "".join(f"<th>{text(c)}</th>" for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = []
        for col, value in zip(frame.columns, values):
            cells.append(f"<td>{text(_format(value, formats.get(col)))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{text(caption)}</caption>" if caption else ""
    return (f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows)
            + "\n</tbody></table>")


def _format(value: Any, spec: str | None) -> str:
    """Format one table cell: lists joined with '; ', missing values empty."""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if value is None or value is pd.NA or isinstance(value, float) and math.isnan(value):
        return ""
    if spec is not None and isinstance(value, numbers.Real):
        return format(value, spec)
    return str(value)
