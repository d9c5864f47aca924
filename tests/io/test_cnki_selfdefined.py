"""CNKI self-defined (自定义) export: text, CSV and Excel (.xlsx/.xls) forms."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from litmap.errors import FormatError, LitmapError
from litmap.io.cnki_excel import parse_cnki_excel, parse_cnki_selfdefined_csv, sniff_csv, sniff_excel
from litmap.io.cnki_selfdefined import parse_cnki_selfdefined, sniff

TEXT = """SrcDatabase-来源库:  期刊
Title-题名:  数字孪生使能的智能超表面边缘计算网络任务卸载
Author-作者:  苏健
;钱震
;李斌
;
Organ-单位:  南京信息工程大学计算机与软件学院;南京信息工程大学江苏省大气环境与装备技术协同创新中心;
Source-文献来源:  电子与信息学报
Keyword-关键词:  智能超表面;;数字孪生;;移动边缘计算
Summary-摘要:  <正>针对边缘计算网络任务卸载问题。
PubTime-发表时间:  2022-11-25 15:06
DOI-DOI:  10.13335/j.1000-3673.pst.2022.2015

SrcDatabase-来源库:  期刊
Title-题名:  深海采矿动态数字孪生系统开发
Author-作者:  罗岚;周崇尧;
PubTime-发表时间:  2022-11-23 08:08
Year-年:  2023
"""

HEADER = "SrcDatabase-来源库,Title-题名,Author-作者,Organ-单位,Source-文献来源,Keyword-关键词,PubTime-发表时间"
CSV = "\n".join([
    HEADER,
    "期刊,基于引文空间的长征国家文化公园研究进展,杨心婕; 王锦,西南林业大学园林园艺学院;,林业调查规划,"
    "长征国家文化公园;;研究进展;;Citespace,2026-04-14 11:39",
    '期刊,针灸治疗肿瘤伴随症状的研究热点,刘佳铭; 胡玉星,"广州中医药大学第二临床医学院;省部共建中医湿证国家重点实验室,'
    '广州中医药大学第二附属医院;",天津中医药,针灸;;癌性疼痛,2026-04-12',
    HEADER,
    "博士,面向短临降水预报的雷达回波图像序列外推方法研究,潘泽锋,南京信息工程大学,南京信息工程大学,雷达回波外推;;深度学习,"
    "2025-12-08",
    "",
])


def test_text_author_continuation_lines_and_pubtime_fallback() -> None:
    result = parse_cnki_selfdefined(TEXT, "x.txt")
    assert [r["line"] for r in result.records] == [1, 14] and result.problems == []
    first, second = result.records
    assert first["authors"] == ["苏健", "钱震", "李斌"]
    assert first["keywords"] == ["智能超表面", "数字孪生", "移动边缘计算"]
    assert first["abstract"] == "针对边缘计算网络任务卸载问题。"
    assert first["year"] == 2022 and first["doi"] == "10.13335/j.1000-3673.pst.2022.2015"
    assert first["affiliations"] == ["南京信息工程大学计算机与软件学院", "南京信息工程大学江苏省大气环境与装备技术协同创新中心"]
    assert second["year"] == 2023  # Year-年 wins over PubTime


def test_csv_repeated_header_dropped_quoted_commas_kept() -> None:
    result = parse_cnki_selfdefined_csv(CSV, "x.csv")
    assert [r["line"] for r in result.records] == [2, 3, 5] and result.problems == []
    first, second, thesis = result.records
    assert first["authors"] == ["杨心婕", "王锦"]
    assert first["year"] == 2026
    assert second["affiliations"] == ["广州中医药大学第二临床医学院", "省部共建中医湿证国家重点实验室,广州中医药大学第二附属医院"]
    assert thesis["doc_type"] == "博士" and thesis["source"] == "南京信息工程大学"


def test_csv_with_chinese_only_headers_and_tabs() -> None:
    text = "题名\t作者\t文献来源\t年\t卷\t期\t页码\t基金\t被引\n题\t甲;乙\t刊\t2019\t3\t2\t1-9\t国家自然科学基金\t12\n"
    assert sniff_csv(text, "x.txt")
    rec = parse_cnki_selfdefined_csv(text, "x.txt").records[0]
    assert (rec["year"], rec["volume"], rec["issue"], rec["pages"]) == (2019, "3", "2", "1-9")
    assert rec["funding"] == "国家自然科学基金" and rec["times_cited"] == 12


def test_csv_row_with_extra_cells_is_a_problem_and_bad_header_an_error() -> None:
    result = parse_cnki_selfdefined_csv("题名,作者\n题,甲,多余\n", "x.csv")
    assert result.records == [] and [p.line for p in result.problems] == [2]
    with pytest.raises(FormatError, match=r"x\.csv, line 1: expected a CNKI header"):
        parse_cnki_selfdefined_csv("a,b\n1,2\n", "x.csv")


def test_sniffers() -> None:
    assert sniff(TEXT, "a.txt") and not sniff(CSV, "a.csv")
    assert sniff_csv(CSV, "a.csv") and not sniff_csv(TEXT, "a.txt")
    assert not sniff_csv('"Authors","Title","Year","Source title","DOI"\n', "scopus.csv")
    assert sniff_excel("", "a.XLSX") and sniff_excel("", "b.xls") and not sniff_excel("", "c.csv")


ROWS = [["题名", "作者", "单位", "文献来源", "关键词", "摘要", "发表时间", "年", "卷", "期", "页码", "DOI", "基金"],
        ["城乡融合发展研究", "甲;乙", "北京大学;清华大学", "地理学报", "城乡融合;;乡村振兴", "摘要。",
         dt.datetime(2021, 5, 1, 10, 30), 2021, "76", "3", "1-12", "10.11821/DLXB202103001", "国家自然科学基金"],
        ["题名", "作者", "单位", "文献来源", "关键词", "摘要", "发表时间", "年", "卷", "期", "页码", "DOI", "基金"],
        ["逆城市化", "丙", "", "人文地理", "逆城市化", "", "2019-02-03", None, "", "", "", "", ""]]


def _check_sheet(result) -> None:
    assert [r["line"] for r in result.records] == [2, 4] and result.problems == []
    first, second = result.records
    assert first["authors"] == ["甲", "乙"] and first["affiliations"] == ["北京大学", "清华大学"]
    assert first["keywords"] == ["城乡融合", "乡村振兴"]
    assert (first["year"], first["volume"], first["issue"], first["pages"]) == (2021, "76", "3", "1-12")
    assert first["doi"] == "10.11821/dlxb202103001" and first["funding"] == "国家自然科学基金"
    assert second["year"] == 2019 and second["abstract"] is None


def test_xlsx_written_with_openpyxl(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    for row in ROWS:
        wb.active.append(row)
    path = tmp_path / "cnki.xlsx"
    wb.save(path)
    _check_sheet(parse_cnki_excel(path.read_bytes(), str(path)))


def test_xls_written_with_xlwt(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("sheet1")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm")
    for i, row in enumerate(ROWS):
        for j, value in enumerate(row):
            if isinstance(value, dt.datetime):
                sheet.write(i, j, value, date_style)
            elif value is not None:
                sheet.write(i, j, value)
    path = tmp_path / "cnki.xls"
    book.save(str(path))
    _check_sheet(parse_cnki_excel(path.read_bytes(), str(path)))


@pytest.mark.parametrize("data", [b"<html><table><tr><td>x</td></tr></table></html>",
                                  b"PK\x03\x04 truncated zip",
                                  b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64])
def test_bad_workbooks_raise_typed_errors(data: bytes) -> None:
    with pytest.raises(LitmapError, match=r"bad\.xls"):
        parse_cnki_excel(data, "bad.xls")
