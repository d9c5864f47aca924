"""Escaping helpers: text, JSON islands, DOI links, tables."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from litmap.errors import ParameterError
from litmap.viz import _html


def test_text_escapes_markup_and_quotes():
    assert _html.text('<script>"x" & \'y\'</script>') == \
        "&lt;script&gt;&quot;x&quot; &amp; &#x27;y&#x27;&lt;/script&gt;"
    assert _html.text(None) == "" and _html.text(float("nan")) == ""


def test_json_island_cannot_close_the_script_and_round_trips():
    data = {"t": "</script><script>alert(1)</script> & <!-- \u2028\u2029", "n": [1, None]}
    island = _html.json_island("d-1", data)
    inner = island[len('<script type="application/json" id="d-1">'):-len("</script>")]
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in inner
    assert island.count("</script") == 1
    assert json.loads(inner) == data


def test_json_island_rejects_bad_ids_and_nan():
    with pytest.raises(ParameterError, match="element_id"):
        _html.json_island('x" onload="alert(1)', {})
    with pytest.raises(ValueError):
        _html.json_island("ok", {"v": float("nan")})


@pytest.mark.parametrize("doi, url", [
    ("10.1000/xyz123", "https://doi.org/10.1000/xyz123"),
    ("https://doi.org/10.1016/J.X.2020.01.002", "https://doi.org/10.1016/J.X.2020.01.002"),
    ("doi: 10.1000/a(b)c", "https://doi.org/10.1000/a(b)c"),
    ("javascript:alert(1)", None),
    ("JAVASCRIPT:alert('10.1000/x')", None),
    ("10.1/too-short-prefix", None),
    ("", None), (None, None), (42, None),
])
def test_doi_url_only_builds_doi_org_links(doi, url):
    assert _html.doi_url(doi) == url


def test_doi_url_percent_encodes_markup_in_the_suffix():
    url = _html.doi_url('10.1000/x"><script>alert(1)</script>')
    assert url.startswith("https://doi.org/10.1000/x")
    assert not re.search(r'[<>"\' ]', url)


def test_table_escapes_cells_headers_and_joins_lists():
    frame = pd.DataFrame({"<b>h</b>": ["<i>x</i>", None], "v": [0.123456, float("nan")],
                          "l": [["a", "<b>"], []]})
    out = _html.table(frame, formats={"v": ".2f"}, caption="<cap>")
    assert "<i>" not in out and "<b>" not in out and "<cap>" not in out
    assert "&lt;i&gt;x&lt;/i&gt;" in out and "<td>0.12</td>" in out
    assert "<td>a; &lt;b&gt;</td>" in out and out.count("<tr>") == 3


def test_page_has_a_restrictive_content_security_policy():
    out = _html.page("<t>", "<p>x</p>", scripts=["var a = 1;"])
    assert "<title>&lt;t&gt;</title>" in out
    assert "default-src 'none'" in out and "<script>var a = 1;</script>" in out


def test_vis_assets_are_inlined_copies_without_source_map():
    js, css = _html.vis_assets()
    assert "vis-network" in js[:200] and "@version 9.1.2" in js[:400]
    assert "sourceMappingURL" not in js and "</script" not in js.lower()
    assert ".vis-tooltip" in css and "</style" not in css.lower()
