"""``litmap run`` on real exports read in place from ``../shared/corpora`` (CNKI + WoS)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from litmap.cli import main

FILES = ("cnki_refworks/chrisyan_xr_refworks_2024.txt",
         "wos_plaintext/bibliometrix_bibliometric_in_management_241_nobom.txt")


@pytest.mark.corpora
def test_cnki_and_wos_exports_end_to_end(corpora_dir: Path, expected_counts: dict, tmp_path: Path):
    paths = [str(corpora_dir / f) for f in FILES]
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", *paths, "-o", str(out), "-q",
                                       "--analyses", "keyword,author,reference"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["records"]["read"] == sum(expected_counts[f]["records"] for f in FILES)
    by_name = {Path(i["path"]).name: i for i in manifest["inputs"]}
    assert sorted(by_name) == sorted(Path(f).name for f in FILES)
    for kind in ("keyword", "author", "reference"):
        assert manifest["analyses"][kind]["nodes"] > 0
    assert any("alias table" in w for w in manifest["warnings"])  # CNKI + WoS without alias
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="analysis-reference"' in html
