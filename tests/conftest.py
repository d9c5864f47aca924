"""Shared test fixtures.

Real exports are read in place from ``../shared/corpora`` (beside the clone);
tests marked ``corpora`` skip with a clear reason when that folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
SPECS = SHARED / "specs"
DATA = Path(__file__).resolve().parent / "data"

_NO_SHARED = f"{CORPORA} is absent: real-export tests need ../shared/corpora beside the clone"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CORPORA.is_dir():
        return
    skip = pytest.mark.skip(reason=_NO_SHARED)
    for item in items:
        if "corpora" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def corpora_dir() -> Path:
    """The folder of real exports (skips the test when absent)."""
    if not CORPORA.is_dir():
        pytest.skip(_NO_SHARED)
    return CORPORA


@pytest.fixture(scope="session")
def expected_counts(corpora_dir: Path) -> dict:
    """``expected_counts.json`` of the real exports."""
    return json.loads((corpora_dir / "expected_counts.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def oracles() -> dict[str, dict]:
    """The numeric oracles of ``../shared/specs/oracles/*.json``, keyed by file stem."""
    folder = SPECS / "oracles"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent: oracle tests need ../shared/specs beside the clone")
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


@pytest.fixture()
def data_dir() -> Path:
    """``tests/data``: tiny fixtures written by the project, one quirk per file."""
    return DATA
