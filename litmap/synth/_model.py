"""The generative model behind the synthetic exports.

:class:`Model` draws language-neutral :class:`Paper` objects (year, topic, keywords,
title and abstract slots, authors, journal, identifiers, cited references) from a
:class:`~litmap.synth._vocab.Vocabulary`; the renderers in :mod:`litmap.synth._render`
turn them into WoS or CNKI text. Everything is drawn from one seeded
:class:`numpy.random.Generator` in a fixed order, so the same seed and arguments give
the same papers.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from functools import lru_cache

import numpy as np

from litmap.errors import ParameterError
from litmap.synth._paper import Paper, fill
from litmap.synth._people import People
from litmap.synth._refs import RefPool
from litmap.synth._vocab import Term, Vocabulary
from litmap.synth._world import INSTITUTIONS, JOURNALS_CN, JOURNALS_EN, PLACES, WOS_COUNTRY, Journal

__all__ = ["Model"]

_GROWTH = 0.12                 # yearly growth of record volume
_NO_KEYWORDS = {"cn": 0.04, "en": 0.08}
_COLLAB = {"cn": 0.2, "en": 0.35}
_TITLE_TRIES = 25
_U_COLUMNS = 23                # uniforms drawn per paper (see Model.papers)
_MAX_KEYWORDS = 10
_NONWORD = re.compile(r"\W+")


class Model:
    """Draw synthetic papers on the planted topics.

    Parameters
    ----------
    vocabulary : Vocabulary
        Topics, trends and templates.
    seed : int
        Seed of the :class:`numpy.random.Generator`.
    start_year, end_year : int
        Publication years (inclusive); volume grows by 12 % a year.
    n_cn, n_en : int
        Number of Chinese and English papers that will be drawn (sizes the author
        and reference pools).
    refs : float
        Mean number of cited references of an English paper.
    """

    def __init__(self, vocabulary: Vocabulary, *, seed: int, start_year: int, end_year: int,
                 n_cn: int, n_en: int, refs: float) -> None:
        self.vocab = vocabulary
        self.rng = np.random.default_rng(seed)
        self.start, self.end = start_year, end_year
        self.refs = refs
        self.year_values = np.arange(start_year, end_year + 1)
        growth = np.exp(_GROWTH * (self.year_values - start_year))
        self.year_p = growth / growth.sum()
        self.topic_cdf = {lang: self._topic_cdf(lang) for lang in ("cn", "en")}
        self.people = People(self.rng, per_institution=int(np.clip((n_cn + n_en) // 40, 12, 3000)))
        self.pool = RefPool(self.rng, vocabulary, size=int(np.clip(n_en * 3 // 2, 400, 150_000)),
                            start_year=start_year, end_year=end_year,
                            batch=max(50, n_en // 400)) if n_en and refs > 0 else None
        self.serial = 0
        self.ut_base = 300_000_000_000 + int(self.rng.integers(0, 10**11))
        self._seen: set[bytes] = set()
        self._tables()

    def _tables(self) -> None:
        """Cumulative choice tables: countries, institutions and journals per topic, places."""
        topics = self.vocab.topics
        self._journals = {"cn": JOURNALS_CN, "en": JOURNALS_EN}
        self._journal_cdf = {lang: [_cdf([3.0 if (j + t) % 3 == 0 else 1.0 for j in range(len(js))])
                                    for t in range(len(topics))] for lang, js in self._journals.items()}
        self._country_cdf = [(_cdf([w for _, w in t.countries]), [c for c, _ in t.countries]) for t in topics]
        countries = {c for t in topics for c, _ in t.countries} | {"China"}
        self._inst_cdf = {(c, t): _cdf([3.0 if (k + t) % 4 == 0 else 1.0 for k in range(len(_institutions_of(c)))])
                          for c in countries for t in range(len(topics))}
        self._abroad = {c: [i for i in range(len(INSTITUTIONS)) if i not in _institutions_of(c)]
                        for c in countries}
        self._places = {c: [p for p in PLACES if p.country == c] for c in countries}
        self._places["abroad"] = [p for p in PLACES if p.country != "China"]

    def _topic_cdf(self, lang: str) -> np.ndarray:
        w = np.zeros((len(self.year_values), len(self.vocab.topics)))
        for j, topic in enumerate(self.vocab.topics):
            base = topic.weight_cn if lang == "cn" else topic.weight_en
            col = np.full(len(self.year_values), 0.0 if topic.only_in_periods else base)
            for first, last, mult in topic.periods:
                inside = (self.year_values >= first) & (self.year_values <= last)
                col[inside] = base * mult
            w[:, j] = col
        total = w.sum(axis=1, keepdims=True)
        if (total <= 0).any():
            empty = self.year_values[total[:, 0] <= 0]
            raise ParameterError(f"vocabulary: no topic has weight for {lang} records in {empty.tolist()}")
        return np.cumsum(w / total, axis=1)

    def papers(self, lang: str, m: int) -> list[Paper]:
        """Draw ``m`` papers in ``lang``.

        Parameters
        ----------
        lang : str
            "cn" (CNKI record) or "en" (WoS record).
        m : int
            Number of papers.

        Returns
        -------
        list of Paper
        """
        rng, vocab = self.rng, self.vocab
        years = rng.choice(self.year_values, size=m, p=self.year_p)
        cdf = self.topic_cdf[lang][years - self.start]
        topics = np.minimum((rng.random((m, 1)) > cdf).sum(axis=1), len(vocab.topics) - 1)
        core_order = self._core_order(topics)
        n_core = rng.integers(2, 5, size=m)
        trend_hit = self._trend_hits(lang, years, topics)
        n_authors = 1 + np.minimum(rng.poisson(1.4 if lang == "cn" else 1.8, size=m), 7)
        u = rng.random((m, _U_COLUMNS))
        team_u = rng.random((m, 9))
        variant_u = rng.random((m, _MAX_KEYWORDS))
        sentence_u = rng.random((m, max(len(vocab.sentences_en), len(vocab.sentences_cn))))
        out = []
        for i in range(m):
            topic, year, row = int(topics[i]), int(years[i]), u[i]
            terms = self._terms(topic, core_order[i][: n_core[i]], trend_hit[i], row)
            authors, country = self._authors(lang, topic, int(n_authors[i]), row, team_u[i])
            paper = Paper(lang=lang, topic=topic, year=year, terms=terms,
                          variant_u=variant_u[i, : len(terms)].tolist(),
                          slots=self._slots(lang, terms, country, year, authors, row),
                          sentence_u=sentence_u[i], authors=authors,
                          journal=self._pick(self._journal_cdf[lang][topic], row[3], self._journals[lang]),
                          volume="", issue=0, pages=(0, 0), article_no="", doi="", native_id="",
                          messy_u=float(row[4]), has_keywords=bool(row[5] >= _NO_KEYWORDS[lang]))
            self._identify(paper, row)
            out.append(paper)
        if lang == "en":
            self._cite(out)
        return out

    def translate(self, paper: Paper) -> Paper:
        """Return the English (WoS) version of a Chinese paper: same DOI, new UT.

        Parameters
        ----------
        paper : Paper
            A "cn" paper in a journal that has an English title.

        Returns
        -------
        Paper
        """
        j = paper.journal
        journal = Journal(j.english, j.abbrev, j.issn, "", j.first_year, "Geography", j.code)
        if not paper.doi:
            paper.doi = self._doi(paper)
        twin = Paper(lang="en", topic=paper.topic, year=paper.year, terms=paper.terms,
                     variant_u=paper.variant_u, slots=paper.slots, sentence_u=paper.sentence_u,
                     authors=paper.authors, journal=journal, volume=paper.volume, issue=paper.issue,
                     pages=paper.pages, article_no="", doi=paper.doi, native_id=self._ut(),
                     messy_u=1.0, has_keywords=True)
        self._cite([twin])
        return twin

    @staticmethod
    def _pick(cdf: list[float], u: float, items: tuple | list):
        return items[min(bisect_right(cdf, u), len(items) - 1)]

    def _core_order(self, topics: np.ndarray) -> list[np.ndarray]:
        """Per paper, the topic's core terms in a weighted random order (Gumbel top-k)."""
        out: list[np.ndarray] = [np.empty(0, dtype=int)] * len(topics)
        for t, topic in enumerate(self.vocab.topics):
            rows = np.flatnonzero(topics == t)
            if not len(rows):
                continue
            logw = -0.7 * np.log(np.arange(1, len(topic.terms) + 1))
            keys = logw + self.rng.gumbel(size=(len(rows), len(topic.terms)))
            order = np.argsort(-keys, axis=1, kind="stable")
            for r, row in zip(rows, order):
                out[r] = row
        return out

    def _trend_hits(self, lang: str, years: np.ndarray, topics: np.ndarray) -> np.ndarray:
        names = [t.name for t in self.vocab.topics]
        p = np.empty((len(years), len(self.vocab.trends)))
        for j, tr in enumerate(self.vocab.trends):
            inside = (years >= tr.start) & (years <= tr.end)
            own = topics == names.index(tr.topic)
            damp = 0.1 if tr.china_only and lang == "en" else 1.0   # slogans rarely reach other topics
            p[:, j] = np.where(inside, np.where(own, tr.p_topic, tr.p_other * damp),
                               np.where(own, tr.p_out, tr.p_out * damp))
        return self.rng.random(p.shape) < p

    def _terms(self, topic: int, core: np.ndarray, hits: np.ndarray, u: np.ndarray) -> list[Term]:
        vocab = self.vocab
        core_terms = [vocab.topics[topic].terms[k] for k in core]
        trends = [tr.term for tr, hit in zip(vocab.trends, hits) if hit]
        terms = core_terms[:1] + trends + core_terms[1:]
        if u[0] < 0.45:
            aspect = vocab.aspects[int(u[1] * len(vocab.aspects))]
            base = core_terms[-1]
            terms.append(Term(base.cn + aspect.cn, f"{base.en} {aspect.en}"))
        if u[2] < 0.5:
            terms.append(vocab.generic[int(u[2] * 2 * len(vocab.generic))])
        return list(dict.fromkeys(terms))[:_MAX_KEYWORDS]

    def _authors(self, lang: str, topic: int, n: int, u: np.ndarray,
                 team_u: np.ndarray) -> tuple[list[int], str]:
        country = "China" if lang == "cn" else self._pick(self._country_cdf[topic][0], u[6], self._country_cdf[topic][1])
        insts = _institutions_of(country)
        lead = self._pick(self._inst_cdf[(country, topic)], u[7], insts)
        authors = self.people.team(lead, team_u[:n])
        if u[9] < _COLLAB[lang]:
            domestic = lang == "cn" or u[10] < 0.5
            pool = _institutions_of(country) if domestic else self._abroad[country]
            other = pool[int(u[11] * len(pool))]
            if other != lead:
                authors += [a for a in self.people.team(other, team_u[8:9]) if a not in authors]
        return authors, country

    def _slots(self, lang: str, terms: list[Term], country: str, year: int, authors: list[int],
               u: np.ndarray) -> tuple:
        vocab = self.vocab
        abroad = lang == "cn" and u[12] >= 0.95
        places = self._places["abroad" if abroad else country]
        generic = vocab.generic
        a = terms[0]
        b = terms[1] if len(terms) > 1 else generic[0]
        c = terms[2] if len(terms) > 2 else generic[1]
        surname = self.people.surname(authors[0])
        draws = u[13:18]
        for _ in range(_TITLE_TRIES):
            slots = (int(draws[0] * len(vocab.titles)), a, b, c, places[int(draws[1] * len(places))],
                     vocab.methods[int(draws[2] * len(vocab.methods))],
                     year - 8 - int(draws[3] * 13), year - 1 - int(draws[4] * 2))
            title = fill(vocab.titles[slots[0]][0 if lang == "en" else 1], slots, lang)
            key = hashlib.blake2b(f"{_NONWORD.sub('', title.casefold())}|{year}|{surname}".encode(),
                                  digest_size=8).digest()
            if key not in self._seen:
                self._seen.add(key)
                return slots
            draws = self.rng.random(5)
            a, b = (b, a) if draws[0] < 0.5 else (a, c)
        return slots

    def _identify(self, paper: Paper, u: np.ndarray) -> None:
        """Volume, issue, pages, DOI and database id."""
        j, year = paper.journal, paper.year
        paper.volume = str(year - j.first_year + 1) if j.first_year else ""
        paper.issue = 1 + int(u[18] * 12)
        first = 1 + int(u[19] * (240 if paper.lang == "cn" else 3000))
        paper.pages = (first, first + 8 + int(u[20] * 22))
        self.serial += 1
        if paper.lang == "en":
            if year >= 2015 and u[21] < 0.35:
                paper.article_no = str(100000 + self.serial)
            if u[22] < (0.93 if year >= 2005 else 0.7):
                paper.doi = self._doi(paper)
            paper.native_id = self._ut()
        else:
            if u[22] < (0.7 if year >= 2012 else 0.3):
                paper.doi = self._doi(paper)
            paper.native_id = f"{j.code.upper()}{year}{paper.issue:02d}{self.serial:03d}"

    def _doi(self, paper: Paper) -> str:
        j = paper.journal
        if paper.lang == "cn":
            return f"10.5555/j.cnki.{j.code}.{paper.year}.{paper.issue:02d}.{self.serial:03d}"
        return f"10.5555/j.{j.code}.{paper.year}.{self.serial:06d}"

    def _ut(self) -> str:
        self.serial += 1
        return f"WOS:{self.ut_base + self.serial:015d}"

    def _cite(self, papers: list[Paper]) -> None:
        """Times cited, Keywords Plus and cited references of English papers."""
        rng, vocab = self.rng, self.vocab
        years = np.array([p.year for p in papers])
        tc = np.floor(rng.lognormal(np.log(1.0 + 1.5 * (self.end - years)), 1.0)).astype(int)
        n_kp = rng.integers(0, 9, size=len(papers))
        kp = rng.integers(0, len(vocab.keywords_plus), size=(len(papers), 8))
        kt = rng.random(len(papers))
        for p, t, k, picks, v in zip(papers, tc, n_kp, kp, kt):
            p.times_cited = int(t)
            topic_terms = vocab.topics[p.topic].terms
            extra = [topic_terms[int(v * len(topic_terms))].en.upper()] if k > 2 else []
            p.keywords_plus = list(dict.fromkeys(extra + [vocab.keywords_plus[i] for i in picks[:k]]))
        if self.pool is None:
            return
        counts = rng.poisson(self.refs, size=len(papers))
        cited = self.pool.draw(rng, years, np.array([p.topic for p in papers]), counts)
        for p, refs in zip(papers, cited):
            p.refs = refs


def _cdf(weights: list[float]) -> list[float]:
    total = float(sum(weights))
    return list(np.cumsum(weights) / total)


@lru_cache(maxsize=None)
def _institutions_of(country: str) -> list[int]:
    names = WOS_COUNTRY.get(country, (country,))
    return [i for i, inst in enumerate(INSTITUTIONS) if inst.country in names]

