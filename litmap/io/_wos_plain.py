"""Line grammar of WoS field-tagged plain text, read chunk by chunk.

A chunk is any run of whole lines (the caller cuts after a newline, usually after
an ``ER`` line); the grammar state carries over from one chunk to the next, so
the result does not depend on where chunks are cut. Each chunk is split once, in
C, before every line that starts like a field (two capitals/digits, then a space
or the line end); one loop over those pieces builds each record's
``tag -> values`` table. The grammar itself is documented in :mod:`litmap.io.wos`.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from litmap.io._registry import ParseResult, Problem

__all__ = ["parse_chunks", "split_text"]

# Cut before every line that starts like a field (two capitals/digits, then space or end).
_PIECE = re.compile(r"\n(?=[A-Z][A-Z0-9](?: |\n|$))")
_PT = re.compile(r"\nPT ")
_UNINDENTED = re.compile(r"\n[^ \n]")
_ER_LINE = re.compile(r"\nER[ \t]*(?:\n|$)")
_CHUNK = 1 << 22
_SKIP, _KEEP, _START, _END = 0, 1, 2, 3
_HEADER = ("FN", "VR", "EF")

#: ``finish(fields, line) -> record dict | Problem``.
Finish = Callable[[dict[str, list[str]], int], "dict | Problem"]


def split_text(text: str, size: int | None = None) -> Iterable[str]:
    """Yield pieces of ``text`` of about ``size`` characters, each cut just after an ``ER`` line.

    Parameters
    ----------
    text : str
        Decoded text with ``\\n`` line ends.
    size : int, optional
        Minimum piece length (default 4 M characters; the last piece may be shorter).

    Returns
    -------
    iterable of str
    """
    size = size or _CHUNK
    pos, n = 0, len(text)
    while pos < n:
        m = _ER_LINE.search(text, pos + size)
        cut = m.end() if m else n
        yield text[pos:cut]
        pos = cut


def _values(body: str, vals: list[str]) -> None:
    """Append the values of a field body: indented lines are new values, others continue."""
    if _UNINDENTED.search(body) is None:  # every line after the first is indented or blank
        vals.extend(filter(None, map(str.strip, body.split("\n"))))
        return
    lines = body.split("\n")
    v = lines[0].strip()
    if v:
        vals.append(v)
    for line in lines[1:]:
        v = line.strip()
        if not v:
            continue
        if line[0] == " " or not vals:
            vals.append(v)
        else:
            vals[-1] = f"{vals[-1]} {v}"


def _outside(text: str, line: int, problems: list[Problem]) -> None:
    """Report the first non-blank line of ``text`` (its first line is ``line``) that is no header."""
    if not text.strip():
        return
    for i, raw in enumerate(text.split("\n")):
        if raw.strip() and raw[:2] not in _HEADER:
            problems.append(Problem(line + i, "text outside a record (expected a PT line)", raw[:80]))
            return


def _region(pieces: list[str], first: int, end_line: int) -> tuple[int, str]:
    """Text outside records and the line of its first line.

    ``pieces`` start at a chunk's head (``first == 0``: the chunk's leading newline is
    dropped) or at an ER piece (``ER`` and one character are dropped); ``end_line`` is
    the line where their text ends (counting a final newline as the start of a line).
    """
    text = "\n".join(pieces)
    skip = 1 if first == 0 else 3
    return end_line - text.count("\n") + text[:skip].count("\n"), text[skip:]


def parse_chunks(chunks: Iterable[str], tags: dict[str, int], finish: Finish, *,
                 base: int = 1) -> ParseResult:
    """Parse WoS plain text given as consecutive chunks of whole lines.

    Parameters
    ----------
    chunks : iterable of str
        The file's text (``\\n`` line ends) in order, each chunk ending with a newline
        (except possibly the last).
    tags : dict of str to int
        Every known tag: ``1`` for a field to keep, ``0`` for one to skip (``PT`` and
        ``ER`` are recognised here).
    finish : callable
        ``finish(fields, line)`` turns a closed record's ``tag -> values`` table into
        a record dict, or returns a :class:`Problem` to reject it.
    base : int, optional
        The line number of the first chunk's first line (where the text starts in its file).

    Returns
    -------
    ParseResult
    """
    kinds = dict(tags)
    kinds["PT"], kinds["ER"] = _START, _END
    result = ParseResult()
    records, problems = result.records, result.problems
    fields: dict[str, list[str]] | None = None  # the open record, or None between records
    vals: list[str] = []
    rec_line, rec_quote = 0, ""
    pending: tuple[int, str] | None = None  # text outside records carried from earlier chunks
    for chunk in chunks:
        text = "\n" + chunk
        pieces = _PIECE.split(text)
        pt_line, pt_pos = base, 0
        pt_iter = _PT.finditer(text)
        region = -1 if fields is not None else 0  # first piece of the text outside records
        if fields is not None and pieces[0]:
            _values(pieces[0], vals)
        get = kinds.get
        for i in range(1, len(pieces)):
            piece = pieces[i]
            tag = piece[:2]
            kind = get(tag)
            if kind == _KEEP and fields is not None:
                body = piece[3:]
                vals = fields.get(tag)  # type: ignore[assignment]
                if vals is None:
                    vals = fields[tag] = []
                if "\n" in body:
                    _values(body, vals)
                else:
                    body = body.strip()
                    if body:
                        vals.append(body)
            elif kind == _SKIP:
                vals = []  # a field litmap does not keep: drop it and its continuation lines
            elif kind == _START and piece[2:3] == " ":
                pos = next(pt_iter).start()
                pt_line += text.count("\n", pt_pos, pos)
                pt_pos = pos
                if fields is not None:
                    problems.append(Problem(rec_line, "record has no ER before the next PT", rec_quote))
                else:
                    line, outside = _region(pieces[region:i], region, pt_line - 1)
                    if pending:
                        line, outside = pending[0], pending[1] + outside
                        pending = None
                    _outside(outside, line, problems)
                region = -1
                rec_line, rec_quote = pt_line, piece.split("\n", 1)[0]
                vals = []
                fields = {"PT": vals}
                body = piece[3:]
                if "\n" in body:
                    _values(body, vals)
                elif body.strip():
                    vals.append(body.strip())
            elif fields is None:
                continue  # outside text: checked when the region ends
            elif kind is None:
                _values("\n" + piece, vals)  # a line that only looks like a tag continues the value
            elif kind == _END:
                out = finish(fields, rec_line)
                (problems if type(out) is Problem else records).append(out)
                fields, region = None, i
            else:
                vals = []  # PT without a space: a field litmap does not keep
        n = chunk.count("\n")
        if fields is None:
            line, outside = _region(pieces[region:], region, base + n)
            pending = (pending[0], pending[1] + outside) if pending else (line, outside)
        base += n
    if fields is not None:
        problems.append(Problem(rec_line, "truncated record: no ER before the end of the file", rec_quote))
    elif pending:
        _outside(pending[1], pending[0], problems)
    return result
