"""Fast paths of the WoS reader give exactly what the reference code gives."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litmap.io import _affil, _refs, _wos_columns, read
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


def _read_both(paths: list[Path], monkeypatch: pytest.MonkeyPatch) -> tuple:
    """``read`` with the fast paths, then with every fast path turned off (caches emptied first)."""
    def fresh() -> None:
        _affil.parse_affiliation.cache_clear()
        _affil._wos_address.cache_clear()
        _refs._parse_wos.cache_clear()
        for index in _refs.INDEXES.values():
            index._clear()

    fresh()
    fast = read(paths, on_bad_record="skip")
    with monkeypatch.context() as m:
        m.setattr(_refs, "_common_wos_key", lambda raw: None)
        m.setattr(_affil, "_one_wos_address", lambda text: None)
        m.setattr(_wos_columns, "_table", lambda part: None)  # every record to the line grammar
        fresh()
        slow = read(paths, on_bad_record="skip")
    fresh()
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


def test_synthetic_plain_text_reads_like_the_reference_path(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "wos.txt"
    write_wos(path, 800, seed=3, refs=20, abstract_words=30)
    fast, slow = _read_both([path], monkeypatch)
    assert len(fast.records) == 800
    _assert_same(fast, slow)
