"""Writers: every format reads back, and the same input gives the same bytes."""

from __future__ import annotations

import json

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from litmap import Corpus
from litmap.cli import main
from litmap.network import STRENGTHS, build_network, write_network
from litmap.network.export import FORMATS


@pytest.fixture()
def corpus():
    docs = [["GIS", "Remote sensing", "城市"], ["GIS", "Deep learning"], ["Remote sensing", "Deep learning"],
            ["GIS", 'say "hi" & <b>']]
    return Corpus(pd.DataFrame({"uid": list("abcd"), "year": [2018, 2018, 2019, 2020], "keywords": docs}))


def test_all_formats_read_back(corpus, tmp_path):
    net = build_network(corpus, select=None)
    files = write_network(net, tmp_path, clusters=pd.Series(0, index=net.nodes.index))
    names = sorted(p.name for p in files)
    assert names == sorted(["nodes.csv", "edges.csv", "network.npz", "params.json", "network.graphml",
                            "network.gexf", "network.net", "network_vos_map.txt", "network_vos_network.txt",
                            "network_vos.json"])
    nodes = pd.read_csv(tmp_path / "nodes.csv")
    assert nodes["label"].tolist() == net.nodes["label"].tolist()
    assert [c for c in nodes.columns if c.startswith("n_")] == ["n_2018", "n_2019", "n_2020"]
    edges = pd.read_csv(tmp_path / "edges.csv")
    assert edges["strength"].tolist() == pytest.approx(net.edges["strength"].tolist())
    for g in (nx.read_graphml(tmp_path / "network.graphml"), nx.read_gexf(tmp_path / "network.gexf")):
        assert g.number_of_nodes() == net.n_nodes and g.number_of_edges() == net.n_edges
        assert {d["label"] for _, d in g.nodes(data=True)} == set(net.nodes["label"])
    pajek = nx.read_pajek(tmp_path / "network.net")
    assert pajek.number_of_nodes() == net.n_nodes and pajek.number_of_edges() == net.n_edges
    vos_map = pd.read_csv(tmp_path / "network_vos_map.txt", sep="\t")
    assert vos_map["id"].tolist() == list(range(1, net.n_nodes + 1)) and (vos_map["cluster"] == 1).all()
    gis = vos_map.set_index("label").loc["GIS"]
    assert gis["score<Avg. pub. year>"] == pytest.approx((2018 + 2018 + 2020) / 3, abs=1e-4)
    vos_net = pd.read_csv(tmp_path / "network_vos_network.txt", sep="\t", header=None)
    assert len(vos_net) == net.n_edges and vos_net[[0, 1]].min().min() == 1
    doc = json.loads((tmp_path / "network_vos.json").read_text(encoding="utf-8"))
    assert len(doc["network"]["items"]) == net.n_nodes and len(doc["network"]["links"]) == net.n_edges
    assert doc["network"]["items"][0]["weights"]["Occurrences"] == int(net.nodes["freq"].iloc[0])


def test_same_input_same_bytes(corpus, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write_network(build_network(corpus, select=None, prune="pathfinder"), a)
    write_network(build_network(corpus, select=None, prune="pathfinder"), b)
    for f in sorted(a.iterdir()):
        assert f.read_bytes() == (b / f.name).read_bytes(), f.name


def test_unknown_format(corpus, tmp_path):
    from litmap import ParameterError

    with pytest.raises(ParameterError, match="formats"):
        write_network(build_network(corpus), tmp_path, formats=("svg",))


def test_cli_network(corpus, tmp_path):
    path = corpus.save(tmp_path / "c.parquet")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["network", str(path), "--type", "keyword", "--slice", "1", "--select",
                                    "g-index:25", "--strength", "cosine", "--prune", "pathfinder", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "keyword network: 5 nodes" in res.output and "components" in res.output
    assert (out / "nodes.csv").is_file() and (out / "network_vos.json").is_file()
    res = CliRunner().invoke(main, ["network", str(path), "--select", "top:0", "-o", str(out)])
    assert res.exit_code == 2 and "Error: select:" in res.output
    res = CliRunner().invoke(main, ["network", str(path), "--type", "reference", "-o", str(out)])
    assert res.exit_code == 2 and "needs cited references" in res.output
    res = CliRunner().invoke(main, ["network", str(path), "--years", "20-30", "-o", str(out)])
    assert res.exit_code == 2 and "--years" in res.output


def test_cli_choices_match_library():
    from litmap.cli import _network
    from litmap.network import KINDS

    assert _network._KINDS == KINDS
    assert _network._STRENGTHS == STRENGTHS
    assert _network._FORMATS == FORMATS


@pytest.mark.slow
def test_same_bytes_across_processes_and_hash_seeds(corpus, tmp_path, data_dir):
    """Set iteration order changes with PYTHONHASHSEED; the files must not."""
    import os
    import subprocess
    import sys

    frame = corpus.records.copy()
    frame["title"] = ["Remote sensing of rural tourism", "乡村振兴背景下的逆城市化", "Deep learning maps", None]
    path = Corpus(frame).save(tmp_path / "c.parquet")
    alias = data_dir / "alias_citespace_hash.alias"
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        cmd = [sys.executable, "-c", "from litmap.cli import main; main()", "network", str(path), "--type", "term",
               "--select", "all", "--prune", "pathfinder", "--alias", str(alias), "-o", str(out)]
        res = subprocess.run(cmd, env=dict(os.environ, PYTHONHASHSEED=seed), capture_output=True, text=True,
                             timeout=120)
        assert res.returncode == 0, res.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0].keys() == outputs[1].keys() and len(outputs[0]) == 10
    for name, data in outputs[0].items():
        assert data == outputs[1][name], name


@pytest.mark.parametrize("formats", [FORMATS, ("csv",), ("vosviewer", "gexf")])
def test_exchange_paths_name_the_exchange_files(corpus, tmp_path, formats):
    from litmap.network.export import exchange_paths, write_exchange

    net = build_network(corpus, select=None)
    written = write_exchange(net, tmp_path, formats=formats, stem="kw")
    assert written == exchange_paths(tmp_path, formats=formats, stem="kw")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
