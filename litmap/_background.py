"""Independent pieces of work run in a forked process while a CPU is spare.

``litmap run`` is single-threaded after reading. Work whose result is only a file
or a string (300-dpi PNG files, the SVG of a chart) can run beside it:
:meth:`Background.submit` forks a child that computes the function and sends its
result back through a pipe; :meth:`Task.result` receives it. With one CPU, without
the ``fork`` start method (see :func:`can_fork`), while the children already use
every other CPU, or with ``Background(False)``,
the function runs at once in this process, so results never depend on where they
were computed.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from typing import Any, Callable

__all__ = ["Background", "Task", "can_fork", "running", "leave"]


def can_fork(*, idle: bool = True) -> bool:
    """Two CPUs, the fork start method, and not inside a daemonic worker (which may not fork).

    Parameters
    ----------
    idle : bool, optional
        Also require a spare CPU: fewer runnable processes than CPUs (this process
        counts one), as :func:`running` tells. Work split in two costs more on a
        machine busy with other work (pickling, references parsed twice); work that
        must be done anyway (a PNG file) does not.

    Returns
    -------
    bool
    """
    cpus = _cpus()
    return (cpus >= 2 and (not idle or running() < cpus)
            and "fork" in multiprocessing.get_all_start_methods()
            and not multiprocessing.current_process().daemon)


def running() -> float:
    """Processes running or ready to run now, this one included.

    Linux tells it in ``/proc/loadavg`` (the least of three looks 5 ms apart, so
    that a short-lived process does not count). Elsewhere the one-minute load
    average plus one stands in (it also counts work this program has just done).

    Returns
    -------
    float
    """
    try:
        looks = []
        for i in range(3):
            if i:
                time.sleep(0.005)
            with open("/proc/loadavg", encoding="ascii") as fh:
                looks.append(int(fh.read().split()[3].split("/")[0]))
        return float(min(looks))
    except (OSError, ValueError, IndexError):
        return (os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0) + 1.0


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _child(send: Any, fn: Callable[..., Any], args: tuple, kwargs: dict[str, Any]) -> None:
    try:
        out: Any = (True, fn(*args, **kwargs))
    except BaseException as exc:  # re-raised in the parent
        out = (False, exc)
    send.send(out)
    send.close()
    leave()


def leave() -> None:
    """End a forked child at once, without flushing stdio or running exit handlers.

    A thread of the parent (the live progress line) may have held the lock of
    ``sys.stderr`` at the moment of the fork; the usual exit would flush stderr
    and wait for that lock forever.
    """
    os._exit(0)


class Task:
    """The pending or finished result of one submitted function."""

    def __init__(self, process: Any = None, receive: Any = None, value: Any = None,
                 error: BaseException | None = None) -> None:
        self._process, self._receive = process, receive
        self._value, self._error = value, error

    def running(self) -> bool:
        """Whether a child is still computing it.

        Returns
        -------
        bool
        """
        return self._process is not None and self._process.is_alive()

    def result(self) -> Any:
        """The function's return value (its exception is raised here).

        Returns
        -------
        object
        """
        if self._process is not None:
            try:
                ok, value = self._receive.recv()
            except EOFError:
                ok, value = False, RuntimeError(f"background process ended with code "
                                                f"{self._process.exitcode}")
            finally:
                self._receive.close()
                self._process.join()
                self._process = None
            self._value, self._error = (value, None) if ok else (None, value)
        if self._error is not None:
            raise self._error
        return self._value


class Background:
    """Run functions in forked children, at most one per CPU but this process's at a time.

    Parameters
    ----------
    enabled : bool, optional
        False: every function runs at once in this process.
    """

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._tasks: list[Task] = []

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
        """Start ``fn(*args, **kwargs)`` in a child (or run it now); its result must pickle.

        Parameters
        ----------
        fn : callable
        *args, **kwargs
            Its arguments (the child sees them as they are now).

        Returns
        -------
        Task
        """
        busy = sum(t.running() for t in self._tasks)
        if not (self.enabled and busy < _cpus() - 1 and can_fork(idle=False)):
            try:
                task = Task(value=fn(*args, **kwargs))
            except Exception as exc:  # raised by result(), as for a child
                task = Task(error=exc)
        else:
            ctx = multiprocessing.get_context("fork")
            receive, send = ctx.Pipe(duplex=False)
            process = ctx.Process(target=_child, args=(send, fn, args, kwargs), daemon=True)
            process.start()
            send.close()
            task = Task(process, receive)
        self._tasks.append(task)
        return task

    def terminate(self) -> None:
        """Stop every child still running (their results are dropped)."""
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            if task._process is not None:
                task._process.terminate()
                task._process.join()
                task._receive.close()
                task._process = None

    def wait(self) -> None:
        """Wait for every submitted function; raise the first exception any of them raised."""
        tasks, self._tasks = self._tasks, []
        errors = []
        for task in tasks:
            try:
                task.result()
            except Exception as exc:
                errors.append(exc)
        if errors:
            raise errors[0]
