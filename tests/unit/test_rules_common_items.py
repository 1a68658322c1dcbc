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


def test_a_bank_of_the_place_with_its_ending(fields):
    # (two link words before a bank's name once stopped the reading with an error)
    text = "Quorvale Inc. has received a commitment from Bank of the High Plains, N.A. The deal closes in May 2031."
    assert "Bank of the High Plains, N.A." in fields(text, "organization")


def test_a_country_in_brackets_inside_a_name(fields):
    text = ("On May 31, 2031, the Registrant acquired the target from Tolland Holdings (U.S.) Inc., a subsidiary of "
            "Tolland Group PLC, pursuant to a Stock Purchase Agreement.")
    assert "Tolland Holdings (U.S.) Inc." in fields(text, "organization")


def test_a_wires_date_code(fields):
    text = "Quorvale Corp.\n    -0-                             11/04/98\n    /CONTACT:  Ann Lee of Quorvale\n"
    assert fields(text, "date", "press_release") == ["11/04/98"]
    # a two-digit year needs a month and a day of two digits each: no fraction or ratio is a date
    assert fields("A ratio of 1/2/3 and a split of 3/4/99 were noted.", "date", "press_release") == []


def test_signers_of_support_agreements_are_parties(fields):
    text = ("On May 2, 2031, Quorvale Inc. (the “Company”) entered into an Agreement and Plan of Merger with Tarn "
            "Parent Inc. Concurrently with the execution of the Merger Agreement, Corbel Fund II, L.P. and Oksana "
            "Verhoeven-Lutz, Ph.D., the Company’s co-founder (collectively, the “Supporting Stockholders”), each "
            "entered into a Support Agreement with Parent.")
    assert "Oksana Verhoeven-Lutz" in fields(text, "counterparty")


@pytest.mark.parametrize("text, prices, money", [
    ("Each share will be converted into the right to receive (i) $17.25 in cash, without interest, and (ii) "
     "0.4120 ordinary shares.", ["$17.25"], []),
    ("Based on the closing price of Tarn Shares on the New York Stock Exchange on May 1, 2031 of $48.12, the "
     "consideration is worth $29.00 per share.", ["$48.12", "$29.00 per share"], []),
    ("Holders receive $31.40 per Quorvale share, and $0.03 per basic and diluted share was earned.",
     ["$31.40 per Quorvale share", "$0.03 per basic and diluted share"], []),
    ("Units sell at C$0.75 per Charity FT Share and C$0.60 per Québec FT Share.",
     ["C$0.75 per Charity FT Share", "C$0.60 per Québec FT Share"], []),
])
def test_prices_of_deals_and_defined_shares(fields, text, prices, money):
    assert fields(text, "per_share_price", "8-K") == prices
    assert fields(text, "money", "8-K") == money


def test_an_amendment_to_a_plan_of_merger_is_named_whole(fields):
    text = ("On May 2, 2031, the Company, Parent and Merger Sub entered into Amendment No. 2 to Agreement and Plan of "
            "Merger (the “Amendment”).")
    assert fields(text, "agreement") == ["Amendment No. 2 to Agreement and Plan of Merger"]


def test_two_lenders_whose_names_open_as_firms_do(fields):
    text = ("Quorvale Inc. agreed to acquire the target. Committed financing has been provided by Landesbank "
            "Nordmark-Elbe and Banco Castellano Mercantil, S.A.")
    assert fields(text, "counterparty") == ["Landesbank Nordmark-Elbe", "Banco Castellano Mercantil, S.A."]


def test_an_exchange_announcement_heading(fields):
    text = ("QUORVALE LITHIUM LIMITED\nABN 12 345 678 901\n\nASX ANNOUNCEMENT                        3 June 2031\n"
            "ASX: QVL\n\nPLACEMENT TO FUND DRILLING\n\nPERTH, Western Australia – Quorvale Lithium Limited (ASX: QVL) "
            "is pleased to announce a placement.")
    assert fields(text, "location", "press_release") == ["PERTH, Western Australia"]
    assert fields(text, "report_date", "press_release") == ["3 June 2031"]
    assert fields(text, "company", "press_release") == ["Quorvale Lithium Limited"]


def test_a_release_signed_for_its_board(fields):
    text = ("Quorvale Gold Corp. drilled 12 holes.\n\nON BEHALF OF THE BOARD OF DIRECTORS\n\nSigned: “Maëlle Tremblay”\n"
            "Maëlle Tremblay, President, CEO and Director\n\nFor further information, please contact:\n")
    assert fields(text, "signatory", "press_release") == ["Maëlle Tremblay"]


def test_a_fiscal_quarter_named_by_its_month_is_no_date(fields):
    text = "Sales rose 9% on the December 2030 quarter, and the mill restarted in December 2030."
    assert fields(text, "date", "press_release") == ["December 2030"]


@pytest.mark.parametrize("label", ["Media – Harbourline Strategic T: +61 491 570 100", "Media (Australia) +61 412 555 010",
                                   "Media & Investor Relations Quay Street Media +61 491 570 111"])
def test_a_contacts_label_after_the_name(fields, label):
    text = f"For further information:\nSaoirse Tennant-Burke {label}\n"
    assert fields(text, "person", "press_release") == ["Saoirse Tennant-Burke"]


@pytest.mark.parametrize("text", [
    # a rule's letter after its hyphen opens no name
    "Schedules have been omitted pursuant to Item 601(b)(2) of Regulation S-K. Tarn Holdings will furnish them.",
    # a title's opening word closes no name
    "Ms. Quist will join the bank as Executive Vice President and North Valley Regional President.",
    # an agency, in the languages contacts are written in
    "Press: Agence Marivaux - +33 6 84 21 57 09",
])
def test_no_person_in_these(fields, text):
    assert fields(text, "person", "press_release") == []


def test_an_exchange_written_in_its_own_language(fields):
    text = "OSLO, May 2, 2031 /PRNewswire/ -- Tarnvik Shipping ASA (Oslo Børs: TRNV) today completed its purchase."
    assert fields(text, "ticker", "press_release") == ["Oslo Børs: TRNV"]


@pytest.mark.parametrize("text, prices", [
    ("If the closing price of the Common Shares on the exchange (the \"CSE\") is equal to or greater than C$0.35 "
     "for ten consecutive trading days, the expiry may be accelerated.", ["C$0.35"]),
    ("The Company issued 2,500,000 options to employees, exercisable at $0.18 each until June 2033.", ["$0.18"]),
    ("Each Finder Warrant is exercisable into one Common Share at a price of C$0.12 until May 2033.", ["C$0.12"]),
])
def test_prices_of_options_and_triggers(fields, text, prices):
    assert fields(text, "per_share_price", "press_release") == prices


def test_an_offerings_finders(fields):
    text = ("VANCOUVER, May 2, 2031 -- Quorvale Cannabis Corp. (CSE: QVC) closed its offering. The finders' fees were "
            "paid to Tamsin Ridge Capital Inc. and Oxbow Lane Securities Ltd., each at arm's length to the Company.")
    assert fields(text, "counterparty", "press_release") == ["Tamsin Ridge Capital Inc", "Oxbow Lane Securities Ltd"]


def test_the_opening_words_of_a_longer_name_are_that_person(fields):
    text = ("The Board appointed Ana Lucía Vargas Quintero as Chief Executive Officer. “Ana Lucía is a proven "
            "operator,” said the chair. Ana Lucía Vargas joined in 2029.")
    assert fields(text, "person") == ["Ana Lucía Vargas Quintero"]
    # (never into a name that goes on with a word no surname is: a trust's)
    text = "Support agreements were signed with Marian T. Holt and the Marian T. Holt Survivor’s Trust."
    assert "Marian T. Holt" in fields(text, "person")


def test_cents_with_a_glued_country_and_dates_with_dots(fields):
    assert fields("Basic earnings per share were HK61.4 cents.", "per_share_price", "press_release") == ["HK61.4 cents"]
    text = "14.10.2031 / 07:30 CET/CEST\nVersion 1.2.2031 of the app and 3.14.2031 are no dates."
    assert fields(text, "date", "press_release") == ["14.10.2031"]


@pytest.mark.parametrize("text", [
    "The drug needs approval from the China Food and Drug Administration.",
    "It runs clinics in the Rocky Mountain and Southwest regions.",
])
def test_bodies_and_places_named_like_people(fields, text):
    assert fields(text, "person", "press_release") == []


def test_the_filers_own_is_no_seller(fields):
    text = ("Quorvale Inc. signed a distribution agreement with Tarn Medical GmbH, which will purchase Products at a "
            "discount of 40% from the Company’s European list prices.")
    assert fields(text, "counterparty") == ["Tarn Medical GmbH"]


@pytest.mark.parametrize("text, prices", [
    ("Book value per share was $41.20 and tangible book value per share (non-GAAP) was $35.08 at June 30, 2031.",
     ["$41.20", "$35.08"]),
    ("Book value per share excluding accumulated\nother comprehensive loss was $57.19.", ["$57.19"]),
    ("The return consisted of the $0.41 of dividends declared per common share and a $0.52 decrease in book value "
     "per common share.", ["$0.41", "$0.52"]),
    ("The board declared $0.4296875 per depositary share on the Series B shares.", ["$0.4296875 per depositary share"]),
])
def test_per_share_figures_of_banks_and_reits(fields, text, prices):
    assert fields(text, "per_share_price", "press_release") == prices


def test_a_fall_in_brackets_and_preferred_series_tickers(extractor, fields):
    text = "Economic return on book value was (2.3)% for the quarter. The Series C Preferred Stock (NYSE: QRVL PrC) trades."
    assert fields(text, "percentage", "press_release") == ["(2.3)%"]
    assert [f.value for f in extractor.extract(text, doc_type="press_release").fields
            if f.label == "percentage"] == ["-0.023"]
    assert fields(text, "ticker", "press_release") == ["NYSE: QRVL PrC"]


def test_the_home_loan_banks_are_no_party(fields):
    text = ("Quorvale Bancorp, Inc. reported results. Borrowings from the Federal Home Loan Bank fell to $120 million, "
            "and the Company agreed to acquire Tarn Valley Bank.")
    assert fields(text, "counterparty", "press_release") == ["Tarn Valley Bank"]


def test_the_sole_remaining_member_of_a_board(fields):
    text = "Following the resignations, Chiamaka Eze-Lindqvist, the sole remaining member of the Board, appointed three."
    assert fields(text, "person") == ["Chiamaka Eze-Lindqvist"]


@pytest.mark.parametrize("text, money, prices", [
    # an exchange rate is money, however many its decimals
    ("Translations were made at the rate of RMB7.1825 to US$1.00, and at NIS 3.702 = US$1.00.",
     ["RMB7.1825", "US$1.00", "NIS 3.702", "US$1.00"], []),
    # a price per share with the same in another currency in brackets
    ("Diluted net income per ADS was RMB2.14 (US$0.29) per diluted ADS, and NIS 0.74 (US$0.20) per diluted share.",
     [], ["RMB2.14", "US$0.29", "NIS 0.74", "US$0.20"]),
    # more currencies' codes, and rupees grouped the Indian way
    ("Revenue was KRW 16.8 billion, the fee INR 2,40,00,000, and NTD 7 million was raised.",
     ["KRW 16.8 billion", "INR 2,40,00,000", "NTD 7 million"], []),
])
def test_amounts_of_issuers_abroad(fields, text, money, prices):
    assert fields(text, "money", "press_release") == money
    assert fields(text, "per_share_price", "press_release") == prices


@pytest.mark.parametrize("text", ["A Hong Kong-based logistics group.", "China Toll Free: 400-120-0539"])
def test_descriptions_and_dial_in_labels_are_no_people(fields, text):
    assert fields(text, "person", "press_release") == []


def test_dial_in_numbers_as_their_countries_write_them(extractor, fields):
    text = ("To join the call, dial:\n\nUnited States Toll Free: +1-855-555-0142\nIsrael:\t04-555-0167\n"
            "India Toll Free: 1800 555 0199\nHong Kong Toll Free: 800 555 013\nPasscode: 7319246\n"
            "Conference ID: 4186722\nAgenda: 10 30 items\n")
    assert fields(text, "phone", "press_release") == ["+1-855-555-0142", "04-555-0167", "1800 555 0199",
                                                      "800 555 013"]
    values = {f.text: f.value for f in extractor.extract(text, doc_type="press_release").fields if f.label == "phone"}
    assert values["04-555-0167"] == "+97245550167"


def test_a_contact_under_a_heading_without_a_colon(fields):
    text = ("Contacts\n\nInvestor Relations\nAnirudh Seshadri\nanirudh.s@quorvale.in\n+91 40 5555 0150\n\n"
            "Media Relations\nLakshmi Raman-Iyer\nmedia@quorvale.in\n")
    assert fields(text, "person", "press_release") == ["Anirudh Seshadri", "Lakshmi Raman-Iyer"]


def test_the_second_of_two_agreements_joined_by_and(fields):
    text = "The Company also entered into its standard director offer letter and indemnification agreement with her."
    assert fields(text, "agreement") == ["director offer letter", "indemnification agreement"]
    # (two kinds of one agreement stay one: no "collaboration agreement" cut from it)
    text = "Quorvale and Tarn today announced an exclusive license and collaboration agreement for Japan."
    assert "collaboration agreement" not in fields(text, "agreement", "press_release")


def test_a_syndicates_agents_and_a_notes_purchasers(fields):
    text = ("Quorvale Inc. (NYSE: QRV) priced its notes offering. Halden Bank ASA, New York Branch and Tarn National "
            "Bank serve as co-syndication agents, and Kiso Trust Bank, Ltd., Lakeview Heritage Bank and Banca Orsini "
            "S.p.A. serve as co-documentation agents. Corbel Adair Securities, LLC and Nordvik Markets Inc. are "
            "serving as dealer managers for the Tender Offer.")
    assert fields(text, "counterparty", "press_release") == [
        "Halden Bank ASA, New York Branch", "Tarn National Bank", "Kiso Trust Bank, Ltd.", "Lakeview Heritage Bank",
        "Banca Orsini S.p.A.", "Corbel Adair Securities, LLC", "Nordvik Markets Inc."]
