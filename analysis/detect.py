"""Counter-urbanization detection by step-by-step elimination over a ring panel.

An ordered chain of named screens runs over the candidate cities; each screen
removes the cities that fail it, and the audit trail keeps every figure, the
verdict and the screen that removed each city. Screens, thresholds and unit
definitions come from a TOML file (``corpora/analysis/screens.toml`` is the
default, documented in place):

``maturity``
    urbanisation rate (urban / resident population) in ``year`` >= ``min_rate``.
``dispersion``
    the core loses weight over the last window: ``core_share`` (change of the
    core's population share < ``threshold``), ``growth_gap`` (periphery growth
    minus core growth > ``threshold``) or ``roxy`` (ROXY over the units <
    ``threshold``; ``roxy_weights = "ring"`` by default, see :func:`spatial_stages`).
``beyond_suburbanisation``
    growth reaches beyond the suburbs: ``county_vs_inner`` (county-ring growth
    minus inner-suburb growth > ``threshold``), ``rural_growth`` (growth of the
    rural population > ``threshold``) or ``county_rural_growth`` (of the county ring).
``persistence``
    the dispersion signal holds in at least ``min_windows`` windows.

Growth is the ratio minus one over a window. The spec's third option for
``beyond_suburbanisation`` (positive net in-migration to counties) is not offered:
the census yearbooks count in-migrants by origin but not out-migrants, so net
migration cannot be computed from them. A ring a city does not have (Wuhan
has no county, Hefei no inner suburb) makes the figure undefined and the screen
fails, with the reason in the audit trail.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.cycle import roxy_index, van_den_berg_stages
from analysis.data import RINGS, validate_ring_panel
from analysis.errors import ConfigError, ParameterError
from analysis.rings import CORPUS

__all__ = ["SCREENS", "DetectionResult", "load_screens", "detect_counterurbanization",
           "ring_growth", "spatial_stages"]

_KEYS = {
    "maturity": {"name", "enabled", "year", "min_rate"},
    "dispersion": {"name", "enabled", "method", "threshold", "roxy_weights"},
    "beyond_suburbanisation": {"name", "enabled", "method", "threshold"},
    "persistence": {"name", "enabled", "min_windows"},
}
SCREENS = tuple(_KEYS)
"""Known screen names."""
_METHODS = {"dispersion": ("core_share", "growth_gap", "roxy"),
            "beyond_suburbanisation": ("county_vs_inner", "rural_growth", "county_rural_growth")}
_DEFAULTS = {"maturity": {"min_rate": 0.70}, "dispersion": {"method": "core_share", "threshold": 0.0,
                                                            "roxy_weights": "ring"},
             "beyond_suburbanisation": {"method": "county_vs_inner", "threshold": 0.0},
             "persistence": {"min_windows": 1}}


@dataclass(frozen=True)
class DetectionResult:
    """Outcome of the elimination chain.

    Attributes
    ----------
    audit : pandas.DataFrame
        One row per city and screen: ``city, step, screen, value, threshold,
        figures, reached, passed, removed_by``. ``value`` is the screen's deciding
        figure; ``figures`` lists all its figures; ``reached`` is False once an
        earlier screen removed the city (figures are still shown); ``removed_by``
        is the screen that removed the city (empty when it survives).
    cities : pandas.DataFrame
        One row per candidate: ``city, kept, removed_by``.
    kept : tuple of str
        Cities passing every screen.
    params : Mapping
        The configuration used.
    """

    audit: pd.DataFrame
    cities: pd.DataFrame
    kept: tuple[str, ...]
    params: Mapping[str, object] = field(default_factory=dict)

    def summary(self) -> str:
        """Return one line per screen with the cities it removed.

        Returns
        -------
        str
            Text summary.
        """
        lines = [f"{len(self.cities)} candidate cities"]
        for screen in self.params["order"]:
            gone = self.cities.loc[self.cities["removed_by"] == screen, "city"].tolist()
            lines.append(f"  {screen}: removed {len(gone)}" + (f" ({', '.join(gone)})" if gone else ""))
        lines.append(f"kept {len(self.kept)}: {', '.join(self.kept) or '-'}")
        return "\n".join(lines)


def load_screens(path: str | Path | None = None) -> dict:
    """Read and check a screens TOML file.

    Parameters
    ----------
    path : str or Path, optional
        The TOML file; default the bundled ``corpora/analysis/screens.toml``.

    Returns
    -------
    dict
        ``candidates`` (list or None), ``windows`` (list of (start, end)) and
        ``screens`` (list of dicts with defaults filled in, in order).
    """
    path = Path(path) if path is not None else CORPUS / "screens.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the screens file ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from exc
    return _check_config(raw, str(path))


def _check_config(raw: Mapping, where: str) -> dict:
    unknown = set(raw) - {"candidates", "windows", "screens"}
    if unknown:
        raise ConfigError(f"{where}: unknown key {sorted(unknown)[0]!r} (expected candidates, "
                          "windows, screens)")
    windows = raw.get("windows")
    if windows is not None:
        ok = isinstance(windows, list) and all(isinstance(w, list) and len(w) == 2 and
                                               all(isinstance(y, int) for y in w) and w[0] < w[1]
                                               for w in windows) and windows
        if not ok:
            raise ConfigError(f"{where}: windows must be a list of [start, end] year pairs")
    screens = []
    for i, screen in enumerate(raw.get("screens", [])):
        name = screen.get("name") if isinstance(screen, Mapping) else None
        if name not in _KEYS:
            raise ConfigError(f"{where}: screens[{i}] has unknown name {name!r} "
                              f"(expected {', '.join(SCREENS)})")
        extra = set(screen) - _KEYS[name]
        if extra:
            raise ConfigError(f"{where}: screen {name!r} has unknown key {sorted(extra)[0]!r}")
        full = {"enabled": True, **_DEFAULTS[name], **screen}
        if name in _METHODS and full["method"] not in _METHODS[name]:
            raise ConfigError(f"{where}: screen {name!r} method must be one of "
                              f"{', '.join(_METHODS[name])}, got {full['method']!r}")
        if name == "dispersion" and full["roxy_weights"] not in ("level", "ring"):
            raise ConfigError(f"{where}: roxy_weights must be 'level' or 'ring'")
        screens.append(full)
    if [s["name"] for s in screens].count("persistence") and "dispersion" not in [s["name"] for s in screens]:
        raise ConfigError(f"{where}: persistence needs a dispersion screen to define the signal")
    cands = raw.get("candidates")
    if cands is not None and not (isinstance(cands, list) and all(isinstance(c, str) for c in cands)):
        raise ConfigError(f"{where}: candidates must be a list of city names")
    return {"candidates": cands, "windows": [tuple(w) for w in windows] if windows else None,
            "screens": screens}


def ring_growth(panel: pd.DataFrame, window: tuple[int, int], *, value: str = "population") -> pd.DataFrame:
    """Totals and growth of each ring and of the whole city over a window.

    Parameters
    ----------
    panel : pandas.DataFrame
        Ring panel (see :mod:`analysis.data`).
    window : (int, int)
        Start and end census years.
    value : str, default "population"
        Column to sum (``population``, ``urban`` or ``rural``).

    Returns
    -------
    pandas.DataFrame
        Index city; columns ``<ring>_start``, ``<ring>_end``, ``<ring>_growth`` for each
        ring plus ``city`` and ``periphery`` (inner suburb and county together);
        growth is end / start - 1 (NaN for a ring the city lacks).
    """
    start, end = window
    sub = panel[panel["year"].isin([start, end])]
    years = set(sub["year"])
    if years != {start, end}:
        raise ParameterError(f"the panel has no data for year {sorted({start, end} - years)[0]}")
    totals = sub.pivot_table(index="city", columns=["ring", "year"], values=value, aggfunc="sum")
    out = pd.DataFrame(index=totals.index)
    groups = {r: [r] for r in RINGS} | {"periphery": ["inner_suburb", "county"], "city": list(RINGS)}
    for label, rings in groups.items():
        for year, tag in ((start, "start"), (end, "end")):
            cols = [(r, year) for r in rings if (r, year) in totals.columns]
            vals = totals[cols].sum(axis=1, min_count=1) if cols else pd.Series(np.nan, index=totals.index)
            out[f"{label}_{tag}"] = vals
        with np.errstate(divide="ignore", invalid="ignore"):
            out[f"{label}_growth"] = out[f"{label}_end"] / out[f"{label}_start"] - 1.0
    return out


def _roxy(panel: pd.DataFrame, start: int, end: int, weights: str) -> pd.Series:
    sub = panel[panel["year"].isin([start, end])]
    wide = sub.pivot_table(index=["city", "unit", "ring"], columns="year", values="population")
    rank = {"core": 1.0, "inner_suburb": 0.5, "county": 1.0 / 3.0}
    result = {}
    for city, part in wide.groupby(level="city"):
        w = "level" if weights == "level" else part.index.get_level_values("ring").map(rank).to_numpy()
        result[city] = roxy_index(part[start].to_numpy(), part[end].to_numpy(), weights=w) \
            if len(part) >= 2 else np.nan
    return pd.Series(result, dtype=float)


def spatial_stages(panel: pd.DataFrame, window: tuple[int, int], *, roxy_weights: str = "ring"
                   ) -> pd.DataFrame:
    """Van den Berg stage and ROXY index of every city over one window.

    The core is the ``core`` ring, the ring of van den Berg is the periphery
    (inner suburbs and counties together).

    Parameters
    ----------
    panel : pandas.DataFrame
        Ring panel.
    window : (int, int)
        Start and end census years.
    roxy_weights : {"ring", "level"}, default "ring"
        ROXY weights: 1, 1/2, 1/3 by ring from the centre out (a distance proxy, so the
        index reads as centralisation), or base-year populations (concentration into
        large units: a big growing suburb such as Pudong then counts as "central").

    Returns
    -------
    pandas.DataFrame
        ``city, core_change, periphery_change, phase, stage, kind, roxy``.
    """
    panel = validate_ring_panel(panel, source="panel")
    g = ring_growth(panel, window)
    core = (g["core_end"] - g["core_start"]).fillna(0.0)
    periphery = (g["periphery_end"] - g["periphery_start"]).fillna(0.0)
    stages = van_den_berg_stages(core.to_numpy(), periphery.to_numpy())
    out = pd.DataFrame({"city": g.index, "core_change": core.to_numpy(),
                        "periphery_change": periphery.to_numpy()})
    out = pd.concat([out, stages], axis=1)
    out["roxy"] = _roxy(panel, *window, roxy_weights).reindex(g.index).to_numpy()
    return out


def _dispersion(panel: pd.DataFrame, window: tuple[int, int], cfg: Mapping) -> tuple[pd.Series, pd.Series, dict]:
    start, end = window
    g = ring_growth(panel, window)
    share0 = g["core_start"] / g["city_start"]
    share1 = g["core_end"] / g["city_end"]
    figs = {"core_share_start": share0, "core_share_end": share1,
            "core_growth": g["core_growth"], "periphery_growth": g["periphery_growth"]}
    if cfg["method"] == "core_share":
        value, passed = share1 - share0, (share1 - share0) < cfg["threshold"]
    elif cfg["method"] == "growth_gap":
        value = g["periphery_growth"] - g["core_growth"]
        passed = value > cfg["threshold"]
    else:
        value = _roxy(panel, start, end, cfg["roxy_weights"]).reindex(g.index)
        passed = value < cfg["threshold"]
    figs["value"] = value
    return value, passed.fillna(False).astype(bool), figs


def _beyond(panel: pd.DataFrame, window: tuple[int, int], cfg: Mapping) -> tuple[pd.Series, pd.Series, dict]:
    start, end = window
    g = ring_growth(panel, window)
    figs: dict[str, pd.Series] = {}
    if cfg["method"] == "county_vs_inner":
        figs = {"county_growth": g["county_growth"], "inner_suburb_growth": g["inner_suburb_growth"]}
        value = g["county_growth"] - g["inner_suburb_growth"]
    else:
        rural = ring_growth(panel, window, value="rural")
        key = "city" if cfg["method"] == "rural_growth" else "county"
        figs = {f"{key}_rural_start": rural[f"{key}_start"], f"{key}_rural_end": rural[f"{key}_end"]}
        value = rural[f"{key}_growth"]
    passed = (value > cfg["threshold"]).where(value.notna(), False)
    return value, passed.astype(bool), figs


def _format(figs: Mapping[str, pd.Series], city: str) -> str:
    parts = []
    for name, series in figs.items():
        if name == "value":
            continue
        v = series.get(city, np.nan)
        parts.append(f"{name}=" + ("n/a" if pd.isna(v) else f"{v:.6g}"))
    return "; ".join(parts)


def detect_counterurbanization(panel: pd.DataFrame, *, config: str | Path | Mapping | None = None
                               ) -> DetectionResult:
    """Run the elimination chain over a ring panel.

    Parameters
    ----------
    panel : pandas.DataFrame
        Ring panel: ``city, unit, ring, year, population`` (+ ``urban, rural`` for
        maturity and the rural methods).
    config : str, Path or mapping, optional
        A screens TOML file, an already parsed mapping with the same keys, or
        None for the bundled defaults.

    Returns
    -------
    DetectionResult
        Audit trail, per-city outcome, kept cities and the configuration used.
    """
    if config is None or isinstance(config, (str, Path)):
        cfg = load_screens(config)
    else:
        cfg = _check_config(config, "config")
    panel = validate_ring_panel(panel, source="panel")
    years = sorted(panel["year"].unique())
    windows = cfg["windows"] or list(zip(years[:-1], years[1:]))
    if not windows:
        raise ParameterError("the panel needs at least two years to form a window")
    cities = cfg["candidates"] or sorted(panel["city"].unique())
    absent = [c for c in cities if c not in set(panel["city"])]
    if absent:
        raise ParameterError(f"candidate city {absent[0]!r} is not in the panel")
    panel = panel[panel["city"].isin(cities)]
    alive = dict.fromkeys(cities, True)
    removed = dict.fromkeys(cities, "")
    rows = []
    order = []
    for step, scr in enumerate((s for s in cfg["screens"] if s["enabled"]), start=1):
        name = scr["name"]
        order.append(name)
        if name == "maturity":
            year = scr.get("year", years[-1])
            sub = panel[panel["year"] == year]
            if sub.empty:
                raise ParameterError(f"maturity: the panel has no year {year}")
            if "urban" not in sub.columns:
                raise ParameterError("maturity needs an 'urban' column in the panel")
            tot = sub.groupby("city")[["urban", "population"]].sum()
            value = tot["urban"] / tot["population"]
            passed, threshold = value >= scr["min_rate"], scr["min_rate"]
            figs = {"urban": tot["urban"], "population": tot["population"]}
        elif name == "dispersion":
            value, passed, figs = _dispersion(panel, windows[-1], scr)
            threshold = scr["threshold"]
        elif name == "beyond_suburbanisation":
            value, passed, figs = _beyond(panel, windows[-1], scr)
            threshold = scr["threshold"]
        else:
            disp = next(s for s in cfg["screens"] if s["name"] == "dispersion")
            hits = sum(_dispersion(panel, w, disp)[1].astype(int) for w in windows)
            value, threshold = hits.astype(float), scr["min_windows"]
            passed = hits >= scr["min_windows"]
            figs = {"windows": pd.Series(len(windows), index=hits.index)}
        for city in cities:
            ok = bool(passed.get(city, False))
            reached = alive[city]
            if reached and not ok:
                alive[city] = False
                removed[city] = name
            rows.append({"city": city, "step": step, "screen": name,
                         "value": float(value.get(city, np.nan)), "threshold": float(threshold),
                         "figures": _format(figs, city), "reached": reached, "passed": ok})
    audit = pd.DataFrame(rows, columns=["city", "step", "screen", "value", "threshold", "figures",
                                        "reached", "passed"])
    audit["removed_by"] = audit["city"].map(removed)
    outcome = pd.DataFrame({"city": cities, "kept": [alive[c] for c in cities],
                            "removed_by": [removed[c] for c in cities]})
    params = {"candidates": list(cities), "windows": [list(w) for w in windows],
              "screens": [dict(s) for s in cfg["screens"]], "order": order}
    return DetectionResult(audit, outcome, tuple(c for c in cities if alive[c]), params)
