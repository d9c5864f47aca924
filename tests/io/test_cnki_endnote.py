"""CNKI EndNote reader: one inline fixture per quirk (real lines from the MANIFEST)."""

from __future__ import annotations

from litmap.io.cnki_endnote import parse_cnki_endnote, sniff

THESIS_PARAGRAPHS = """%0 Thesis
%A 陶海岩
%T 飞秒激光固体材料表面微纳结构制备
%Y 林景全
%I 长春理工大学
%9 博士
%D 2014
%K 飞秒激光;光吸收;表面润湿性
%X 在自然界生物表面各种功能微纳结构的启示下,人们成功地改善材料的表面性能。


\t为了进一步加深理解,本文开展了研究。
%W CNKI


%0 Journal Article
%A Meghan M. Parkinson
%A Daniel L. Dinsmore
%+ Dean's Office, University of North Florida, USA;;Department of Teaching, University of North Florida, USA
%T Understanding the developmental trajectory
%J System
%D 2019
%K Model of Domain Learning;;Second language acquisition;;Knowledge
%X Abstract(#br)This article uses the Model of Domain Learning.
%@ 0346-251X
"""


def test_multi_paragraph_abstract_with_blank_lines_stays_in_one_record() -> None:
    result = parse_cnki_endnote(THESIS_PARAGRAPHS, "x.txt")
    assert len(result.records) == 2 and result.problems == []
    thesis = result.records[0]
    assert thesis["abstract"] == ("在自然界生物表面各种功能微纳结构的启示下,人们成功地改善材料的表面性能。"
                                  "为了进一步加深理解,本文开展了研究。")
    assert thesis["source"] == "长春理工大学"
    assert thesis["keywords"] == ["飞秒激光", "光吸收", "表面润湿性"]


def test_one_author_per_line_double_semicolon_keywords_and_abstract_prefix() -> None:
    rec = parse_cnki_endnote(THESIS_PARAGRAPHS, "x.txt").records[1]
    assert rec["line"] == 16
    assert rec["authors"] == ["Meghan M. Parkinson", "Daniel L. Dinsmore"]
    assert rec["affiliations"] == ["Dean's Office, University of North Florida, USA",
                                   "Department of Teaching, University of North Florida, USA"]
    assert rec["keywords"] == ["Model of Domain Learning", "Second language acquisition", "Knowledge"]
    assert rec["abstract"] == "This article uses the Model of Domain Learning."


def test_patent_shared_author_line_date_fallback_and_untagged_continuation() -> None:
    text = ("%0 Patent\n%T Font generating device\n%A Jaeyoung Choi;Geunho Jeong\n%+ Seoul KR\n"
            "%8 2023-05-16\n%~ 海外专利\nPageCount-页码 0\n%W CNKI\n")
    rec = parse_cnki_endnote(text, "x.txt").records[0]
    assert rec["authors"] == ["Jaeyoung Choi", "Geunho Jeong"]
    assert rec["year"] == 2023


def test_newer_layout_doi_link_and_repeated_pages() -> None:
    text = ("%0 Conference Proceedings\n%A 王海霞\n%T 黄芪药理作用研究进展\n%B 2013年中国药学大会\n%D 2013\n"
            "%P 5\n%K 黄芪;药理作用\n%P 269-273\n"
            "%U https://kns.cnki.net/kcms/detail/detail.aspx?FileName=ZGYX201311001&DbName=CPFD\n"
            "%R 10.13386/J.ISSN1002-0306.2023090315\n")
    rec = parse_cnki_endnote(text, "x.txt").records[0]
    assert rec["source"] == "2013年中国药学大会"
    assert rec["pages"] == "269-273"
    assert rec["doi"] == "10.13386/j.issn1002-0306.2023090315"
    assert rec["native_id"] == "CNKI:ZGYX201311001"


def test_standard_number_goes_to_native_id_not_volume() -> None:
    text = "%0 Legal Rule or Regulation\n%T 船舶用不锈钢复合钢板\n%D 2023-09-07\n%V GB/T 43109-2023\n"
    rec = parse_cnki_endnote(text, "x.txt").records[0]
    assert rec["volume"] is None and rec["native_id"] == "GB/T 43109-2023"
    assert rec["year"] == 2023


def test_record_without_title_is_a_problem() -> None:
    result = parse_cnki_endnote("%0 Journal Article\n%A 甲\n\n%0 Journal Article\n%T 题\n", "x")
    assert len(result.records) == 1
    assert [(p.line, p.reason, p.text) for p in result.problems] == [
        (1, "record has no title", "Journal Article")]


def test_sniff() -> None:
    assert sniff(THESIS_PARAGRAPHS, "a.txt")
    assert not sniff("%0 Thesis\n%W CNKI\n", "a.txt")
    assert not sniff("RT Journal Article\nA1 x\n", "a.txt")


def test_wanfang_endnote_sets_db() -> None:
    text = "%0 Journal Article\n%T 题\n%U http://www.wanfangdata.com.cn/details/detail.do?_type=perio&id=a1\n"
    rec = parse_cnki_endnote(text, "x").records[0]
    assert rec["db"] == "wanfang" and rec["native_id"] == "WANFANG:a1"
    assert parse_cnki_endnote(THESIS_PARAGRAPHS, "x").records[0]["db"] is None
