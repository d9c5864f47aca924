"""litmap.read: paths, detection, errors, the import report and de-duplication."""

from __future__ import annotations

from pathlib import Path

import pytest

import litmap
from litmap.errors import FormatError, ParameterError, ParseError
from litmap.io import FORMATS, SKIPPED, read


def _wos(title: str, *, ut: str | None = None, doi: str | None = None, au: str = "Li, X",
         year: int = 2020, cr: list[str] | None = None) -> str:
    lines = ["PT J", f"AU {au}", f"TI {title}", f"PY {year}", "SO J TEST"]
    if cr:
        lines += [f"CR {cr[0]}"] + [f"   {c}" for c in cr[1:]]
    if doi:
        lines.append(f"DI {doi}")
    if ut:
        lines.append(f"UT {ut}")
    return "\n".join(lines + ["ER", ""])


def _file(path: Path, *records: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("FN Clarivate Analytics Web of Science\nVR 1.0\n" + "\n".join(records) + "EF\n",
                    encoding="utf-8")
    return path


def test_directory_is_read_recursively_sorted_skipping_hidden_and_non_exports(tmp_path: Path) -> None:
    _file(tmp_path / "b.txt", _wos("Beta", ut="WOS:2"))
    _file(tmp_path / "sub" / "a.txt", _wos("Alpha", ut="WOS:1"))
    _file(tmp_path / ".hidden.txt", _wos("Hidden", ut="WOS:3"))
    (tmp_path / "notes.md").write_text("# notes")
    (tmp_path / "corpus.parquet").write_bytes(b"PAR1")
    c = read(tmp_path)
    assert [Path(p).name for p in c.report.files["path"]] == ["b.txt", "a.txt"]
    assert list(c.records["title"]) == ["Beta", "Alpha"]


def test_globs_lists_and_paths_give_the_same_corpus(tmp_path: Path) -> None:
    a = _file(tmp_path / "a.txt", _wos("Alpha", ut="WOS:1"))
    b = _file(tmp_path / "b.txt", _wos("Beta", ut="WOS:2"))
    by_glob = read(str(tmp_path / "*.txt"))
    by_list = read([b, a, a])  # files are read in sorted order, each once
    assert list(by_glob.records["uid"]) == list(by_list.records["uid"]) == ["WOS:1", "WOS:2"]
    assert len(by_list.report.files) == 2


def test_bad_paths_and_parameters(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match="does not exist"):
        read(tmp_path / "missing.txt")
    with pytest.raises(ParameterError, match=r"matches no file"):
        read(str(tmp_path / "*.ris"))
    with pytest.raises(FormatError, match="no export files"):
        read(tmp_path)
    _file(tmp_path / "a.txt", _wos("Alpha"))
    with pytest.raises(ParameterError, match="unknown format 'bibtex'; choose one of: .*wos_plaintext"):
        read(tmp_path / "a.txt", format="bibtex")
    with pytest.raises(ParameterError, match="on_bad_record"):
        read(tmp_path / "a.txt", on_bad_record="ignore")


def test_unknown_format_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("hello world\nnot an export\n")
    with pytest.raises(FormatError, match=r"x\.txt, line 1: unknown export format.*hello world"):
        read(tmp_path / "x.txt")


def test_files_in_a_folder_that_are_no_export_are_skipped_and_listed(tmp_path: Path) -> None:
    _file(tmp_path / "a.txt", _wos("Alpha", ut="WOS:1"))
    (tmp_path / "UIDs.txt").write_text("WOS:1\nWOS:2\n")  # what a CiteSpace project folder holds
    with pytest.warns(UserWarning, match=r"skipped .*UIDs\.txt: not an export"):
        c = read(tmp_path)
    assert list(c.records["uid"]) == ["WOS:1"]
    files = c.report.files.set_index(c.report.files["path"].map(lambda p: Path(p).name))
    assert files.loc["UIDs.txt", "format"] == SKIPPED and files.loc["UIDs.txt", "read"] == 0
    with pytest.warns(UserWarning):
        assert len(read(str(tmp_path / "*.txt"))) == 1  # a glob finds files as a folder does
    with pytest.raises(FormatError, match="unknown export format"):
        read([tmp_path / "a.txt", tmp_path / "UIDs.txt"])  # named directly: an error
    (tmp_path / "a.txt").unlink()
    with pytest.warns(UserWarning), pytest.raises(FormatError, match="no file is an export"):
        read(tmp_path)


def test_explicit_format_skips_detection(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text(_wos("Alpha", ut="WOS:1").replace("\nPT J\n", "\n"), encoding="utf-8")
    c = read(path, format="wos_plaintext")
    assert len(c) == 1 and c.report.files.loc[0, "format"] == "wos_plaintext"


def test_formats_registry_holds_every_reader() -> None:
    assert {"wos_plaintext", "wos_tab", "cnki_citespace", "scopus_csv", "ris"} <= set(FORMATS)
    assert all(f.description for f in FORMATS.values())


def test_duplicates_by_doi_ut_and_title_with_conservation(tmp_path: Path) -> None:
    _file(tmp_path / "1.txt", _wos("Alpha", ut="WOS:1", doi="10.1/A"), _wos("Beta", ut="WOS:2"),
          _wos("Gamma Paper", au="Wu, Y"))
    _file(tmp_path / "2.txt", _wos("Alpha again", doi="https://doi.org/10.1/a"),
          _wos("Beta", ut="WOS:2", cr=["Smith J, 2010, NATURE, V1, P2"]), _wos("GAMMA  paper!", au="Wu, Y."))
    c = read(tmp_path)
    files = c.report.files.set_index(c.report.files["path"].map(lambda p: Path(p).name))
    assert files.loc["2.txt", ["read", "kept", "duplicates", "rejected"]].tolist() == [3, 0, 3, 0]
    assert (files["read"] == files["kept"] + files["duplicates"] + files["rejected"]).all()
    dups = c.report.duplicates
    assert list(dups["rule"]) == ["doi", "ut", "title"]
    assert list(dups["kept_uid"][:2]) == ["WOS:1", "WOS:2"]
    beta = c.records.set_index("uid").loc["WOS:2"]
    assert beta["cited_refs"] == ["smith j|2010|nature|1|2|"]  # filled from the duplicate


def test_same_title_different_papers_are_not_merged(tmp_path: Path) -> None:
    _file(tmp_path / "a.txt", _wos("序", au="王一", year=2017), _wos("序", au="李二", year=2017),
          _wos("Same title", ut="WOS:1"), _wos("Same title", ut="WOS:2"),
          _wos("Other", doi="10.1/x"), _wos("Other", doi="10.1/y"))
    c = read(tmp_path / "a.txt")
    assert len(c) == 6 and c.report.duplicates.empty and c.records["uid"].is_unique


def test_cnki_record_matches_its_english_wos_version(tmp_path: Path) -> None:
    cnki = ("PT J\nAU 王一, \nTI 城乡融合研究\nPY 2020\nUT CNKI:0\nER\n")
    path = tmp_path / "download_1.txt"
    path.write_text(cnki, encoding="utf-8")
    from litmap.io import dedup

    records = [{"db": "cnki", "title": "城乡融合研究", "title_alt": "Urban-rural integration", "year": 2020,
                "authors": ["王一"]},
               {"db": "wos", "title": "Urban-Rural Integration", "year": 2020, "authors": ["Wang, Y"],
                "native_id": "WOS:5"}]
    assert dedup.deduplicate(records) == [(1, 0, "title_alt")]
    assert "native_id" not in records[0]  # provenance is never copied from a duplicate
    assert len(read(path)) == 1


def test_batches_read_together_equal_one_read(tmp_path: Path) -> None:
    recs = [_wos(f"Paper {i}", ut=f"WOS:{i}", doi=f"10.1/{i}") for i in range(6)]
    whole = _file(tmp_path / "whole" / "all.txt", *recs)
    _file(tmp_path / "parts" / "p2.txt", *recs[3:], recs[0])
    _file(tmp_path / "parts" / "p1.txt", *reversed(recs[:4]))
    one, parts = read(whole), read(tmp_path / "parts")
    cols = ["uid", "title", "doi", "year"]
    assert (one.records[cols].sort_values("uid").reset_index(drop=True)
            .equals(parts.records[cols].sort_values("uid").reset_index(drop=True)))
    assert parts.report.totals() == {"read": 8, "kept": 6, "duplicates": 2, "rejected": 0}


def test_warn_policy_warns_once_per_file_and_keeps_good_records(tmp_path: Path) -> None:
    _file(tmp_path / "a.txt", _wos("Good", ut="WOS:1"), "PT J\nAU x\nER\n", "PT J\nAU y\nER\n")
    with pytest.warns(UserWarning, match="2 bad records rejected; first at line 11") as rec:
        c = read(tmp_path / "a.txt", on_bad_record="warn")
    assert len(rec) == 1 and len(c) == 1
    assert c.report.rejected["line"].tolist() == [11, 15]
    with pytest.raises(ParseError, match=r"a\.txt, line 11: record has neither a title"):
        read(tmp_path / "a.txt")


def test_corpus_saves_and_loads(tmp_path: Path) -> None:
    _file(tmp_path / "a.txt", _wos("Alpha", ut="WOS:1", cr=["Smith J, 2010, NATURE, V1, P2"]))
    c = read(tmp_path / "a.txt")
    back = litmap.Corpus.load(c.save(tmp_path / "c.parquet"))
    assert back.records["cited_refs"].tolist() == [["smith j|2010|nature|1|2|"]]
    assert back.report.totals() == c.report.totals()


def test_a_file_named_twice_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _file(tmp_path / "a.txt", _wos("Alpha", ut="WOS:1"))
    monkeypatch.chdir(tmp_path)
    c = read([path, "a.txt", tmp_path / "." / "a.txt"])
    assert len(c.report.files) == 1 and c.report.totals()["read"] == 1
