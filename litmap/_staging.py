"""An output folder that appears whole or not at all.

A run writes everything into a hidden sibling folder of the requested output
folder and renames it into place at the end; on any error the sibling is
removed and the existing output folder is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

from litmap.errors import ParameterError

__all__ = ["check_output_dir", "staged_output"]

#: A folder holding this file is a litmap output folder and may be replaced.
MARKER = "manifest.json"


def check_output_dir(out: str | Path) -> Path:
    """Check that ``out`` may receive a run's output and return it as an absolute path.

    Parameters
    ----------
    out : str or Path
        The requested output folder. It may be absent, empty, or a previous
        litmap output folder (holding ``manifest.json``), which is replaced.

    Returns
    -------
    Path

    Raises
    ------
    ParameterError
        When ``out`` is a file, or a non-empty folder that is not a litmap output.
    """
    out = Path(out).expanduser().absolute()
    if out.exists() and not out.is_dir():
        raise ParameterError(f"output: {out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise ParameterError(f"output: {out} is not empty and is not a litmap output folder "
                             f"(no {MARKER}); choose a new or empty folder")
    return out


@contextlib.contextmanager
def staged_output(out: str | Path) -> Iterator[Path]:
    """Yield a fresh staging folder beside ``out``; move it to ``out`` when the block succeeds.

    Parameters
    ----------
    out : str or Path
        The final output folder (checked with :func:`check_output_dir`).

    Returns
    -------
    context manager yielding Path
        The staging folder to write into.
    """
    out = check_output_dir(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent))
    try:
        yield tmp
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o777 & ~umask)
        old = None
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
            os.replace(out, old / out.name)
        try:
            os.replace(tmp, out)
        except OSError:
            if old is not None:
                os.replace(old / out.name, out)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
