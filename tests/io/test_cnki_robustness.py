"""Corrupted real exports: every CNKI-family parser returns records or raises a LitmapError.

Hypothesis truncates the head of each real file, cuts lines, injects characters
(including control characters and stray tags) and feeds the parsers; no other
exception may escape, every kept record has a title and a line inside the text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litmap.errors import LitmapError
from litmap.io import cnki_endnote, cnki_estudy, cnki_excel, cnki_noteexpress, cnki_refworks
from litmap.io import cnki_selfdefined, cssci, wanfang

pytestmark = pytest.mark.corpora

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
CASES = {
    "cnki_refworks/zotero_translators_CN_testcases_refworks_11_doctypes.txt":
        cnki_refworks.parse_cnki_refworks,
    "cnki_endnote/byc_TEMP_endnote_2015.txt": cnki_endnote.parse_cnki_endnote,
    "cnki_noteexpress/cnki2bibtex_mixed.net": cnki_noteexpress.parse_cnki_noteexpress,
    "other_noteexpress_wanfang/mrhelper_demo_wanfang_noteexpress_202101.NET":
        wanfang.parse_wanfang_noteexpress,
    "cnki_estudy/mrhelper_demo_cnki_estudy_202101.txt": cnki_estudy.parse_cnki_estudy,
    "cnki_selfdefined/kingwingfly_digitaltwin_CNKI-20221128005940461.txt":
        cnki_selfdefined.parse_cnki_selfdefined,
    "cnki_selfdefined/one1yi_cnki_excel_export_as_csv_gbk_61.csv": cnki_excel.parse_cnki_selfdefined_csv,
    "other_cssci/luciancnki_crawler_cssci_format_excellent_teachers.txt": cssci.parse_cssci,
}
_NOISE = st.lists(st.sampled_from(list("\x00\x1a\ufffd\"',;；/【】{}%:： \n\t-") +
                                  ["RT ", "%0 ", "{Reference Type}: ", "【来源篇名】", "DataType: 1",
                                   "SrcDatabase-来源库: ", "题名,作者\n", "A1", "\r"]),
                  max_size=12).map("".join)


def _head(rel: str) -> str:
    data = (CORPORA / rel).read_bytes()[:6000]
    for enc in ("utf-8", "gbk"):
        try:
            return data.decode(enc, errors="ignore" if enc == "gbk" else "strict")
        except UnicodeDecodeError:
            continue
    raise AssertionError(rel)


def _corrupt(text: str, data: st.DataObject) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cut = data.draw(st.integers(0, len(lines)))
    drop = data.draw(st.sets(st.integers(0, max(len(lines) - 1, 0)), max_size=5))
    lines = [ln for i, ln in enumerate(lines[:cut]) if i not in drop]
    out = "\n".join(lines)
    at = data.draw(st.integers(0, len(out)))
    return out[:at] + data.draw(_NOISE) + out[at:]


@pytest.mark.parametrize("rel", sorted(CASES))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_corrupted_exports_give_records_or_typed_errors(rel: str, data: st.DataObject) -> None:
    if not (CORPORA / rel).is_file():
        pytest.skip(f"{CORPORA} is absent")
    text = _corrupt(_head(rel), data)
    try:
        result = CASES[rel](text, rel)
    except LitmapError as exc:
        assert rel in str(exc)
        return
    n_lines = text.count("\n") + 1
    for record in result.records:
        assert record["title"] and 1 <= record["line"] <= n_lines
    for problem in result.problems:
        assert 1 <= problem.line <= n_lines and problem.reason


@settings(max_examples=30, deadline=None)
@given(data=st.binary(max_size=300), magic=st.sampled_from([b"", b"PK\x03\x04",
                                                             b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]))
def test_random_bytes_as_workbook_raise_typed_errors(data: bytes, magic: bytes) -> None:
    with pytest.raises(LitmapError):
        cnki_excel.parse_cnki_excel(magic + data, "x.xlsx")
