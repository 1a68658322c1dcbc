"""Shapes met in 8-Ks of the commonest items and in offerings, each on invented text: officers
named in headlines and beside "the Company's" title, credit agreements as amended and their
lenders' branches, guaranties, managers of an offering named over a hard wrap, and prices per
share told by what they are the price of."""

import pytest


@pytest.mark.parametrize("text, people", [
    # a headline's verb is no part of a name
    ("   -- Renata Brandvold to Succeed Tomasz Wielgosz as Chief Executive Officer --\n\n"
     "The board met on May 2, 2031.", ["Renata Brandvold", "Tomasz Wielgosz"]),
    ("Harlan Metz Named Chief Financial Officer of Quorvale\n\nThe board met on May 2, 2031.", ["Harlan Metz"]),
    # the title of "the Company's" officer stands beside the name
    # (a surname that is also a street word needs the title beside it)
    ("Ji-woo Park, the Company’s Vice President and Chief Accounting Officer, will remain in office.",
     ["Ji-woo Park"]),
    # counties are places
    ("The bank has 11 offices in Dauphin and Chester Counties and one in Austin County.", []),
])
def test_officers_of_an_eight_k(fields, text, people):
    assert fields(text, "person") == people


@pytest.mark.parametrize("text, agreements", [
    ("The Second Amendment amends the Amended and Restated Credit Agreement dated as of May 1, 2028, among the "
     "Company, the Agent and the lenders party thereto (as previously amended, the \"Credit Agreement\"). "
     "It raises the borrowing base under the Credit Agreement to $90.0 million.",
     ["Amended and Restated Credit Agreement"]),
    # a guaranty named as a contract of its own
    ("The Note is secured under a Security Agreement and guaranteed under a Subsidiary Guaranty, both dated "
     "May 1, 2031. No guaranty of any other debt is given.", ["Security Agreement", "Subsidiary Guaranty"]),
    # a term's length is no part of the name
    ("Component Supply Agreement\nOn May 2, 2031, the Company entered into a long-term component supply agreement "
     "with Tarn Foundry Ltd.", ["Component Supply Agreement"]),
])
def test_credit_agreements_and_guaranties(fields, text, agreements):
    assert fields(text, "agreement") == agreements


def test_a_lender_named_with_its_branch(fields):
    text = ("On May 2, 2031, the Company entered into the Credit Agreement with Orrin Vale Bank, N.A., as "
            "administrative agent, and the lenders party thereto, including Hoshimura Banking Corporation, "
            "Chicago Branch, and Tallis Capital Funding Corp.")
    assert "Hoshimura Banking Corporation, Chicago Branch" in fields(text, "counterparty")
    assert "Hoshimura Banking Corporation, Chicago Branch" in fields(text, "organization")


@pytest.mark.parametrize("text, managers", [
    ("Corvid Lane Securities LLC acted as sole book-running manager. Ellery Hart Capital Markets, LLC is "
     "acting as lead manager for the offering.", ["Corvid Lane Securities LLC", "Ellery Hart Capital Markets, LLC"]),
    # the first name broken over a hard wrap
    ("The Company received net proceeds of approximately $18.2 million. Abernathy Rusk Securities,\n"
     "Inc. and Fenwold Capital, LLC acted as co-managers for the offering.\n",
     ["Abernathy Rusk Securities,\nInc.", "Fenwold Capital, LLC"]),
])
def test_managers_of_an_offering(fields, text, managers):
    opening = "Quorvale Therapeutics, Inc. (Nasdaq: QRVL) today announced the closing of its public offering. "
    assert fields(opening + text, "counterparty", "press_release") == managers


@pytest.mark.parametrize("text, prices, money", [
    ("The combined offering price for each Share and accompanying Common Warrant is $3.10, and for each "
     "Pre-Funded Warrant and accompanying Common Warrant is $3.0999.", ["$3.10", "$3.0999"], []),
    # a price defined as one after the figure
    ("The Conversion Price may not be reduced below $0.40 (the \"Floor Price\"). Each Warrant is exercisable "
     "at $1.15 (the “Exercise Price”). A fee of $2.50 (the \"Fee\") is payable.",
     ["$0.40", "$1.15"], ["$2.50"]),
])
def test_prices_per_share_told_by_what_they_price(fields, text, prices, money):
    assert fields(text, "per_share_price", "press_release") == prices
    assert fields(text, "money", "press_release") == money


@pytest.mark.parametrize("text, people", [
    # titles of other countries' filings and of small firms
    ("The person responsible for arranging this announcement is Carys Pennant-Hughes, Company Secretary.",
     ["Carys Pennant-Hughes"]),
    ("Bálint Kovács, the managing member of Kovács Ventures, is a cousin of the Chief Executive Officer.",
     ["Bálint Kovács"]),
    ("At the closing, Shūhei Morimoto, Representative Director and President of the target, signed a "
     "service agreement.", ["Shūhei Morimoto"]),
    # an auditor's signature is a firm's
    ("In our opinion, the statements present fairly the financial position.\n\n/s/ Maison Pellerin & Associés\n"
     "Nantes, France\n", []),
])
def test_people_of_other_filings(fields, text, people):
    assert fields(text, "person") == people


def test_an_auditors_signature_is_no_signatory(fields):
    text = ("/s/ Orrick Vale LLP\nDenver, Colorado\nMarch 2, 2031\n\nSIGNATURES\n\nBy: /s/ Mirela D. Stanescu\n"
            "Name: Mirela D. Stanescu\nTitle: Chief Financial Officer\n")
    assert fields(text, "signatory") == ["Mirela D. Stanescu"]


def test_sellers_a_person_then_a_firm(fields):
    text = ("On May 2, 2031, Quorvale Inc. acquired all of the shares of the target from Anaïs Roussel-Marchand, "
            "Pierre-Yves Garnier and Holding Garnier Participations SAS (together, the “Sellers”).")
    assert fields(text, "counterparty") == ["Anaïs Roussel-Marchand", "Pierre-Yves Garnier",
                                            "Holding Garnier Participations SAS"]


def test_a_territory_is_no_part_of_a_licensees_name(fields):
    text = ("Quorvale Therapeutics, Inc. reported results.\n\nLicense agreement with Tsurugi Pharma for Japan and "
            "Taiwan brings $15 million upfront. It has a collaboration with the Institute for Renal Science.")
    assert fields(text, "counterparty", "press_release") == ["Tsurugi Pharma", "Institute for Renal Science"]


def test_a_defined_bank_is_no_party_and_a_bank_of_a_place_is_whole(fields):
    text = ("On May 2, 2031, Linden Gap Bancorp, Inc. (the \"Company\") announced that its subsidiary, Linden Gap "
            "Bank (the \"Bank\"), has entered into a Branch Purchase and Assumption Agreement with Harwick Falls Savings Bank of "
            "Tyrone, Pennsylvania, under which Harwick Falls will acquire the Bank's two branch offices.")
    assert fields(text, "counterparty") == ["Harwick Falls Savings Bank of Tyrone"]


@pytest.mark.parametrize("text, prices", [
    ("Basic earnings per share were 31.2 US cents (2030: 27.4 US cents).", ["31.2 US cents", "27.4 US cents"]),
    ("Diluted earnings per share were CHF 6.12 (2030: CHF 5.48), and the board proposes a dividend of CHF 2.85 "
     "per registered share.", ["CHF 6.12", "CHF 5.48", "CHF 2.85 per registered share"]),
    ("We now expect adjusted earnings per diluted share of $3.15 to $3.25, up from the prior range of $3.05 to "
     "$3.20.", ["$3.15", "$3.25", "$3.05", "$3.20"]),
    ("Tangible book value per share* of $41.07 rose 3.1%.", ["$41.07"]),
])
def test_per_share_figures_compared(fields, text, prices):
    assert fields(text, "per_share_price", "press_release") == prices


def test_a_tranches_number_is_no_share_count(fields):
    text = "Settlement of Tranche 1 New Shares\t19 August 2031\nThe Company issued 41,500,000 New Shares."
    assert fields(text, "share_count", "press_release") == ["41,500,000 New Shares"]


def test_a_headline_bullets_verb_opens_no_name(fields):
    text = "Highlights\n  * Received U.S. Food and Drug Administration clearance for the device on June 2, 2031\n"
    assert fields(text, "person", "press_release") == []
