"""Decoding export files: BOMs, UTF-16 without BOM, UTF-8, GB18030; line endings.

Readers never see bytes: :func:`decode` turns a file's bytes into text with
``\\n`` line endings and reports the encoding that worked, or raises a typed
error naming the file.
"""

from __future__ import annotations

import codecs
from typing import Iterator

from litmap.errors import EncodingError, ParseError

__all__ = ["decode", "normalise_newlines", "check_sample", "utf8_blocks"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
# C0 control characters that never occur in a text export (tab, LF, FF, CR allowed).
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\x0c", "\r"}
_SAMPLE = 4096
_BLANK = b" \t\r\n\x00" + codecs.BOM_UTF8


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode an export file and normalise its line endings.

    Detection order: a UTF-8 / UTF-16 LE / UTF-16 BE byte-order mark; UTF-16 without
    BOM (NUL bytes on every other position); strict UTF-8; GB18030 (reported as
    ``"gbk"`` when the text is plain GBK, else ``"gb18030"``). The BOM is removed and
    CRLF and bare CR become LF, so line numbers count CR-only breaks too.

    Parameters
    ----------
    data : bytes
        The whole file.
    path : str
        The file name, used in error messages.

    Returns
    -------
    text : str
        The decoded text with ``\\n`` line endings.
    encoding : str
        The codec that opens the file: ``"utf-8-sig"``, ``"utf-16"`` (with BOM),
        ``"utf-16-le"`` / ``"utf-16-be"`` (without BOM), ``"utf-8"``, ``"gbk"`` or
        ``"gb18030"``.

    Raises
    ------
    ParseError
        If the file is empty.
    EncodingError
        If the file is binary or cannot be decoded with any supported encoding.

    Examples
    --------
    >>> decode(b"PT J\\r\\nER\\r", "x.txt")
    ('PT J\\nER\\n', 'utf-8')
    """
    if not data[:_SAMPLE].strip(_BLANK) and not data.strip(_BLANK):
        raise ParseError("empty file", path=path)
    text, encoding = _decode(data, path)
    if not text.strip():
        raise ParseError("empty file", path=path)
    check_sample(text, path)
    return normalise_newlines(text), encoding


def check_sample(text: str, path: str) -> None:
    """Raise if the first characters of a decoded file look like binary data.

    Parameters
    ----------
    text : str
        The decoded text (at least its first 4096 characters).
    path : str
        The file name, used in error messages.

    Raises
    ------
    EncodingError
        When more than 1 % (at least 3) of the first 4096 characters are control
        characters that never occur in a text export.
    """
    sample = text[:_SAMPLE]
    bad = sum(ch in _CONTROL for ch in sample)
    if bad > max(2, len(sample) // 100):
        raise EncodingError(f"binary data ({bad} control characters in the first "
                            f"{len(sample)} characters), not a text export", path=path)


def utf8_blocks(path: str, start: int, end: int, size: int = 1 << 22, *,
                after: bytes | None = None) -> Iterator[str]:
    """Decode bytes ``start:end`` of a UTF-8 file block by block, never holding it whole.

    Blocks are cut just after a newline byte (so neither a UTF-8 sequence nor a
    CRLF pair is split); a UTF-8 BOM at offset 0 is dropped; line endings become
    ``\\n``.

    Parameters
    ----------
    path : str
        The file.
    start, end : int
        Byte range to decode.
    size : int, optional
        Bytes read at a time.
    after : bytes, optional
        Cut just after the last line of a block that starts with these bytes (if
        any), e.g. ``b"ER"`` so that blocks end between WoS records.

    Returns
    -------
    iterator of str

    Raises
    ------
    UnicodeDecodeError
        On bytes that are not UTF-8, or on a NUL byte (UTF-16 or binary data).
    """
    with open(path, "rb") as fh:
        fh.seek(start)
        left, carry = end - start, b""
        if start == 0 and left >= 3:
            head = fh.read(3)
            left -= 3
            carry = b"" if head == codecs.BOM_UTF8 else head
        while left > 0 or carry:
            block = fh.read(min(size, left)) if left > 0 else b""
            left -= len(block)
            data = carry + block
            cut = _cut(data, after) if left > 0 else len(data)
            if cut == 0:
                carry = data
                continue
            data, carry = data[:cut], data[cut:]
            if b"\x00" in data:
                raise UnicodeDecodeError("utf-8", data, data.find(b"\x00"), len(data), "NUL byte")
            yield normalise_newlines(data.decode("utf-8"))


def normalise_newlines(text: str) -> str:
    """Turn CRLF and bare CR into LF.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _decode(data: bytes, path: str) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):  # these codecs drop the BOM themselves (no copy of the bytes)
            return _strict(data, codec, name, path)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise EncodingError("binary data (NUL bytes), not a text export", path=path)
        return _strict(data, utf16, utf16, path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gbk"), "gbk"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise EncodingError(f"cannot decode as UTF-8, UTF-16 or GB18030 (bad byte at offset "
                            f"{exc.start})", path=path) from None


def _strict(data: bytes, codec: str, name: str, path: str) -> tuple[str, str]:
    try:
        return data.decode(codec), name
    except UnicodeDecodeError as exc:
        raise EncodingError(f"invalid {name} data at byte {exc.start}", path=path) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """Return ``"utf-16-le"``/``"utf-16-be"`` when NULs sit on every other byte."""
    head = data[:_SAMPLE]
    half = len(head) // 2
    if half == 0 or len(data) % 2:
        return None
    odd = head[1::2].count(0)
    even = head[0::2].count(0)
    if odd >= 0.3 * half and even <= 0.05 * half:
        return "utf-16-le"
    if even >= 0.3 * half and odd <= 0.05 * half:
        return "utf-16-be"
    return None


def _cut(data: bytes, after: bytes | None) -> int:
    """Offset just after the last line of ``data`` that starts with ``after``, else after its last newline."""
    if after:
        i = data.rfind(b"\n" + after)
        j = data.find(b"\n", i + 1 + len(after)) if i >= 0 else -1
        if j >= 0:
            return j + 1
    return data.rfind(b"\n") + 1
