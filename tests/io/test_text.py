"""Decoding: BOMs, UTF-16 without BOM, UTF-8, GB18030, line endings, empty and binary files."""

from __future__ import annotations

import codecs

import pytest

from litmap.errors import EncodingError, LitmapError, ParseError
from litmap.io._text import decode

TEXT = "PT J\nTI 城乡融合 Zoë\nER\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (TEXT.encode("utf-16-be"), "utf-16-be"),
])
def test_unicode_encodings_round_trip(data: bytes, encoding: str) -> None:
    assert decode(data, "f.txt") == (TEXT, encoding)


def test_gbk_and_gb18030_are_told_apart() -> None:
    assert decode("题名 城乡".encode("gbk"), "f.txt") == ("题名 城乡", "gbk")
    # U+20000 exists in GB18030 only (4-byte sequence), so GBK cannot decode it.
    text, enc = decode("题名 \U00020000".encode("gb18030"), "f.txt")
    assert (text, enc) == ("题名 \U00020000", "gb18030")


def test_crlf_and_bare_cr_become_lf_without_extra_lines() -> None:
    text, _ = decode(b"A\r\nB\rC\r\r\nD\n", "f.txt")
    assert text == "A\nB\nC\n\nD\n"
    assert text.count("\n") == 5


@pytest.mark.parametrize("data", [b"", b"   \r\n\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n"])
def test_empty_file_is_a_parse_error_naming_the_file(data: bytes) -> None:
    with pytest.raises(ParseError, match=r"empty\.txt: empty file"):
        decode(data, "empty.txt")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    bytes(range(256)) * 4,
    b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
])
def test_binary_data_is_an_encoding_error(data: bytes) -> None:
    with pytest.raises(EncodingError, match="bin.dat"):
        decode(data, "bin.dat")


def test_errors_are_value_errors_too() -> None:
    with pytest.raises(ValueError):
        decode(b"\xff\xfe\x00", "odd.txt")
    assert issubclass(EncodingError, LitmapError)


def test_utf8_blocks_cut_after_newlines_drop_the_bom_and_fold_line_ends(tmp_path) -> None:
    from litmap.io._text import utf8_blocks

    text = "PT J\r\nTI 城乡融合\rER\r\n" * 50
    path = tmp_path / "x.txt"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    size = path.stat().st_size
    blocks = list(utf8_blocks(str(path), 0, size, size=16))
    assert "".join(blocks) == text.replace("\r\n", "\n").replace("\r", "\n")
    assert len(blocks) > 10 and all(b.endswith("\n") for b in blocks)
    tail = list(utf8_blocks(str(path), 3 + len("PT J\r\n".encode()), size, size=7))
    assert "".join(tail).startswith("TI 城乡融合\n")


def test_utf8_blocks_reject_gbk_and_nul_bytes(tmp_path) -> None:
    from litmap.io._text import utf8_blocks

    for name, data in (("gbk.txt", "TI 城乡\n".encode("gbk")), ("nul.txt", b"TI a\x00b\n")):
        path = tmp_path / name
        path.write_bytes(data * 20)
        with pytest.raises(UnicodeDecodeError):
            list(utf8_blocks(str(path), 0, len(data) * 20))
