"""`litmap clusters` and `litmap bursts`: exit codes, files, messages."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

from litmap import Corpus
from litmap.cli import main


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory):
    rows = []
    for year in range(2012, 2020):
        for i in range(12):
            group = "rural" if i % 2 else "digital"
            kws = ([f"{group} {k}" for k in ("a", "b", "c") if (i + year) % 3 != ["a", "b", "c"].index(k)]
                   + (["乡村振兴"] if group == "rural" and year >= 2016 and i < 9 else []))
            title = ("Rural revitalization and land policy" if group == "rural"
                     else "Digital twin for smart factories")
            rows.append({"uid": f"R{year}-{i}", "year": year, "keywords": kws, "title": title})
    path = tmp_path_factory.mktemp("cli") / "corpus.parquet"
    Corpus(pd.DataFrame(rows)).save(path)
    return path


def _run(args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_clusters_from_corpus(corpus_file, tmp_path):
    out = tmp_path / "out"
    res = _run(["clusters", corpus_file, "--select", "all", "--labels", "llr", "--min-size", "1", "-o", out])
    assert res.exit_code == 0, res.output
    assert "Q = " in res.output and "S = " in res.output
    for name in ("clusters.csv", "membership.csv", "labels.csv", "quality.json"):
        assert (out / name).is_file()
    quality = json.loads((out / "quality.json").read_text(encoding="utf-8"))
    assert quality["params"]["method"] == "leiden" and quality["params"]["labels"]["methods"] == ["llr"]
    clusters = pd.read_csv(out / "clusters.csv", keep_default_na=False)
    # every title term of a group ties; the longest wins, then alphabetical order
    assert set(clusters["label_llr"]) == {"rural revitalization", "smart factories"}


def test_clusters_from_network_folder(corpus_file, tmp_path):
    net = tmp_path / "net"
    assert _run(["network", corpus_file, "--select", "all", "--format", "csv", "-o", net]).exit_code == 0
    a, b = tmp_path / "a", tmp_path / "b"
    res = _run(["clusters", net, "--method", "leiden", "--seed", "0", "--labels", "llr",
                "--corpus", corpus_file, "-o", a])
    assert res.exit_code == 0, res.output
    again = _run(["clusters", corpus_file, "--select", "all", "--labels", "llr", "-o", b])
    assert again.exit_code == 0, again.output
    for name in ("clusters.csv", "membership.csv", "labels.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    moved = tmp_path / "elsewhere" / "deeper" / "net"  # params.json names the corpus relative to the folder
    shutil.copytree(net, moved)
    bad = _run(["clusters", moved, "--labels", "llr"])
    assert bad.exit_code == 2 and "--corpus" in bad.output and "not found" in bad.output
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _run(["clusters", empty]).exit_code == 2


def test_bursts_command(corpus_file, tmp_path):
    csv, svg = tmp_path / "bursts.csv", tmp_path / "fig" / "bursts.svg"
    args = ["bursts", corpus_file, "--type", "keyword", "--top", "25", "--gamma", "1", "--min-duration", "2",
            "--mode", "citespace", "--select", "all", "-o", csv, "--figure", svg]
    res = _run(args)
    assert res.exit_code == 0, res.output
    assert "citespace mode" in res.output
    table = pd.read_csv(csv)
    assert list(table.columns)[:5] == ["item", "first", "strength", "begin", "end"]
    assert "乡村振兴" in set(table["item"])
    assert svg.is_file() and svg.with_suffix(".png").is_file()
    first = svg.read_bytes()
    assert _run(args).exit_code == 0 and svg.read_bytes() == first


def test_bursts_bad_parameters(corpus_file):
    res = _run(["bursts", corpus_file, "--gamma", "-1"])
    assert res.exit_code == 2 and "gamma" in res.output
    res = _run(["bursts", corpus_file, "--states", "1"])
    assert res.exit_code == 2 and "states" in res.output
