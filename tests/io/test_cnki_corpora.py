"""The CNKI, CSSCI and Wanfang readers against every real export of ../shared/corpora.

Each file's figures come from ``expected_counts.json`` (computed by an independent
parser, see MANIFEST "How the figures were computed"); nothing here is produced by
litmap itself. Files are decoded here the way the reader core does (BOM, UTF-8,
then GBK; ``\\r\\n`` and bare ``\\r`` to ``\\n``) so the parsers are tested alone;
the end-to-end tests at the bottom go through :func:`litmap.read`.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from litmap.io import cnki_endnote, cnki_estudy, cnki_excel, cnki_noteexpress, cnki_refworks
from litmap.io import cnki_selfdefined, cssci, wanfang
from litmap.io._registry import FORMATS

pytestmark = pytest.mark.corpora

# format family in expected_counts.json -> (our format name, parse function)
PARSERS = {
    "cnki_refworks": ("cnki_refworks", cnki_refworks.parse_cnki_refworks),
    "cnki_endnote": ("cnki_endnote", cnki_endnote.parse_cnki_endnote),
    "cnki_noteexpress": ("cnki_noteexpress", cnki_noteexpress.parse_cnki_noteexpress),
    "cnki_estudy": ("cnki_estudy", cnki_estudy.parse_cnki_estudy),
    "cnki_selfdefined_txt": ("cnki_selfdefined", cnki_selfdefined.parse_cnki_selfdefined),
    "cnki_selfdefined_csv": ("cnki_selfdefined_csv", cnki_excel.parse_cnki_selfdefined_csv),
    "cssci": ("cssci", cssci.parse_cssci),
    "wanfang_noteexpress": ("wanfang_noteexpress", wanfang.parse_wanfang_noteexpress),
}
_COUNTED = ("records", "year_min", "year_max", "n_without_any_year", "n_with_keywords",
            "n_with_abstract", "n_with_cited_refs", "n_cited_ref_items", "n_with_authors",
            "n_with_affiliations", "n_with_source", "n_with_doi", "n_with_funding",
            "n_distinct_keywords", "n_distinct_keywords_casefold")
_KINGWINGFLY = ("kingwingfly_digitaltwin_CNKI-20221128005716508.txt",
                "kingwingfly_digitaltwin_CNKI-20221128005940461.txt",
                "kingwingfly_digitaltwin_CNKI-20221128010103571.txt")


def _our_files() -> list[str]:
    path = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "expected_counts.json"
    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return sorted(k for k, v in data.items() if isinstance(v, dict) and v.get("format") in PARSERS)


def _decode(path: Path) -> str:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gbk"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _figures(records: list[dict]) -> dict:
    keywords = [k for r in records for k in r.get("keywords", [])]
    years = [r["year"] for r in records if r.get("year") is not None]
    has = lambda key: sum(bool(r.get(key)) for r in records)  # noqa: E731
    return {
        "records": len(records), "year_min": min(years, default=None), "year_max": max(years, default=None),
        "n_without_any_year": sum(r.get("year") is None for r in records),
        "n_with_keywords": has("keywords"), "n_with_abstract": has("abstract"),
        "n_with_cited_refs": has("cited_refs_raw"),
        "n_cited_ref_items": sum(len(r.get("cited_refs_raw", [])) for r in records),
        "n_with_authors": has("authors"), "n_with_affiliations": has("affiliations"),
        "n_with_source": has("source"), "n_with_doi": has("doi"), "n_with_funding": has("funding"),
        "n_distinct_keywords": len(set(keywords)),
        "n_distinct_keywords_casefold": len({k.casefold() for k in keywords}),
    }


@pytest.mark.parametrize("rel", _our_files())
def test_parser_matches_expected_counts(rel: str, corpora_dir: Path, expected_counts: dict) -> None:
    expected = expected_counts[rel]
    _, parse = PARSERS[expected["format"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the 2989 warning is tested below
        result = parse(_decode(corpora_dir / rel), rel)
    assert result.problems == []
    got = _figures(result.records)
    want = {k: expected[k] for k in _COUNTED if k in expected}
    assert {k: got[k] for k in want} == want
    assert all(r["title"] for r in result.records)
    lines = [r["line"] for r in result.records]
    assert lines == sorted(lines) and lines[0] >= 1


@pytest.mark.parametrize("rel", _our_files())
def test_sniffers_pick_exactly_our_format(rel: str, corpora_dir: Path, expected_counts: dict) -> None:
    name, _ = PARSERS[expected_counts[rel]["format"]]
    head = _decode(corpora_dir / rel)[:65536]
    text_formats = [f for f in FORMATS.values() if not f.binary]
    accepted = {f.name for f in text_formats if f.sniff(head, str(corpora_dir / rel))}
    ours = {n for n, _ in PARSERS.values()}
    assert name in accepted
    assert accepted & ours == {name}


def test_lots_of_english_year_2989_is_kept_and_flagged(corpora_dir: Path) -> None:
    rel = "cnki_noteexpress/cnki2bibtex_LotsOfEnglish.net"
    text = _decode(corpora_dir / rel)
    with pytest.warns(UserWarning, match=r"LotsOfEnglish\.net, line \d+: implausible publication year 2989"):
        result = cnki_noteexpress.parse_cnki_noteexpress(text, rel)
    (odd,) = [r for r in result.records if r["year"] == 2989]
    assert odd["title"] == "Self-made testing"
    assert text.split("\n")[odd["line"] - 1].startswith("{Reference Type}")


def test_refworks_keywords_take_the_first_k1_line_only(corpora_dir: Path) -> None:
    rel = "cnki_refworks/angelliang_refworks_2020_k12.txt"
    result = cnki_refworks.parse_cnki_refworks(_decode(corpora_dir / rel), rel)
    thesis = result.records[2]
    assert thesis["doc_type"] == "Dissertation/Thesis"
    assert "online education" not in thesis["keywords"]
    assert thesis["keywords_raw"].split("\n")[1].startswith("K12;online education")


def test_cssci_fields_of_the_first_record(corpora_dir: Path) -> None:
    rel = "other_cssci/histcite_cssci_LY_20230630_smartlibrary.txt"
    first = cssci.parse_cssci(_decode(corpora_dir / rel), rel).records[0]
    assert first["line"] == 6
    assert (first["year"], first["volume"], first["issue"], first["pages"]) == (2022, "42", "1", "69-79")
    assert first["authors"] == ["谭春辉", "周一夫"]
    assert first["affiliations"] == ["[谭春辉]华中师范大学.信息管理学院", "[周一夫]华中师范大学.信息管理学院"]
    assert len(first["cited_refs_raw"]) == 29
    assert first["cited_refs_raw"][1] == "2.严栋.基于物联网的智慧图书馆.图书馆学刊.2010.32(7)"


def test_cssci_crawler_references_broken_over_lines_are_joined(corpora_dir: Path) -> None:
    rel = "other_cssci/luciancnki_crawler_cssci_format_excellent_teachers.txt"
    records = cssci.parse_cssci(_decode(corpora_dir / rel), rel).records
    refs = [x for r in records for x in r["cited_refs_raw"]]
    joined = [x for x in refs if x.startswith("7.常为")]
    assert joined == ["7.常为,杜朝晖,刘仁辉.论教育政策制定者个人因素对政策制定的影.教育探索.2002"]
    assert not any(x.startswith(",") for x in refs)


def _read_or_skip():
    import litmap

    try:
        return litmap.read
    except AttributeError:  # pragma: no cover - until the reader core lands
        pytest.skip("litmap.read is not available yet")


def test_read_three_kingwingfly_files_reads_1067_records(corpora_dir: Path) -> None:
    read = _read_or_skip()
    corpus = read([corpora_dir / "cnki_selfdefined" / n for n in _KINGWINGFLY])
    files = corpus.report.files
    assert int(files["read"].sum()) == 1067
    assert set(files["format"]) == {"cnki_selfdefined"}
    assert (files["read"] == files["kept"] + files["duplicates"] + files["rejected"]).all()
    assert set(corpus.records["db"]) == {"cnki"}


def test_read_detects_every_chinese_export(corpora_dir: Path, expected_counts: dict) -> None:
    read = _read_or_skip()
    rels = _our_files()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        corpus = read([corpora_dir / rel for rel in rels])
    files = corpus.report.files.set_index("path")
    for rel in rels:
        row = files.loc[str(corpora_dir / rel)]
        assert row["format"] == PARSERS[expected_counts[rel]["format"]][0]
        assert row["read"] == expected_counts[rel]["records"]
        assert row["rejected"] == 0
    dbs = dict(zip(corpus.records["format"], corpus.records["db"]))
    assert dbs["cssci"] == "cssci" and dbs["wanfang_noteexpress"] == "wanfang"
    assert dbs["cnki_refworks"] == "cnki"
