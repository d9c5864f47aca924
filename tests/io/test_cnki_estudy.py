"""CNKI E-Study (知网研学) reader."""

from __future__ import annotations

from litmap.io.cnki_estudy import parse_cnki_estudy, sniff

TWO = """DataType: 1
Title-题名: 1例卡培他滨与苯妥英钠相互作用的病例分析
Author-作者: 柯洪琴;陈璿英;王启斌;
Source-刊名: 中南药学
Year-年: 2021
PubTime-出版时间: 2021-01-18
Keyword-关键词: 苯妥英钠;卡培他滨;相互作用
Summary-摘要: <正>苯妥英钠作为一种传统抗癫痫药物(AEDs),
COVID-19: 目前仍在基层医院广泛用于癫痫治疗。
Period-期: 01
Roll-卷: 19
PageCount-页数: 3
Page-页码: 168-170
SrcDatabase-来源库: 期刊
Organ-机构: 十堰市太和医院药学部(湖北医药学院附属医院);南昌大学第一附属医院药剂科;
Link-链接: https://kns.cnki.net/kcms/detail/detail.aspx?FileName=ZNYX202101034&DbName=CJFQTEMP
DataType: 1
Title-题名: 中国女性乳腺癌筛查标准(T/CPMA 014-2020)
Source-刊名: 中华疾病控制杂志
PubTime-出版时间: 2021-01-15 16:54
Keyword-关键词: 乳腺癌;筛查;标准"""


def test_fields_of_a_full_record() -> None:
    result = parse_cnki_estudy(TWO, "x.txt")
    assert [r["line"] for r in result.records] == [1, 17] and result.problems == []
    rec = result.records[0]
    assert rec["authors"] == ["柯洪琴", "陈璿英", "王启斌"]
    assert rec["abstract"] == "苯妥英钠作为一种传统抗癫痫药物(AEDs), COVID-19: 目前仍在基层医院广泛用于癫痫治疗。"
    assert (rec["year"], rec["volume"], rec["issue"], rec["pages"]) == (2021, "19", "01", "168-170")
    assert rec["doc_type"] == "期刊"
    assert rec["affiliations"] == ["十堰市太和医院药学部(湖北医药学院附属医院)", "南昌大学第一附属医院药剂科"]
    assert rec["native_id"] == "CNKI:ZNYX202101034"


def test_online_first_year_from_pubtime_and_no_authors() -> None:
    rec = parse_cnki_estudy(TWO, "x.txt").records[1]
    assert rec["year"] == 2021
    assert rec["authors"] == []
    assert rec["keywords"] == ["乳腺癌", "筛查", "标准"]


def test_sniff() -> None:
    assert sniff(TWO, "a.txt")
    assert not sniff("SrcDatabase-来源库:  期刊\nTitle-题名:  x\n", "a.txt")
    assert not sniff("DataType: 1\nnothing else\n", "a.txt")
