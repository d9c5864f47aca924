"""Independent pieces of work run in a forked process while a CPU is spare.

``litmap run`` is single-threaded after reading. Work whose result is only a file
or a string (300-dpi PNG files, the SVG of a chart) can run beside it:
:meth:`Background.submit` forks a child that computes the function and sends its
result, or its exception, and the warnings it issued back through a pipe. With one
CPU, without the ``fork`` start method (see :func:`can_fork`), while children
already use every other CPU, or with ``Background(False)``, the function runs at
once in this process instead. Either way :meth:`Task.result` issues the warnings
and returns the result (or raises the exception), so nothing depends on where the
work was done. :meth:`Background.stream` does the same for a generator whose items
are wanted as soon as each is ready (:class:`Stream`).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
import tempfile
import time
import warnings
from typing import Any, Callable, Iterable

__all__ = ["Background", "Task", "Stream", "can_fork", "running"]


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


def _run(fn: Callable[..., Any], args: tuple, kwargs: dict[str, Any]
         ) -> tuple[bool, Any, list[tuple[str, type[Warning]]]]:
    """``(True, result)`` or ``(False, exception)``, and the warnings issued (message, category)."""
    with warnings.catch_warnings(record=True) as caught:  # under the filters in force
        try:
            out: tuple[bool, Any] = (True, fn(*args, **kwargs))
        except Exception as exc:  # raised by Task.result()
            out = (False, exc)
    return (*out, [(str(w.message), w.category) for w in caught])


def _child(send: Any, fn: Callable[..., Any], args: tuple, kwargs: dict[str, Any]) -> None:
    send.send(_run(fn, args, kwargs))
    send.close()
    _leave()


def _child_stream(send: Any, folder: str, fn: Callable[..., Iterable[Any]], args: tuple,
                  kwargs: dict[str, Any]) -> None:
    """Write each item to a file in ``folder`` as soon as it is made and send its name, then the end."""
    def items() -> None:
        for i, item in enumerate(fn(*args, **kwargs)):
            path = os.path.join(folder, f"{i:08d}.pickle")
            with open(path, "wb") as fh:
                pickle.dump(item, fh, protocol=pickle.HIGHEST_PROTOCOL)
            send.send_bytes(b"I" + path.encode())

    ok, error, caught = _run(items, (), {})
    send.send_bytes(b"E" + pickle.dumps((ok, error, caught), protocol=pickle.HIGHEST_PROTOCOL))
    send.close()
    _leave()


def _leave() -> None:
    """End a forked child at once, without flushing stdio or running exit handlers.

    A thread of the parent (the live progress line) may have held the lock of
    ``sys.stderr`` at the moment of the fork; the usual exit would flush stderr
    and wait for that lock forever.
    """
    os._exit(0)


class Task:
    """The pending or finished result of one submitted function."""

    def __init__(self, process: Any = None, receive: Any = None) -> None:
        self._process, self._receive = process, receive
        self._value: Any = None
        self._error: BaseException | None = None
        self._caught: list[tuple[str, type[Warning]]] = []  # issued again by result()

    def running(self) -> bool:
        """Whether a child is still computing it.

        Returns
        -------
        bool
        """
        return self._process is not None and self._process.is_alive()

    def _set(self, ok: bool, value: Any, caught: list[tuple[str, type[Warning]]]) -> None:
        self._value, self._error = (value, None) if ok else (None, value)
        self._caught = caught

    def _close(self) -> None:
        self._receive.close()
        self._process.join()
        self._process = None

    def result(self) -> Any:
        """The function's return value (its warnings are issued and its exception raised here).

        Returns
        -------
        object
        """
        if self._process is not None:
            try:
                self._set(*self._receive.recv())
            except EOFError:
                self._set(False, RuntimeError(f"background process ended with code "
                                              f"{self._process.exitcode}"), [])
            finally:
                self._close()
        caught, self._caught = self._caught, []
        for message, category in caught:  # when the result is taken, wherever it was computed
            warnings.warn(message, category, stacklevel=2)
        if self._error is not None:
            raise self._error
        return self._value


class Stream(Task):
    """The items of a generator run in a child, taken as they arrive.

    The child writes each item to a file in a temporary folder and sends its name:
    the child never waits for this process (a pipe holds little), and this process
    reads an item whole when it takes it, then removes the file.
    """

    def __init__(self, process: Any = None, receive: Any = None, folder: str | None = None) -> None:
        super().__init__(process, receive)
        self._folder = folder
        self._items: list[Any] = []  # computed in this process
        self._end: bytes | None = None

    def _load(self, message: bytes) -> None:
        if message[:1] == b"I":
            path = message[1:].decode()
            with open(path, "rb") as fh:
                self._items.append(pickle.load(fh))
            os.remove(path)
        else:
            self._end = message

    def take(self) -> list[Any]:
        """The items that have arrived since the last call, in order (does not wait).

        Returns
        -------
        list
        """
        while self._process is not None and self._end is None and self._receive.poll():
            try:
                self._load(self._receive.recv_bytes())
            except EOFError:
                break
        items, self._items = self._items, []
        return items

    def result(self) -> list[Any]:
        """Every item not taken yet (waits for the child; its warnings are issued and its exception raised here).

        Returns
        -------
        list
        """
        if self._process is not None:
            try:
                while self._end is None:
                    self._load(self._receive.recv_bytes())
            except EOFError:
                pass
            if self._end is not None:
                self._set(*pickle.loads(memoryview(self._end)[1:]))
            else:
                self._set(False, RuntimeError(f"background process ended with code "
                                              f"{self._process.exitcode}"), [])
            self._close()
        items, self._items = self._items, []
        super().result()  # issues the warnings, raises the exception
        return items

    def _close(self) -> None:
        super()._close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)


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
        if self._may_fork():
            task = Task(*self._fork(_child, fn, args, kwargs))
        else:
            task = Task()
            task._set(*_run(fn, args, kwargs))
        self._tasks.append(task)
        return task

    def _may_fork(self) -> bool:
        busy = sum(t.running() for t in self._tasks)
        return self.enabled and busy < _cpus() - 1 and can_fork(idle=False)

    @staticmethod
    def _fork(target: Callable[..., None], *args: Any) -> tuple[Any, Any]:
        """A started child running ``target(send, *args)``, and the receiving end of its pipe."""
        ctx = multiprocessing.get_context("fork")
        receive, send = ctx.Pipe(duplex=False)
        process = ctx.Process(target=target, args=(send, *args), daemon=True)
        process.start()
        send.close()
        return process, receive

    def stream(self, fn: Callable[..., Iterable[Any]], *args: Any, **kwargs: Any) -> Stream:
        """Start the generator ``fn(*args, **kwargs)`` in a child (or run it to the end now).

        Parameters
        ----------
        fn : callable
            Returns an iterable whose items pickle.
        *args, **kwargs
            Its arguments (the child sees them as they are now).

        Returns
        -------
        Stream
        """
        if self._may_fork():
            folder = tempfile.mkdtemp(prefix="litmap-stream-")
            stream = Stream(*self._fork(_child_stream, folder, fn, args, kwargs), folder)
        else:
            stream = Stream()
            ok, value, caught = _run(lambda: list(fn(*args, **kwargs)), (), {})
            stream._set(ok, value, caught)
            stream._items = value if ok else []
        self._tasks.append(stream)
        return stream

    def terminate(self) -> None:
        """Stop every child still running (their results are dropped)."""
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            if task._process is not None:
                task._process.terminate()
                task._close()

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
