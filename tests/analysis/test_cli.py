"""``litmap analyze``: files written, summaries printed, bad input -> one line and exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from analysis.rings import CORPUS
from analysis.synth import synthetic_city_panel, synthetic_survey


@pytest.fixture(scope="module")
def main():
    from litmap.cli import main as entry
    return entry


def _run(main, args):
    result = CliRunner().invoke(main, ["analyze", *args])
    return result, result.output   # stdout and stderr together


def test_detect_writes_audit_and_is_deterministic(main, tmp_path):
    args = ["detect", str(CORPUS / "census_rings.csv"), "--config", str(CORPUS / "screens.toml")]
    first, text = _run(main, [*args, "-o", str(tmp_path / "a")])
    assert first.exit_code == 0, text
    assert "11 candidate cities" in text and "maturity: removed" in text
    second, _ = _run(main, [*args, "-o", str(tmp_path / "b")])
    assert second.exit_code == 0
    for name in ("detect_audit.csv", "detect_audit.html", "detect_cities.csv", "detect_cities.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / "detect_audit.csv").read_text(encoding="utf-8").startswith(
        "city,step,screen,value,threshold,figures,reached,passed,removed_by")


def test_entropy_command(main, tmp_path):
    panel = tmp_path / "ind.csv"
    synthetic_city_panel(n_cities=4, years=range(2018, 2021)).to_csv(panel, index=False)
    result, text = _run(main, ["entropy", str(panel), "--negative", "gap", "-c", "gap", "-c", "town_ps",
                               "-o", str(tmp_path)])
    assert result.exit_code == 0, text
    assert "12 rows, 2 indicators" in text
    scores = (tmp_path / "entropy_scores.csv").read_text(encoding="utf-8").splitlines()
    assert scores[0] == "city,year,score" and len(scores) == 13


def test_entropy_unknown_negative_column_exits_2(main, tmp_path):
    panel = tmp_path / "ind.csv"
    synthetic_city_panel(n_cities=3, years=range(2019, 2021)).to_csv(panel, index=False)
    result, text = _run(main, ["entropy", str(panel), "--negative", "x3", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "Error: negative indicator 'x3' is not a column" in text
    assert "Traceback" not in text


def test_panel_and_logit_commands(main, tmp_path):
    panel = tmp_path / "panel.csv"
    synthetic_city_panel().to_csv(panel, index=False)
    result, text = _run(main, ["panel", str(panel), "-x", "gap", "-x", "town_ps", "--wild-bootstrap", "199",
                               "-o", str(tmp_path)])
    assert result.exit_code == 0, text
    assert "Hausman (FE vs RE)" in text
    assert (tmp_path / "panel_wild_bootstrap.csv").read_text(encoding="utf-8").startswith("term,coef,t,pvalue")
    assert "<table" in (tmp_path / "panel_models.html").read_text(encoding="utf-8")
    survey = tmp_path / "survey.csv"
    synthetic_survey(n=800, n_cities=6, seed=3).to_csv(survey, index=False)
    result, text = _run(main, ["logit", str(survey), "--by", "gender", "-o", str(tmp_path)])
    assert result.exit_code == 0, text
    assert "respondents, share returning" in text
    assert (tmp_path / "logit_by_gender.csv").is_file() and (tmp_path / "logit_models.html").is_file()


@pytest.mark.parametrize(("command", "content", "message"), [
    ("panel", "city,year,cui,gap\nA,2019,1,2\nA,2019,2,3\n", "duplicate city/year"),
    ("panel", "city,year,cui,gap\nA,2019,1,2\nA,2020,x,3\n", "row 3, column 'cui': not a number"),
    ("detect", "city,unit,ring,year,population\nA,1,centre,2010,5\n", "unknown code 'centre'"),
    ("logit", "id,city\n1,A\n", "missing column"),
])
def test_bad_files_exit_2_with_one_line(main, tmp_path, command, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    result, text = _run(main, [command, str(path), "-o", str(tmp_path)])
    assert result.exit_code == 2, text
    assert message in text
    assert len([ln for ln in text.splitlines() if ln.startswith("Error:")]) == 1


def test_bad_config_exits_2(main, tmp_path):
    cfg = tmp_path / "screens.toml"
    cfg.write_text("[[screens]]\nname = 'sprawl'\n", encoding="utf-8")
    result, text = _run(main, ["detect", str(CORPUS / "census_rings.csv"), "--config", str(cfg),
                               "-o", str(tmp_path)])
    assert result.exit_code == 2 and "unknown name 'sprawl'" in text
    assert not Path(tmp_path / "detect_audit.csv").exists()


def test_panel_regressor_subset_ignores_other_columns(main, tmp_path):
    panel = tmp_path / "panel.csv"
    synthetic_city_panel().assign(province="somewhere").to_csv(panel, index=False)
    result, text = _run(main, ["panel", str(panel), "-x", "gap", "-o", str(tmp_path)])
    assert result.exit_code == 0, text
    result, text = _run(main, ["panel", str(panel), "-x", "nope", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "--regressor 'nope' is not a column" in text
