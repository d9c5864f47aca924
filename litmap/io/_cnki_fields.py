"""Field helpers shared by the CNKI, CSSCI and Wanfang readers.

Splitting author and organisation lists the way CNKI writes them, cleaning
abstracts and DOIs, ids inside CNKI/Wanfang links, the Wanfang hint for files in
CNKI grammars, and the plausibility warning for years.
"""

from __future__ import annotations

import datetime as _dt
import re
import warnings
from urllib.parse import unquote

from litmap.io._fields import clean_text, nfkc, split_list

__all__ = ["split_names", "split_affiliations", "clean_abstract", "clean_doi", "link_id",
           "wanfang_hint", "check_year"]

_CJK_OR_FULLWIDTH = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_SEMI = re.compile(r"\s*[;；]+\s*")
_COMMA = re.compile(r"\s*[,，]+\s*")
_ORG_NUMBER = re.compile(r"^\d{1,2}\s*[.、．]\s*")
_ORG_TAIL = re.compile(r"\s*[|!].*$")
# 2000-era comma lists: "机构1,机构2 湖北武汉430074" + ",湖北武汉430074" (place + postcode).
_POSTCODE_TAIL = re.compile(r"\s+\S{0,12}\d{6}$")
_POSTCODE_ONLY = re.compile(r"^\S{0,12}\d{6}$")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_FILENAME = re.compile(r"[?&]filename=([^&#\s]+)", re.IGNORECASE)
_WANFANG_ID = re.compile(r"[?&]id=([^&#\s]+)")
_ABSTRACT_BR = re.compile(r"^(?:Abstract)?\(#br\)\s*", re.IGNORECASE)


def split_names(raw: str | None, *, seps: str = "semicolon") -> list[str]:
    """Split an author list.

    Parameters
    ----------
    raw : str or None
        The field as exported.
    seps : {"semicolon", "slash"}, optional (default="semicolon")
        ``"semicolon"``: split on ``;`` / ``；`` (runs such as ``;;`` count once),
        or on ``,`` / ``，`` when the value has no semicolon (2000-era CNKI).
        ``"slash"``: split on ``/`` (CSSCI).

    Returns
    -------
    list of str
        NFKC, trimmed, empty items and exact repeats dropped.
    """
    if not raw:
        return []
    if seps == "slash":
        return split_list(raw.split("/"))
    parts = _SEMI.split(raw) if re.search(r"[;；]", raw) else _COMMA.split(raw)
    return split_list(parts)


def split_affiliations(raw: str | None, *, commas: bool = True) -> list[str]:
    """Split a CNKI-style organisation field into raw organisation strings.

    Items are separated by ``;`` / ``；`` (runs count once). When the value has no
    semicolon, contains CJK text and ``commas`` is true, ``,`` separates items (the
    2000-era CNKI forms ``机构!城市邮编,机构!城市邮编`` and ``机构,机构 城市邮编,城市邮编``);
    there, items that are only a place and a postcode are dropped and a trailing
    `` 城市邮编`` is cut. A ``!city+postcode`` or ``|code`` tail and a leading ``1.``
    number are removed; nothing else is changed.

    Parameters
    ----------
    raw : str or None
    commas : bool, optional (default=True)
        Whether a CJK value without semicolons may be split on commas.

    Returns
    -------
    list of str
    """
    if not raw:
        return []
    if re.search(r"[;；]", raw):
        parts = _SEMI.split(raw)
    elif commas and _CJK_OR_FULLWIDTH.search(raw):
        parts = [_POSTCODE_TAIL.sub("", q) for q in (_ORG_TAIL.sub("", p) for p in _COMMA.split(raw))
                 if not _POSTCODE_ONLY.match(q)]
    else:
        parts = [raw]
    return split_list([_ORG_TAIL.sub("", _ORG_NUMBER.sub("", p.strip())) for p in parts])


def clean_abstract(raw: str | None) -> str | None:
    """Clean an abstract: CNKI's ``Abstract(#br)`` prefix and ``<正>`` marker go.

    Parameters
    ----------
    raw : str or None

    Returns
    -------
    str or None
        ``None`` when nothing is left.
    """
    if not raw:
        return None
    text = _ABSTRACT_BR.sub("", raw.strip())
    text = text.replace("(#br)", " ")
    if text.startswith("<正>"):
        text = text[3:]
    return clean_text(text)


def clean_doi(raw: str | None) -> str | None:
    """Return a DOI lower-cased, without ``https://doi.org/`` or ``doi:``.

    Parameters
    ----------
    raw : str or None

    Returns
    -------
    str or None
    """
    if not raw:
        return None
    doi = _DOI_PREFIX.sub("", nfkc(raw)).strip().lower()
    return doi if doi.startswith("10.") else None


def link_id(url: str | None) -> str | None:
    """Return the record id inside a CNKI or Wanfang link.

    CNKI links carry ``FileName=ZNYX202101034``; Wanfang links carry
    ``id=lcjyzz-d202001100``. Session links (``abstract?v=...``) carry no stable id.

    Parameters
    ----------
    url : str or None

    Returns
    -------
    str or None
        ``CNKI:<FILENAME>`` or ``WANFANG:<id>``, else ``None``.
    """
    if not url:
        return None
    m = _FILENAME.search(url)
    if m is not None:
        return "CNKI:" + unquote(m.group(1)).strip().upper()
    if "wanfangdata" in url:
        m = _WANFANG_ID.search(url)
        if m is not None:
            return "WANFANG:" + unquote(m.group(1)).strip()
    return None


def wanfang_hint(*values: str | None) -> str | None:
    """Return ``"wanfang"`` when a database or link field names Wanfang, else ``None``.

    RefWorks and EndNote files from Wanfang share CNKI's grammar; the record's
    ``db`` then says where it came from (``None`` keeps the format's default).

    Parameters
    ----------
    *values : str or None
        E.g. RefWorks ``DS`` and ``LK``, EndNote ``%W`` and ``%U``.

    Returns
    -------
    str or None
    """
    for v in values:
        if v and ("wanfang" in v.lower() or "万方" in v):
            return "wanfang"
    return None


def check_year(year: int | None, *, path: str, line: int) -> int | None:
    """Warn about a year later than next year; return the year unchanged.

    A literal data error such as ``{Year}: 2989`` is kept as written (the record
    is real) but flagged with a :class:`UserWarning` naming the file and line.

    Parameters
    ----------
    year : int or None
    path : str
    line : int

    Returns
    -------
    int or None
        ``year`` itself.
    """
    if year is not None and year > _dt.date.today().year + 1:
        warnings.warn(f"{path}, line {line}: implausible publication year {year} kept as written",
                      UserWarning, stacklevel=3)
    return year
