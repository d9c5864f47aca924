"""Co-occurrence, co-citation and coupling networks with CiteSpace's time slicing.

>>> from litmap.network import build_network          # doctest: +SKIP
>>> net = build_network(corpus, kind="keyword", select="g-index:25", prune="pathfinder")  # doctest: +SKIP
"""

from litmap.network.build import PRUNE_SCOPES, build_network
from litmap.network.centrality import betweenness
from litmap.network.clean import Cleaner, read_alias, read_exclusion
from litmap.network.export import write_network
from litmap.network.items import KINDS
from litmap.network.model import Network
from litmap.network.normalize import COUNTINGS, STRENGTHS, link_strength
from litmap.network.prune import PRUNINGS, pathfinder, pfnet
from litmap.network.select import g_index, parse_select
from litmap.network.store import read_network, recorded_corpus

__all__ = ["build_network", "Network", "write_network", "read_network", "recorded_corpus", "KINDS",
           "STRENGTHS", "COUNTINGS", "PRUNINGS", "PRUNE_SCOPES", "Cleaner", "read_alias", "read_exclusion",
           "link_strength", "g_index", "parse_select", "pathfinder", "pfnet", "betweenness"]
