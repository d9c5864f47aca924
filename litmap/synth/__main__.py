"""``python -m litmap.synth``: regenerate the demo corpus or write one synthetic export.

Usage::

    python -m litmap.synth demo DIR [SEED]       # demo corpus + DIR_planted.json beside DIR
    python -m litmap.synth wos PATH N [SEED]     # WoS plain text, N records
    python -m litmap.synth cnki PATH N [SEED]    # CNKI RefWorks, N records
"""

from __future__ import annotations

import sys
from pathlib import Path

from litmap.errors import LitmapError
from litmap.synth import write_cnki_refworks, write_demo, write_planted, write_wos

_USAGE = __doc__.split("Usage::", 1)[1].strip("\n")


def main(argv: list[str]) -> int:
    """Run the command line.

    Parameters
    ----------
    argv : list of str
        Arguments after the program name.

    Returns
    -------
    int
        Exit code: 0 on success, 2 on bad usage or bad parameters.
    """
    try:
        if len(argv) in (2, 3) and argv[0] == "demo":
            directory = Path(argv[1])
            summary = write_demo(directory, seed=int(argv[2]) if len(argv) == 3 else 0)
            planted = write_planted(summary, directory.with_name(directory.name + "_planted.json"))
            print(f"wrote {len(summary['files'])} files to {directory} and {planted}")
            return 0
        if len(argv) in (3, 4) and argv[0] in ("wos", "cnki"):
            writer = write_wos if argv[0] == "wos" else write_cnki_refworks
            path = writer(argv[1], int(argv[2]), seed=int(argv[3]) if len(argv) == 4 else 0)
            print(f"wrote {argv[2]} records to {path}")
            return 0
    except (LitmapError, ValueError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    print(f"usage:\n{_USAGE}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
