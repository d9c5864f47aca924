"""Wanfang NoteExpress export (``{Database Provider}: 北京万方数据股份有限公司``).

The layout is CNKI NoteExpress's (see :mod:`litmap.io.cnki_noteexpress`), with
one ``{Author}``, ``{Author Address}`` and ``{Keywords}`` line per value (each
line is one value and is not split further) and translated fields:
``{Translated Title}`` goes to ``title_alt``; ``{Translated Author}``,
``{Translated Keywords}`` and ``{Translated Journal}`` are not kept. The
record id is the ``id=`` of the Wanfang ``{URL}``.
"""

from __future__ import annotations

from litmap.io._registry import Format, ParseResult, register
from litmap.io.cnki_noteexpress import WANFANG_MARK, _is_noteexpress, parse_noteexpress

__all__ = ["parse_wanfang_noteexpress", "sniff"]


def parse_wanfang_noteexpress(text: str, path: str) -> ParseResult:
    """Parse a decoded Wanfang NoteExpress export.

    Parameters
    ----------
    text : str
        The whole file, decoded, ``\\n`` line ends.
    path : str
        The file's path (used in messages and warnings).

    Returns
    -------
    ParseResult

    Examples
    --------
    >>> t = ("{Reference Type}: Journal Article\\n{Title}: 题名\\n{Keywords}: 乳腺癌\\n"
    ...      "{Keywords}:  化疗,放疗\\n")
    >>> parse_wanfang_noteexpress(t, "x.NET").records[0]["keywords"]
    ['乳腺癌', '化疗,放疗']
    """
    return parse_noteexpress(text, path, one_per_line=True)


def sniff(head: str, path: str) -> bool:
    """Return whether ``head`` looks like a Wanfang NoteExpress export.

    Parameters
    ----------
    head : str
        The first ~64 kB of decoded text.
    path : str
        The file name (unused).

    Returns
    -------
    bool
        True when the first non-blank line is ``{Reference Type}: ...`` and the
        head names Wanfang (``北京万方数据股份有限公司`` or a ``wanfangdata`` link).
    """
    return _is_noteexpress(head) and (WANFANG_MARK in head or "wanfangdata.com" in head)


FORMAT = register(Format(
    name="wanfang_noteexpress", db="wanfang", parse=parse_wanfang_noteexpress, sniff=sniff,
    description="Wanfang NoteExpress export ({Reference Type}: fields, one line per value)",
    priority=45))
