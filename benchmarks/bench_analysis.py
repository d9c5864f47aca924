"""Speed of the analysis package: ring table from the census, detection chain, entropy, models.

Run ``python benchmarks/bench_analysis.py [--quick]``; ``run()`` is discovered by ``benchmarks/run.py``.
The census step needs ``../shared/corpora/census`` beside the clone and is skipped without it.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

CENSUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "census"


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(quick: bool = False) -> list[dict]:
    """Time the main analysis steps.

    Parameters
    ----------
    quick : bool, default False
        Smaller entropy matrix and survey.

    Returns
    -------
    list of dict
        ``name, value, unit, target, ok`` per measurement.
    """
    import numpy as np
    import pandas as pd

    from analysis.bootstrap import wild_cluster_bootstrap
    from analysis.detect import detect_counterurbanization
    from analysis.entropy import entropy_weights
    from analysis.micro import fit_binary, prepare_survey
    from analysis.regress import panel_sequence
    from analysis.rings import build_ring_panel, load_ring_panel
    from analysis.synth import synthetic_city_panel, synthetic_survey

    out = []

    def add(name, seconds, limit):
        out.append({"name": name, "value": round(seconds, 3), "unit": "s", "target": f"<= {limit} s",
                    "ok": seconds <= limit})

    if CENSUS.is_dir():
        add("ring table from census workbooks", _timed(lambda: build_ring_panel(CENSUS)), 10)
    panel = load_ring_panel()
    add("detection chain, 11 cities", _timed(lambda: detect_counterurbanization(panel)), 1)
    n = 20_000 if quick else 200_000
    matrix = pd.DataFrame(np.random.default_rng(0).uniform(1, 10, (n, 20)))
    matrix.columns = [f"x{i}" for i in range(20)]
    add(f"entropy weights, {n:,} x 20", _timed(lambda: entropy_weights(matrix)), 2)
    city = synthetic_city_panel()
    add("panel sequence (5 models + 3 tests)",
        _timed(lambda: panel_sequence(city, dependent="cui", regressors=["gap", "mig_cost", "town_ps"])), 5)
    add("wild cluster bootstrap, 999 reps, 11 clusters",
        _timed(lambda: wild_cluster_bootstrap(city, dependent="cui", regressors=["gap", "mig_cost", "town_ps"],
                                              term="gap")), 2)
    survey = prepare_survey(synthetic_survey(n=2000 if quick else 10_000))
    add(f"clustered logit with city FE, {len(survey):,} respondents", _timed(lambda: fit_binary(survey)), 10)
    return out


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv), indent=2, ensure_ascii=False))
