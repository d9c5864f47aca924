"""analysis: the empirical chain of a counter-urbanization study.

Modules, one job each:

- :mod:`analysis.data` -- input schemas (city panel, ring panel, survey) and validation;
- :mod:`analysis.rings` -- core / inner-suburb / county rings of the 11 YREB cities from the census;
- :mod:`analysis.cycle` -- Kawashima's ROXY index and van den Berg's stages;
- :mod:`analysis.detect` -- step-by-step elimination screens with an audit trail;
- :mod:`analysis.entropy` -- entropy weight method (熵值法), sum form and TOPSIS;
- :mod:`analysis.regress` -- macro panel models and specification tests;
- :mod:`analysis.bootstrap` -- wild cluster bootstrap for few clusters;
- :mod:`analysis.micro` -- logit / probit / AME / multinomial / heterogeneity;
- :mod:`analysis.tables` -- publication tables to HTML, LaTeX, Markdown, CSV;
- :mod:`analysis.synth` -- synthetic data with known coefficients;
- :mod:`analysis.report` -- HTML fragments for the study report.

Errors derive from :class:`litmap.errors.LitmapError`.
"""

from __future__ import annotations

from analysis.detect import DetectionResult, detect_counterurbanization, load_screens
from analysis.entropy import EntropyResult, TopsisResult, entropy_weights, topsis
from analysis.regress import RegressionResult, fit_panel, panel_sequence
from analysis.report import report_sections
from analysis.tables import regression_table

__version__ = "0.1.0"

__all__ = ["DetectionResult", "detect_counterurbanization", "load_screens", "EntropyResult",
           "TopsisResult", "entropy_weights", "topsis", "RegressionResult", "fit_panel",
           "panel_sequence", "report_sections", "regression_table"]
