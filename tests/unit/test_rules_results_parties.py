"""Parties, people and agreements of results releases and old text filings, each on invented
text: a holding company's bank, subsidiaries named once, classes of stock, sellers named
together, branches, towns and possessives; names cut at a hyphen, place words as surnames,
particles, wrapped initials, ages and contact labels; aliases defined after a date or
together, names defined as themselves, amended agreements and releases."""

import pytest


@pytest.mark.parametrize("text", [
    "(a) See Non-GAAP Financial Measures reconciliation on page 9\n",
    "Read More About-Town Events in the appendix.\n",
])
def test_a_word_cut_at_its_hyphen_is_no_name(fields, text):
    assert fields(text, "person", "press_release") == []


@pytest.mark.parametrize("holding, bank", [
    ("Q.R. Bancorp", "Q.R. Bank"),
    ("Larkmoor Financial Corporation", "Larkmoor Bank, N.A."),
    ("Tessel Bancshares, Inc.", "Tessel National Bank"),
])
def test_the_bank_of_a_holding_company_is_the_filer(fields, holding, bank):
    text = (f"FORM 8-K\n{holding}\n(Exact name of registrant as specified in its charter)\n\nItem 2.01\n"
            f"On June 3, 2031, {bank} completed its acquisition of Quillon Trust Company from Orlan Holdings AG.\n")
    assert fields(text, "counterparty") == ["Quillon Trust Company", "Orlan Holdings AG"]


def test_another_bank_is_still_a_party(fields):
    text = ("FORM 8-K\nQ.R. Bancorp\n(Exact name of registrant as specified in its charter)\n\nItem 2.01\n"
            "On June 3, 2031, the Company completed its acquisition of Q.R. Steel Bank from Orlan Holdings AG.\n")
    assert "Q.R. Steel Bank" in fields(text, "counterparty")


def test_a_party_in_the_possessive_is_named_without_it(fields):
    text = ("SPRINGVALE, Ohio, June 3, 2031 -- Vantor Bancorp (NYSE: VNB) reported results.\n\n"
            "Share buybacks are paused until the pending acquisition of Quillon Union Bank’s regional branch "
            "network closes.")
    assert fields(text, "counterparty", "press_release") == ["Quillon Union Bank"]


@pytest.mark.parametrize("text, name", [
    ("By:\t/S/ MARTIN HOLLIS WEST\nMartin Hollis West Senior Vice President, Corporate Controller\n",
     "Martin Hollis West"),
    ("Hollis West Senior Vice President, said the results held.", "Hollis West"),
])
def test_a_place_word_before_a_title_is_a_surname(fields, text, name):
    assert fields(text, "person") == [name]


COVER = "FORM 8-K\nVANTOR LABS, INC.\n(Exact name of registrant as specified in its charter)\n\nItem 2.01\n"


def test_a_merger_sub_named_as_the_filers_subsidiary_once_is_no_party_anywhere(fields):
    text = (COVER + "On August 12, 2031, pursuant to an Agreement and Plan of Merger by and among Vantor Labs, Inc., "
            "Quillon Corp., a Delaware corporation, and VQ Acquisition, Inc., a Delaware corporation and\nwholly "
            "owned subsidiary of Vantor Labs, the Company acquired Quillon.\n\nUnder the merger agreement among "
            "Vantor Labs, Quillon Corp. and VQ Acquisition, Inc., the Company paid $10 million.\n")
    assert list(dict.fromkeys(fields(text, "counterparty"))) == ["Quillon Corp."]


def test_a_class_of_stock_named_after_a_company_is_no_party(fields):
    text = (COVER + "In the merger each share of Quillon Common Stock and Series A Preferred Stock (together, the "
            "\"Quillon Capital Stock\"), other than shares of Quillon Capital Stock held by dissenters, was "
            "converted into the right to receive 0.5 shares of the Company.\n")
    assert fields(text, "counterparty") == []


def test_aliases_defined_after_a_date_or_together_are_no_agreements_of_their_own(fields):
    text = ("Pursuant to an Investor Rights Agreement, dated as of July 9, 2031\n(the \"Quillon Rights "
            "Agreement\"), the Company agreed to file a registration statement.\n\nThe Merger Agreement and "
            "the Quillon Rights Agreement\n(together with the Merger Agreement, the \"Quillon Agreements\"), "
            "are incorporated by reference. The Quillon Agreements were filed.\n")
    assert list(dict.fromkeys(fields(text, "agreement"))) == ["Investor Rights Agreement", "Merger Agreement"]


def test_a_name_defined_as_itself_is_kept(fields):
    text = ("The Company entered into a Settlement Agreement (the \"Settlement Agreement\") with Orlan "
            "Holdings AG. The Settlement Agreement ends the dispute.\n")
    assert fields(text, "agreement") == ["Settlement Agreement"]


@pytest.mark.parametrize("sentence, name", [
    ("WEG entered into a $400 million credit agreement dated October 16, 2031 with Quillon Bank.", "credit agreement"),
    ("It signed a five-year $1.5 billion revolving credit agreement with Quillon Bank.", "revolving credit agreement"),
])
def test_the_sum_before_an_agreement_is_no_part_of_its_name(fields, sentence, name):
    assert fields(sentence, "agreement") == [name]


def test_an_announced_agreement_is_no_name(fields):
    text = "U.S. Quillon closed on its previously announced agreement to purchase Orlan Asset Management LLC."
    assert fields(text, "agreement", "press_release") == []


def test_the_tail_of_a_partys_name_is_the_same_party(fields):
    text = ("SPRINGVALE, Ohio, June 3, 2031 -- Vantor Bancorp (NYSE: VNB) reported results.\n\n"
            "The Company announced its acquisition of QRX Union Bank in 2031. We look forward to "
            "welcoming Union Bank staff when we close the acquisition.\n")
    assert list(dict.fromkeys(fields(text, "counterparty", "press_release"))) == ["QRX Union Bank"]


def test_the_agreement_amended_is_no_alias_of_the_new_one(fields):
    text = ("On August 2, 2031, the Company entered into a Second Amended and Restated Credit Agreement (the "
            "\"Credit Agreement\") with Bank of Calder, N.A., as administrative agent. The Credit Agreement amends "
            "and restates the Amended and Restated Credit Agreement, dated as of March 15, 2027.\n")
    assert list(dict.fromkeys(fields(text, "agreement"))) == [
        "Second Amended and Restated Credit Agreement", "Amended and Restated Credit Agreement"]


def test_individual_sellers_named_together(fields):
    text = (COVER + "On January 6, 2031, the Company completed its acquisition of all of the issued and outstanding "
            "membership interests of Brightwater Home Care, LLC, a Texas limited liability company "
            "(\"Brightwater\"), from Samuel J. Ackerly and Renata Ackerly (together, the \"Sellers\"), pursuant "
            "to the Membership Interest Purchase Agreement.\n")
    assert fields(text, "counterparty") == ["Brightwater Home Care, LLC", "Samuel J. Ackerly", "Renata Ackerly"]


def test_the_town_after_a_partys_name_is_not_part_of_it(fields):
    text = ("SPRINGVALE, Ohio, June 3, 2031 -- Vantor Labs Inc. (NASDAQ: VNTR) today announced that it has "
            "signed a definitive agreement to acquire Pecos Creamery Company of Midland, Texas.\n")
    assert fields(text, "counterparty", "press_release") == ["Pecos Creamery Company"]


def test_a_title_before_a_firms_name_is_no_part_of_it(fields):
    text = ("EXHIBIT 4.7\nDana Whitcomb Executive Vice President and Treasurer Vantor Financial Group, Inc. "
            "1 Vantor Plaza Providence, Rhode Island 02903\n\nWe agree to furnish copies of the instruments.\n")
    assert fields(text, "company", "10-K") == ["Vantor Financial Group, Inc."]


@pytest.mark.parametrize("name", ["Pieter van der Berg", "Maria de la Cruz"])
def test_two_particles_inside_a_name(fields, name):
    text = f"Following closing, Mr. {name}, Chairman, holds approximately 12.4% of the issued shares."
    assert fields(text, "person", "press_release") == [name]


def test_an_alias_defined_after_a_name_not_listed_is_no_agreement(fields):
    text = ("The Notes were issued under an Indenture, dated as of May 1, 2029 (the \"Base Indenture\"), between "
            "the Company and Quarry Trust Company, N.A., as trustee, as supplemented by the Fourth Supplemental "
            "Indenture, dated as of September 12, 2031 (the \"Supplemental Indenture\" and, together with the "
            "Base Indenture, the \"Indenture\").\n")
    assert "Base Indenture" not in fields(text, "agreement")
    assert "Fourth Supplemental Indenture" in fields(text, "agreement")


def test_a_name_defined_as_itself_after_a_date(fields):
    text = ("Mr. Roe is party to an employment agreement with the Manager, dated January 3, 2031 (the "
            "\"Employment Agreement\"). The Employment Agreement has a two-year term.\n")
    assert list(dict.fromkeys(f.lower() for f in fields(text, "agreement"))) == ["employment agreement"]


def test_a_name_wrapped_after_its_initial_with_a_blank_before_the_break(fields):
    text = ("\"Most of our rivals have followed the same  design for over a decade now, \n"
            "slowly copying the interface we first brought to market,\" said Marten Q. \n"
            "Halvorsen. \"Now the time has come for something new, and where better  than \n"
            "here for this to begin? Who else has consistently led this market since it \n"
            "started with the first tablet, then the phone and the watch? With this \n")
    assert [" ".join(p.split()) for p in fields(text, "person", "press_release")] == ["Marten Q. Halvorsen"]


def test_a_director_named_a_member_of_the_board_is_no_party(fields):
    text = (COVER + "On June 3, 2031, the Company sold 1,000,000 shares to Orlan Holdings AG. Dana Whitcomb, a "
            "member of our Board, is a director of Orlan Holdings AG.\n")
    assert "Dana Whitcomb" not in fields(text, "counterparty")


@pytest.mark.parametrize("sentence, party", [
    ("The Company completed its acquisition of First National Bank of Omaha, Nebraska.", "First National Bank of Omaha"),
    ("The Company agreed to acquire Quillon’s from Orlan Holdings AG.", "Quillon’s"),
])
def test_names_that_keep_their_town_or_possessive(fields, sentence, party):
    assert party in fields(COVER + sentence + "\n", "counterparty")


def test_a_person_and_a_trust_named_together_as_sellers(fields):
    text = (COVER + "On May 19, 2031 the Company acquired all interests of Orrin LLC pursuant to the Purchase "
            "Agreement by and among the Company, Orrin, Wendeline A. Okoro and the Tilbury Family Trust "
            "(collectively, the \"Sellers\").\n")
    assert "Wendeline A. Okoro" in fields(text, "person")
    assert fields(text, "counterparty") == ["Orrin LLC", "Wendeline A. Okoro", "Tilbury Family Trust"]


def test_a_speaker_after_a_quote_about_investors_is_no_investor(fields):
    text = ("SPRINGVALE, Ohio, June 3, 2031 -- Vantor Labs Inc. (NASDAQ: VNTR) today announced a $40 million "
            "private placement.\n\n\"We are grateful for the strong support of this syndicate of leading healthcare "
            "investors,\" said Evander Haskell, M.D., President and Chief Executive Officer of Vantor.\n")
    assert "Evander Haskell" not in fields(text, "counterparty", "press_release")


def test_a_branch_ends_the_name_before_it(fields):
    text = (COVER + "The Company entered into a Credit Agreement with Northbrae Bank, N.A., as administrative "
            "agent, and Ostmark Landesbank AG, New York Branch and Pelham Trust Company, as co-syndication agents.\n")
    assert fields(text, "counterparty") == ["Northbrae Bank, N.A.", "Ostmark Landesbank AG, New York Branch",
                                            "Pelham Trust Company"]


def test_an_agreement_and_general_release_is_one_name(fields):
    text = ("The Company and Mr. Roe entered into a Separation Agreement and General Release, dated August 6, "
            "2031 (the \"Separation Agreement\"). Under the Separation Agreement Mr. Roe receives $180,000.\n")
    assert list(dict.fromkeys(fields(text, "agreement"))) == ["Separation Agreement and General Release"]


def test_bookrunners_named_without_a_verb(label_texts):
    text = ("SPRINGVALE, Ohio, June 3, 2031 -- Vantor Labs Inc. (NASDAQ: VNTR) today announced a placing.\n\n"
            "The placing will be conducted by Barrow Lytton & Co. Limited and Kesterfield Securities LLP as joint "
            "bookrunners, pursuant to a placing agreement.")
    assert label_texts(text, "counterparty", "press_release") == ["Barrow Lytton & Co. Limited",
                                                                  "Kesterfield Securities LLP"]


def test_a_fuller_name_defined_far_before_its_short_form_stays(label_texts):
    text = ("On March 1, 2032, the Company acquired Brightwater Polymer Holdings, LLC from Corvane Partners III, "
            "L.P., pursuant to the Membership Interest Purchase Agreement, dated as of September 22, 2031, by and "
            "among the Company, Brightwater and the Seller (the \"Purchase Agreement\").\n")
    assert label_texts(text, "agreement", "8-K") == ["Membership Interest Purchase Agreement"]


def test_a_state_regulators_office_is_no_party(label_texts):
    text = (COVER + "The merger of Eudell Bank into Vantor Bank was approved by the Kansas Office of the State Bank "
            "Commissioner on June 3, 2031.\n")
    assert "Kansas Office of the State Bank Commissioner" not in label_texts(text, "counterparty", "8-K")


def test_the_names_under_media_and_investor_labels_are_people(label_texts):
    text = ("Contacts\n\nInvestors:\nCaleb Ostrowe\nVantor Labs\n(617) 555-0186\n\nMedia:\nPriya Nakashima-Reyes\n"
            "Bracken Hale Communications\n(617) 555-0121\n")
    assert label_texts(text, "person", "press_release") == ["Caleb Ostrowe", "Priya Nakashima-Reyes"]
