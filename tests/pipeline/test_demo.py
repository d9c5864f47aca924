"""``litmap demo``: the bundled corpus, or a regenerated one when ``corpora/`` is absent."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import litmap.pipeline as pipeline
from litmap.cli import main


def test_demo_inputs_come_from_corpora():
    exports, alias = pipeline.demo_inputs()
    names = sorted(Path(p).name for p in exports)
    assert names == ["cnki_refworks_1-150.txt", "cnki_refworks_151-300.txt", "download_wos_1-300.txt"]
    assert alias.endswith("counterurbanization.alias") and Path(alias).is_file()


def test_demo_inputs_are_regenerated_without_corpora(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(pipeline, "_REPO", tmp_path / "site-packages")
    monkeypatch.setattr(pipeline.tempfile, "tempdir", str(tmp_path))
    exports, alias = pipeline.demo_inputs()
    assert alias == ""
    assert sorted(Path(p).name for p in exports) == ["cnki_refworks_1-150.txt", "cnki_refworks_151-300.txt",
                                                      "download_wos_1-300.txt"]
    repo = Path(__file__).resolve().parents[2] / "corpora" / "demo"
    for p in exports:  # seeded generator: the same bytes as the bundled corpus
        assert Path(p).read_bytes() == (repo / Path(p).name).read_bytes()


@pytest.mark.slow
def test_demo_command_writes_a_bilingual_report(tmp_path: Path):
    out = tmp_path / "demo-out"
    result = CliRunner().invoke(main, ["demo", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Report: {out / 'report.html'}" in result.output
    html = (out / "report.html").read_text(encoding="utf-8")
    for key in ("analysis-keyword", "analysis-author", "analysis-reference"):
        assert f'id="{key}"' in html
    nodes = pd.read_csv(out / "keyword" / "nodes.csv")
    merged = nodes[nodes["labels"].fillna("").str.contains("逆城市化")]
    assert len(merged) == 1 and "counterurbanization" in merged["labels"].iloc[0].lower()
    assert "alias table" not in html  # no "mixed without an alias" warning: the table was used
