"""A synthetic paper, independent of the language it is rendered in, and its template values."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from litmap.synth._vocab import Term
from litmap.synth._world import Journal

__all__ = ["Paper", "slot_values", "fill"]


@dataclass(slots=True)
class Paper:
    """One synthetic paper, independent of the language it is written in."""

    lang: str
    topic: int
    year: int
    terms: list[Term]
    variant_u: list[float]
    slots: tuple
    sentence_u: np.ndarray
    authors: list[int]
    journal: Journal
    volume: str
    issue: int
    pages: tuple[int, int]
    article_no: str
    doi: str
    native_id: str
    times_cited: int = 0
    refs: list[str] = field(default_factory=list)
    keywords_plus: list[str] = field(default_factory=list)
    messy_u: float = 1.0
    has_keywords: bool = True

    def keywords(self, lang: str) -> list[str]:
        """Return the author keywords in ``lang``, variant spellings included.

        Parameters
        ----------
        lang : str
            "cn" or "en".

        Returns
        -------
        list of str
        """
        if not self.has_keywords:
            return []
        return [t.form(lang, u) for t, u in zip(self.terms, self.variant_u)]

    def title(self, lang: str, templates: tuple[tuple[str, str], ...]) -> str:
        """Return the title in ``lang`` from the title templates.

        Parameters
        ----------
        lang : str
            "cn" or "en".
        templates : tuple of (str, str)
            (English, Chinese) title templates.

        Returns
        -------
        str
        """
        k = self.slots[0]
        return fill(templates[k][0 if lang == "en" else 1], self.slots, lang)


def slot_values(slots: tuple, lang: str, number: int = 0) -> dict[str, object]:
    """Return the values of the template fields ``{a} {A} {b} {c} {P} {m} {y0} {y1} {n}``.

    Parameters
    ----------
    slots : tuple
        ``(template, a, b, c, place, method, y0, y1)`` as drawn by :class:`Model`.
    lang : str
        "cn" or "en".
    number : int, optional
        Value of ``{n}``.

    Returns
    -------
    dict
        For ``str.format_map``.
    """
    _, a, b, c, place, method, y0, y1 = slots
    if lang == "en":
        return {"a": a.en, "A": a.en[:1].upper() + a.en[1:], "b": b.en, "c": c.en, "P": place.en,
                "m": method.en, "y0": y0, "y1": y1, "n": number}
    return {"a": a.cn, "A": a.cn, "b": b.cn, "c": c.cn, "P": place.cn, "m": method.cn, "y0": y0, "y1": y1,
            "n": number}


def fill(template: str, slots: tuple, lang: str) -> str:
    """Fill a title template with a paper's slots.

    Parameters
    ----------
    template : str
        Template with ``{a} {b} {c} {A} {P} {m} {y0} {y1}`` fields.
    slots : tuple
        ``(template, a, b, c, place, method, y0, y1)`` as drawn by :class:`Model`.
    lang : str
        "cn" or "en".

    Returns
    -------
    str
    """
    return template.format_map(slot_values(slots, lang))
