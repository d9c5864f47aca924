"""Static figures: counts, bar charts, SVG/PNG output, CJK font warning."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from litmap.corpus import Corpus
from litmap.errors import ParameterError
from litmap.viz import _fonts, figures


def _tiny() -> Corpus:
    return Corpus(pd.DataFrame({
        "uid": ["a", "b", "c", "d", "e"],
        "db": ["cnki", "wos", "cnki", "cnki", "wos"],
        "year": [2010, 2010, 2013, None, 2013],
        "keywords": [["乡村振兴", "x"], ["x", "x"], ["y"], ["x"], []],
        "source": ["J1", "J2", "J1", None, "  "],
    }))


def test_annual_counts_fill_gaps_and_split_databases():
    table = figures.annual_counts(_tiny())
    assert list(table.index) == [2010, 2011, 2012, 2013]
    assert list(table.columns) == ["cnki", "wos", "total"]
    assert table.loc[2010].tolist() == [1, 1, 2]
    assert table.loc[2011].tolist() == [0, 0, 0]
    assert table.loc[2013].tolist() == [1, 1, 2]
    assert table["total"].sum() == 4  # the undated record is not counted


def test_top_items_count_records_not_mentions():
    kw = figures.top_items(_tiny(), "keywords", top_n=2)
    assert kw.to_dict("list") == {"item": ["x", "y"], "records": [3, 1]}
    journals = figures.top_items(_tiny(), "source")
    assert journals.to_dict("list") == {"item": ["J1", "J2"], "records": [2, 1]}
    spaced = Corpus(pd.DataFrame({"uid": ["a", "b"], "authors": [[" Li ", "Li", "", "  "], ["Li", "Wu"]]}))
    assert figures.top_items(spaced, "authors").to_dict("list") == {"item": ["Li", "Wu"],
                                                                    "records": [2, 1]}
    with pytest.raises(ParameterError, match="column"):
        figures.top_items(_tiny(), "title")
    with pytest.raises(ParameterError, match="top_n"):
        figures.top_items(_tiny(), top_n=0)


def test_save_figure_writes_deterministic_svg_and_300_dpi_png(tmp_path):
    from PIL import Image

    fig = figures.annual_output_figure(_tiny())
    svg, png = figures.save_figure(fig, tmp_path / "annual")
    first = svg.read_bytes()
    figures.save_figure(figures.annual_output_figure(_tiny()), tmp_path / "annual")
    assert svg.read_bytes() == first
    with Image.open(png) as im:
        assert im.info["dpi"][0] == pytest.approx(300, abs=0.5)
        assert im.size[0] == pytest.approx(fig.get_figwidth() * 300, abs=2)
    text = first.decode("utf-8")
    assert "<dc:date>" not in text and "Web of Science" in text and "CNKI" in text


def test_cjk_labels_stay_text_in_a_cjk_font():
    if _fonts.cjk_font() is None:
        pytest.skip("no CJK font installed (Debian fonts-noto-cjk)")
    frame = figures.top_items(_tiny(), "keywords")
    svg = figures.figure_svg(figures.top_items_figure(frame, title="Top keywords"))
    assert svg.startswith("<svg") and "乡村振兴" in svg
    assert _fonts.cjk_font() in svg


def test_a_missing_cjk_font_gives_a_clear_warning(monkeypatch):
    monkeypatch.setattr(_fonts, "cjk_font", lambda: None)
    with pytest.warns(RuntimeWarning, match="no CJK font found.*fonts-noto-cjk"):
        figures.annual_output_figure(_tiny())


def test_top_items_figure_checks_its_frame():
    with pytest.raises(ParameterError, match="item"):
        figures.top_items_figure(pd.DataFrame({"a": [1]}), title="t")


def test_figures_escape_markup_in_svg():
    corpus = Corpus(pd.DataFrame({"uid": ["a"], "db": ["wos"], "year": [2020],
                                  "keywords": [['<script>alert(1)</script>']]}))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        svg = figures.figure_svg(figures.top_items_figure(figures.top_items(corpus),
                                                          title='"><img src=x>'))
    assert "<script>" not in svg and "<img" not in svg and "&lt;script&gt;" in svg
