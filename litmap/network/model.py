"""The :class:`Network` result of :func:`litmap.network.build_network`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph

__all__ = ["Network", "NODE_COLUMNS", "EDGE_COLUMNS"]

NODE_COLUMNS: tuple[str, ...] = ("label", "labels", "kind", "freq", "first_year", "first_slice", "degree",
                                 "weighted_degree", "betweenness")
EDGE_COLUMNS: tuple[str, ...] = ("source", "target", "count", "strength", "first_year")


@dataclass(frozen=True)
class Network:
    """A co-occurrence, co-citation or coupling network with its provenance.

    :func:`litmap.network.write_network` writes it to a folder and
    :func:`litmap.network.read_network` reads it back whole (every attribute equal).

    Attributes
    ----------
    nodes : pandas.DataFrame
        Indexed 0..n−1 (node id = row position): ``label`` (display), ``labels``
        (all surface forms), ``kind``, ``freq`` (records containing the item over
        the span; references for coupling), ``first_year``, ``first_slice``,
        ``degree``, ``weighted_degree`` (sum of strengths), ``betweenness``
        (normalised).
    edges : pandas.DataFrame
        ``source < target`` (node ids), ``count`` (full or fractional),
        ``strength`` (normalised), ``first_year`` (first year the two items occur
        together; for coupling the later of the two records' years).
    matrix : scipy.sparse.csr_matrix
        n × n, symmetric, strength on the edges, zero diagonal.
    incidence : scipy.sparse.csr_matrix
        Records × nodes, 1 where the record contains the item (for coupling: the
        record is the node); rows aligned with ``record_uids``.
    record_uids : numpy.ndarray
        Corpus ``uid`` of each incidence row (the records of the analysed span).
    record_years : numpy.ndarray
        Year of each incidence row (int, −1 when unknown).
    slice_labels : list of str
        One per slice, ``"2019"`` or ``"2019-2020"``.
    slice_counts : pandas.DataFrame
        Nodes × slices: records of the slice containing the item.
    slice_selected : pandas.DataFrame
        Nodes × slices, bool: the item was selected in that slice.
    params : dict
        Every parameter used, plus what the run found (records used, empty
        slices, items selected per slice).
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    matrix: sp.csr_matrix
    incidence: sp.csr_matrix
    record_uids: np.ndarray
    record_years: np.ndarray
    slice_labels: list[str]
    slice_counts: pd.DataFrame
    slice_selected: pd.DataFrame
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return len(self.nodes)

    @property
    def n_edges(self) -> int:
        """Number of edges."""
        return len(self.edges)

    def summary(self) -> dict[str, Any]:
        """Return nodes, edges, density, components and the largest component size.

        Returns
        -------
        dict
            ``kind, nodes, edges, density, components, largest_component``.
        """
        n, m = self.n_nodes, self.n_edges
        comps, sizes = 0, np.zeros(0, dtype=np.int64)
        if n:
            g = sp.csr_matrix((np.ones(m), (self.edges["source"], self.edges["target"])), shape=(n, n))
            comps, labels = csgraph.connected_components(g, directed=False)
            sizes = np.bincount(labels)
        return {"kind": self.params.get("kind"), "nodes": n, "edges": m,
                "density": (2.0 * m / (n * (n - 1))) if n > 1 else 0.0,
                "components": int(comps), "largest_component": int(sizes.max()) if sizes.size else 0}

    def __str__(self) -> str:
        s = self.summary()
        return (f"{s['kind']} network: {s['nodes']} nodes, {s['edges']} edges, density {s['density']:.4f}, "
                f"{s['components']} components (largest {s['largest_component']})")

    def _node_attrs(self) -> pd.DataFrame:
        attrs = self.nodes.copy()
        attrs["labels"] = ["; ".join(x) for x in attrs["labels"]]
        return attrs

    def to_networkx(self):
        """Return an undirected ``networkx.Graph``; edge ``weight`` = strength.

        Returns
        -------
        networkx.Graph
            Node keys are node ids; node attributes are the ``nodes`` columns
            (``labels`` joined with ``"; "``); edge attributes ``count``,
            ``strength``, ``weight``, ``first_year``.
        """
        import networkx as nx

        g = nx.Graph(kind=self.params.get("kind"))
        attrs = self._node_attrs()
        g.add_nodes_from((int(i), {k: _py(v) for k, v in row.items()}) for i, row in attrs.iterrows())
        e = self.edges
        g.add_edges_from((int(s), int(t), {"count": float(c), "strength": float(w), "weight": float(w),
                                           "first_year": int(y)})
                         for s, t, c, w, y in zip(e["source"], e["target"], e["count"], e["strength"],
                                                  e["first_year"]))
        return g

    def to_igraph(self):
        """Return an undirected ``igraph.Graph``; edge ``weight`` = strength.

        Returns
        -------
        igraph.Graph
            Vertex ``i`` is node id ``i``; vertex and edge attributes as in
            :meth:`to_networkx`.
        """
        import igraph as ig

        e = self.edges
        g = ig.Graph(n=self.n_nodes, edges=list(zip(e["source"].tolist(), e["target"].tolist())),
                     directed=False)
        for col, values in self._node_attrs().items():
            g.vs[col] = [_py(v) for v in values]
        for col in ("count", "strength", "first_year"):
            g.es[col] = e[col].tolist()
        g.es["weight"] = e["strength"].tolist()
        return g


def _py(value: Any) -> Any:
    """numpy scalar -> Python scalar (graph libraries and writers want plain types)."""
    return value.item() if isinstance(value, np.generic) else value
