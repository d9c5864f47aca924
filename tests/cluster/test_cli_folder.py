"""`litmap clusters net/` on a folder from `litmap network`: labels without --corpus, as issue 5 writes it."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

from litmap import Corpus
from litmap.cli import main

TABLES = ("clusters.csv", "membership.csv", "labels.csv")


def _run(args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture()
def workspace(tmp_path, monkeypatch):
    """A corpus and the network folder built from it, both given to `litmap network` as relative paths."""
    rows = []
    for year in range(2014, 2020):
        for i in range(10):
            group = "rural" if i % 2 else "digital"
            rows.append({"uid": f"R{year}-{i}", "year": year,
                         "keywords": [f"{group} {k}" for k in "abcdef" if (i + year) % 6 != "abcdef".index(k)],
                         "title": ("Rural revitalization and land policy" if group == "rural"
                                   else "Digital twin for smart factories")})
    monkeypatch.chdir(tmp_path)
    Corpus(pd.DataFrame(rows)).save(tmp_path / "corpus.parquet")
    res = _run(["network", "corpus.parquet", "--select", "all", "-o", "net"])
    assert res.exit_code == 0, res.output
    monkeypatch.chdir(tmp_path.parent)  # the corpus is found relative to the folder, not the cwd
    return tmp_path


def test_issue_command_labels_from_the_recorded_corpus(workspace):
    net = workspace / "net"
    res = _run(["clusters", net, "--method", "leiden", "--seed", "0", "--labels", "llr"])
    assert res.exit_code == 0, res.output
    assert "Q = " in res.output and "S = " in res.output and "labels_llr" in res.output
    assert "rural revitalization" in res.output
    for name in TABLES + ("quality.json",):
        assert (net / name).is_file(), name  # written beside the network by default
    ref = workspace / "ref"
    again = _run(["clusters", workspace / "corpus.parquet", "--select", "all", "--labels", "llr", "-o", ref])
    assert again.exit_code == 0, again.output
    for name in TABLES:
        assert (net / name).read_bytes() == (ref / name).read_bytes(), name
    membership = pd.read_csv(net / "membership.csv", keep_default_na=False)
    nodes = pd.read_csv(net / "nodes.csv", keep_default_na=False)
    assert membership["label"].tolist() == nodes["label"].tolist()


def test_folder_and_corpus_moved_together(workspace, tmp_path_factory):
    moved = tmp_path_factory.mktemp("moved") / "project"
    shutil.copytree(workspace, moved)
    (workspace / "corpus.parquet").unlink()  # only the moved copy can be found
    res = _run(["clusters", moved / "net", "--labels", "llr", "-o", moved / "out"])
    assert res.exit_code == 0, res.output
    ref = _run(["clusters", moved / "corpus.parquet", "--select", "all", "--labels", "llr", "-o", moved / "ref"])
    assert ref.exit_code == 0, ref.output
    for name in TABLES:
        assert (moved / "out" / name).read_bytes() == (moved / "ref" / name).read_bytes(), name


def test_changed_corpus_is_refused_unless_given(workspace):
    net, source = workspace / "net", workspace / "corpus.parquet"
    frame = Corpus.load(source).records
    Corpus(frame.iloc[::-1].reset_index(drop=True)).save(source)  # same records, other bytes
    res = _run(["clusters", net, "--labels", "llr", "-o", workspace / "a"])
    assert res.exit_code == 2 and "changed since" in res.output and "--corpus" in res.output
    res = _run(["clusters", net, "--labels", "llr", "--corpus", source, "-o", workspace / "a"])
    assert res.exit_code == 0, res.output
    assert set(pd.read_csv(workspace / "a" / "clusters.csv")["label_llr"]) == \
        {"rural revitalization", "smart factories"}


def test_without_records_labels_are_skipped_or_refused(workspace):
    net = workspace / "net"
    (workspace / "corpus.parquet").unlink()
    res = _run(["clusters", net, "-o", workspace / "a"])
    assert res.exit_code == 0, res.output
    assert "Warning: clusters without labels" in res.output and "not found" in res.output
    clusters = pd.read_csv(workspace / "a" / "clusters.csv", keep_default_na=False)
    assert len(clusters) >= 2 and (clusters["label_llr"] == "").all()
    quiet = _run(["clusters", net, "--labels", "none", "-o", workspace / "b"])
    assert quiet.exit_code == 0 and "Warning" not in quiet.output
    res = _run(["clusters", net, "--labels", "llr"])
    assert res.exit_code == 2 and "Error: --labels needs the records" in res.output and "--corpus" in res.output


def test_incomplete_folder_names_the_missing_file(workspace):
    net = workspace / "net"
    (net / "network.npz").unlink()
    res = _run(["clusters", net])
    assert res.exit_code == 2 and "network.npz" in res.output and "Traceback" not in res.output
