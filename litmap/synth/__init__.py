"""Synthetic bibliographic exports: WoS plain text and CNKI RefWorks, seeded and deterministic.

The generator draws papers from a topic model of the counter-urbanization and
urban–rural integration literature (:data:`COUNTERURBANIZATION`): seven planted
topics with distinct bilingual keyword sets, keywords planted to burst in given
year windows, record volume growing 12 % a year, authors clustered in real
institutions (Chinese ones for CNKI, several countries for WoS) and cited
references drawn with preferential attachment, so that later stages show real
clusters, bursts and co-citation structure. Every record is synthetic; DOIs use
the ``10.5555`` test prefix.

>>> from litmap.synth import write_wos                       # doctest: +SKIP
>>> write_wos("bench/wos_100k.txt", 100_000, seed=0)         # doctest: +SKIP

Command line: ``python -m litmap.synth demo corpora/demo`` regenerates the bundled
demo corpus; ``python -m litmap.synth wos PATH N [SEED]`` and ``... cnki PATH N
[SEED]`` write one file.
"""

from __future__ import annotations

from litmap.synth._vocab import COUNTERURBANIZATION, Term, Topic, Trend, Vocabulary
from litmap.synth._writers import (DEMO_COMMAND, write_cnki_demo, write_cnki_refworks, write_demo,
                                   write_planted, write_wos)

__all__ = ["write_wos", "write_cnki_refworks", "write_cnki_demo", "write_demo", "write_planted",
           "Vocabulary", "Topic", "Trend", "Term", "COUNTERURBANIZATION", "DEMO_COMMAND"]
