"""Publication tables: several models side by side, to HTML, LaTeX, Markdown and CSV.

Layout (one column per model): for each regressor a coefficient row with
significance stars and a row with the standard error in parentheses; then N, the
fit statistic (R², within R² or pseudo-R², labelled per model), one Yes/No row per
fixed effect, and a note on standard errors and stars. Every string that reaches
HTML is escaped; LaTeX special characters are escaped too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.regress import RegressionResult

__all__ = ["RegressionTable", "regression_table", "clean_label"]

_LATEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
          "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def clean_label(term: str) -> str:
    """Turn a patsy term into a readable row label.

    Parameters
    ----------
    term : str
        E.g. ``C(flow_range, Treatment('cross_province'))[T.within_city]`` or ``Q('return')``.

    Returns
    -------
    str
        E.g. ``flow_range: within_city``.
    """
    m = re.fullmatch(r"C\((\w+).*\)\[T\.(.+)\]", term)
    if m:
        return f"{m.group(1)}: {m.group(2)}"
    m = re.fullmatch(r"Q\('(.+)'\)", term)
    return m.group(1) if m else term


def _latex(text: str) -> str:
    return "".join(_LATEX.get(ch, ch) for ch in text)


@dataclass(frozen=True)
class RegressionTable:
    """A rendered comparison of models.

    Attributes
    ----------
    frame : pandas.DataFrame
        The table as strings: first column ``term``, one column per model.
    body_rows : int
        Number of coefficient/SE rows (the rest are statistics rows).
    notes : tuple of str
        Footnotes (standard errors, stars).
    title : str
        Caption.
    params : Mapping
        Parameters used.
    """

    frame: pd.DataFrame
    body_rows: int
    notes: tuple[str, ...]
    title: str = ""
    params: Mapping[str, object] = field(default_factory=dict)

    def to_csv(self, path: str | Path | None = None) -> str:
        """Render as CSV (notes as trailing rows).

        Parameters
        ----------
        path : str or Path, optional
            Also write the text to this file (UTF-8).

        Returns
        -------
        str
            The CSV text.
        """
        notes = pd.DataFrame([[n] + [""] * (self.frame.shape[1] - 1) for n in self.notes],
                             columns=self.frame.columns)
        text = pd.concat([self.frame, notes]).to_csv(index=False, lineterminator="\n")
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def to_markdown(self) -> str:
        """Render as a GitHub-flavoured Markdown table.

        Returns
        -------
        str
            Table, then the notes as lines.
        """
        def cell(v: str) -> str:
            return v.replace("|", r"\|")
        cols = list(self.frame.columns)
        lines = ["| " + " | ".join(cell(c) for c in cols) + " |",
                 "|" + "|".join(["---"] + [":---:"] * (len(cols) - 1)) + "|"]
        lines += ["| " + " | ".join(cell(str(v)) for v in row) + " |" for row in self.frame.to_numpy()]
        return "\n".join(([f"**{cell(self.title)}**", ""] if self.title else []) + lines + [""] +
                         [f"_{cell(n)}_" for n in self.notes]) + "\n"

    def to_latex(self) -> str:
        """Render as a LaTeX ``table`` with ``booktabs`` rules.

        Returns
        -------
        str
            LaTeX source (needs ``\\usepackage{booktabs}``).
        """
        ncol = self.frame.shape[1]
        out = ["\\begin{table}[htbp]", "\\centering"]
        if self.title:
            out.append(f"\\caption{{{_latex(self.title)}}}")
        out += [f"\\begin{{tabular}}{{l{'c' * (ncol - 1)}}}", "\\toprule",
                " & ".join(_latex(str(c)) for c in self.frame.columns) + " \\\\", "\\midrule"]
        for i, row in enumerate(self.frame.to_numpy()):
            if i == self.body_rows:
                out.append("\\midrule")
            cells = [re.sub(r"(\*+)$", r"$^{\1}$", _latex(str(v))) for v in row]
            out.append(" & ".join(cells) + " \\\\")
        out += ["\\bottomrule", "\\end{tabular}"]
        for note in self.notes:
            out.append(f"\\par\\footnotesize {_latex(note)}")
        out.append("\\end{table}")
        return "\n".join(out) + "\n"

    def to_html(self) -> str:
        """Render as an HTML ``<table>`` fragment (every string escaped).

        Returns
        -------
        str
            HTML fragment with class ``regression-table``.
        """
        esc = html.escape
        out = ['<table class="regression-table">']
        if self.title:
            out.append(f"<caption>{esc(self.title)}</caption>")
        out.append("<thead><tr>" + "".join(f"<th>{esc(str(c))}</th>" for c in self.frame.columns)
                   + "</tr></thead><tbody>")
        for i, row in enumerate(self.frame.to_numpy()):
            cls = ' class="stat"' if i >= self.body_rows else ""
            out.append(f"<tr{cls}>" + "".join(f"<td>{esc(str(v))}</td>" for v in row) + "</tr>")
        out.append("</tbody>")
        if self.notes:
            out.append(f'<tfoot><tr><td colspan="{self.frame.shape[1]}">' +
                       "<br>".join(esc(n) for n in self.notes) + "</td></tr></tfoot>")
        out.append("</table>")
        return "\n".join(out) + "\n"

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.frame.to_string(index=False) + "\n" + "\n".join(self.notes)


def _stars(p: float, levels: Sequence[float]) -> str:
    return "*" * sum(p < lv for lv in levels) if np.isfinite(p) else ""


def regression_table(results: Sequence[RegressionResult], *, terms: Sequence[str] | None = None,
                     labels: Mapping[str, str] | None = None, digits: int = 3,
                     stars: Sequence[float] = (0.1, 0.05, 0.01), title: str = "",
                     drop_constant: bool = False) -> RegressionTable:
    """Put several models side by side.

    Parameters
    ----------
    results : sequence of RegressionResult
        Models, one column each (headers from their ``name``; duplicates get ``(2)``...).
    terms : sequence of str, optional
        Regressors to show, in order (default: union in first-seen order).
    labels : mapping, optional
        Row labels by term (default :func:`clean_label`).
    digits : int, default 3
        Decimals of coefficients and SE.
    stars : sequence of float, default (0.1, 0.05, 0.01)
        p-value cut-offs for one, two and three stars.
    title : str, default ""
        Caption.
    drop_constant : bool, default False
        Leave out ``const`` / ``Intercept``.

    Returns
    -------
    RegressionTable
        Renderable to HTML, LaTeX, Markdown and CSV.
    """
    if not results:
        raise ParameterError("regression_table needs at least one result")
    if not 0 <= digits <= 8:
        raise ParameterError(f"digits must be between 0 and 8, got {digits}")
    levels = sorted(stars, reverse=True)
    if terms is None:
        terms = list(dict.fromkeys(t for r in results for t in r.params.index))
        if drop_constant:
            terms = [t for t in terms if t not in ("const", "Intercept")]
    labels = dict(labels or {})
    headers, seen = [], {}
    for r in results:
        seen[r.name] = seen.get(r.name, 0) + 1
        headers.append(r.name if seen[r.name] == 1 else f"{r.name} ({seen[r.name]})")
    rows = []
    for t in terms:
        coef, se = [labels.get(t, clean_label(t))], [""]
        for r in results:
            if t in r.params.index:
                coef.append(f"{r.params[t]:.{digits}f}{_stars(float(r.pvalues[t]), levels)}")
                se.append(f"({r.std_errors[t]:.{digits}f})")
            else:
                coef.append("")
                se.append("")
        rows += [coef, se]
    body = len(rows)
    rows.append(["N"] + [f"{r.nobs:,}" for r in results])
    for label in dict.fromkeys(r.fit_label for r in results):
        rows.append([label] + [f"{r.fit_stat:.3f}" if r.fit_label == label and r.fit_stat is not None
                               else "" for r in results])
    for fe in dict.fromkeys(k for r in results for k in r.fixed_effects):
        rows.append([fe] + [("Yes" if r.fixed_effects.get(fe) else "No") for r in results])
    notes = []
    cov = list(dict.fromkeys(r.cov_note for r in results))
    notes.append("Standard errors in parentheses: " + "; ".join(
        f"{h}: {r.cov_note}" for h, r in zip(headers, results)) if len(cov) > 1
        else f"Standard errors in parentheses ({cov[0]}).")
    notes.append(", ".join(f"{'*' * (i + 1)} p < {lv:g}" for i, lv in enumerate(levels)) + ".")
    frame = pd.DataFrame(rows, columns=["term", *headers])
    params = {"terms": list(terms), "digits": digits, "stars": list(levels), "title": title,
              "models": [r.kind for r in results]}
    return RegressionTable(frame, body, tuple(notes), title, params)
