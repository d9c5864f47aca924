"""Cleaning of node labels: folding, alias tables, exclusion lists, plural merging.

Every surface form of an item is folded to a key (Unicode NFKC, so full-width
letters become half-width; case folding; white space folded). Alias tables then
map keys to a primary key, possibly across languages (``逆城市化`` →
``counterurbanization``), English plurals are merged into a singular that occurs
in the same vocabulary, and excluded keys are dropped. A node keeps all the
surface forms that were merged into it.

Alias files
-----------
CiteSpace ``citespace.alias``
    One ``primary<TAB>secondary`` pair per line (CiteSpace's own documentation
    writes ``primary#secondary``; both separators are read). Every occurrence of
    the secondary item is replaced by the primary one.
VOSviewer thesaurus
    A header line ``label<TAB>replace by``, then ``label<TAB>replacement`` rows; an
    empty replacement drops the label.

Exclusion files (CiteSpace ``citespace.exclusion``) hold one item per line. In all
three formats blank lines and lines starting with ``#`` are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path

import numpy as np

from litmap.errors import EncodingError, ParameterError, ParseError

__all__ = ["fold", "read_alias", "read_exclusion", "load_stopwords", "Cleaner"]

_ASCII_WORD = re.compile(r"^[a-z][a-z\-]*$")
AliasSpec = str | Path | Mapping[str, str] | Iterable[str | Path | Mapping[str, str]] | None
ExcludeSpec = str | Path | Iterable[str] | None


def fold(text: str) -> str:
    """Return the comparison key of a label: NFKC, case-folded, white space folded.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> fold("  Ｒｅｍｏｔｅ\u3000SENSING ")
    'remote sensing'
    """
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _nfkc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _read_lines(path: Path, what: str) -> list[str]:
    if not path.is_file():
        raise ParameterError(f"{what}: no such file {path}")
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc).splitlines()
        except UnicodeDecodeError:
            continue
    raise EncodingError("cannot decode as UTF-8 or GB18030", path=str(path))


def read_alias(path: str | Path) -> dict[str, str]:
    """Read a CiteSpace alias file or a VOSviewer thesaurus.

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    dict of str to str
        Secondary (variant) item -> primary item as written (NFKC, trimmed);
        ``""`` means drop.

    Raises
    ------
    ParseError
        Naming the file and line of a malformed line.
    """
    path = Path(path)
    lines = _read_lines(path, "alias")
    out: dict[str, str] = {}
    head = [fold(x) for x in lines[0].split("\t")] if lines else []
    thesaurus = head == ["label", "replace by"]
    for no, line in enumerate(lines, 1):
        if (thesaurus and no == 1) or not line.strip() or line.lstrip().startswith("#"):
            continue
        sep = "\t" if "\t" in line else ("#" if not thesaurus and "#" in line else None)
        parts = line.split(sep) if sep else [line]
        if len(parts) != 2:
            expect = "label<TAB>replace by" if thesaurus else "primary<TAB>secondary (or primary#secondary)"
            raise ParseError(f"expected {expect}, found {len(parts)} field(s)", path=str(path), line=no,
                             text=line)
        variant, primary = (_nfkc(parts[0]), _nfkc(parts[1])) if thesaurus else (_nfkc(parts[1]), _nfkc(parts[0]))
        if not thesaurus and not primary:
            raise ParseError("empty primary item", path=str(path), line=no, text=line)
        if not variant:
            raise ParseError("empty item to replace", path=str(path), line=no, text=line)
        out[variant] = primary
    return out


def read_exclusion(path: str | Path) -> set[str]:
    """Read an exclusion list (one item per line, e.g. CiteSpace ``citespace.exclusion``).

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    set of str
        Folded keys.
    """
    lines = _read_lines(Path(path), "exclude")
    return {fold(x) for x in lines if x.strip() and not x.lstrip().startswith("#")}


def load_stopwords(lang: str) -> frozenset[str]:
    """Return the built-in stop list ``litmap/data/stopwords_<lang>.txt`` (``en`` or ``zh``).

    Parameters
    ----------
    lang : str

    Returns
    -------
    frozenset of str
    """
    text = resources.files("litmap").joinpath("data", f"stopwords_{lang}.txt").read_text(encoding="utf-8")
    return frozenset(fold(x) for x in text.splitlines() if x.strip() and not x.startswith("#"))


def _alias_table(alias: AliasSpec) -> tuple[dict[str, str], dict[str, str]]:
    """Merge alias sources; return (variant -> primary key, primary key -> primary as written)."""
    if alias is None:
        return {}, {}
    sources = [alias] if isinstance(alias, (str, Path, Mapping)) else list(alias)
    table: dict[str, str] = {}
    shown: dict[str, str] = {}
    for src in sources:
        if isinstance(src, (str, Path)):
            src = read_alias(src)
        elif not isinstance(src, Mapping):
            raise ParameterError(f"alias: expected a path or a mapping, got {type(src).__name__}")
        for variant, primary in src.items():
            if not fold(str(variant)):
                raise ParameterError(f"alias: empty item to replace (mapped to {primary!r})")
            table[fold(str(variant))] = fold(str(primary or ""))
            if primary:
                shown.setdefault(fold(str(primary)), _nfkc(str(primary)))
    resolved: dict[str, str] = {}
    for variant in table:
        key, seen = variant, {variant}
        while key in table and table[key] != key:
            key = table[key]
            if key in seen:
                raise ParameterError(f"alias: the aliases of {variant!r} form a cycle")
            seen.add(key)
        resolved[variant] = key
    return resolved, shown


def _exclusion_set(exclude: ExcludeSpec) -> set[str]:
    if exclude is None:
        return set()
    if isinstance(exclude, (str, Path)):
        return read_exclusion(exclude)
    return {fold(str(x)) for x in exclude}


def _singular(word: str) -> list[str]:
    """Candidate singular forms of an English word (checked against the vocabulary)."""
    if not _ASCII_WORD.match(word) or len(word) < 4 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return []
    out = []
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith(("ses", "xes", "zes", "ches", "shes")):
        out.append(word[:-2])
    out.append(word[:-1])
    return out


class Cleaner:
    """Map raw item strings to node keys with aliases, exclusions and plural merging.

    Parameters
    ----------
    alias : path, mapping, or a list of them, optional
        Alias files (CiteSpace or VOSviewer format) or ``{variant: primary}`` maps.
    exclude : path or iterable of str, optional
        Exclusion file, or the items themselves.
    merge_plurals : bool, optional (default=True)
        Merge an English plural into its singular when the singular also occurs.
    stopwords : iterable of str, optional
        Keys dropped like excluded ones.
    """

    def __init__(self, *, alias: AliasSpec = None, exclude: ExcludeSpec = None,
                 merge_plurals: bool = True, stopwords: Iterable[str] = ()) -> None:
        self.alias, self.shown = _alias_table(alias)
        self.exclude = _exclusion_set(exclude) | {fold(s) for s in stopwords}
        self.merge_plurals = merge_plurals

    def keys(self, surface: np.ndarray, *, fold_text: bool = True) -> np.ndarray:
        """Return the key of each distinct surface form (``""`` for dropped items).

        Parameters
        ----------
        surface : numpy.ndarray
            Distinct raw strings.
        fold_text : bool, optional (default=True)
            Fold the strings first; ``False`` for strings that are already keys
            (cited-reference keys), which saves time on large corpora.

        Returns
        -------
        numpy.ndarray
            Object array of keys, aligned with ``surface``.
        """
        folded = [fold(str(s)) for s in surface] if fold_text else list(surface)
        if self.alias or self.exclude:
            folded = [self.alias.get(k, k) if k not in self.exclude else "" for k in folded]
        keys = folded
        if self.merge_plurals:
            vocab = set(keys) | self.exclude  # the plural of an excluded item goes too
            merged = []
            for k in keys:
                if not k.endswith("s"):
                    merged.append(k)
                    continue
                head, _, last = k.rpartition(" ")
                for cand in _singular(last):
                    full = f"{head} {cand}" if head else cand
                    if full in vocab:
                        k = self.alias.get(full, full)
                        break
                merged.append(k)
            keys = merged
        out = np.empty(len(keys), dtype=object)
        out[:] = [("" if k in self.exclude else k) for k in keys] if self.exclude else keys
        return out

    def display(self, key: str) -> str | None:
        """Return the primary label as written in an alias mapping, if ``key`` is one.

        Parameters
        ----------
        key : str

        Returns
        -------
        str or None
        """
        return self.shown.get(key)
