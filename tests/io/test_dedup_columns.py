"""Column-wise de-duplication gives exactly what the record-by-record engine gives."""

from __future__ import annotations

import copy
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from litmap.io import dedup
from litmap.io._columns import COLUMNS, from_records

_TITLES = ["Rural change", "rural  CHANGE!", "Urban sprawl", "城乡融合", "", None]
_RECORD = st.fixed_dictionaries({
    "db": st.sampled_from(["wos", "cnki", "scopus", "cssci"]),
    "doi": st.sampled_from([None, "", "10.1/a", "10.1/b"]),
    "native_id": st.sampled_from([None, "CNKI:0", "A1", "a1", "B2", "-"]),
    "title": st.sampled_from(_TITLES),
    "title_alt": st.sampled_from(_TITLES),
    "year": st.sampled_from([None, 2019, 2020]),
    "authors": st.sampled_from([[], ["Li, X"], ["Li X."], ["Wu, Y", "Li, X"], ["李明"]]),
    "abstract": st.sampled_from([None, "text"]),
    "keywords": st.sampled_from([[], ["a"], ["b", "c"]]),
    "file": st.just("f.txt"),
    "line": st.integers(1, 9),
})


@settings(max_examples=300, deadline=None)
@given(st.lists(_RECORD, max_size=12))
def test_columns_merge_like_records(records: list[dict]) -> None:
    as_dicts = copy.deepcopy(records)
    expected = dedup.deduplicate(as_dicts)
    columns = from_records(records)
    dedup.add_match_keys(columns)
    assert dedup.deduplicate_columns(columns) == expected
    merged = from_records(as_dicts)  # kept records received the same fields...
    assert {c: columns[c] for c in COLUMNS} == merged
    dedup.add_match_keys(merged)  # ... and the keys that depend on them
    assert columns == merged
    assert dedup.assign_uids(columns, {i for i, _, _ in expected}) == \
        dedup.assign_uids(merged, {i for i, _, _ in expected})


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_title_key_keeps_letters_and_digits(title: str) -> None:
    assert dedup.title_key(title) == re.sub(r"[\W_]+", "", title.lower())
