"""``litmap import`` and ``litmap info``: exit codes, files and messages."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from litmap.cli import main
from litmap.corpus import Corpus

WOS = ("FN Clarivate Analytics Web of Science\nVR 1.0\n"
       "PT J\nAU Li, X\nTI Urban sprawl\nSO LAND USE POLICY\nDE sprawl; land use\nPY 2019\n"
       "DI 10.1/a\nUT WOS:1\nER\n"
       "PT J\nAU Wu, Y\nTI Rural change\nSO J RURAL STUD\nDE sprawl\nPY 2021\nUT WOS:2\nER\nEF\n")
RIS = "TY  - JOUR\nTI  - Urban sprawl\nAU  - Li, X\nPY  - 2019\nDO  - 10.1/A\nER  - \n"


def _inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "savedrecs.txt").write_text(WOS, encoding="utf-8")
    (folder / "zotero.ris").write_text(RIS, encoding="utf-8")
    return folder


def test_import_prints_the_report_and_writes_the_corpus(tmp_path: Path) -> None:
    out = tmp_path / "corpus.parquet"
    result = CliRunner().invoke(main, ["import", str(_inputs(tmp_path)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "savedrecs.txt" in result.output and "zotero.ris" in result.output
    assert "total: 3 read, 2 kept, 1 duplicates merged, 0 rejected" in result.output
    assert "duplicates by rule: doi 1" in result.output
    assert len(Corpus.load(out)) == 2


def test_info_describes_the_corpus(tmp_path: Path) -> None:
    out = tmp_path / "corpus.parquet"
    CliRunner().invoke(main, ["import", str(_inputs(tmp_path)), "-o", str(out)])
    result = CliRunner().invoke(main, ["info", str(out), "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "2 records" in result.output and "wos" in result.output
    assert "2019:     1" in result.output and "2021:     1" in result.output
    assert "top 3 keywords" in result.output and "     2  sprawl" in result.output
    assert "field coverage" in result.output and "keywords" in result.output


def test_bad_input_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["import", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "c.parquet")])
    assert result.exit_code == 2
    assert result.output.strip().startswith("Error: ") and "empty.txt: empty file" in result.output
    assert "Traceback" not in result.output


def test_format_choices_come_from_the_registry(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["import", "--help"])
    assert result.exit_code == 0 and "wos_plaintext" in result.output and "scopus_csv" in result.output
    bad = CliRunner().invoke(main, ["import", str(_inputs(tmp_path)), "-o", "x.parquet", "--format", "bibtex"])
    assert bad.exit_code == 2 and "bibtex" in bad.output


def test_on_bad_record_warn_reports_rejections(tmp_path: Path) -> None:
    (tmp_path / "cut.txt").write_text(WOS.replace("ER\nEF\n", ""), encoding="utf-8")
    out = tmp_path / "c.parquet"
    strict = CliRunner().invoke(main, ["import", str(tmp_path / "cut.txt"), "-o", str(out)])
    assert strict.exit_code == 2 and "line 12: truncated record" in strict.output
    lenient = CliRunner().invoke(main, ["import", str(tmp_path / "cut.txt"), "-o", str(out),
                                        "--on-bad-record", "warn"])
    assert lenient.exit_code == 0 and "warning:" in lenient.output
    assert "total: 2 read, 1 kept, 0 duplicates merged, 1 rejected" in lenient.output
