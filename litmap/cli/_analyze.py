"""``litmap analyze``: detection screens, entropy index, panel and logit models.

Each subcommand reads a CSV file, calls :mod:`analysis`, writes its tables as CSV
and HTML into ``--out`` and prints a summary. Bad input raises a
:class:`~litmap.errors.LitmapError`, which the top-level group reports as one
line with exit code 2. The analysis package is imported inside the commands so
that ``litmap --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["COMMANDS", "analyze_group"]

_IN = click.Path(exists=True, dir_okay=False, path_type=Path)
_OUT = click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path),
                    default=Path("analysis_output"), show_default=True, help="Output folder.")


def _write(out: Path, stem: str, csv_text: str, html_text: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"{stem}.csv", out / f"{stem}.html"]
    paths[0].write_text(csv_text, encoding="utf-8")
    page = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + stem + "</title></head>"
            "<body>\n" + html_text + "</body></html>\n")
    paths[1].write_text(page, encoding="utf-8")
    return paths


def _frame_files(out: Path, stem: str, frame) -> list[Path]:
    from analysis.report import frame_html
    return _write(out, stem, frame.to_csv(index=False, lineterminator="\n"), frame_html(frame))


def _echo_written(paths: list[Path]) -> None:
    click.echo("wrote " + ", ".join(str(p) for p in paths))


@click.group("analyze")
def analyze_group() -> None:
    """Counter-urbanization analysis: detect, entropy, panel, logit."""


@analyze_group.command("detect")
@click.argument("panel", type=_IN)
@click.option("--config", type=_IN, default=None,
              help="Screens TOML (default: the bundled corpora/analysis/screens.toml).")
@_OUT
def detect_cmd(panel: Path, config: Path | None, out: Path) -> None:
    """Run the elimination screens over a ring PANEL (city, unit, ring, year, population, urban, rural)."""
    from analysis.detect import detect_counterurbanization, spatial_stages
    from analysis.rings import load_ring_panel

    rings = load_ring_panel(panel)
    result = detect_counterurbanization(rings, config=config)
    paths = _frame_files(out, "detect_audit", result.audit)
    paths += _frame_files(out, "detect_cities", result.cities)
    window = tuple(result.params["windows"][-1])
    paths += _frame_files(out, "detect_stages", spatial_stages(rings, window))
    click.echo(result.summary())
    _echo_written(paths)


@analyze_group.command("entropy")
@click.argument("indicators", type=_IN)
@click.option("--negative", multiple=True, help="Indicator where smaller is better (repeatable).")
@click.option("--method", type=click.Choice(["minmax", "sum"]), default="minmax", show_default=True)
@click.option("--shift", type=float, default=1e-4, show_default=True, help="Shift A added before logs.")
@click.option("--id", "ids", multiple=True,
              help="Identifier column kept as row label (repeatable; default: city and year if present).")
@click.option("--column", "-c", "columns", multiple=True,
              help="Indicator column (repeatable; default: every column except the ids and --year).")
@click.option("--year", default=None, help="Year column (needed with --by-year).")
@click.option("--by-year", is_flag=True, help="Weights year by year instead of pooling all rows.")
@click.option("--constant", type=click.Choice(["error", "zero"]), default="error", show_default=True,
              help="A constant column is an error or gets weight 0.")
@click.option("--scale", type=float, default=1.0, show_default=True, help="Multiply scores (e.g. 100).")
@_OUT
def entropy_cmd(indicators: Path, negative: tuple[str, ...], method: str, shift: float,
                ids: tuple[str, ...], columns: tuple[str, ...], year: str | None, by_year: bool, constant: str, scale: float,
                out: Path) -> None:
    """Weight the columns of INDICATORS (rows: samples) by the entropy method and score the rows."""
    from analysis.data import read_table
    from analysis.entropy import entropy_weights
    from analysis.errors import ParameterError

    frame, _ = read_table(indicators)
    keys = list(ids) or [c for c in ("city", "year") if c in frame.columns]
    for name, option in [(k, "--id") for k in keys] + [(year, "--year")] + [(c, "--column") for c in columns]:
        if name is not None and name not in frame.columns:
            raise ParameterError(f"{option} {name!r} is not a column of {indicators}")
    if by_year and year is None:
        raise ParameterError("--by-year needs --year <column>")
    data = frame.set_index(keys) if keys else frame
    result = entropy_weights(data, negative=negative, method=method, shift=shift, pooled=not by_year,
                             year=year, constant=constant, scale=scale, columns=list(columns) or None)
    scores = result.scores.reset_index()
    scores.columns = [str(c) for c in scores.columns]
    paths = _frame_files(out, "entropy_weights", result.to_frame())
    paths += _frame_files(out, "entropy_scores", scores)
    click.echo(f"{result.params['n']} rows, {len(result.params['columns'])} indicators, "
               f"method {method}{', by year' if by_year else ''}")
    click.echo(result.to_frame().round(6).to_string(index=False))
    _echo_written(paths)


@analyze_group.command("panel")
@click.argument("panel", type=_IN)
@click.option("--dependent", "-y", default="cui", show_default=True, help="Dependent variable.")
@click.option("--regressor", "-x", "regressors", multiple=True,
              help="Regressor (repeatable; default: every other column, all numeric).")
@click.option("--entity", default="city", show_default=True)
@click.option("--time", default="year", show_default=True)
@click.option("--bandwidth", type=float, default=None, help="Driscoll-Kraay bandwidth.")
@click.option("--wild-bootstrap", "reps", type=int, default=0, show_default=True,
              help="Also give wild cluster bootstrap p-values of the two-way FE slopes (replications).")
@_OUT
def panel_cmd(panel: Path, dependent: str, regressors: tuple[str, ...], entity: str, time: str,
              bandwidth: float | None, reps: int, out: Path) -> None:
    """Pooled OLS, F / LM / Hausman tests and FE, RE and two-way FE models of a city PANEL."""
    from analysis.data import read_table, validate_city_panel
    from analysis.errors import ParameterError
    from analysis.regress import panel_sequence
    from analysis.tables import regression_table

    frame, first = read_table(panel)
    if entity != "city" or time != "year":
        frame = frame.rename(columns={entity: "city", time: "year"})
    for name, option in [(dependent, "--dependent")] + [(x, "--regressor") for x in regressors]:
        if name not in frame.columns:
            raise ParameterError(f"{option} {name!r} is not a column of {panel}")
    frame = validate_city_panel(frame, indicators=[dependent, *regressors] if regressors else None,
                                source=str(panel), first_line=first)
    xs = list(regressors) or [c for c in frame.columns if c not in ("city", "year", dependent)]
    seq = panel_sequence(frame, dependent=dependent, regressors=xs, bandwidth=bandwidth)
    models = [seq.models[k] for k in ("pooled", "fe", "re", "twoway_clustered", "twoway_dk")]
    table = regression_table(models, title=f"Panel models of {dependent}")
    paths = _write(out, "panel_models", table.to_csv(), table.to_html())
    tests = seq.tests_frame()
    paths += _frame_files(out, "panel_tests", tests)
    click.echo(str(table))
    click.echo(tests[["test", "statistic", "df", "pvalue"]].round(4).to_string(index=False))
    if reps:
        import pandas as pd

        from analysis.bootstrap import wild_cluster_bootstrap
        boot = pd.DataFrame([wild_cluster_bootstrap(frame, dependent=dependent, regressors=xs, term=x,
                                                    reps=reps) for x in xs])
        paths += _frame_files(out, "panel_wild_bootstrap", boot)
        click.echo(boot[["term", "coef", "t", "pvalue"]].round(4).to_string(index=False))
    _echo_written(paths)


@analyze_group.command("logit")
@click.argument("survey", type=_IN)
@click.option("--undecided", type=click.Choice(["drop", "zero"]), default="drop", show_default=True,
              help="Drop 没想好 answers or code them 0 (robustness).")
@click.option("--by", type=click.Choice(["generation", "gender", "education", "flow_range", "city_size"]),
              default=None, help="Also fit the logit in each subgroup.")
@click.option("--no-city-fe", is_flag=True, help="Leave out inflow-city fixed effects.")
@_OUT
def logit_cmd(survey: Path, undecided: str, by: str | None, no_city_fe: bool, out: Path) -> None:
    """Logit, average marginal effects and probit of return intention in a SURVEY (CMDS shape)."""
    from analysis.data import read_table
    from analysis.micro import (DEFAULT_CONTROLS, fit_binary, fit_subgroups, marginal_effects,
                                prepare_survey)
    from analysis.tables import regression_table

    frame, first = read_table(survey)
    data = prepare_survey(frame, undecided=undecided, source=str(survey), first_line=first)
    logit = fit_binary(data, city_fe=not no_city_fe)
    models = [logit, marginal_effects(logit), fit_binary(data, model="probit", city_fe=not no_city_fe)]
    table = regression_table(models, title="Return intention (1 = return)")
    paths = _write(out, "logit_models", table.to_csv(), table.to_html())
    if by is not None:
        drop = {"gender": "female", "education": "schooling", "flow_range": DEFAULT_CONTROLS[5]}.get(by)
        controls = [c for c in DEFAULT_CONTROLS if c != drop]
        groups = fit_subgroups(data, by=by, controls=controls, city_fe=not no_city_fe)
        sub = regression_table(groups, title=f"Return intention by {by}")
        paths += _write(out, f"logit_by_{by}", sub.to_csv(), sub.to_html())
    click.echo(f"{logit.nobs} respondents, share returning {data['return'].mean():.3f}")
    click.echo(str(table))
    _echo_written(paths)


COMMANDS = [analyze_group]
