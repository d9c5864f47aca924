"""The generated pages in headless Chromium, with every network request refused.

Screenshots go to ``tests/artifacts/`` (git-ignored) for a human to look at.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from litmap.report import SECTIONS
from litmap.viz.network_html import MapOptions, write_network_html

from _viz_data import HOSTILE

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip(f"{CHROMIUM} is missing: browser tests need Debian chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: browser tests need `pip install playwright`")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@dataclass
class Log:
    """What happened while a page was open."""

    errors: list = field(default_factory=list)
    refused: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    log = Log()
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.errors.append(str(e)))
    page.on("requestfailed", lambda r: log.failed.append(r.url))
    page.on("dialog", lambda d: (log.dialogs.append(d.message), d.dismiss()))

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            log.refused.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_selector(".lm-net[data-ready='1']", state="attached", timeout=15000)
    return page, log


def _clean(log: Log) -> None:
    assert log.errors == [] and log.refused == [] and log.failed == [] and log.dialogs == []


def _node_dom(page, node: int) -> tuple[float, float]:
    """Page coordinates of a point on the node that no other node covers."""
    pos = page.evaluate("""(id) => { const n = window.litmapNets[0].network;
        const c = n.getPositions([id])[id], r = n.body.nodes[id].options.size;
        for (const f of [0, 0.5, 0.8]) {
          for (let a = 0; a < 6.28; a += 0.39) {
            const p = n.canvasToDOM({x: c.x + f * r * Math.cos(a), y: c.y + f * r * Math.sin(a)});
            if (n.getNodeAt(p) === id) { return p; }
            if (f === 0) { break; } } }
        return null; }""", node)
    assert pos is not None, f"node {node} is covered by other nodes"
    box = page.locator(".lm-canvas").bounding_box()
    return box["x"] + pos["x"], box["y"] + pos["y"]


@pytest.fixture(scope="module")
def fixed_map(small, artifacts):
    return write_network_html(artifacts / "map_small.html", small["network"],
                              clusters=small["clusters"], bursts=small["bursts"],
                              corpus=small["corpus"], options=MapOptions(physics=False))


def test_map_loads_offline_and_a_click_lists_the_records(browser, small, fixed_map, artifacts):
    net = small["network"]
    page, log = _open(browser, fixed_map)
    assert page.evaluate("window.litmapNets[0].nodes.length") == len(net.nodes)
    assert page.evaluate("window.litmapNets[0].edges.length") == len(net.edges)
    assert page.locator(".lm-canvas canvas").bounding_box()["width"] > 500
    node = int(net.nodes["freq"].to_numpy().argmax())
    page.mouse.click(*_node_dom(page, node))
    page.wait_for_timeout(200)
    assert page.inner_text(".lm-records h3") == net.nodes.loc[node, "label"]
    freq = int(net.nodes.loc[node, "freq"])
    assert page.inner_text(".lm-count") == f"{freq} records"
    assert page.locator(".lm-record").count() == min(freq, 200)
    assert page.locator("a.lm-doi").count() > 0
    page.screenshot(path=str(artifacts / "map_click.png"))
    _clean(log)
    page.close()


def test_hover_shows_the_node_details(browser, small, fixed_map, artifacts):
    net = small["network"]
    page, log = _open(browser, fixed_map)
    node = int(net.nodes["betweenness"].to_numpy().argmax())
    page.mouse.move(*_node_dom(page, node))
    page.wait_for_selector(".lm-tip:not([hidden])", timeout=3000)
    tip = page.inner_text(".lm-tip")
    assert net.nodes.loc[node, "label"] in tip
    assert f"Frequency: {net.nodes.loc[node, 'freq']}" in tip
    assert f"Betweenness centrality: {net.nodes.loc[node, 'betweenness']:.3f}" in tip
    assert "Cluster #" in tip
    page.screenshot(path=str(artifacts / "map_hover.png"))
    _clean(log)
    page.close()


def test_a_click_on_a_link_lists_the_records_of_both_items(browser, small, fixed_map):
    net = small["network"]
    page, log = _open(browser, fixed_map)
    found = page.evaluate("""() => { const m = window.litmapNets[0], n = m.network;
        const box = n.body.container.getBoundingClientRect();
        for (const e of m.edges.get()) {
          const p = n.getPositions([e.from, e.to]);
          const mid = n.canvasToDOM({x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2});
          if (n.getNodeAt(mid) === undefined && n.getEdgeAt(mid) === e.id) {
            return {id: e.id, x: box.left + mid.x, y: box.top + mid.y}; } }
        return null; }""")
    assert found is not None, "no link can be clicked away from the nodes"
    page.mouse.click(found["x"], found["y"])
    page.wait_for_timeout(200)
    a, b = net.edges.loc[found["id"], ["source", "target"]]
    inc = net.incidence.tocsc()
    both = int(inc[:, a].multiply(inc[:, b]).sum())
    assert "\u2014" in page.inner_text(".lm-records h3")
    assert page.inner_text(".lm-count") == f"{both} record" + ("" if both == 1 else "s")
    _clean(log)
    page.close()


def test_search_year_filter_and_views(browser, small, fixed_map, artifacts):
    net = small["network"]
    page, log = _open(browser, fixed_map)
    label = "逆城市化"
    page.fill(".lm-search", label)
    assert page.inner_text(".lm-status") == "1 match"
    assert page.inner_text(".lm-records h3") == label
    last = int(net.nodes["first_year"].max())
    page.fill(".lm-y0", str(last))
    page.dispatch_event(".lm-y0", "change")
    shown = int((net.nodes["first_year"] >= last).sum())
    assert page.inner_text(".lm-status") == f"{shown} of {len(net.nodes)} nodes shown"
    hidden = page.evaluate("window.litmapNets[0].nodes.get({filter: n => n.hidden}).length")
    assert hidden == len(net.nodes) - shown
    page.fill(".lm-y0", str(int(net.nodes["first_year"].min())))
    page.dispatch_event(".lm-y0", "change")
    page.select_option(".lm-view", "timeline")
    page.select_option(".lm-color", "year")
    page.wait_for_timeout(300)
    pos = page.evaluate("window.litmapNets[0].network.getPositions([0])[0]")
    data = page.evaluate("JSON.parse(document.getElementById('lm-map-data').textContent)")
    assert [pos["x"], pos["y"]] == pytest.approx(data["nodes"]["pos"]["timeline"][0])
    assert "average publication year" in page.inner_text(".lm-legend")
    page.screenshot(path=str(artifacts / "map_timeline_overlay.png"))
    _clean(log)
    page.close()


def test_hostile_strings_stay_text(browser, hostile, hostile_report, artifacts):
    page, log = _open(browser, hostile_report)
    page.locator("#network").scroll_into_view_if_needed()
    labels = list(hostile["network"].nodes["label"])
    for raw in HOSTILE:
        node = labels.index(raw)
        page.mouse.move(*_node_dom(page, node))
        page.wait_for_timeout(150)
        page.mouse.click(*_node_dom(page, node))
        page.wait_for_timeout(150)
        assert page.inner_text(".lm-records h3") == raw
    assert HOSTILE[0] in page.inner_text(".lm-records")
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed, [onerror]').length") == 0
    assert page.evaluate("document.scripts.length") == 2
    hrefs = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("#") or h.startswith("https://doi.org/10.") for h in hrefs)
    assert page.title() == HOSTILE[0]
    page.screenshot(path=str(artifacts / "hostile_map.png"))
    _clean(log)
    page.close()


def test_report_sections_in_the_browser(browser, small, small_report, artifacts):
    page, log = _open(browser, small_report)
    for key, heading in SECTIONS:
        assert page.locator(f"section#{key} h2").inner_text() == heading
    for key in ("annual", "bursts", "timeline", "actors"):
        assert page.locator(f"section#{key} svg").count() >= 1
    assert page.evaluate("window.litmapNets[0].nodes.length") == len(small["network"].nodes)
    widths = page.evaluate("Array.from(document.querySelectorAll('section svg')).map(s => s.getBoundingClientRect().width)")
    assert np.min(widths) > 100
    page.screenshot(path=str(artifacts / "report_full.png"), full_page=True)
    _clean(log)
    page.close()
