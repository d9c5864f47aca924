"""Render synthetic papers as WoS plain-text and CNKI RefWorks records.

The layouts follow real exports (see ``../shared/corpora/MANIFEST.md``): WoS
two-letter tags with 3-space continuation lines, one ``CR`` per line, records ending
in ``ER`` and a blank line; CNKI RefWorks ``RT``/``A1``/``K1`` lines, lower-case
``vo``, CRLF line ends and a blank line between records.
"""

from __future__ import annotations

import numpy as np

from litmap.synth._model import Model
from litmap.synth._paper import Paper, slot_values
from litmap.synth._world import INSTITUTIONS

__all__ = ["WOS_HEADER", "WOS_FOOTER", "wos_record", "refworks_record", "abstract"]

WOS_HEADER = "\ufeffFN Clarivate Analytics Web of Science\nVR 1.0\n"
WOS_FOOTER = "EF"
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_WIDTH = 72
_EXPORT_DATE = "2025-01-15"


def abstract(paper: Paper, model: Model, lang: str, target: int) -> str:
    """Return an abstract of about ``target`` words (English) or characters (Chinese).

    Sentences are the vocabulary's templates in the paper's random order, filled with
    its keywords, place and method, until the target is reached (or the templates
    run out).

    Parameters
    ----------
    paper : Paper
        The paper.
    model : Model
        The model that drew it (for the vocabulary).
    lang : str
        "cn" or "en".
    target : int
        Words (English) or characters (Chinese); 0 gives an empty abstract.

    Returns
    -------
    str
    """
    if target <= 0:
        return ""
    english = lang == "en"
    sentences = model.vocab.sentences_en if english else model.vocab.sentences_cn
    values = slot_values(paper.slots, lang, 20 + int(paper.sentence_u[-1] * 580))
    parts: list[str] = []
    size = 0
    for k in np.argsort(paper.sentence_u[: len(sentences)], kind="stable"):
        text = sentences[k].format_map(values)
        parts.append(text)
        size += text.count(" ") + 1 if english else len(text)
        if size >= target:
            break
    return " ".join(parts) if english else "".join(parts)


def _wrap(text: str) -> str:
    """Wrap a value the way WoS does: ~72 characters, continuation indented 3 spaces."""
    if len(text) <= _WIDTH:
        return text
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > _WIDTH:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "\n   ".join(lines)


def _addresses(paper: Paper, model: Model) -> list[str]:
    """WoS ``C1`` lines: ``[Author; Author] Org, Dept, City, Country.`` per institution."""
    people = model.people
    groups: dict[int, list[str]] = {}
    for a in paper.authors:
        groups.setdefault(people.institution[a], []).append(people.af[a])
    return [f"[{'; '.join(names)}] {_address(k)}" for k, names in groups.items()]


def _address(k: int) -> str:
    inst = INSTITUTIONS[k]
    sep = " " if inst.country == "USA" else ", "
    return f"{inst.org}, {inst.dept}, {inst.city}{sep}{inst.country}."


def wos_record(paper: Paper, model: Model, abstract_words: int) -> str:
    """Return one WoS plain-text record, ``PT J`` to ``ER`` and a blank line.

    Parameters
    ----------
    paper : Paper
        The paper (Chinese papers are written in English with pinyin names).
    model : Model
        The model that drew it.
    abstract_words : int
        Target abstract length in words (0: no ``AB``).

    Returns
    -------
    str
    """
    people = model.people
    j = paper.journal
    keywords = paper.keywords("en")
    if paper.messy_u < 0.25:
        keywords = [k[:1].upper() + k[1:] for k in keywords]
    lines = ["PT J",
             "AU " + "\n   ".join(people.au[a] for a in paper.authors),
             "AF " + "\n   ".join(people.af[a] for a in paper.authors),
             "TI " + _wrap(paper.title("en", model.vocab.titles)),
             "SO " + _wrap(j.name), "LA English", "DT Article"]
    if keywords:
        lines.append("DE " + _wrap("; ".join(keywords)))
    if paper.keywords_plus:
        lines.append("ID " + _wrap("; ".join(paper.keywords_plus)))
    text = abstract(paper, model, "en", abstract_words)
    if text:
        lines.append("AB " + text)
    lines.append("C1 " + "\n   ".join(_addresses(paper, model)))
    first = paper.authors[0]
    lines.append(f"RP {people.au[first]} (corresponding author), {_address(people.institution[first])}")
    if paper.refs:
        lines.append("CR " + "\n   ".join(paper.refs))
    lines += [f"NR {len(paper.refs)}", f"TC {paper.times_cited}",
              f"Z9 {paper.times_cited + paper.times_cited // 10}", f"SN {j.issn}", f"J9 {j.abbrev}",
              f"PD {_MONTHS[paper.issue - 1]}", f"PY {paper.year}"]
    if paper.volume:
        lines.append(f"VL {paper.volume}")
    lines.append(f"IS {paper.issue}")
    first_page, last_page = paper.pages
    if paper.article_no:
        lines.append(f"AR {paper.article_no}")
    else:
        lines += [f"BP {first_page}", f"EP {last_page}"]
    if paper.doi:
        lines.append(f"DI {paper.doi}")
    lines += [f"PG {last_page - first_page + 1}", "WC " + _wrap(j.categories), "SC " + _wrap(j.categories),
              f"UT {paper.native_id}", f"DA {_EXPORT_DATE}", "ER", "", ""]
    return "\n".join(lines)


def refworks_record(paper: Paper, model: Model, abstract_chars: int) -> str:
    """Return one CNKI RefWorks record (CRLF line ends, blank line after it).

    Parameters
    ----------
    paper : Paper
        A Chinese paper.
    model : Model
        The model that drew it.
    abstract_chars : int
        Target abstract length in characters (0: no ``AB``).

    Returns
    -------
    str
    """
    people = model.people
    j = paper.journal
    messy = paper.messy_u
    names = ";".join(people.cn[a] for a in paper.authors) + (";" if 0.5 <= messy < 0.8 else "")
    insts = dict.fromkeys(INSTITUTIONS[people.institution[a]].cn for a in paper.authors)
    lines = ["RT Journal Article", "SR 1", f"A1 {names}", "AD " + "".join(f"{i};" for i in insts),
             "T1 " + paper.title("cn", model.vocab.titles), f"JF {j.name}", f"YR {paper.year}",
             f"IS {paper.issue:02d}", f"vo {paper.volume}", f"OP {paper.pages[0]}-{paper.pages[1]}"]
    keywords = paper.keywords("cn")
    if keywords:
        sep = "；" if messy < 0.03 else ";"
        lines.append("K1 " + sep.join(keywords) + (";" if 0.03 <= messy < 0.13 else ""))
    text = abstract(paper, model, "cn", abstract_chars)
    if text:
        lines.append("AB " + text)
    lines += [f"SN {j.issn}", f"CN {j.cn_number}", "LA 中文;", "DS CNKI",
              f"LK https://kns.cnki.net/kcms/detail/detail.aspx?dbcode=CJFD&filename={paper.native_id}"]
    if paper.doi:
        lines.append(f"DO {paper.doi}")
    return "\r\n".join(lines + ["", ""])
