"""Records as columns: the form in which readers hand normalised records to de-duplication.

A *batch* is a ``dict`` from every :data:`COLUMNS` name to a list with one value
per record, in file order. The ordinary readers return record dicts, which
:func:`from_records` turns into a batch; the columnar WoS reader
(:mod:`litmap.io._wos_columns`) builds batches directly. :func:`concat` joins the
batches of all input files before de-duplication.
"""

from __future__ import annotations

from itertools import chain
from typing import Any, Iterable

from litmap.corpus import SCHEMA

__all__ = ["COLUMNS", "DERIVED", "Batch", "from_records", "concat", "empty"]

#: Every schema column except ``uid`` (given after de-duplication).
COLUMNS: tuple[str, ...] = tuple(c for c in SCHEMA if c != "uid")

#: Per-record keys for de-duplication (see :func:`litmap.io.dedup.add_match_keys`).
DERIVED: tuple[str, ...] = ("_id", "_title", "_uid")

Batch = dict[str, list[Any]]


def empty() -> Batch:
    """A batch of no records.

    Returns
    -------
    dict of str to list
    """
    return {c: [] for c in COLUMNS}


def from_records(records: list[dict[str, Any]]) -> Batch:
    """The batch of normalised record dicts (a missing key gives ``None``).

    Parameters
    ----------
    records : list of dict

    Returns
    -------
    dict of str to list
    """
    if not records:
        return empty()
    rows = [tuple(map(rec.get, COLUMNS)) for rec in records]  # one visit per record
    return {c: list(values) for c, values in zip(COLUMNS, zip(*rows))}


def concat(batches: Iterable[Batch]) -> Batch:
    """One batch holding the records of ``batches`` in order (the columns of the first one).

    Parameters
    ----------
    batches : iterable of dict of str to list

    Returns
    -------
    dict of str to list
    """
    batches = list(batches)
    if len(batches) == 1:
        return batches[0]
    return {c: list(chain.from_iterable(b[c] for b in batches)) for c in batches[0]}
