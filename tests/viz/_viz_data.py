"""Builders for the view tests: small corpora pushed through the real network, cluster and
burst code (litmap.network, litmap.cluster, litmap.burst).

A module of its own (not conftest) so that tests can import it by a unique name."""

from __future__ import annotations

import numpy as np
import pandas as pd

from litmap.corpus import Corpus

#: Strings that must render as text everywhere.
HOSTILE = ('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)")

_TOPICS = ["urbanization", "counter-urbanization", "rural revitalization", "migration",
           "land use", "suburbanization", "housing", "commuting", "amenity migration",
           "乡村振兴", "城镇化", "逆城市化", "人口流动", "土地利用", "城乡融合", "县域经济"]


def make_corpus(n: int = 160, *, seed: int = 0, hostile: bool = False) -> Corpus:
    """A corpus of ``n`` records with English and Chinese keywords over 2012-2021.

    Keywords come in three themes so that clusters exist; with ``hostile`` the
    titles, keywords, sources and DOIs carry :data:`HOSTILE` strings.
    """
    rng = np.random.default_rng(seed)
    themes = [_TOPICS[0:6], _TOPICS[6:11], _TOPICS[11:16]]
    vocab = list(_TOPICS) + (list(HOSTILE) if hostile else [])
    rows = []
    for i in range(n):
        year = 2012 + int(rng.integers(0, 10))
        # a keyword appears from 2012 + (its position in the theme) on, so first years differ
        theme = [w for j, w in enumerate(themes[i % 3]) if 2012 + 2 * j <= year]
        theme += list(HOSTILE) if hostile else []
        k = rng.choice(len(theme), size=min(len(theme), int(rng.integers(2, 5))), replace=False)
        words = [theme[j] for j in k] + (["spatial planning"] if i % 7 == 0 else [])
        if rng.random() < 0.1:
            words.append(vocab[int(rng.integers(0, len(vocab)))])
        title = f"Study {i} of {words[0]}"
        if hostile:
            title = f"{HOSTILE[i % 3]} study {i} {HOSTILE[(i + 1) % 3]}"
        rows.append({
            "uid": f"WOS:{i:06d}" if i % 2 else f"CNKI:{i:06d}", "db": "wos" if i % 2 else "cnki",
            "title": title, "authors": [f"Author {j}" for j in rng.choice(12, size=2, replace=False)],
            "keywords": list(dict.fromkeys(words)), "year": year,
            "source": HOSTILE[1] if hostile and i % 4 == 0 else f"Journal {i % 5}",
            "doi": HOSTILE[2] if hostile and i % 2 else f"10.1000/rec.{i}",
            "institutions": [f"Institute {i % 4}"], "countries": ["China" if i % 2 == 0 else "USA"],
        })
    return Corpus(pd.DataFrame(rows))


def make_results(corpus: Corpus, *, select: str | None = None) -> dict:
    """Network, labelled clusters and bursts of ``corpus`` (real library code)."""
    from litmap.burst import network_bursts
    from litmap.cluster import cluster_network, label_clusters
    from litmap.network import build_network

    net = build_network(corpus, kind="keyword", select=select)
    clusters = label_clusters(cluster_network(net, min_size=2, seed=0), net, corpus=corpus,
                              source="keywords")
    bursts = network_bursts(net, corpus, s=1.5, gamma=0.5, min_duration=1)
    return {"network": net, "clusters": clusters, "bursts": bursts, "corpus": corpus}
