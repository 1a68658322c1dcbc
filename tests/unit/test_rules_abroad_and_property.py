"""Issuers abroad and real estate, each on invented text: per-ADS figures with their conversions
compared across quarters, contact lines that run a title into the firm, properties bought and sold
(no parties), agreements named after their kind, guidance compared with the prior one."""

import pytest


def test_per_ads_figures_with_conversions_compared(fields):
    text = ("Basic and diluted net income per ADS were RMB2.31 (US$0.32) and RMB2.28 (US$0.31), respectively, "
            "compared with RMB1.74 and RMB1.70 in the second quarter of 2030.")
    assert fields(text, "per_share_price", "press_release") == ["RMB2.31", "US$0.32", "RMB2.28", "US$0.31",
                                                               "RMB1.74", "RMB1.70"]
    assert fields(text, "money", "press_release") == []


@pytest.mark.parametrize("title", ["Chief Financial Officer", "Senior Vice President", "President and CEO"])
def test_a_contacts_title_run_into_the_firm(fields, title):
    text = (f"Contacts:\n\nDr. Noa Ben-Haim {title} Quorvale Water Technologies Ltd. Tel: +972-3-555-0144 "
            "ir@quorvale.co.il\n")
    assert fields(text, "person", "press_release") == ["Noa Ben-Haim"]
    assert "Quorvale Water Technologies Ltd." in fields(text, "organization", "press_release")


def test_a_property_bought_is_no_party(fields):
    text = ("Quorvale Industrial REIT, Inc. announced that its joint venture closed on the acquisition of Tarnfield "
            "Distribution Park for $98.0 million, and on the acquisition of Halvorsen Commons from Brightline "
            "Realty Partners, LLC.")
    found = fields(text, "counterparty", "press_release")
    assert "Tarnfield Distribution Park" not in found and "Halvorsen Commons" not in found
    assert "Brightline Realty Partners, LLC" in found


def test_an_agreement_named_after_its_kind(fields):
    text = ("On May 2, 2031, the Trust entered into an Agreement of Purchase and Sale (the “Sale Agreement”) with "
            "Oduya Capital Partners, LP for the sale of the building.")
    assert fields(text, "agreement") == ["Agreement of Purchase and Sale"]


def test_a_guidance_compared_with_the_prior_one(fields):
    text = ("The Company now expects 2031 Core FFO of $2.04 to $2.08 per diluted share, compared to prior guidance of "
            "$2.01 to $2.06.")
    assert fields(text, "per_share_price", "press_release") == ["$2.04", "$2.08 per diluted share", "$2.01", "$2.06"]


@pytest.mark.parametrize("text", ["It owns properties in the Midwest and Sun Belt.",
                                  "The 128-room Marlowe Inn & Suites sits in Myrtle Beach, South Carolina."])
def test_regions_and_beaches_are_no_people(fields, text):
    assert fields(text, "person", "press_release") == []


def test_a_spacs_trust_and_its_public_shares(fields):
    text = ("On May 2, 2031, Quorvale Acquisition Corp (the “Company”) entered into an amendment (the “Trust Agreement "
            "Amendment”) to the Investment Management Trust Agreement, dated October 26, 2029, with Tarn Stock "
            "Transfer & Trust Company, as trustee. The trust account holds approximately $10.64 per public share; "
            "holders of 2,440,118 public shares and 1,210,000 Public Shares redeemed, and 28,000,000 Pubco ordinary "
            "shares will be issued.")
    assert fields(text, "agreement") == ["Investment Management Trust Agreement"]
    assert "Investment Management Trust" not in fields(text, "counterparty")
    assert fields(text, "per_share_price") == ["$10.64 per public share"]
    assert fields(text, "share_count") == ["2,440,118 public shares", "1,210,000 Public Shares",
                                           "28,000,000 Pubco ordinary shares"]


def test_rates_in_eighths(extractor, fields):
    text = "The Company redeemed its 9 1/8% Senior Notes and issued 6 3/4% notes; the rate was 12 1/2 percent."
    assert fields(text, "percentage", "press_release") == ["9 1/8%", "6 3/4%", "12 1/2 percent"]
    assert [f.value for f in extractor.extract(text, doc_type="press_release").fields
            if f.label == "percentage"] == ["0.09125", "0.0675", "0.125"]


def test_symbols_of_a_cover_typed_as_text_whose_rows_wrap(fields):
    text = ("                                              Trading     Name of each exchange\n"
            "Title of each class                           Symbol(s)   on which registered\n"
            "---------------------------------             ---------   ---------------------\n"
            "Units, each consisting of one Class A         QRVLU       The Nasdaq Capital\n"
            "ordinary share and one right                              Market\n"
            "and one-half of one warrant\n"
            "Class A ordinary shares, par value            QRVL        The Nasdaq Capital\n"
            "$0.0001 per share                                         Market\n"
            "Rights                                        QRVLR       The Nasdaq Capital\n"
            "                                                          Market\n\n"
            "Item 8.01 Other Events.\n")
    assert fields(text, "ticker") == ["QRVLU", "QRVL", "QRVLR"]


def test_three_symbols_listed_in_prose(fields):
    text = "Its units, shares and warrants traded under the symbols “TRNU,” “TRN” and “TRNW,” until May 2, 2031."
    assert fields(text, "ticker") == ["TRNU", "TRN", "TRNW"]
    text = "Its warrants trade under the new ticker symbols “TRNV” and “TRNV WS,” respectively."
    assert fields(text, "ticker") == ["TRNV", "TRNV WS"]


def test_a_form_4_signed_by_an_attorney_and_its_owner_written_family_name_first(fields):
    text = ("issuerName: Quorvale Aero Corp\nrptOwnerName: Tremblay Maëlle\nrptOwnerCity: MONTREAL\n"
            "transactionDate: 2031-05-02\nsignatureName: /s/ Maëlle Tremblay\nsignatureDate: 2031-05-04\n"
            "rptOwnerName: Okafor Chidi\nsignatureName: /s/ Chidi Okafor by Ingrid Solheim, POA\n")
    assert fields(text, "person", "4") == ["Tremblay Maëlle", "Okafor Chidi", "Ingrid Solheim"]
    assert fields(text, "signatory", "4") == ["Maëlle Tremblay"]
    # a Form 4 typed as text dates its fields with two-digit years
    assert fields("Date of Transaction (Month/Day/Year): 05/08/01\n", "date", "4") == ["05/08/01"]


def test_a_camel_cased_surname_with_a_hyphen(fields):
    text = "For information: Céline LeBlanc-Doucet, Director of Communications, +1 506 555 0199."
    assert fields(text, "person", "press_release") == ["Céline LeBlanc-Doucet"]
