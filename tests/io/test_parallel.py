"""Large WoS files read block by block (in two processes or one) give the ordinary result."""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

import pandas as pd
import pytest

import litmap.io
import litmap.io._parallel as parallel
from litmap.io import read
from litmap.synth import write_wos


def _same(a, b) -> None:
    pd.testing.assert_frame_equal(a.records, b.records)
    for name in ("files", "rejected", "duplicates"):
        pd.testing.assert_frame_equal(getattr(a.report, name), getattr(b.report, name))


def _both(path: Path, monkeypatch: pytest.MonkeyPatch, **kw):
    one = read(path, **kw)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 1)
    monkeypatch.setattr(parallel, "CHUNK", 1 << 15)  # many chunks even in a small file
    used: list[bool] = []  # per file: whether the block-by-block path read it

    def spy(*args):
        out = parallel.read_large(*args)
        used.append(out is not None)
        return out

    two_processes = parallel._two_processes

    def chunked(path: str, cuts: list[int]):
        CHUNKS.append(len(cuts) - 1)
        return two_processes(path, cuts)

    CHUNKS.clear()
    monkeypatch.setattr(litmap.io, "read_large", spy)
    monkeypatch.setattr(parallel, "_two_processes", chunked)
    two = read(path, **kw)
    return one, two, used


CHUNKS: list[int] = []  # the chunks of every file the last _both read in two processes


@pytest.mark.parametrize("fork", [True, False])
def test_synthetic_file_with_bom_crlf_and_bad_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     fork: bool) -> None:
    monkeypatch.setattr(parallel, "_can_fork", lambda: fork)  # False: one process, block by block
    src = write_wos(tmp_path / "src.txt", 300, seed=3)
    text = src.read_text(encoding="utf-8-sig")
    middle = text.index("\nPT ", len(text) // 3)
    text = text[:middle] + "\ngarbage between records\n" + text[middle:] + "PT J\nTI cut off\n"
    path = tmp_path / "wos.txt"
    path.write_bytes(codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"))
    one, two, used = _both(path, monkeypatch, on_bad_record="skip")
    assert used == [True]
    assert (CHUNKS[0] > 10) if fork else not CHUNKS
    _same(one, two)
    assert len(two.report.rejected) == 2 and two.report.files.loc[0, "encoding"] == "utf-8-sig"


def test_not_utf8_falls_back_to_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_can_fork", lambda: True)
    src = write_wos(tmp_path / "src.txt", 40, seed=4)
    text = src.read_text(encoding="utf-8-sig").replace("TI ", "TI 城乡 ", 3)
    path = tmp_path / "gbk.txt"
    path.write_bytes(text.encode("gbk"))
    one, two, used = _both(path, monkeypatch)
    assert used == [False]
    _same(one, two)
    assert two.report.files.loc[0, "encoding"] == "gbk"


@pytest.mark.corpora
def test_real_wos_exports(corpora_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_can_fork", lambda: True)  # whatever the machine's load
    one, two, used = _both(corpora_dir / "wos_plaintext", monkeypatch, on_bad_record="skip")
    assert sum(used) >= 10  # every UTF-8 file
    assert sum(n > 2 for n in CHUNKS) >= 5  # read in several chunks by two processes
    _same(one, two)


def test_a_busy_machine_reads_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import litmap._background as bg

    monkeypatch.setattr(bg, "running", lambda: 64.0)
    assert not parallel._can_fork()
    monkeypatch.setattr(bg, "running", lambda: 1.0)  # only this process
    monkeypatch.setattr(bg, "_cpus", lambda: 2)
    assert parallel._can_fork() == ("fork" in __import__("multiprocessing").get_all_start_methods())


@pytest.mark.parametrize("fork", [True, False])
def test_references_unified_across_the_two_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 fork: bool) -> None:
    monkeypatch.setattr(parallel, "_can_fork", lambda: fork)
    text = write_wos(tmp_path / "src.txt", 200, seed=5).read_text(encoding="utf-8-sig")
    first = "CR Smith J, 2010, NATURE, V12, P34, DOI 10.1234/x\n"
    second = "CR Smith J, 2010, NAT, V12, P34, DOI 10.1234/x\n"
    records = text.split("\nPT ")
    for i in range(1, len(records)):  # the first form early in the file (twice), the other late (once)
        if i in (3, 10, len(records) - 5):
            cited = first if i < 50 else second
            records[i] = records[i].replace("\nCR ", "\n" + cited + "   ", 1)
    path = tmp_path / "wos.txt"
    path.write_text("\nPT ".join(records), encoding="utf-8")
    one, two, used = _both(path, monkeypatch)
    assert used == [True]
    _same(one, two)
    late = two.records["cited_refs"].iloc[-5]
    assert "smith j|2010|nature|12|34|10.1234/x" in late and "smith j|2010|nat|12|34|10.1234/x" not in late


@pytest.mark.parametrize("where", [0.25, 0.75])
def test_bad_utf8_in_either_part_falls_back_to_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         where: float) -> None:
    monkeypatch.setattr(parallel, "_can_fork", lambda: True)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where the worker's item files go
    text = write_wos(tmp_path / "src.txt", 300, seed=6).read_text(encoding="utf-8-sig")
    at = text.index("\nAB ", int(len(text) * where)) + 4  # inside an abstract of this part
    data = text[:at].encode("utf-8") + "城乡融合".encode("gb18030") + text[at:].encode("utf-8")
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    one, two, used = _both(path, monkeypatch, on_bad_record="skip")
    assert used == [False]  # the child's error (or this process's) ends the two-process read
    _same(one, two)
    assert not list(scratch.iterdir())  # no item files left behind
