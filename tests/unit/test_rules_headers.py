"""Press-release headers: datelines of many shapes, wire credits recognised by shape, the
document type from a release's shape, the release date, the issuer (invented text)."""

import textwrap

import pytest

from reviewer.core.extract.datelines import first_dateline, wire_credit
from reviewer.core.extract.doctype import classify


def by_label(extractor, text, doc_type=None):
    result = extractor.extract(text, doc_type=doc_type)
    out = {}
    for f in result.fields:
        assert text[f.start:f.end] == f.text
        out.setdefault(f.label, []).append(f)
    return result.doc_type, out


BODY = (" Marlow Kinetics Inc. (NASDAQ: MRLK), a maker of test rigs, today announced a contract.\n\n"
        "About Marlow Kinetics\nMarlow Kinetics builds test rigs.\n\nMedia Contact:\nJane Roe\n")


@pytest.mark.parametrize("header, location, date", [
    ("SPRINGVALE, OH – June 3, 2024 (QUILLWIRE NEWS) –", "SPRINGVALE, OH", "2024-06-03"),
    ("SPRINGVALE--June 3, 2024--", "SPRINGVALE", "2024-06-03"),
    ("**SPRINGVALE, Ohio**, June 3, 2024 /Quillwire/ --", "SPRINGVALE, Ohio", "2024-06-03"),
    ("SPRINGVALE, Ohio, June 3, 2024 /PRNewswire/ --", "SPRINGVALE, Ohio", "2024-06-03"),
    ("SPRINGVALE, OH - (Lakeside Newswire) - June 3, 2024 -", "SPRINGVALE, OH", "2024-06-03"),
    ("SPRINGVALE, Ohio--(NORTHWIND WIRE)--", "SPRINGVALE, Ohio", None),
    ("Port Avery, Ontario, June 3, 2024 (Harbor News Corp.) -", "Port Avery, Ontario", "2024-06-03"),
    ("Springvale, Ohio/Lake Town, Ohio – June 3rd 2024 –", "Springvale, Ohio/Lake Town, Ohio", "2024-06-03"),
    ("ST. CLOUD, Minn. - ([Lakeside Wire](https://example.com/wire)) - June 3, 2024 -", "ST. CLOUD, Minn.",
     "2024-06-03"),
    ("Lake Valley, CA (June 3, 2024) –", "Lake Valley, CA", "2024-06-03"),
    ("SPRINGVALE & LAKE TOWN--(QUILL WIRE)--June 3, 2024--", "SPRINGVALE & LAKE TOWN", "2024-06-03"),
    ("SPRINGVALE and LAKE TOWN--(QUILL WIRE)--", "SPRINGVALE and LAKE TOWN", None),
    ("Port Avery, Ontario--(Harbor News Corp. - June 3, 2024) -", "Port Avery, Ontario", "2024-06-03"),
    ("PORT AVERY, ON / QUILLWIRE / June 3, 2024 /", "PORT AVERY, ON", "2024-06-03"),
    # the date first
    ("June 3, 2024 -- SPRINGVALE --", "SPRINGVALE", "2024-06-03"),
    # places written in letters beyond ASCII
    ("SAINT-ÉLOI, QUÉBEC, June 3, 2024 –", "SAINT-ÉLOI, QUÉBEC", "2024-06-03"),
    ("Grünwald, Germany, June 3, 2024 /Quillwire/ --", "Grünwald, Germany", "2024-06-03"),
    ("ÅLBY, Sweden – 3 June 2024 –", "ÅLBY, Sweden", "2024-06-03"),
    # a country that opens with "the"
    ("Springvale, the Netherlands, 3 June 2024 –", "Springvale, the Netherlands", "2024-06-03"),
])
def test_datelines_of_other_shapes(extractor, header, location, date):
    text = "# Marlow Kinetics Wins a Contract\n\n" + header + BODY
    doc_type, found = by_label(extractor, text)
    assert doc_type == "press_release"
    assert found["location"][0].text == location
    if date:
        assert found["report_date"][0].value == date
    assert found["company"][0].text == "Marlow Kinetics Inc."


@pytest.mark.parametrize("header", ["SPRINGVALE--(QUILL WIRE)--", "SPRINGVALE, June 3, 2024 (QUILL WIRE)--",
                                    "SPRINGVALE--(QUILL WIRE)--June 3, 2024--"])
def test_issuer_glued_to_the_credit_keeps_its_first_word(extractor, header):
    text = "# Marlow Kinetics Wins a Contract\n\n" + header + BODY.lstrip()
    _, found = by_label(extractor, text)
    assert found["company"][0].text == "Marlow Kinetics Inc."


def test_dateline_after_summary_paragraphs(extractor):
    text = ("# Marlow Kinetics Reports Results\n\nRevenue of $3.1 million; a first profitable quarter\n\n"
            "Backlog grew for the fourth quarter in a row\n\n"
            "LAKE TOWN, Ore. - June 3, 2024 (QUILLWIRE) - Marlow Kinetics Inc. today reported results.\n")
    doc_type, found = by_label(extractor, text)
    assert doc_type == "press_release"
    assert found["location"][0].text == "LAKE TOWN, Ore."
    assert found["report_date"][0].value == "2024-06-03"


@pytest.mark.parametrize("credit", ["(GLOBE NEWSWIRE)", "/PRNewswire/", "(BUSINESS WIRE)", "(ACCESSWIRE)",
                                    "(Newsfile Corp.)", "(Quillwire)", "/CNW/", "(Orchard News Service)"])
def test_wire_credits_are_recognised_by_shape(credit):
    text = f"CITY, ST, June 3, 2024 {credit} -- Acme"
    m = wire_credit(text, 0, len(text))
    assert m and m.group() == credit


@pytest.mark.parametrize("text", ["see https://example.com/Business_NewsRamp/ for more",
                                  "(the “Company”)", "(NASDAQ: ACME)", "a/news/b"])
def test_no_wire_credit(text):
    assert wire_credit(text, 0, len(text)) is None


@pytest.mark.parametrize("line", ["On June 3, 2024, the board met.", "Dated: June 3, 2024",
                                  "Richmond-based Acme, a lender, said", "Boston June 3 was warm",
                                  "NEWS RELEASE - June 3, 2024"])
def test_prose_is_not_a_dateline(line):
    assert first_dateline(line) is None


def test_release_without_the_words_press_release_is_classified_by_its_shape():
    text = ("# Marlow Kinetics Wins a Contract\n\nSPRINGVALE, OH - June 3, 2024 - Marlow Kinetics Inc. "
            "signed a contract.\n\nAbout Marlow Kinetics\nMarlow builds rigs.\n\nThis release contains "
            "forward-looking statements.\n")
    assert classify(None, None, text) == "press_release"
    text = ("# Marlow Kinetics Reports Results\n\nMarlow Kinetics (NASDAQ: MRLK) reported results for the "
            "quarter ended June 30, 2024.\n\nABOUT MARLOW KINETICS\nMarlow builds rigs.\n")
    assert classify(None, None, text) == "press_release"


def test_a_form_named_in_a_release_does_not_make_it_that_form():
    text = ("SPRINGVALE, OH - June 3, 2024 (QUILLWIRE) - Marlow Kinetics Inc. today announced a sale. "
            "Risks are described in our Annual Report on Form 10-K.\n")
    assert classify(None, None, text) == "press_release"


def test_a_cover_page_wins_over_release_words():
    text = ("UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\nFORM 8-K\nCURRENT REPORT\n"
            "Item 8.01 Other Events\nMarlow Kinetics Inc. today announced a contract. A copy of the press "
            "release is attached.\n")
    assert classify(None, None, text) == "8-K"
    assert classify(None, None, "Item 2.02 Results of Operations\nThe company reported.") == "8-K"


def test_release_date_cue_is_not_prose(extractor):
    text = ("SPRINGVALE, OH - June 3, 2024 (QUILLWIRE) - Marlow Kinetics Inc. set record dates of "
            "July 1, 2024 and a payment dated August 5, 2024.\n")
    _, found = by_label(extractor, text, "press_release")
    assert found["report_date"][0].value == "2024-06-03"
    text = "For Immediate Release: May 2, 2024\n\nMarlow Kinetics Inc. announced a contract on May 1, 2024."
    _, found = by_label(extractor, text, "press_release")
    assert found["report_date"][0].value == "2024-05-02"


def test_issuer_without_a_legal_suffix_is_the_name_before_its_ticker(extractor):
    text = ("# Ferrowind Prices an Offering\n\nFerrowind Energy (NYSE American: FWND), a developer of wind farms, "
            "today announced an offering managed by Dunmore Securities LLC and Pike Street Capital LLC.\n")
    _, found = by_label(extractor, text, "press_release")
    assert found["company"][0].text == "Ferrowind Energy"


def test_issuer_before_its_alias_and_ticker(extractor):
    text = ('TORVALE - June 3, 2024 (QUILLWIRE) - Ferrowind Energy Ltd. ("Ferrowind" or the "Company") '
            "(TSXV: FWN) is pleased to announce a financing led by Dunmore Securities LLC.\n")
    _, found = by_label(extractor, text, "press_release")
    assert found["company"][0].text == "Ferrowind Energy Ltd."


def test_issuer_as_subject_after_the_dateline(extractor):
    text = ("SPRINGVALE, Ohio, June 3, 2024 /PRNewswire/ -- Ferrowind Energy, a developer of wind farms, "
            "closed a loan from Dunmore Bank Holdings LLC.\n")
    _, found = by_label(extractor, text, "press_release")
    assert found["company"][0].text == "Ferrowind Energy"


def test_issuer_in_a_markdown_link(extractor):
    text = ("SPRINGVALE, OH - (Quillwire) - June 3, 2024 - [Ferrowind Energy Inc.](https://example.com/) "
            "(NASDAQ: FWND) signed a lease.\n")
    _, found = by_label(extractor, text, "press_release")
    assert found["company"][0].text == "Ferrowind Energy Inc."


def test_cover_name_on_the_caption_line(extractor):
    text = ("FORM 8-K\nCURRENT REPORT\nPELLWORTH HOLDINGS, INC. (Exact name of registrant as specified in its "
            "charter)\nDelaware\t001-12345\t12-3456789\n")
    _, found = by_label(extractor, text, "8-K")
    assert found["company"][0].text == "PELLWORTH HOLDINGS, INC."
    text = "FORM 8-K\nPELLWORTH HOLDINGS, INC.\n(Exact name of registrant as specified in its charter)\n"
    _, found = by_label(extractor, text, "8-K")
    assert found["company"][0].text == "PELLWORTH HOLDINGS, INC."


def test_cover_name_in_a_registrants_table(extractor):
    # the caption heads the middle column; each registrant's row holds its name, state and address
    text = ("FORM 8-K\nCURRENT REPORT\nJune 3, 2024\nDate of Report (Date of earliest event reported)\n\n"
            "Commission File Number\tExact Name of Registrant as Specified in Its Charter; State of "
            "Incorporation; Address of Principal Executive Offices; and Telephone Number\tIRS Employer "
            "Identification Number\n1-23456\tPELLWORTH ENERGY CORPORATION (a Delaware corporation) 10 Quarry "
            "Street Springvale, Ohio 44000 (555) 010-0199\t12-3456789\n")
    _, found = by_label(extractor, text, "8-K")
    assert [f.text for f in found["company"]] == ["PELLWORTH ENERGY CORPORATION"]


def test_an_8k_with_its_release_inline_has_a_dateline_location(extractor):
    text = ("FORM 8-K\nPELLWORTH HOLDINGS, INC.\n(Exact name of registrant as specified in its charter)\n"
            "Item 2.02 Results of Operations\nThe release is attached as Exhibit 99.1.\n\n"
            "Exhibit 99.1\n\nLAKE TOWN, Ore. - June 3, 2024 (QUILLWIRE) - Pellworth Holdings, Inc. today "
            "reported results.\n")
    from reviewer.core.extract.base import DocContext
    from reviewer.core.extract.filing import location

    found = list(location(DocContext(text, "8-K")))
    assert [text[c.start:c.end] for c in found] == ["LAKE TOWN, Ore."]
    assert not list(location(DocContext("FORM 8-K\nItem 8.01 Other Events\nNothing else.\n", "8-K")))


def test_issuer_of_a_release_without_a_dateline(extractor):
    text = ("# Ferrowind Closes a Round\n\nBoston-based Ferrowind, a maker of turbines, has closed a $12 million "
            "round led by Dunmore Ventures LLC.\n\nAbout Ferrowind\nFerrowind makes turbines.\n")
    _, found = by_label(extractor, text, "press_release")
    assert found["company"][0].text == "Ferrowind"
    assert "report_date" not in found and "location" not in found  # no dateline: no release date
    # a long title without Markdown markup is not the first paragraph
    text = ("Ferrowind Closes a Round to Build Turbines in Three New Markets Across the Northern Region\n\n"
            "Richmond, Va.-based Ferrowind Corp., a maker of turbines, has closed a $12 million round led by "
            "Dunmore Ventures LLC.\n")
    _, found = by_label(extractor, text, "press_release")
    assert found["company"][0].text == "Ferrowind Corp."


def test_issuer_takes_its_fuller_name_from_the_about_heading(extractor):
    text = ("# Ferrowind Buys a Stake\n\nFerrowind Group announced it has agreed to buy a stake in Dunmore "
            "Ventures LLC.\n\nAbout Ferrowind Group PLC\nFerrowind Group PLC is a holding company.\n")
    _, found = by_label(extractor, text, "press_release")
    assert found["company"][0].text == "Ferrowind Group PLC"


def test_release_without_a_dateline_is_dated_by_today(extractor):
    text = ("# Marlow Kinetics Reports Second Quarter Results\n\nMarlow Kinetics Inc. (NASDAQ: MRLK) reported "
            "results for the quarter ended June 30, 2025.\n\nThe Company will host a conference call today, "
            "August 14, 2025, at 4:30 p.m. Eastern time.\n")
    _, found = by_label(extractor, text, "press_release")
    assert [f.value for f in found["report_date"]] == ["2025-08-14"]


def test_issuer_before_a_comma_glued_to_the_next_word(extractor):
    text = ("# Marlow Kinetics Group Buys a Plant\n\nOhio-based Marlow Kinetics Group,which makes test rigs, "
            "announces it has agreed to buy a plant.\n\nAbout Marlow Kinetics Group PLC\nIt makes test rigs.\n")
    _, found = by_label(extractor, text, "press_release")
    assert found["company"][0].text == "Marlow Kinetics Group PLC"


@pytest.mark.parametrize("header", ["SPRINGVALE, Ohio--June 3, 2024--", "SPRINGVALE, Ohio, June 3, 2024 (QUILLWIRE)—"])
def test_a_name_glued_to_the_datelines_dashes_opens_after_them(extractor, header):
    text = header + "Marlow Kinetics, Inc. (NASDAQ: MRLK) today announced a contract."
    _, found = by_label(extractor, text, "press_release")
    assert [f.text for f in found["organization"]] == ["Marlow Kinetics, Inc."]
    assert found["company"][0].text == "Marlow Kinetics, Inc."


@pytest.mark.parametrize("name", ["Bank of Montreal", "Lindell, Quint and Co.", "The Quint & Moss Group",
                                  "Caisse de Marlow"])
def test_the_issuer_before_its_ticker_keeps_its_joining_words(extractor, name):
    text = f"SPRINGVALE, Ohio, June 3, 2024 /PRNewswire/ -- {name} (NYSE: QMG) today announced a contract."
    _, found = by_label(extractor, text, "press_release")
    assert found["company"][0].text == name
    # hard-wrapped at 72 columns, as plain-text filings are
    body = (f"SPRINGVALE, Ohio, June 3, 2024 /PRNewswire/ -- The board of the bank said that {name} (NYSE: QMG) "
            "has signed a contract with a maker of test rigs in Ohio for the supply of parts over three years. "
            "The contract is worth more than the company had forecast for the year.")
    wrapped = textwrap.fill(body, 72) + "\n"
    assert by_label(extractor, wrapped, "press_release")[1]["company"][0].value == name


def test_a_name_glued_to_the_date_by_an_ellipsis(extractor):
    text = "CONCORD, N.H., May 2, 2000...MARLOW KINETICS CORPORATION (NASDAQ/NMS:MRLK) announced today a deal."
    _, found = by_label(extractor, text, "press_release")
    assert found["company"][0].text == "MARLOW KINETICS CORPORATION"
    assert found["report_date"][0].text == "May 2, 2000"


def test_a_date_inside_the_credit_with_no_break_spaces(extractor):
    text = "Waterloo, Ontario--(Newsfile Corp. - February 11,\u00a02025) - Marlow Kinetics, a maker of rigs, today said."
    _, found = by_label(extractor, text, "press_release")
    assert found["location"][0].text == "Waterloo, Ontario"
    assert found["report_date"][0].value == "2025-02-11"
    assert found["company"][0].text == "Marlow Kinetics"


@pytest.mark.parametrize("text, company", [
    # the company's board as the subject names the company, with the ending written elsewhere
    ("AUSTIN, Texas, July 10, 2019 — The Marlow Board of Directors today announced that it has elected Jane Roe "
     "to the Board.\n\nFor more, contact Marlow Corporation’s investor relations.\n", "Marlow Corporation"),
    ("AUSTIN, Texas, July 10, 2019 — The Marlow Board of Directors today announced that it has elected Jane Roe "
     "to the Board.\n\nFor more, contact Marlow Kinetics Corporation’s investor relations.\n", "Marlow"),
    # with no subject: the name the release repeats, not an adviser named once
    ("OSLO, Norway, Feb. 14, 2025 /PRNewswire/ — In a press release dated December 21, 2024, Marlow announced a "
     "deal. Marlow will pay in cash.\n\nMarlow builds test rigs.\n\nCertified Adviser:\nQuint Investment Bank AB "
     "(publ.)\n\nMarlow Kinetics AB (publ.) is obliged to publish this.\n", "Marlow Kinetics AB"),
    # an identifier in brackets beside the issuer is skipped as a ticker is
    ('MUNICH, DE / ACCESS Newswire / February 7, 2025 / Marlow Kinetics AG (ISIN: DE000A1B2C35) (FRA:M0YN) '
     '(the "Company") announces a bridge loan.', "Marlow Kinetics AG"),
])
def test_issuer_of_openings_of_other_shapes(extractor, text, company):
    _, found = by_label(extractor, text, "press_release")
    assert found["company"][0].text == company


def test_a_datelines_date_with_no_year_is_the_release_date(extractor):
    text = ("    SPRINGVALE, Ohio, July 22 /PRNewswire-FirstCall/ -- Marlow Kinetics Inc. (NYSE: MRLK) today reported "
            "results for the quarter ended July 3, 2004.")
    _, found = by_label(extractor, text, "press_release")
    assert found["report_date"][0].text == "July 22" and found["report_date"][0].value == "--07-22"


def test_a_person_and_a_title_opening_a_release_are_no_issuer(extractor):
    text = "Callum J. Ferguson, Chief Executive Officer of Ashby Hartley, said: “We are pleased with the year.”"
    _, found = by_label(extractor, text)
    assert "company" not in found
    assert [f.text for f in found["person"]] == ["Callum J. Ferguson"]


def test_an_issuer_with_a_lower_case_legal_ending_before_its_ticker(extractor):
    text = ("LONDON, 22 November 2031 -- Vantor Labs plc (AIM: VNTR) today announced that it completed the acquisition "
            "under the Share Purchase Agreement by and among the Company, Quillon Sensors GmbH (“Quillon”) and "
            "Dr. Matthias Kühn (together with Quillon, the “Sellers”).")
    _, found = by_label(extractor, text)
    assert found["company"][0].text == "Vantor Labs plc"


def test_a_city_in_capitals_and_a_dash_before_a_reporting_sentence_is_a_dateline(extractor):
    text = ("FOR IMMEDIATE RELEASE\nJanuary 3, 2031\n\nMarlow Kinetics Reports Earnings\n\n"
            "SPRINGVALE -- Marlow Kinetics Inc. today reported earnings of $1.2 million.")
    _, found = by_label(extractor, text)
    assert found["location"][0].text == "SPRINGVALE"


@pytest.mark.parametrize("line", ["NOTICE -- The Company today announced a change.",
                                  "SPRINGVALE -- Marlow Kinetics makes test rigs."])
def test_a_heading_or_a_city_without_a_report_is_no_dateline(extractor, line):
    _, found = by_label(extractor, "Marlow Kinetics\n\n" + line)
    assert "location" not in found


def test_the_issuer_without_a_dateline_under_its_fuller_name(extractor):
    text = "QRB Bank Group PLC agreed to buy a stake in Olmar Retail LLC. QRB Bank Group PLC will pay cash."
    doc_type, found = by_label(extractor, text, "press_release")
    assert found["company"][0].text == "QRB Bank Group PLC"
