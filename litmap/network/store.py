"""A self-contained network folder: ``network.npz`` and ``params.json`` beside the tables.

:func:`litmap.network.write_network` always writes four files that together hold a
whole :class:`~litmap.network.model.Network`:

* ``nodes.csv`` and ``edges.csv`` — the node and edge tables (see
  :func:`litmap.network.export.write_tables`);
* ``network.npz`` — the arrays: ``matrix`` and ``incidence`` as CSR parts
  (``<name>_data``, ``<name>_indices``, ``<name>_indptr``, ``<name>_shape``),
  ``record_uids``, ``record_years``, ``slice_labels``, ``slice_counts``,
  ``slice_selected``, and the exact surface forms of each node (``labels_flat``
  cut at ``labels_ptr``: ``nodes.csv`` joins them with ``"; "``, which a form that
  itself contains ``"; "`` would make ambiguous). It is a zip of ``.npy`` members
  written in a fixed order with a fixed date, never pickled, so the same network
  gives the same bytes;
* ``params.json`` — ``{"params": <network.params>, "corpus": {"path", "sha256"} or
  null}``, keys sorted; ``path`` is relative to the folder when it can be.

:func:`read_network` rebuilds the network from them; :func:`recorded_corpus` finds
the corpus file named in ``params.json`` and checks that it has not changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from litmap.errors import DataError, ParameterError
from litmap.network.model import Network

__all__ = ["FOLDER_FILES", "write_arrays", "write_params", "read_network", "recorded_corpus"]

FOLDER_FILES: tuple[str, ...] = ("nodes.csv", "edges.csv", "network.npz", "params.json")

_VERSION = 1
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_INT, _FLOAT, _STR = "int64", "float64", "str"
_NODE_DTYPES = {"label": _STR, "labels": _STR, "kind": _STR, "freq": _INT, "first_year": _INT,
                "first_slice": _STR, "degree": _INT, "weighted_degree": _FLOAT, "betweenness": _FLOAT}
_EDGE_DTYPES = {"source": _INT, "target": _INT, "count": _FLOAT, "strength": _FLOAT, "first_year": _INT}
_ARRAYS = ("version", "matrix_data", "matrix_indices", "matrix_indptr", "matrix_shape", "incidence_data",
           "incidence_indices", "incidence_indptr", "incidence_shape", "record_uids", "record_years",
           "slice_labels", "slice_counts", "slice_selected", "labels_flat", "labels_ptr")


def _strings(values: Any, what: str) -> np.ndarray:
    """A list of str as a fixed-width unicode array (an object array would need pickling)."""
    values = list(values)
    bad = next((v for v in values if not isinstance(v, str)), None)
    if bad is not None:
        raise DataError(f"network.npz: {what} must be strings, found {bad!r}")
    return np.array(values, dtype=str) if values else np.zeros(0, dtype="<U1")


def write_arrays(net: Network, path: str | Path) -> Path:
    """Write the arrays of a network (matrices, records, slices, surface forms) to an ``.npz`` file.

    Parameters
    ----------
    net : Network
    path : str or pathlib.Path
        Destination, usually ``<folder>/network.npz``.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    DataError
        When a record uid, slice label or surface form is not a string.
    """
    forms = list(net.nodes["labels"])
    arrays: dict[str, np.ndarray] = {"version": np.array(_VERSION, dtype=np.int64)}
    for name in ("matrix", "incidence"):
        m = sp.csr_matrix(getattr(net, name))
        arrays |= {f"{name}_data": m.data, f"{name}_indices": m.indices, f"{name}_indptr": m.indptr,
                   f"{name}_shape": np.array(m.shape, dtype=np.int64)}
    arrays |= {"record_uids": _strings(net.record_uids, "record uids"),
               "record_years": np.asarray(net.record_years),
               "slice_labels": _strings(net.slice_labels, "slice labels"),
               "slice_counts": net.slice_counts.to_numpy(),
               "slice_selected": net.slice_selected.to_numpy(),
               "labels_flat": _strings((s for f in forms for s in f), "node surface forms"),
               "labels_ptr": np.cumsum([0] + [len(f) for f in forms], dtype=np.int64)}
    path = Path(path)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for key in _ARRAYS:
            info = zipfile.ZipInfo(f"{key}.npy", date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            with z.open(info, "w", force_zip64=True) as fh:
                np.lib.format.write_array(fh, np.asarray(arrays[key]), allow_pickle=False)
    return path


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def write_params(net: Network, path: str | Path, *, corpus_path: str | Path | None = None) -> Path:
    """Write ``params.json``: the network's parameters and the corpus file it was built from.

    Parameters
    ----------
    net : Network
    path : str or pathlib.Path
        Destination, usually ``<folder>/params.json``.
    corpus_path : str or pathlib.Path, optional
        The corpus ``.parquet`` the network was built from; its path (relative to
        the folder of ``path`` when possible) and SHA-256 are recorded.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ParameterError
        When a parameter cannot be written as JSON, or ``corpus_path`` is not a file.
    """
    path = Path(path)
    corpus = None
    if corpus_path is not None:
        source = Path(corpus_path)
        if not source.is_file():
            raise ParameterError(f"corpus_path: {source} is not a file")
        try:
            where = Path(os.path.relpath(source.resolve(), path.parent.resolve())).as_posix()
        except ValueError:  # another drive (Windows): no relative path
            where = source.resolve().as_posix()
        corpus = {"path": where, "sha256": _sha256(source)}
    try:
        text = json.dumps({"params": net.params, "corpus": corpus}, sort_keys=True, ensure_ascii=False,
                          indent=1)
    except TypeError as exc:
        raise ParameterError(f"network params: cannot be written to {path.name}: {exc}") from exc
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _require(folder: Path) -> None:
    if not folder.is_dir():
        raise DataError(f"{folder}: not a folder")
    missing = [name for name in FOLDER_FILES if not (folder / name).is_file()]
    if missing:
        raise DataError(f"{folder}: not a network folder from `litmap network` (no {', '.join(missing)})")


def _load_arrays(path: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in _ARRAYS if k in z.files}
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise DataError(f"{path}: not a network archive ({exc})") from exc
    missing = [k for k in _ARRAYS if k not in arrays]
    if missing:
        raise DataError(f"{path}: no {', '.join(missing)} (written by another program or version?)")
    if arrays["version"].shape != () or int(arrays["version"]) != _VERSION:
        raise DataError(f"{path}: format version {arrays['version']}, expected {_VERSION}")
    return arrays


def _read_table(path: Path, dtypes: dict[str, str]) -> pd.DataFrame:
    """A table with its contract dtypes; floats read back exactly, empty float cells as NaN."""
    try:
        header = pd.read_csv(path, nrows=0).columns
    except (ValueError, pd.errors.ParserError) as exc:
        raise DataError(f"{path}: cannot read the table ({exc})") from exc
    missing = [c for c in dtypes if c not in header]
    if missing:
        raise DataError(f"{path}: no column {', '.join(missing)}")
    try:
        return pd.read_csv(path, dtype=dtypes, keep_default_na=False,
                           na_values={c: [""] for c, t in dtypes.items() if t == _FLOAT})
    except (ValueError, pd.errors.ParserError) as exc:
        raise DataError(f"{path}: cannot read the table ({exc})") from exc


def _csr(arrays: dict[str, np.ndarray], name: str) -> sp.csr_matrix:
    shape = tuple(int(x) for x in arrays[f"{name}_shape"])
    return sp.csr_matrix((arrays[f"{name}_data"], arrays[f"{name}_indices"], arrays[f"{name}_indptr"]),
                         shape=shape)


def _nodes(folder: Path, arrays: dict[str, np.ndarray], labels: list[str]) -> pd.DataFrame:
    path = folder / "nodes.csv"
    table = _read_table(path, {"id": _INT, **_NODE_DTYPES})
    table = table.sort_values("id", kind="stable").reset_index(drop=True)
    ptr, flat = arrays["labels_ptr"], arrays["labels_flat"].tolist()
    n = ptr.size - 1
    if not np.array_equal(table["id"].to_numpy(), np.arange(n)):
        raise DataError(f"{path}: ids must be 0..{n - 1}, matching network.npz ({n} nodes)")
    nodes = table.drop(columns=["id"] + [f"n_{s}" for s in labels if f"n_{s}" in table])
    nodes["labels"] = [flat[a:b] for a, b in zip(ptr[:-1], ptr[1:])]
    return nodes


def read_network(directory: str | Path) -> Network:
    """Read a network folder written by :func:`litmap.network.write_network` back into a :class:`Network`.

    Parameters
    ----------
    directory : str or pathlib.Path
        A folder holding ``nodes.csv``, ``edges.csv``, ``network.npz`` and
        ``params.json``.

    Returns
    -------
    Network
        Equal to the network that was written: node and edge tables with the
        dtypes of the contract (``labels`` as lists of str, the exact surface
        forms), the sparse matrices, record uids and years, slices and params.
        Columns added to ``nodes.csv`` by hand are kept (types inferred).

    Raises
    ------
    DataError
        When a file is missing (named in the message), unreadable, or the files
        do not describe the same network.

    Examples
    --------
    >>> write_network(net, "net/")                      # doctest: +SKIP
    >>> read_network("net/").summary() == net.summary()  # doctest: +SKIP
    True
    """
    folder = Path(directory)
    _require(folder)
    arrays = _load_arrays(folder / "network.npz")
    labels = arrays["slice_labels"].tolist()
    nodes = _nodes(folder, arrays, labels)
    edges = _read_table(folder / "edges.csv", _EDGE_DTYPES)
    matrix, incidence = _csr(arrays, "matrix"), _csr(arrays, "incidence")
    n, uids = len(nodes), arrays["record_uids"].astype(object)
    if matrix.shape != (n, n) or incidence.shape != (uids.size, n):
        raise DataError(f"{folder}: network.npz has a {matrix.shape} matrix and a {incidence.shape} "
                        f"incidence for {n} nodes in nodes.csv and {uids.size} records")
    if len(edges) and (edges[["source", "target"]].to_numpy().max() >= n or edges["source"].min() < 0):
        raise DataError(f"{folder / 'edges.csv'}: node ids outside 0..{n - 1}")
    params = _params(folder / "params.json")["params"]
    if not isinstance(params, dict):
        raise DataError(f"{folder / 'params.json'}: 'params' must be an object")
    return Network(nodes=nodes, edges=edges, matrix=matrix, incidence=incidence, record_uids=uids,
                   record_years=arrays["record_years"], slice_labels=labels,
                   slice_counts=pd.DataFrame(arrays["slice_counts"], columns=labels),
                   slice_selected=pd.DataFrame(arrays["slice_selected"], columns=labels),
                   params=params)


def _params(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"{path}: not a params file ({exc})") from exc
    if not isinstance(doc, dict) or "params" not in doc:
        raise DataError(f"{path}: expected an object with 'params' and 'corpus'")
    return doc


def recorded_corpus(directory: str | Path) -> Path:
    """Return the corpus file a network folder was built from, as recorded in its ``params.json``.

    Parameters
    ----------
    directory : str or pathlib.Path
        A network folder.

    Returns
    -------
    pathlib.Path
        The corpus ``.parquet`` (a relative record is taken relative to the folder).

    Raises
    ------
    DataError
        When ``params.json`` is missing or names no corpus, the file is gone, or its
        SHA-256 differs from the recorded one (the corpus changed since).
    """
    folder = Path(directory)
    path = folder / "params.json"
    if not path.is_file():
        raise DataError(f"{folder}: no params.json")
    corpus = _params(path).get("corpus")
    if not isinstance(corpus, dict) or not corpus.get("path"):
        raise DataError(f"{path}: names no corpus file")
    source = Path(corpus["path"])
    source = source if source.is_absolute() else folder / source
    if not source.is_file():
        raise DataError(f"{path}: the corpus {corpus['path']} is not found (looked for {source})")
    if _sha256(source) != corpus.get("sha256"):
        raise DataError(f"{path}: the corpus {source} changed since the network was built (SHA-256 differs)")
    return source
