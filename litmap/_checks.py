"""Warnings about suspicious data, shown in the terminal and carried into the report.

A map drawn from thin data looks as confident as one drawn from good data; these
checks say when it should not: records without the field an analysis maps,
rejected records, and Chinese and English records mixed without an alias table.
Records without a year and time slices without records are reported by
:func:`litmap.network.build_network`, which does the slicing.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd

from litmap.corpus import Corpus

__all__ = ["FIELDS", "data_warnings", "coverage"]

#: Analysis -> (corpus column it maps, how a warning names it).
FIELDS: dict[str, tuple[str, str]] = {
    "keyword": ("keywords", "keywords"),
    "term": ("title", "a title"),
    "author": ("authors", "authors"),
    "institution": ("institutions", "institutions"),
    "country": ("countries", "countries"),
    "journal": ("source", "a journal"),
    "reference": ("cited_refs", "cited references"),
    "cited_author": ("cited_refs", "cited references"),
    "cited_journal": ("cited_refs", "cited references"),
    "coupling": ("cited_refs", "cited references"),
}

_CHINESE_DBS = frozenset({"cnki", "cssci", "wanfang"})
_ENGLISH_DBS = frozenset({"wos", "scopus"})
#: Share of records lacking a field above which a warning is given.
MISSING_SHARE = 0.10


def coverage(corpus: Corpus, analysis: str) -> float:
    """Return the share of records that have the field an analysis maps.

    Parameters
    ----------
    corpus : Corpus
    analysis : str
        A key of :data:`FIELDS`.

    Returns
    -------
    float
        In [0, 1]; 0 for an empty corpus.
    """
    column, _ = FIELDS[analysis]
    values = corpus.records[column]
    if not len(values):
        return 0.0
    if column in ("title", "source"):
        has = values.notna() & (values.astype(str).str.strip() != "")
    else:
        has = values.map(len) > 0
    return float(has.mean())


def data_warnings(corpus: Corpus, *, analyses: Sequence[str], alias: str = "") -> list[str]:
    """Return one line per suspicious property of ``corpus`` for the analyses asked for.

    Parameters
    ----------
    corpus : Corpus
    analyses : sequence of str
        Analyses of the run (keys of :data:`FIELDS`).
    alias : str, optional
        Alias table path ("" when none is given).

    Returns
    -------
    list of str
        Messages such as ``"17 % of records without keywords"``, in a stable order.
        Cited references that no record has are left to the co-citation analysis,
        which is skipped with its own message.
    """
    out: list[str] = []
    n = len(corpus)
    totals = corpus.report.totals()
    if totals["rejected"]:
        out.append(f"{totals['rejected']} of {totals['read']} records were rejected "
                   f"(listed in import/rejected.csv)")
    if n == 0:
        return out + ["no records were kept"]
    seen: set[str] = set()
    for analysis in analyses:
        column, name = FIELDS[analysis]
        missing = round(1.0 - coverage(corpus, analysis), 9)
        told = column == "cited_refs" and missing == 1.0  # the skipped analysis says so itself
        if column not in seen and missing >= MISSING_SHARE and not told:
            out.append(f"{_percent(missing)} of records without {name}")
        seen.add(column)
    dbs = set(corpus.records["db"].dropna())
    if "keyword" in analyses and not alias and dbs & _CHINESE_DBS and dbs & _ENGLISH_DBS:
        out.append("Chinese and English records are mixed without an alias table: their keywords "
                   "stay separate nodes (set network.alias for one bilingual map)")
    return out


def _percent(share: float) -> str:
    value = round(share * 100)
    return f"{value} %" if value or share == 0 else "< 1 %"
