"""Shared line grammar and field helpers of the CNKI-family readers (_tagged, _cnki_fields, _cnki_keys)."""

from __future__ import annotations

import warnings

import pytest

from litmap.io._cnki_fields import (check_year, clean_abstract, clean_doi, link_id,
                                    split_affiliations, split_names)
from litmap.io._cnki_keys import canonical_key, match_key_line
from litmap.io._tagged import group_records, join_lines, outside_problems


def _match(line: str):
    return (line[:2], line[3:]) if line[:2] in ("AA", "BB") and line[2:3] == " " else None


def test_group_records_continuations_blank_lines_and_outside_lines() -> None:
    lines = ["junk", "", "AA one", "BB two", "  indented", "", "plain", "AA three"]
    records, outside = group_records(lines, _match, start="AA")
    assert [r.line for r in records] == [3, 8]
    assert records[0].raw("BB")[0].lines == ["two", "  indented", "plain"]
    assert records[0].values("BB") == ["two indented plain"]
    assert records[1].first("BB", "AA") == "three"
    assert outside == [(1, "junk")]


def test_group_records_end_marker_closes_a_record() -> None:
    lines = ["AA one", "----", "after", "more", "", "AA two"]
    records, outside = group_records(lines, _match, start="AA", end=lambda ln: ln == "----")
    assert len(records) == 2 and outside == [(3, "after"), (4, "more")]
    (problem,) = outside_problems(outside)
    assert (problem.line, problem.text) == (3, "after") and problem.reason.startswith("2 lines outside")


def test_join_lines_tight_for_cjk_spaced_for_latin() -> None:
    assert join_lines(["黄瓜是我国", ",也是植物"]) == "黄瓜是我国,也是植物"
    assert join_lines(["研究", "进展"]) == "研究进展"
    assert join_lines(["an English", "", "  abstract"]) == "an English abstract"


@pytest.mark.parametrize("raw, expected", [
    ("唐伦;赵培培;赵国繁;", ["唐伦", "赵培培", "赵国繁"]),
    ("Alaa Alhaj-Ismail;;Sami Adwan", ["Alaa Alhaj-Ismail", "Sami Adwan"]),
    ("谢昕,王小增", ["谢昕", "王小增"]),
    ("杨心婕; 王锦", ["杨心婕", "王锦"]),
    ("申宣镐（SHIN SEONHO）", ["申宣镐(SHIN SEONHO)"]),
    (None, []),
])
def test_split_names(raw, expected) -> None:
    assert split_names(raw) == expected


def test_split_names_slash() -> None:
    assert split_names("谭春辉/周一夫/谭春辉", seps="slash") == ["谭春辉", "周一夫"]


def test_split_affiliations_forms() -> None:
    assert split_affiliations("东北师范大学生命科学学院!长春130024,长春飞行学院!长春130022") == [
        "东北师范大学生命科学学院", "长春飞行学院"]
    assert split_affiliations("内蒙古福瑞制药有限责任公司,北京中医药大学 012000,100029") == [
        "内蒙古福瑞制药有限责任公司", "北京中医药大学"]
    assert split_affiliations("1.中国铁道科学研究院 研究生部；2.运输及经济研究所") == [
        "中国铁道科学研究院 研究生部", "运输及经济研究所"]
    assert split_affiliations("Univ X, Davis, CA 95616, USA") == ["Univ X, Davis, CA 95616, USA"]
    assert split_affiliations("220005,徐州市 徐州医科大学", commas=False) == ["220005,徐州市 徐州医科大学"]


def test_clean_abstract_doi_and_links() -> None:
    assert clean_abstract("Abstract(#br)Background(#br)Text") == "Background Text"
    assert clean_abstract("<正>大气层外动能拦截") == "大气层外动能拦截"
    assert clean_abstract("<正>") is None
    assert clean_doi("https://doi.org/10.1000/ABC") == "10.1000/abc"
    assert clean_doi("not a doi") is None
    assert link_id("https://kns.cnki.net/kcms/detail/detail.aspx?FileName=znyx202101034&DbName=X") == \
        "CNKI:ZNYX202101034"
    assert link_id("http://www.wanfangdata.com.cn/details/detail.do?_type=perio&id=abc-1") == "WANFANG:abc-1"
    assert link_id("https://kns.cnki.net/kcms2/article/abstract?v=-0THPtffOh") is None


def test_check_year_warns_only_for_future_years() -> None:
    with pytest.warns(UserWarning, match="f.txt, line 7: implausible publication year 2989"):
        assert check_year(2989, path="f.txt", line=7) == 2989
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check_year(2021, path="f.txt", line=1) == 2021
        assert check_year(None, path="f.txt", line=1) is None


def test_key_lines_and_canonical_keys() -> None:
    assert match_key_line("Title-题名:  基于数字孪生") == ("Title-题名", "基于数字孪生")
    assert match_key_line("DOI-DOI:  10.1/x") == ("DOI-DOI", "10.1/x")
    assert match_key_line("DataType: 1") == ("DataType", "1")
    assert match_key_line("COVID-19: a wrapped line") is None
    assert match_key_line(";钱震") is None
    assert [canonical_key(k) for k in ("Title-题名", "题名", "Organ-机构", "PageCount-页码",
                                       "PageCount-页数", "PubTime-发表时间", "CLC-中图分类号")] == [
        "title", "title", "affiliations", "pages", None, "date", None]
