"""Hard-wrapped text: inside a sentence a single line break is a space for the rules that read
names, titles, organisations, counterparties and agreements, while the lines of a signature,
contact or address block stay lines; spans still index the document text, and values are the
names with the break read as a blank (invented text throughout)."""

import re
import textwrap

import pytest

from reviewer.core.extract.wrapped import flat, unwrap


def wrap(text: str, width: int) -> str:
    """A paragraph hard-wrapped as a mail client or an old filing does it."""
    return textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False)


def crosses(text: str, name: str) -> bool:
    """Whether ``name`` is written in text with a line break where the name has a blank."""
    pattern = re.escape(name).replace(r"\ ", "[ \n]")
    return any("\n" in m.group() for m in re.finditer(pattern, text))


def wrap_across(text: str, *names: str) -> str:
    """The paragraph wrapped at the first width (56 to 79 columns) that breaks a line inside
    each of ``names``."""
    for width in range(56, 80):
        wrapped = wrap(text, width)
        if all(crosses(wrapped, name) for name in names):
            return wrapped
    raise AssertionError(f"no width breaks a line inside each of {names}")


def fields(extractor, text, label, doc_type="press_release"):
    found = [f for f in extractor.extract(text, doc_type=doc_type).fields if f.label == label]
    for f in found:
        assert text[f.start:f.end] == f.text
    return found


def values(extractor, text, label, doc_type="press_release"):
    out = []
    for f in fields(extractor, text, label, doc_type):
        out.append(f.value["name"] if isinstance(f.value, dict) else f.value)
    return out


PEOPLE = ("Quorvane Instruments Inc. said today that its board has named Jane Q. Roe, the former treasurer "
          "of Halden Marine, as its Chief Financial Officer, effective June 1, and that the board thanks "
          "Quorix Amberwell, Senior Vice President, who served as interim head of finance since March.")
WRAPPED_PEOPLE = wrap_across(PEOPLE, "Jane Q. Roe", "Chief Financial Officer")


def test_a_person_and_a_title_across_line_breaks(extractor):
    text = WRAPPED_PEOPLE
    found = fields(extractor, text, "person")
    assert [f.value for f in found] == ["Jane Q. Roe", "Quorix Amberwell"]
    assert [f.value for f in found] == values(extractor, PEOPLE, "person")
    assert "\n" in found[0].text  # the span is the document's, with its line break


@pytest.mark.parametrize("across", ["Quorix Amberwell", "Amberwell, President"])
def test_a_title_makes_an_unknown_name_a_person_across_a_line_break(extractor, across):
    # no given-name list knows "Quorix": the title beside it is what makes it a name
    one_line = ("In a letter the company thanked its longtime partner Quorix Amberwell, "
                "President of the Tessaly unit since 2019, for the years of work on the new plant.")
    text = wrap_across(one_line, across)
    assert values(extractor, text, "person") == values(extractor, one_line, "person") == ["Quorix Amberwell"]


ORGS = ("Quorvane Instruments Inc. announced that its lender, Brightmoor Widgets Holdings, Inc., agreed to "
        "extend the maturity of the term loan and that Orlan Castings GmbH joined the lending group.")
WRAPPED_ORGS = wrap_across(ORGS, "Brightmoor Widgets Holdings, Inc.")


def test_an_organisation_with_a_legal_ending_across_a_line_break(extractor):
    text = WRAPPED_ORGS
    found = [f for f in fields(extractor, text, "organization") if f.value.startswith("Brightmoor")]
    assert [f.value for f in found] == ["Brightmoor Widgets Holdings, Inc."]
    assert "\n" in found[0].text
    assert sorted(values(extractor, text, "organization")) == sorted(values(extractor, ORGS, "organization"))


DEAL = ("Quorvane Instruments Inc. today announced that it has entered into a share purchase agreement "
        "with Tessaly Sensor Holdings GmbH, under which Quorvane will acquire the Tessaly sensor "
        "business for cash.")
# the deal words on one line, the party on the next: the sentence runs over the break
WRAPPED_DEAL = wrap_across(DEAL, "Tessaly Sensor Holdings GmbH")


def test_a_counterparty_across_a_line_break(extractor):
    text = "QUORVANE INSTRUMENTS INC.\n\n" + WRAPPED_DEAL
    found = fields(extractor, text, "counterparty")
    assert [f.value for f in found] == ["Tessaly Sensor Holdings GmbH"]
    assert "\n" in found[0].text
    assert values(extractor, "QUORVANE INSTRUMENTS INC.\n\n" + DEAL, "counterparty") == ["Tessaly Sensor Holdings GmbH"]


OPENING = ("Quorvane Precision Instruments Holdings Inc. (\"Quorvane\" or the \"Company\") (TSXV: QPI) is "
           "pleased to announce that it has closed the sale of its sensor unit to Tessaly Sensor Holdings GmbH "
           "for cash, as described in the news releases of the Company dated May 8 and June 2.")


def test_an_issuer_across_a_line_break(extractor):
    wrapped = wrap_across("SPRINGVALE - June 3, 2031 (QUILLWIRE) - " + OPENING,
                          "Quorvane Precision Instruments Holdings Inc.")
    text = ("# Quorvane Closes a Sale\n\n" + wrapped + "\n\nThe Company will now focus on its instruments business, which it expects to grow in "
            "the second half of the year as new orders are filled.\n")
    found = fields(extractor, text, "company")
    assert found[0].value == "Quorvane Precision Instruments Holdings Inc."


def test_a_phone_across_a_line_break(extractor):
    wrapped = ("For media enquiries please write to Jane Roe, head of communications, or call\n"
               "the press office of Quorvane Precision Instruments on Telephone: +971\n"
               "2307 4013 during the opening hours of its offices in the city.\n")
    assert [f.value for f in fields(extractor, wrapped, "phone")] == ["+97123074013"]


AGREEMENTS = ("As announced, on May 6, 2031, Quorvane Instruments Inc. and Orlan Castings GmbH signed the Master Supply "
              "Agreement, and Quorvane entered into an Agreement and Plan of Merger with Halden Marine "
              "Corp. under which Halden will become a wholly owned subsidiary of Quorvane.")


@pytest.mark.parametrize("name", ["Master Supply Agreement", "Agreement and Plan of Merger"])
def test_an_agreement_across_a_line_break(extractor, name):
    text = wrap_across(AGREEMENTS, name)
    found = [f for f in fields(extractor, text, "agreement") if f.value["name"] == name]
    assert len(found) == 1 and "\n" in found[0].text
    assert sorted(values(extractor, text, "agreement")) == sorted(values(extractor, AGREEMENTS, "agreement"))


APPOINTED = ("Item 5.02 Departure of Directors or Certain Officers. On May 6, 2031, the board of directors "
             "of Quorvane Instruments Inc. appointed Jane Q. Roe as Chief Financial Officer of the company, "
             "effective June 1, 2031, to succeed Peter Amberwell, who will remain with the company as an "
             "advisor through the end of the year.")
SIGNED = ("FORM 8-K\n\nQUORVANE INSTRUMENTS INC.\n(Exact name of registrant as specified in its charter)\n\n"
          + wrap_across(APPOINTED, "Jane Q. Roe")
          + "\n\nSIGNATURES\n\n"
          + wrap("Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has "
                 "duly caused this report to be signed on its behalf by the undersigned hereunto duly "
                 "authorized.", 66)
          + "\n\nQUORVANE INSTRUMENTS INC.\n\nBy: /s/ Jane Q. Roe\nJane Q. Roe\nChief Financial Officer\n"
          "Date: May 7, 2031\n")


def test_a_signature_block_keeps_its_lines(extractor):
    text = SIGNED
    prose = unwrap(text)
    assert prose != text  # the paragraphs above are read over their breaks ...
    block = text.index("By: /s/")
    assert prose[block:] == text[block:]  # ... the name, title and date lines stay lines
    assert [f.text for f in fields(extractor, text, "signatory", "8-K")] == ["Jane Q. Roe"]
    assert [f.text for f in fields(extractor, text, "signatory_title", "8-K")] == ["Chief Financial Officer"]
    people = fields(extractor, text, "person", "8-K")
    assert {f.value for f in people} == {"Jane Q. Roe", "Peter Amberwell"}
    assert all("Officer" not in f.value and "Date" not in f.value for f in people)
    assert all("\n" not in f.text for f in people if f.start > block)


def test_contact_and_address_lines_are_not_one_name(extractor):
    text = (WRAPPED_DEAL + "\n\nMedia Contact:\nJane Roe\nVice President, Communications\n"
            "Quorvane Instruments Inc.\n100 Harbor Road\nOrleans, VT 05860\n")
    contact = text.index("Media Contact:")
    assert unwrap(text) != text and unwrap(text)[contact:] == text[contact:]
    organisations = values(extractor, text, "organization")
    assert "Quorvane Instruments Inc." in organisations
    assert all("Communications" not in v for v in organisations)


def test_unwrapped_text_keeps_offsets_and_block_breaks():
    text = ("QUORVANE INSTRUMENTS INC.\n" + WRAPPED_PEOPLE + "\n\n- an item\n- another\n"
            "Revenue   1,000   2,000\n")
    prose = unwrap(text)
    assert len(prose) == len(text)
    assert all(a == b or (a == "\n" and b == " ") for a, b in zip(text, prose))
    assert prose.startswith("QUORVANE INSTRUMENTS INC.\n")
    assert "Jane Q. Roe" in prose and "Chief Financial Officer" in prose
    assert "\n\n- an item\n- another\nRevenue" in prose
    # short lines are no hard wrap (flat joins them)
    short = "Jane Roe\nChief Financial Officer\nQuorvane Instruments Inc.\n"
    assert unwrap(short) is short and flat(short) != short


def test_text_that_is_not_hard_wrapped_is_read_as_it_is():
    # one paragraph per line (HTML, Markdown): nothing is joined, however long the lines
    text = PEOPLE + "\n" + ORGS + "\nJane Roe\nChief Financial Officer\n"
    assert unwrap(text) is text


# -- linearity (the method of test_linearity_extract.py: time(2n) / time(n) in one run) ----------
def _unit(text: str):
    return lambda i: text


LINEAR_CASES = {
    # one long run of wrapped lines (each unit ends in the middle of a line's worth of text)
    "wrapped names and titles": (_unit(WRAPPED_PEOPLE + "\n"), "person", "line"),
    "wrapped organisations": (_unit(WRAPPED_ORGS + "\n"), "organization", "line"),
    "wrapped counterparties": (_unit(WRAPPED_DEAL + "\n"), "counterparty", "line"),
    "wrapped agreements": (_unit(wrap_across(AGREEMENTS, "Master Supply Agreement") + "\n"), "agreement", "line"),
    "wrapped paragraphs": (_unit(WRAPPED_PEOPLE + "\n\n"), "person", "line"),
    "signature blocks": (_unit("By: /s/ Jane Q. Roe\nJane Q. Roe\nChief Financial Officer\n" + WRAPPED_DEAL
                               + "\n"), "person", "line"),
    "initials at line ends": (_unit("as its treasurer, and the board of the group has named Jane Q.\nRoe "),
                              "person", "line"),
}

from test_linearity_extract import assert_linear  # noqa: E402


@pytest.mark.parametrize("name", list(LINEAR_CASES))
def test_extraction_time_is_linear(name):
    assert_linear(LINEAR_CASES, name)


def test_a_firms_name_wrapped_between_two_legal_endings(extractor):
    para = ("The Placing will be conducted by way of an accelerated bookbuild, which\n"
            "will open with immediate effect following this announcement, by\n"
            "Quillon Capital Markets Limited (\"Quillon\") and Orlan Stroud & Co.\n"
            "Limited (\"Orlan\"), acting as joint bookrunners pursuant to a\n"
            "Placing Agreement entered into today between the Company, Quillon and\n"
            "Orlan. The net proceeds of the Placing are expected to be about\n"
            "21.1 million pounds, which the Company will use to fund the purchase.\n")
    found = [f.text for f in extractor.extract(para, doc_type="press_release").fields if f.label == "counterparty"]
    assert "Orlan Stroud & Co.\nLimited" in found
