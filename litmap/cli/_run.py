"""``litmap run``, ``litmap demo`` and ``litmap config init``: the whole study in one command."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import click

from litmap.config import default_config, load_config, merge_config
from litmap.errors import ConfigError

__all__ = ["COMMANDS", "run_cmd", "demo_cmd", "config_group", "parse_override"]

#: Command-line option -> configuration key (None when the option is not given).
_OVERRIDES = {
    "out": "output.dir", "title": "output.title", "format": "input.format",
    "on_bad_record": "input.on_bad_record", "analyses": "network.analyses",
    "from_year": "network.from_year", "to_year": "network.to_year",
    "slice_years": "network.slice_years", "select": "network.select",
    "strength": "network.strength", "prune": "network.prune", "alias": "network.alias",
    "method": "cluster.method", "seed": "cluster.seed", "gamma": "burst.gamma",
    "min_duration": "burst.min_duration", "burst_mode": "burst.mode",
}


def parse_override(text: str) -> tuple[str, Any]:
    """Parse a ``section.key=value`` override from the command line.

    The value is read as a TOML value (``3``, ``1.5``, ``true``, ``["a", "b"]``,
    ``"text"``); anything that is not valid TOML is taken as a plain string.

    Parameters
    ----------
    text : str
        E.g. ``"network.strength=jaccard"``.

    Returns
    -------
    tuple of (str, object)
        The dotted key and the value.

    Raises
    ------
    ConfigError
        When ``text`` has no ``=`` or the key is not ``section.key``.
    """
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or key.count(".") != 1:
        raise ConfigError(f"--set {text!r}: expected SECTION.KEY=VALUE, e.g. network.strength=jaccard")
    try:
        value = tomllib.loads(f"v = {raw.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw.strip()
    return key, value


def _verbosity(quiet: bool, verbose: bool) -> int:
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose exclude each other")
    return 0 if quiet else 2 if verbose else 1


def _finish(result: Any, verbosity: int) -> None:
    """Tell the user where the report is (even when quiet: it is the answer)."""
    if verbosity:
        totals = result.manifest["records"]
        click.echo(f"{totals['kept']} records mapped ({totals['read']} read, {totals['duplicates']} "
                   f"duplicates, {totals['rejected']} rejected); {len(result.warnings)} warnings",
                   err=True)
    click.echo(f"Report: {result.report}")


@click.command("run")
@click.argument("exports", nargs=-1, type=click.Path(path_type=str))
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=str),
              help="Output folder  [default: litmap-out, or output.dir of the config]")
@click.option("-c", "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Study configuration (TOML); options given here override it.")
@click.option("--analyses", help="Comma-separated: keyword, author, institution, country, reference, ... "
                                 "[default: keyword]")
@click.option("--from-year", type=int, help="First year (0: first year in the data).")
@click.option("--to-year", type=int, help="Last year (0: last year in the data).")
@click.option("--slice-years", type=int, help="Years per time slice  [default: 1]")
@click.option("--select", help="Node selection per slice: g-index:K, top:N, top%:P  [default: g-index:25]")
@click.option("--strength", help="Link strength  [default: cosine]")
@click.option("--prune", help="none, pathfinder or mst  [default: none]")
@click.option("--alias", type=click.Path(dir_okay=False, path_type=str),
              help="Alias table (CiteSpace or VOSviewer thesaurus); bilingual tables merge CNKI and WoS.")
@click.option("--method", help="Clustering: leiden, louvain, spectral  [default: leiden]")
@click.option("--seed", type=int, help="Random seed  [default: 0]")
@click.option("--gamma", type=float, help="Burst transition cost  [default: 1]")
@click.option("--min-duration", type=int, help="Minimum burst length in slices  [default: 2]")
@click.option("--burst-mode", help="default or citespace  [default: default]")
@click.option("--format", help="Reader format (default: detected per file).")
@click.option("--on-bad-record", help="error, warn or skip  [default: warn]")
@click.option("--title", help="Report title.")
@click.option("--set", "settings", multiple=True, metavar="SECTION.KEY=VALUE",
              help="Set any configuration key, e.g. --set burst.states=3 (repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the report path.")
@click.option("-v", "--verbose", is_flag=True, help="Print details of every stage.")
def run_cmd(exports: tuple[str, ...], config_path: Path | None, settings: tuple[str, ...], quiet: bool,
            verbose: bool, **options: object) -> None:
    """Map a field from EXPORTS (files, folders or globs) into an output folder.

    Writes report.html, the network files, tables and figures of every analysis,
    manifest.json (versions, parameters, input hashes, record counts) and
    timings.json. Defaults follow CiteSpace: 1-year slices, g-index k=25, cosine,
    no pruning, Leiden seed 0, bursts gamma=1 with minimum duration 2.
    """
    from litmap._progress import StageLog
    from litmap.config import resolve_paths
    from litmap.pipeline import run_study

    verbosity = _verbosity(quiet, verbose)
    base = load_config(config_path) if config_path is not None else default_config()
    overrides = dict(parse_override(s) for s in settings)
    overrides.update({key: options[name] for name, key in _OVERRIDES.items()})
    if exports:
        overrides["input.paths"] = list(exports)
    config = merge_config(base, overrides)
    cli_paths = {s: {k.split(".")[1]: v for k, v in overrides.items()
                     if k.startswith(s + ".") and v is not None} for s in ("input", "output", "network")}
    config = resolve_paths(config, Path.cwd(), only=cli_paths)
    result = run_study(config, log=StageLog(verbosity=verbosity))
    _finish(result, verbosity)


@click.command("demo")
@click.option("-o", "--out", default="demo-out", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the report path.")
@click.option("-v", "--verbose", is_flag=True, help="Print details of every stage.")
def demo_cmd(out: Path, quiet: bool, verbose: bool) -> None:
    """Map the bundled (synthetic) counter-urbanization demo corpus, CNKI + WoS."""
    from litmap._progress import StageLog
    from litmap.pipeline import demo_config, run_study

    verbosity = _verbosity(quiet, verbose)
    result = run_study(demo_config(out), log=StageLog(verbosity=verbosity))
    _finish(result, verbosity)
    if verbosity:
        click.echo(f"Open it in a browser, e.g.: python -m webbrowser {result.report.as_uri()}", err=True)


@click.group("config")
def config_group() -> None:
    """Write or check a study configuration file."""


@config_group.command("init")
@click.argument("path", default="study.toml", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def config_init(path: Path, force: bool) -> None:
    """Write a commented default configuration to PATH (default: study.toml)."""
    from litmap.config import config_template

    if path.exists() and not force:
        raise ConfigError(f"{path} exists; use --force to overwrite it")
    path.write_text(config_template(), encoding="utf-8")
    click.echo(f"Wrote {path}; run it with: litmap run --config {path}")


@config_group.command("check")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def config_check(path: Path) -> None:
    """Validate PATH and print the complete configuration it gives."""
    config = load_config(path)
    for section, keys in config.items():
        click.echo(f"[{section}]")
        for key, value in keys.items():
            click.echo(f"{key} = {value!r}")


COMMANDS = [run_cmd, demo_cmd, config_group]
