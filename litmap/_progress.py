"""Stage timing, peak memory and the progress lines of ``litmap run``.

Each stage of a run is a ``with log.stage("name"):`` block. The log measures the
wall time and the peak resident memory of the process during the block (on
Linux the kernel's high-water mark is reset at the start of each stage through
``/proc/self/clear_refs``, so the peak is the stage's own), and prints one line
per stage on stderr. On a terminal, a stage that runs longer than a second shows
a live elapsed-time line. ``verbosity`` 0 prints nothing but warnings are still
collected; 2 also prints details.

Because the mark is reset, a parent that reads this process's ``ru_maxrss`` after
it exits sees only the peak of the last stage; the whole run's peak is the
``peak_rss_mb`` of :meth:`StageLog.to_dict` (written to ``timings.json``).
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterator

__all__ = ["StageLog", "StageTiming", "peak_rss_mb"]

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def peak_rss_mb() -> float:
    """Return the peak resident memory of this process in MB.

    Returns
    -------
    float
        ``VmHWM`` of ``/proc/self/status`` (since the last reset) on Linux, else
        ``ru_maxrss`` (the peak working set on Windows).
    """
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows: the peak working set
        import psutil

        info = psutil.Process().memory_info()
        return getattr(info, "peak_wset", info.rss) / (1024 * 1024)
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark of this process; False when not supported."""
    try:
        _CLEAR_REFS.write_text("5")
        return True
    except OSError:
        return False


@dataclass(frozen=True, slots=True)
class StageTiming:
    """Time and memory of one stage.

    Attributes
    ----------
    name : str
        Stage name, e.g. ``"read"`` or ``"keyword: network"``.
    seconds : float
        Wall time.
    peak_rss_mb : float
        Peak resident memory of the process during the stage.
    """

    name: str
    seconds: float
    peak_rss_mb: float


@dataclass
class StageLog:
    """Time the stages of a run, print progress and collect warnings.

    Parameters
    ----------
    verbosity : int, optional (default=1)
        0 quiet (nothing printed), 1 one line per stage and warnings, 2 also details.
    stream : file, optional
        Where lines go (default ``sys.stderr``).
    """

    verbosity: int = 1
    stream: IO[str] | None = None
    stages: list[StageTiming] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _started: float = field(default_factory=time.perf_counter)

    def _out(self) -> IO[str]:
        return self.stream if self.stream is not None else sys.stderr

    def _write(self, text: str) -> None:
        out = self._out()
        out.write(text)
        out.flush()

    def info(self, message: str) -> None:
        """Print ``message`` when ``verbosity >= 2``.

        Parameters
        ----------
        message : str

        Returns
        -------
        None
        """
        if self.verbosity >= 2:
            self._write(f"  {message}\n")

    def warn(self, message: str) -> None:
        """Record a warning about the data (shown unless quiet, and kept for the report).

        Parameters
        ----------
        message : str

        Returns
        -------
        None
        """
        if message in self.warnings:
            return
        self.warnings.append(message)
        if self.verbosity >= 1:
            self._write(f"Warning: {message}\n")

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the enclosed block as stage ``name`` and print its progress line.

        Parameters
        ----------
        name : str

        Returns
        -------
        context manager
        """
        _reset_peak()
        start = time.perf_counter()
        live = self.verbosity >= 1 and getattr(self._out(), "isatty", lambda: False)()
        done = threading.Event()
        ticker = None
        if live:
            ticker = threading.Thread(target=self._tick, args=(name, start, done), daemon=True)
            ticker.start()
        failed = True
        try:
            yield
            failed = False
        finally:
            done.set()
            if ticker is not None:
                ticker.join()
            seconds = time.perf_counter() - start
            timing = StageTiming(name, seconds, peak_rss_mb())
            self.stages.append(timing)
            clear = "\r\033[K" if live else ""
            if self.verbosity >= 1 and not failed:
                self._write(f"{clear}{name:<32} {seconds:7.2f} s  {timing.peak_rss_mb:7.0f} MB\n")
            elif live:
                self._write(clear)

    def _tick(self, name: str, start: float, done: threading.Event) -> None:
        """Refresh a live ``name ... 3.2 s`` line every half second after the first second."""
        if done.wait(1.0):
            return
        while not done.wait(0.5):
            self._write(f"\r{name:<32} {time.perf_counter() - start:7.1f} s ...")

    def total_seconds(self) -> float:
        """Return the wall time since the log was created.

        Returns
        -------
        float
        """
        return time.perf_counter() - self._started

    def to_dict(self) -> dict:
        """Return the stage timings and the run's totals (JSON-serialisable).

        Returns
        -------
        dict
            ``{"stages": [{"name", "seconds", "peak_rss_mb"}], "total_seconds",
            "peak_rss_mb"}``.
        """
        stages = [{"name": s.name, "seconds": round(s.seconds, 4), "peak_rss_mb": round(s.peak_rss_mb, 1)}
                  for s in self.stages]
        peak = max([s.peak_rss_mb for s in self.stages] + [peak_rss_mb()])
        return {"stages": stages, "total_seconds": round(self.total_seconds(), 4),
                "peak_rss_mb": round(peak, 1)}
