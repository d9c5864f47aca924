"""Writers of a :class:`~litmap.network.model.Network`: tables, GraphML, GEXF, Pajek, VOSviewer.

:func:`write_network` also writes ``network.npz`` and ``params.json``
(:mod:`litmap.network.store`), which make the folder readable by
:func:`litmap.network.read_network`.

Every writer is deterministic (same network, same bytes): no dates, fixed column
and attribute order, UTF-8 with ``\\n`` line ends. Node ids are 0-based in the
tables, GraphML and GEXF, and 1-based in Pajek and VOSviewer files (as those
programs require).
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import pandas as pd

from litmap.errors import ParameterError
from litmap.network.model import Network
from litmap.network.store import write_arrays, write_params

__all__ = ["FORMATS", "write_network", "write_exchange", "exchange_paths", "write_tables", "write_graphml", "write_gexf", "write_pajek",
           "write_vosviewer", "write_vosviewer_json"]

_NODE_ATTRS = (("label", "string"), ("labels", "string"), ("kind", "string"), ("freq", "int"),
               ("first_year", "int"), ("first_slice", "string"), ("degree", "int"),
               ("weighted_degree", "double"), ("betweenness", "double"))
_EDGE_ATTRS = (("count", "double"), ("strength", "double"), ("first_year", "int"))
# XML declaration and attribute types shared by the GraphML and GEXF writers.
_XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>'
_XML_TYPES = {"string": "string", "int": "long", "double": "double"}


def _nodes_table(net: Network) -> pd.DataFrame:
    t = net.nodes.copy()
    t["labels"] = ["; ".join(x) for x in t["labels"]]
    t.insert(0, "id", range(len(t)))
    return t


def _fmt(value: object) -> str:
    return repr(float(value)) if isinstance(value, float) else str(value)


def write_tables(net: Network, directory: str | Path) -> list[Path]:
    """Write ``nodes.csv`` (with per-slice counts) and ``edges.csv``.

    Parameters
    ----------
    net : Network
    directory : str or pathlib.Path

    Returns
    -------
    list of pathlib.Path
    """
    d = Path(directory)
    nodes = _nodes_table(net)
    slices = net.slice_counts.add_prefix("n_")
    out = [d / "nodes.csv", d / "edges.csv"]
    pd.concat([nodes, slices], axis=1).to_csv(out[0], index=False, lineterminator="\n")
    net.edges.to_csv(out[1], index=False, lineterminator="\n")
    return out


def write_graphml(net: Network, path: str | Path) -> Path:
    """Write GraphML (undirected; attributes as in :data:`_NODE_ATTRS` / :data:`_EDGE_ATTRS`).

    Parameters
    ----------
    net : Network
    path : str or pathlib.Path

    Returns
    -------
    pathlib.Path
    """
    typ = _XML_TYPES
    lines = [_XML_DECL, '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">']
    lines += [f'  <key id="n_{k}" for="node" attr.name="{k}" attr.type="{typ[t]}"/>' for k, t in _NODE_ATTRS]
    lines += [f'  <key id="e_{k}" for="edge" attr.name="{k}" attr.type="{typ[t]}"/>' for k, t in _EDGE_ATTRS]
    lines.append('  <graph id="G" edgedefault="undirected">')
    for i, row in _nodes_table(net).iterrows():
        data = "".join(f'<data key="n_{k}">{escape(_fmt(row[k]))}</data>' for k, _ in _NODE_ATTRS)
        lines.append(f'    <node id="n{i}">{data}</node>')
    for e in net.edges.itertuples(index=False):
        data = "".join(f'<data key="e_{k}">{_fmt(getattr(e, k))}</data>' for k, _ in _EDGE_ATTRS)
        lines.append(f'    <edge source="n{e.source}" target="n{e.target}">{data}</edge>')
    lines += ["  </graph>", "</graphml>", ""]
    path = Path(path)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_gexf(net: Network, path: str | Path) -> Path:
    """Write GEXF 1.3 for Gephi (edge ``weight`` = strength; no date, so it is reproducible).

    Parameters
    ----------
    net : Network
    path : str or pathlib.Path

    Returns
    -------
    pathlib.Path
    """
    typ = _XML_TYPES
    attrs = [a for a in _NODE_ATTRS if a[0] != "label"]
    lines = [_XML_DECL,
             '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
             '  <graph defaultedgetype="undirected" mode="static">',
             '    <attributes class="node">']
    lines += [f'      <attribute id="{k}" title="{k}" type="{typ[t]}"/>' for k, t in attrs]
    lines += ['    </attributes>', '    <attributes class="edge">']
    lines += [f'      <attribute id="{k}" title="{k}" type="{typ[t]}"/>' for k, t in _EDGE_ATTRS]
    lines += ['    </attributes>', '    <nodes>']
    for i, row in _nodes_table(net).iterrows():
        vals = "".join(f'<attvalue for="{k}" value={quoteattr(_fmt(row[k]))}/>' for k, _ in attrs)
        lines.append(f'      <node id="{i}" label={quoteattr(str(row["label"]))}><attvalues>{vals}'
                     '</attvalues></node>')
    lines += ['    </nodes>', '    <edges>']
    for j, e in enumerate(net.edges.itertuples(index=False)):
        vals = "".join(f'<attvalue for="{k}" value="{_fmt(getattr(e, k))}"/>' for k, _ in _EDGE_ATTRS)
        lines.append(f'      <edge id="{j}" source="{e.source}" target="{e.target}" '
                     f'weight="{_fmt(e.strength)}"><attvalues>{vals}</attvalues></edge>')
    lines += ['    </edges>', '  </graph>', '</gexf>', '']
    path = Path(path)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_pajek(net: Network, path: str | Path) -> Path:
    """Write a Pajek ``.net`` file (1-based vertices, edge value = strength).

    Parameters
    ----------
    net : Network
    path : str or pathlib.Path

    Returns
    -------
    pathlib.Path
    """
    lines = [f"*Vertices {net.n_nodes}"]
    lines += [f'{i + 1} "{str(label).replace(chr(34), chr(39))}"' for i, label in enumerate(net.nodes["label"])]
    lines.append("*Edges")
    lines += [f"{s + 1} {t + 1} {_fmt(w)}" for s, t, w in
              zip(net.edges["source"], net.edges["target"], net.edges["strength"].astype(float))]
    path = Path(path)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _vos_items(net: Network, clusters: pd.Series | None) -> pd.DataFrame:
    n = net.nodes
    items = pd.DataFrame({"id": range(1, len(n) + 1), "label": n["label"].astype(str)})
    if clusters is not None:
        items["cluster"] = [int(clusters.loc[i]) + 1 for i in n.index]
    items["weight<Links>"] = n["degree"].to_numpy()
    items["weight<Total link strength>"] = n["weighted_degree"].to_numpy()
    items["weight<Occurrences>"] = n["freq"].to_numpy()
    items["score<Avg. pub. year>"] = _mean_year(net)
    items["score<First year>"] = n["first_year"].to_numpy()
    return items


def _mean_year(net: Network) -> np.ndarray:
    """Average publication year of the records containing each node (VOSviewer's overlay score)."""
    inc = net.incidence.tocsc().astype(np.float64)
    total = np.asarray(inc.sum(axis=0)).ravel()
    years = inc.T @ net.record_years.astype(np.float64)
    return np.round(np.divide(years, total, out=np.zeros_like(total), where=total > 0), 4)


def write_vosviewer(net: Network, map_path: str | Path, network_path: str | Path, *,
                    clusters: pd.Series | None = None) -> list[Path]:
    """Write a VOSviewer map file and network file (tab-separated, 1-based ids).

    Parameters
    ----------
    net : Network
    map_path, network_path : str or pathlib.Path
    clusters : pandas.Series, optional
        Node id -> cluster (0-based; written 1-based as VOSviewer expects).

    Returns
    -------
    list of pathlib.Path
    """
    map_path, network_path = Path(map_path), Path(network_path)
    _vos_items(net, clusters).to_csv(map_path, sep="\t", index=False, lineterminator="\n")
    lines = [f"{s + 1}\t{t + 1}\t{_fmt(w)}" for s, t, w in
             zip(net.edges["source"], net.edges["target"], net.edges["strength"].astype(float))]
    network_path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    return [map_path, network_path]


def write_vosviewer_json(net: Network, path: str | Path, *, clusters: pd.Series | None = None) -> Path:
    """Write a VOSviewer JSON file ``{"network": {"items": [...], "links": [...]}}``.

    Parameters
    ----------
    net : Network
    path : str or pathlib.Path
    clusters : pandas.Series, optional
        Node id -> cluster (0-based; written 1-based).

    Returns
    -------
    pathlib.Path
    """
    items = []
    for row in _vos_items(net, clusters).to_dict("records"):
        item = {"id": int(row["id"]), "label": row["label"]}
        if "cluster" in row:
            item["cluster"] = int(row["cluster"])
        item["weights"] = {k[7:-1]: _num(v) for k, v in row.items() if k.startswith("weight<")}
        item["scores"] = {k[6:-1]: _num(v) for k, v in row.items() if k.startswith("score<")}
        items.append(item)
    links = [{"source_id": int(s) + 1, "target_id": int(t) + 1, "strength": float(w)}
             for s, t, w in zip(net.edges["source"], net.edges["target"], net.edges["strength"])]
    doc = {"network": {"items": items, "links": links}}
    path = Path(path)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def _num(v: object) -> int | float:
    f = float(v)
    return int(f) if f.is_integer() and not isinstance(v, float) else f


FORMATS: tuple[str, ...] = ("csv", "graphml", "gexf", "pajek", "vosviewer", "vosviewer-json")
# The files each exchange format writes ({stem} replaced).
_EXCHANGE_NAMES: dict[str, tuple[str, ...]] = {
    "csv": (), "graphml": ("{stem}.graphml",), "gexf": ("{stem}.gexf",), "pajek": ("{stem}.net",),
    "vosviewer": ("{stem}_vos_map.txt", "{stem}_vos_network.txt"), "vosviewer-json": ("{stem}_vos.json",)}


def write_network(net: Network, directory: str | Path, *, formats: tuple[str, ...] = FORMATS,
                  clusters: pd.Series | None = None, stem: str = "network",
                  corpus_path: str | Path | None = None) -> list[Path]:
    """Write a network into one self-contained folder, plus exchange formats.

    The folder always gets ``nodes.csv``, ``edges.csv``, ``network.npz`` and
    ``params.json`` (:data:`litmap.network.store.FOLDER_FILES`), from which
    :func:`litmap.network.read_network` rebuilds the network exactly.

    Parameters
    ----------
    net : Network
    directory : str or pathlib.Path
        Output folder (created).
    formats : tuple of str, optional
        Any of :data:`FORMATS` (default all): ``graphml``, ``gexf``, ``pajek``
        (.net); ``vosviewer`` → ``<stem>_vos_map.txt`` and ``<stem>_vos_network.txt``;
        ``vosviewer-json`` → ``<stem>_vos.json``. ``csv`` names the tables, which
        are written in any case.
    clusters : pandas.Series, optional
        Node id -> cluster, written to the VOSviewer files.
    stem : str, optional (default="network")
        File name stem of the exchange formats.
    corpus_path : str or pathlib.Path, optional
        The corpus ``.parquet`` the network was built from; ``params.json``
        records its path and SHA-256 so that labels can be drawn later.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    ParameterError
        For an unknown format, a parameter that is not JSON, or a missing corpus file.
    """
    _check_formats(formats)
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    out = write_tables(net, d)
    out += [write_arrays(net, d / "network.npz"),
            write_params(net, d / "params.json", corpus_path=corpus_path)]
    return out + write_exchange(net, d, formats=formats, clusters=clusters, stem=stem)


def _check_formats(formats: tuple[str, ...]) -> None:
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ParameterError(f"formats: unknown {', '.join(unknown)}; expected any of {', '.join(FORMATS)}")


def exchange_paths(directory: str | Path, *, formats: tuple[str, ...] = FORMATS,
                   stem: str = "network") -> list[Path]:
    """The files :func:`write_exchange` writes, in order.

    Parameters
    ----------
    directory : str or pathlib.Path
    formats : tuple of str, optional
        Any of :data:`FORMATS` (``csv`` names no exchange file).
    stem : str, optional (default="network")

    Returns
    -------
    list of pathlib.Path
    """
    d = Path(directory)
    return [d / name.format(stem=stem) for f in FORMATS if f in formats for name in _EXCHANGE_NAMES[f]]


def write_exchange(net: Network, directory: str | Path, *, formats: tuple[str, ...] = FORMATS,
                   clusters: pd.Series | None = None, stem: str = "network") -> list[Path]:
    """Write the exchange formats of :func:`write_network` (GraphML, GEXF, Pajek, VOSviewer).

    Parameters
    ----------
    net : Network
    directory : str or pathlib.Path
        An existing folder.
    formats : tuple of str, optional
        Any of :data:`FORMATS` (default all; ``csv`` writes nothing here).
    clusters : pandas.Series, optional
        Node id -> cluster, written to the VOSviewer files.
    stem : str, optional (default="network")

    Returns
    -------
    list of pathlib.Path
        :func:`exchange_paths`: the files written.

    Raises
    ------
    ParameterError
        For an unknown format.
    """
    _check_formats(formats)
    d = Path(directory)
    out: list[Path] = []
    for f in FORMATS:
        if f not in formats or f == "csv":
            continue
        paths = [d / name.format(stem=stem) for name in _EXCHANGE_NAMES[f]]
        if f == "graphml":
            out.append(write_graphml(net, paths[0]))
        elif f == "gexf":
            out.append(write_gexf(net, paths[0]))
        elif f == "pajek":
            out.append(write_pajek(net, paths[0]))
        elif f == "vosviewer":
            out += write_vosviewer(net, *paths, clusters=clusters)
        else:
            out.append(write_vosviewer_json(net, paths[0], clusters=clusters))
    return out
