"""HTML fragments of the analysis for the study report.

:func:`report_sections` turns finished results into ``(title, html)`` pairs; the
report places each fragment under its title. Fragments are plain tables
(classes ``analysis-table`` / ``regression-table``), every string escaped, no
scripts or styles, so the report's own CSS applies.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd

from analysis.detect import DetectionResult
from analysis.entropy import EntropyResult
from analysis.regress import PanelSequence, RegressionResult
from analysis.tables import regression_table

__all__ = ["report_sections", "frame_html"]


def frame_html(frame: pd.DataFrame, *, digits: int = 4) -> str:
    """Render a DataFrame as an escaped HTML table.

    Parameters
    ----------
    frame : pandas.DataFrame
        Table to render (index dropped).
    digits : int, default 4
        Decimals of float columns.

    Returns
    -------
    str
        HTML ``<table class="analysis-table">`` fragment.
    """
    return frame.to_html(index=False, escape=True, classes="analysis-table", border=0,
                         float_format=lambda v: f"{v:.{digits}f}", na_rep="")


def report_sections(*, detection: DetectionResult | None = None, entropy: EntropyResult | None = None,
                    panel: PanelSequence | None = None,
                    micro: Sequence[RegressionResult] | None = None) -> list[tuple[str, str]]:
    """Build the report sections of whichever results are given.

    Parameters
    ----------
    detection : DetectionResult, optional
        Elimination chain: summary line and audit trail.
    entropy : EntropyResult, optional
        Entropy weights and scores.
    panel : PanelSequence, optional
        Macro models side by side and the specification tests.
    micro : sequence of RegressionResult, optional
        Micro models (e.g. logit, AME, probit) side by side.

    Returns
    -------
    list of (str, str)
        ``(title, html_fragment)`` in the order detection, entropy, panel, micro.
    """
    out: list[tuple[str, str]] = []
    if detection is not None:
        kept = ", ".join(detection.kept) or "none"
        audit = detection.audit[["city", "screen", "value", "threshold", "passed", "reached",
                                 "removed_by", "figures"]]
        out.append(("Counter-urbanization screens",
                    f"<p>{html.escape(f'{len(detection.cities)} candidates; kept: {kept}.')}</p>\n"
                    + frame_html(audit)))
    if entropy is not None:
        scores = entropy.scores.reset_index()
        scores.columns = [str(c) for c in scores.columns]
        out.append(("Entropy weights", frame_html(entropy.to_frame()) + frame_html(scores)))
    if panel is not None:
        models = [panel.models[k] for k in ("pooled", "fe", "re", "twoway_clustered", "twoway_dk")]
        out.append(("Panel regressions", regression_table(models).to_html()
                    + frame_html(panel.tests_frame())))
    if micro:
        out.append(("Return-intention models", regression_table(list(micro)).to_html()))
    return out
