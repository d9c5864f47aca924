"""Fast paths of the WoS reader give exactly what the reference code gives."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litmap.io import FORMATS, _affil, _refs, _wos_columns, read
from litmap.io._affil import _parse_text, parse_affiliation
from litmap.io._refs import _common_wos_key, _parse_wos
from litmap.synth import write_wos

_PLAIN = ("wos_plaintext", "citespace_outputs", "cnki_citespace_converted")
_FRAGMENTS = ["Smith J", "[Anonymous]", "van Dijk F", "Li X.", "2015", "1999a", "(2020)", "NATURE",
              "J RURAL STUD", "V12", "P34", "PA5", "V", "DOI 10.5555/x.1", "DOI [10.1/a, DOI 10.1/a]",
              "DOI 10.1234/AB.", "DOI", "O'Brien D", "Smith J.R.", "A-B C", "-", "'",
              "DOI [10.5555/ab.1, DOI 10.5555/AB.1]", "DOI [10.1/x]", "DOI [10.1/x, DOI 10.1/y",
              "  ", " ", "x|y", "ÉCOLE", "V1 2", "DOI STUDIES", ""]


def _reference_key(raw: str) -> str:
    return _parse_wos.__wrapped__(raw)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=7),
       st.sampled_from([", ", ",", " , "]))
def test_common_reference_form_keys_like_the_full_parser(parts: list[str], sep: str) -> None:
    raw = sep.join(parts)
    key = _common_wos_key(raw)
    assert key is None or key == _reference_key(raw)


def test_common_reference_form_is_taken() -> None:
    raw = "Bouchard B, 2011, TIJDSCHR ECON SOC GE, V52, P639, DOI 10.5555/Tij.2011.01236."
    assert _common_wos_key(raw) == "bouchard b|2011|tijdschr econ soc ge|52|639|10.5555/tij.2011.01236"
    assert _common_wos_key("Smith J, 2010, DOI STUDIES, V1") is None
    raw = "O'Brien D.-K., 2016, J X, V3, DOI [10.5555/j.2016.1, DOI 10.5555/J.2016.1]"
    assert _common_wos_key(raw) == "obrien dk|2016|j x|3||10.5555/j.2016.1"


def _plain_files(corpora_dir: Path) -> list[Path]:
    return sorted(p for d in _PLAIN for p in (corpora_dir / d).rglob("*")
                  if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in (".txt", ".isi"))


@pytest.mark.corpora
def test_real_references_key_like_the_full_parser(corpora_dir: Path) -> None:
    raws = _field_values(corpora_dir, "CR")
    taken = {raw: key for raw in raws if (key := _common_wos_key(raw)) is not None}
    assert len(taken) > 10_000
    assert all(key == _reference_key(raw) for raw, key in taken.items())

def _field_values(corpora_dir: Path, tag: str) -> set[str]:
    values: set[str] = set()
    for path in _plain_files(corpora_dir):
        text = path.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
        for block in re.findall(rf"^{tag} (.*(?:\n   .*)*)", text, re.M):
            values.update(v.strip() for v in block.split("\n"))
    return values


@pytest.mark.parametrize("raw", ["[A] Univ X, Dept Y, Paris, France.", "[A; B] ,", "[A]", "[A] X",
                                 " [A; B]  Univ X,, , CA 94305 USA ", "[A]Univ Z, 1234 Utrecht",
                                 "[A] Univ X; Univ Y, Japan"])
def test_one_wos_address_parses_like_the_general_path(raw: str) -> None:
    text = raw.strip()
    assert parse_affiliation.__wrapped__(raw) == _parse_text(text, True)


@pytest.mark.corpora
def test_real_addresses_parse_like_the_general_path(corpora_dir: Path) -> None:
    raws = {v for v in _field_values(corpora_dir, "C1") if v.isascii() and v.startswith("[")}
    assert len(raws) > 1000
    assert all(parse_affiliation.__wrapped__(raw) == _parse_text(raw, True) for raw in raws)


def _fresh() -> None:
    """Empty every cache of the fast paths."""
    _affil.parse_affiliation.cache_clear()
    _affil._wos_address.cache_clear()
    _refs._parse_wos.cache_clear()
    for index in _refs.INDEXES.values():
        index.clear()


def _slow_paths(m: pytest.MonkeyPatch, *, table: bool = False) -> None:
    """Turn the fast paths off: the line check, the common reference form and WoS address,
    and (unless ``table``) the one-by-one check, so every record goes to the line grammar."""
    m.setattr(_wos_columns, "_scan",  # no line check: every record checked alone
              lambda piece, base: (list(_wos_columns._parts(piece, base)), piece.count("\n")))
    if not table:
        m.setattr(_refs, "_common_wos_key", lambda raw: None)
        m.setattr(_affil, "_one_wos_address", lambda text: None)
        m.setattr(_wos_columns, "_table", lambda part: None)


def _read_both(paths: list[Path], monkeypatch: pytest.MonkeyPatch, *, table: bool = False) -> tuple:
    """``read`` with the fast paths, then with them turned off (caches emptied first)."""
    _fresh()
    fast = read(paths, on_bad_record="skip")
    with monkeypatch.context() as m:
        _slow_paths(m, table=table)
        _fresh()
        slow = read(paths, on_bad_record="skip")
    _fresh()
    return fast, slow


def _assert_same(fast, slow) -> None:
    pd.testing.assert_frame_equal(fast.records, slow.records)
    for name in ("files", "rejected", "duplicates"):
        pd.testing.assert_frame_equal(getattr(fast.report, name), getattr(slow.report, name))


@pytest.mark.corpora
@pytest.mark.parametrize("group", _PLAIN)
def test_real_plain_text_reads_like_the_reference_path(corpora_dir: Path, group: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [p for p in _plain_files(corpora_dir)
             if p.relative_to(corpora_dir).parts[0] == group
             and (group != "citespace_outputs" or "input" in p.parts)]
    assert paths
    fast, slow = _read_both(paths, monkeypatch)
    assert len(fast.records) > 0
    _assert_same(fast, slow)
    _assert_same(fast, _read_both(paths, monkeypatch, table=True)[1])  # the line check vs one by one


def test_synthetic_plain_text_reads_like_the_reference_path(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "wos.txt"
    write_wos(path, 800, seed=3, refs=20, abstract_words=30)
    fast, slow = _read_both([path], monkeypatch)
    assert len(fast.records) == 800
    _assert_same(fast, slow)


_ODD = ["\u3000", "\xa0", "\x85", "\u1680", "\u2003", "\u2028", "\u205f", "\x1c", "\t", " ", "、", "é", "中",
        "\u200b", "\ufeff"]


def _mutate(lines: list[str], edits: list[tuple[int, int, int]]) -> list[str]:
    """Apply ``(kind, line, char)`` edits that take a record out of the common form, or nearly."""
    lines = list(lines)
    for kind, at, ch in edits:
        i, odd = at % len(lines), _ODD[ch % len(_ODD)]
        line = lines[i]
        if kind == 0:
            lines[i] = line + odd  # a last character that may be white space
        elif kind == 1 and len(line) > 3:
            lines[i] = line[:3] + odd + line[3:]  # a first value character that may be
        elif kind == 2:
            lines.insert(i, ["", "  ", "FN x", "VR 1.0", "EF", "FNX", "   cont", "ER", "ER ", "PT J"][ch % 10])
        elif kind == 3:
            lines.insert(i, line)  # a repeated tag, or an extra continuation line
        elif kind == 4 and len(line) > 2:
            lines[i] = ["QQ", "Pt", "P1", "  ", "    ", "\t  "][ch % 6] + line[2:]
        elif kind == 5:
            del lines[i]
        elif kind == 6 and len(line) > 3:
            lines[i] = line[:3] + " " + line[3:]  # two spaces after the tag or four before a value
    return lines


def _columns_read(text: str, cut: int) -> tuple:
    """:func:`read_columns` on ``text`` given as two chunks cut at a line end."""
    fmt = FORMATS["wos_plaintext"]
    at = text.find("\n", cut % max(len(text), 1)) + 1
    chunks = [text[:at], text[at:]] if at else [text]
    return _wos_columns.read_columns(chunks, fmt, "f.txt")


_SAMPLE: list[str] = []


def _sample_lines(tmp_dir: Path) -> list[str]:
    if not _SAMPLE:
        path = write_wos(tmp_dir / "wos.txt", 5, seed=11, refs=4, abstract_words=12)
        _SAMPLE.extend(path.read_text(encoding="utf-8-sig").split("\n"))
    return _SAMPLE


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 10_000), st.integers(0, 100)), max_size=6),
       st.integers(0, 10_000))
def test_line_check_reads_like_the_exact_check_and_the_grammar(tmp_path_factory, edits, cut) -> None:
    text = "\n".join(_mutate(_sample_lines(tmp_path_factory.mktemp("wos")), edits))
    fast = _columns_read(text, cut)
    with pytest.MonkeyPatch.context() as m:
        _slow_paths(m, table=True)
        one_by_one = _columns_read(text, cut)
        _slow_paths(m)
        grammar = _columns_read(text, cut)
    assert fast == one_by_one
    assert fast == grammar
