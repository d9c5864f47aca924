"""Line grammar shared by the tagged CNKI, CSSCI and Wanfang readers.

Every one of these exports is a sequence of *tag lines* (a tag plus a value)
and *continuation lines* (any line that does not start with a known tag, with or
without indentation, as ``../shared/corpora/MANIFEST.md`` defines). A record
starts at a format-specific start tag; blank lines never end a record. This
module groups lines into :class:`RawRecord` objects and holds the small field
helpers (joining wrapped lines, splitting author and affiliation lists, links,
DOIs, plausibility of years) that the format modules share.
"""

from __future__ import annotations

import datetime as _dt
import re
import warnings
from dataclasses import dataclass, field
from typing import Callable, Iterable
from urllib.parse import unquote

from litmap.io._fields import clean_text, nfkc, split_list
from litmap.io._registry import Problem

__all__ = ["RawField", "RawRecord", "group_records", "join_lines", "split_names",
           "split_affiliations", "clean_abstract", "clean_doi", "link_id", "check_year",
           "outside_problems", "missing_title", "wanfang_hint"]

#: ``match(line) -> (tag, value) | None`` decides whether a line is a tag line.
Matcher = Callable[[str], "tuple[str, str] | None"]

_CJK_OR_FULLWIDTH = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_JOIN_TIGHT_START = re.compile(r"^[,，;；.。:：)）、!！?？]")
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


@dataclass(slots=True)
class RawField:
    """One tag line and the continuation lines that follow it.

    Attributes
    ----------
    tag : str
        The tag as the format's matcher returned it.
    lines : list of str
        The value on the tag line, then each non-blank continuation line as
        written (indentation kept, so callers can tell indented lines apart).
    line : int
        1-based line number of the tag line.
    """

    tag: str
    lines: list[str]
    line: int


@dataclass(slots=True)
class RawRecord:
    """The fields of one record, in file order.

    Attributes
    ----------
    line : int
        1-based line where the record starts.
    fields : list of RawField
    by_tag : dict of str to list of RawField
        The same fields grouped by tag.
    closed : bool
        Whether an end line closed the record (only for formats with one).
    """

    line: int
    fields: list[RawField] = field(default_factory=list)
    by_tag: dict[str, list[RawField]] = field(default_factory=dict)
    closed: bool = False

    def values(self, tag: str) -> list[str]:
        """Return the joined value of every occurrence of ``tag`` (empty ones dropped).

        Parameters
        ----------
        tag : str

        Returns
        -------
        list of str
        """
        out = []
        for f in self.by_tag.get(tag, ()):
            v = join_lines(f.lines)
            if v:
                out.append(v)
        return out

    def first(self, *tags: str) -> str | None:
        """Return the first non-empty value among ``tags`` (tried in the given order).

        Parameters
        ----------
        *tags : str

        Returns
        -------
        str or None
        """
        for tag in tags:
            for f in self.by_tag.get(tag, ()):
                v = join_lines(f.lines)
                if v:
                    return v
        return None

    def raw(self, tag: str) -> list[RawField]:
        """Return every :class:`RawField` with ``tag``.

        Parameters
        ----------
        tag : str

        Returns
        -------
        list of RawField
        """
        return list(self.by_tag.get(tag, ()))


def group_records(lines: Iterable[str], match: Matcher, *, start: str,
                  end: Callable[[str], bool] | None = None
                  ) -> tuple[list[RawRecord], list[tuple[int, str]]]:
    """Group decoded lines into records.

    Parameters
    ----------
    lines : iterable of str
        The file's lines without line terminators (line 1 first).
    match : callable
        ``match(line)`` returns ``(tag, value)`` for a tag line, else ``None``.
    start : str
        The tag that opens a record.
    end : callable, optional
        ``end(line)`` is true for a line that closes the current record (CSSCI's
        dashes line, which sets :attr:`RawRecord.closed`); lines after it belong to
        no record until the next start tag.

    Returns
    -------
    records : list of RawRecord
    outside : list of (int, str)
        Non-blank lines that belong to no record (before the first start tag or
        after an end line), with their 1-based line numbers.
    """
    records: list[RawRecord] = []
    outside: list[tuple[int, str]] = []
    current: RawRecord | None = None
    last: RawField | None = None
    for no, line in enumerate(lines, 1):
        hit = match(line)
        if hit is not None:
            if hit[0] == start:
                current = RawRecord(no)
                records.append(current)
            if current is not None:
                last = RawField(hit[0], [hit[1]], no)
                current.fields.append(last)
                bucket = current.by_tag.get(last.tag)
                if bucket is None:
                    current.by_tag[last.tag] = [last]
                else:
                    bucket.append(last)
                continue
        if not line or line.isspace():
            continue
        if current is None:
            outside.append((no, line))
        elif end is not None and end(line):
            current.closed = True
            current = last = None
        elif last is not None:
            last.lines.append(line)
    return records, outside


def outside_problems(outside: list[tuple[int, str]]) -> list[Problem]:
    """Turn runs of lines that belong to no record into one :class:`Problem` per run.

    Parameters
    ----------
    outside : list of (int, str)
        As returned by :func:`group_records`.

    Returns
    -------
    list of Problem
    """
    problems: list[Problem] = []
    run: list[tuple[int, str]] = []
    for item in outside + [(-10, "")]:
        if run and item[0] != run[-1][0] + 1:
            n = len(run)
            problems.append(Problem(run[0][0], f"{n} line{'s' if n > 1 else ''} outside any record "
                                    "(no record-start tag before them)", run[0][1].strip()))
            run = []
        run.append(item)
    return problems


def missing_title(record: dict, raw: RawRecord) -> Problem | None:
    """Return a :class:`Problem` when a built record has no title (e.g. a truncated file).

    Parameters
    ----------
    record : dict
        The record built by a format module.
    raw : RawRecord
        The record's raw fields (for the quote).

    Returns
    -------
    Problem or None
    """
    if record.get("title"):
        return None
    quote = raw.fields[0].lines[0] if raw.fields and raw.fields[0].lines else ""
    return Problem(raw.line, "record has no title", quote)


def _is_cjk(ch: str) -> bool:
    return bool(_CJK_OR_FULLWIDTH.match(ch))


def join_lines(parts: list[str]) -> str:
    """Join a value wrapped over several lines.

    A break between two CJK (or full-width) characters, or before a line that
    starts with punctuation, is closed without a space (CNKI wraps Chinese text
    anywhere); other breaks become one space. Surrounding white space is dropped.

    Parameters
    ----------
    parts : list of str

    Returns
    -------
    str

    Examples
    --------
    >>> join_lines(["黄瓜是我国", ",也是植物"])
    '黄瓜是我国,也是植物'
    >>> join_lines(["an English", "  abstract"])
    'an English abstract'
    """
    if len(parts) == 1:
        return parts[0].strip()
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if out and not (_is_cjk(out[-1]) or _is_cjk(p[0]) or _JOIN_TIGHT_START.match(p)):
            out += " "
        out += p
    return out


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
