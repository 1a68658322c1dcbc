import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.sources import SourceError, read_bytes, read_file, sgml
from reviewer.core.edgar_items import item_number
from reviewer.core.sources.sgml import parse_header


def test_form4_submission(data_dir):
    filing = read_file(data_dir / "0001127602-25-001055-form4-full-submission.txt")
    meta = filing.metadata
    assert filing.kind == "edgar"
    assert meta.accession == "0001127602-25-001055"
    assert meta.form_type == "4"
    assert meta.company == "AAR CORP"  # the issuer, not the reporting owner
    assert meta.cik == "0000001750"
    assert meta.filed_date == "2025-01-10"
    [doc] = filing.documents
    assert doc.part == "4" and doc.source_format == "xml"
    assert "Senior VP, GC, CAO & Secretary" in doc.text
    assert "Garascia Jessica A." in doc.text
    assert [s.part for s in filing.skipped] == ["EX-24"]
    i = doc.text.index("AAR CORP")
    assert doc.source[doc.offset_map.to_source(i):].startswith("AAR CORP")


def test_old_plain_text_submission(data_dir):
    filing = read_file(data_dir / "0001011438-98-000429-8k-full-submission.txt")
    assert filing.metadata.company == "AAMES CAPITAL CORP"
    assert filing.metadata.period == "1998-12-15"
    assert filing.documents[0].source_format == "text"
    assert "SECURITIES AND EXCHANGE COMMISSION" in filing.documents[0].text


def test_inline_xbrl_submission_skips_attachments(shared_corpus):
    filing = read_file(shared_corpus / "dev" / "0000943374-24-000509-8k-full-submission.txt")
    assert filing.metadata.items == ["5.02"]
    assert len(filing.documents) == 1
    reasons = " ".join(s.reason for s in filing.skipped)
    assert len(filing.skipped) == 11
    assert "uuencoded" in reasons and "XBRL" in reasons


HEADER = """ACCESSION NUMBER:		0000000000-24-000001
CONFORMED SUBMISSION TYPE:	8-K
CONFORMED PERIOD OF REPORT:	20240102
ITEM INFORMATION:		Entry into a Material Definitive Agreement
ITEM INFORMATION:		Unregistered Sales of Equity Securities
ITEM INFORMATION:		Financial Statements and Exhibits
FILED AS OF DATE:		20240103

FILER:

	COMPANY DATA:
		COMPANY CONFORMED NAME:			EXAMPLE CORP
		CENTRAL INDEX KEY:			0000000001
"""


def test_header_items_become_item_numbers():
    meta = parse_header(HEADER)
    assert meta.items == ["1.01", "3.02", "9.01"]
    assert meta.company == "EXAMPLE CORP"
    assert meta.filed_date == "2024-01-03"


def test_item_titles():
    assert item_number("Other Events") == "8.01"
    assert item_number("Item 2.02 Results of Operations") == "2.02"
    assert item_number("Something else") is None


def _submission(body: str) -> bytes:
    return (
        "<SEC-DOCUMENT>0000000000-24-000001.txt : 20240103\n<SEC-HEADER>\n" + HEADER
        + "</SEC-HEADER>\n" + body + "</SEC-DOCUMENT>\n"
    ).encode()


def test_exhibit_99_becomes_a_document_of_the_filing():
    data = _submission(
        "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>a.htm\n<TEXT>\n<html><body><p>Item 8.01</p></body></html>\n</TEXT>\n</DOCUMENT>\n"
        "<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>b.htm\n<TEXT>\n<html><body><p>Press release</p></body></html>\n</TEXT>\n</DOCUMENT>\n"
        "<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>3\n<FILENAME>logo.jpg\n<TEXT>\nbegin 644 logo.jpg\nM_]C_X\n`\nend\n</TEXT>\n</DOCUMENT>\n"
        "<DOCUMENT>\n<TYPE>EX-99.2\n<SEQUENCE>4\n<FILENAME>c.pdf\n<TEXT>\n<PDF>\nbegin 644 c.pdf\nend\n</PDF>\n</TEXT>\n</DOCUMENT>\n"
    )
    filing = read_bytes("s.txt", data)
    assert [d.part for d in filing.documents] == ["8-K", "EX-99.1"]
    assert filing.documents[1].text == "Press release"
    assert {s.part for s in filing.skipped} == {"GRAPHIC", "EX-99.2"}


@pytest.mark.parametrize(
    "body, reason",
    [
        ("<DOCUMENT>\n<TYPE>8-K\n<TEXT>\nunfinished text", "truncated SGML"),
        ("<DOCUMENT>\n<TYPE>8-K\n<TEXT>\nno end of text\n</DOCUMENT>\n", "truncated SGML"),
        ("", "without any <DOCUMENT>"),
    ],
)
def test_truncated_submissions_are_rejected(body, reason):
    with pytest.raises(SourceError, match=reason):
        read_bytes("s.txt", _submission(body))


def test_truncated_header_is_rejected():
    with pytest.raises(SourceError, match="header is not closed"):
        read_bytes("s.txt", b"<SEC-DOCUMENT>x\n<SEC-HEADER>\nACCESSION NUMBER: 1\n")


# -- linear reading: the helpers find what the original patterns found -------------------
# (those patterns rescan the rest of the file from every unclosed opener, or runs of
# blanks from every position: quadratic, but a fine specification on small inputs)
_HEADER = re.compile(r"<(SEC-HEADER|IMS-HEADER)>(.*?)</\1>", re.S | re.I)
_DOC = re.compile(r"^<DOCUMENT>[ \t]*\r?\n(.*?)^</DOCUMENT>", re.S | re.M | re.I)
_TAG_LINE = re.compile(r"^<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*(.*?)[ \t]*\r?$", re.M | re.I)
_TEXT = re.compile(r"<TEXT>[ \t]*\r?\n?(.*?)</TEXT>", re.S | re.I)
_WRAPPER = re.compile(r"^\s*<(XBRL|XML|PDF)>\s*(.*?)\s*</\1>\s*$", re.S | re.I)
_HEADER_LINE = re.compile(r"^(\t*)([A-Z][A-Z0-9 ()/&.,'-]*?):[ \t]*(.*?)\s*$")

sgml_pieces = st.lists(
    st.sampled_from(
        ["<SEC-HEADER>", "</SEC-HEADER>", "<ims-header>", "</IMS-HEADER>", "<DOCUMENT>", "</document>",
         "<TYPE>", "<FILENAME>", "<TEXT>", "</TEXT>", "<xml>", "</XML>", "<PDF>", "</pdf>", "\n", "\r",
         "\r\n", " ", "\t", "\xa0", "x", "A:", "KEY: v"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=500)
@given(sgml_pieces)
def test_linear_helpers_find_what_the_patterns_found(source):
    m = _HEADER.search(source)
    assert sgml._find_header(source) == (m.span(2) if m else None)
    assert list(sgml._documents(source)) == [m.group(1) for m in _DOC.finditer(source)]
    m = _TEXT.search(source)
    assert sgml._text_body(source) == (m.group(1) if m else None)
    m = _WRAPPER.match(source)
    assert sgml._unwrap(source) == ((m.group(2), m.start(2)) if m else None)
    assert [(k, sgml._tag_value(v)) for k, v in sgml._TAG_LINE.findall(source)] == _TAG_LINE.findall(
        source
    )
    for line in source.splitlines():
        old, new = _HEADER_LINE.match(line), sgml._HEADER_LINE.match(line)
        assert bool(old) == bool(new)
        if old:
            assert old.groups() == (*new.groups()[:2], new.group(3).rstrip())


def test_a_long_run_of_blanks_in_a_header_line_is_trimmed():
    meta = parse_header(HEADER.replace("8-K\n", "8-K" + " " * 100_000 + "\n"))
    assert meta.form_type == "8-K"


def test_an_xml_document_wrapped_in_blanks():
    body = "<XML>\n" + " " * 50_000 + "<a><b>1.5</b></a>\n  </XML>  \n"
    filing = read_bytes(
        "s.txt", _submission("<DOCUMENT>\n<TYPE>8-K\n<TEXT>\n" + body + "</TEXT>\n</DOCUMENT>\n")
    )
    doc = filing.documents[0]
    assert doc.source_format == "xml" and doc.text == "b: 1.5"
    i = doc.text.index("1.5")
    assert doc.source[doc.offset_map.to_source(i):].startswith("1.5")
