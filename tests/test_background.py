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


def _count_up(n: int, fail_at: int | None = None):
    import time
    import warnings

    for i in range(n):
        if i == fail_at:
            raise ValueError(f"stopped at {i}")
        if i == 1:
            warnings.warn("half way", UserWarning)
        yield i, os.getpid(), "x" * 10_000
        time.sleep(0.01)


@pytest.mark.parametrize("fork", [True, False])
def test_stream_gives_every_item_once_in_order(monkeypatch: pytest.MonkeyPatch, fork: bool) -> None:
    monkeypatch.setattr(bg, "can_fork", lambda idle=True: fork)
    monkeypatch.setattr(bg, "_cpus", lambda: 2)
    stream = Background().stream(_count_up, 20)
    taken = []
    while len(taken) < 5 and (fork or not taken):
        taken.extend(stream.take())  # never waits: items come as the child makes them
    with pytest.warns(UserWarning, match="half way"):
        taken.extend(stream.result())
    assert [i for i, _, _ in taken] == list(range(20))
    assert all((pid != os.getpid()) == fork for _, pid, _ in taken)
    assert stream.take() == []
    folder = stream._folder
    assert folder is None or not os.path.exists(folder)  # the item files are gone


@pytest.mark.parametrize("fork", [True, False])
def test_stream_error_is_raised_after_the_items_before_it(monkeypatch: pytest.MonkeyPatch, fork: bool) -> None:
    monkeypatch.setattr(bg, "can_fork", lambda idle=True: fork)
    monkeypatch.setattr(bg, "_cpus", lambda: 2)
    stream = Background().stream(_count_up, 10, fail_at=4)
    with pytest.raises(ValueError, match="stopped at 4"), pytest.warns(UserWarning, match="half way"):
        stream.result()


def test_stopped_stream_leaves_no_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bg, "can_fork", lambda idle=True: True)
    monkeypatch.setattr(bg, "_cpus", lambda: 2)
    runner = Background()
    stream = runner.stream(_count_up, 1000)
    folder = stream._folder
    assert folder is not None and os.path.isdir(folder)
    runner.terminate()
    assert not os.path.exists(folder)
