"""The contract every export reader fulfils, and the registry of formats.

A reader module defines ``parse_<format>(text, path) -> ParseResult`` and a
``sniff`` predicate, and registers them with :func:`register`. Path handling,
encoding detection, the ``on_bad_record`` policy, field normalisation that is
common to all formats, de-duplication and the import report live in
:mod:`litmap.io` (``read``), never in a reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

__all__ = ["Problem", "ParseResult", "Format", "FORMATS", "register"]


@dataclass(frozen=True, slots=True)
class Problem:
    """A record a reader could not accept.

    Attributes
    ----------
    line : int
        1-based line where the bad record (or the bad line) starts.
    reason : str
        What was expected and what was found.
    text : str
        A quote of the offending line.
    """

    line: int
    reason: str
    text: str = ""


@dataclass(slots=True)
class ParseResult:
    """What a reader got out of one decoded file.

    Attributes
    ----------
    records : list of dict
        One dict per record with keys from :data:`litmap.corpus.SCHEMA` (list
        fields as ``list[str]``, ``year`` as ``int`` or ``None``) and ``line``
        (1-based line where the record starts). Keys a format lacks are omitted.
    problems : list of Problem
        Records that were read but rejected (each counts as read and rejected).
    """

    records: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Format:
    """A registered export format.

    Attributes
    ----------
    name : str
        Registry key, e.g. ``"wos_plaintext"``.
    db : str
        Database recorded in the ``db`` column (cnki, cssci, wanfang, wos, scopus, ris).
    parse : callable
        ``parse(text: str, path: str) -> ParseResult``; for ``binary`` formats
        ``parse(data: bytes, path: str) -> ParseResult``.
    sniff : callable
        ``sniff(head: str, path: str) -> bool``: whether the first ~64 kB of decoded
        text (empty for binary formats) and the file name look like this format.
    description : str
        One line shown in ``litmap import --help``.
    binary : bool
        True for spreadsheet formats that are parsed from bytes.
    priority : int
        Sniffers run from high to low priority (more specific formats first).
    """

    name: str
    db: str
    parse: Callable[..., ParseResult]
    sniff: Callable[[str, str], bool]
    description: str
    binary: bool = False
    priority: int = 0


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add ``fmt`` to :data:`FORMATS` (a second registration of a name is an error).

    Parameters
    ----------
    fmt : Format

    Returns
    -------
    Format
        ``fmt`` itself.
    """
    if fmt.name in FORMATS:
        raise RuntimeError(f"format {fmt.name!r} registered twice")
    FORMATS[fmt.name] = fmt
    return fmt
