"""Batched-burst oracles of ../shared/specs/oracles/bursts.json, exact decoding by brute force."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litmap.burst import detect_bursts

_VARIANTS = {"exact_k2_ln_n": {"states": 2, "trans": "n"},
             "exact_k3_ln_n": {"states": 3, "trans": "n"},
             "exact_k2_ln_n_plus_1_sci2": {"states": 2, "trans": "n+1"}}


def _cases(oracles: dict) -> list[tuple[str, str]]:
    batched = oracles["bursts"]["batched"]
    return [(name, key) for name, case in batched.items() for key in _VARIANTS if key in case]


def _run(case: dict, **kw):
    counts = pd.DataFrame([case["r"]], index=["x"])
    return detect_bursts(counts, pd.Series(case["d"]), min_duration=1, **kw)


def test_every_batched_oracle(oracles):
    batched = oracles["bursts"]["batched"]
    cases = _cases(oracles)
    assert len(cases) >= 33
    for name, key in cases:
        case, expected = batched[name], batched[name][key]
        result = _run(case, **_VARIANTS[key])
        assert result.states.loc["x"].tolist() == expected["q"], (name, key)
        got = result.to_frame()
        assert len(got) == len(expected["bursts"]), (name, key)
        for row, want in zip(got.itertuples(), expected["bursts"]):
            assert (row.level, row.begin, row.end) == (want["level"], want["begin"], want["end"])
            assert row.strength == pytest.approx(want["weight"], abs=1e-8), (name, key)


def test_k3_level_two_burst(oracles):
    case = oracles["bursts"]["batched"]["varying_totals_3state"]
    frame = _run(case, states=3).to_frame()
    level2 = frame[frame["level"] == 2]
    assert level2[["begin", "end"]].values.tolist() == [[4, 4]]
    assert level2["strength"].iloc[0] == pytest.approx(14.266997758, abs=1e-8)


def test_dip_exact_beats_greedy(oracles):
    case = oracles["bursts"]["batched"]["dip_greedy_vs_viterbi"]
    frame = _run(case).to_frame()
    greedy = case["burst_detection_0.1.3"]["bursts"]
    assert frame[["begin", "end"]].values.tolist() == [[3, 6]]
    assert [(b["begin"], b["end"]) for b in greedy] != [(3, 6)]


def test_transition_cost_variant(oracles):
    case = oracles["bursts"]["batched"]["trans_cost_ln_n_vs_ln_n_plus_1"]
    assert len(_run(case, trans="n").bursts) == 1
    assert _run(case, trans="n+1").bursts.empty


def test_p1_at_least_one_is_infeasible(oracles):
    case = oracles["bursts"]["batched"]["high_baseline_p1_ge_1"]
    clamped = case["exact_k2_ln_n_clamp_p1_0.99999"]["bursts"]
    assert clamped, "the clamping convention would report a burst"
    for trans in ("n", "n+1"):
        result = _run(case, trans=trans)
        assert result.bursts.empty
        assert result.states.to_numpy().sum() == 0


def test_term_in_every_record_never_bursts(oracles):
    case = oracles["bursts"]["batched"]["term_in_every_doc_r_eq_d"]
    assert _run(case).bursts.empty


def test_readme_rates(oracles):
    case = oracles["bursts"]["batched"]["readme_example"]
    result = detect_bursts(pd.DataFrame([case["r"]]), pd.Series(case["d"]), mode="citespace",
                           trans="n")
    p = case["exact_k2_ln_n"]["p"]
    assert result.bursts["rate"].iloc[0] == pytest.approx(1 / p[1], rel=1e-10)


def _brute_force(r, d, s, gamma, k, trans):
    n = len(r)
    p0 = sum(r) / sum(d)
    p = [p0 * s ** i for i in range(k)]
    tau = gamma * math.log(n if trans == "n" else n + 1)

    def fit(i, t):
        if p[i] >= 1:
            return math.inf
        return -(r[t] * math.log(p[i]) + (d[t] - r[t]) * math.log1p(-p[i]))

    best = []
    for q in itertools.product(range(k), repeat=n):
        prev, cost = 0, 0.0
        for t, j in enumerate(q):
            cost += max(j - prev, 0) * tau + fit(j, t)
            prev = j
        best.append((cost, q))
    best.sort()
    return best


def _path_cost(q, r, d, s, gamma, k, trans):
    return next(c for c, seq in _brute_force(r, d, s, gamma, k, trans) if list(seq) == list(q))


@settings(max_examples=60, deadline=None)
@given(data=st.data(), n=st.integers(2, 7), k=st.integers(2, 3),
       trans=st.sampled_from(["n", "n+1"]), gamma=st.sampled_from([0.5, 1.0, 2.0]),
       s=st.sampled_from([1.5, 2.0, 3.0]), mode=st.sampled_from(["default", "citespace"]))
def test_viterbi_equals_brute_force(data, n, k, trans, gamma, s, mode):
    d = data.draw(st.lists(st.integers(0, 30), min_size=n, max_size=n))
    r = [data.draw(st.integers(0, dt)) for dt in d]
    if sum(r) == 0 or sum(r) == sum(d):
        return
    result = detect_bursts(pd.DataFrame([r]), pd.Series(d), mode=mode, s=s, gamma=gamma, states=k,
                           trans=trans, min_duration=1)
    q = result.states.iloc[0].tolist()
    ranked = _brute_force(r, d, s, gamma, k, trans)
    optimum = ranked[0][0]
    assert _path_cost(q, r, d, s, gamma, k, trans) == pytest.approx(optimum, rel=1e-9, abs=1e-9)
    if len(ranked) == 1 or ranked[1][0] - optimum > 1e-7:
        assert tuple(q) == ranked[0][1]


def test_vectorised_equals_one_by_one():
    rng = np.random.default_rng(7)
    d = rng.integers(50, 200, size=15)
    r = rng.binomial(d[None, :], rng.uniform(0.02, 0.2, size=(40, 1)))
    r[:5, 6:9] += rng.integers(10, 30, size=(5, 3))
    r = np.minimum(r, d[None, :])
    totals = pd.Series(d)
    batch = detect_bursts(pd.DataFrame(r), totals, states=3, min_duration=1)
    for i in range(len(r)):
        one = detect_bursts(pd.DataFrame(r[i:i + 1], index=[i]), totals, states=3, min_duration=1)
        assert one.states.loc[i].tolist() == batch.states.loc[i].tolist()
        pd.testing.assert_frame_equal(one.to_frame(),
                                      batch.to_frame()[batch.to_frame()["item"] == i]
                                      .reset_index(drop=True))
