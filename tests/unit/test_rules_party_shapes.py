"""Counterparties of the shapes met on invented filings and releases: banks named after a place,
two firms joined by "and", brackets and foreign forms inside a name, sponsors, trustees, funds
that take an issue of shares, holders named after "stockholders, including", and what only looks
like a party (a central bank, a regulator's word inside another word, a stage of a project)."""

import pytest

from test_rules_parties import parties


def test_a_partnership_that_invests_is_a_party_and_a_law_firm_is_not(extractor):
    text = ("Vantor Labs Inc. entered into a subscription agreement with Orlan Capital LLP for 100,000 shares. "
            "Quint & Ellery LLP acted as legal counsel to the Company in the subscription.")
    assert parties(extractor, text) == ["Orlan Capital LLP"]

@pytest.mark.parametrize("text, names", [
    ("Vantor Labs Inc. obtained a term loan from Bank of Laurentia and Ostmark Crescent Bank, as joint lead arrangers.",
     ["Bank of Laurentia", "Ostmark Crescent Bank"]),
    ("Vantor Labs Inc. repaid its facility agreement with Harbourline Bank Limited and Ostmark Commonwealth Bank.",
     ["Harbourline Bank Limited", "Ostmark Commonwealth Bank"]),
    ("Vantor Labs Inc. will borrow from The Royal Bank of Ostland under a credit agreement.", ["Royal Bank of Ostland"]),
    ("Vantor Labs Inc. signed a credit agreement with Bank of Ostland, N.A. and Quillon Bank and Trust Company.",
     ["Bank of Ostland, N.A.", "Quillon Bank and Trust Company"]),
])
def test_banks_named_after_a_place_and_two_banks_joined_by_and(extractor, text, names):
    assert parties(extractor, text) == names

@pytest.mark.parametrize("text, names", [
    ("Vantor Labs Inc. signed a subscription agreement with Northfield Strategic Partners and Quillon Climate "
     "Fund, L.P. for the PIPE.", ["Northfield Strategic Partners", "Quillon Climate Fund, L.P."]),
    ("Vantor Labs Inc. signed a credit agreement with Bramwell Credit Partners LP and Oakhaven Capital "
     "Management, L.P., as lenders.", ["Bramwell Credit Partners LP", "Oakhaven Capital Management, L.P."]),
    ("Vantor Labs Inc. signed a loan agreement with Quillon Capital and Management Corp.",
     ["Quillon Capital and Management Corp."]),
    ("Vantor Labs Inc. sold 2,000,000 shares to Orlanstiftelse and Nordmarken Life Science Fund in a placement.",
     ["Nordmarken Life Science Fund"]),
])
def test_two_investors_joined_by_and(extractor, text, names):
    assert parties(extractor, text) == names

def test_an_ending_after_co_is_part_of_the_name(fields):
    text = "The bonds were sold to Quillon Rowe & Co. Incorporated and Orlan Lane & Co. Corporation, as underwriters."
    assert fields(text, "organization") == ["Quillon Rowe & Co. Incorporated", "Orlan Lane & Co. Corporation"]

def test_a_country_in_brackets_inside_a_name(extractor):
    text = ("NEW YORK, May 2, 2031 -- Vantor Labs Inc. (NYSE: VNTR) priced its notes offering. Quillon Securities "
            "LLC and Norrland Bank Securities (USA) Inc. are acting as joint book-running managers for the offering.")
    names = ["Quillon Securities LLC", "Norrland Bank Securities (USA) Inc."]
    assert parties(extractor, text) == names

@pytest.mark.parametrize("name", ["Harcourt-Lyle & Co. LLC", "Globetrek Ventures LLC", "Bureauline Capital Inc."])
def test_a_regulators_word_inside_another_word_is_no_regulator(extractor, name):
    text = f"Vantor Labs Inc. sold notes to investors. {name} acted as exclusive placement agent in the offering."
    assert parties(extractor, text) == [name]

def test_the_trustee_of_an_indenture_is_a_party(extractor):
    text = ("The Notes were issued by Vantor Labs Inc. under an Indenture, dated as of March 14, 2031, among the "
            "Company, its subsidiary guarantors and Quillon Trust Company, National Association, as trustee.")
    assert parties(extractor, text) == ["Quillon Trust Company, National Association"]

@pytest.mark.parametrize("text, name", [
    ("Acquisition of Quillon Therapeutics, Inc.\nOn May 2, 2031, Vantor completed the merger.", "Quillon Therapeutics, Inc."),
    ("In March 2031 and Orlan Biotech, Inc. signed the merger agreement.", "Orlan Biotech, Inc."),
])
def test_a_deal_or_a_year_before_a_name_is_no_part_of_it(fields, text, name):
    assert fields(text, "organization") == [name]

def test_a_statute_is_no_organisation(fields):
    assert fields("Under Section 203 of the Delaware General Corporation Law, the merger needs a vote.",
                  "organization") == []

def test_a_sentence_opening_after_a_rules_name_is_no_organisation(fields):
    text = "Schedules to the agreement are omitted under Item 601 of Regulation S-K. The Company will furnish them."
    assert fields(text, "organization") == []

def test_sellers_listed_by_and_among_with_a_firm_of_german_form(extractor):
    text = ("LONDON, 22 November 2031 -- Vantor Labs plc (AIM: VNTR) today announced that it completed the acquisition "
            "under the Share Purchase "
            "Agreement by and among the Company, "
            "Aurelia Beteiligungs GmbH & Co. KG (“Aurelia”), Dr. Matthias Kühn and Dr. Leonie Brandstätter "
            "(together with Aurelia, the “Sellers”).")
    assert parties(extractor, text) == ["Aurelia Beteiligungs GmbH & Co. KG", "Matthias Kühn", "Leonie Brandstätter"]

def test_an_officers_transition_agreement_names_no_party(extractor):
    text = ("Exhibit No.\tDescription\n10.1\tTransition and Advisory Services Agreement, dated May 2, 2031, by and "
            "between Vantor Labs Inc. and Marguerite O’Sullivan-Leclerc.\n")
    assert parties(extractor, text) == []

def test_the_kind_of_investment_before_the_investor_in_a_headline(extractor):
    text = "Vantor Lithium Closes C$5.0 Million Private Placement Led by Strategic Investment from Quillon Battery Works"
    assert parties(extractor, text) == ["Quillon Battery Works"]

def test_a_currency_after_for_ends_a_name_after_a_deal_word(extractor):
    text = ("STOCKHOLM, May 2, 2031 -- Vantor AB (Nasdaq Stockholm: VNTR B) agreed to the acquisition of Fjordlys "
            "Diagnostics for SEK 450 million.")
    assert not [p for p in parties(extractor, text) if "SEK" in p]

def test_a_two_word_place_in_brackets_a_lower_case_word_and_a_project_stage_are_no_parties(extractor):
    text = ("HONG KONG, 3 March 2031 -- Lumen Harbour Holdings (HKEX: 3169) signed a facility agreement with Quillon "
            "Crown Bank (Hong Kong) Limited for the acquisition, and will buy bitcoin under a purchase agreement "
            "from Stage 1 of the Alta Wind Complex.")
    assert parties(extractor, text) == ["Quillon Crown Bank (Hong Kong) Limited"]

def test_a_blank_check_companys_sponsor_is_a_party_though_it_shares_the_name(extractor):
    text = ("NEW YORK, March 3, 2031 /PRNewswire/ -- Quillon Horizon Acquisition Corp. (NYSE: QHA U) priced its "
            "offering. At the closing, Quillon Horizon Sponsor LLC, the Company’s sponsor, will purchase private "
            "placement warrants for an aggregate purchase price of $7,000,000.")
    assert parties(extractor, text) == ["Quillon Horizon Sponsor LLC"]

def test_an_issue_of_shares_to_a_fund_is_a_deal(extractor):
    text = ("MUMBAI, India, March 3, 2031 /PRNewswire/ -- Vantor Pharma Limited (NSE: VANTORPH) said the Board approved "
            "the issuance of up to 1,25,00,000 equity shares on a preferential basis to Quillon Growth Fund.")
    assert parties(extractor, text) == ["Quillon Growth Fund"]
    assert parties(extractor, "Vantor Labs Inc. issued a press release with Quillon Capital LLC on May 2.") == []

def test_a_central_bank_is_no_party_and_a_lending_bank_of_the_same_form_is(extractor):
    text = ("TBILISI, March 3, 2031 -- Vantor Bank Group PLC (LSE: VNTG) agreed the sale, approved by the National Bank "
            "of Georgia and the Bank of England, with the First National Bank of Lowell Falls and Royal Bank of "
            "Ostland as lenders under a loan agreement.")
    assert parties(extractor, text) == ["First National Bank of Lowell Falls", "Royal Bank of Ostland"]

def test_holders_named_after_stockholders_including(extractor):
    text = ("AUSTIN, Texas, June 12, 2031 (ACCESSWIRE) -- Halvorsen Acquisition Corp. (Nasdaq: HLVR) will combine with "
            "Corvalis. Existing Corvalis stockholders, including Brightwater Ventures and Quillon Industrial Holdings "
            "K.K., will roll 100% of their equity.")
    assert parties(extractor, text)[-2:] == ["Brightwater Ventures", "Quillon Industrial Holdings K.K."]
    text = "The Committee reviews the Annual Report to Stockholders, including the Company’s disclosures, in a merger."
    assert parties(extractor, text) == []


def test_names_in_capitals_with_their_legal_endings_in_capitals(extractor):
    text = ("SPRINGVALE, Ohio, June 30, 2032 -- Vantor Systems, Inc. (NASDAQ: VNTS) said that under an Agreement and Plan "
            "of Merger by and among the Company, QUILLON HOLDINGS CORP. and Quillon Acquisition Corp., the merger "
            "closed. The Company also sold its Ohio division to ORLAN MANUFACTURING COMPANY for $12 million.")
    assert parties(extractor, text) == ["QUILLON HOLDINGS CORP.", "Quillon Acquisition Corp.",
                                        "ORLAN MANUFACTURING COMPANY"]


def test_a_heading_in_capitals_is_no_organisation(fields):
    text = "UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\n\nITEM 2.01 COMPLETION OF ACQUISITION\n"
    assert fields(text, "organization") == []


@pytest.mark.parametrize("text, names", [
    ("Vantor Labs Inc. entered into a credit agreement with Kelston Meridian Bank and Orrin Harbor Capital "
     "Corporation, as co-documentation agents, and Dunmere Prairie Bank and Tessel Valley Bank, N.A., as lenders.",
     ["Kelston Meridian Bank", "Orrin Harbor Capital Corporation", "Dunmere Prairie Bank", "Tessel Valley Bank, N.A."]),
    # (but a bank's name may go on after "and")
    ("Vantor Labs Inc. entered into a credit agreement with Quillon Trust and Savings Bank and Ostmark Citizens "
     "Bank and Trust Company, as lenders.", ["Quillon Trust and Savings Bank", "Ostmark Citizens Bank and Trust Company"]),
])
def test_a_bank_closes_its_name_before_and_opens_another(extractor, text, names):
    assert parties(extractor, text) == names


@pytest.mark.parametrize("text, names", [
    # a seller keeps his title; "and the" opens the trust's own name
    ('Vantor Labs Inc. acquired Delmar Tools, Inc. from Harold J. Quint, President of Delmar, Marguerite '
     'Lindqvist-Ashe and the Quint Family Trust (collectively, the "Sellers").',
     ["Delmar Tools, Inc.", "Harold J. Quint", "Marguerite Lindqvist-Ashe", "Quint Family Trust"]),
    ("Vantor Labs Inc. acquired Sawgrill Data Systems, LLC from its co-founders, Grant Whitby and Celeste Obanya, "
     "under a Membership Interest Purchase Agreement.", ["Sawgrill Data Systems, LLC", "Grant Whitby", "Celeste Obanya"]),
    ("Vantor Labs Inc. closed its placement. Ezekiel Farrowmoor, a mining entrepreneur who has built and sold two "
     "exploration companies in Manitoba, purchased 1,388,889 Shares for C$500,000.", ["Ezekiel Farrowmoor"]),
    ("Vantor Labs Inc. entered into a securities purchase agreement with Dr. Matías Ferreño Echavarne, a Chilean "
     "entrepreneur, for two million shares.", ["Matías Ferreño Echavarne"]),
])
def test_individuals_who_sell_or_buy(extractor, text, names):
    assert parties(extractor, text) == names


def test_a_contact_under_an_investors_label_is_no_investor(extractor):
    text = ("Vantor Labs Inc. announced the sale of its sensor unit to Quillon Systems Inc.\n\n"
            "Media: Corlis Vandemeer (865) 555-0142 | Investors: Anjali Rosenthal-Bapiste (865) 555-0167\n")
    assert parties(extractor, text) == ["Quillon Systems Inc."]


@pytest.mark.parametrize("text, names", [
    ("Quillon Snacks LLC entered into a transition agreement with Grupo Empacadora del Bajón, S.A. de C.V. and with "
     "Transportes Rivano S. de R.L. de C.V. and Banco Mercantil del Oriente, S.A.B. de C.V.",
     ["Grupo Empacadora del Bajón, S.A. de C.V.", "Transportes Rivano S. de R.L. de C.V.",
      "Banco Mercantil del Oriente, S.A.B. de C.V."]),
    ("On June 3, 2002, the Trust acquired Orlan Commons, a 212,400 square foot center in Cary, North Carolina, from "
     "Castelmoor Wexley Associates, a North Carolina general partnership, together with an adjacent 3.2 acre "
     "outparcel from Raymond T. Okonkwe and Evelyn M. Okonkwe.",
     ["Castelmoor Wexley Associates", "Raymond T. Okonkwe", "Evelyn M. Okonkwe"]),
])
def test_mexican_legal_endings_associates_and_sellers_far_after_the_purchase(extractor, text, names):
    assert [n for n in parties(extractor, text) if n != "Orlan Commons"] == names


def test_a_lead_manager_after_a_sentence_and_no_role_alone(extractor):
    text = ("Vantor Labs Inc. closed a private placement under a Placement Agency Agreement. Wattlemoor Securities "
            "Pty Ltd acted as sole lead manager to the Placement. The Company will issue to the Placement Agent "
            "warrants to purchase 189,474 shares.")
    assert parties(extractor, text) == ["Wattlemoor Securities Pty Ltd"]


def test_a_partners_firm_with_a_comma_in_its_name(extractor):
    text = ("Quillon Therapeutics, Inc. entered into an Underwriting Agreement with Hollis, Brandmoor & Co. "
            "Incorporated and Corrow Securities LLC, as representatives of the several underwriters.")
    assert parties(extractor, text) == ["Hollis, Brandmoor & Co. Incorporated", "Corrow Securities LLC"]


def test_the_filer_under_its_former_name_and_an_exchange_are_no_parties(extractor):
    text = ("                    Quillon Therapeutics, Inc.\n"
            "     (Exact name of registrant as specified in its charter)\n\n"
            "                    Desert Orlan Acquisition Corp\n"
            "     (Former name or former address, if changed since last report)\n\n"
            "Item 1.01. On May 2, 2031, Desert Orlan Acquisition Corp and the Company entered into a purchase "
            "agreement with Marrow Capital LLC and repurchased shares on The Stock Exchange of Hong Kong Limited.\n")
    result = extractor.extract(text, doc_type="8-K")
    assert [f.text for f in result.fields if f.label == "counterparty"] == ["Marrow Capital LLC"]


@pytest.mark.parametrize("text, name", [
    # a headline's words before an honorific
    ("# Quillon Aquaculture Announces $1.7 Million Strategic Investment from Aquaculture Pioneer Dr. Matías "
     "Ferreño Echavarne\n\nQuillon Aquaculture Inc. entered into a securities purchase agreement with "
     "Dr. Matías Ferreño Echavarne, a Chilean entrepreneur.", "Matías Ferreño Echavarne"),
    # the kind of a firm before its name in a headline
    ("# Quillon Resource Group Acquires Real Estate Development Company Marrow Vale Inc.\n\n"
     "TULSA, OK - April 2, 2031 (QUILLWIRE) - Quillon Resource Group, Inc. has announced the acquisition of "
     "Marrow Vale Inc., a real estate development company.", "Marrow Vale Inc."),
    # a division the filer owns
    ("# Quillon Green Inc.'s Orlan Holdings Division Acquires the Assets of Marrow Interiors LLC\n\n"
     "TULSA, OK - (QUILLWIRE) - September 24, 2031 - Quillon Green Inc. announced that its Orlan Holdings "
     "Division acquired the assets of Marrow Interiors LLC.", "Marrow Interiors LLC"),
    # a party's short name, and the filer's possessive
    ("On September 26, 2031, the Company entered into a Supply Agreement with Shenzhen Quillong Precision "
     "Components Co., Ltd. (“Quillong”), a contract manufacturer. Under the agreement with Quillong, the "
     "Company’s products will be made in Shenzhen, and the Company’s distributor will buy them.",
     "Shenzhen Quillong Precision Components Co., Ltd."),
])
def test_words_around_a_party_that_are_no_part_or_party_of_their_own(extractor, text, name):
    assert set(parties(extractor, text)) == {name}


def test_sellers_listed_after_a_firm_and_its_alias(extractor):
    text = ("Quillon Royalty Corp. (the “Company”) reports. The Royalty Interests were acquired from Redmoor Draw "
            "Minerals, L.P., a privately held Texas limited "
            "partnership (“Redmoor Draw”), Ngozi A. Umehwa and Rutger van der Heijdel (together with Redmoor Draw, "
            "the “Sellers”), pursuant to a Purchase and Sale Agreement.")
    result = extractor.extract(text, doc_type="8-K")
    assert [f.text for f in result.fields if f.label == "counterparty"] == [
        "Redmoor Draw Minerals, L.P.", "Ngozi A. Umehwa", "Rutger van der Heijdel"]
    assert [f.text for f in result.fields if f.label == "person"] == ["Ngozi A. Umehwa", "Rutger van der Heijdel"]


@pytest.mark.parametrize("text, names", [
    # service firms named as such, an adviser as the subject, a career, a transfer agent
    ("Quillon Energy Inc. acquired the properties from Marrow Gas LLC. Colmoor & Renby Petroleum Consultants, Inc., "
     "the Company's independent reserve engineers, estimated the reserves acquired.", ["Marrow Gas LLC"]),
    ("Quillon Energy Inc. agreed to acquire Redmoor Lane Inc. Pembry Sayles Capital advised Redmoor Lane and the "
     "Sellers in the acquisition.", ["Redmoor Lane Inc."]),
    ("Quillon Bio Inc. named Nate Greenfield CFO. From 1996 to 2004, he held positions in the investment banking "
     "group of Carrowby Denholm Securities LLC, which underwrote offerings.", []),
    ("The plan is administered by the Trust's transfer agent, Northmoor Stock Transfer Company, under an agreement.",
     []),
    # the filer's word opening another name before "and" is no filer
    ("Quillon Holdings Inc. sold its pooling agreement among Quillon Specialty Casualty Company and Quillon Fire and "
     "Marine Insurance Company, each of which was a wholly owned subsidiary of the Company.", []),
])
def test_firms_that_serve_advise_or_employ_are_no_parties(extractor, text, names):
    assert list(dict.fromkeys(parties(extractor, text))) == names


def test_the_rows_of_a_table_of_purchasers(extractor):
    text = ("Quillon Mining Inc. sold the securities to the following Purchasers:\n\n"
            "Purchaser\tShares\tPurchase Price\n"
            "Ridgemoor Digital Opportunities Fund LP\t1,600,000\t$4,549,796\n"
            "Hamid Al-Mansouri\t400,000\t$500,000\n"
            "Total\t2,000,000\t$5,049,796\n\n"
            "Contacts\n\nInvestors\tMedia\nLeonie Brandmoor\tOskar Vill\n")
    assert parties(extractor, text) == ["Ridgemoor Digital Opportunities Fund LP", "Hamid Al-Mansouri"]


@pytest.mark.parametrize("text, names", [
    ("# QRB Bank Group Buys Stake\n\nTBILISI, Georgia, July 1, 2031 – QRB Bank Group PLC (LSE: QRB) agreed to buy a "
     "stake in Olmar Retail LLC, part of QRB Group's growth strategy.",
     ["Olmar Retail LLC"]),
    ("Quillon Pharma Inc. partnered with the Joint Program Executive Office for Chemical Defense and with "
     "Marrow Labs Inc. under a development agreement.", ["Marrow Labs Inc."]),
])
def test_the_filer_under_a_short_form_and_a_government_office(extractor, text, names):
    assert list(dict.fromkeys(parties(extractor, text))) == names


def test_portuguese_links_inside_a_name(extractor):
    text = ("Quillon Energia S.A. will issue debentures placed by Banco Turmaleno S.A. and acquired Linhas de "
            "Transmissão do Vale S.A. under a purchase agreement.")
    assert parties(extractor, text) == ["Banco Turmaleno S.A.", "Linhas de Transmissão do Vale S.A."]


def test_european_legal_endings_close_a_name_before_and(extractor):
    text = ("Quillon Mining Inc. entered into a DIP credit agreement with lenders including Banca Orsolmo SpA and "
            "Valmoray Crédit S.A.S. (collectively, the “DIP Lenders”).")
    assert parties(extractor, text) == ["Banca Orsolmo SpA", "Valmoray Crédit S.A.S."]
