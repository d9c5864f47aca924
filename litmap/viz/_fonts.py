"""Find a CJK-capable font for matplotlib figures (Chinese labels must not render as boxes)."""

from __future__ import annotations

import functools
import warnings

__all__ = ["cjk_font", "use_cjk_font"]

_PREFERRED = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "Source Han Sans SC",
              "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei",
              "PingFang SC", "Heiti SC", "AR PL UMing CN")


@functools.lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """Return the family name of an installed CJK font, or ``None``.

    Returns
    -------
    str or None
        The first of a preference list found by matplotlib's font manager.
    """
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in _PREFERRED:
        if name in names:
            return name
    return None


def use_cjk_font() -> str | None:
    """Put a CJK font first in matplotlib's sans-serif list; warn once when none exists.

    Returns
    -------
    str or None
        The font family used, ``None`` when no CJK font is installed (Chinese text
        will then show as boxes; install Debian ``fonts-noto-cjk``).
    """
    import matplotlib

    name = cjk_font()
    if name is None:
        warnings.warn("no CJK font found: Chinese labels will not render; install a CJK font "
                      "(e.g. Debian 'fonts-noto-cjk')", RuntimeWarning, stacklevel=2)
        return None
    families = list(matplotlib.rcParams["font.sans-serif"])
    if families[:1] != [name]:
        matplotlib.rcParams["font.sans-serif"] = [name, *[f for f in families if f != name]]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["svg.hashsalt"] = "litmap"
    return name
