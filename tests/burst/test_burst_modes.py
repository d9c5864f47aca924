"""CiteSpace-mode conventions on hand-made series, bad input, the top-N table and sigma."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from litmap.burst import detect_bursts, sigma, top_bursts
from litmap.errors import DataError, ParameterError

YEARS = list(range(2010, 2020))


def _series(high: list[int]) -> list[int]:
    return [40 if t in high else 2 for t in range(10)]


@pytest.fixture()
def counts() -> pd.DataFrame:
    rows = {"bg": [1000] * 10, "a": _series([7, 8, 9]), "b": _series([7, 8]), "c": _series([8, 9]),
            "d": _series([3]), "e": _series([2, 3, 6, 7])}
    return pd.DataFrame(rows, index=YEARS).T


def test_decoded_runs_are_the_planted_ones(counts):
    states = detect_bursts(counts, mode="citespace").states
    assert [YEARS[t] for t in np.flatnonzero(states.loc["a"])] == [2017, 2018, 2019]
    assert [YEARS[t] for t in np.flatnonzero(states.loc["b"])] == [2017, 2018]
    assert [YEARS[t] for t in np.flatnonzero(states.loc["c"])] == [2018, 2019]
    assert [YEARS[t] for t in np.flatnonzero(states.loc["d"])] == [2013]
    assert [YEARS[t] for t in np.flatnonzero(states.loc["e"])] == [2012, 2013, 2016, 2017]


def test_breakpoint_rule_and_open_ended(counts):
    frame = detect_bursts(counts, mode="citespace").to_frame().set_index("item")
    # run to the end (3 slices): kept, open-ended, LENGTH = n - b + 1
    assert frame.loc["a", ["begin", "end", "run_end", "open_ended", "length"]].tolist() == \
        [2017, 2019, 2019, True, 10 - 7 + 1]
    # run ending at n-2: breakpoint n-1, open-ended, End printed as the last slice
    assert frame.loc["b", ["begin", "end", "run_end", "open_ended"]].tolist() == [2017, 2019, 2018, True]
    # run on exactly the last two slices: bp - b = 1 < 2, dropped; one-slice run dropped too
    assert "c" not in frame.index and "d" not in frame.index
    # closed run: LENGTH = e - b + 1
    assert frame.loc["e", ["begin", "end", "open_ended", "length"]].tolist() == [2016, 2017, False, 2]


def test_min_duration_counts_on_the_breakpoint(counts):
    frame = detect_bursts(counts, mode="citespace", min_duration=1).to_frame().set_index("item")
    assert {"c", "d"} <= set(frame.index)
    frame3 = detect_bursts(counts, mode="citespace", min_duration=3).to_frame()
    # a runs 2017-2019 (3 slices) but its breakpoint is n - 1 = 9: bp - b = 2 < 3
    assert frame3.empty
    # default mode measures the true run length instead
    default = detect_bursts(counts, counts.sum(), trans="n+1", min_duration=3).to_frame()
    assert default["item"].tolist() == ["a"]


def test_last_burst_and_cumulative_strength(counts):
    cs = detect_bursts(counts, mode="citespace").to_frame().set_index("item")
    every = detect_bursts(counts, counts.sum(), trans="n+1").to_frame()
    e_rows = every[every["item"] == "e"]
    assert e_rows[["begin", "end"]].values.tolist() == [[2012, 2013], [2016, 2017]]
    assert cs.loc["e", "strength"] == pytest.approx(e_rows["strength"].iloc[1], rel=1e-12)
    assert cs.loc["e", "cumulative"] == pytest.approx(e_rows["strength"].sum(), rel=1e-12)


def test_rate_is_d_over_s_r(counts):
    cs = detect_bursts(counts, mode="citespace", s=2.5).to_frame().set_index("item")
    big_d = counts.to_numpy().sum()
    for item in cs.index:
        assert cs.loc[item, "rate"] == pytest.approx(big_d / (2.5 * counts.loc[item].sum()), rel=1e-12)


def test_citespace_uses_column_sums_and_ln_n_plus_1(counts):
    a = detect_bursts(counts, mode="citespace").to_frame()
    b = detect_bursts(counts, counts.sum(), mode="citespace", trans="n+1").to_frame()
    pd.testing.assert_frame_equal(a, b)
    assert detect_bursts(counts, mode="citespace").params["trans"] == "n+1"
    assert detect_bursts(counts).params["trans"] == "n"


def test_ties_go_to_burst_state_in_citespace_mode(oracles):
    case = oracles["bursts"]["batched"]["zero_total_after_burst"]
    r, d = pd.DataFrame([case["r"]]), pd.Series(case["d"])
    low = detect_bursts(r, d, trans="n", min_duration=1).to_frame()
    high = detect_bursts(r, d, mode="citespace", trans="n", min_duration=1).to_frame()
    assert low[["begin", "end"]].values.tolist() == [[2, 3]]
    # the empty slice 4 costs the same in both states: CiteSpace's tie rule keeps the burst
    assert (high["begin"].iloc[0], high["run_end"].iloc[0]) == (2, 4)
    assert high["strength"].iloc[0] == pytest.approx(low["strength"].iloc[0], rel=1e-12)


def test_every_burst_in_default_mode(counts):
    frame = detect_bursts(counts, counts.sum(), min_duration=1).to_frame()
    assert (frame["item"] == "e").sum() == 2
    assert set(frame.columns) >= {"item", "level", "begin", "end", "strength", "length", "first"}
    assert "rate" not in frame.columns


@pytest.mark.parametrize("bad, error", [
    (pd.DataFrame([[1, -1, 2]]), DataError),
    (pd.DataFrame([[1, np.nan, 2]]), DataError),
    (pd.DataFrame([["a", "b"]]), DataError),
    (pd.DataFrame([[3]]), DataError),
    ([[1, 2, 3]], DataError),
])
def test_bad_counts(bad, error):
    with pytest.raises(error):
        detect_bursts(bad)


def test_bad_totals():
    counts = pd.DataFrame([[1, 5, 2]], index=["x"], columns=[2001, 2002, 2003])
    with pytest.raises(DataError, match="different lengths"):
        detect_bursts(counts, pd.Series([10, 10], index=[2001, 2002]))
    with pytest.raises(DataError, match="differ"):
        detect_bursts(counts, pd.Series([10, 10, 10], index=["2001", "2002", "2003"]))
    with pytest.raises(DataError, match="exceeds"):
        detect_bursts(counts, pd.Series([10, 4, 10], index=[2001, 2002, 2003]))
    with pytest.raises(DataError, match="'x'.*2002"):
        detect_bursts(counts, pd.Series([10, 4, 10], index=[2001, 2002, 2003]))


@pytest.mark.parametrize("kw", [{"s": 1.0}, {"gamma": -1}, {"states": 1}, {"min_duration": 0},
                                {"mode": "sci2"}, {"trans": "2n"}, {"states": 2.5}])
def test_bad_parameters(kw):
    with pytest.raises(ParameterError):
        detect_bursts(pd.DataFrame([[1, 2, 3]]), **kw)


def test_all_zero_and_empty_inputs_give_empty_results():
    zero = detect_bursts(pd.DataFrame([[0, 0, 0], [0, 0, 0]], index=["a", "b"]))
    assert zero.bursts.empty and zero.states.shape == (2, 3)
    empty = detect_bursts(pd.DataFrame(np.zeros((0, 4))))
    assert empty.bursts.empty and list(empty.bursts.columns)[:5] == ["item", "level", "begin", "end",
                                                                      "strength"]


def test_top_bursts_sorting(counts):
    result = detect_bursts(counts, counts.sum(), trans="n+1", min_duration=1)
    by_strength = top_bursts(result, 3)
    assert list(by_strength.columns) == ["item", "first", "strength", "begin", "end"]
    assert by_strength["strength"].is_monotonic_decreasing
    assert by_strength["item"].is_unique and len(by_strength) == 3
    by_begin = top_bursts(result, 3, sort="begin")
    assert set(by_begin["item"]) == set(by_strength["item"])
    assert by_begin["begin"].is_monotonic_increasing
    e_row = top_bursts(result, 10).set_index("item").loc["e"]
    assert e_row["strength"] == pytest.approx(
        result.bursts[result.bursts["item"] == "e"]["strength"].max())
    with pytest.raises(ParameterError):
        top_bursts(result, 3, sort="year")


def test_sigma_oracle(oracles):
    rows = oracles["community_centrality"]["sigma_examples"]
    for row in rows:
        assert sigma(row["centrality"], row["burst"]) == pytest.approx(row["sigma"], rel=1e-12)
    b = pd.Series([row["centrality"] for row in rows], index=list("abcd"))
    w = np.array([row["burst"] for row in rows])
    out = sigma(b, w)
    assert list(out.index) == list("abcd")
    np.testing.assert_allclose(out.to_numpy(), [row["sigma"] for row in rows], rtol=1e-12)
    assert sigma(0.3, np.nan) == 1.0
    with pytest.raises(ParameterError):
        sigma(-0.1, 2.0)


def test_result_renders(counts):
    result = detect_bursts(counts, mode="citespace")
    text = str(result)
    assert "citespace mode" in text and "gamma=1.0" in text
    assert "<table" in result._repr_html_() and "trans=ln(n+1)" in result.to_html()
    frame = result.to_frame()
    frame.loc[0, "strength"] = -1.0
    assert result.bursts.loc[0, "strength"] != -1.0


def test_html_escapes_items(counts):
    renamed = counts.rename(index={"a": "<script>alert(1)</script>"})
    html = detect_bursts(renamed, mode="citespace").to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html
