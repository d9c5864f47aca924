"""Institutions and countries from raw affiliation strings.

Handled forms:

* WoS ``C1``: ``[Author; Author] Univ X, Dept Y, City, Country.`` or the plain
  ``Univ X, Dept Y, City, Country.``; the institution is the first comma part, the
  country the last one.
* Scopus: ``Dept Y, University of X, City, Country`` (several joined by ``; ``); the
  institution is the first part that names an organisation (University, Institute,
  ...), else the first part.
* Chinese organisation strings: ``西南林业大学园林园艺学院;`` gives ``西南林业大学``;
  CSSCI ``[谭春辉]华中师范大学.信息管理学院`` gives ``华中师范大学``. Any affiliation
  written in CJK characters gives the country China.

Country names follow WoS spelling, with these foldings: US states and ZIP codes
(``CA 94305 USA``), ``United States`` and ``U.S.A.`` give ``USA``; ``Peoples R China``
and ``People's Republic of China`` give ``China``; ``England``, ``Scotland``,
``Wales``, ``North Ireland`` and ``United Kingdom`` give ``UK`` (so WoS and Scopus
records count one country).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

__all__ = ["institutions_countries", "parse_affiliation", "has_cjk"]

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_BRACKET = re.compile(r"^\s*\[[^\]]*\]\s*")
_ZH_ORG = re.compile(r"^(.*?(?:科学院|社会科学院|研究院|研究所|研究中心|大学|学院|医院|图书馆|党校|学校|"
                     r"公司|集团|中心|委员会|部|厅|局))")
_ORG_WORDS = re.compile(r"\b(univ|university|universit[a-z]*|institut[a-z]*|inst|college|academy|acad|"
                        r"hospital|hosp|school|centre|center|ctr|council|laboratory|lab|ministry|"
                        r"foundation|company|corporation|inc|ltd|gmbh)\b", re.I)
_US_STATE = re.compile(r"^(?:[A-Z]{2}\s+)?(?:\d{5}(?:-\d{4})?\s+)?USA$")
_COUNTRY_MAP = {
    "usa": "USA", "united states": "USA", "united states of america": "USA", "u.s.a.": "USA",
    "us": "USA", "peoples r china": "China", "people's republic of china": "China",
    "pr china": "China", "p.r. china": "China", "china": "China",
    "england": "UK", "scotland": "UK", "wales": "UK", "north ireland": "UK",
    "northern ireland": "UK", "united kingdom": "UK", "uk": "UK",
}


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a CJK ideograph.

    Parameters
    ----------
    text : str

    Returns
    -------
    bool
    """
    return _CJK.search(text) is not None


def _country(part: str) -> str:
    p = part.strip().rstrip(".").strip()
    if not p:
        return ""
    if _US_STATE.match(p) or p.endswith(" USA"):
        return "USA"
    mapped = _COUNTRY_MAP.get(p.lower())
    if mapped:
        return mapped
    # "NL-3508 TA Utrecht, Netherlands" keeps the last part; drop postcodes in it.
    words = [w for w in p.split() if not any(ch.isdigit() for ch in w)]
    return " ".join(words) if words else ""


def _zh_institution(text: str) -> str:
    text = _BRACKET.sub("", text).strip()
    head = re.split(r"[.,，。、\s]", text, maxsplit=1)[0] or text
    m = _ZH_ORG.match(head)
    if not m:
        return head
    # 中国科学院大学 is a university, not 中国科学院.
    return m.group(1) + "大学" if head[m.end():].startswith("大学") else m.group(1)


@lru_cache(maxsize=1 << 18)
def parse_affiliation(raw: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Institutions and countries of one raw affiliation string.

    Parameters
    ----------
    raw : str
        One affiliation field value (may hold several affiliations joined by ``;``).

    Returns
    -------
    institutions : tuple of str
    countries : tuple of str

    Examples
    --------
    >>> parse_affiliation("[Smith, J; Li, X] Univ Utah, Dept Phys, Salt Lake City, UT 84112 USA.")
    (('Univ Utah',), ('USA',))
    >>> parse_affiliation("[谭春辉]华中师范大学.信息管理学院")
    (('华中师范大学',), ('China',))
    """
    ascii_ = raw.isascii()  # ASCII is NFKC already and holds no CJK
    text = (raw if ascii_ else unicodedata.normalize("NFKC", raw)).strip()
    if not text:
        return (), ()
    one = _one_wos_address(text) if ascii_ else None
    return one if one is not None else _parse_text(text, ascii_)


def _one_wos_address(text: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """:func:`_parse_text` of one ``[authors] address`` in ASCII, else None.

    The authors in brackets do not matter, so the address is parsed once however
    many author lists it follows.
    """
    if text[0] == "[" and text.count("[") == 1 and (m := _BRACKET.match(text)):
        return _wos_address(text[m.end():])
    return None


def _parse_text(text: str, ascii_: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """:func:`parse_affiliation` of stripped, NFKC-normalised, non-empty ``text``."""
    insts: list[str] = []
    countries: list[str] = []
    if not ascii_ and has_cjk(text):
        for item in re.split(r"[;；/]|!\d*", text):
            item = item.strip(" ,.")
            if item:
                insts.append(_zh_institution(item))
        return tuple(dict.fromkeys(i for i in insts if i)), ("China",)
    for item in _split_items(text):
        wos = item.startswith("[")  # WoS C1 names the institution first
        parts = [p.strip() for p in _BRACKET.sub("", item).split(",") if p.strip()]
        if not parts:
            continue
        inst = parts[0]
        if not wos and len(parts) > 1 and not _ORG_WORDS.search(inst):
            inst = next((p for p in parts[:-1] if _ORG_WORDS.search(p)), inst)
        insts.append(inst.rstrip("."))
        if len(parts) > 1:
            c = _country(parts[-1])
            if c:
                countries.append(c)
    return tuple(dict.fromkeys(insts)), tuple(dict.fromkeys(countries))


@lru_cache(maxsize=1 << 18)
def _wos_address(address: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Institution and country of one WoS ``C1`` address without its ``[authors]`` prefix."""
    parts = [p.strip() for p in address.split(",") if p.strip()]
    if not parts:
        return (), ()
    country = _country(parts[-1]) if len(parts) > 1 else ""
    return (parts[0].rstrip("."),), (country,) if country else ()


def _split_items(text: str) -> list[str]:
    """Split ``A; B`` into affiliations, but not the ``[x; y]`` author brackets of WoS."""
    if "[" in text:
        return [t for t in re.split(r";\s*(?=\[)", text) if t.strip()]
    return [t for t in re.split(r"\s*;\s*", text) if t.strip()]


def institutions_countries(affiliations: Iterable[str]) -> tuple[list[str], list[str]]:
    """Institutions and countries of one record, de-duplicated, in order.

    Parameters
    ----------
    affiliations : iterable of str
        The record's raw affiliation strings.

    Returns
    -------
    institutions : list of str
    countries : list of str
    """
    insts: dict[str, None] = {}
    countries: dict[str, None] = {}
    for raw in affiliations:
        # parse_affiliation's first step without its cache: "[authors] address" rarely repeats
        one = _one_wos_address(text) if raw.isascii() and (text := raw.strip()) else None
        i, c = one if one is not None else parse_affiliation(raw)
        insts.update(dict.fromkeys(i))
        countries.update(dict.fromkeys(c))
    return list(insts), list(countries)
