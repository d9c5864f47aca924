"""Speed and size of the interactive map on a 2 000-node, 20 000-edge network.

Targets: HTML written (layout included) <= 2 s, file <= 5 MB, page load in headless
Chromium (navigation until the map has drawn) <= 3 s. The network, its records,
clusters and bursts are seeded synthetic data built with the real result classes.
``quick=True`` times one run instead of the best of three (same size: the targets are
about this size).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

from litmap import Corpus
from litmap.burst import BurstResult
from litmap.cluster import cluster_network
from litmap.network import Network
from litmap.viz.network_html import write_network_html

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def synthetic_map(n_nodes: int = 2000, n_edges: int = 20000, n_records: int = 6000,
                  seed: int = 0) -> dict:
    """A network with ``n_nodes`` nodes and ``n_edges`` edges, its corpus, clusters, bursts."""
    rng = np.random.default_rng(seed)
    groups = rng.integers(0, 25, n_nodes)
    # edges mostly inside 25 groups, so that clusters exist
    by_group = np.argsort(groups, kind="stable")
    starts = np.searchsorted(groups[by_group], np.arange(25))
    sizes = np.bincount(groups, minlength=25)
    src = rng.integers(0, n_nodes, n_edges * 3)
    g = groups[src]
    local = by_group[starts[g] + (rng.random(src.size) * sizes[g]).astype(int)]
    dst = np.where(rng.random(src.size) < 0.8, local, rng.integers(0, n_nodes, src.size))
    pairs = np.unique(np.sort(np.column_stack([src, dst]), axis=1), axis=0)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    pairs = pairs[np.sort(rng.permutation(len(pairs))[:n_edges])]
    years = rng.integers(2005, 2025, n_records)
    per = rng.poisson(5, n_records) + 1
    rows = np.repeat(np.arange(n_records), per)
    cols = np.minimum((rng.zipf(1.3, rows.size) - 1), n_nodes - 1)
    inc = sp.csr_matrix((np.ones(rows.size), (rows, cols)), shape=(n_records, n_nodes))
    inc.data[:] = 1.0
    freq = np.asarray((inc > 0).sum(axis=0)).ravel()
    labels = [f"keyword {i}" if i % 3 else f"关键词{i}" for i in range(n_nodes)]
    first = np.full(n_nodes, 2005)
    strength = rng.uniform(0.01, 1.0, len(pairs))
    matrix = sp.coo_matrix((np.r_[strength, strength], (np.r_[pairs[:, 0], pairs[:, 1]],
                                                        np.r_[pairs[:, 1], pairs[:, 0]])),
                           shape=(n_nodes, n_nodes)).tocsr()
    slices = [str(y) for y in range(2005, 2025)]
    nodes = pd.DataFrame({"label": labels, "labels": [[x] for x in labels], "kind": "keyword",
                          "freq": freq, "first_year": first + rng.integers(0, 20, n_nodes),
                          "first_slice": "2005", "degree": np.bincount(pairs.ravel(), minlength=n_nodes),
                          "weighted_degree": np.asarray(matrix.sum(axis=1)).ravel(),
                          "betweenness": rng.beta(0.3, 8, n_nodes)})
    edges = pd.DataFrame({"source": pairs[:, 0], "target": pairs[:, 1],
                          "count": rng.integers(1, 20, len(pairs)), "strength": strength,
                          "first_year": 2010})
    uids = np.array([f"WOS:{i:08d}" for i in range(n_records)])
    net = Network(nodes=nodes, edges=edges, matrix=matrix, incidence=inc, record_uids=uids,
                  record_years=years, slice_labels=slices,
                  slice_counts=pd.DataFrame(0, index=nodes.index, columns=slices),
                  slice_selected=pd.DataFrame(True, index=nodes.index, columns=slices),
                  params={"kind": "keyword"})
    corpus = Corpus(pd.DataFrame({
        "uid": uids, "db": "wos", "title": [f"A study of topic {i} and its context" for i in range(n_records)],
        "authors": [[f"Author {i % 97}", f"Author {i % 89}", f"Author {i % 83}"] for i in range(n_records)],
        "year": years, "source": [f"Journal {i % 40}" for i in range(n_records)],
        "doi": [f"10.1000/bench.{i}" for i in range(n_records)]}))
    hot = rng.choice(n_nodes, 60, replace=False)
    bursts = BurstResult(bursts=pd.DataFrame({"item": [labels[i] for i in hot], "node": hot, "level": 1,
                                              "begin": "2015", "end": "2018",
                                              "strength": rng.uniform(2, 20, hot.size)}),
                         slices=tuple(slices), states=pd.DataFrame(), params={})
    clusters = cluster_network(net, seed=0)
    return {"network": net, "corpus": corpus, "clusters": clusters, "bursts": bursts}


def _page_load(path: Path) -> float | None:
    """Seconds from navigation until the map has drawn once, or None without Chromium."""
    if shutil.which(CHROMIUM) is None:
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
                   else r.abort())
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector(".lm-net[data-ready='1']", state="attached", timeout=60000)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        seconds = time.perf_counter() - start
        browser.close()
    return seconds


def run(quick: bool = False) -> list[dict]:
    """Time the 2 000-node map: write, size, page load.

    Parameters
    ----------
    quick : bool, optional
        One repetition instead of the best of three.

    Returns
    -------
    list of dict
        Rows with ``name, value, unit, target, ok``.
    """
    data = synthetic_map()
    net = data["network"]
    shape = f"{len(net.nodes)} nodes, {len(net.edges)} edges"
    repeats = 1 if quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.html"
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            write_network_html(path, net, clusters=data["clusters"], bursts=data["bursts"],
                               corpus=data["corpus"])
            times.append(time.perf_counter() - start)
        write_s = min(times)
        size_mb = path.stat().st_size / 1e6
        loads = [_page_load(path) for _ in range(repeats)]
    rows = [
        {"name": f"map HTML written ({shape}, layout included)", "value": round(write_s, 3),
         "unit": "s", "target": "<= 2 s", "ok": write_s <= 2.0},
        {"name": "map HTML file size", "value": round(size_mb, 2), "unit": "MB",
         "target": "<= 5 MB", "ok": size_mb <= 5.0},
    ]
    if any(v is None for v in loads):
        rows.append({"name": "map page load in headless Chromium (chromium/playwright missing)",
                     "value": None, "unit": "s", "target": "<= 3 s", "ok": None})
    else:
        load_s = min(loads)
        rows.append({"name": "map page load in headless Chromium (offline, until drawn)",
                     "value": round(load_s, 3), "unit": "s", "target": "<= 3 s",
                     "ok": load_s <= 3.0})
    return rows
