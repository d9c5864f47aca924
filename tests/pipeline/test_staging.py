"""Output folder written whole or not at all; stage log; manifest helpers."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from litmap._progress import StageLog
from litmap._staging import check_output_dir, staged_output
from litmap.errors import ParameterError
from litmap.manifest import file_sha256, output_hashes, versions, write_json


def _siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_success_moves_the_staging_folder_into_place(tmp_path: Path):
    out = tmp_path / "out"
    with staged_output(out) as tmp:
        assert tmp.parent == tmp_path and tmp != out
        (tmp / "manifest.json").write_text("{}")
        assert not out.exists()
    assert (out / "manifest.json").read_text() == "{}"
    assert _siblings(tmp_path) == ["out"]


def test_error_leaves_the_previous_output_untouched(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text("old")
    with pytest.raises(RuntimeError):
        with staged_output(out) as tmp:
            (tmp / "manifest.json").write_text("new")
            raise RuntimeError("boom")
    assert _siblings(out) == ["manifest.json"]
    assert (out / "manifest.json").read_text() == "old"
    assert _siblings(tmp_path) == ["out"]


def test_previous_litmap_output_is_replaced_as_a_whole(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text("old")
    (out / "stale.csv").write_text("x")
    with staged_output(out) as tmp:
        (tmp / "manifest.json").write_text("new")
    assert _siblings(out) == ["manifest.json"]
    assert _siblings(tmp_path) == ["out"]


def test_foreign_folder_or_file_is_refused(tmp_path: Path):
    (tmp_path / "thesis").mkdir()
    (tmp_path / "thesis" / "chapter1.docx").write_text("precious")
    with pytest.raises(ParameterError, match="not a litmap output folder"):
        check_output_dir(tmp_path / "thesis")
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(ParameterError, match="not a folder"):
        check_output_dir(tmp_path / "file.txt")
    (tmp_path / "empty").mkdir()
    assert check_output_dir(tmp_path / "empty") == (tmp_path / "empty").absolute()


def test_stage_log_times_stages_and_collects_warnings():
    stream = io.StringIO()
    log = StageLog(verbosity=1, stream=stream)
    with log.stage("read"):
        block = bytearray(50 * 1024 * 1024)
        block[::4096] = b"x" * len(block[::4096])
    log.warn("17 % of records without keywords")
    log.warn("17 % of records without keywords")
    log.info("hidden detail")
    assert [s.name for s in log.stages] == ["read"]
    assert log.stages[0].seconds >= 0
    assert log.stages[0].peak_rss_mb >= 50
    assert log.warnings == ["17 % of records without keywords"]
    text = stream.getvalue()
    assert "read" in text and text.count("Warning: 17 %") == 1 and "hidden detail" not in text
    data = log.to_dict()
    assert data["stages"][0]["name"] == "read" and data["peak_rss_mb"] >= data["stages"][0]["peak_rss_mb"]


def test_quiet_log_prints_nothing_but_keeps_warnings():
    stream = io.StringIO()
    log = StageLog(verbosity=0, stream=stream)
    with log.stage("read"):
        pass
    log.warn("slice 2003 has no records")
    assert stream.getvalue() == ""
    assert log.warnings == ["slice 2003 has no records"]


def test_verbose_log_prints_details():
    stream = io.StringIO()
    StageLog(verbosity=2, stream=stream).info("network: 40 nodes")
    assert "network: 40 nodes" in stream.getvalue()


def test_hashes_and_json(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_bytes(b"abc")
    (tmp_path / "m.json").write_text("{}")
    assert file_sha256(tmp_path / "a" / "x.txt") == hashlib.sha256(b"abc").hexdigest()
    assert output_hashes(tmp_path, exclude=["m.json"]) == {"a/x.txt": hashlib.sha256(b"abc").hexdigest()}
    write_json({"b": 1, "a": "逆城市化"}, tmp_path / "o.json")
    text = (tmp_path / "o.json").read_text(encoding="utf-8")
    assert text.index('"a"') < text.index('"b"') and "逆城市化" in text
    assert json.loads(text) == {"a": "逆城市化", "b": 1}


def test_versions_name_litmap_and_dependencies():
    v = versions()
    import litmap
    import numpy
    assert v["litmap"] == litmap.__version__ and v["numpy"] == numpy.__version__
    assert "leidenalg" in v and "python" in v


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_live_line_on_a_terminal_for_stages_over_a_second():
    import time

    stream = _Terminal()
    log = StageLog(verbosity=1, stream=stream)
    with log.stage("keyword: labels"):
        time.sleep(2.3)
    text = stream.getvalue()
    assert "\rkeyword: labels" in text and " s ..." in text  # live elapsed time
    assert text.rstrip().endswith("MB") and "\r\033[K" in text  # final line replaces it
    quick = _Terminal()
    with StageLog(verbosity=1, stream=quick).stage("read"):
        pass
    assert " s ..." not in quick.getvalue()
