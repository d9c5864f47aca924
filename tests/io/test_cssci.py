"""CSSCI reader: banner, padded field names, 年代卷期, references, crawler variant."""

from __future__ import annotations

import pytest

from litmap.io.cssci import parse_cssci, parse_issue_field, sniff

BANNER = "南京大学中国社会科学研究评价中心\n数字文献处理系统 版本：2.1\n版权所有 (C) 2000 - 2001 CSSCI Corp.\n\n\n"
RECORD = """【来源篇名】近十年我国智慧图书馆研究态势
【英文篇名】Analysis of Researches on Smart Library in China
【来源作者】谭春辉/周一夫
【基    金】国家社会科学基金一般项目(18BTQ081)
【期    刊】图书馆论坛
【第一机构】华中师范大学
【机构名称】[谭春辉]华中师范大学.信息管理学院/[周一夫]华中师范大学.信息管理学院
【第一作者】谭春辉
【中图类号】G250.76
【年代卷期】2022,42(1):69-79
【关 键 词】智慧图书馆/演化分析/关联分析
【基金类别】
【参考文献】
1.Aittola,M..Smart Library: Location-Aware Mobile Library Service.International Symposium.2003.(5)
2.严栋.基于物联网的智慧图书馆.图书馆学刊.2010.32(7)
-----------------------------------------------------------------------

"""
CRAWLER = """【来源篇名】基于“合格”走向“卓越”:当前我国教师教育政策导向研究
【英文篇名】
【来源作者】张格格
【基    金】
【期刊】渤海大学
【机构名称】[张格格]渤海大学
【年代卷期】2016,35(090):3-9
【关 键 词】卓越教师/合格教师
【参考文献】
6.刘复兴.教育政策的四重视.清华大学教育研究.2002
7.常为


,杜朝晖

,刘仁辉.论教育政策制定者个人因素对政策制定的影.教育探索.2002
8.潘苏进.素质教育和素质教育政策的演.当代教育论坛.2002
-----------------------------------------------------------------------
"""


def test_banner_padded_names_and_fields() -> None:
    result = parse_cssci(BANNER + RECORD, "x.txt")
    assert result.problems == []
    (rec,) = result.records
    assert rec["line"] == 6
    assert rec["title_alt"] == "Analysis of Researches on Smart Library in China"
    assert rec["authors"] == ["谭春辉", "周一夫"]
    assert rec["keywords"] == ["智慧图书馆", "演化分析", "关联分析"]
    assert rec["funding"] == "国家社会科学基金一般项目(18BTQ081)"
    assert rec["source"] == "图书馆论坛"
    assert rec["affiliations"] == ["[谭春辉]华中师范大学.信息管理学院", "[周一夫]华中师范大学.信息管理学院"]
    assert (rec["year"], rec["volume"], rec["issue"], rec["pages"]) == (2022, "42", "1", "69-79")
    assert rec["cited_refs_raw"] == [
        "1.Aittola,M..Smart Library: Location-Aware Mobile Library Service.International Symposium.2003.(5)",
        "2.严栋.基于物联网的智慧图书馆.图书馆学刊.2010.32(7)"]


def test_crawler_broken_reference_and_unpadded_names() -> None:
    (rec,) = parse_cssci(CRAWLER, "x.txt").records
    assert rec["source"] == "渤海大学" and rec["title_alt"] is None and rec["funding"] is None
    assert rec["cited_refs_raw"] == [
        "6.刘复兴.教育政策的四重视.清华大学教育研究.2002",
        "7.常为,杜朝晖,刘仁辉.论教育政策制定者个人因素对政策制定的影.教育探索.2002",
        "8.潘苏进.素质教育和素质教育政策的演.当代教育论坛.2002"]
    assert (rec["year"], rec["volume"], rec["issue"]) == (2016, "35", "090")


def test_records_without_references_and_text_between_records() -> None:
    no_refs = CRAWLER.split("6.刘复兴")[0] + "\n-------------------------\n"
    text = BANNER + RECORD + "stray text\n" + no_refs
    result = parse_cssci(text, "x.txt")
    assert [len(r["cited_refs_raw"]) for r in result.records] == [2, 0]
    # banner 5 lines + record 16 lines + 1 blank line -> the stray line is line 23
    assert [(p.line, p.text) for p in result.problems] == [(23, "stray text")]


@pytest.mark.parametrize("raw, expected", [
    ("2022,42(1):69-79", (2022, "42", "1", "69-79")),
    ("2020,(9):12-20", (2020, None, "9", "12-20")),
    ("2014,(050):104-114", (2014, None, "050", "104-114")),
    ("2021", (2021, None, None, None)),
    ("", (None, None, None, None)),
])
def test_issue_field(raw: str, expected: tuple) -> None:
    assert parse_issue_field(raw) == expected


def test_sniff() -> None:
    assert sniff(BANNER + RECORD, "a.txt") and sniff(CRAWLER, "a.txt")
    assert not sniff("【标题】x\n", "a.txt") and not sniff("RT Journal Article\n", "a.txt")


def test_truncated_record_without_dashes_line_is_a_problem() -> None:
    cut = RECORD.split("2.严栋")[0]
    result = parse_cssci(BANNER + RECORD + CRAWLER.split("-----")[0], "x.txt")
    assert [r["title"] for r in result.records] == ["近十年我国智慧图书馆研究态势"]
    (problem,) = result.problems
    assert problem.line == 23 and "not closed by a line of dashes" in problem.reason
    assert parse_cssci(cut, "x.txt").records == []
