"""The public API checks itself: every public function is documented and keyword-heavy.

For each public module, every function and class listed in ``__all__`` must have a
numpy-style docstring with ``Parameters`` (when it takes any) and ``Returns`` (for
functions), and at most two positional parameters (everything after them
keyword-only), so that calls stay readable and stable.
"""

from __future__ import annotations

import importlib
import inspect

import pytest

MODULES = [
    "litmap", "litmap.corpus", "litmap.io", "litmap.network", "litmap.cluster", "litmap.burst",
    "litmap.report", "litmap.pipeline", "litmap.synth",
    "analysis.entropy", "analysis.detect", "analysis.regress", "analysis.tables",
]


def _public_functions():
    seen = set()
    for modname in MODULES:
        mod = importlib.import_module(modname)
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name)
            if inspect.isfunction(obj) and id(obj) not in seen:
                seen.add(id(obj))
                yield pytest.param(obj, id=f"{obj.__module__}.{obj.__qualname__}")


@pytest.mark.parametrize("func", list(_public_functions()))
def test_signature_and_docstring(func):
    sig = inspect.signature(func)
    positional = [p for p in sig.parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    assert len(positional) <= 2, f"{func.__qualname__}: more than 2 positional parameters {positional}"
    doc = inspect.getdoc(func) or ""
    assert doc, f"{func.__qualname__} has no docstring"
    if sig.parameters:
        assert "Parameters\n----------" in doc, f"{func.__qualname__}: docstring lacks a Parameters section"
    assert "Returns\n-------" in doc or "Yields\n------" in doc, \
        f"{func.__qualname__}: docstring lacks a Returns section"


def test_errors_are_value_errors():
    import litmap

    for name in ("LitmapError", "ParseError", "FormatError", "EncodingError", "ParameterError",
                 "DataError", "ConfigError"):
        assert issubclass(getattr(litmap, name), ValueError)
        assert issubclass(getattr(litmap, name), litmap.LitmapError)


def test_top_level_layout():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    for entry in ("litmap", "analysis", "corpora", "tests", "pyproject.toml", "README.md"):
        assert (root / entry).exists(), entry
