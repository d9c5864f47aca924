"""The CiteSpace-style burst figure: content, CJK text, 300-dpi PNG, byte-identical SVG."""

from __future__ import annotations

import struct

import numpy as np
import pandas as pd
import pytest

from litmap.burst import detect_bursts
from litmap.errors import DataError, ParameterError
from litmap.viz.bursts import burst_figure, save_burst_figure
from litmap.viz._fonts import cjk_font


@pytest.fixture(scope="module")
def result():
    years = list(range(2010, 2020))
    rows = {"bg": [1000] * 10, "乡村振兴": [0, 0, 2, 2, 40, 40, 40, 2, 2, 2],
            "deep learning": [2, 2, 2, 2, 2, 2, 2, 40, 40, 40],
            "twice": [2, 40, 40, 2, 2, 2, 40, 40, 2, 2]}
    counts = pd.DataFrame(rows, index=years).T
    return detect_bursts(counts, counts.sum(), trans="n+1")


def _png_size(path):
    with open(path, "rb") as fh:
        head = fh.read(24)
    return struct.unpack(">II", head[16:24])


def test_figure_files(result, tmp_path):
    fig = burst_figure(result, top=3)
    svg, png = save_burst_figure(fig, tmp_path / "bursts.svg")
    assert svg.suffix == ".svg" and png.suffix == ".png"
    width, height = fig.get_size_inches()
    assert _png_size(png) == (round(width * 300), round(height * 300))
    text = svg.read_text(encoding="utf-8")
    assert "乡村振兴" in text and "Top 3 Keywords with the Strongest Citation Bursts" in text
    assert "2010 - 2019" in text
    if cjk_font():
        assert cjk_font() in text
    # every burst slice of every row is a red cell: 3 + 3 + (2 + 2)
    assert text.count("fill: #d62728") == 10


def test_svg_is_byte_identical(result, tmp_path):
    a = save_burst_figure(burst_figure(result), tmp_path / "a.svg")[0].read_bytes()
    b = save_burst_figure(burst_figure(result), tmp_path / "b.svg")[0].read_bytes()
    assert a == b
    pa = (tmp_path / "a.png").read_bytes()
    pb = (tmp_path / "b.png").read_bytes()
    assert pa == pb


def test_figure_errors(result, tmp_path):
    empty = detect_bursts(pd.DataFrame([[1, 1, 1]], index=["x"]), pd.Series([10, 10, 10]))
    with pytest.raises(DataError):
        burst_figure(empty)
    with pytest.raises(ParameterError):
        save_burst_figure(burst_figure(result), tmp_path / "bursts.pdf")
    with pytest.raises(ParameterError):
        burst_figure(result, sort="item")
    assert np.isfinite(result.bursts["strength"]).all()
