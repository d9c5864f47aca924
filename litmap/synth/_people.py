"""The synthetic author pool: names per institution and productivity (Zipf)."""

from __future__ import annotations

from bisect import bisect_right

import numpy as np

from litmap.synth._world import GIVEN, INSTITUTIONS, SURNAMES, WESTERN, WOS_COUNTRY

__all__ = ["People"]

_UK = set(WOS_COUNTRY["UK"])
_DIASPORA = 0.2  # share of Chinese names among authors of institutions outside China
_TRIES = 20


class People:
    """Authors of every institution in :data:`~litmap.synth._world.INSTITUTIONS`.

    Each author has a Chinese name (``cn``, empty for non-Chinese names), a WoS full
    name (``af``: ``Wang, Xiaoming``) and a WoS short name (``au``: ``Wang, XM``).
    Within an institution, authors publish with Zipf-distributed productivity, so a
    few appear in many papers and co-author networks have hubs.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of randomness.
    per_institution : int
        Authors per institution.
    """

    def __init__(self, rng: np.random.Generator, per_institution: int) -> None:
        self.cn: list[str] = []
        self.af: list[str] = []
        self.au: list[str] = []
        self.institution: list[int] = []
        self.start: list[int] = []
        sur_w = 1.0 / np.arange(1, len(SURNAMES) + 1) ** 0.6
        self._sur_cdf = list(np.cumsum(sur_w) / sur_w.sum())
        for k, inst in enumerate(INSTITUTIONS):
            self.start.append(len(self.af))
            country = "UK" if inst.country in _UK else inst.country
            seen: set[str] = set()
            for _ in range(per_institution):
                for _ in range(_TRIES):  # small name pools may run out: then homonyms are kept
                    chinese = country == "Peoples R China" or country not in WESTERN or rng.random() < _DIASPORA
                    cn, af, au = self._chinese(rng) if chinese else self._western(rng, country)
                    if af not in seen:
                        break
                seen.add(af)
                self.cn.append(cn)
                self.af.append(af)
                self.au.append(au)
                self.institution.append(k)
        w = 1.0 / np.arange(1, per_institution + 1) ** 0.9
        self._cdf = list(np.cumsum(w) / w.sum())

    def _chinese(self, rng: np.random.Generator) -> tuple[str, str, str]:
        sur_cn, sur = SURNAMES[min(bisect_right(self._sur_cdf, rng.random()), len(SURNAMES) - 1)]
        chars = [GIVEN[int(i)] for i in rng.integers(0, len(GIVEN), size=1 if rng.random() < 0.3 else 2)]
        given = "".join(p for _, p in chars)
        return (sur_cn + "".join(c for c, _ in chars), f"{sur}, {given.capitalize()}",
                f"{sur}, {''.join(p[0].upper() for _, p in chars)}")

    @staticmethod
    def _western(rng: np.random.Generator, country: str) -> tuple[str, str, str]:
        surnames, given = WESTERN[country]
        sur = surnames[int(rng.integers(len(surnames)))]
        first = given[int(rng.integers(len(given)))]
        if rng.random() < 0.3:
            middle = chr(ord("A") + int(rng.integers(26)))
            return "", f"{sur}, {first} {middle}.", f"{sur}, {first[0]}{middle}"
        return "", f"{sur}, {first}", f"{sur}, {first[0]}"

    def team(self, institution: int, u: np.ndarray) -> list[int]:
        """Return distinct authors of ``institution``, one per uniform draw in ``u``.

        Parameters
        ----------
        institution : int
            Index into :data:`~litmap.synth._world.INSTITUTIONS`.
        u : numpy.ndarray
            Uniform draws; more productive authors are picked more often.

        Returns
        -------
        list of int
            Author indices (duplicates removed, order kept).
        """
        base, last = self.start[institution], len(self._cdf) - 1
        return list(dict.fromkeys(base + min(bisect_right(self._cdf, x), last) for x in u))

    def surname(self, author: int) -> str:
        """Return the family name of ``author`` as written in WoS.

        Parameters
        ----------
        author : int
            Author index.

        Returns
        -------
        str
        """
        return self.af[author].split(",", 1)[0]
