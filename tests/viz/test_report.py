"""The one-file HTML report and its CSV tables."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from litmap.cli import main
from litmap.errors import ParameterError
from litmap.report import SECTIONS, report_tables, write_report

from conftest import HOSTILE, make_corpus


@pytest.fixture(scope="module")
def report(small, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "study.html"
    write_report(path, small["corpus"], network=small["network"], clusters=small["clusters"],
                 bursts=small["bursts"], params={"note": "<b>run</b>"}, warnings=["<i>w</i>"])
    return path


def test_every_section_is_present(report):
    page = report.read_text(encoding="utf-8")
    for key, heading in SECTIONS:
        assert f'<section id="{key}">\n<h2>{heading}</h2>' in page
    assert page.count('class="lm-net"') == 1 and "new vis.Network" in page


def test_cluster_quality_and_tables_are_shown(report, small):
    page = report.read_text(encoding="utf-8")
    c = small["clusters"]
    assert f"Q = {c.modularity:.4f}" in page and f"S = {c.mean_silhouette:.4f}" in page
    for label in c.clusters["label_llr"]:
        assert f"<td>{label}</td>" in page
    assert "&lt;i&gt;w&lt;/i&gt;" in page and "&lt;b&gt;run&lt;/b&gt;" in page


def test_tables_are_written_as_csv(report, small):
    tables = report_tables(small["corpus"], network=small["network"], clusters=small["clusters"],
                           bursts=small["bursts"])
    for name, frame in tables.items():
        csv = pd.read_csv(report.with_name(f"study_{name}.csv"))
        assert len(csv) == len(frame) and list(csv.columns) == list(frame.columns)
    top = tables["top_items"]
    nodes = small["network"].nodes
    best = nodes.sort_values(["freq", "label"], ascending=[False, True]).iloc[0]
    assert top.loc[0, "item"] == best["label"] and top.loc[0, "frequency"] == best["freq"]
    strongest = small["bursts"].to_frame().groupby("item")["strength"].max()
    bursting = top.dropna(subset=["burst"])
    assert len(bursting) and all(abs(r.burst - strongest[r.item]) < 1e-4
                                 for r in bursting.itertuples())
    params = json.loads(report.with_name("study_params.json").read_text(encoding="utf-8"))
    assert params["network"]["kind"] == "keyword" and params["run"] == {"note": "<b>run</b>"}


def test_report_is_deterministic(report, small, tmp_path):
    again = write_report(tmp_path / report.name, small["corpus"], network=small["network"],
                         clusters=small["clusters"], bursts=small["bursts"],
                         params={"note": "<b>run</b>"}, warnings=["<i>w</i>"])
    assert again.read_bytes() == report.read_bytes()


def test_hostile_report_keeps_everything_as_text(hostile, tmp_path):
    path = write_report(tmp_path / "x.html", hostile["corpus"], network=hostile["network"],
                        clusters=hostile["clusters"], bursts=hostile["bursts"], title=HOSTILE[0])
    page = path.read_text(encoding="utf-8")
    for raw in HOSTILE[:2]:
        assert raw not in page
    assert "<img" not in page and 'href="javascript' not in page.lower()


def test_report_without_network_still_has_every_section(tmp_path):
    path = write_report(tmp_path / "r.html", make_corpus(30))
    page = path.read_text(encoding="utf-8")
    for key, _ in SECTIONS:
        assert f'<section id="{key}">' in page
    assert "<script" not in page and "no network given" in page


def test_report_checks_top_n(small, tmp_path):
    with pytest.raises(ParameterError, match="top_n"):
        write_report(tmp_path / "r.html", small["corpus"], top_n=0)


def test_cli_report(small, tmp_path):
    corpus = small["corpus"].save(tmp_path / "c.parquet")
    out = tmp_path / "out" / "report.html"
    result = CliRunner().invoke(main, ["report", str(corpus), "-o", str(out), "--min-size", "2",
                                       "--label-source", "keywords"])
    assert result.exit_code == 0, result.output
    assert out.is_file() and "report:" in result.output
    assert out.with_name("report_clusters.csv").is_file()


def test_cli_report_bad_parameter_is_one_line(small, tmp_path):
    corpus = small["corpus"].save(tmp_path / "c.parquet")
    result = CliRunner().invoke(main, ["report", str(corpus), "-o", str(tmp_path / "r.html"),
                                       "--select", "bogus:1"])
    assert result.exit_code == 2
    assert result.output.startswith("Error:") and "Traceback" not in result.output
