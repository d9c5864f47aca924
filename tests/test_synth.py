"""The synthetic-export generator (litmap.synth), the bundled demo corpus and the alias table."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from litmap.errors import ParameterError
from litmap.synth import (COUNTERURBANIZATION, write_cnki_demo, write_cnki_refworks, write_demo, write_planted,
                          write_wos)
from litmap.synth.__main__ import main as synth_main

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"
ALIAS = ROOT / "corpora" / "alias"


def _records(path: Path, lang: str) -> list[dict[str, list[str]]]:
    """A minimal tagged-format parse (independent of litmap.io): per record, tag -> its lines."""
    text = path.read_text(encoding="utf-8-sig")
    records: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    tag = ""
    for line in text.splitlines():
        if line.startswith("PT " if lang == "en" else "RT "):
            current = {}
            records.append(current)
        if current is None or not line.strip():
            continue
        if line[:2].strip() and line[2:3] == " ":
            tag = line[:2]
            current.setdefault(tag, []).append(line[3:])
        elif tag:
            current[tag].append(line.strip())
    return records


def _field(rec: dict, tag: str) -> str:
    return " ".join(rec.get(tag, []))


def _keywords(rec: dict, lang: str) -> set[str]:
    field = _field(rec, "DE" if lang == "en" else "K1")
    return {k.strip().casefold() for k in re.split(r"[;；]", field) if k.strip()}


def _year(rec: dict, lang: str) -> int:
    return int(rec["PY" if lang == "en" else "YR"][0])


def _read():
    """``litmap.io.read``, or skip when the readers have not landed."""
    io = pytest.importorskip("litmap.io", reason="litmap.io (the readers) is not importable yet")
    if not hasattr(io, "read"):
        pytest.skip("litmap.io.read does not exist yet")
    return io.read


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("demo") / "demo"
    return folder, write_demo(folder, seed=0)


def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    a = write_wos(tmp_path / "a.txt", 150, seed=3)
    b = write_wos(tmp_path / "b.txt", 150, seed=3)
    c = write_wos(tmp_path / "c.txt", 150, seed=4)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()
    x = write_cnki_refworks(tmp_path / "x.txt", 150, seed=3)
    y = write_cnki_refworks(tmp_path / "y.txt", 150, seed=3)
    assert x.read_bytes() == y.read_bytes()


def test_demo_is_byte_identical_to_the_committed_corpus(demo_dir: tuple[Path, dict], tmp_path: Path) -> None:
    folder, summary = demo_dir
    again = write_demo(tmp_path / "again", seed=0)
    assert again == summary
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(p.name for p in (tmp_path / "again").iterdir())
    for name in names:
        assert (folder / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name
    # the committed corpus is the generator's current output
    assert sorted(p.name for p in DEMO.iterdir()) == names
    for name in names:
        assert (DEMO / name).read_bytes() == (folder / name).read_bytes(), f"corpora/demo/{name} is stale"
    planted = write_planted(summary, tmp_path / "planted.json")
    assert planted.read_bytes() == (ROOT / "corpora" / "demo_planted.json").read_bytes()


def test_wos_layout_and_counts(tmp_path: Path) -> None:
    path = write_wos(tmp_path / "w.txt", 120, seed=1, refs=12, abstract_words=60)
    raw = path.read_bytes()
    assert raw.startswith("\ufeffFN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n".encode())
    assert raw.endswith(b"ER\n\nEF") and b"\r\n" not in raw
    text = raw.decode("utf-8-sig")
    assert len(re.findall(r"^PT J$", text, re.M)) == 120 == len(re.findall(r"^ER$", text, re.M))
    recs = _records(path, "en")
    assert all(r["UT"][0].startswith("WOS:") and len(r["UT"][0]) == 19 for r in recs)
    assert len({r["UT"][0] for r in recs}) == 120
    for r in recs:
        assert int(r["NR"][0]) == len(r.get("CR", []))
        assert all(c.startswith("[") and c.endswith(".") for c in r["C1"])
        assert 2000 <= _year(r, "en") <= 2024
    mean_nr = sum(int(r["NR"][0]) for r in recs) / len(recs)
    assert 8 <= mean_nr <= 16


def test_cnki_layout_and_batches(tmp_path: Path) -> None:
    paths = write_cnki_demo(tmp_path, 320, seed=2, batch=150, repeats=5)
    assert [p.name for p in paths] == ["cnki_refworks_1-150.txt", "cnki_refworks_151-300.txt",
                                       "cnki_refworks_301-320.txt"]
    counts = [len(_records(p, "cn")) for p in paths]
    assert counts == [150, 155, 25]
    raw = paths[0].read_bytes()
    assert raw.startswith("RT Journal Article\r\nSR 1\r\nA1 ".encode()) and raw.endswith(b"\r\n\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    recs = [r for p in paths for r in _records(p, "cn")]
    links = Counter(r["LK"][0] for r in recs)
    assert len(links) == 320 and sum(c - 1 for c in links.values()) == 10
    assert all(r["LA"] == ["中文;"] and r["DS"] == ["CNKI"] and "vo" in r for r in recs)
    with pytest.raises(ParameterError, match="batch"):
        write_cnki_demo(tmp_path, 10, batch=501)


@pytest.mark.parametrize("kwargs", [{"n": -1}, {"n": 2.5}, {"n": 5, "start_year": 2020, "end_year": 2010},
                                    {"n": 5, "refs": -3}])
def test_bad_parameters_raise_parameter_error(tmp_path: Path, kwargs: dict) -> None:
    with pytest.raises(ParameterError):
        write_wos(tmp_path / "bad.txt", **kwargs)


def test_volume_grows_and_planted_trends_burst_in_their_window(tmp_path: Path) -> None:
    for lang, path in (("cn", write_cnki_refworks(tmp_path / "c.txt", 3000, seed=5, abstract_chars=0)),
                       ("en", write_wos(tmp_path / "w.txt", 3000, seed=5, refs=0, abstract_words=0))):
        recs = _records(path, lang)
        years = [_year(r, lang) for r in recs]
        assert sum(y >= 2020 for y in years) > 3 * sum(y <= 2004 for y in years)
        kws = [_keywords(r, lang) for r in recs]
        for trend in COUNTERURBANIZATION.trends:
            term = trend.term
            forms = {f.casefold() for f in ((term.cn, *term.cn_variants) if lang == "cn"
                                             else (term.en, *term.en_variants))}
            inside = [bool(k & forms) for k, y in zip(kws, years) if trend.start <= y <= trend.end]
            outside = [bool(k & forms) for k, y in zip(kws, years) if not trend.start <= y <= trend.end]
            rate_in = sum(inside) / len(inside)
            assert sum(inside) >= 20, (lang, term.en, sum(inside))
            if outside:
                assert rate_in > 4 * sum(outside) / len(outside), (lang, term.en)


def test_cited_references_show_preferential_attachment(tmp_path: Path) -> None:
    recs = _records(write_wos(tmp_path / "w.txt", 800, seed=6, abstract_words=0), "en")
    cited = Counter()
    for r in recs:
        cited.update(item.split(", DOI ")[0] for item in r.get("CR", []))
        assert all(int(item.split(", ")[1]) <= _year(r, "en") for item in r.get("CR", []))  # no future
    counts = sorted(cited.values(), reverse=True)
    assert counts[0] >= 10 * counts[len(counts) // 2]


def test_demo_plants_cross_database_twins_and_messy_keywords(demo_dir: tuple[Path, dict]) -> None:
    folder, summary = demo_dir
    wos = _records(folder / "download_wos_1-300.txt", "en")
    cnki = [r for p in sorted(folder.glob("cnki_*.txt")) for r in _records(p, "cn")]
    assert [f["records"] for f in summary["files"]] == [150, 156, 300]
    assert len(wos) == 300 and len(cnki) == 306
    wos_dois = {r["DI"][0] for r in wos if "DI" in r}
    cnki_dois = {r["DO"][0] for r in cnki if "DO" in r}
    assert sorted(wos_dois & cnki_dois) == summary["shared_dois"] and len(summary["shared_dois"]) == 12
    assert any("；" in _field(r, "K1") for r in cnki)
    de = [k.strip() for r in wos for k in _field(r, "DE").split(";")]
    assert "Rural revitalization" in de and "rural revitalization" in de
    assert summary["unique"]["total"] == 588 and summary["records_read"] == 606


def test_demo_is_read_by_litmap_with_the_planted_counts(demo_dir: tuple[Path, dict]) -> None:
    folder, summary = demo_dir
    corpus = _read()(folder)
    totals = corpus.report.totals()
    assert totals == {"read": summary["records_read"], "kept": summary["unique"]["total"],
                      "duplicates": summary["duplicates"]["total"], "rejected": 0}
    recs = corpus.records
    assert sorted(recs["db"].value_counts().to_dict().items()) == \
        [("cnki", summary["unique"]["cnki"]), ("wos", summary["unique"]["wos"] - len(summary["shared_dois"]))]
    assert [int(recs["year"].min()), int(recs["year"].max())] == \
        [min(summary["years"]["cnki"][0], summary["years"]["wos"][0]),
         max(summary["years"]["cnki"][1], summary["years"]["wos"][1])]
    assert {"China", "UK", "USA", "Netherlands", "Australia"} <= set(recs["countries"].explode().dropna())


def test_large_wos_file_is_read_with_every_record_and_reference(tmp_path: Path) -> None:
    path = write_wos(tmp_path / "w.txt", 400, seed=7)
    recs = _records(path, "en")
    corpus = _read()(path)
    assert len(corpus) == 400 and corpus.report.totals()["duplicates"] == 0
    assert int(corpus.records["cited_refs_raw"].map(len).sum()) == sum(int(r["NR"][0]) for r in recs)


def test_alias_table_maps_every_generated_variant_to_its_primary_form() -> None:
    lines = (ALIAS / "counterurbanization.alias").read_text(encoding="utf-8").splitlines()
    pairs = [line.split("\t") for line in lines]
    assert all(len(p) == 2 and p[0] == p[0].lower() and p[1] == p[1].lower() for p in pairs)
    alias = dict((a, primary) for primary, a in pairs)
    assert len(alias) == len(pairs), "an alias is listed twice"
    terms = {t.term for t in COUNTERURBANIZATION.trends} | {t for topic in COUNTERURBANIZATION.topics
                                                          for t in topic.terms}
    for term in terms:
        if term.cn_variants or term.en_variants:
            for form in (term.cn, *term.cn_variants, *term.en_variants):
                assert alias.get(form.lower()) == term.en.lower(), form
    thesaurus = (ALIAS / "counterurbanization_thesaurus.txt").read_text(encoding="utf-8").splitlines()
    assert thesaurus[0] == "label\treplace by"
    assert dict(line.split("\t") for line in thesaurus[1:]) == alias


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert synth_main(["wos", str(tmp_path / "w.txt"), "20", "1"]) == 0
    assert (tmp_path / "w.txt").read_text(encoding="utf-8-sig").count("\nER\n") == 20
    assert synth_main(["cnki", str(tmp_path / "c.txt"), "-3"]) == 2
    assert "n must be a non-negative integer" in capsys.readouterr().err
    assert synth_main(["nonsense"]) == 2
    summary = tmp_path / "demo_planted.json"
    assert synth_main(["demo", str(tmp_path / "demo")]) == 0
    assert json.loads(summary.read_text(encoding="utf-8"))["synthetic"] is True
