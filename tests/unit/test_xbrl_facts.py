"""Inline XBRL cover facts: the HTML reader records them with their spans, and the xbrl
extractor makes near-certain company, report date and ticker fields of them."""

from reviewer.core.extract import default_extractor
from reviewer.core.extract.base import DocContext
from reviewer.core.extract.xbrl_facts import CONFIDENCE, EXTRACTOR, facts
from reviewer.core.isolated import prepare
from reviewer.core.sources import read_bytes

COVER = """<html><body>
<div style="display:none"><ix:header><ix:hidden>
<ix:nonNumeric name="dei:EntityCentralIndexKey" contextRef="c1">0000012345</ix:nonNumeric>
<ix:nonNumeric name="dei:AmendmentFlag" contextRef="c1">false</ix:nonNumeric>
<ix:nonNumeric name="dei:EntityRegistrantName" contextRef="c1">HIDDEN NAME CORP</ix:nonNumeric>
</ix:hidden></ix:header></div>
<p style="text-align:center">FORM <ix:nonNumeric name="dei:DocumentType" contextRef="c1">8-K</ix:nonNumeric></p>
<p>Date of Report (Date of earliest event reported): <span><ix:nonNumeric name="dei:DocumentPeriodEndDate"
 contextRef="c1" format="ixt:date-monthname-day-year-en">June&#160;3, 2015</ix:nonNumeric></span></p>
<p style="text-align:center"><b>THE <ix:nonNumeric name="dei:EntityRegistrantName" contextRef="c1">NORTHWIND
 TRADING CORP</ix:nonNumeric>.</b></p>
<p>(Exact name of registrant as specified in its charter)</p>
<table>
<tr><td>Title of each class</td><td>Trading Symbol(s)</td><td>Name of each exchange</td></tr>
<tr><td>Common Stock</td><td><ix:nonNumeric name="dei:TradingSymbol" contextRef="c1">NWTC</ix:nonNumeric></td>
<td><ix:nonNumeric name="dei:SecurityExchangeName" contextRef="c1">The Nasdaq Stock Market LLC</ix:nonNumeric></td></tr>
<tr><td>Warrants</td><td><ix:nonNumeric name="dei:TradingSymbol" contextRef="c2">N/A</ix:nonNumeric></td><td></td></tr>
</table>
<p>Item 8.01 Other Events.</p>
<p>On June 1, 2015, the registrant announced a dividend.</p>
</body></html>
"""


def _doc():
    return read_bytes("cover.htm", COVER.encode()).documents[0]


def test_the_reader_records_facts_with_their_spans():
    doc = _doc()
    recorded = doc.metadata["xbrl_facts"]
    names = [f["name"] for f in recorded]
    assert names.count("dei:EntityRegistrantName") == 2
    for fact in recorded:
        if fact["start"] is not None:
            assert doc.text[fact["start"]:fact["end"]] == fact["text"]
    visible = {f["name"]: f["text"] for f in recorded if f["start"] is not None}
    assert visible["dei:EntityRegistrantName"] == "NORTHWIND TRADING CORP"
    assert visible["dei:DocumentPeriodEndDate"] == "June 3, 2015"
    assert visible["dei:SecurityExchangeName"] == "The Nasdaq Stock Market LLC"
    hidden = {f["name"]: f["text"] for f in recorded if f["start"] is None}
    assert hidden == {"dei:EntityCentralIndexKey": "0000012345", "dei:AmendmentFlag": "false",
                      "dei:EntityRegistrantName": "HIDDEN NAME CORP"}
    assert "HIDDEN NAME CORP" not in doc.text


def test_markup_without_facts_has_no_fact_metadata():
    doc = read_bytes("p.html", b"<html><body><p>Item 8.01 Other Events</p></body></html>").documents[0]
    assert doc.metadata == {}


def test_facts_make_near_certain_fields():
    doc = _doc()
    found = list(facts(DocContext(doc.text, "8-K", doc.metadata)))
    by_label = {}
    for c in found:
        assert c.confidence == CONFIDENCE and c.extractor == EXTRACTOR
        assert doc.text[c.start:c.end]
        by_label.setdefault(c.label, []).append(c.value)
    assert by_label["company"] == ["NORTHWIND TRADING CORP"]
    assert by_label["report_date"] == ["2015-06-03"]
    assert by_label["ticker"] == ["NWTC"]  # "N/A" is no symbol
    assert "cik" not in by_label  # hidden: no span, no field


def test_facts_of_another_text_are_ignored():
    doc = _doc()
    assert list(facts(DocContext("x" + doc.text, "8-K", doc.metadata))) == []
    assert list(facts(DocContext(doc.text, "8-K", {"xbrl_facts": [{"name": "dei:TradingSymbol"}, "junk"]}))) == []


def test_extraction_prefers_the_facts_over_the_rules(tmp_path):
    path = tmp_path / "cover.htm"
    path.write_text(COVER, encoding="utf-8")
    prepared = prepare(str(path), default_extractor(), 10_000_000)
    assert prepared.reason is None
    doc, fields = prepared.filing.documents[0], prepared.fields[0]
    single = {f.label: f for f in fields if f.label in ("company", "report_date")}
    assert single["company"].extractor == EXTRACTOR and single["company"].text == "NORTHWIND\nTRADING CORP" \
        or single["company"].text.split() == ["NORTHWIND", "TRADING", "CORP"]
    assert single["company"].confidence == CONFIDENCE
    assert single["report_date"].value == "2015-06-03" and single["report_date"].extractor == EXTRACTOR
    tickers = [f for f in fields if f.label == "ticker"]
    assert [(f.text, f.extractor) for f in tickers] == [("NWTC", EXTRACTOR)]
    for f in fields:
        assert doc.text[f.start:f.end] == f.text
    # no rule's field of a single-valued label outranks a fact's
    rules = [f for f in fields if f.label in ("company", "report_date") and f.extractor != EXTRACTOR]
    assert all(f.confidence < CONFIDENCE for f in rules)


def test_a_document_without_facts_extracts_as_before():
    extractor = default_extractor()
    text = _doc().text
    plain = extractor.extract(text, doc_type="8-K", metadata={})
    assert all(f.extractor != EXTRACTOR for f in plain.fields)


def test_facts_inside_an_edgar_submission(tmp_path):
    submission = (
        "<SEC-DOCUMENT>0000000000-15-000001.txt : 20150603\n<SEC-HEADER>\n"
        "ACCESSION NUMBER:\t\t0000000000-15-000001\nCONFORMED SUBMISSION TYPE:\t8-K\n</SEC-HEADER>\n"
        "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>cover.htm\n<TEXT>\n" + COVER
        + "</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    )
    path = tmp_path / "sub.txt"
    path.write_text(submission, encoding="utf-8")
    prepared = prepare(str(path), default_extractor(), 10_000_000)
    fields = prepared.fields[0]
    assert any(f.label == "report_date" and f.extractor == EXTRACTOR for f in fields)


def test_a_tagged_symbol_of_listed_notes_keeps_its_year():
    from reviewer.core.extract.xbrl_facts import _value

    assert _value("ticker", "IFF 26") == "IFF 26"
    assert _value("ticker", "ABC 29A") == "ABC 29A"
    assert _value("ticker", "Not listed") is None
    assert _value("ticker", "N/A") is None
