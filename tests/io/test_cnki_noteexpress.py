"""CNKI NoteExpress reader: one inline fixture per quirk (real lines from the MANIFEST)."""

from __future__ import annotations

import pytest

from litmap.io.cnki_noteexpress import parse_cnki_noteexpress, sniff

CHINESE_COLON = """{Reference Type}: Journal Article
{Title}: 软组织肉瘤诊治中国专家共识(2015年版)
{Translated Title}: Chinese expert consensus on soft tissue sarcomas
{Author}: 中国抗癌协会肉瘤专业委员会
{Author}: 中国临床肿瘤学会
{Author Address}: 复旦大学附属肿瘤医院|JG001257
{Journal}: 中华肿瘤杂志
{ISBN/ISSN}:0253-3766
{Year}: 2016
{Issue}: 4
{Pages}: 310-320
{Keywords}: 肉瘤；软组织肿瘤；诊断
{Abstract}：软组织肉瘤是一类间叶来源的恶性肿瘤。
{Language}：chi

"""


def test_full_width_colon_two_author_lines_and_pipe_code() -> None:
    rec = parse_cnki_noteexpress(CHINESE_COLON, "x.net").records[0]
    assert rec["authors"] == ["中国抗癌协会肉瘤专业委员会", "中国临床肿瘤学会"]
    assert rec["affiliations"] == ["复旦大学附属肿瘤医院"]
    assert rec["keywords"] == ["肉瘤", "软组织肿瘤", "诊断"]
    assert rec["abstract"] == "软组织肉瘤是一类间叶来源的恶性肿瘤。"
    assert rec["language"] == "chi"
    assert rec["title_alt"] == "Chinese expert consensus on soft tissue sarcomas"
    assert (rec["year"], rec["issue"], rec["pages"]) == (2016, "4", "310-320")


def test_double_semicolon_english_authors_and_abstract_br() -> None:
    text = ("{Reference Type}: Journal Article\n{Title}: Share-option based compensation\n"
            "{Author}: Alaa Alhaj-Ismail;;Sami Adwan;;John Stittle\n"
            "{Author Address}: Coventry University, UK;;University of Sussex, UK\n"
            "{Keywords}: IFRS 2;Share-based payment\n"
            "{Abstract}: Abstract(#br)Background(#br)This paper contributes.\n")
    rec = parse_cnki_noteexpress(text, "x.net").records[0]
    assert rec["authors"] == ["Alaa Alhaj-Ismail", "Sami Adwan", "John Stittle"]
    assert rec["affiliations"] == ["Coventry University, UK", "University of Sussex, UK"]
    assert rec["keywords"] == ["IFRS 2", "Share-based payment"]
    assert rec["abstract"] == "Background This paper contributes."


def test_address_continued_on_untagged_lines_after_blank_lines() -> None:
    text = ("{Reference Type}: Journal Article\n{Title}: 基于公共行政理念的政府公共关系发展历程探析\n"
            "{Author}: 谢昕,王小增\n{Author Address}: 中国地质大学政法学院,中国地质大学政法学院 湖北武汉430074\n"
            "\n\n\n,湖北武汉430074\n{Journal}: 湖北社会科学\n{Year}: 2005\n")
    rec = parse_cnki_noteexpress(text, "x.net").records[0]
    assert rec["authors"] == ["谢昕", "王小增"]
    assert rec["affiliations"] == ["中国地质大学政法学院"]
    assert rec["source"] == "湖北社会科学"


def test_odd_keys_date_fallback_and_comma_keywords() -> None:
    text = ("{Reference Type}: Conference Proceedings\n{Title}: 城市竖向对下凹式立交桥积水风险的影响\n"
            "{Secondary Title}: 2018中国城市规划年会\n{Subsidiary Author,}: 中国城市规划学会\n{Year}: 2018\n"
            "{Keywords}: 巴拿马,习近平,未来,\n\n"
            "{Reference Type}: Newspaper Article\n{Title}: 坚持在大局下行动\n{Author}: 本报评论员\n"
            "{Secondary Title}: 人民铁道\n{Date}: 2019-01-09\n\n"
            "{Reference Type}: Standard\n{Title}: 铁路桥涵设计基本规范\n{TryDate}: 2005-06-14\n")
    conf, paper, standard = parse_cnki_noteexpress(text, "x.net").records
    assert conf["keywords"] == ["巴拿马", "习近平", "未来"]
    assert conf["source"] == "2018中国城市规划年会"
    assert conf["authors"] == []  # the subsidiary author is the organiser, not an author
    assert (paper["year"], paper["source"]) == (2019, "人民铁道")
    assert standard["year"] is None  # TryDate is when a standard takes effect


def test_implausible_year_is_kept_and_warned() -> None:
    text = "{Reference Type}: Journal Article\n{Title}: Self-made testing\n{Year}: 2989\n"
    with pytest.warns(UserWarning, match=r"t\.net, line 1: implausible publication year 2989"):
        rec = parse_cnki_noteexpress(text, "t.net").records[0]
    assert rec["year"] == 2989


def test_sniff_rejects_wanfang() -> None:
    assert sniff(CHINESE_COLON, "a.net")
    wanfang = CHINESE_COLON + "{Database Provider}: 北京万方数据股份有限公司\n"
    assert not sniff(wanfang, "a.net")
    assert not sniff("%0 Thesis\n%T x\n", "a.net")
