"""Term extraction from titles and abstracts (CiteSpace's "Term" node type).

Chinese text is segmented by jieba with part-of-speech tags; only noun-like words
(n, nz, ns, nt, nl, vn and user-dictionary words) of two or more characters that
are not on the stop list become terms. The corpus's own Chinese keywords are added
to a private jieba dictionary, so compound terms such as ``乡村振兴`` survive
segmentation; a jieba user dictionary file may add more.

English text is lower-cased and cut into chunks at punctuation and stop words; the
terms are the n-grams (1–4 words by default) inside a chunk whose last word is not
an ``-ly`` adverb, an ``-ed`` participle or an adjective by its ending (``-al``,
``-ive``, ``-ous``, ``-ful``, ``-ic``, ``-less``; nouns such as ``signal`` or ``topic``
excepted) and whose first word is not an adverb; copyright notices are cut off
first. A text is treated as Chinese when it contains CJK characters.

Each distinct text is processed once, and the terms of each distinct chunk and
word run are computed once per call, so corpora with repeated titles or phrases
cost little more than their distinct text; pure-ASCII text never loads jieba.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from litmap.errors import ParameterError
from litmap.network.clean import load_stopwords

__all__ = ["extract_terms", "ZH_NOUN_TAGS"]

ZH_NOUN_TAGS = frozenset({"n", "nz", "ns", "nt", "nl", "vn", "user"})
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”‘’'/|<>=+*&%$#@~`^\\]|\s-\s|\d+(?:\.\d+)?%?")
_TOKEN = re.compile(r"[a-z][a-z0-9\-]*[a-z0-9]|[a-z]")
# Copyright notices at the end of WoS/Scopus abstracts ("(C) 2010 Elsevier Ltd. All rights reserved.").
_COPYRIGHT = re.compile(r"(?:\(c\)|©|copyright\b).*$", re.I | re.S)
# Adjective endings: a term does not end in an adjective ("artificial neural", "fuzzy cognitive")...
_ADJ_END = ("al", "ive", "ous", "ful", "ic", "less")
# ...except nouns that share those endings.
_NOUNS_ADJ_END = frozenset({
    "animal", "approval", "arrival", "capital", "criminal", "festival", "hospital", "individual", "interval",
    "journal", "manual", "material", "mineral", "model", "potential", "principal", "proposal", "rental",
    "removal", "renewal", "revival", "signal", "survival", "terminal", "total", "trial", "tutorial", "withdrawal",
    "alternative", "archive", "detective", "directive", "executive", "incentive", "initiative", "motive",
    "narrative", "objective", "perspective", "relative", "representative", "arithmetic", "clinic", "critic",
    "epidemic", "fabric", "graphic", "logic", "mechanic", "music", "panic", "public", "rhetoric", "topic",
    "traffic", "economic", "basic",
})


def _adjective(word: str) -> bool:
    return word.endswith(_ADJ_END) and word not in _NOUNS_ADJ_END


def _run_terms(words: list[str], lo: int, hi: int) -> list[str]:
    """The n-grams of one run of words, by length then position; none starts or ends badly."""
    first = [not w.endswith("ly") for w in words]
    last = [not (w.endswith(("ly", "ed")) or _adjective(w)) for w in words]
    return [" ".join(words[i:i + n]) for n in range(lo, min(hi, len(words)) + 1)
            for i in range(len(words) - n + 1) if first[i] and last[i + n - 1]]


class _English:
    """English term extraction with caches of the chunks and word runs already seen."""

    def __init__(self, lo: int, hi: int, stop: frozenset[str]) -> None:
        self.lo, self.hi, self.stop = lo, hi, stop
        self.chunks: dict[str, list[str]] = {}
        self.runs: dict[str, list[str]] = {}

    def terms(self, text: str) -> list[str]:
        """Terms of ``text`` in order of occurrence (repeats kept).

        Lower-cased text is cut into chunks at punctuation and numbers, a chunk into
        runs of words at stop words and one-letter tokens; a run gives its n-grams.
        """
        lower = text.lower()
        if "(c)" in lower or "\u00a9" in lower or "copyright" in lower:
            lower = _COPYRIGHT.sub("", text).lower()
        out: list[str] = []
        for chunk in _BREAK.split(lower):
            found = self.chunks.get(chunk)
            if found is None:
                found = self.chunks[chunk] = self._chunk(chunk)
            out += found
        return out

    def _chunk(self, chunk: str) -> list[str]:
        out: list[str] = []
        words: list[str] = []
        for tok in _TOKEN.findall(chunk) + [""]:
            if tok and tok not in self.stop and len(tok) > 1:
                words.append(tok)
            elif words:
                key = " ".join(words)
                found = self.runs.get(key)
                if found is None:
                    found = self.runs[key] = _run_terms(words, self.lo, self.hi)
                out += found
                words = []
        return out


def _chinese_tokenizer(user_words: Iterable[str], user_dict: str | Path | None):
    """A private jieba POS tokenizer (jieba's global one is never modified)."""
    if user_dict is not None and not Path(user_dict).is_file():
        raise ParameterError(f"user_dict: no such file {user_dict}")
    stamp = Path(user_dict).stat().st_mtime_ns if user_dict is not None else 0
    return _cached_tokenizer(tuple(sorted(set(user_words))), None if user_dict is None else str(user_dict), stamp)


@lru_cache(maxsize=4)
def _cached_tokenizer(user_words: tuple[str, ...], user_dict: str | None, stamp: int):
    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    if user_dict is not None:
        tok.load_userdict(user_dict)
    for w in user_words:
        tok.add_word(w, tag="user")
    return pseg.POSTokenizer(tok)


def extract_terms(texts: Sequence[str | None], *, ngram: tuple[int, int] = (1, 4),
                  user_words: Iterable[str] = (), user_dict: str | Path | None = None,
                  stopwords: Iterable[str] | None = None) -> list[list[str]]:
    """Extract the distinct terms of each text.

    Parameters
    ----------
    texts : sequence of str or None
        One text per record (e.g. title and abstract joined).
    ngram : tuple of int, optional (default=(1, 4))
        Smallest and largest number of words of an English term.
    user_words : iterable of str, optional
        Words jieba must keep whole (e.g. the corpus's Chinese keywords); read only
        when a text is Chinese, so a generator costs nothing on English texts.
    user_dict : path, optional
        A jieba user dictionary file (``word [freq] [tag]`` per line).
    stopwords : iterable of str, optional
        Extra stop words, added to the built-in English and Chinese lists.

    Returns
    -------
    list of list of str
        Terms of each text, in order of first occurrence, without repeats.

    Examples
    --------
    >>> extract_terms(["Deep learning for remote sensing."], ngram=(2, 2))
    [['deep learning', 'remote sensing']]
    """
    lo, hi = ngram
    if not (isinstance(lo, int) and isinstance(hi, int) and 1 <= lo <= hi <= 6):
        raise ParameterError(f"term_ngrams: expected (min, max) with 1 <= min <= max <= 6, got {ngram!r}")
    extra = frozenset(s.casefold() for s in (stopwords or ()))
    stop_en = load_stopwords("en") | extra
    stop_zh = load_stopwords("zh") | extra
    seg = None
    english = _English(lo, hi, stop_en)
    done: dict[str, list[str]] = {}
    out: list[list[str]] = []
    for text in texts:
        if not text:
            out.append([])
            continue
        found = done.get(text)
        if found is None:
            if text.isascii() or not _CJK.search(text):
                terms = english.terms(text)
            else:
                if seg is None:
                    seg = _chinese_tokenizer(user_words, user_dict)
                terms = [p.word for p in seg.cut(text)
                         if p.flag in ZH_NOUN_TAGS and len(p.word) >= 2 and _CJK.search(p.word)
                         and p.word not in stop_zh]
            found = done[text] = list(dict.fromkeys(terms))
        out.append(list(found))
    return out
