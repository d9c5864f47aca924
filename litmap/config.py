"""The study configuration of ``litmap run``: defaults, TOML files, validation, overrides.

A study configuration is a two-level mapping ``{section: {key: value}}`` whose
sections and keys are declared once, in :data:`PARAMETERS`, with their defaults,
types, ranges and help text. From that one table come the defaults
(:func:`default_config`), the validation of a file (:func:`load_config`: unknown
keys are an error with a did-you-mean), the merge with command-line overrides
(:func:`merge_config`) and the commented file written by ``litmap config init``
(:func:`config_template`). The defaults follow CiteSpace: 1-year slices, g-index
with k = 25, cosine strength, no pruning, Leiden with seed 0, bursts with
gamma = 1 and a minimum duration of 2, keyword network.
"""

from __future__ import annotations

import copy
import difflib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from litmap.errors import ConfigError, ParameterError

__all__ = ["PARAMETERS", "default_config", "load_config", "merge_config",
           "validate_config", "config_template", "resolve_paths"]

def _network_choices(name: str) -> Callable[[], tuple[str, ...]]:
    """The allowed values of a network option, read from :mod:`litmap.network` when needed."""
    def choices() -> tuple[str, ...]:
        import litmap.network as network

        return tuple(getattr(network, name))
    return choices


def _cluster_choices(name: str) -> Callable[[], tuple[str, ...]]:
    def choices() -> tuple[str, ...]:
        import litmap.cluster.detect as detect
        import litmap.cluster.labels as labels

        return tuple(getattr(detect, name, None) or getattr(labels, name))
    return choices


def _check_select(value: str) -> str | None:
    from litmap.network.select import parse_select

    if value.strip().lower() in ("all", "none"):
        return "write 'top%:100' to keep every item"
    try:
        parse_select(value)
    except ParameterError as exc:
        return str(exc)
    return None


def _check_analyses(value: list[str]) -> str | None:
    if not value:
        return "name at least one analysis"
    if len(set(value)) != len(value):
        return "an analysis is listed twice"
    return None


@dataclass(frozen=True, slots=True)
class Parameter:
    """One key of the study configuration.

    Attributes
    ----------
    default : object
        Default value (also its type: str, int, float, bool or list of str).
    help : str
        One line written as a comment by ``litmap config init``.
    choices : tuple of str or callable, optional
        Allowed values of a string (or of each item of a list), or a function
        returning them (so that the stage modules are imported only when needed).
    low, high : float, optional
        Inclusive range of a number.
    check : callable, optional
        ``check(value) -> str | None``: an error message for a bad value.
    """

    default: Any
    help: str
    choices: tuple[str, ...] | Callable[[], tuple[str, ...]] = ()
    low: float | None = None
    high: float | None = None
    check: Callable[[Any], str | None] | None = None


#: section -> key -> Parameter. Year 0 and empty strings mean "not set".
PARAMETERS: dict[str, dict[str, Parameter]] = {
    "input": {
        "paths": Parameter([], "export files, folders or globs (relative to this file); "
                               "paths given on the command line replace them"),
        "format": Parameter("auto", "reader format (see `litmap import --help`) or 'auto' to detect it"),
        "on_bad_record": Parameter("warn", "what to do with a record that cannot be read",
                                   choices=("error", "warn", "skip")),
    },
    "output": {
        "dir": Parameter("litmap-out", "output folder (replaced as a whole at the end of a run)"),
        "title": Parameter("Literature map", "title of the HTML report"),
    },
    "network": {
        "analyses": Parameter(["keyword"], "networks to map, one report section each",
                              choices=_network_choices("KINDS"), check=_check_analyses),
        "from_year": Parameter(0, "first year of the time span (0: first year in the data)",
                               low=0, high=2200),
        "to_year": Parameter(0, "last year of the time span (0: last year in the data)",
                             low=0, high=2200),
        "slice_years": Parameter(1, "years per time slice", low=1, high=100),
        "select": Parameter("g-index:25", "node selection per slice: 'g-index:K', 'top:N' or 'top%:P'",
                            check=_check_select),
        "min_count": Parameter(1, "items in fewer records of a slice are not candidates there",
                               low=1, high=10**6),
        "strength": Parameter("cosine", "link strength", choices=_network_choices("STRENGTHS")),
        "counting": Parameter("full", "co-occurrence counting", choices=_network_choices("COUNTINGS")),
        "prune": Parameter("none", "network pruning: 'none', 'pathfinder' or 'mst'",
                           choices=lambda: ("none", *_network_choices("PRUNINGS")())),
        "prune_scope": Parameter("merged", "prune the slice networks, the merged network or both",
                                 choices=_network_choices("PRUNE_SCOPES")),
        "alias": Parameter("", "alias table (CiteSpace or VOSviewer thesaurus format); "
                               "a bilingual table merges CNKI and WoS keywords"),
        "exclude": Parameter("", "exclusion list, one item per line (terms left out of the map)"),
        "keywords_plus": Parameter(False, "keyword networks: add WoS Keywords Plus / Scopus index keywords"),
        "merge_plurals": Parameter(True, "merge English plurals into their singular"),
        "weighted_betweenness": Parameter(False, "betweenness on path lengths 1/strength, not hop counts"),
    },
    "cluster": {
        "method": Parameter("leiden", "clustering algorithm", choices=_cluster_choices("METHODS")),
        "resolution": Parameter(1.0, "resolution of the modularity objective", low=1e-6, high=1e3),
        "seed": Parameter(0, "random seed (same seed, same clusters)", low=0, high=2**31 - 1),
        "min_size": Parameter(5, "clusters with fewer nodes are flagged small", low=1, high=10**6),
        "label_source": Parameter(["title"], "where cluster labels come from",
                                  choices=_cluster_choices("SOURCES")),
        "label_top": Parameter(5, "label terms kept per cluster and method", low=1, high=100),
    },
    "burst": {
        "mode": Parameter("default", "burst convention: every burst, or CiteSpace's burst table",
                          choices=("default", "citespace")),
        "s": Parameter(2.0, "ratio of burst rate to base rate", low=1.0 + 1e-9, high=1e3),
        "gamma": Parameter(1.0, "cost of entering a burst state", low=0.0, high=1e3),
        "states": Parameter(2, "number of burst states", low=2, high=10),
        "min_duration": Parameter(2, "minimum burst length in slices", low=1, high=100),
        "top": Parameter(25, "items in the 'strongest bursts' table and figure", low=1, high=1000),
    },
}


def default_config() -> dict[str, dict[str, Any]]:
    """Return a fresh copy of the default study configuration.

    Returns
    -------
    dict
        ``{section: {key: value}}`` for every entry of :data:`PARAMETERS`.
    """
    return {s: {k: copy.deepcopy(p.default) for k, p in keys.items()} for s, keys in PARAMETERS.items()}


def _did_you_mean(word: str, options: Any) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _all_keys() -> list[str]:
    return [f"{s}.{k}" for s, keys in PARAMETERS.items() for k in keys]


def _unknown_key_message(section: str, key: str | None, where: str) -> str:
    if key is None:
        hint = _did_you_mean(section, PARAMETERS) or _did_you_mean(section, _all_keys())
        return f"{where}unknown section [{section}]{hint}; sections are {', '.join(PARAMETERS)}"
    hint = _did_you_mean(key, PARAMETERS[section]) or _did_you_mean(f"{section}.{key}", _all_keys())
    return f"{where}unknown key '{key}' in [{section}]{hint}"


def _coerce(name: str, value: Any, param: Parameter) -> Any:
    """Return ``value`` converted to the type of ``param.default`` or raise ParameterError."""
    default = param.default
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif isinstance(default, list):
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    else:
        ok = isinstance(value, str)
    if not ok:
        kind = "list of strings" if isinstance(default, list) else type(default).__name__
        raise ParameterError(f"{name}: expected a {kind}, got {value!r}")
    choices = _choices(param)
    if choices:
        items = value if isinstance(value, list) else [value]
        for item in items:
            if item not in choices:
                raise ParameterError(f"{name}: {item!r} is not one of {', '.join(choices)}"
                                     f"{_did_you_mean(item, choices)}")
    if param.low is not None and value < param.low or param.high is not None and value > param.high:
        raise ParameterError(f"{name}: {value!r} is out of range [{_num(param.low)}, {_num(param.high)}]")
    if param.check is not None:
        problem = param.check(value)
        if problem:
            raise ParameterError(f"{name}: {problem}")
    return value


def _choices(param: Parameter) -> tuple[str, ...]:
    return tuple(param.choices()) if callable(param.choices) else param.choices


def _num(x: float | None) -> str:
    return "-inf" if x is None else f"{x:g}"


def validate_config(config: Mapping[str, Any], *, where: str = "") -> dict[str, dict[str, Any]]:
    """Check a (partial) configuration and return it completed with the defaults.

    Parameters
    ----------
    config : mapping
        ``{section: {key: value}}``; missing sections and keys take their defaults.
    where : str, optional
        Prefix of error messages (e.g. the file name and ``": "``).

    Returns
    -------
    dict
        A complete, validated configuration (a new object).

    Raises
    ------
    ConfigError
        On an unknown section or key (with a did-you-mean suggestion).
    ParameterError
        On a value of the wrong type or out of range; the message names the key.
    """
    out = default_config()
    for section, keys in config.items():
        if section not in PARAMETERS:
            raise ConfigError(_unknown_key_message(section, None, where))
        if not isinstance(keys, Mapping):
            raise ConfigError(f"{where}[{section}] must be a table of keys, got {keys!r}")
        for key, value in keys.items():
            if key not in PARAMETERS[section]:
                raise ConfigError(_unknown_key_message(section, key, where))
            try:
                out[section][key] = _coerce(f"{section}.{key}", value, PARAMETERS[section][key])
            except ParameterError as exc:
                raise ParameterError(f"{where}{exc}") from None
    net = out["network"]
    if net["from_year"] and net["to_year"] and net["from_year"] > net["to_year"]:
        raise ParameterError(f"{where}network.from_year ({net['from_year']}) is after "
                             f"network.to_year ({net['to_year']})")
    return out


def load_config(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read and validate a TOML study configuration.

    Relative paths in ``input.paths``, ``output.dir``, ``network.alias`` and
    ``network.exclude`` are taken relative to the folder of the file.

    Parameters
    ----------
    path : str or Path
        The ``.toml`` file.

    Returns
    -------
    dict
        The complete configuration (defaults for every key the file omits).

    Raises
    ------
    ConfigError
        When the file is missing, unreadable, not valid TOML or holds an unknown key.
    ParameterError
        When a value is of the wrong type or out of range.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the config file is not UTF-8 text") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not a valid TOML file ({exc})") from None
    config = validate_config(data, where=f"{path}: ")
    return resolve_paths(config, path.parent, only=data)


def resolve_paths(config: dict[str, dict[str, Any]], base: str | Path, *,
                  only: Mapping[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """Make the path-valued keys absolute, relative to ``base``.

    Parameters
    ----------
    config : dict
        A validated configuration; changed in place and returned.
    base : str or Path
        Folder that relative paths are relative to.
    only : mapping, optional
        Resolve only the keys present in this (partial) configuration.

    Returns
    -------
    dict
        ``config``.
    """
    base = Path(base).resolve()

    def given(section: str, key: str) -> bool:
        return only is None or key in only.get(section, {})

    if given("input", "paths"):
        config["input"]["paths"] = [str(base / p) for p in config["input"]["paths"]]
    if given("output", "dir"):
        config["output"]["dir"] = str(base / config["output"]["dir"])
    for key in ("alias", "exclude"):
        if given("network", key) and config["network"][key]:
            config["network"][key] = str(base / config["network"][key])
    return config


def merge_config(base: Mapping[str, Mapping[str, Any]],
                 overrides: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Return ``base`` with dotted-key overrides applied (command line over file).

    Parameters
    ----------
    base : mapping
        A complete configuration (e.g. from :func:`load_config`).
    overrides : mapping of str to object
        ``{"section.key": value}``; ``None`` values are ignored (option not given).

    Returns
    -------
    dict
        A new, validated configuration.

    Raises
    ------
    ConfigError, ParameterError
        As :func:`validate_config`, naming the overridden key.
    """
    merged = copy.deepcopy({s: dict(k) for s, k in base.items()})
    for dotted, value in overrides.items():
        if value is None:
            continue
        section, _, key = dotted.partition(".")
        if section not in PARAMETERS or key not in PARAMETERS[section]:
            raise ConfigError(f"unknown setting {dotted!r}{_did_you_mean(dotted, _all_keys())}")
        merged.setdefault(section, {})[key] = value
    return validate_config(merged)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def config_template() -> str:
    """Return the commented default configuration written by ``litmap config init``.

    Returns
    -------
    str
        TOML text that :func:`load_config` reads back to :func:`default_config`
        (apart from path resolution).
    """
    lines = ["# litmap study configuration. Every key is optional: an omitted key takes the",
             "# default shown here. Options of `litmap run` override this file.",
             "# Run it with: litmap run --config study.toml"]
    for section, keys in PARAMETERS.items():
        lines += ["", f"[{section}]"]
        for key, param in keys.items():
            choices = _choices(param)
            extra = f" ({', '.join(choices)})" if choices and key != "prune" else ""
            lines.append(f"# {param.help}{extra}")
            lines.append(f"{key} = {_toml_value(param.default)}")
    return "\n".join(lines) + "\n"
