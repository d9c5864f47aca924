"""The records behind a map: compact rows for the page and the records of each node.

The page lists the records behind a clicked node or link; it gets them as one
table of ``[title, authors, year, source, DOI link]`` rows and, per node, the
row numbers of the records containing it (newest first).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from litmap.viz import _html

__all__ = ["records_table", "node_records"]


def records_table(graph: Any, corpus: Any) -> tuple[list, np.ndarray]:
    """Return the records behind the incidence rows as compact rows, and row -> record index.

    Parameters
    ----------
    graph : litmap.network.Network
        Gives ``record_uids`` (one per incidence row).
    corpus : litmap.Corpus or None
        The records; ``None`` gives no rows.

    Returns
    -------
    table : list of list
        ``[title, authors (first six, "; et al."), year or None, source, DOI link or None]``
        per record found in the corpus, in incidence-row order.
    index : numpy.ndarray
        Row of ``table`` of each incidence row (-1: not in the corpus).
    """
    uids = np.asarray(graph.record_uids)
    if corpus is None:
        return [], np.full(len(uids), -1)
    recs = corpus.records
    recs = recs[~recs["uid"].duplicated()]
    keep = pd.Index(recs["uid"]).get_indexer(uids)
    sub = recs.iloc[keep[keep >= 0]]
    authors = ["; ".join(list(a)[:6]) + ("; et al." if len(a) > 6 else "") for a in sub["authors"]]
    years = pd.array(sub["year"], dtype="Int64").to_numpy(dtype=object, na_value=None).tolist()
    table = [[title or "", author_text, year, source or "", _html.doi_url(doi)]
             for title, author_text, year, source, doi in zip(sub["title"], authors, years,
                                                             sub["source"], sub["doi"])]
    index = np.full(len(uids), -1)
    index[keep >= 0] = np.arange(int((keep >= 0).sum()))
    return table, index


def node_records(graph: Any, row_index: np.ndarray) -> list[list[int]]:
    """Return the records containing each node, newest first.

    Parameters
    ----------
    graph : litmap.network.Network
        Gives ``incidence`` and ``record_years``.
    row_index : numpy.ndarray
        Incidence row -> row of the records table (from :func:`records_table`).

    Returns
    -------
    list of list of int
        Per node, rows of the records table (newest year first, then table order).
    """
    inc = graph.incidence.tocoo()
    years = np.asarray(graph.record_years)
    rows, cols = inc.row, inc.col
    ok = row_index[rows] >= 0
    rows, cols = rows[ok], cols[ok]
    order = np.lexsort((row_index[rows], -years[rows], cols))
    bounds = np.searchsorted(cols[order], np.arange(inc.shape[1] + 1))
    ids = row_index[rows[order]]
    return [ids[bounds[j]:bounds[j + 1]].tolist() for j in range(inc.shape[1])]
