"""The pool of cited references, cited with preferential attachment.

Each pooled reference belongs to one topic and has a publication year. A paper
cites mostly references of its own topic (so that co-citation clusters match the
topics), only references published no later than itself, and with probability
proportional to an intrinsic attractiveness plus the citations the reference has
already received (preferential attachment, updated every ``batch`` papers).
"""

from __future__ import annotations

import numpy as np

from litmap.synth._vocab import Vocabulary
from litmap.synth._world import CITED_ONLY, GIVEN, JOURNALS_EN, SURNAMES, WESTERN

__all__ = ["RefPool"]

_OWN_TOPIC = 0.8     # share of a paper's references taken from its own topic
_ALT_DOI = 0.04      # share of citations written with WoS's bracketed DOI pair
_FIRST_YEAR = 1950


class RefPool:
    """Cited references and their running citation counts.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of randomness.
    vocabulary : Vocabulary
        Topics (weights and terms for book titles).
    size : int
        Number of distinct references.
    start_year, end_year : int
        Span of the citing papers; every topic gets references older than ``start_year``.
    batch : int
        Papers drawn between two updates of the citation counts.
    """

    def __init__(self, rng: np.random.Generator, vocabulary: Vocabulary, *, size: int,
                 start_year: int, end_year: int, batch: int) -> None:
        topics = vocabulary.topics
        w = np.array([t.weight_en for t in topics])
        self.topic = rng.choice(len(topics), size=size, p=w / w.sum())
        year = end_year - np.floor(rng.exponential(11.0, size)).astype(int)
        year = np.clip(year, _FIRST_YEAR, end_year)
        for t in range(len(topics)):
            early = np.flatnonzero(self.topic == t)[:5]
            year[early] = rng.integers(start_year - 40, start_year - 3, size=len(early))
        self.year = year
        self.attract = rng.lognormal(0.0, 1.0, size)
        self.cites = np.zeros(size)
        self.batch = batch
        text, alt = self._texts(rng, vocabulary)
        self.text = np.array(text, dtype=object)
        self.alt = np.array(alt, dtype=object)
        by_rank = np.array(sorted(range(size), key=lambda i: text[i].lstrip("[").casefold()))
        self.by_rank = by_rank
        self.rank = np.empty(size, dtype=np.int64)
        self.rank[by_rank] = np.arange(size)
        self.order = [self._by_year(np.flatnonzero(self.topic == t)) for t in range(len(topics))]
        self.order_all = self._by_year(np.arange(size))

    def _by_year(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        order = idx[np.argsort(self.year[idx], kind="stable")]
        return order, self.year[order]

    def _texts(self, rng: np.random.Generator, vocabulary: Vocabulary) -> tuple[list[str], list[str]]:
        """The CR strings of every reference, and their bracketed-DOI variants."""
        size = len(self.year)
        u = rng.random((size, 8))
        sources = [(j.abbrev, j.first_year, j.code) for j in JOURNALS_EN] + \
                  [(s, 1960, s.lower().replace(" ", "")) for s in CITED_ONLY]
        western = [(s, g) for s, g in WESTERN.values()]
        text, alt = [], []
        for i in range(size):
            row, year, topic = u[i], int(self.year[i]), vocabulary.topics[int(self.topic[i])]
            if row[0] < (0.6 if topic.weight_cn > topic.weight_en else 0.25):
                sur = SURNAMES[int(row[1] * len(SURNAMES))][1]
                g1, g2 = GIVEN[int(row[2] * len(GIVEN))][1], GIVEN[int(row[3] * len(GIVEN))][1]
                author = f"{sur} {g1[0].upper()}{g2[0].upper() if row[4] < 0.7 else ''}"
            else:
                surnames, given = western[int(row[1] * len(western))]
                author = f"{surnames[int(row[2] * len(surnames))]} {given[int(row[3] * len(given))][0]}"
            if row[5] < 0.08:
                term = topic.terms[int(row[6] * len(topic.terms))].en
                aspect = vocabulary.aspects[int(row[7] * len(vocabulary.aspects))].en
                title = f"{term} {aspect}".upper()[:20].rstrip()
                who = "[Anonymous]" if row[5] < 0.03 else author
                text.append(f"{who}, {year}, {title}")
                alt.append(text[-1])
                continue
            abbrev, first, code = sources[int(row[6] * len(sources))]
            base = f"{author}, {year}, {abbrev}, V{max(1, year - first + 1)}, P{1 + int(row[7] * 900)}"
            if row[4] < (0.9 if year >= 1998 else 0.35):
                doi = f"10.5555/{code}.{year}.{i:05d}"
                text.append(f"{base}, DOI {doi}")
                alt.append(f"{base}, DOI [{doi}, DOI {doi.upper()}]")
            else:
                text.append(base)
                alt.append(base)
        return text, alt

    def draw(self, rng: np.random.Generator, years: np.ndarray, topics: np.ndarray,
             counts: np.ndarray) -> list[list[str]]:
        """Draw the cited references of papers, in order, updating citation counts.

        Parameters
        ----------
        rng : numpy.random.Generator
            Source of randomness.
        years, topics, counts : numpy.ndarray
            Per paper: publication year, topic index, number of citations to draw.

        Returns
        -------
        list of list of str
            Per paper, its distinct references in WoS order (alphabetical).
        """
        out: list[list[str]] = []
        size = len(self.year)
        for b0 in range(0, len(years), self.batch):
            cnt = counts[b0:b0 + self.batch]
            rec = np.repeat(np.arange(len(cnt)), cnt)
            idx = np.empty(len(rec), dtype=np.int64)
            if len(rec):
                y, t = years[b0:b0 + self.batch][rec], topics[b0:b0 + self.batch][rec]
                own, u = rng.random(len(rec)) < _OWN_TOPIC, rng.random(len(rec))
                weight = self.attract + self.cites
                for k in np.unique(t[own]):
                    sel = own & (t == k)
                    idx[sel] = _sample(*self.order[k], weight, y[sel], u[sel])
                idx[~own] = _sample(*self.order_all, weight, y[~own], u[~own])
                self.cites += np.bincount(idx, minlength=size)
            keys = np.unique(rec * size + self.rank[idx])
            ids = self.by_rank[keys % size]
            strings = np.where(rng.random(len(ids)) < _ALT_DOI, self.alt[ids], self.text[ids])
            bounds = np.searchsorted(keys // size, np.arange(len(cnt) + 1))
            out.extend(strings[bounds[j]:bounds[j + 1]].tolist() for j in range(len(cnt)))
        return out


def _sample(order: np.ndarray, years: np.ndarray, weight: np.ndarray, citing_years: np.ndarray,
            u: np.ndarray) -> np.ndarray:
    """Inverse-CDF draw among the references of ``order`` published by each citing year."""
    cw = np.cumsum(weight[order])
    eligible = np.maximum(np.searchsorted(years, citing_years, side="right"), 1)
    pos = np.searchsorted(cw, u * cw[eligible - 1], side="right")
    return order[np.minimum(pos, eligible - 1)]
