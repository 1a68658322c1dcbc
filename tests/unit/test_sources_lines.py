"""Line structure survives reading: plain text served in an HTML wrapper, and old EDGAR
text bodies with <PAGE>, <S>, <C>, <TABLE> markers. Rules that need line starts (8-K
items, the cover's company, a press release's dateline) work on both."""

import re

import pytest

from reviewer.core.extract import default_extractor
from reviewer.core.isolated import prepare
from reviewer.core.sources import detect_format, read_bytes
from reviewer.core.sources.html import holds_plain_text, html_to_text
from reviewer.core.sources.marked import looks_marked, marked_to_text

COVER = """UNITED STATES
SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549

FORM 8-K

CURRENT REPORT
Pursuant to Section 13 or 15(d) of the Securities Exchange Act of 1934

Date of Report (Date of earliest event reported): June 3, 2015

                    NORTHWIND TRADING CORP.
         (Exact name of registrant as specified in its charter)

Delaware                  001-00000                 00-0000000
(State of incorporation)  (Commission File Number)  (IRS Employer Identification No.)

Item 1.01  Entry into a Material Definitive Agreement.

On June 1, 2015, the registrant entered into a supply agreement with a distributor.

Item 9.01  Financial Statements and Exhibits.

None.
"""

RELEASE = """Northwind Trading Reports Record Quarter

SEATTLE, June 3, 2015 /PRNewswire/ -- Northwind Trading Corp. (NASDAQ: NWTC) today announced
revenue of $12.5 million for its fiscal quarter.

About Northwind Trading
Northwind Trading sells tea.

Investor contact: Jane Roe, (206) 555-0100
"""


def _offsets_hold(doc):
    for m in re.finditer(r"\S", doc.text):
        assert doc.source[doc.offset_map.to_source(m.start())] in (m.group(), "&"), m


# -- plain text in an HTML wrapper -------------------------------------------------------
@pytest.mark.parametrize("wrap", [
    "<html><body><div>{}</div></body></html>",
    "<html>\n<head><title>8-K</title></head>\n<body>\n<div>\n{}\n</div>\n</body>\n</html>\n",
    "<HTML><BODY><PRE>{}</PRE></BODY></HTML>",
    "<html><body><font size=2>{}</font></body></html>",
])
def test_plain_text_in_a_wrapper_keeps_its_lines(wrap):
    source = wrap.format(COVER.replace("&", "&amp;"))
    doc = read_bytes("cover.html", source.encode()).documents[0]
    assert doc.text.startswith("UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\n")
    assert "\nItem 1.01  Entry into a Material Definitive Agreement.\n" in doc.text
    assert "                    NORTHWIND TRADING CORP.\n" in doc.text
    _offsets_hold(doc)


def test_entities_in_wrapped_plain_text_are_decoded():
    text, omap, _ = html_to_text("<html><body><div>Smith &amp; Co.\nline two\n</div></body></html>")
    assert text == "Smith & Co.\nline two"


def test_markup_with_structure_still_collapses_white_space():
    assert not holds_plain_text("<html><body><p>one\ntwo</p></body></html>")
    assert not holds_plain_text("<div>one<br>two</div>")
    assert not holds_plain_text("<div><table><tr><td>x</td></tr></table></div>")
    assert not holds_plain_text("".join(f"<div>line {i}\n</div>" for i in range(40)))
    text, _, _ = html_to_text("<html><body><p>one\ntwo   three</p><p>four</p></body></html>")
    assert text == "one two three\n\nfour"


def test_a_few_wrappers_keep_line_breaks_without_doubling_them():
    text, _, _ = html_to_text("<body><div>first line\nsecond line\n</div><div>third line</div></body>")
    assert text == "first line\nsecond line\nthird line"


def test_inline_xbrl_is_never_read_as_plain_text():
    page = ('<html><body><div style="display:none"><ix:header></ix:header></div>'
            '<div><p>Item 8.01\nOther Events</p></div></body></html>')
    text, _, _ = html_to_text(page)
    assert text == "Item 8.01 Other Events"


# -- old EDGAR text with SGML markers --------------------------------------------------
MARKED = """<PAGE>
{cover}
<PAGE>   2
                                 SIGNATURES

Item 5.  Other Events.
<TABLE>
<CAPTION>
                                   Amount<F1>
<S>                               <C>
Class A                           $1,000,000
</TABLE>
<FN>
<F1> In dollars.
</FN>
"""


def test_marked_text_is_detected():
    assert looks_marked(MARKED.format(cover=COVER))
    assert not looks_marked("<html><body><p>x</p>\n\n\n</body></html>")
    assert not looks_marked('<?xml version="1.0"?>\n<ownershipDocument>\n<a>1</a>\n</ownershipDocument>\n')
    assert not looks_marked("<PAGE>\n<p class='x'>one</p>\n\n")
    assert not looks_marked("plain text\nwithout\nany marker\n")
    assert detect_format(MARKED.format(cover=COVER)) == "marked"


def test_markers_are_dropped_and_lines_kept():
    text, omap = marked_to_text("<PAGE>\nfirst\r\n<S>   <C>\nsecond<F1> end\r\n<PAGE> 2\nlast")
    assert text == "first\nsecond end\n 2\nlast"
    source = "<PAGE>\nfirst\r\n<S>   <C>\nsecond<F1> end\r\n<PAGE> 2\nlast"
    for i, ch in enumerate(text):
        if ch != "\n":
            assert source[omap.to_source(i)] == ch
    assert source[omap.to_source(text.index("\n"))] == "\r"


def test_a_loose_marked_file_reads_as_text():
    doc = read_bytes("old.txt", MARKED.format(cover=COVER).encode()).documents[0]
    assert doc.source_format == "text"
    assert "<PAGE>" not in doc.text and "<S>" not in doc.text and "<F1>" not in doc.text
    assert "\nItem 1.01  Entry into a Material Definitive Agreement.\n" in doc.text
    assert "Class A                           $1,000,000" in doc.text
    _offsets_hold(doc)


def _submission(body: str) -> str:
    return (
        "<SEC-DOCUMENT>0000000000-15-000001.txt : 20150603\n<SEC-HEADER>\n"
        "ACCESSION NUMBER:\t\t0000000000-15-000001\nCONFORMED SUBMISSION TYPE:\t8-K\n"
        "FILED AS OF DATE:\t\t20150603\n</SEC-HEADER>\n"
        "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>form8k.txt\n<TEXT>\n"
        + body + "</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    )


def test_a_submission_body_that_starts_with_page_reads_as_text():
    filing = read_bytes("sub.txt", _submission(MARKED.format(cover=COVER)).encode())
    doc = filing.documents[0]
    assert doc.source_format == "text"
    assert "PAGE" not in doc.text
    assert "\nItem 9.01  Financial Statements and Exhibits.\n" in doc.text
    _offsets_hold(doc)


# -- end to end: the rules that need line starts ------------------------------------------
def _extract(tmp_path, name, source):
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    prepared = prepare(str(path), default_extractor(), 10_000_000)
    assert prepared.reason is None, prepared.reason
    by_doc = []
    for doc, doc_type, fields in zip(prepared.filing.documents, prepared.doc_types, prepared.fields):
        for f in fields:
            assert doc.text[f.start:f.end] == f.text
        by_doc.append((doc_type, {}))
        for f in fields:
            by_doc[-1][1].setdefault(f.label, []).append(f.value)
    return by_doc[0]


@pytest.mark.parametrize("name,source", [
    ("wrapped.html", "<html><body><div>" + COVER + "</div></body></html>"),
    ("sub.txt", _submission(MARKED.format(cover=COVER))),
])
def test_cover_rules_work_on_recovered_lines(tmp_path, name, source):
    doc_type, fields = _extract(tmp_path, name, source)
    assert doc_type == "8-K"
    assert fields["item"][:2] == ["1.01", "9.01"]
    assert fields["company"] == ["NORTHWIND TRADING CORP."]
    assert fields["report_date"] == ["2015-06-03"]


def test_dateline_works_on_a_wrapped_release(tmp_path):
    doc_type, fields = _extract(tmp_path, "release.html", "<html><body><div>" + RELEASE + "</div></body></html>")
    assert doc_type == "press_release"
    assert fields["location"] == ["SEATTLE"]
    assert fields["report_date"] == ["2015-06-03"]
