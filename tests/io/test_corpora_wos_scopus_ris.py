"""Real exports (../shared/corpora): counts and field coverage of every WoS, Scopus, RIS and
CiteSpace-converted file, and the MANIFEST's multi-file assertions."""

from __future__ import annotations

from pathlib import Path

import pytest

from litmap.io import read
from litmap.io.dedup import title_key

pytestmark = pytest.mark.corpora

MY_FORMATS = {"wos_plaintext": "wos_plaintext", "wos_tab": "wos_tab", "ris": "ris",
              "cnki_wos_like_converted": "cnki_citespace", "scopus_csv": "scopus_csv"}
_FIELDS = ("year_min", "year_max", "n_with_keywords", "n_with_abstract", "n_with_cited_refs",
           "n_cited_ref_items", "n_distinct_keywords", "n_distinct_keywords_casefold")


def _stats(corpus) -> dict[str, int]:
    rec = corpus.records
    kws = {k for ks in rec["keywords"] for k in ks}
    return {
        "year_min": int(rec["year"].min()), "year_max": int(rec["year"].max()),
        "n_with_keywords": int((rec["keywords"].map(len) > 0).sum()),
        "n_with_abstract": int(rec["abstract"].notna().sum()),
        "n_with_cited_refs": int((rec["cited_refs_raw"].map(len) > 0).sum()),
        "n_cited_ref_items": int(rec["cited_refs_raw"].map(len).sum()),
        "n_distinct_keywords": len(kws),
        "n_distinct_keywords_casefold": len({k.casefold() for k in kws}),
    }


def _my_files(expected: dict) -> list[str]:
    return sorted(k for k, v in expected.items() if v["format"] in MY_FORMATS)


@pytest.mark.slow
def test_every_file_reads_as_expected(corpora_dir: Path, expected_counts: dict) -> None:
    files = _my_files(expected_counts)
    assert len(files) >= 50
    for name in files:
        want = expected_counts[name]
        corpus = read(corpora_dir / name)
        row = corpus.report.files.iloc[0]
        assert row["format"] == MY_FORMATS[want["format"]], name
        assert row["encoding"] == want["encoding"], name
        assert (row["read"], row["rejected"], row["duplicates"]) == (want["records"], 0, 0), name
        got = _stats(corpus)
        for field in _FIELDS:
            if field in want:
                assert got[field] == want[field], (name, field)


def test_bci_folder_keeps_one_record_per_ut(corpora_dir: Path) -> None:
    c = read(corpora_dir / "wos_plaintext" / "multifile_bci_2020-2025")
    assert c.report.totals() == {"read": 2000, "kept": 1500, "duplicates": 500, "rejected": 0}
    assert c.records["native_id"].nunique() == 1500
    files = c.report.files.set_index(c.report.files["path"].map(lambda p: Path(p).name))
    assert files.loc["bci_savedrecs_(14)_identical_to_13.txt", "duplicates"] == 500
    rec = c.records
    kws = {k for ks in rec["keywords"] for k in ks}
    assert (len(kws), len({k.casefold() for k in kws})) == (3812, 3374)
    assert ((rec["keywords"].map(len) > 0).sum(), rec["abstract"].notna().sum(),
            (rec["cited_refs_raw"].map(len) > 0).sum()) == (1301, 1422, 1456)
    assert (rec["year"].min(), rec["year"].max()) == (1998, 2026)


def test_wosfile_plain_and_tab_agree(corpora_dir: Path) -> None:
    names = ["wos_plaintext/wosfile_plaintext.txt", "wos_tabdelim/wosfile_tab_win_utf16.txt",
             "wos_tabdelim/wosfile_tab_win_utf8.txt"]
    corpora = [read(corpora_dir / n) for n in names]
    uts = [set(c.records["native_id"]) for c in corpora]
    kws = [{k for ks in c.records["keywords"] for k in ks} for c in corpora]
    refs = [int(c.records["cited_refs_raw"].map(len).sum()) for c in corpora]
    assert uts[0] == uts[1] == uts[2] and len(uts[0]) == 50
    assert kws[0] == kws[1] == kws[2] and len(kws[0]) == 134
    assert refs == [2911] * 3
    assert corpora[0].records["cited_refs"].tolist() == corpora[1].records["cited_refs"].tolist()
    together = read([corpora_dir / n for n in names])
    assert together.report.totals()["kept"] == 50


def test_leomeng_wos_and_scopus_merge_on_shared_dois(corpora_dir: Path) -> None:
    names = ["wos_plaintext/leomeng_example_wos_150_hairloss.txt",
             "scopus_csv/leomeng_example_scopus_hairloss.csv"]
    c = read([corpora_dir / n for n in names])
    dups = c.report.duplicates
    assert (dups["rule"] == "doi").sum() == 99
    assert c.report.totals()["kept"] == 303 - len(dups)
    # Files are read in sorted order: the Scopus record is kept, the WoS record merged into it.
    assert dups["kept_uid"].str.startswith("SCOPUS:").all() and dups["uid"].str.startswith("WOS:").all()
    titles = {u: title_key(t) for n in names for u, t in read(corpora_dir / n).records[["uid", "title"]].values}
    # Scopus adds a translated title after "; " to a few records, so compare prefixes.
    assert all(titles[b].startswith(titles[a]) or titles[a].startswith(titles[b])
               for a, b in dups[["uid", "kept_uid"]].values)


def test_litstudy_scopus_column_shift(corpora_dir: Path) -> None:
    c = read(corpora_dir / "scopus_csv/litstudy_scopus.csv")
    assert (c.records["cited_refs_raw"].map(len) > 0).sum() == 48
    assert c.records["native_id"].str.startswith("2-s2.0-").all()


def test_bad_file_reads_leniently(corpora_dir: Path) -> None:
    bad = read(corpora_dir / "wos_plaintext/metaknowledge_badFile_malformed.isi")
    good = read(corpora_dir / "wos_plaintext/metaknowledge_savedrecs_32.txt")
    assert len(bad) == len(good) == 32
    assert set(bad.records["native_id"]) == set(good.records["native_id"])
    assert bad.records.loc[0, "cited_refs_raw"] == ["[ANONYMOUS], 1968, PHYS REV, V171, P1385"]
    assert len(good.records.loc[0, "cited_refs_raw"]) == 104


def test_converted_partial_file_fills_cited_refs(corpora_dir: Path) -> None:
    c = read(corpora_dir / "cnki_citespace_converted")
    assert c.report.totals() == {"read": 320, "kept": 307, "duplicates": 13, "rejected": 0}
    assert (c.records["cited_refs_raw"].map(len) > 0).sum() == 13
    assert set(c.records["db"]) == {"cnki"} and c.records["uid"].is_unique


@pytest.mark.parametrize("name", ["ris/wshuyi_cnki_via_endnote_tsqbgz.ris"])
def test_same_title_different_papers_stay_apart(corpora_dir: Path, name: str) -> None:
    c = read(corpora_dir / name)
    assert c.report.duplicates.empty
    assert (c.records["title"] == "序").sum() == 7


def test_split_and_shuffled_batches_equal_one_read(corpora_dir: Path, tmp_path: Path) -> None:
    source = corpora_dir / "wos_plaintext" / "tethne_wos2_100.txt"
    text = source.read_text(encoding="utf-8-sig")
    head, body = text.split("\nPT ", 1)
    records = ["PT " + r for r in body.split("\nPT ")]
    records[-1] = records[-1].rsplit("\nEF", 1)[0] + "\n"
    batches = [records[40:] + records[:5], list(reversed(records[:40]))]
    for i, batch in enumerate(batches):
        (tmp_path / f"part{i}.txt").write_text(head + "\n" + "".join(
            r if r.endswith("\n") else r + "\n" for r in batch), encoding="utf-8")
    whole, parts = read(source), read(tmp_path)
    assert parts.report.totals() == {"read": 105, "kept": 100, "duplicates": 5, "rejected": 0}
    cols = ["uid", "title", "authors", "keywords", "cited_refs", "year", "doi"]
    a = whole.records[cols].sort_values("uid").reset_index(drop=True)
    b = parts.records[cols].sort_values("uid").reset_index(drop=True)
    assert a.equals(b)
