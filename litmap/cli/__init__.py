"""The ``litmap`` command line: a thin click layer over the library.

Each command group lives in its own module and lists its commands in
``COMMANDS``. A :class:`~litmap.errors.LitmapError` becomes one line on stderr and
exit code 2, never a traceback.
"""

from __future__ import annotations

import importlib

import click

from litmap import __version__
from litmap.errors import LitmapError

__all__ = ["main"]

_MODULES = ("litmap.cli._corpus", "litmap.cli._network", "litmap.cli._clusters",
            "litmap.cli._report", "litmap.cli._run", "litmap.cli._analyze")


class LitmapGroup(click.Group):
    """A click group that reports :class:`LitmapError` as one line and exit code 2."""

    def invoke(self, ctx: click.Context):  # noqa: D102 - click API
        try:
            return super().invoke(ctx)
        except LitmapError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=LitmapGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="litmap")
def main() -> None:
    """Map a research field from CNKI, CSSCI, Wanfang, WoS, Scopus and RIS exports."""


for _name in _MODULES:
    for _cmd in importlib.import_module(_name).COMMANDS:
        main.add_command(_cmd)
