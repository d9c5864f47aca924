"""Cluster labels by log-likelihood ratio, mutual information and tf-idf.

The records behind a cluster are the rows of ``network.incidence`` that contain at
least one of its members: for a keyword network the records with a member keyword,
for a co-citation network the records citing a member. Candidate terms come from
the titles, keywords or abstracts of those records (English 1-3-word n-grams and
jieba nouns via :func:`litmap.network.terms.extract_terms`, with the corpus's
Chinese keywords kept whole; keywords as written, lower-cased). Every term is counted once per record.

For a term t and a cluster C over the N records of the network, the 2 x 2 table
of records is k11 (in C, with t), k12 (in C, without t), k21 (outside, with t) and
k22 (outside, without t):

- **LLR**: Dunning's G^2 = 2 [sum k ln k - sum_rows R ln R - sum_cols C ln C + N ln N],
  p-value ``chi2.sf(G^2, 1)`` (computed as ``scipy.special.chdtrc(1, G^2)``, the same
  values without loading ``scipy.stats``); only over-represented terms
  (k11 / (k11 + k12) > k21 / (k21 + k22)) are candidates, since G^2 is direction-blind.
- **MI**: mutual information in bits of the same table (Manning, Raghavan &
  Schuetze, *IR book* 13.5.1), equal to G^2 / (2 N ln 2); over-represented terms only,
  so within a cluster it ranks as LLR does.
- **tf-idf**: k11 * ln(N / df_t) (df_t = records containing t), every term of C.

Nested terms give way to the phrases they belong to, so that a cluster is called
"deep learning" or "landslide susceptibility mapping" rather than "deep" or "landslide":
within a cluster, a multi-word or Chinese term is dropped when one longer candidate that
contains it (as whole words, or as a substring for Chinese) occurs in at least 75 % of the
cluster's records that contain the term; a single English word is dropped when the longer
candidates containing it together reach that share. Scores are not changed, only the
candidates ranked (``term_scores`` still reports every term).

Ties go to the longer term (a phrase over its own words), then alphabetical order,
so the same clusters always get the same labels. In
the summary strings p-values below 1.0E-4 are shown as ``1.0E-4``, as CiteSpace
does; the ``labels`` table keeps the exact value.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from itertools import chain
from typing import Any, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.special import chdtrc, xlogy

from litmap.cluster.detect import LABEL_METHODS, ClusterResult
from litmap.errors import DataError, ParameterError

__all__ = ["label_clusters", "term_scores", "SOURCES"]

SOURCES = ("title", "keywords", "abstract")
_CJK = re.compile(r"[\u3400-\u9fff]")


def term_scores(record_clusters: sp.spmatrix, record_terms: sp.spmatrix, *,
                terms: Sequence[str]) -> pd.DataFrame:
    """Score every term present in every cluster, all at once on sparse matrices.

    Parameters
    ----------
    record_clusters : scipy.sparse matrix
        Records x clusters, non-zero where the record belongs to the cluster.
    record_terms : scipy.sparse matrix
        Records x terms, non-zero where the record contains the term.
    terms : sequence of str
        The term of each column of ``record_terms``.

    Returns
    -------
    pandas.DataFrame
        One row per (cluster, term) with k11 > 0: ``cluster, term, k11, k12, k21,
        k22, over, llr, p_value, mi, tfidf``.
    """
    rc = (sp.csr_matrix(record_clusters) != 0).astype(np.float64)
    rt = (sp.csr_matrix(record_terms) != 0).astype(np.float64)
    if rc.shape[0] != rt.shape[0]:
        raise DataError(f"{rc.shape[0]} records in the cluster matrix, {rt.shape[0]} in the term matrix")
    n = float(rc.shape[0])
    size = np.asarray(rc.sum(axis=0)).ravel()
    df = np.asarray(rt.sum(axis=0)).ravel()
    k = (rc.T @ rt).tocoo()
    c, t, k11 = k.row, k.col, k.data
    k12 = size[c] - k11
    k21 = df[t] - k11
    k22 = n - size[c] - df[t] + k11
    cells = xlogy(k11, k11) + xlogy(k12, k12) + xlogy(k21, k21) + xlogy(k22, k22)
    margins = (xlogy(size[c], size[c]) + xlogy(n - size[c], n - size[c])
               + xlogy(df[t], df[t]) + xlogy(n - df[t], n - df[t]))
    g2 = np.maximum(2.0 * (cells - margins + n * math.log(n)), 0.0) if n > 0 else np.zeros(len(c))
    frame = pd.DataFrame({
        "cluster": c.astype(int), "term": np.asarray(terms, dtype=object)[t],
        "k11": k11.astype(int), "k12": k12.astype(int), "k21": k21.astype(int), "k22": k22.astype(int),
        "over": k11 * (n - size[c]) > k21 * size[c],
        "llr": g2, "p_value": chdtrc(1.0, g2), "mi": g2 / (2.0 * n * math.log(2.0)),
        "tfidf": k11 * np.log(n / df[t]),
    })
    return frame.sort_values(["cluster", "term"], kind="stable").reset_index(drop=True)


def label_clusters(result: ClusterResult, network: Any, *, corpus: Any,
                   source: str | Sequence[str] = "title", methods: Sequence[str] = LABEL_METHODS,
                   top: int = 5) -> ClusterResult:
    """Label every cluster with its most characteristic terms.

    Parameters
    ----------
    result : ClusterResult
        Clusters of ``network`` (from :func:`litmap.cluster.cluster_network`).
    network : litmap.network.Network
        The clustered network (``incidence``, ``record_uids``).
    corpus : litmap.Corpus
        The corpus the network was built from (gives the texts).
    source : {"title", "keywords", "abstract"} or a sequence of them, optional
        Where candidate terms come from (default ``"title"``).
    methods : sequence of {"llr", "mi", "tfidf"}, optional
        Labelling methods (default all three).
    top : int, optional (default=5)
        Terms kept per cluster and method.

    Returns
    -------
    ClusterResult
        A new result whose ``clusters`` has ``label_<m>``/``labels_<m>`` filled and
        whose ``labels`` holds the ranked candidates.
    """
    sources = (source,) if isinstance(source, str) else tuple(source)
    if not sources or any(s not in SOURCES for s in sources):
        raise ParameterError(f"source must be one or more of {SOURCES}, got {source!r}")
    if not methods or any(m not in LABEL_METHODS for m in methods):
        raise ParameterError(f"methods must be among {LABEL_METHODS}, got {methods!r}")
    if isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1:
        raise ParameterError(f"top must be an integer >= 1, got {top!r}")
    records = _records_of(network, corpus)
    membership = result.membership.to_numpy()
    incidence = sp.csr_matrix(network.incidence)
    if incidence.shape[1] != len(membership):
        raise DataError(f"the network has {incidence.shape[1]} nodes, the clusters cover {len(membership)}")
    k = int(membership.max()) + 1
    onehot = sp.csr_matrix((np.ones(len(membership)), (np.arange(len(membership)), membership)),
                           shape=(len(membership), k))
    record_clusters = incidence @ onehot
    record_terms, terms = _term_matrix(records, sources)
    scores = term_scores(record_clusters, record_terms, terms=terms)
    ranked = _rank(scores, methods, top)
    clusters = result.clusters.copy()
    for m in methods:
        part = ranked[ranked["method"] == m]
        best = part[part["rank"] == 1].set_index("cluster")["term"]
        text = part.groupby("cluster")["text"].agg("; ".join)
        clusters[f"label_{m}"] = clusters["cluster"].map(best).fillna("").to_numpy()
        clusters[f"labels_{m}"] = clusters["cluster"].map(text).fillna("").to_numpy()
    params = {**result.params, "labels": {"source": list(sources), "methods": list(methods),
                                          "top": int(top), "records": int(incidence.shape[0])}}
    return replace(result, clusters=clusters, labels=ranked.drop(columns="text"), params=params)


def _records_of(network: Any, corpus: Any) -> pd.DataFrame:
    """Corpus rows aligned with the incidence rows of ``network``."""
    frame = corpus.records
    index = pd.Index(frame["uid"])
    if index.has_duplicates:
        raise DataError("the corpus has duplicate uids; cannot align it with the network")
    uids = np.asarray(network.record_uids, dtype=object)
    pos = index.get_indexer(uids)
    if (pos < 0).any():
        missing = uids[pos < 0]
        raise DataError(f"{len(missing)} network records are not in the corpus (e.g. {missing[0]!r}); "
                        f"label with the corpus the network was built from")
    return frame.iloc[pos].reset_index(drop=True)


def _term_matrix(records: pd.DataFrame, sources: tuple[str, ...]) -> tuple[sp.csr_matrix, list[str]]:
    """Binary records x terms matrix and its vocabulary (in order of first occurrence)."""
    lists: list[list[str]] = []
    for source in sources:
        if source == "keywords":
            lists += [[str(w).strip().lower() for w in kws if str(w).strip()]
                      for kws in records["keywords"]]
        else:
            from litmap.network.terms import extract_terms

            texts = [v if isinstance(v, str) else None for v in records[source]]
            # read only when a text is Chinese (jieba is then loaded with these words)
            zh = (k for ks in records["keywords"] for k in ks if _CJK.search(k))
            lists += extract_terms(texts, ngram=(1, 3), user_words=zh)
    lengths = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
    rows = np.tile(np.arange(len(records)), len(sources))
    codes, vocab = pd.factorize(pd.Series(list(chain.from_iterable(lists)), dtype=object))
    matrix = sp.csr_matrix((np.ones(codes.size), (np.repeat(rows, lengths), codes)),
                           shape=(len(records), len(vocab)))
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return matrix, [str(v) for v in vocab]


_NESTED_SHARE = 0.75


def _parts(term: str) -> list[str]:
    """Shorter terms inside ``term``: contiguous word runs, or substrings of a Chinese term."""
    if " " not in term and _CJK.search(term):
        n = len(term)
        return [term[i:j] for i in range(n) for j in range(i + 2, n + 1) if j - i < n]
    words = term.split()
    n = len(words)
    return [" ".join(words[i:j]) for i in range(n) for j in range(i + 1, n + 1) if j - i < n]


def _drop_nested(scores: pd.DataFrame) -> pd.DataFrame:
    """Remove (cluster, term) rows whose term is covered by longer candidates (module notes)."""
    present = scores.loc[scores["k11"] > 0, ["cluster", "term", "k11"]]
    pairs = pd.DataFrame([(u, t) for u in pd.unique(present["term"]) for t in _parts(u)],
                         columns=["long", "term"])
    if pairs.empty:
        return scores
    longer = present.rename(columns={"term": "long", "k11": "k11_long"}).merge(pairs, on="long")
    both = longer.merge(present, on=["cluster", "term"])
    cover = both.groupby(["cluster", "term"], sort=False).agg(
        total=("k11_long", "sum"), best=("k11_long", "max"), k11=("k11", "first")).reset_index()
    word = ~cover["term"].str.contains(" ", regex=False) & ~cover["term"].str.contains(_CJK)
    inside = np.where(word, cover["total"], cover["best"])
    nested = pd.MultiIndex.from_frame(cover.loc[inside >= _NESTED_SHARE * cover["k11"], ["cluster", "term"]])
    return scores[~pd.MultiIndex.from_frame(scores[["cluster", "term"]]).isin(nested)]


def _rank(scores: pd.DataFrame, methods: Sequence[str], top: int) -> pd.DataFrame:
    scores = _drop_nested(scores)
    parts = []
    for m in methods:
        cand = scores if m == "tfidf" else scores[scores["over"]]
        cand = cand[cand[m] > 0].assign(_len=lambda f: f["term"].str.len())
        cand = cand.sort_values(["cluster", m, "_len", "term"], ascending=[True, False, False, True],
                                kind="stable")
        cand = cand.groupby("cluster", sort=True).head(top).copy()
        cand["rank"] = cand.groupby("cluster").cumcount() + 1
        p = cand["p_value"] if m == "llr" else pd.Series(np.nan, index=cand.index)
        cand["text"] = [_label_text(m, term, score, pv)
                        for term, score, pv in zip(cand["term"], cand[m], p)]
        parts.append(pd.DataFrame({"cluster": cand["cluster"], "method": m, "rank": cand["rank"],
                                   "term": cand["term"], "score": cand[m],
                                   "p_value": p, "text": cand["text"]}))
    return pd.concat(parts, ignore_index=True)


def _label_text(method: str, term: str, score: float, p: float) -> str:
    if method == "llr":
        return f"{term} ({score:.2f}, {_p_text(p)})"
    if method == "mi":
        return f"{term} ({score:.4g})"
    return f"{term} ({score:.2f})"


def _p_text(p: float) -> str:
    """CiteSpace-style p-level: ``1.0E-4`` at most, one decimal, bare exponent."""
    p = max(float(p), 1e-4)
    exponent = math.floor(math.log10(p))
    mantissa = round(p / 10 ** exponent, 1)
    if mantissa >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"{mantissa:.1f}E{exponent}"
