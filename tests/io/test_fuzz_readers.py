"""Property test: corrupted real exports give a Corpus or a LitmapError, never anything else.

For every registered format, one real sample file (the first file of
``expected_counts.json`` detected as that format) is truncated, has lines cut,
bytes injected or its encoding swapped, and is read with detection and with the
format forced, under every ``on_bad_record`` policy.
"""

from __future__ import annotations

import tempfile
import warnings
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litmap.corpus import Corpus
from litmap.errors import LitmapError
from litmap.io import FORMATS, read

pytestmark = [pytest.mark.corpora, pytest.mark.slow]

_HEAD_BYTES = 24_000


@lru_cache(maxsize=1)
def _samples(corpora: str) -> dict[str, bytes]:
    """Format name -> the first ~24 kB of a real file of that format."""
    import json

    root = Path(corpora)
    expected = json.loads((root / "expected_counts.json").read_text(encoding="utf-8"))
    out: dict[str, bytes] = {}
    for name in sorted(expected):
        path = root / name
        if not path.is_file():
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fmt = read(path, on_bad_record="skip").report.files.loc[0, "format"]
        if fmt not in out:
            data = path.read_bytes()
            cut = data.find(b"\n", _HEAD_BYTES)
            out[fmt] = data if cut < 0 else data[:cut + 1]
    return out


def _mutate(data: bytes, kind: str, a: float, b: float, junk: bytes) -> bytes:
    i, j = sorted((int(a * len(data)), int(b * len(data))))
    if kind == "truncate":
        return data[:i]
    if kind == "cut_lines":
        lines = data.split(b"\n")
        i, j = sorted((int(a * len(lines)), int(b * len(lines))))
        return b"\n".join(lines[:i] + lines[j:])
    if kind == "inject":
        return data[:i] + junk + data[i:]
    if kind == "duplicate":
        return data[:j] + data[i:j] + data[j:]
    codec = {"swap_gbk": "gbk", "swap_utf16le": "utf-16-le", "swap_utf16be": "utf-16-be",
             "swap_latin1": "latin-1"}[kind]
    text = data.decode("utf-8", errors="replace")
    return data[:i] + text[i:j].encode(codec, errors="ignore") + data[j:] if kind == "swap_gbk" \
        else text.encode(codec, errors="replace")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_corrupted_files_never_escape(fmt: str, corpora_dir: Path) -> None:
    samples = _samples(str(corpora_dir))
    if fmt not in samples:
        pytest.skip(f"no real {fmt} file in expected_counts.json to corrupt")
    data = samples[fmt]

    @settings(max_examples=25, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(kind=st.sampled_from(["truncate", "cut_lines", "inject", "duplicate", "swap_gbk",
                                 "swap_utf16le", "swap_utf16be", "swap_latin1"]),
           a=st.floats(0, 1), b=st.floats(0, 1), junk=st.binary(min_size=1, max_size=64),
           forced=st.booleans(), policy=st.sampled_from(["error", "warn", "skip"]))
    def check(kind: str, a: float, b: float, junk: bytes, forced: bool, policy: str) -> None:
        bad = _mutate(data, kind, a, b, junk)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"sample{'.csv' if fmt.endswith('csv') else '.txt'}"
            if FORMATS[fmt].binary:
                path = path.with_suffix(".xls")
            path.write_bytes(bad)
            try:
                result = read(path, format=fmt if forced else None, on_bad_record=policy)
            except LitmapError:
                return
            assert isinstance(result, Corpus)
            t = result.report.totals()
            assert t["read"] == t["kept"] + t["duplicates"] + t["rejected"]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check()
