"""Scopus CSV and RIS readers: one quirk per test."""

from __future__ import annotations

from pathlib import Path

import litmap
from litmap.io.ris import parse_ris, sniff_ris
from litmap.io.scopus import parse_scopus, sniff_scopus

HEADER_2022 = ("Authors,Author(s) ID,Title,Year,Source title,Volume,Issue,Page start,Page end,Cited by,DOI,"
               "Affiliations,Abstract,Author Keywords,Index Keywords,Funding Text 1,References,"
               "Correspondence Address,Document Type,EID")
ROW_SHIFTED = ('"Phillips J.C., Braun R.",1;2,Scalable molecular dynamics,2005,J Comput Chem,26,16,1781,1802,'
               '13169,10.1002/jcc.20289,"Beckman Institute, University of Illinois, Urbana, IL 61801, '
               'United States",[No abstract available],Molecular dynamics; Parallel computing,'
               'Algorithms,Funded by A,Funded by B,"Kale, L., Skeel, R., NAMD2 (1999) J Comput Phys, 151, '
               'pp. 283-312; Brooks, B.R., CHARMM (1983) J Comput Chem, 4, pp. 187-217",'
               '"Schulten, K.; email",Review,2-s2.0-27344436659')


def test_scopus_extra_unnamed_field_after_funding_text() -> None:
    result = parse_scopus(f"{HEADER_2022}\n{ROW_SHIFTED}\n", "f")
    assert not result.problems
    rec = result.records[0]
    assert len(rec["cited_refs_raw"]) == 2 and rec["cited_refs_raw"][0].startswith("Kale, L.")
    assert rec["native_id"] == "2-s2.0-27344436659"
    assert rec["funding"] == "Funded by A Funded by B"
    assert rec["abstract"] is None
    assert rec["authors"] == ["Phillips J.C.", "Braun R."]


def test_scopus_author_styles() -> None:
    header = "Authors,Title,Year,Source title,Volume,EID"
    text = f'{header}\n"Pan, Y., Yu, C., Zhang, X.",T1,2016,S,1,e1\n"Liu F.; Li C.",T2,2025,S,2,e2\n'
    assert sniff_scopus(text, "scopus.csv")
    recs = parse_scopus(text, "f").records
    assert recs[0]["authors"] == ["Pan, Y.", "Yu, C.", "Zhang, X."]
    assert recs[1]["authors"] == ["Liu F.", "Li C."]


def test_scopus_short_row_is_a_problem() -> None:
    result = parse_scopus("Authors,Title,Year,Source title,EID\na,b\n", "f")
    assert not result.records and result.problems[0].line == 2


def test_scopus_read_gives_keys_and_countries(tmp_path: Path) -> None:
    (tmp_path / "scopus.csv").write_text(f"{HEADER_2022}\n{ROW_SHIFTED}\n", encoding="utf-8-sig")
    row = litmap.read(tmp_path / "scopus.csv").records.iloc[0]
    assert row["uid"] == "SCOPUS:2-s2.0-27344436659" and row["db"] == "scopus"
    assert row["cited_refs"][0] == "kale l|1999|j comput phys|151|283|"
    assert row["countries"] == ["USA"] and row["institutions"] == ["Beckman Institute"]
    assert row["keywords"] == ["Molecular dynamics", "Parallel computing"]


RIS = ("TY  - JOUR\r\nTI  - The European Approach\r\nT2  - Computing in Science &amp; Engineering\r\n"
       "AU  - G. Kalbe\r\nAU  - G. Kalbe\r\nKW  - Exascale\r\nKW  - HPC\r\nVO  - 21\r\n"
       "Y1  - 1 Jan.-Feb. 2019\r\nDO  - 10.1109/MCSE.2018.2884139\r\nER  - \r\n\n\r"
       "TY  - JOUR\r\nAD  - 武汉大学信息管理学院;\r\nAU  - 刘千卉\r\nKW  - 信息素养\r\n行动素养\r\n行动素养联盟\r\n"
       "PY  - 2016\r\nSP  - 33-38\r\nTI  - 信息素养的历史与实践之旅\r\nER  - \r\n")


def test_ris_separators_keyword_lines_and_fallbacks(tmp_path: Path) -> None:
    (tmp_path / "x.ris").write_bytes(RIS.encode("utf-8"))
    c = litmap.read(tmp_path / "x.ris")
    assert c.report.files.loc[0, "format"] == "ris" and len(c) == 2
    a, b = c.records.iloc[0], c.records.iloc[1]
    assert a["authors"] == ["G. Kalbe"] and a["year"] == 2019 and a["volume"] == "21"
    assert a["source"] == "Computing in Science & Engineering"
    assert b["keywords"] == ["信息素养", "行动素养", "行动素养联盟"]
    assert b["institutions"] == ["武汉大学"] and b["countries"] == ["China"] and b["pages"] == "33-38"
    assert set(c.records["db"]) == {"ris"}


def test_ris_missing_er_and_stray_text() -> None:
    assert sniff_ris("\n\nTY  - JOUR\n", "x") and not sniff_ris("RT Journal\n", "x")
    result = parse_ris("junk\nTY  - JOUR\nTI  - a\nTY  - JOUR\nTI  - b\nER  - \nTY  - JOUR\nTI  - c\n", "f")
    assert [r["title"] for r in result.records] == ["b"]
    assert [p.line for p in result.problems] == [1, 2, 7]
