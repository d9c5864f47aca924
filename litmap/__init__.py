"""litmap: bibliometric literature mapping from CNKI, CSSCI, Wanfang, WoS, Scopus and RIS exports.

The pipeline is readers -> networks -> clusters/bursts -> views:

>>> import litmap                                      # doctest: +SKIP
>>> corpus = litmap.read("exports/")                   # doctest: +SKIP
>>> net = litmap.build_network(corpus, kind="keyword")  # doctest: +SKIP

Heavy modules are imported on first use, so ``import litmap`` and the command
line start fast.
"""

from __future__ import annotations

import importlib
from typing import Any

from litmap.corpus import Corpus, ImportReport
from litmap.errors import (ConfigError, DataError, EncodingError, FormatError, LitmapError,
                           ParameterError, ParseError)

__version__ = "0.1.0"

_LAZY = {
    "read": "litmap.io",
    "FORMATS": "litmap.io",
    "Network": "litmap.network",
    "build_network": "litmap.network",
    "cluster_network": "litmap.cluster",
    "ClusterResult": "litmap.cluster",
    "detect_bursts": "litmap.burst",
    "BurstResult": "litmap.burst",
}

__all__ = ["Corpus", "ImportReport", "LitmapError", "ParseError", "FormatError", "EncodingError",
           "ParameterError", "DataError", "ConfigError", "__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'litmap' has no attribute {name!r}")
