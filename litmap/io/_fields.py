"""Field helpers shared by every reader: text clean-up, splitting, years."""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["nfkc", "clean_text", "split_keywords", "first_year", "split_list"]

_WS = re.compile(r"\s+")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|2\d\d\d)(?!\d)")
# ";;" and runs of separators count once; full-width forms are folded by NFKC.
_KW_SEMI = re.compile(r"\s*[;；]+\s*")
_KW_COMMA = re.compile(r"\s*[,，]+\s*")


def nfkc(text: str) -> str:
    """Return ``text`` in Unicode NFKC with runs of white space folded to one space.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        Stripped, NFKC-normalised text (full-width letters and punctuation folded).

    Examples
    --------
    >>> nfkc("  ＣＯＶＩＤ－１９\u3000疫情 ")
    'COVID-19 疫情'
    """
    return " ".join(unicodedata.normalize("NFKC", text).split())


def clean_text(text: str | None) -> str | None:
    """Unescape HTML entities (``&amp;``, ``&ouml;``, upper-case forms too) and fold space.

    Parameters
    ----------
    text : str or None

    Returns
    -------
    str or None
        ``None`` for missing or empty input.
    """
    if text is None:
        return None
    if "&" in text:
        text = html.unescape(re.sub(r"&([A-Z]+);", lambda m: f"&{m.group(1).lower()};", text))
    text = _WS.sub(" ", text).strip()
    return text or None


def split_keywords(raw: str | None) -> list[str]:
    """Split a keyword field the way CNKI, Wanfang, WoS and Scopus write it.

    Separators are ``;`` ``；`` (runs such as ``;;`` count once); a value with no
    semicolon is split on ``,`` ``，``. Items are NFKC-normalised and trimmed; empty
    items are dropped; order is kept and exact repeats are removed.

    Parameters
    ----------
    raw : str or None
        The field as exported.

    Returns
    -------
    list of str

    Examples
    --------
    >>> split_keywords("虚拟网络功能;;预测;;迁移;")
    ['虚拟网络功能', '预测', '迁移']
    >>> split_keywords("乡村振兴，城乡融合")
    ['乡村振兴', '城乡融合']
    """
    if not raw:
        return []
    text = unicodedata.normalize("NFKC", raw)
    parts = _KW_SEMI.split(text) if ";" in text else _KW_COMMA.split(text)
    return split_list(parts)


def split_list(parts: list[str]) -> list[str]:
    """NFKC, trim, drop empties and exact repeats, keep order.

    Parameters
    ----------
    parts : list of str

    Returns
    -------
    list of str
    """
    seen: set[str] = set()
    out: list[str] = []
    for p in parts:
        q = nfkc(p)
        if q and q not in seen:
            seen.add(q)
            out.append(q)
    return out


def first_year(*values: str | None) -> int | None:
    """Return the first 4-digit year found in the first value that has one.

    Parameters
    ----------
    *values : str or None
        Candidate fields, most authoritative first (e.g. ``PY`` then ``EA``).

    Returns
    -------
    int or None
    """
    for v in values:
        if v:
            m = _YEAR.search(v)
            if m:
                return int(m.group(1))
    return None
