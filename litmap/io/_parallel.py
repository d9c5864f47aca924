"""Large WoS plain-text files: decoded block by block and parsed in two processes.

For a UTF-8 WoS plain-text file of at least :data:`PARALLEL_MIN` bytes,
:func:`read_large` cuts the file into chunks of about :data:`CHUNK` bytes, each
ending just after an ``ER`` line (the grammar is between records there). This
process and a forked worker take the chunks in turn from a shared counter, so that
one of them slowed down (another program, a busy host) leaves more chunks to the
other and neither waits long for the other at the end. The worker sends its
records block by block (:meth:`~litmap._background.Background.stream`), and this
process takes them in between its own blocks; the chunks are joined in file order
(line numbers shifted by the lines of the chunks before). The cited references of
all the worker's blocks go through one pickle stream (:class:`_RefsSender`,
:class:`_RefsReceiver`): a reference or key sent once is sent by reference after
that, so this process holds it once, as it does the references it reads itself.
Neither process ever holds the whole file or its whole text: each decodes 4 MB
blocks (:func:`~litmap.io._text.utf8_blocks`). The result equals the one-process
path. Without a spare CPU (see :func:`litmap._background.can_fork`) or ``fork``, or
in a daemonic caller (which may not fork), the whole file is read block by block in
this process. Whenever this path does not apply (not UTF-8, a NUL byte, another
format, an empty file) :func:`read_large` returns None and the caller reads the
file the ordinary way.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import pickle
import re
from typing import Any, Iterator

from litmap._background import Background
from litmap._background import can_fork as _can_fork
from litmap.io._columns import Batch, concat
from litmap.io._refs import given_keys, note_given
from litmap.io._registry import FORMATS, Format, Problem
from litmap.io._text import check_sample, normalise_newlines, utf8_blocks
from litmap.io._wos_columns import iter_columns
from litmap.io.dedup import add_match_keys

__all__ = ["read_large", "PARALLEL_MIN"]

#: Files smaller than this are read in one process.
PARALLEL_MIN = 16 << 20
#: Bytes per chunk of a file read by two processes (a chunk ends just after an ER line past it).
CHUNK = 16 << 20
_HEAD = 65536
# An ER tag line (``ER``, then a space or the line end) and its line end.
_ER_LINE = re.compile(rb"\nER(?: [^\r\n]*)?\r?\n")

def _blocks(path: str, start: int, end: int) -> Iterator[tuple[Batch, list[Problem], int]]:
    """Bytes ``start:end`` read into columns block by block (see :func:`iter_columns`), match keys added.

    Raises UnicodeDecodeError on bytes that are not UTF-8.
    """
    for batch, problems, lines in iter_columns(utf8_blocks(path, start, end, after=b"ER"),
                                               FORMATS["wos_plaintext"], path):
        add_match_keys(batch)
        yield batch, problems, lines


_REF_COLUMNS = ("cited_refs", "cited_refs_raw")


class _RefsSender:
    """The worker's end of the reference stream: one pickler, whose memo lasts for all blocks."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self._pickler = pickle.Pickler(self._buffer, protocol=pickle.HIGHEST_PROTOCOL)

    def dump(self, value: Any) -> bytes:
        """The pickle of ``value`` in this stream."""
        self._pickler.dump(value)
        data = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return data


class _RefsReceiver:
    """This process's end of the reference stream: one unpickler, given the pickles in order."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self._unpickler = pickle.Unpickler(self._buffer)

    def load(self, data: bytes) -> Any:
        """The value of the next pickle in this stream."""
        self._buffer.seek(0)
        self._buffer.truncate()
        self._buffer.write(data)
        self._buffer.seek(0)
        return self._unpickler.load()


def _chunks(path: str, cuts: list[int], taken: Any) -> Iterator[tuple[int, Batch, list[Problem], int]]:
    """The blocks of every chunk this process takes next from the shared counter ``taken``.

    Chunk ``i`` is bytes ``cuts[i]:cuts[i + 1]``; its blocks come as
    ``(i, batch, problems, lines)`` with lines counted from the chunk's start.
    """
    while True:
        with taken.get_lock():
            i = taken.value
            taken.value += 1
        if i >= len(cuts) - 1:
            return
        for batch, problems, lines in _blocks(path, cuts[i], cuts[i + 1]):
            yield i, batch, problems, lines


def _sent_chunks(path: str, cuts: list[int], taken: Any
                 ) -> Iterator[tuple[int | None, Batch | None, list[Problem], int, bytes]]:
    """:func:`_chunks` as the worker sends them.

    The reference columns go through one pickle stream (:class:`_RefsSender`);
    last comes, with no chunk, the keys the worker's index gave (see
    :func:`~litmap.io._refs.given_keys`).
    """
    refs = _RefsSender()
    with given_keys() as keys:
        for i, batch, problems, lines in _chunks(path, cuts, taken):
            yield i, batch, problems, lines, refs.dump(tuple(batch.pop(c) for c in _REF_COLUMNS))
    yield None, None, [], 0, refs.dump(keys)


def _cuts(path: str, size: int) -> list[int]:
    """Chunk bounds: 0, the offset just after the first ER line past every :data:`CHUNK` bytes, and ``size``."""
    cuts = [0]
    with open(path, "rb") as fh:
        pos = CHUNK
        while pos < size:
            fh.seek(pos)
            window = fh.read(1 << 20)
            m = _ER_LINE.search(window)
            if m is None:
                if len(window) < 1 << 20:
                    break
                pos += len(window) - 64  # overlap: an ER line may straddle two windows
                continue
            cut = pos + m.end()
            if cut < size:
                cuts.append(cut)
            pos = cut + CHUNK
    cuts.append(size)
    return cuts


def _head(path: str, fmt_name: str | None) -> tuple[Format, str] | None:
    """The format and encoding name when the file starts as UTF-8 WoS plain text."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    if b"\x00" in head:
        return None
    cut = head.rfind(b"\n") + 1
    try:
        text = head[:cut].decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    check_sample(text, path)
    from litmap.io import detect_format  # the registry's detector (imported late: no cycle)

    fmt = FORMATS[fmt_name] if fmt_name else detect_format(normalise_newlines(text)[:_HEAD], path)
    if fmt is None or fmt.name != "wos_plaintext":
        return None
    return fmt, "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"


def _two_processes(path: str, cuts: list[int]) -> list[tuple[Batch, list[Problem]]]:
    """The chunks read here and in a forked child, joined in file order (absolute line numbers)."""
    taken = multiprocessing.get_context("fork").Value("i", 0)  # the next chunk, in memory both processes see
    runner = Background()
    rest = runner.stream(_sent_chunks, path, cuts, taken)
    refs = _RefsReceiver()
    chunks: list[list[tuple[Batch, list[Problem], int]]] = [[] for _ in range(len(cuts) - 1)]

    def receive(items: list[tuple[int | None, Batch | None, list[Problem], int, bytes]]) -> None:
        for i, batch, problems, lines, data in items:
            if i is None:
                note_given(refs.load(data))
            else:
                batch.update(zip(_REF_COLUMNS, refs.load(data)))
                chunks[i].append((batch, problems, lines))

    try:
        for i, batch, problems, lines in _chunks(path, cuts, taken):
            chunks[i].append((batch, problems, lines))
            receive(rest.take())
        receive(rest.result())
    except BaseException:  # e.g. not UTF-8, or KeyboardInterrupt: do not wait for the child's part
        runner.terminate()
        raise
    parts, offset = [], 0
    for blocks in chunks:
        for batch, problems, _ in blocks:
            if offset:
                batch["line"] = [line + offset for line in batch["line"]]
                problems = [Problem(p.line + offset, p.reason, p.text) for p in problems]
            parts.append((batch, problems))
        offset += blocks[-1][2] if blocks else 0  # the newlines of the chunk
    return parts


def read_large(path: str, fmt_name: str | None) -> tuple[Format, Batch, list[Problem], str] | None:
    """Read a large UTF-8 WoS plain-text file block by block, in two processes if possible.

    Parameters
    ----------
    path : str
        The file.
    fmt_name : str or None
        The format the caller asked for (None: detect it).

    Returns
    -------
    (Format, dict of str to list, list of Problem, str) or None
        The format, the normalised records as columns (:mod:`litmap.io._columns`),
        the rejected records and the encoding name; None when the file should be
        read the ordinary way.
    """
    size = os.path.getsize(path)
    head = _head(path, fmt_name) if size >= PARALLEL_MIN else None
    if head is None:
        return None
    cuts = _cuts(path, size) if _can_fork() else [0, size]
    try:
        if len(cuts) > 2:
            parts = _two_processes(path, cuts)
        else:
            parts = [(batch, problems) for batch, problems, _ in _blocks(path, 0, size)]
    except UnicodeDecodeError:
        return None
    if not any(batch["line"] or problems for batch, problems in parts):
        return None  # blank text: the ordinary path reports an empty file
    problems = [p for _, part_problems in parts for p in part_problems]
    return head[0], concat([batch for batch, _ in parts]), problems, head[1]
