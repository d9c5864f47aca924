"""End-to-end runs on a small generated CNKI + WoS corpus: determinism, manifest, sections."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from litmap.cli import main
from litmap.synth import write_cnki_refworks, write_wos

ANALYSES = "keyword,country,reference"
FAST_LABELS = ["--set", 'cluster.label_source=["keywords"]']
_ALIAS = "counterurbanization\t逆城市化\nrural revitalization\t乡村振兴\nurban-rural integration\t城乡融合\n"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("inputs")
    wos = write_wos(folder / "wos_60.txt", 60, seed=3, refs=10, abstract_words=20)
    cnki = write_cnki_refworks(folder / "cnki_40.txt", 40, seed=3, abstract_chars=40)
    alias = folder / "bilingual.alias"
    alias.write_text(_ALIAS, encoding="utf-8")
    return {"wos": wos, "cnki": cnki, "alias": alias, "folder": folder}


def _run(args: list[str]):
    result = CliRunner().invoke(main, args)
    return result


@pytest.fixture(scope="module")
def two_runs(inputs, tmp_path_factory) -> tuple[Path, Path, str]:
    """The same study run twice into two folders: in this process, and in a fresh
    process with another hash seed over a previous output (replaced as a whole)."""
    base = tmp_path_factory.mktemp("runs")
    args = ["run", str(inputs["wos"]), str(inputs["cnki"]), "--analyses", ANALYSES,
            "--alias", str(inputs["alias"]), "--seed", "0"]
    result = _run([*args, "-o", str(base / "a")])
    assert result.exit_code == 0, result.output
    b = base / "b"
    b.mkdir()
    (b / "manifest.json").write_text("{}")
    (b / "stale.csv").write_text("old")
    child = subprocess.run([sys.executable, "-c", "import sys; from litmap.cli import main; sys.exit(main())",
                            *args, "-o", str(b)], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": "4321"}, timeout=300)
    assert child.returncode == 0, child.stderr
    return base / "a", b, result.output


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_runs_are_byte_identical(two_runs):
    a, b, _ = two_runs
    fa, fb = _files(a), _files(b)
    assert sorted(fa) == sorted(fb)
    assert "stale.csv" not in fb
    different = [name for name in fa if fa[name] != fb[name]]
    assert different == ["timings.json"]
    assert len(fa) > 40  # report, manifest, import tables and every analysis' files


def test_cli_prints_progress_and_report_path(two_runs):
    a, b, output = two_runs
    assert f"Report: {a / 'report.html'}" in output
    for stage in ("read", "keyword: network", "keyword: clusters", "reference: bursts", "report"):
        assert stage in output


def test_manifest_hashes_counts_and_parameters(two_runs, inputs):
    a, _, _ = two_runs
    manifest = json.loads((a / "manifest.json").read_text(encoding="utf-8"))
    hashed = {Path(i["path"]).name: i["sha256"] for i in manifest["inputs"]}
    for key in ("wos", "cnki", "alias"):
        assert hashed[inputs[key].name] == hashlib.sha256(inputs[key].read_bytes()).hexdigest()
    for rel, digest in manifest["outputs"].items():
        assert hashlib.sha256((a / rel).read_bytes()).hexdigest() == digest
    assert set(manifest["outputs"]) == set(_files(a)) - {"manifest.json", "timings.json"}
    files = pd.read_csv(a / "import" / "files.csv")
    counts = manifest["records"]
    for key in ("read", "kept", "duplicates", "rejected"):
        assert counts[key] == int(files[key].sum())
    assert counts["read"] == 100 and counts["kept"] + counts["duplicates"] + counts["rejected"] == 100
    assert f"{counts['kept']} records" in (a / "report.html").read_text(encoding="utf-8")
    params = manifest["parameters"]
    assert params["network"]["analyses"] == ANALYSES.split(",")
    assert params["network"]["select"] == "g-index:25" and params["cluster"]["seed"] == 0
    assert "dir" not in params["output"]
    assert manifest["seeds"] == {"cluster": 0}
    assert manifest["versions"]["litmap"] and manifest["versions"]["leidenalg"]
    for kind in ANALYSES.split(","):
        assert manifest["analyses"][kind]["nodes"] > 0


def test_timings_per_stage(two_runs):
    a, _, _ = two_runs
    timings = json.loads((a / "timings.json").read_text(encoding="utf-8"))
    names = [s["name"] for s in timings["stages"]]
    assert names[0] == "read" and names[-2:] == ["report", "manifest"]
    assert "country: labels" in names
    assert all(s["seconds"] >= 0 and s["peak_rss_mb"] > 0 for s in timings["stages"])
    assert timings["total_seconds"] >= sum(s["seconds"] for s in timings["stages"]) * 0.99


def test_every_analysis_is_a_section_of_the_report(two_runs):
    a, _, _ = two_runs
    html = (a / "report.html").read_text(encoding="utf-8")
    for key in ("analysis-keyword", "analysis-country", "analysis-reference"):
        assert f'id="{key}"' in html
        assert f'id="lm-map-{key.split("-")[1]}"' in html
    for kind in ANALYSES.split(","):
        for name in ("nodes.csv", "edges.csv", "clusters.csv", "bursts.csv", "network.graphml",
                     "top_items.csv"):
            assert (a / kind / name).is_file()
    assert (a / "figures" / "annual_output.svg").is_file() and (a / "figures" / "annual_output.png").is_file()


def test_bilingual_alias_merges_chinese_and_english_keywords(two_runs):
    a, _, _ = two_runs
    nodes = pd.read_csv(a / "keyword" / "nodes.csv")
    merged = nodes[nodes["labels"].fillna("").str.contains("逆城市化")]
    assert len(merged) == 1
    assert "counterurbanization" in merged["labels"].iloc[0].lower()
    assert not (nodes["label"] == "逆城市化").any()


def test_cnki_only_multi_run_skips_cocitation_with_a_warning(inputs, tmp_path):
    out = tmp_path / "out"
    result = _run(["run", str(inputs["cnki"]), "-o", str(out), "--analyses", "keyword,reference",
                   *FAST_LABELS])
    assert result.exit_code == 0, result.output
    assert "reference: the records hold no cited references" in result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["analyses"]["reference"] == {"skipped": True}
    assert any("no cited references" in w for w in manifest["warnings"])
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "no cited references" in html          # warnings reach the report
    assert not (out / "reference").exists()


def test_cnki_only_cocitation_alone_is_an_error(inputs, tmp_path):
    out = tmp_path / "out"
    result = _run(["run", str(inputs["cnki"]), "-o", str(out), "--analyses", "reference"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].startswith("Error: reference: the records hold no cited")
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_run_from_a_config_file(inputs, tmp_path):
    cfg = inputs["folder"] / "study.toml"
    cfg.write_text('[input]\npaths = ["cnki_40.txt"]\n[output]\ndir = "cfg-out"\ntitle = "My study"\n'
                   '[network]\nslice_years = 2\n', encoding="utf-8")
    result = _run(["run", "--config", str(cfg), "-o", str(tmp_path / "o"), "-q", *FAST_LABELS])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Report: {tmp_path / 'o' / 'report.html'}"  # quiet: only the answer
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["network"]["slice_years"] == 2
    assert manifest["parameters"]["output"]["title"] == "My study"
    assert "My study" in (tmp_path / "o" / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("failing", [False, True])
def test_run_leaves_garbage_collection_as_it_found_it(inputs, tmp_path, failing):
    import gc

    out = tmp_path / "out"
    args = ["run", str(inputs["cnki"]), "-o", str(out), "-q", *FAST_LABELS,
            "--analyses", "reference" if failing else "keyword"]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    result = _run(args)
    assert result.exit_code == (2 if failing else 0), result.output
    assert gc.isenabled() and gc.get_freeze_count() == 0  # the corpus was frozen only during the run
