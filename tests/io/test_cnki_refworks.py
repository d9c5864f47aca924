"""CNKI RefWorks reader: one inline fixture per quirk (real lines from the MANIFEST)."""

from __future__ import annotations

from litmap.io.cnki_refworks import parse_cnki_refworks, sniff

TWO_RECORDS_NO_BLANK = """RT Journal Article
SR 1
A1 颜宏,石德成,尹尚军,赵伟
AD 东北师范大学生命科学学院!长春130024,东北师范大学生命科学学院!长春130024,浙江农业技术师范专科学校!宁波315101
T1 外施Ca~(2+)、ABA及H_3PO_4对盐碱胁迫的缓解效应
JF 应用生态学报
YR 2000
IS 06
vo 11
OP 889-892
K1 羊草;盐胁迫;碱胁迫
DO 10.13287/j.1001-9332.2000.0212
RT Dissertation/Thesis
A1林行众
A3 黄三文;杨清
PB 南京农业大学
T1 黄瓜共表达基因模块的识别
CL 硕士
YR 2015
K1 黄瓜;共表达;
 cucumber;co-expression
AB 黄瓜(Cucumis sativus L.)是我国最大的保护地栽培蔬菜作物
,也是植物性别发育和维管束运输研究的重要模式植物。
LA 中文;
"""


def test_records_start_at_rt_without_blank_lines() -> None:
    result = parse_cnki_refworks(TWO_RECORDS_NO_BLANK, "x.txt")
    assert [r["line"] for r in result.records] == [1, 13]
    assert result.problems == []


def test_2000_record_comma_authors_and_bang_postcode_addresses() -> None:
    first = parse_cnki_refworks(TWO_RECORDS_NO_BLANK, "x.txt").records[0]
    assert first["authors"] == ["颜宏", "石德成", "尹尚军", "赵伟"]
    assert first["affiliations"] == ["东北师范大学生命科学学院", "浙江农业技术师范专科学校"]
    assert (first["year"], first["volume"], first["issue"], first["pages"]) == (2000, "11", "06", "889-892")
    assert first["doi"] == "10.13287/j.1001-9332.2000.0212"
    assert first["source"] == "应用生态学报"


def test_tag_without_space_indented_k1_and_unindented_ab_continuation() -> None:
    thesis = parse_cnki_refworks(TWO_RECORDS_NO_BLANK, "x.txt").records[1]
    assert thesis["authors"] == ["林行众"]
    assert thesis["keywords"] == ["黄瓜", "共表达"]
    assert thesis["keywords_raw"] == "黄瓜;共表达;\ncucumber;co-expression"
    assert thesis["abstract"] == ("黄瓜(Cucumis sativus L.)是我国最大的保护地栽培蔬菜作物"
                                  ",也是植物性别发育和维管束运输研究的重要模式植物。")
    assert thesis["source"] == "南京农业大学"  # no JF: the thesis university (PB)
    assert thesis["language"] == "中文"


def test_year_falls_back_to_fd_and_url_tag_is_known() -> None:
    text = ("RT Newspaper Article\nA1  施吉庆;   杨亮华\nT1 灭绝物种RNA首次分离测序\nFD 2023-09-21\n"
            "URL https://kns.cnki.net/kcms/detail/detail.aspx?dbname=CCND&filename=KJRB202309210041\n"
            "ID CN111020404A\n")
    rec = parse_cnki_refworks(text, "x.txt").records[0]
    assert rec["year"] == 2023
    assert rec["authors"] == ["施吉庆", "杨亮华"]
    assert rec["native_id"] == "CN111020404A"
    rec2 = parse_cnki_refworks(text.replace("ID CN111020404A\n", ""), "x.txt").records[0]
    assert rec2["native_id"] == "CNKI:KJRB202309210041"


def test_html_entities_and_ideographic_space_in_titles() -> None:
    rec = parse_cnki_refworks("RT Standard\nT1 信息与文献\u3000参考文献 &amp; 著录\n", "x").records[0]
    assert rec["title"] == "信息与文献 参考文献 & 著录"


def test_record_without_title_and_leading_junk_are_problems() -> None:
    text = "junk line\nRT Journal Article\nA1 甲\nYR 2020\nRT Journal Article\nT1 题\n"
    result = parse_cnki_refworks(text, "x.txt")
    assert [r["title"] for r in result.records] == ["题"]
    assert [(p.line, p.reason) for p in result.problems] == [
        (1, "1 line outside any record (no record-start tag before them)"),
        (2, "record has no title")]


def test_sniff_needs_rt_then_a1_or_t1() -> None:
    assert sniff(TWO_RECORDS_NO_BLANK, "a.txt")
    assert sniff("\nRT Journal Article\nA1林行众\n", "a.txt")
    assert not sniff("RT Journal Article\nXX nothing\n", "a.txt")
    assert not sniff("PT J\nAU Smith\nTI x\nER\n", "a.txt")
    assert not sniff("TY  - JOUR\nAU  - x\n", "a.ris")


def test_wanfang_refworks_sets_db_cnki_leaves_it_to_the_format() -> None:
    cnki = parse_cnki_refworks("RT Journal Article\nT1 题\nDS CNKI\n", "x").records[0]
    wanfang = parse_cnki_refworks("RT Journal Article\nT1 题\nDS 万方数据\n", "x").records[0]
    assert cnki["db"] is None and wanfang["db"] == "wanfang"
