"""Hand-written CNKI/CSSCI/Wanfang fixture files read end to end with litmap.read.

Each file in tests/data holds one encoding or line-ending quirk (GB18030, GBK CSV
with repeated headers, mixed CR/CRLF, UTF-8 BOM + CRLF, no final newline); the
expected values are read off the fixtures by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import litmap


def _read(data_dir: Path, name: str):
    corpus = litmap.read(data_dir / name)
    row = corpus.report.files.iloc[0]
    assert row["read"] == row["kept"] + row["duplicates"] + row["rejected"]
    return corpus.records, row


def test_refworks_gb18030_crlf(data_dir: Path) -> None:
    records, row = _read(data_dir, "cnki_refworks_gb18030.txt")
    assert (row["format"], row["read"], row["rejected"]) == ("cnki_refworks", 2, 0)
    assert row["encoding"] in ("gbk", "gb18030")
    article, thesis = records.to_dict("records")
    assert article["authors"] == ["张三", "李四"]
    assert article["abstract"] == "本文讨论逆城市化现象与城乡融合发展的关系。"
    assert (article["volume"], article["issue"], article["pages"]) == ("76", "03", "1-12")
    assert article["doi"] == "10.11821/dlxb202103001"
    assert article["institutions"] == ["北京大学", "南京大学"] and article["countries"] == ["China"]
    assert thesis["authors"] == ["王五"] and thesis["year"] == 2019  # A1王五, FD 2019-06-01
    assert thesis["keywords"] == ["郊区化", "人口迁移"]
    assert thesis["source"] == "复旦大学" and thesis["db"] == "cnki"


def test_endnote_mixed_cr_crlf_paragraphs(data_dir: Path) -> None:
    records, row = _read(data_dir, "cnki_endnote_mixed_eol.txt")
    assert (row["format"], row["read"]) == ("cnki_endnote", 2)
    thesis, article = records.to_dict("records")
    assert thesis["abstract"] == "第一段摘要。第二段摘要。"
    assert thesis["keywords"] == ["县域", "城镇化", "空间格局"]
    assert article["authors"] == ["Li Wei", "Wang Fang"]
    assert article["abstract"] == "Short abstract."


def test_selfdefined_csv_gbk_with_repeated_headers(data_dir: Path) -> None:
    records, row = _read(data_dir, "cnki_selfdefined_gbk_repeated_header.csv")
    assert (row["format"], row["encoding"], row["read"]) == ("cnki_selfdefined_csv", "gbk", 3)
    assert list(records["line"]) == [2, 4, 6]
    assert list(records["doc_type"]) == ["期刊", "硕士", "博士"]
    assert records.loc[0, "affiliations"] == ["浙江大学公共管理学院", "浙江大学,中国农村发展研究院"]
    assert list(records["year"]) == [2022, 2021, 2020]


def test_cssci_bom_crlf_banner_and_broken_reference(data_dir: Path) -> None:
    records, row = _read(data_dir, "cssci_banner_crlf.txt")
    assert (row["format"], row["read"]) == ("cssci", 1)
    rec = records.to_dict("records")[0]
    assert rec["db"] == "cssci" and rec["line"] == 6
    assert rec["cited_refs_raw"] == ["1.费孝通.乡土中国.北京:北京大学出版社",
                                     "2.张三,李四.城乡关系研究.经济研究.2018.53(4)"]
    assert (rec["year"], rec["volume"], rec["issue"], rec["pages"]) == (2020, None, "6", "2-18")
    assert rec["institutions"] == ["中国人民大学", "清华大学"]


def test_wanfang_without_final_newline(data_dir: Path) -> None:
    records, row = _read(data_dir, "wanfang_noteexpress_no_final_newline.NET")
    assert (row["format"], row["read"]) == ("wanfang_noteexpress", 1)
    rec = records.to_dict("records")[0]
    assert rec["db"] == "wanfang" and rec["language"] == "chi"
    assert rec["keywords"] == ["城乡融合", "县域"]
    assert rec["title_alt"] == "Evaluation of county urban-rural integration"


def test_noteexpress_double_semicolon_and_full_width_colon(data_dir: Path) -> None:
    records, row = _read(data_dir, "cnki_noteexpress_double_semicolon.net")
    assert (row["format"], row["read"]) == ("cnki_noteexpress", 1)
    rec = records.to_dict("records")[0]
    assert rec["keywords"] == ["人口回流", "乡村振兴", "县域"]
    assert rec["authors"] == ["冯一", "陈二"]
    assert rec["abstract"] == "近年来人口回流现象显著。"


def test_bad_record_policy_reaches_our_problems(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_text("RT Journal Article\nA1 甲\nRT Journal Article\nT1 题\nYR 2020\n", encoding="utf-8")
    with pytest.raises(litmap.ParseError, match=r"broken\.txt, line 1: record has no title"):
        litmap.read(path)
    corpus = litmap.read(path, on_bad_record="skip")
    assert len(corpus) == 1
    assert corpus.report.rejected[["line", "reason"]].values.tolist() == [[1, "record has no title"]]
