"""corpus.to_citespace(): WoS-like download_*.txt files that our reader reads back unchanged."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import litmap
from litmap.errors import ParameterError
from litmap.io import read
from litmap.io.citespace import write_citespace

_COLS = ["title", "authors", "keywords", "year", "doi", "source", "abstract", "affiliations",
         "cited_refs_raw", "db"]


def _corpus() -> litmap.Corpus:
    return litmap.Corpus(pd.DataFrame({
        "uid": ["WOS:000123", "CNKI:abc", "cnki:3f2a", "SCOPUS:2-s2.0-1"],
        "db": ["wos", "cnki", "cnki", "scopus"],
        "title": ["Urban sprawl", "城乡融合研究", "逆城市化", "Counter-urbanisation"],
        "authors": [["Li, X", "Wu, Y"], ["王一", "李二"], ["张三"], ["Smith J."]],
        "keywords": [["sprawl", "land use"], ["城乡融合", "乡村振兴"], [], ["migration"]],
        "year": [2019, 2021, 2020, None],
        "doi": ["10.1/a", None, None, "10.1/b"],
        "source": ["LAND USE POLICY", "城市规划", "地理研究", "J Rural Stud"],
        "abstract": ["An abstract.", "摘要。", None, "Another."],
        "affiliations": [["Univ X, Dept Y, Beijing, Peoples R China."], ["北京大学城市与环境学院"], [], []],
        "cited_refs_raw": [["Smith J, 2010, NATURE, V1, P2"], ["张道一, 2018, 东南大学出版社"], [], []],
        "times_cited": [3, None, None, 1],
    }))


def test_round_trip_keeps_fields(tmp_path: Path) -> None:
    original = _corpus()
    paths = original.to_citespace(tmp_path / "cs")
    assert [p.name for p in paths] == ["download_1-4.txt"]
    text = paths[0].read_text(encoding="utf-8")
    assert text.startswith("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n") and text.endswith("EF\n")
    assert "UT CNKI:CNKI:abc" in text and "UT WOS:000123" in text
    back = read(paths)
    assert len(back) == 4 and back.report.totals()["duplicates"] == 0
    a = original.records[_COLS].reset_index(drop=True)
    b = back.records[_COLS].reset_index(drop=True)
    for col in _COLS:
        assert a[col].tolist() == b[col].tolist(), col


def test_output_is_byte_identical_across_runs(tmp_path: Path) -> None:
    first = [p.read_bytes() for p in write_citespace(_corpus(), tmp_path / "a")]
    second = [p.read_bytes() for p in write_citespace(_corpus(), tmp_path / "b")]
    assert first == second and b"\r" not in first[0]


def test_files_hold_at_most_500_records(tmp_path: Path) -> None:
    n = 1203
    corpus = litmap.Corpus(pd.DataFrame({"uid": [f"cnki:{i}" for i in range(n)], "db": ["cnki"] * n,
                                         "title": [f"题名{i}" for i in range(n)], "year": [2020] * n}))
    paths = write_citespace(corpus, tmp_path)
    assert [p.name for p in paths] == ["download_1-500.txt", "download_501-1000.txt",
                                       "download_1001-1203.txt"]
    back = read(tmp_path)
    assert len(back) == n and back.records["uid"].is_unique
    assert sorted(back.records["title"]) == sorted(corpus.records["title"])


def test_a_file_is_not_a_directory(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(ParameterError, match="not a folder"):
        write_citespace(_corpus(), tmp_path / "f")


@pytest.mark.corpora
def test_real_cnki_and_wos_round_trip(corpora_dir: Path, tmp_path: Path) -> None:
    original = read([corpora_dir / "cnki_citespace_converted",
                     corpora_dir / "wos_plaintext" / "wosfile_plaintext.txt"])
    back = read(original.to_citespace(tmp_path))
    assert len(back) == len(original) == 357
    for col in ("title", "authors", "keywords", "year", "doi", "cited_refs_raw", "db"):
        assert original.records[col].tolist() == back.records[col].tolist(), col
