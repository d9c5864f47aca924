"""Typed errors raised by litmap.

Every error a user can provoke with bad input derives from :class:`LitmapError`,
which is also a :class:`ValueError`, so callers may catch either. The command
line turns them into a one-line message and exit code 2.
"""

from __future__ import annotations

__all__ = [
    "LitmapError",
    "ParseError",
    "FormatError",
    "EncodingError",
    "ParameterError",
    "DataError",
    "ConfigError",
]


class LitmapError(ValueError):
    """Base class of every error litmap raises on bad input."""


class ParseError(LitmapError):
    """A record or a line of an export file cannot be parsed.

    Parameters
    ----------
    message : str
        What was expected and what was found.
    path : str, optional
        The file being read.
    line : int, optional
        1-based line number in that file.
    text : str, optional
        A quote of the offending line (shortened to 80 characters).
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 text: str | None = None) -> None:
        self.reason = message
        self.path = path
        self.line = line
        self.text = text
        where = ""
        if path is not None:
            where = f"{path}"
            if line is not None:
                where += f", line {line}"
            where += ": "
        quote = ""
        if text:
            t = text if len(text) <= 80 else text[:77] + "..."
            quote = f" [{t!r}]"
        super().__init__(f"{where}{message}{quote}")


class FormatError(ParseError):
    """The format of a file is unknown or cannot be detected."""


class EncodingError(ParseError):
    """A file cannot be decoded with any supported encoding."""


class ParameterError(LitmapError):
    """A parameter is out of range or of the wrong kind; the message names it."""


class DataError(LitmapError):
    """The data cannot support the requested analysis (e.g. co-citation on CNKI records)."""


class ConfigError(LitmapError):
    """A study configuration file is unreadable or holds an unknown key."""
