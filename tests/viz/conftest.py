"""Fixtures of the view tests (builders in :mod:`_viz_data`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from _viz_data import HOSTILE, make_corpus, make_results

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="session")
def small() -> dict:
    """A 160-record corpus and its network, clusters and bursts."""
    return make_results(make_corpus())


@pytest.fixture(scope="session")
def hostile() -> dict:
    """A corpus whose titles, keywords, sources and DOIs hold injection attempts."""
    return make_results(make_corpus(60, seed=1, hostile=True))


@pytest.fixture(scope="session")
def small_report(small, artifacts) -> Path:
    """The report of :func:`small` (with a hostile run parameter and warning)."""
    from litmap.report import write_report

    return write_report(artifacts / "report_small.html", small["corpus"], network=small["network"],
                        clusters=small["clusters"], bursts=small["bursts"],
                        params={"note": "<b>run</b>"}, warnings=["<i>w</i>"])


@pytest.fixture(scope="session")
def hostile_report(hostile, artifacts) -> Path:
    """The report of :func:`hostile`, its map with fixed positions (no physics)."""
    from litmap.report import write_report
    from litmap.viz.network_html import MapOptions

    return write_report(artifacts / "hostile_report.html", hostile["corpus"],
                        network=hostile["network"], clusters=hostile["clusters"],
                        bursts=hostile["bursts"], title=HOSTILE[0],
                        options=MapOptions(physics=False))


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``tests/artifacts`` (git-ignored): screenshots and pages to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
