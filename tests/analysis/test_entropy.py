"""Entropy weight method: published oracles, hand-checked formulas and invariants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from analysis.entropy import entropy_weights, topsis
from analysis.errors import ParameterError, SchemaError
from litmap.errors import LitmapError


def _frame(matrix) -> pd.DataFrame:
    return pd.DataFrame(matrix, columns=[f"x{i + 1}" for i in range(len(matrix[0]))])


@pytest.mark.parametrize("key", ["xu", "zp"])
def test_sum_form_reproduces_published_weights(entropy_oracles, key):
    case = entropy_oracles[key]
    result = entropy_weights(_frame(case["matrix"]), method="sum")
    assert result.weights.round(4).tolist() == pytest.approx(case["weights"], abs=1e-12)


def test_minmax_shift_on_xu_matrix(entropy_oracles):
    xu = _frame(entropy_oracles["xu"]["matrix"])
    expect = entropy_oracles["minmax"]
    shifted = entropy_weights(xu, shift=1e-4, score_on="shifted")
    assert shifted.weights.to_numpy() == pytest.approx(expect["weights"], abs=5e-7)
    assert shifted.scores.to_numpy() == pytest.approx(expect["scores"], abs=5e-7)
    plain = entropy_weights(xu, shift=1e-4)  # x' scores = x'' scores - A because weights sum to 1
    assert plain.scores.to_numpy() == pytest.approx(np.asarray(expect["scores"]) - 1e-4, abs=5e-7)


def test_formula_by_hand_on_two_by_two():
    # x' = [[0, 1], [1, 0]] for both columns after min-max; with A = 0 each column has p = (0, 1):
    # e = 0, so both weights are 1/2; with a third row the entropies differ.
    data = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [5.0, 5.0, 6.0]})
    res = entropy_weights(data, shift=0.0)
    p_a = np.array([0, 0.5, 1]) / 1.5
    e_a = -(p_a[p_a > 0] * np.log(p_a[p_a > 0])).sum() / np.log(3)
    e_b = 0.0  # p = (0, 0, 1)
    w_a = (1 - e_a) / ((1 - e_a) + (1 - e_b))
    assert res.entropy["a"] == pytest.approx(e_a)
    assert res.entropy["b"] == pytest.approx(e_b)
    assert res.weights["a"] == pytest.approx(w_a)


def test_negative_indicator_equals_reflected_positive():
    rng = np.random.default_rng(1)
    data = pd.DataFrame(rng.normal(size=(12, 3)), columns=["a", "b", "c"])
    neg = entropy_weights(data, negative=["b"])
    flipped = entropy_weights(data.assign(b=-data["b"]))
    pd.testing.assert_series_equal(neg.weights, flipped.weights)
    pd.testing.assert_series_equal(neg.scores, flipped.scores)


_matrices = arrays(np.float64, st.tuples(st.integers(3, 12), st.integers(2, 5)),
                   elements=st.floats(0.5, 100.0, allow_nan=False, width=32))


@settings(max_examples=60, deadline=None)
@given(_matrices, st.floats(0.1, 1000.0))
def test_weights_nonnegative_sum_to_one_and_scale_free(matrix, factor):
    data = pd.DataFrame(matrix, columns=[f"c{i}" for i in range(matrix.shape[1])])
    if bool((data.max() == data.min()).any()):
        data.iloc[0] = data.iloc[0] + 1.0
    for method in ("minmax", "sum"):
        res = entropy_weights(data, method=method, constant="zero")
        assert bool((res.weights >= 0).all())
        assert res.weights.sum() == pytest.approx(1.0)
    base = entropy_weights(data, constant="zero")
    scaled = entropy_weights(data.assign(**{data.columns[0]: data.iloc[:, 0] * factor}), constant="zero")
    np.testing.assert_allclose(scaled.weights, base.weights, atol=1e-9)
    np.testing.assert_allclose(scaled.scores, base.scores, atol=1e-9)


def test_constant_indicator_error_or_zero_weight():
    data = pd.DataFrame({"a": [1.0, 2.0, 4.0], "k": [3.0, 3.0, 3.0], "b": [2.0, 0.5, 1.0]})
    with pytest.raises(ParameterError, match="constant indicator column.*k"):
        entropy_weights(data)
    with pytest.warns(UserWarning, match="k get weight 0"):
        res = entropy_weights(data, constant="zero")
    assert res.weights["k"] == 0.0
    assert res.weights.sum() == pytest.approx(1.0)
    drop = entropy_weights(data.drop(columns="k"))
    assert res.weights[["a", "b"]].to_numpy() == pytest.approx(drop.weights.to_numpy())


def test_missing_value_names_the_cell():
    data = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [1.0, None, 2.0]}, index=["sh", "nj", "wh"])
    with pytest.raises(SchemaError, match=r"column 'b'.*missing value at row 'nj'") as info:
        entropy_weights(data)
    assert isinstance(info.value, LitmapError)


def test_negative_value_under_sum_form_is_an_error():
    data = pd.DataFrame({"a": [1.0, -2.0, 3.0], "b": [1.0, 2.0, 2.5]})
    with pytest.raises(SchemaError, match=r"column 'a'.*negative value -2.0"):
        entropy_weights(data, method="sum")


def test_pooled_panel_versus_year_by_year():
    rng = np.random.default_rng(3)
    panel = pd.DataFrame({"city": np.repeat(list("ABCD"), 3), "year": np.tile([2018, 2019, 2020], 4),
                          "x": rng.uniform(1, 5, 12), "y": rng.uniform(1, 5, 12)}).set_index(["city", "year"])
    pooled = entropy_weights(panel)
    assert pooled.params["n"] == 12 and pooled.weights.shape == (2,)
    by_year = entropy_weights(panel, pooled=False, year="year")
    assert list(by_year.weights.index) == [2018, 2019, 2020]
    one = entropy_weights(panel.xs(2019, level="year"))
    assert by_year.weights.loc[2019].to_numpy() == pytest.approx(one.weights.to_numpy())
    assert by_year.scores.xs(2019, level="year").to_numpy() == pytest.approx(one.scores.to_numpy())
    assert set(by_year.to_frame().columns) == {"year", "indicator", "entropy", "divergence", "weight"}
    with pytest.raises(ParameterError, match="pooled=False needs year"):
        entropy_weights(panel, pooled=False)


def test_unknown_negative_column_and_bad_method():
    data = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 1.0]})
    with pytest.raises(ParameterError, match="'x3' is not a column"):
        entropy_weights(data, negative=["x3"])
    with pytest.raises(ParameterError, match="method must be"):
        entropy_weights(data, method="rank")


def test_topsis_by_hand():
    data = pd.DataFrame({"benefit": [3.0, 4.0], "cost": [4.0, 3.0]})
    res = topsis(data, negative=["cost"], weights=pd.Series({"benefit": 0.5, "cost": 0.5}))
    # r = x / 5 for both columns; v = r / 2; row 1 is best on both -> closeness 1, row 0 -> 0.
    assert res.scores.tolist() == pytest.approx([0.0, 1.0])
    assert res.distance_best.iloc[0] == pytest.approx(np.hypot(0.1, 0.1))
    mixed = topsis(pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [3.0, 1.0, 2.0]}))
    assert bool(((mixed.scores >= 0) & (mixed.scores <= 1)).all())
    assert mixed.weights.sum() == pytest.approx(1.0)
