"""The one-file HTML report and its CSV tables."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from litmap.cli import main
from litmap.corpus import Corpus, ImportReport
from litmap.errors import ParameterError
from litmap.report import SECTIONS, report_tables, write_report

from _viz_data import HOSTILE, make_corpus, make_results


@pytest.fixture(scope="module")
def report(small_report):
    return small_report


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
        csv = pd.read_csv(report.with_name(f"{report.stem}_{name}.csv"))
        assert len(csv) == len(frame) and list(csv.columns) == list(frame.columns)
    top = tables["top_items"]
    nodes = small["network"].nodes
    best = nodes.sort_values(["freq", "label"], ascending=[False, True]).iloc[0]
    assert top.loc[0, "item"] == best["label"] and top.loc[0, "frequency"] == best["freq"]
    strongest = small["bursts"].to_frame().groupby("item")["strength"].max()
    bursting = top.dropna(subset=["burst"])
    assert len(bursting) and all(abs(r.burst - strongest[r.item]) < 1e-4
                                 for r in bursting.itertuples())
    params = json.loads(report.with_name(f"{report.stem}_params.json").read_text(encoding="utf-8"))
    assert params["network"]["kind"] == "keyword" and params["run"] == {"note": "<b>run</b>"}


def test_report_is_deterministic(report, small, tmp_path):
    again = write_report(tmp_path / report.name, small["corpus"], network=small["network"],
                         clusters=small["clusters"], bursts=small["bursts"],
                         params={"note": "<b>run</b>"}, warnings=["<i>w</i>"])
    assert again.read_bytes() == report.read_bytes()


def test_hostile_report_keeps_everything_as_text(hostile_report):
    page = hostile_report.read_text(encoding="utf-8")
    for raw in HOSTILE[:2]:
        assert raw not in page
    assert "<img" not in page and 'href="javascript' not in page.lower()


def test_report_without_network_still_has_every_section(tmp_path):
    path = write_report(tmp_path / "r.html", make_corpus(30))
    page = path.read_text(encoding="utf-8")
    for key, _ in SECTIONS:
        assert f'<section id="{key}">' in page
    assert "<script" not in page and "no network given" in page


def test_rejects_and_duplicates_are_listed(tmp_path):
    corpus = make_corpus(20)
    report = ImportReport(
        files=pd.DataFrame([{"path": "a.txt", "format": "wos", "encoding": "utf-8", "read": 23,
                             "kept": 20, "duplicates": 1, "rejected": 2}]),
        rejected=pd.DataFrame([{"path": "a.txt", "line": 7, "reason": "no <b>title</b>"},
                               {"path": "a.txt", "line": 9, "reason": "bad year"}]),
        duplicates=pd.DataFrame([{"path": "a.txt", "line": 12, "uid": "WOS:1", "kept_uid": "WOS:2",
                                  "rule": "doi"}]))
    path = write_report(tmp_path / "r.html", Corpus(corpus.records, report))
    page = path.read_text(encoding="utf-8")
    assert "<summary>2 rejected records</summary>" in page and "no &lt;b&gt;title&lt;/b&gt;" in page
    assert "<summary>1 duplicates removed</summary>" in page
    assert "read 23</span><span>duplicates removed 1</span><span>rejected 2" in page
    assert pd.read_csv(path.with_name("r_rejected.csv"))["line"].tolist() == [7, 9]
    assert pd.read_csv(path.with_name("r_duplicates.csv"))["kept_uid"].tolist() == ["WOS:2"]


def test_report_checks_top_n(small, tmp_path):
    with pytest.raises(ParameterError, match="top_n"):
        write_report(tmp_path / "r.html", small["corpus"], top_n=0)


def test_cli_report(small, tmp_path):
    corpus = small["corpus"].save(tmp_path / "c.parquet")
    out = tmp_path / "out" / "report.html"
    views = tmp_path / "views"
    result = CliRunner().invoke(main, ["report", str(corpus), "-o", str(out), "--min-size", "2",
                                       "--label-source", "keywords", "--views", str(views)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and "report:" in result.output
    assert out.with_name("report_clusters.csv").is_file()
    stems = {"map_network", "map_timeline", "map_timezone", "bursts", "annual", "top_keywords",
             "top_authors", "top_institutions", "top_countries", "top_journals"}
    expected = {f"{v}.html" for v in ("network", "timeline", "timezone")}
    expected |= {f"{s}.{ext}" for s in stems for ext in ("svg", "png")}
    assert {p.name for p in views.iterdir()} == expected
    assert f"views: {len(expected)} files" in result.output
    assert '"view":"timezone"' in (views / "timezone.html").read_text(encoding="utf-8")


def test_cli_report_bad_parameter_is_one_line(small, tmp_path):
    corpus = small["corpus"].save(tmp_path / "c.parquet")
    result = CliRunner().invoke(main, ["report", str(corpus), "-o", str(tmp_path / "r.html"),
                                       "--select", "bogus:1"])
    assert result.exit_code == 2
    assert result.output.startswith("Error:") and "Traceback" not in result.output


@pytest.mark.corpora
@pytest.mark.slow
def test_report_of_real_cnki_and_wos_exports(corpora_dir, tmp_path):
    from litmap.io import read

    cnki = read(corpora_dir / "cnki_refworks" / "chrisyan_xr_refworks_2024.txt")
    wos = read(corpora_dir / "wos_plaintext" / "tethne_wos2_100.txt")
    corpus = Corpus.concat([cnki, wos])
    with pytest.warns(UserWarning, match="without a publication year"):
        results = make_results(corpus, select="g-index:25")
    path = write_report(tmp_path / "real.html", corpus, network=results["network"],
                        clusters=results["clusters"], bursts=results["bursts"])
    annual = pd.read_csv(path.with_name("real_annual.csv"))
    assert {"cnki", "wos"} <= set(annual.columns)
    assert annual["total"].sum() == pd.to_numeric(corpus.records["year"], errors="coerce").notna().sum()
    top = pd.read_csv(path.with_name("real_top_items.csv"))
    assert any("\u4e00" <= ch <= "\u9fff" for ch in "".join(top["item"]))  # CJK keywords
    page = path.read_text(encoding="utf-8")
    assert all(f'<section id="{key}">' in page for key, _ in SECTIONS)


def test_figures_already_drawn_are_inlined_not_redrawn(report, small, tmp_path):
    from litmap.viz.bursts import burst_figure
    from litmap.viz.figures import annual_output_figure, figure_svg

    drawn = {"annual": figure_svg(annual_output_figure(small["corpus"])),
             "bursts": figure_svg(burst_figure(small["bursts"], top=25))}
    kw = dict(network=small["network"], clusters=small["clusters"], bursts=small["bursts"],
              params={"note": "<b>run</b>"}, warnings=["<i>w</i>"])
    again = write_report(tmp_path / report.name, small["corpus"], svgs=drawn, **kw)
    assert again.read_bytes() == report.read_bytes()
    marked = write_report(tmp_path / "marked.html", small["corpus"], **kw,
                          svgs={"annual": '<svg id="a-drawn"></svg>', "bursts": '<svg id="b-drawn"></svg>'})
    page = marked.read_text(encoding="utf-8")
    assert '<svg id="a-drawn"></svg>' in page and '<svg id="b-drawn"></svg>' in page
    with pytest.raises(ParameterError, match="svgs"):
        write_report(tmp_path / "bad.html", small["corpus"], svgs={"timeline": "<svg></svg>"})


def test_charts_drawn_beside_the_process_give_the_same_report(small, tmp_path, monkeypatch):
    import litmap._background as bg

    monkeypatch.setattr(bg, "can_fork", lambda idle=True: True)
    kw = dict(network=small["network"], clusters=small["clusters"], bursts=small["bursts"])
    here = write_report(tmp_path / "here" / "report.html", small["corpus"], **kw)
    runner = bg.Background()
    beside = write_report(tmp_path / "beside" / "report.html", small["corpus"], background=runner, **kw)
    runner.wait()
    assert beside.read_bytes() == here.read_bytes()
