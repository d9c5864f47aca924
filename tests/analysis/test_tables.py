"""Publication tables and report fragments: layout, stars, escaping in every format."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from analysis.errors import ParameterError
from analysis.regress import RegressionResult
from analysis.report import report_sections
from analysis.tables import clean_label, regression_table


def _result(name, params, se, p, *, fit=0.25, label="R²", fe=None, note="conventional SE"):
    idx = list(params)
    ci = pd.DataFrame({"lower": [0.0] * len(idx), "upper": [0.0] * len(idx)}, index=idx)
    return RegressionResult(name, "pooled", "y", pd.Series(params, dtype=float),
                            pd.Series(se, index=idx, dtype=float), pd.Series(p, index=idx, dtype=float),
                            ci, 1234, fit, label, fe or {"City FE": False}, note, None)


@pytest.fixture()
def table():
    a = _result("A <1>", {"x_1": 0.5, "z": -1.25}, [0.1, 2.0], [0.004, 0.5])
    b = _result("B & co", {"x_1": 0.3, "w%": 2.0}, [0.2, 0.01], [0.07, 0.03], fit=0.1, label="pseudo R²",
                fe={"City FE": True}, note="SE clustered by city")
    return regression_table([a, b], title="Return_intention <test>")


def test_layout_stars_and_statistics(table):
    f = table.frame
    assert list(f.columns) == ["term", "A <1>", "B & co"]
    rows = f.set_index("term")
    assert f.iloc[0].tolist() == ["x_1", "0.500***", "0.300*"]
    assert f.iloc[1].tolist() == ["", "(0.100)", "(0.200)"]
    assert f.iloc[2, 1] == "-1.250" and f.iloc[2, 2] == ""          # absent from model B
    assert rows.loc["N"].tolist() == ["1,234", "1,234"]
    assert rows.loc["R²"].tolist() == ["0.250", ""]
    assert rows.loc["pseudo R²"].tolist() == ["", "0.100"]
    assert rows.loc["City FE"].tolist() == ["No", "Yes"]
    assert table.body_rows == 6
    assert "A <1>: conventional SE; B & co: SE clustered by city" in table.notes[0]
    assert table.notes[1] == "* p < 0.1, ** p < 0.05, *** p < 0.01."


def test_html_is_escaped(table):
    text = table.to_html()
    assert "<caption>Return_intention &lt;test&gt;</caption>" in text
    assert "<th>A &lt;1&gt;</th>" in text and "B &amp; co" in text
    assert "<1>" not in text


def test_latex_is_escaped_and_starred(table):
    text = table.to_latex()
    assert r"\caption{Return\_intention <test>}" in text
    assert r"x\_1 & 0.500$^{***}$ & 0.300$^{*}$ \\" in text
    assert r"w\% &  & 2.000$^{**}$ \\" in text
    assert text.count(r"\midrule") == 2


def test_markdown_and_csv(table):
    md = table.to_markdown()
    assert "| x_1 | 0.500*** | 0.300* |" in md
    back = pd.read_csv(io.StringIO(table.to_csv()), keep_default_na=False)
    assert back.iloc[0].tolist() == ["x_1", "0.500***", "0.300*"]
    assert back.iloc[-1, 0].startswith("* p < 0.1")


def test_options_and_errors():
    a = _result("A", {"const": 1.0, "x": 0.5}, [0.1, 0.1], [0.2, 0.2])
    t = regression_table([a, a], drop_constant=True, digits=2, labels={"x": "Income (log)"})
    assert list(t.frame.columns) == ["term", "A", "A (2)"]
    assert t.frame.iloc[0].tolist() == ["Income (log)", "0.50", "0.50"]
    with pytest.raises(ParameterError):
        regression_table([])
    assert clean_label("C(flow_range, Treatment('cross_province'))[T.within_city]") == "flow_range: within_city"


def test_report_sections_are_escaped(table):
    from analysis.entropy import entropy_weights
    ent = entropy_weights(pd.DataFrame({"<b>": [1.0, 2.0, 4.0], "y": [3.0, 1.0, 2.0]},
                                       index=["<script>", "b", "c"]))
    sections = report_sections(entropy=ent)
    assert [s[0] for s in sections] == ["Entropy weights"]
    body = sections[0][1]
    assert "&lt;script&gt;" in body and "<script>" not in body and "&lt;b&gt;" in body
    assert report_sections() == []


def test_report_sections_for_every_result(toy_rings):
    from analysis.detect import detect_counterurbanization
    from analysis.regress import panel_sequence
    from analysis.synth import synthetic_city_panel

    det = detect_counterurbanization(toy_rings)
    seq = panel_sequence(synthetic_city_panel(), dependent="cui", regressors=["gap", "town_ps"])
    sections = report_sections(detection=det, panel=seq, micro=[seq.models["pooled"]])
    assert [t for t, _ in sections] == ["Counter-urbanization screens", "Panel regressions",
                                        "Return-intention models"]
    assert "kept: A." in sections[0][1]
    assert sections[1][1].count("<table") == 2 and "Hausman" in sections[1][1]
