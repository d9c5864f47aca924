"""Typed errors of the analysis package.

They derive from :mod:`litmap.errors`, so the ``litmap`` command line reports
them as one line and exit code 2, and callers may catch ``ValueError``.
"""

from __future__ import annotations

from litmap.errors import ConfigError, DataError, ParameterError

__all__ = ["SchemaError", "DataError", "ParameterError", "ConfigError"]


class SchemaError(DataError):
    """An input table breaks its documented schema.

    Parameters
    ----------
    message : str
        What was expected and what was found.
    source : str, optional
        The file (or table name) being checked.
    column : str, optional
        The offending column.
    row : int, optional
        1-based data row (for a CSV file: line number minus one for the header).
    """

    def __init__(self, message: str, *, source: str | None = None, column: str | None = None,
                 row: int | None = None) -> None:
        self.reason = message
        self.source = source
        self.column = column
        self.row = row
        where = []
        if source:
            where.append(str(source))
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        prefix = ", ".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message)
