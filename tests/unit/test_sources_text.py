import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer.core.sources import SourceError, detect_format, read_bytes
from reviewer.core.sources.text import decode, looks_binary, normalize_newlines

SAMPLE = "Tecogen’s “net raise” of $892,752 — café\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
        (SAMPLE.encode("cp1252"), "cp1252"),
    ],
)
def test_decodes_the_encodings_of_real_filings(data, encoding):
    text, used = decode(data)
    assert text == SAMPLE
    assert used == encoding


def test_utf16_with_bom_is_text_not_binary():
    data = codecs.BOM_UTF16_LE + "plain words".encode("utf-16-le")
    assert not looks_binary(data)
    assert read_bytes("x.txt", data).documents[0].text == "plain words"


def test_undecodable_bytes_are_rejected_with_a_reason():
    with pytest.raises(SourceError, match="undecodable"):
        decode(b"price \x81\x8d\x8f\x90\x9d and more")


def test_line_endings_are_normalized_and_mapped_back():
    source = "one\r\ntwo\rthree\nfour"
    text, omap = normalize_newlines(source)
    assert text == "one\ntwo\nthree\nfour"
    for word in ("one", "two", "three", "four"):
        i = text.index(word)
        s = omap.to_source(i)
        assert source[s : s + len(word)] == word


@given(st.text(alphabet=st.sampled_from("ab\r\n xé"), max_size=200))
def test_newline_map_points_every_character_at_itself(source):
    text, omap = normalize_newlines(source)
    for i, ch in enumerate(text):
        s = omap.to_source(i)
        assert source[s] == ch or (ch == "\n" and source[s] == "\r")


def test_format_is_detected_by_content_not_extension():
    assert detect_format("<html><body>x</body></html>") == "html"
    assert detect_format("<SEC-DOCUMENT>0001.txt : 2024\n<SEC-HEADER>") == "sgml"
    assert detect_format('<?xml version="1.0"?><ownershipDocument>') == "xml"
    assert detect_format("ITEM 1.02. Termination of a Material Definitive Agreement") == "text"


def test_seed_text_file(data_dir):
    filing = read_bytes("seed.txt", (data_dir / "tecogen-press-release-2013.txt").read_bytes())
    doc = filing.documents[0]
    assert doc.source_format == "text"
    assert "212,750 shares" in doc.text


def test_a_nul_byte_anywhere_makes_the_file_binary():
    data = b"plain text, line after line\n" * 1000 + b"\x00\x00 padding"
    with pytest.raises(SourceError, match=r"^binary file .*: a NUL byte at offset 28000$"):
        read_bytes("late-nul.txt", data)
    assert looks_binary(data)


def test_a_nul_character_in_utf16_text_makes_the_file_binary():
    data = codecs.BOM_UTF16_LE + ("plain words " * 1000 + "\x00").encode("utf-16-le")
    with pytest.raises(SourceError, match=r"^binary file .*: a NUL character at character 12000$"):
        read_bytes("nul.txt", data)
