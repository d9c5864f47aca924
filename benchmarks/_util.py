"""Helpers for benchmark modules: wall time and peak RSS of a subprocess, cached inputs.

Measure in a fresh process so that peak memory belongs to the measured work only:

>>> m = run_python("result = len(list(range(10**6)))", setup="import math")   # doctest: +SKIP
>>> m.wall_s, m.peak_rss_mb, m.result                                         # doctest: +SKIP
(0.03, 52.1, 1000000)

Peak RSS is the child's ``ru_maxrss`` from :func:`os.wait4` (this child only, not
earlier children). :func:`synthetic_wos` / :func:`synthetic_cnki` write a synthetic
export once per size and seed into a cache folder shared by all benchmark modules.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

__all__ = ["Measurement", "run_python", "run_command", "run_callable", "peak_rss_mb_of", "row",
           "synthetic_wos", "synthetic_cnki", "cache_dir"]

_ROOT = Path(__file__).resolve().parents[1]

#: Child wrapper: run SETUP, time CODE, write {"wall": s, "result": result} to the result file.
_WRAPPER = """
import json, sys, time
_ns = {"__name__": "__bench__"}
exec(compile(sys.argv[2], "<setup>", "exec"), _ns)
_t0 = time.perf_counter()
exec(compile(sys.argv[3], "<bench>", "exec"), _ns)
_wall = time.perf_counter() - _t0
with open(sys.argv[1], "w", encoding="utf-8") as _fh:
    json.dump({"wall": _wall, "result": _ns.get("result")}, _fh, default=str)
"""


@dataclass(frozen=True)
class Measurement:
    """Outcome of one measured run.

    Attributes
    ----------
    wall_s : float
        Seconds of the measured work: the snippet's ``code`` (setup and interpreter
        start excluded), the callable, or the whole command.
    total_s : float
        Seconds from process start to exit.
    peak_rss_mb : float
        Peak resident set size of the child process, MiB.
    returncode : int
        Exit code (negative: killed by that signal).
    timed_out : bool
        The run was killed after ``timeout`` seconds.
    stdout, stderr : str
        Captured output (callables: empty).
    result : Any
        The snippet's ``result`` variable (JSON round trip) or the callable's return value.
    """

    wall_s: float
    total_s: float
    peak_rss_mb: float
    returncode: int
    timed_out: bool
    stdout: str
    stderr: str
    result: Any = None

    def check(self) -> "Measurement":
        """Return ``self``, or raise if the run failed or timed out.

        Returns
        -------
        Measurement

        Raises
        ------
        RuntimeError
            With the last lines of stderr.
        """
        if self.timed_out or self.returncode != 0:
            tail = "\n".join(self.stderr.strip().splitlines()[-8:])
            why = "timed out" if self.timed_out else f"exit code {self.returncode}"
            raise RuntimeError(f"measured run failed ({why}):\n{tail}")
        return self


def _wait(pid: int, timeout: float | None) -> tuple[int, float, bool, float]:
    """Wait for ``pid``; return (returncode, peak RSS MiB, timed_out, seconds)."""
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill) if timeout else None
    t0 = time.perf_counter()
    if timer:
        timer.start()
    try:
        _, status, usage = os.wait4(pid, 0)
    finally:
        if timer:
            timer.cancel()
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024.0, killed.is_set(), time.perf_counter() - t0


def run_command(args: Sequence[str], *, timeout: float | None = 1800, cwd: str | Path | None = None,
                env: dict[str, str] | None = None) -> Measurement:
    """Run a command and measure its wall time and peak RSS.

    Parameters
    ----------
    args : sequence of str
        The command, e.g. ``["litmap", "import", "x.txt", "-o", "c.parquet"]``.
    timeout : float or None, optional (default=1800)
        Seconds before the process is killed.
    cwd : str or pathlib.Path, optional
        Working folder (default: the repository root).
    env : dict, optional
        Environment (default: inherited).

    Returns
    -------
    Measurement
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(list(args), stdout=out, stderr=err, cwd=cwd or _ROOT, env=env)
        code, rss, timed_out, seconds = _wait(proc.pid, timeout)
        proc.returncode = code
        out.seek(0)
        err.seek(0)
        return Measurement(seconds, seconds, rss, code, timed_out, out.read(), err.read())


def run_python(code: str, *, setup: str = "", timeout: float | None = 1800,
               cwd: str | Path | None = None) -> Measurement:
    """Run a Python snippet in a fresh interpreter; time ``code`` only.

    Parameters
    ----------
    code : str
        The measured statements. A variable named ``result`` (JSON-serialisable) is
        returned in :attr:`Measurement.result`.
    setup : str, optional
        Statements run first and not timed (imports, loading inputs).
    timeout : float or None, optional (default=1800)
        Seconds before the process is killed.
    cwd : str or pathlib.Path, optional
        Working folder (default: the repository root).

    Returns
    -------
    Measurement
        ``wall_s`` is the time of ``code``; ``peak_rss_mb`` covers setup and code.
    """
    with tempfile.TemporaryDirectory() as tmp:
        result_file = Path(tmp) / "result.json"
        m = run_command([sys.executable, "-c", _WRAPPER, str(result_file), setup, code], timeout=timeout,
                        cwd=cwd)
        if result_file.exists():
            data = json.loads(result_file.read_text(encoding="utf-8"))
            return Measurement(data["wall"], m.total_s, m.peak_rss_mb, m.returncode, m.timed_out, m.stdout,
                               m.stderr, data["result"])
        return m


def run_callable(fn: Callable[[], Any], *, timeout: float | None = 1800) -> Measurement:
    """Run ``fn()`` in a forked child and measure it.

    The child starts as a copy of this process, so its peak RSS includes the memory
    this process already holds; prefer :func:`run_python` for clean numbers.

    Parameters
    ----------
    fn : callable
        Called without arguments; its return value must be picklable.
    timeout : float or None, optional (default=1800)
        Seconds before the child is killed.

    Returns
    -------
    Measurement
        ``stderr`` holds the ``repr`` of an exception raised by ``fn`` (returncode 1).
    """
    import pickle

    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        try:
            t0 = time.perf_counter()
            value = fn()
            payload = pickle.dumps((0, time.perf_counter() - t0, value, ""))
        except BaseException as exc:  # report anything; the child must always exit
            payload = pickle.dumps((1, 0.0, None, repr(exc)))
        with os.fdopen(write_fd, "wb") as fh:
            fh.write(payload)
        os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as fh:
        data = fh.read()
    code, rss, timed_out, seconds = _wait(pid, timeout)
    if not data:
        return Measurement(seconds, seconds, rss, code or 1, timed_out, "", "child died without a result")
    status, wall, value, error = pickle.loads(data)
    return Measurement(wall, seconds, rss, status or code, timed_out, "", error, value)


def peak_rss_mb_of(target: str | Sequence[str] | Callable[[], Any], **kwargs: Any) -> Measurement:
    """Measure a Python snippet (str), a command (list of str) or a callable.

    Parameters
    ----------
    target : str, sequence of str or callable
        Dispatched to :func:`run_python`, :func:`run_command` or :func:`run_callable`.
    **kwargs
        Passed on (``setup``, ``timeout``, ``cwd``, ``env``).

    Returns
    -------
    Measurement
    """
    if isinstance(target, str):
        return run_python(target, **kwargs)
    if callable(target):
        return run_callable(target, **kwargs)
    return run_command(target, **kwargs)


def row(name: str, value: float | str, unit: str, target: str, ok: bool | None) -> dict:
    """Return one result row in the contract of :mod:`benchmarks.run`.

    Parameters
    ----------
    name : str
        What was measured, e.g. ``"wos_plaintext 100k: read"``.
    value : float or str
        The measured value.
    unit : str
        e.g. ``"s"``, ``"MiB"``, ``"records/s"``.
    target : str
        Human-readable target, e.g. ``"<= 5 s"`` (empty when there is none).
    ok : bool or None
        Whether the target is met (None: no target).

    Returns
    -------
    dict
    """
    return {"name": name, "value": value, "unit": unit, "target": target, "ok": ok}


def cache_dir() -> Path:
    """The folder of cached synthetic inputs: ``$LITMAP_BENCH_CACHE`` or ``<tmp>/litmap-bench``.

    Returns
    -------
    pathlib.Path
    """
    folder = Path(os.environ.get("LITMAP_BENCH_CACHE", Path(tempfile.gettempdir()) / "litmap-bench"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _generator_tag() -> str:
    """Short hash of the generator's source, so a changed generator never reuses a stale file."""
    import hashlib

    import litmap.synth

    digest = hashlib.sha256()
    for src in sorted(Path(litmap.synth.__file__).parent.glob("*.py")):
        digest.update(src.read_bytes())
    return digest.hexdigest()[:10]


def _cached(name: str, write: Callable[[Path], Any]) -> Path:
    path = cache_dir() / f"{_generator_tag()}_{name}"
    if not path.exists():
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        write(tmp)
        os.replace(tmp, path)  # atomic: a concurrent reader never sees a partial file
    return path


def synthetic_wos(n: int, *, seed: int = 0, refs: float = 30, abstract_words: int = 150) -> Path:
    """Return a cached synthetic WoS plain-text file of ``n`` records (written on first use).

    Parameters
    ----------
    n : int
        Records.
    seed : int, optional (default=0)
        Seed.
    refs : float, optional (default=30)
        Mean cited references per record.
    abstract_words : int, optional (default=150)
        Abstract length in words.

    Returns
    -------
    pathlib.Path
    """
    from litmap.synth import write_wos

    name = f"wos_{n}_s{seed}_r{refs:g}_a{abstract_words}.txt"
    return _cached(name, lambda p: write_wos(p, n, seed=seed, refs=refs, abstract_words=abstract_words))


def synthetic_cnki(n: int, *, seed: int = 0) -> Path:
    """Return a cached synthetic CNKI RefWorks file of ``n`` records (written on first use).

    Parameters
    ----------
    n : int
        Records.
    seed : int, optional (default=0)
        Seed.

    Returns
    -------
    pathlib.Path
    """
    from litmap.synth import write_cnki_refworks

    return _cached(f"cnki_refworks_{n}_s{seed}.txt", lambda p: write_cnki_refworks(p, n, seed=seed))
