"""Shapes of real filings the rules first met on unseen 8-Ks and exhibits, each on invented text:
lists laid out as two-cell tables, roles in brackets after a name, months that are given names,
covers laid out in columns of blanks, datelines with no date, releases quoted inside an 8-K,
OTC Bulletin Board symbols, short given names, a merger's per-share consideration, and the
filer beside the other party (its subsidiaries, "Acme and Beta Corp.")."""

import pytest


# -- a list laid out as a table of two cells is prose -----------------------------------------
@pytest.mark.parametrize("marker", ["·", "•", "-", "1.", "(a)", "iv)"])
def test_amounts_in_a_list_item_after_a_tab(fields, marker):
    text = f"The Committee shall:\n\n{marker}\tapprove audit services of up to $50,000 between meetings.\n"
    assert fields(text, "money") == ["$50,000"]


def test_a_row_of_figures_is_still_a_table(fields):
    assert fields("Revenue\t$4,686\t$5,348\n1.\t$500\t$600\n", "money") == []


# -- people ------------------------------------------------------------------------------------
def test_a_role_in_brackets_is_no_part_of_the_name(fields):
    text = ("Audit Committee\tCompensation Committee\n"
            "Tamsin Oakridge (Chairperson)\tWendell Brasco (Chair)\n")
    assert fields(text, "person") == ["Tamsin Oakridge", "Wendell Brasco"]


def test_a_nickname_in_brackets_stays_inside_the_name(fields):
    text = "Thomas (Tom) Varga, Chief Executive Officer, said the deal closed."
    assert fields(text, "person") == ["Thomas (Tom) Varga"]


@pytest.mark.parametrize("text, name", [
    ("The company entered into a consulting agreement with Jan H. Oakridge on May 2.", "Jan H. Oakridge"),
    ("“We are ready,” said April M. Quintero, Chief Executive Officer.", "April M. Quintero"),
])
def test_a_month_before_an_initial_is_a_given_name(fields, text, name):
    assert fields(text, "person") == [name]


@pytest.mark.parametrize("text, name", [
    ("Jun Nakashima-Reyes, Chief Executive Officer of the Company, said the plant is ready.", "Jun Nakashima-Reyes"),
    ("“We are ready,” said May Quintero.", "May Quintero"),
])
def test_a_month_before_a_surname_beside_a_title_is_a_given_name(fields, text, name):
    assert fields(text, "person") == [name]


def test_a_month_before_a_surname_in_prose_is_no_person(fields):
    assert fields("Sales rose in the quarter. June Roberts Plaza opened downtown.", "person") == []


def test_a_month_after_a_preposition_is_a_date(fields):
    assert fields("Results improved. In March J. Varga left the board.", "person") == []


@pytest.mark.parametrize("title", ["Chair Pro Tem", "Director Emeritus"])
def test_latin_title_words_are_no_name(fields, title):
    text = f"The bylaws add the position of {title}. Nadia Corwell was elected."
    assert fields(text, "person") == ["Nadia Corwell"]


def test_a_short_given_name_signs_for_the_fuller_one_printed_below(fields):
    text = ("SIGNATURES\n\nVANTOR LABS, INC.\nBy: /s/ Herb Quillane\n    Herbert Quillane, President\n"
            "Dated: May 3, 2021\n")
    assert fields(text, "signatory") == ["Herbert Quillane"]
    assert fields(text, "person") == ["Herbert Quillane"]


# -- the cover ---------------------------------------------------------------------------------
def test_the_company_above_its_caption_in_columns_of_blanks(fields):
    text = ("FORM 8-K\n\n"
            "   Nevada             Vantor Widgets, Inc.                    13-0000000\n"
            "_____________      _______________________________________    __________\n"
            "(State or other    (Exact Name of registrant as specified      (I.R.S.\n"
            "incorporation or    in its charter)                            Employer\n")
    assert fields(text, "company") == ["Vantor Widgets, Inc."]


# -- press-release headers ---------------------------------------------------------------------
@pytest.mark.parametrize("line, place", [
    ("Harbor City, New Jersey-- Vantor Widgets, Inc. announces that it sold its mill.", "Harbor City, New Jersey"),
    ("BOSTON, MA -- Vantor Widgets Inc. today named a new chief executive.", "BOSTON, MA"),
    ("PORTLAND, Ore.—Vantor Widgets Inc. said today it sold its mill.", "PORTLAND, Ore."),
])
def test_a_dateline_with_no_date(fields, line, place):
    text = f"Vantor Widgets Announces Sale\n\n{line}\n"
    assert fields(text, "location", doc_type="press_release") == [place]


def test_no_dateline_without_a_state_after_the_comma(fields):
    text = "Vantor Widgets Announces Sale\n\nAcme, Inc.-- Vantor Widgets said it sold its mill.\n"
    assert fields(text, "location", doc_type="press_release") == []


def test_an_organisation_opens_after_the_dateline_dash(fields):
    text = "Headline\n\nHarbor City, New Jersey-- Vantor Widgets, Inc. announces a sale.\n"
    assert "Vantor Widgets, Inc." in fields(text, "organization", doc_type="press_release")


def test_a_release_quoted_inside_an_8k_gives_the_location(fields):
    text = ("Item 5.  Other Events\n\nOn May 3, 2021, the Registrant issued the following press release:\n\n"
            "Vantor Widgets Announces Sale\n\n"
            "Harbor City, New Jersey-- Vantor Widgets, Inc. announces that it sold its mill.\n")
    assert fields(text, "location") == ["Harbor City, New Jersey"]


@pytest.mark.parametrize("exchange", ["OTC BB", "OTCBB", "OTC Bulletin Board"])
def test_otc_bulletin_board_symbols(fields, exchange):
    text = f"Vantor Widgets, Inc. ({exchange}: VNTW) announces a sale."
    assert fields(text, "ticker", doc_type="press_release") == [f"{exchange}: VNTW"]


# -- amounts -----------------------------------------------------------------------------------
def test_a_mergers_consideration_per_share(fields):
    text = ("At the effective time, each share of common stock of Beta will be converted into the right "
            "to receive $41.75 in cash, without interest.")
    assert fields(text, "per_share_price") == ["$41.75"]
    assert fields(text, "money") == []


def test_a_right_to_receive_cash_without_a_share_is_money(fields):
    text = "The holders have the right to receive $5.00 in cash."
    assert fields(text, "money") == ["$5.00"]


# -- counterparties beside the filer -----------------------------------------------------------
MERGER = ("On July 2, 2023, Vantor Inc. (“Vantor”), Kestrel Acquisition, Inc. (“Merger Sub”), a Delaware "
          "corporation and a wholly owned subsidiary of Vantor and Orlan Therapeutics, Inc. (“Orlan”) "
          "entered into an Agreement and Plan of Merger.")


def test_the_other_party_read_after_the_filer_and(fields):
    found = fields(MERGER, "counterparty")
    assert "Orlan Therapeutics, Inc." in found
    assert "Kestrel Acquisition, Inc." not in found  # the filer's merger subsidiary


def test_the_last_of_the_filers_subsidiaries_in_a_list(fields):
    text = ("Quarry Bancorp announced that it entered into a merger agreement with Orlan Bancorp, Inc. "
            "The agreement calls for Quarry to merge into Orlan and for Quarry’s wholly owned subsidiaries, "
            "Quarry Bank, Inc., and Kestrel Deposit Bank and Trust, Inc., to merge into Orlan Bank.")
    found = fields(text, "counterparty")
    assert "Orlan Bancorp, Inc." in found
    assert "Kestrel Deposit Bank and Trust, Inc." not in found


def test_an_individual_issued_shares_far_from_the_verb(fields):
    text = ("On May 3, 2021, Vantor Widgets, Inc. (the \"Company\"), a Nevada corporation, issued 15,002,718 "
            "shares of the Company's restricted Common Stock, representing 75.0% of the class, to Nadia "
            "P. Corwell in exchange for a cash payment of $50,000 made to the Company.")
    assert fields(text, "counterparty") == ["Nadia P. Corwell"]


def test_the_signers_listed_after_agreement_with_each_of(fields):
    text = ("On May 2, 2023, Vantor Inc. entered into a voting and support agreement (each, a “Support "
            "Agreement”) with each of Nadia P. Corwell, Wendell J. Brasco, Orlan Holdings, LLC and "
            "Tamsin R. Oakridge, pursuant to which each has agreed to vote for the merger.")
    found = fields(text, "counterparty")
    assert {"Nadia P. Corwell", "Wendell J. Brasco", "Tamsin R. Oakridge"} <= set(found)


def test_an_officers_own_pay_agreement_names_no_party(fields):
    text = ("On May 2, 2023, Vantor Inc. entered into an employment agreement with Wendell J. Brasco and "
            "Nadia P. Corwell, under which each will receive a salary of $400,000.")
    assert "Nadia P. Corwell" not in fields(text, "counterparty")


def test_a_middle_initial_does_not_cut_a_party_after_a_deal_word(fields):
    text = "On May 2, 2023, Vantor Inc. entered into a consulting agreement with Nadia P. Corwell, its adviser."
    assert "Nadia P" not in fields(text, "counterparty")


def test_deal_cues_tried_at_their_words_find_what_a_whole_scan_finds():
    import random

    from reviewer.core.extract import deal_objects as d
    from reviewer.core.extract.base import DocContext, finditer_near

    words = ("acquisition of", "acquired", "the", "merger with", "business combination with", "agreement with",
             "partnership with", "joint venture with", "letter of intent with", "mou with", "investment from",
             "majority stake in", "equity interest in", "purchased", "bought", "buys", "from", "Acme", "in",
             "and", "amount", "loin", "acquires", "as", "\n", ".", "Kestrel", "buying shares from")
    rng = random.Random(7)
    for _ in range(200):
        text = " ".join(rng.choice(words) for _ in range(60))
        ctx = DocContext(text)
        for pattern, cue_words in ((d._CUE, d._CUE_WORDS), (d._FROM_CUE, d._FROM_CUE_WORDS)):
            scanned = [m.span() for m in pattern.finditer(ctx.lower)]
            anchored = [m.span() for m in finditer_near(pattern, ctx.lower, ctx.find_all(*cue_words, lower=True), 0)]
            assert anchored == scanned, text


# -- earnings releases -------------------------------------------------------------------------
def test_the_issuer_after_the_dateline_with_a_trademark(fields):
    text = ("Exhibit 99.1\n\nOrchard Reports Third Quarter Results\n\n"
            "CUPERTINO, California—July 14, 2004—Orchard® today announced financial results for its "
            "fiscal 2004 third quarter. For the quarter, the Company posted a net profit of $61 million.\n")
    assert fields(text, "company", doc_type="press_release") == ["Orchard"]


def test_a_periods_end_after_a_dateline_without_a_date_is_no_release_date(fields):
    text = ("Orchard reports first quarter results\n"
            "CUPERTINO, CALIFORNIA — Orchard® today announced financial results for its fiscal 2024 first "
            "quarter ended December 30, 2023. The Company posted quarterly revenue of $119.6 billion.\n")
    assert fields(text, "report_date", doc_type="press_release") == []


def test_a_scale_word_indented_on_the_next_line(fields):
    text = ("      \"Its market value has risen from less than $2 billion to over $16\n"
            "      billion since his return,\" the board said.\n")
    assert fields(text, "money", doc_type="press_release") == ["$2 billion", "$16\n      billion"]


def test_earnings_per_share_of_about_an_amount(fields):
    text = "We expect revenue of about $22 billion and diluted earnings per share of about $4.90."
    assert fields(text, "per_share_price", doc_type="press_release") == ["$4.90"]


def test_a_region_heading_a_row_of_figures_in_a_release_is_no_person(fields):
    text = "Net sales by reportable segment:\nAmericas\t$\t50,430\nGreater Arcadia\t20,819\t23,905\n"
    assert fields(text, "person", doc_type="press_release") == []


def test_a_nominee_heading_a_row_of_votes_in_an_8k_is_a_person(fields):
    text = "Item 5.07\nNominee\tFor\tAgainst\nThibault Ravenel\t1,806,000\t12,000\n"
    assert fields(text, "person") == ["Thibault Ravenel"]


def test_the_name_under_a_contact_label(fields):
    text = ("Press Contact:\nTamsin Oakridge\nOrchard\n(408) 555-0142\n"
            "Investor Relations Contact:\nSuhani Chandravelu\nOrchard\nsuhani@orchard.example\n")
    assert fields(text, "person", doc_type="press_release") == ["Tamsin Oakridge", "Suhani Chandravelu"]


def test_firms_with_a_persons_shape_in_a_list_of_customers(fields):
    text = "Customers include Fannie Mae, Merrill Lynch and Kestrel Microsystems, among others."
    assert fields(text, "person", doc_type="press_release") == []


@pytest.mark.parametrize("header, text, name", [
    ("VANTOR POWER CO", "FORM 8-K\n\nTHE VANTOR POWER COMPANY\n\nItem 8.01 Other Events.", "THE VANTOR POWER COMPANY"),
    ("QUILLON WIDGETS CORP /DE/", "FORM 8-K\n\nQuillon Widgets Corp.\n\nItem 8.01 Other Events.", "Quillon Widgets Corp."),
])
def test_the_headers_short_name_is_read_in_full_where_the_filing_writes_it(extractor, header, text, name):
    found = [f for f in extractor.extract(text, doc_type="8-K", metadata={"company": header}).fields
             if f.label == "company"]
    assert [f.text for f in found] == [name]
