"""Input schemas of the analysis package and their validation.

Three tables enter the analysis, each checked on the way in so that a bad file
fails with a :class:`~analysis.errors.SchemaError` naming the column and row:

``city panel``
    One row per city and year: ``city`` (str), ``year`` (int) and numeric
    indicator or regressor columns. A ``(city, year)`` pair occurs once.
``ring panel``
    One row per comparable spatial unit and census year: ``city``, ``unit``,
    ``ring`` (``core``, ``inner_suburb`` or ``county``), ``year`` and
    ``population``; optional ``urban`` and ``rural``. Built by
    :func:`analysis.rings.build_ring_panel`.
``survey``
    One row per respondent (China Migrants Dynamic Survey shape): an ``id``,
    the inflow ``city`` and the columns of :data:`SURVEY_COLUMNS`.

Row numbers in messages are file line numbers when the table was read from a
CSV file (the header is line 1) and 1-based positions otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import SchemaError

__all__ = ["RINGS", "SURVEY_COLUMNS", "FLOW_RANGES", "INTENTIONS", "DESTINATIONS",
           "CITY_SIZES", "city_size_class", "read_table", "check_columns", "check_numeric",
           "validate_city_panel", "validate_ring_panel", "validate_survey"]

RINGS = ("core", "inner_suburb", "county")
"""Ring labels, from the centre outwards."""

FLOW_RANGES = ("cross_province", "cross_city", "within_city")
INTENTIONS = ("return", "stay", "undecided")
DESTINATIONS = ("stay", "village", "township_county", "elsewhere")
CITY_SIZES = ("super", "mega", "large_1", "large_2", "medium", "small")
"""2014 State Council city-size classes on urban-district resident population:
超大 (>= 10 M), 特大 (5-10 M), 大 I (3-5 M), 大 II (1-3 M), 中等 (0.5-1 M), 小 (< 0.5 M)."""

SURVEY_COLUMNS: dict[str, str | tuple[str, ...]] = {
    "intention": INTENTIONS,
    "destination": DESTINATIONS,
    "log_income": "numeric",
    "land_contract": "binary",
    "homestead": "binary",
    "social_insurance": "binary",
    "owns_home": "binary",
    "integration": "numeric",
    "child_left": "binary",
    "parent_left": "binary",
    "spouse_left": "binary",
    "age": "numeric",
    "female": "binary",
    "schooling": "numeric",
    "married": "binary",
    "flow_range": FLOW_RANGES,
    "years_moved": "numeric",
    "self_employed": "binary",
    "city_size": CITY_SIZES,
}
"""Survey columns and their kind: ``numeric``, ``binary`` (0/1) or a tuple of allowed codes.

``intention``: 返乡 / 继续留在本地 / 没想好; ``destination``: where a returner goes;
``integration``: mean of four agreement items (one reversed), 1-4; ``flow_range``:
跨省 / 省内跨市 / 市内跨县."""


def city_size_class(population: float | Sequence[float]) -> str | list[str]:
    """Classify cities by the 2014 State Council standard (国发〔2014〕51号).

    Parameters
    ----------
    population : float or sequence of float
        Resident population of the urban districts (城区常住人口), in persons.

    Returns
    -------
    str or list of str
        ``super`` (>= 10 M), ``mega`` (5-10 M), ``large_1`` (3-5 M), ``large_2``
        (1-3 M), ``medium`` (0.5-1 M) or ``small`` (< 0.5 M); lower bounds inclusive.
    """
    values = np.atleast_1d(np.asarray(population, dtype=float))
    if not np.all(np.isfinite(values)) or np.any(values < 0):
        raise SchemaError("urban-district population must be a finite number >= 0")
    bins = np.array([5e5, 1e6, 3e6, 5e6, 1e7])
    labels = np.array(CITY_SIZES[::-1])[np.searchsorted(bins, values, side="right")]
    out = labels.tolist()
    return out[0] if np.ndim(population) == 0 else out


def read_table(path: str | Path) -> tuple[pd.DataFrame, int]:
    """Read a CSV file (UTF-8, with or without BOM, else GB18030), keeping empty cells as missing.

    Parameters
    ----------
    path : str or Path
        The CSV file (header on line 1).

    Returns
    -------
    (pandas.DataFrame, int)
        The table and the line number of its first data row (2), for messages.
    """
    path = Path(path)
    frame = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            frame = pd.read_csv(path, encoding=encoding, skipinitialspace=True)
            break
        except UnicodeDecodeError:
            continue
        except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise SchemaError(f"cannot read the CSV file ({exc})", source=str(path)) from exc
    if frame is None:
        raise SchemaError("cannot read the CSV file: neither UTF-8 nor GB18030", source=str(path))
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame, 2


def check_columns(frame: pd.DataFrame, required: Iterable[str], *, source: str | None = None) -> None:
    """Raise when a required column is absent.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    required : iterable of str
        Column names that must be present.
    source : str, optional
        File or table name for the message.

    Returns
    -------
    None
    """
    have = set(frame.columns)
    for name in required:
        if name not in have:
            raise SchemaError(f"missing column (columns present: {', '.join(map(str, frame.columns))})",
                              source=source, column=name)


def check_numeric(frame: pd.DataFrame, columns: Sequence[str], *, source: str | None = None,
                  first_line: int = 1, allow_missing: bool = False) -> pd.DataFrame:
    """Convert columns to float, naming the first cell that is not a number.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table (not modified).
    columns : sequence of str
        Columns that must be numeric.
    source : str, optional
        File or table name for the message.
    first_line : int, default 1
        Row number reported for the first row (2 for a CSV file with a header).
    allow_missing : bool, default False
        Accept empty cells (kept as NaN); otherwise an empty cell is an error.

    Returns
    -------
    pandas.DataFrame
        A copy with the columns as ``float64``.
    """
    out = frame.copy()
    check_columns(out, columns, source=source)
    for col in columns:
        raw = out[col]
        values = pd.to_numeric(raw, errors="coerce")
        bad = values.isna() & raw.notna()
        if bool(bad.any()):
            pos = int(np.flatnonzero(bad.to_numpy())[0])
            raise SchemaError(f"not a number: {raw.iloc[pos]!r}", source=source, column=col,
                              row=pos + first_line)
        if not allow_missing and bool(values.isna().any()):
            pos = int(np.flatnonzero(values.isna().to_numpy())[0])
            raise SchemaError("missing value", source=source, column=col, row=pos + first_line)
        if bool(np.isinf(values.to_numpy(dtype=float, na_value=np.nan)).any()):
            pos = int(np.flatnonzero(np.isinf(values.to_numpy(dtype=float, na_value=np.nan)))[0])
            raise SchemaError("infinite value", source=source, column=col, row=pos + first_line)
        out[col] = values.astype("float64")
    return out


def _check_keys(frame: pd.DataFrame, keys: Sequence[str], *, source: str | None,
                first_line: int) -> None:
    for key in keys:
        missing = frame[key].isna() | (frame[key].astype(str).str.strip() == "")
        if bool(missing.any()):
            pos = int(np.flatnonzero(missing.to_numpy())[0])
            raise SchemaError("missing value", source=source, column=key, row=pos + first_line)
    dup = frame.duplicated(list(keys), keep="first")
    if bool(dup.any()):
        pos = int(np.flatnonzero(dup.to_numpy())[0])
        first = int(np.flatnonzero((frame[list(keys)] == frame[list(keys)].iloc[pos]).all(axis=1))[0])
        shown = ", ".join(f"{k}={frame[k].iloc[pos]}" for k in keys)
        raise SchemaError(f"duplicate {'/'.join(keys)} ({shown}) already on row {first + first_line}",
                          source=source, row=pos + first_line)


def _check_year(frame: pd.DataFrame, *, source: str | None, first_line: int) -> pd.DataFrame:
    out = check_numeric(frame, ["year"], source=source, first_line=first_line)
    frac = out["year"] != np.round(out["year"])
    if bool(frac.any()):
        pos = int(np.flatnonzero(frac.to_numpy())[0])
        raise SchemaError(f"year must be a whole number, found {frame['year'].iloc[pos]!r}",
                          source=source, column="year", row=pos + first_line)
    out["year"] = out["year"].astype("int64")
    return out


def _check_codes(frame: pd.DataFrame, column: str, allowed: Sequence[str], *, source: str | None,
                 first_line: int) -> None:
    values = frame[column].astype("string").str.strip()
    bad = ~values.isin(list(allowed)) | values.isna()
    if bool(bad.any()):
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise SchemaError(f"unknown code {frame[column].iloc[pos]!r} (expected one of "
                          f"{', '.join(allowed)})", source=source, column=column, row=pos + first_line)


def validate_city_panel(frame: pd.DataFrame, *, indicators: Sequence[str] | None = None,
                        source: str | None = None, first_line: int = 1,
                        allow_missing: bool = False) -> pd.DataFrame:
    """Check a city panel and return it with typed columns, sorted by city and year.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``city``, ``year`` and the indicator columns.
    indicators : sequence of str, optional
        Columns that must be numeric; default every column except ``city`` and ``year``.
    source : str, optional
        File or table name for messages.
    first_line : int, default 1
        Row number of the first row in messages.
    allow_missing : bool, default False
        Accept empty indicator cells.

    Returns
    -------
    pandas.DataFrame
        ``city`` as str, ``year`` as int64, indicators as float64.
    """
    check_columns(frame, ["city", "year"], source=source)
    cols = list(indicators) if indicators is not None else [c for c in frame.columns
                                                            if c not in ("city", "year")]
    if not cols:
        raise SchemaError("no indicator columns besides city and year", source=source)
    _check_keys(frame, ["city", "year"], source=source, first_line=first_line)
    out = _check_year(frame, source=source, first_line=first_line)
    out = check_numeric(out, cols, source=source, first_line=first_line, allow_missing=allow_missing)
    out["city"] = out["city"].astype(str).str.strip()
    return out.sort_values(["city", "year"], kind="stable").reset_index(drop=True)


def validate_ring_panel(frame: pd.DataFrame, *, source: str | None = None,
                        first_line: int = 1) -> pd.DataFrame:
    """Check a ring panel (unit populations by census year).

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``city, unit, ring, year, population`` and optionally ``urban, rural``.
    source : str, optional
        File or table name for messages.
    first_line : int, default 1
        Row number of the first row in messages.

    Returns
    -------
    pandas.DataFrame
        Typed copy sorted by city, unit and year.
    """
    check_columns(frame, ["city", "unit", "ring", "year", "population"], source=source)
    _check_keys(frame, ["city", "unit", "year"], source=source, first_line=first_line)
    _check_codes(frame, "ring", RINGS, source=source, first_line=first_line)
    out = _check_year(frame, source=source, first_line=first_line)
    numeric = [c for c in ("population", "urban", "rural") if c in frame.columns]
    out = check_numeric(out, numeric, source=source, first_line=first_line)
    nonpos = out["population"] <= 0
    if bool(nonpos.any()):
        pos = int(np.flatnonzero(nonpos.to_numpy())[0])
        raise SchemaError("population must be positive", source=source, column="population",
                          row=pos + first_line)
    for col in ("city", "unit", "ring"):
        out[col] = out[col].astype(str).str.strip()
    return out.sort_values(["city", "unit", "year"], kind="stable").reset_index(drop=True)


def validate_survey(frame: pd.DataFrame, *, columns: Mapping[str, str | tuple[str, ...]] | None = None,
                    source: str | None = None, first_line: int = 1) -> pd.DataFrame:
    """Check a respondent-level survey table.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per respondent with ``id``, ``city`` and the schema columns.
    columns : mapping, optional
        Column kinds to check (default :data:`SURVEY_COLUMNS`); only the columns
        named here are checked, so a user file may carry more.
    source : str, optional
        File or table name for messages.
    first_line : int, default 1
        Row number of the first row in messages.

    Returns
    -------
    pandas.DataFrame
        Typed copy: numeric and binary columns as float64, codes as str.
    """
    spec = dict(SURVEY_COLUMNS if columns is None else columns)
    check_columns(frame, ["id", "city", *spec], source=source)
    _check_keys(frame, ["id"], source=source, first_line=first_line)
    numeric = [c for c, kind in spec.items() if kind in ("numeric", "binary")]
    out = check_numeric(frame, numeric, source=source, first_line=first_line)
    for col, kind in spec.items():
        if kind == "binary":
            bad = ~out[col].isin([0.0, 1.0])
            if bool(bad.any()):
                pos = int(np.flatnonzero(bad.to_numpy())[0])
                raise SchemaError(f"expected 0 or 1, found {frame[col].iloc[pos]!r}", source=source,
                                  column=col, row=pos + first_line)
        elif isinstance(kind, tuple):
            _check_codes(frame, col, kind, source=source, first_line=first_line)
            out[col] = out[col].astype(str).str.strip()
    out["city"] = out["city"].astype(str).str.strip()
    return out
