"""Wanfang NoteExpress reader: one line per value, translated fields."""

from __future__ import annotations

from litmap.io.wanfang import parse_wanfang_noteexpress, sniff

RECORD = """{Reference Type}: Journal Article
{Title}: 超声引导下前锯肌平面阻滞对乳腺癌改良根治术术后肿瘤转移、复发的影响
{Translated Title}: Influence of ultrasound-guided serratus plane block
{Author}: 江文杰
{Author}: 韩超
{Translated Author}: Wenjie JIANG
{Translated Author}:  Chao HAN
{Author Address}: 西安交通大学医学部公共卫生学院,陕西 西安,710061;西安交通大学第二附属医院,陕西 西安,710004
{Author Address}: 宜兴市人民医院
{Author Address}: 宜兴市人民医院
{Journal}: 临床检验杂志（电子版）
{Year}: 2020
{Volume}: 9
{Issue}: 1
{Pages}: 187-188,195
{Keywords}: 前锯肌平面阻滞
{Keywords}:  乳腺癌改良根治术,放疗
{Abstract}: 目的 探讨超声引导下前锯肌平面(SP)阻滞的影响.
{URL}: http://www.wanfangdata.com.cn/details/detail.do?_type=perio&id=lcjyzz-d202001100
{DOI}: 10.3969/j.issn.1672-9676.2020.01.039
{Database Provider}: 北京万方数据股份有限公司
{Language}: chi"""


def test_one_value_per_line() -> None:
    rec = parse_wanfang_noteexpress(RECORD, "x.NET").records[0]
    assert rec["authors"] == ["江文杰", "韩超"]
    assert rec["keywords"] == ["前锯肌平面阻滞", "乳腺癌改良根治术,放疗"]
    assert rec["keywords_raw"] == "前锯肌平面阻滞\n乳腺癌改良根治术,放疗"
    assert rec["affiliations"] == ["西安交通大学医学部公共卫生学院,陕西 西安,710061",
                                   "西安交通大学第二附属医院,陕西 西安,710004", "宜兴市人民医院"]


def test_translated_title_doi_and_id() -> None:
    rec = parse_wanfang_noteexpress(RECORD, "x.NET").records[0]
    assert rec["title_alt"] == "Influence of ultrasound-guided serratus plane block"
    assert rec["doi"] == "10.3969/j.issn.1672-9676.2020.01.039"
    assert rec["native_id"] == "WANFANG:lcjyzz-d202001100"
    assert (rec["year"], rec["volume"], rec["issue"], rec["pages"]) == (2020, "9", "1", "187-188,195")
    assert rec["source"] == "临床检验杂志（电子版）"


def test_sniff_needs_the_wanfang_provider() -> None:
    assert sniff(RECORD, "a.NET")
    assert not sniff(RECORD.replace("北京万方数据股份有限公司", "CNKI").replace("wanfangdata", "x"), "a.NET")
