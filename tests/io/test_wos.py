"""WoS plain text, tab-delimited and CiteSpace-converted CNKI: one quirk per test."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import litmap
from litmap.errors import ParseError
from litmap.io.wos import parse_cnki_citespace, parse_wos, parse_wos_tab, sniff_cnki_citespace, sniff_wos

PLAIN = """FN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Marghetis, T
   Nunez, R
AF Marghetis, Tyler
   Nunez, Rafael
TI The Motion Behind the Symbols: A Vital Role for Dynamism in the
   Conceptualization of Limits
SO TOPICS IN COGNITIVE SCIENCE
LA English
DT Article
DE Mathematical practice; Metaphor; Fictive motion; Gesture;
   Calculus; metaphor
ID REPRESENTATIONS; GESTURE
AB The canonical history &amp; more.
C1 [Marghetis, Tyler] Univ Calif San Diego, Dept Cognit Sci, La Jolla, CA 92093 USA.
   Univ Utrecht, Dept Math, NL-3508 Utrecht, Netherlands.
CR Abburu S., 2015, INT J COMPUT APPL, V119, P20, DOI [10.5120/21088-3779, DOI 10.5120/21088-3779]
   [Anonymous], 2008, J ADVERTISING, DOI DOI 10.2753/JOA0091-3367370108
   Lakoff G, 2000, WHERE MATH COMES
NR 3
TC 7
Z9 8
PY 2013
VL 5
IS 2
BP 299
EP 316
DI 10.1111/tops.12013
UT WOS:000317214400005
ER

EF
"""


def _read(tmp_path: Path, text: str, name: str = "savedrecs.txt", **kw) -> litmap.Corpus:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return litmap.read(path, **kw)


def test_fields_are_mapped() -> None:
    rec = parse_wos(PLAIN, "f").records[0]
    assert rec["title"] == ("The Motion Behind the Symbols: A Vital Role for Dynamism in the "
                            "Conceptualization of Limits")
    assert rec["authors"] == ["Marghetis, T", "Nunez, R"]
    assert rec["year"] == 2013 and rec["pages"] == "299-316" and rec["times_cited"] == 7
    assert rec["native_id"] == "WOS:000317214400005" and rec["line"] == 3
    assert len(rec["cited_refs_raw"]) == 3 and len(rec["affiliations"]) == 2


def test_read_normalises_keywords_doi_refs_and_affiliations(tmp_path: Path) -> None:
    row = _read(tmp_path, PLAIN).records.iloc[0]
    assert row["keywords"] == ["Mathematical practice", "Metaphor", "Fictive motion", "Gesture",
                               "Calculus", "metaphor"]
    assert row["keywords_plus"] == ["REPRESENTATIONS", "GESTURE"]
    assert row["abstract"] == "The canonical history & more."
    assert row["doi"] == "10.1111/tops.12013" and row["uid"] == "WOS:000317214400005"
    assert row["countries"] == ["USA", "Netherlands"]
    assert row["institutions"] == ["Univ Calif San Diego", "Univ Utrecht"]
    assert row["cited_refs"][0] == "abburu s|2015|int j comput appl|119|20|10.5120/21088-3779"
    assert row["cited_refs"][1].endswith("|10.2753/joa0091-3367370108")
    assert row["db"] == "wos" and row["format"] == "wos_plaintext"


@pytest.mark.parametrize("variant", ["bom_crlf", "no_header_no_ef", "ef_without_newline", "bare_cr"])
def test_layout_variants_give_the_same_record(tmp_path: Path, variant: str) -> None:
    text = PLAIN
    if variant == "bom_crlf":
        data = codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8")
    elif variant == "no_header_no_ef":
        data = text.split("\n", 2)[2].replace("\nEF\n", "\n").encode("utf-8")
    elif variant == "ef_without_newline":
        data = text.rstrip("\n").encode("utf-8")
    else:
        data = text.replace("\n", "\r").encode("utf-8")
    (tmp_path / "x.txt").write_bytes(data)
    got = litmap.read(tmp_path / "x.txt").records.iloc[0]
    want = _read(tmp_path, PLAIN, "ref.txt").records.iloc[0]
    for col in ("title", "authors", "keywords", "cited_refs", "year", "doi", "affiliations"):
        assert got[col] == want[col], col


def test_repeated_tags_and_untagged_continuations() -> None:
    text = ("PT J\nTI A\nCT Meeting one\nCY 2001\nCT Meeting two\nCR  张道一, 2018, 东南大学出版社 \n"
            " 李心峰, 2020(02), 艺术百家\nbroken title part\nPY 2020\nER\n")
    rec = parse_wos(text, "f").records[0]
    assert rec["cited_refs_raw"] == ["张道一, 2018, 东南大学出版社", "李心峰, 2020(02), 艺术百家 broken title part"]


def test_missing_er_and_truncated_record_are_problems_with_lines() -> None:
    text = "FN x\nVR 1.0\nPT J\nTI a\nER\n\nPT J\nTI b\nPT J\nTI c\nER\nPT J\nTI d\n"
    result = parse_wos(text, "f")
    assert [r["title"] for r in result.records] == ["a", "c"]
    assert [(p.line, p.reason.split(":")[0]) for p in result.problems] == [
        (7, "record has no ER before the next PT"), (12, "truncated record")]


def test_text_outside_records_is_a_problem() -> None:
    result = parse_wos("FN x\nVR 1.0\nPT J\nTI a\nER\ngarbage here\nEF\n", "f")
    assert len(result.records) == 1
    assert [(p.line, p.text) for p in result.problems] == [(6, "garbage here")]


def test_bad_records_follow_the_policy(tmp_path: Path) -> None:
    text = PLAIN.replace("ER\n\nEF", "ER\nPT J\nTI cut off")
    with pytest.raises(ParseError, match=r"line 33: truncated record"):
        _read(tmp_path, text)
    with pytest.warns(UserWarning, match="1 bad record rejected; first at line 33"):
        c = _read(tmp_path, text, on_bad_record="warn")
    assert len(c) == 1
    c = _read(tmp_path, text, on_bad_record="skip")
    assert c.report.rejected[["line"]].to_dict("records") == [{"line": 33}]
    assert c.report.totals() == {"read": 2, "kept": 1, "duplicates": 0, "rejected": 1}


TAB_HEADER = ("PT\tAU\tAF\tTI\tSO\tDE\tID\tAB\tC1\tCR\tNR\tTC\tZ9\tPY\tVL\tIS\tBP\tEP\tDI\tUT")
TAB_ROW = ('J\tOwen-Smith, J; Powell, WW\tOwen-Smith, Jason; Powell, Walter\t"A ""quoted"" title"\t'
           "ORGAN SCI\tnetworks; spillover\tIDKW\tAbstract.\t"
           "[Owen-Smith, J] Univ Michigan, Ann Arbor, MI 48109 USA; [Powell, WW] Stanford Univ, "
           "Stanford, CA 94305 USA\tAhuja G, 2000, ADMIN SCI QUART, V45, P425; Baum JAC, 2000, "
           "STRATEGIC MANAGE J, V21, P267\t2\t5\t6\t2004\t15\t1\t5\t21\t10.1287/orsc.1030.0054\t"
           "WOS:000189170300002\t")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_tab_delimited_quoting_trailing_tab_and_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "tab.txt"
    path.write_bytes(f"{TAB_HEADER}\r\n{TAB_ROW}\r\n".encode(encoding))
    c = litmap.read(path)
    row = c.records.iloc[0]
    assert c.report.files.loc[0, "format"] == "wos_tab"
    assert row["title"] == 'A "quoted" title'
    assert row["authors"] == ["Owen-Smith, J", "Powell, WW"]
    assert len(row["affiliations"]) == 2 and row["countries"] == ["USA"]
    assert len(row["cited_refs_raw"]) == 2 and row["pages"] == "5-21"


def test_tab_row_with_wrong_width_is_a_problem() -> None:
    result = parse_wos_tab(f"{TAB_HEADER}\nJ\tonly\tthree\n{TAB_ROW}\n", "f")
    assert len(result.records) == 1
    assert result.problems[0].line == 2 and "3 fields" in result.problems[0].reason


CONVERTED = """
PT J
AU 梁玖, 
AF 梁玖, 
TI 艺术学理论的专业性研究规格及其方法论
SO 民族艺术研究
DE 艺术学理论;专业性研究规格;新增学科知识
AB 在艺术学升格为独立学科门类十周年的时刻。
C1 北京师范大学艺术与传媒学院
      北京师范大学艺术与传媒学院
CR  张道一, 2018, 东南大学出版社 
 (英)E, 2007, 商务印书馆 
PY 2021
UT CNKI:0
ER
"""


def test_citespace_converted_cnki() -> None:
    assert sniff_cnki_citespace(CONVERTED, "download_1-307.txt")
    assert not sniff_wos(CONVERTED, "x") or sniff_cnki_citespace(CONVERTED, "x")
    rec = parse_cnki_citespace(CONVERTED, "f").records[0]
    assert rec["authors"] == ["梁玖"] and rec["db"] == "cnki" and rec["line"] == 2
    assert rec["keywords"] == ["艺术学理论", "专业性研究规格", "新增学科知识"]


def test_placeholder_ut_does_not_merge_records(tmp_path: Path) -> None:
    second = CONVERTED.replace("艺术学理论的专业性研究规格及其方法论", "另一篇论文")
    c = _read(tmp_path, CONVERTED + second, "download_1-2.txt")
    assert c.report.files.loc[0, "format"] == "cnki_citespace"
    assert len(c) == 2 and c.records["uid"].is_unique
    assert set(c.records["countries"].map(tuple)) == {("China",)}
    assert c.records.loc[0, "institutions"] == ["北京师范大学"]


def test_large_files_are_cut_only_after_er_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    import litmap.io._wos_plain as wos_plain

    monkeypatch.setattr(wos_plain, "_CHUNK", 50)
    text = "FN x\nVR 1.0\n" + "".join(f"PT J\nTI t{i}\nAB text\nERIC is not ER\nER\n\n" for i in range(30))
    result = parse_wos(text + "EF\n", "f")
    assert not result.problems and len(result.records) == 30
    assert [r["line"] for r in result.records[:3]] == [3, 9, 15]
    assert result.records[29]["abstract"] == "text ERIC is not ER"


def test_result_does_not_depend_on_where_the_text_is_cut() -> None:
    from litmap.io.wos import parse_wos_chunks

    text = ("FN x\nVR 1.0\nPT J\nAU Li, X\n   Wu, Y\nTI A\n   title\nXY not a tag\nPY 2020\nER\n\n"
            "PT J\nTI b\nCR Smith J, 2010, X\n   Li Y, 2011, Y\nER\njunk\nPT J\nTI c\nPT J\nUT WOS:1\n"
            "ER\nEF\nPT J\nTI d\n")
    whole = parse_wos(text, "f")
    lines = text.splitlines(keepends=True)
    for cut in range(1, len(lines)):
        parts = ["".join(lines[:cut]), "".join(lines[cut:])]
        again = parse_wos_chunks(iter(parts))
        assert again.records == whole.records and again.problems == whole.problems, cut
    assert [r["line"] for r in whole.records] == [3, 12, 20]
    assert [(p.line, p.reason[:10]) for p in whole.problems] == [
        (17, "text outsi"), (18, "record has"), (24, "truncated ")]
