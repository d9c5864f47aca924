"""``litmap import`` and ``litmap info``: read exports into a corpus file, and describe one."""

from __future__ import annotations

import os
import warnings
from collections import Counter
from pathlib import Path

import click
import pandas as pd

from litmap.corpus import LIST_COLUMNS, Corpus

__all__ = ["COMMANDS", "import_cmd", "info_cmd"]

_COVERAGE = ("title", "authors", "affiliations", "institutions", "countries", "keywords",
             "keywords_plus", "abstract", "year", "source", "doi", "cited_refs", "times_cited",
             "funding", "title_alt")


def _format_choices() -> list[str]:
    from litmap.io import FORMATS

    return sorted(FORMATS)


def _table(frame: pd.DataFrame) -> str:
    """Plain-text table, numbers right-aligned, text left-aligned."""
    cols = list(frame.columns)
    cells = [[str(v) for v in row] for row in frame.itertuples(index=False)]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in cols]

    def fmt(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w)
                         for v, w, num in zip(values, widths, numeric)).rstrip()

    return "\n".join([fmt(cols), fmt(["-" * w for w in widths])] + [fmt(r) for r in cells])


def _report_text(corpus: Corpus) -> str:
    files = corpus.report.files.copy()
    paths = [str(p) for p in files["path"]]
    root = os.path.commonpath(paths) if len(paths) > 1 else str(Path(paths[0]).parent) if paths else ""
    files["file"] = [os.path.relpath(p, root) if root else p for p in paths]
    table = files[["file", "format", "encoding", "read", "kept", "duplicates", "rejected"]]
    t = corpus.report.totals()
    lines = [f"{len(files)} file{'s' if len(files) != 1 else ''} in {root or '.'}", "", _table(table), "",
             f"total: {t['read']} read, {t['kept']} kept, {t['duplicates']} duplicates merged, "
             f"{t['rejected']} rejected"]
    if t["duplicates"]:
        rules = corpus.report.duplicates["rule"].value_counts().sort_index()
        lines.append("duplicates by rule: " + ", ".join(f"{k} {v}" for k, v in rules.items()))
    return "\n".join(lines)


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Corpus file to write (Parquet), e.g. corpus.parquet.")
@click.option("--format", "fmt", type=click.Choice(_format_choices()), default=None,
              help="Export format of every input (default: detected per file).")
@click.option("--on-bad-record", type=click.Choice(("error", "warn", "skip")), default="error",
              show_default=True, help="Stop, warn or skip quietly when a record cannot be read.")
def import_cmd(paths: tuple[str, ...], out: Path, fmt: str | None, on_bad_record: str) -> None:
    """Read export files, directories or globs (PATHS) into one de-duplicated corpus file."""
    from litmap.io import read

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = read(list(paths), format=fmt, on_bad_record=on_bad_record)
    for w in caught:
        click.echo(f"warning: {w.message}", err=True)
    corpus.save(out)
    click.echo(_report_text(corpus))
    click.echo(f"wrote {out} ({len(corpus)} records)")


def _coverage(records: pd.DataFrame) -> pd.DataFrame:
    n = max(len(records), 1)
    rows = []
    for col in _COVERAGE:
        values = records[col]
        if col in LIST_COLUMNS:
            have = int(sum(len(v) > 0 for v in values))
        else:
            have = int(values.notna().sum())
        rows.append({"field": col, "records": have, "percent": round(100.0 * have / n, 1)})
    return pd.DataFrame(rows)


def _grid(counts: pd.Series, per_line: int = 8) -> str:
    """``year  count`` pairs, several per line."""
    cells = [f"{k}: {v:>5}" for k, v in counts.items()]
    return "\n".join("  " + "   ".join(cells[i:i + per_line]) for i in range(0, len(cells), per_line))


def _top(values, k: int = 10) -> str:
    counts = Counter(values).most_common(k)
    return "\n".join(f"  {c:>6}  {v}" for v, c in counts) if counts else "  (none)"


@click.command("info")
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--top", "top_n", type=click.IntRange(1, 1000), default=10, show_default=True,
              help="How many keywords, authors and journals to list.")
def info_cmd(corpus: Path, top_n: int) -> None:
    """Describe a corpus file: records per year and database, field coverage, top items."""
    c = Corpus.load(corpus)
    rec = c.records
    click.echo(f"{corpus}: {len(c)} records")
    click.echo("\nrecords per database")
    click.echo(_table(rec["db"].fillna("?").value_counts().sort_index().rename_axis("db")
                      .reset_index(name="records")))
    years = rec["year"].dropna().astype(int)
    click.echo("\nrecords per year" + (f" ({years.min()}-{years.max()}; {int(rec['year'].isna().sum())} "
                                       f"without a year)" if len(years) else " (no years)"))
    if len(years):
        click.echo(_grid(years.value_counts().sort_index()))
    click.echo("\nfield coverage")
    click.echo(_table(_coverage(rec)))
    click.echo(f"\ntop {top_n} keywords")
    click.echo(_top((k for ks in rec["keywords"] for k in ks), top_n))
    click.echo(f"\ntop {top_n} authors")
    click.echo(_top((a for au in rec["authors"] for a in au), top_n))
    click.echo(f"\ntop {top_n} journals")
    click.echo(_top((s for s in rec["source"] if isinstance(s, str) and s), top_n))


COMMANDS = [import_cmd, info_cmd]
