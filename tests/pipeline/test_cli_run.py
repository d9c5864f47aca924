"""``litmap run`` / ``config init`` on the command line: precedence and bad input (exit code 2)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

import litmap.pipeline
from litmap.cli import main
from litmap.config import default_config, validate_config


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    """A previous litmap output folder whose content must survive a failed run."""
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "manifest.json").write_text('{"old": true}\n')
    (folder / "report.html").write_text("<p>old</p>")
    return folder


def _untouched(out: Path) -> None:
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "report.html"]
    assert (out / "report.html").read_text() == "<p>old</p>"
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".out")) == []


@pytest.fixture()
def export(tmp_path: Path) -> Path:
    path = tmp_path / "savedrecs.txt"
    path.write_text("FN Clarivate Analytics Web of Science\nVR 1.0\nEF\n", encoding="utf-8")
    return path


def _run(args: list[str]):
    return CliRunner().invoke(main, args)


def _one_line_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in result.output


def test_missing_export_path(out: Path, tmp_path: Path):
    result = _run(["run", str(tmp_path / "nope.txt"), "-o", str(out)])
    _one_line_error(result, "nope.txt", "no such file")
    _untouched(out)


def test_unreadable_config(out: Path, export: Path, tmp_path: Path):
    result = _run(["run", str(export), "-o", str(out), "--config", str(tmp_path / "missing.toml")])
    _one_line_error(result, "missing.toml", "cannot read")
    bad = tmp_path / "bad.toml"
    bad.write_text("[network\n", encoding="utf-8")
    _one_line_error(_run(["run", str(export), "-o", str(out), "--config", str(bad)]), "not a valid TOML")
    _untouched(out)


def test_unknown_config_key_with_did_you_mean(out: Path, export: Path, tmp_path: Path):
    cfg = tmp_path / "study.toml"
    cfg.write_text('[network]\nslice_yeras = 2\n', encoding="utf-8")
    result = _run(["run", str(export), "-o", str(out), "--config", str(cfg)])
    _one_line_error(result, "slice_yeras", "did you mean 'slice_years'?")
    _untouched(out)


@pytest.mark.parametrize("args, fragment", [
    (["--slice-years", "0"], "network.slice_years"),
    (["--select", "g-index:-3"], "network.select"),
    (["--strength", "cosin"], "did you mean 'cosine'"),
    (["--analyses", "keyword,autor"], "did you mean 'author'"),
    (["--set", "burst.gama=2"], "did you mean 'burst.gamma'"),
    (["--from-year", "2020", "--to-year", "2010"], "from_year"),
])
def test_parameter_out_of_range(out: Path, export: Path, args: list[str], fragment: str):
    _one_line_error(_run(["run", str(export), "-o", str(out), *args]), fragment)
    _untouched(out)


@pytest.mark.parametrize("args, key", [
    (["--alias", "none.alias"], "network.alias"),
    (["--set", "network.exclude=none.alias"], "network.exclude"),
])
def test_missing_alias_or_exclusion_file(out: Path, export: Path, args: list[str], key: str):
    result = _run(["run", str(export), "-o", str(out), *args])
    _one_line_error(result, key, "none.alias", "no such file")
    _untouched(out)


def test_foreign_output_folder_is_refused(export: Path, tmp_path: Path):
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "chapter.docx").write_text("precious")
    _one_line_error(_run(["run", str(export), "-o", str(thesis)]), "not a litmap output folder")
    assert (thesis / "chapter.docx").read_text() == "precious"


def test_unreadable_export_leaves_output_untouched(out: Path, tmp_path: Path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01\x02 binary \xff\xfe" * 50)
    result = _run(["run", str(junk), "-o", str(out)])
    assert result.exit_code == 2 and result.output.startswith("Error: ") and "junk.txt" in result.output
    _untouched(out)


def test_command_line_overrides_the_config_file(monkeypatch, tmp_path: Path, export: Path):
    seen = {}

    def fake_run(config, *, log=None):
        seen.update(config)
        raise litmap.errors.ParameterError("stop here")

    monkeypatch.setattr(litmap.pipeline, "run_study", fake_run)
    cfg = tmp_path / "cfg" / "study.toml"
    cfg.parent.mkdir()
    cfg.write_text('[input]\npaths = ["a.txt"]\n[network]\nstrength = "jaccard"\nslice_years = 3\n'
                   '[cluster]\nseed = 4\n[burst]\nstates = 3\n', encoding="utf-8")
    result = _run(["run", "--config", str(cfg), "--slice-years", "2", "--set", "burst.states=4"])
    assert result.exit_code == 2 and "stop here" in result.output
    assert seen["network"]["slice_years"] == 2       # option beats file
    assert seen["network"]["strength"] == "jaccard"  # file beats default
    assert seen["cluster"]["seed"] == 4
    assert seen["burst"]["states"] == 4              # --set beats file
    assert seen["input"]["paths"] == [str(cfg.parent.resolve() / "a.txt")]  # relative to the file
    seen.clear()
    _run(["run", str(export), "--config", str(cfg), "-o", "here"])
    assert seen["input"]["paths"] == [str(Path.cwd() / export)]  # EXPORTS replace input.paths
    assert seen["output"]["dir"] == str(Path.cwd() / "here")


def test_config_init_writes_defaults_that_load_back(tmp_path: Path):
    path = tmp_path / "study.toml"
    result = _run(["config", "init", str(path)])
    assert result.exit_code == 0, result.output
    assert validate_config(tomllib.loads(path.read_text(encoding="utf-8"))) == default_config()
    again = _run(["config", "init", str(path)])
    _one_line_error(again, "exists", "--force")
    assert _run(["config", "init", str(path), "--force"]).exit_code == 0
    check = _run(["config", "check", str(path)])
    assert check.exit_code == 0 and "strength = 'cosine'" in check.output


def test_quiet_and_verbose_exclude_each_other(export: Path, tmp_path: Path):
    result = _run(["run", str(export), "-o", str(tmp_path / "o"), "-q", "-v"])
    assert result.exit_code == 2 and "exclude each other" in result.output


def test_no_exports_at_all(tmp_path: Path):
    _one_line_error(_run(["run", "-o", str(tmp_path / "o")]), "no export files given")
    assert not (tmp_path / "o").exists()


def test_output_inside_the_input_folder_is_refused(tmp_path: Path, export: Path):
    result = _run(["run", str(tmp_path), "-o", str(tmp_path / "out")])
    _one_line_error(result, "inside the input folder")
    assert not (tmp_path / "out").exists()
