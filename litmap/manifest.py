"""The run manifest: what produced an output folder, so a study can be repeated years later.

``manifest.json`` holds the litmap, Python and dependency versions, every
parameter (seeds included), the SHA-256 of every input file, the record counts
of the import and the SHA-256 of every output file. It holds nothing that
changes between two runs on the same inputs: timings and peak memory per stage
go to ``timings.json`` beside it.
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Mapping

__all__ = ["DEPENDENCIES", "file_sha256", "files_sha256", "versions", "build_manifest", "write_json",
           "output_hashes"]

#: Distributions whose versions are recorded.
DEPENDENCIES: tuple[str, ...] = ("numpy", "pandas", "scipy", "networkx", "igraph", "leidenalg",
                                 "scikit-learn", "jieba", "pyvis", "matplotlib", "click", "pyarrow",
                                 "openpyxl", "xlrd")


def file_sha256(path: str | Path) -> str:
    """Return the SHA-256 hex digest of a file, read in 1 MB blocks.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    str
        64 lower-case hex digits.
    """
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def versions() -> dict[str, str]:
    """Return the versions of litmap, Python and :data:`DEPENDENCIES`.

    Returns
    -------
    dict of str to str
        ``"not installed"`` for a missing distribution.
    """
    from litmap import __version__

    out = {"litmap": __version__, "python": platform.python_version()}
    for name in DEPENDENCIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def output_hashes(folder: str | Path, *, exclude: Iterable[str] = ()) -> dict[str, str]:
    """Return ``{relative path: sha256}`` of every file under ``folder``, sorted.

    Parameters
    ----------
    folder : str or Path
    exclude : iterable of str, optional
        Relative paths (POSIX form) to leave out.

    Returns
    -------
    dict of str to str
    """
    folder = Path(folder)
    skip = set(exclude)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {rel: file_sha256(p) for p in files if (rel := p.relative_to(folder).as_posix()) not in skip}


def files_sha256(paths: Iterable[str | Path]) -> dict[str, str]:
    """``{path: SHA-256}`` of files (paths as ``str(Path(p))``, as in the manifest).

    Parameters
    ----------
    paths : iterable of str or Path

    Returns
    -------
    dict of str to str
    """
    return {str(Path(p)): file_sha256(p) for p in paths}


def build_manifest(*, config: Mapping[str, Any], inputs: Iterable[str | Path],
                   counts: Mapping[str, Any], analyses: Mapping[str, Any],
                   warnings: Iterable[str], outputs: Mapping[str, str],
                   input_hashes: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Assemble the manifest of a run.

    Parameters
    ----------
    config : mapping
        The complete study configuration used (``output.dir`` is left out, so
        that the same study written to two folders gives the same manifest).
    inputs : iterable of str or Path
        Every input file that was read.
    counts : mapping
        Record counts: totals (``read, kept, duplicates, rejected``) and per file.
    analyses : mapping
        Per analysis: what was done (e.g. node and edge counts, Q, S, or why it was skipped).
    warnings : iterable of str
        Warnings about the data, as shown to the user.
    outputs : mapping of str to str
        ``{relative path: sha256}`` of the output files.
    input_hashes : mapping of str to str, optional
        ``{path: sha256}`` already computed (see :func:`files_sha256`); the other
        inputs are hashed here.

    Returns
    -------
    dict
        JSON-serialisable, deterministic for the same inputs and configuration.
    """
    files = sorted(str(Path(p)) for p in inputs)
    known = dict(input_hashes or {})
    parameters = {s: dict(k) for s, k in config.items()}
    parameters.get("output", {}).pop("dir", None)  # where the manifest is, not how it was made
    return {
        "litmap_manifest": 1,
        "versions": versions(),
        "parameters": parameters,
        "seeds": {"cluster": config["cluster"]["seed"]},
        "inputs": [{"path": p, "bytes": Path(p).stat().st_size, "sha256": known.get(p) or file_sha256(p)}
                   for p in files],
        "records": dict(counts),
        "analyses": dict(analyses),
        "warnings": list(warnings),
        "outputs": dict(outputs),
        "timings": "timings.json",
    }


def write_json(data: Any, path: str | Path) -> Path:
    """Write ``data`` as stable, pretty JSON (sorted keys, UTF-8, trailing newline).

    Parameters
    ----------
    data : object
        JSON-serialisable.
    path : str or Path

    Returns
    -------
    Path
        ``path``.
    """
    path = Path(path)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return path
