"""Normalisation of the fields every format shares.

:func:`normalise_record` turns a record as a reader returned it into a record of
:data:`~litmap.corpus.SCHEMA` values. The per-value rules are separate functions
(:func:`title_value`, :func:`text_value`, :func:`doi_value`, :func:`items`) so that
the columnar WoS reader (:mod:`litmap.io._wos_columns`) applies exactly the same
rules to whole columns.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from litmap.io._affil import institutions_countries
from litmap.io._fields import clean_text, first_year, nfkc, split_keywords
from litmap.io._refs import INDEXES
from litmap.io._registry import Format

__all__ = ["normalise_record", "title_value", "text_value", "doi_value", "items", "ref_style",
           "TEXT_FIELDS"]

#: Text fields whose white space is folded (titles have their own rule).
TEXT_FIELDS = ("abstract", "source", "doc_type", "volume", "issue", "pages", "language", "funding")
_REF_STYLE = {"scopus_csv": "scopus", "cssci": "cssci"}
_DOI_PREFIX = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)


def ref_style(fmt_name: str) -> str:
    """The cited-reference style (see :func:`litmap.io._refs.parse_ref`) of a format.

    Parameters
    ----------
    fmt_name : str
        A key of :data:`litmap.io.FORMATS`.

    Returns
    -------
    str
    """
    return _REF_STYLE.get(fmt_name, "wos")


def _needs_fold(text: str) -> bool:
    """Whether white space in ``text`` needs folding (runs, tabs, newlines, NBSP, edges)."""
    if text[0].isspace() or text[-1].isspace():
        return True
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        return True
    return not text.isascii() and ("\xa0" in text or "\u3000" in text)


def title_value(value: str | None) -> str | None:
    """A title: HTML entities resolved, NFKC, white space folded; None when empty.

    Parameters
    ----------
    value : str or None

    Returns
    -------
    str or None

    Examples
    --------
    >>> title_value("Rural &amp; urban  change")
    'Rural & urban change'
    """
    if not value:
        return None
    if "&" in value:
        value = clean_text(value) or ""
    return (" ".join(value.split()) if value.isascii() else nfkc(value)) or None


def text_value(value: str | None) -> str | None:
    """A text field: HTML entities resolved and white space folded when needed; None when empty.

    Parameters
    ----------
    value : str or None

    Returns
    -------
    str or None
    """
    if not value:
        return None
    if "&" in value:
        return clean_text(value)
    if _needs_fold(value):
        return " ".join(value.split()) or None
    return value


def doi_value(value: str | None) -> str | None:
    """A DOI: lower-case, without its resolver prefix; None when empty.

    Parameters
    ----------
    value : str or None

    Returns
    -------
    str or None

    Examples
    --------
    >>> doi_value("https://doi.org/10.1000/ABC")
    '10.1000/abc'
    """
    if not value:
        return None
    return (value if value[:3] == "10." else _DOI_PREFIX.sub("", value)).strip().lower() or None


def items(values: list[str] | None) -> list[str]:
    """List items: NFKC (non-ASCII only), white space folded, empties and repeats dropped.

    The same result as :func:`~litmap.io._fields.split_list`, faster for ASCII items.

    Parameters
    ----------
    values : list of str or None

    Returns
    -------
    list of str
    """
    if not values:
        return []
    if not all(map(str.isascii, values)):
        values = [v if v.isascii() else unicodedata.normalize("NFKC", v) for v in values]
    return list(dict.fromkeys(filter(None, map(" ".join, map(str.split, values)))))


def normalise_record(rec: dict[str, Any], fmt: Format, path: str) -> dict[str, Any]:
    """Normalise the fields every format shares, in place.

    Titles get :func:`title_value`, text fields :func:`text_value`, the DOI
    :func:`doi_value`; keywords are split with
    :func:`~litmap.io._fields.split_keywords` unless the reader split them (then
    :func:`items`); institutions and countries come from the affiliations; cited
    references get their keys; ``file``, ``line``, ``db`` and ``format`` are set.

    Parameters
    ----------
    rec : dict
        A record as a reader returned it.
    fmt : Format
        The format that read it.
    path : str
        The file it came from.

    Returns
    -------
    dict
        ``rec`` itself.
    """
    for key in ("title", "title_alt"):
        if key in rec:
            rec[key] = title_value(rec[key])
    for key in TEXT_FIELDS:
        if key in rec:
            rec[key] = text_value(rec[key])
    rec["doi"] = doi_value(rec.get("doi"))
    if "keywords" in rec:
        rec["keywords"] = items(rec["keywords"])
    else:
        rec["keywords"] = split_keywords(rec.get("keywords_raw"))
    rec["authors"] = items(rec.get("authors"))
    rec["keywords_plus"] = items(rec.get("keywords_plus"))
    rec["affiliations"] = [v for v in rec.get("affiliations") or () if v and not v.isspace()]
    refs = rec.get("cited_refs_raw")
    if refs and not all(refs):
        refs = [v for v in refs if v and not v.isspace()]
    rec["cited_refs_raw"] = refs or []
    if rec["affiliations"] and not rec.get("institutions") and not rec.get("countries"):
        rec["institutions"], rec["countries"] = institutions_countries(rec["affiliations"])
    if "cited_refs" not in rec:
        rec["cited_refs"] = []
        if refs:  # keys, and equal references held once
            shared, keys = INDEXES[ref_style(fmt.name)].keys_of([rec["cited_refs_raw"]])
            rec["cited_refs_raw"], rec["cited_refs"] = shared[0], keys[0]
    year = rec.get("year")
    if year is not None and not isinstance(year, int):
        rec["year"] = first_year(str(year))
    rec["file"] = path
    rec["db"] = rec.get("db") or fmt.db
    rec["format"] = fmt.name
    return rec
