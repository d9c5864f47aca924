"""Warnings about suspicious data."""

from __future__ import annotations

import pandas as pd

from litmap.corpus import Corpus, ImportReport
from litmap._checks import coverage, data_warnings


def _corpus(n_kw: int, n_total: int, years: list[int | None], dbs: list[str]) -> Corpus:
    records = pd.DataFrame({
        "uid": [f"r{i}" for i in range(n_total)],
        "keywords": [["a", "b"] if i < n_kw else [] for i in range(n_total)],
        "authors": [["x"] for _ in range(n_total)],
        "year": years,
        "db": dbs,
    })
    files = pd.DataFrame([{"path": "f.txt", "format": "wos_plaintext", "encoding": "utf-8",
                           "read": n_total + 2, "kept": n_total, "duplicates": 0, "rejected": 2}])
    return Corpus(records, ImportReport(files=files))


def test_keyword_coverage_and_rejects():
    c = _corpus(83, 100, [2000 + i % 5 for i in range(100)], ["wos"] * 100)
    assert coverage(c, "keyword") == 0.83
    msgs = data_warnings(c, analyses=["keyword", "author"])
    assert "17 % of records without keywords" in msgs
    assert not any("authors" in m for m in msgs)
    assert "2 of 102 records were rejected (listed in import/rejected.csv)" in msgs


def test_missing_cited_references_are_left_to_the_skipped_analysis():
    c = _corpus(0, 10, [2010] * 10, ["cnki"] * 10)
    msgs = data_warnings(c, analyses=["keyword", "reference"])
    assert "100 % of records without keywords" in msgs
    assert not any("cited references" in m for m in msgs)
    assert "10 % of records without keywords" in data_warnings(_corpus(9, 10, [2010] * 10, ["wos"] * 10),
                                                                analyses=["keyword"])


def test_mixed_languages_without_alias():
    c = _corpus(10, 10, [2010] * 10, ["cnki"] * 5 + ["wos"] * 5)
    assert any("alias" in m for m in data_warnings(c, analyses=["keyword"]))
    assert not any("alias" in m for m in data_warnings(c, analyses=["keyword"], alias="x.alias"))
    assert not any("alias" in m for m in data_warnings(c, analyses=["author"]))
