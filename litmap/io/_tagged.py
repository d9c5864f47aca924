"""Line grammar shared by the tagged CNKI, CSSCI and Wanfang readers.

Every one of these exports is a sequence of *tag lines* (a tag plus a value)
and *continuation lines* (any line that does not start with a known tag, with or
without indentation, as ``../shared/corpora/MANIFEST.md`` defines). A record
starts at a format-specific start tag; blank lines never end a record. This
module groups lines into :class:`RawRecord` objects and joins wrapped values;
the field helpers the format modules share are in :mod:`litmap.io._cnki_fields`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from litmap.io._registry import ParseResult, Problem

__all__ = ["RawField", "RawRecord", "group_records", "join_lines", "outside_problems",
           "missing_title", "is_cjk"]

#: ``match(line) -> (tag, value) | None`` decides whether a line is a tag line.
Matcher = Callable[[str], "tuple[str, str] | None"]

_CJK_OR_FULLWIDTH = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_JOIN_TIGHT_START = re.compile(r"^[,，;；.。:：)）、!！?？]")


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


def is_cjk(ch: str) -> bool:
    """Return whether ``ch`` is a CJK ideograph, CJK punctuation or a full-width form.

    Parameters
    ----------
    ch : str
        One character.

    Returns
    -------
    bool
    """
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
        if out and not (is_cjk(out[-1]) or is_cjk(p[0]) or _JOIN_TIGHT_START.match(p)):
            out += " "
        out += p
    return out


def collect_records(raws: list[RawRecord], outside: list[tuple[int, str]],
                    build: Callable[[RawRecord], dict], *,
                    check: Callable[[dict, RawRecord], Problem | None] | None = None) -> ParseResult:
    """Build every grouped record and sort it into records and problems.

    Parameters
    ----------
    raws, outside : list
        As returned by :func:`group_records`.
    build : callable
        ``build(raw) -> dict``: the format's record builder.
    check : callable, optional
        ``check(record, raw) -> Problem | None``; :func:`missing_title` by default.

    Returns
    -------
    ParseResult
        Records that pass ``check``; the others and the lines outside any record as problems.
    """
    check = check or missing_title
    result = ParseResult(problems=outside_problems(outside))
    for raw in raws:
        record = build(raw)
        problem = check(record, raw)
        if problem is None:
            result.records.append(record)
        else:
            result.problems.append(problem)
    return result
