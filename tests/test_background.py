"""Work run beside the main process gives what running it here gives."""

from __future__ import annotations

import os

import pytest

import litmap._background as bg
from litmap._background import Background


def _square_and_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def _fail() -> None:
    raise ValueError("no")


@pytest.mark.parametrize("fork", [True, False])
def test_results_and_errors_come_back(monkeypatch: pytest.MonkeyPatch, fork: bool) -> None:
    monkeypatch.setattr(bg, "can_fork", lambda idle=True: fork)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    runner = Background()
    task = runner.submit(_square_and_pid, 7)
    value, pid = task.result()
    assert value == 49
    assert (pid != os.getpid()) == fork  # forked only when a CPU is spare
    failing = runner.submit(_fail)
    with pytest.raises(ValueError, match="no"):
        failing.result()
    runner.submit(_fail)
    with pytest.raises(ValueError):
        runner.wait()


def test_disabled_runs_everything_here() -> None:
    task = Background(enabled=False).submit(_square_and_pid, 3)
    assert task.result() == (9, os.getpid())


def _warn_and_return(x: int) -> int:
    import warnings

    warnings.warn(f"careful with {x}", UserWarning)
    return x


@pytest.mark.parametrize("fork", [True, False])
def test_warnings_come_back_as_if_run_here(monkeypatch: pytest.MonkeyPatch, fork: bool) -> None:
    monkeypatch.setattr(bg, "can_fork", lambda idle=True: fork)
    monkeypatch.setattr(bg, "_cpus", lambda: 2)
    task = Background().submit(_warn_and_return, 5)
    with pytest.warns(UserWarning, match="careful with 5"):  # issued when the result is taken
        assert task.result() == 5
