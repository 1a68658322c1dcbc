"""Counterparties: legal endings here and abroad, parties without one, individual sellers and
investors, and what is not a party (the filer under another form of its name, its parent and
subsidiaries, "About" sections, biographies, contact blocks) — invented names throughout."""

import pytest


def parties(extractor, text):
    result = extractor.extract(text, doc_type="press_release")
    found = [f for f in result.fields if f.label == "counterparty"]
    for f in found:
        assert text[f.start:f.end] == f.text
    return [f.text for f in found]


@pytest.mark.parametrize("name", [
    "Brenntal Werke GmbH", "Corvina Industriale S.p.A.", "Vellamo Oyj", "Nordhavn Shipping ASA",
    "Kestrel Mining Pty Ltd", "Rauma Tools AB", "Ostrava Logistics s.r.o.", "Hakuba Trading KK",
    "Delft Polymers B.V.", "Lumen Capital Partners LP", "Quorn Ridge Co., Ltd.", "Marlow Foods PLC",
    "Tessel Systems N.V.", "Aurel Materials SE",
])
def test_legal_endings_are_part_of_the_name(extractor, name):
    text = f"Vantor Labs Inc. entered into a share purchase agreement with {name} on May 2."
    assert parties(extractor, text) == [name]


def test_parties_without_a_legal_ending(extractor):
    text = ("Vantor Labs Inc. closed its seed round. The round was led by Harpwell Ventures, with "
            "participation from Orlan Investments.")
    assert parties(extractor, text) == ["Harpwell Ventures", "Orlan Investments"]


def test_one_party_one_name(extractor):
    text = ("Vantor Labs Inc. agreed to acquire Quillon Robotics Inc. for $5 million. "
            "Under the agreement, Quillon Robotics will become a unit of Vantor.")
    assert parties(extractor, text) == ["Quillon Robotics Inc."]


@pytest.mark.parametrize("text, name", [
    ("Vantor Labs Inc. acquired all of the shares of Quillon from Harold Quint for $2 million.", "Harold Quint"),
    ("The Company sold 100,000 shares to Margaret Ellery in the private placement.", "Margaret Ellery"),
    ("Vantor bought the building; Dana Morrow, the seller, will stay on as a tenant under a lease.", "Dana Morrow"),
])
def test_individual_sellers_and_investors(extractor, text, name):
    assert name in parties(extractor, text)


def test_officers_are_not_parties(extractor):
    text = "The Company sold 100,000 shares to investors, said Harold Quint, Chief Executive Officer."
    assert parties(extractor, text) == []


@pytest.mark.parametrize("text", [
    # the filer under another form of its name
    "Vantor Labs Inc. (\"Vantor\") announced that Vantor Labs Holdings entered into a loan agreement.",
    # its parent
    "Vantor Labs Inc., a wholly owned subsidiary of Orlan Group Holdings Inc., signed a lease.",
    # a biography
    "Ms. Ellery previously served as chief financial officer of Quillon Robotics Inc., where she led its sale.",
    # an investor-relations firm
    "Brightline Advisors LLC provides investor relations services under a consulting agreement.",
    # a division someone heads, also under a shared or plural title
    "The board granted awards to Nell Varga, Co-President and CEO of the Consumer & Retail Bank.",
    "Nell Varga and Omar Ilic, Co-CEOs of the Commercial & Markets Bank, were granted awards.",
    # an adviser of several kinds, after "is serving as"
    "Vantor Labs Inc. signed a merger agreement. Marlowe Ridge Partners is serving as financial and capital "
    "markets advisor to Vantor in the merger.",
    # a regulator cut at "and" after a deal word ("Operating Partnership with")
    "The offering was made under a shelf registration statement filed by Vantor Labs Inc. and its Operating "
    "Partnership with the Securities and Exchange Commission on May 17, 2031.",
    # an investment banker and a restructuring advisor
    "Vantor Labs Inc. obtained DIP financing. Sterling Lane Partners is serving as investment banker and Crossbeam "
    "Restructuring Group is serving as restructuring advisor to the Company in the financing.",
    # the filer's subsidiaries listed after "including", however long the list
    "The loans are guaranteed by the Company’s material domestic subsidiaries, including Vantor Terminal Services "
    "LLC and Vantor Barge Company.",
])
def test_not_counterparties(extractor, text):
    assert parties(extractor, text) == []


def test_about_section_and_contact_block_are_not_parties(extractor):
    text = ("Vantor Labs Inc. signed a supply agreement with Quillon Robotics Inc.\n\n"
            "About Vantor Labs\n\nVantor Labs was founded with funding from Orlan Capital Partners and "
            "sells sensors under license agreements with Delft Polymers B.V.\n\n"
            "Contacts\nMarlow Communications LLC\nir@vantor.com\n")
    assert parties(extractor, text) == ["Quillon Robotics Inc."]


LINEAR_CASES = {
    "international legal endings": (lambda i: "Vantor signed a loan agreement with Brenntal Werke GmbH. Kestrel Pty Ltd sold it a plant. ",
                                    "counterparty", "line"),
    "individual sellers": (lambda i: "Vantor acquired the shares from Harold Quint for cash. ", "counterparty", "line"),
    "investor lists": (lambda i: "a seed round led by Harpwell Capital and OrbitX, with participation from Lumen, QRS. ",
                       "counterparty", "line"),
    "about sections": (lambda i: "About Vantor\nVantor signed a lease with Orlan Group Holdings Inc.\n",
                       "organization", "line"),
    "parties after a deal word": (lambda i: "Vantor agreed to acquire Quillwood Analytics and a stake in Orbitly. ",
                                  "counterparty", "line"),
    "agents by their role": (lambda i: "Vantor sold shares. Harpwell Securities and Orlan, Quint & Co. acted as "
                             "joint placement agents. ", "counterparty", "line"),
    "sellers of what is bought": (lambda i: "Vantor will acquire 61 stores and more land from Kestrel, Orlan Markets "
                                  "and Quint, purchased from ", "counterparty", "line"),
}


# -- linearity (the method of test_linearity_extract.py: time(2n) / time(n) in one run) ----------
from test_linearity_extract import assert_linear  # noqa: E402


@pytest.mark.parametrize("name", list(LINEAR_CASES))
def test_extraction_time_is_linear(name):
    assert_linear(LINEAR_CASES, name)


def test_place_based_is_not_part_of_the_name(extractor):
    text = "Vantor Labs Inc. closed a financing round led by Ohio-based Harpwell Capital."
    assert parties(extractor, text) == ["Harpwell Capital"]


def test_headline_words_are_not_part_of_the_name(extractor):
    text = "Vantor Labs Inc. Signs Merger Agreement With Quillon Robotics Inc.\n"
    assert parties(extractor, text) == ["Quillon Robotics Inc."]



def test_investors_listed_after_a_cue(extractor):
    text = ("Vantor Labs Inc. closed a $4 million seed round led by Harpwell Capital and OrbitX, with "
            "participation from Lumen, QRS, and Side Gate Ventures. The money will fund hiring.")
    assert parties(extractor, text) == ["Harpwell Capital", "OrbitX", "Lumen", "QRS", "Side Gate Ventures"]
    text = ("Vantor Labs Inc. closed its Series A led by Harpwell Ventures. Other firms that joined the round "
            "included Orlan VC, the Brenn Initiative, Dover, Del.-based Marrow HealthTech, QuantaAviv and Harbor Ventures.")
    assert parties(extractor, text) == ["Harpwell Ventures", "Orlan VC", "Brenn Initiative", "Marrow HealthTech",
                                        "QuantaAviv", "Harbor Ventures"]


def test_no_list_without_a_financing(extractor):
    assert parties(extractor, "Vantor Labs is led by a world-class team. It is led by Harpwell Mott.") == []


@pytest.mark.parametrize("text, name", [
    ("About Harpwell Ventures Harpwell Ventures (“Harpwell”) invests in robotics.", "Harpwell Ventures"),
    ("Vantor Labs Inc. agreed to acquire Orlan Systems, a Division of Quillon Holdings Inc. "
     "Quillon Holdings Inc. said the sale closes in June.", "Quillon Holdings Inc."),
    ("Vantor Labs Inc. signed a supply agreement with Marden Titan Investments Titan Investments on May 2.",
     "Titan Investments"),
])
def test_a_name_run_into_its_own_repetition_is_cut_to_one_copy(extractor, text, name):
    """A heading run into its paragraph, or a sentence end hidden by the suffix's full stop:
    the name is found once, never as two copies of itself."""
    found = [f.text for f in extractor.extract(text, doc_type="press_release").fields
             if f.label in ("organization", "counterparty")]
    assert name in found
    assert not [t for t in found if t.count(name) > 1 or f"{name} {name}" in t]


@pytest.mark.parametrize("text, names", [
    ("Vantor Labs Inc. today announced a $9 million Series A round led by Harpwell Ventures, with participation "
     "from Kestrel Science and Technology Agency and Orlan Capital.",
     ["Harpwell Ventures", "Kestrel Science and Technology Agency", "Orlan Capital"]),
    ("Vantor Labs Inc. closed a $4 million seed round with participation from the Northern Health and "
     "Education Council.", ["Northern Health and Education Council"]),
    # "and" between two names stays a list when the first does not end in a domain word
    ("Vantor Labs Inc. closed a $4 million seed round led by Harpwell Ventures and Marden Research Institute.",
     ["Harpwell Ventures", "Marden Research Institute"]),
])
def test_domain_and_domain_institution_is_one_investor(extractor, text, names):
    assert parties(extractor, text) == names


def organisations(extractor, text):
    result = extractor.extract(text, doc_type="press_release")
    found = [f for f in result.fields if f.label == "organization"]
    for f in found:
        assert text[f.start:f.end] == f.text
    return [f.text for f in found]


def test_two_legal_names_joined_by_and_are_two_organisations(extractor):
    text = ("The platform was founded by Quellan Systems N.V and Marbeck Group, and it will be run "
            "by Tarsin Automotive Ltd. and Oxley Mobile Ltd. from next year.")
    assert organisations(extractor, text) == ["Quellan Systems N.V", "Marbeck Group", "Tarsin Automotive Ltd.",
                                              "Oxley Mobile Ltd."]


def test_a_role_before_of_is_not_part_of_the_name(extractor):
    text = ("\u201cWe are pleased,\u201d said Dana Quill, Chairman, Founder, and CEO of Vantor Labs Holdings, Inc. "
            "and its subsidiary Vantor Labs International, Inc.")
    assert organisations(extractor, text) == ["Vantor Labs Holdings, Inc.", "Vantor Labs International, Inc."]


def test_a_kind_of_company_after_a_or_an_is_no_name(extractor):
    text = "Vantor Labs Inc. Announces a Software Company Acquisition and an Investment Group Partnership\n"
    assert organisations(extractor, text) == ["Vantor Labs Inc."]


@pytest.mark.parametrize("heading", ["CAPITAL POSITION", "ABOUT VANTOR LABS HOLDINGS", "ABOUT OUR VERY OWN NEW SENSOR HOLDINGS"])
def test_a_heading_in_capitals_run_into_its_paragraph_is_not_part_of_a_name(extractor, heading):
    text = f"Results were strong.\n\n{heading} Vantor Labs Holdings is a maker of sensors.\n"
    assert organisations(extractor, text) == ["Vantor Labs Holdings"]


def test_a_comma_before_company_in_a_headline_opens_no_name(extractor):
    text = "Vantor Q1 Results: Record Growth, Company Raises Guidance\n\nVantor Labs Inc. reported sales.\n"
    assert organisations(extractor, text) == ["Vantor Labs Inc."]


def test_a_sentence_end_glued_to_a_name_is_not_part_of_it(extractor):
    text = "Results may differ from any forward-looking statement.Vantor AI Limited is a maker of sensors."
    assert organisations(extractor, text) == ["Vantor AI Limited"]


def test_a_title_glued_to_the_firm_in_a_contact_block(extractor):
    text = "Investor Relations:\n\nDana QuillChief Executive OfficerOxley Digital, Inc.https://oxley.example/\n"
    # the stop is glued to the address as well: the name may keep it or not
    assert [name.rstrip(".") for name in organisations(extractor, text)] == ["Oxley Digital, Inc"]


@pytest.mark.parametrize("text, names", [
    # "previously announced" is a deal, not a biography
    ("Vantor Labs Inc. today completed its previously announced acquisition of Quillon Robotics GmbH.",
     ["Quillon Robotics GmbH"]),
    # a party opening a sentence is judged by its own sentence; initials do not end one
    ("Vantor Labs Inc. sold 100,000 shares. H.L. Harpwell Securities LLC and Orlan Partners LLC acted as "
     "joint book-running managers.", ["H.L. Harpwell Securities LLC", "Orlan Partners LLC"]),
    # a bank named "of" a place, and a national association
    ("Vantor Labs Inc. entered into a credit agreement with Bank of Westmarch, N.A., as agent, and "
     "Lindell Bank, National Association, as lender.", ["Bank of Westmarch, N.A.", "Lindell Bank, National Association"]),
])
def test_parties_in_common_deal_sentences(extractor, text, names):
    assert parties(extractor, text) == names


def test_a_sentence_begins_at_its_first_letter():
    from reviewer.core.extract.base import DocContext
    text = "The sale closed. Orlan Partners LLC acted as adviser."
    ctx = DocContext(text)
    start = text.index("Orlan")
    assert text[slice(*ctx.sentence_span(start))].strip() == "Orlan Partners LLC acted as adviser."


def test_an_investor_relations_contact_is_no_party(extractor):
    text = ("Vantor Labs Inc. sold 100,000 shares to investors.\n\nContacts: Investor Relations, Quorix "
            "Amberwell, (212) 555-0100, qa@vantor.com\n")
    assert parties(extractor, text) == []


@pytest.mark.parametrize("text, names", [
    ("Vantor Labs Inc. sold $65 million of notes. Harpwell Securities served as lead placement agent, with "
     "Orlan Partners and Lindell, Quint & Moss, A Harpwell Company serving as co-placement agents.",
     ["Harpwell Securities", "Orlan Partners", "Lindell, Quint & Moss, A Harpwell Company"]),
    ("Vantor Labs Inc. closed its round with Kestrel Capital Co., Ltd. and Orlan Ventures Inc. Harpwell "
     "Securities LLC acted as the placement agent.", ["Kestrel Capital Co., Ltd.", "Orlan Ventures Inc.",
                                                       "Harpwell Securities LLC"]),
    ("Vantor Labs Inc. sold shares through Quillwood, acting as sales agent. Also, Lindell Markets will act as "
     "sole bookrunner.", ["Quillwood", "Lindell Markets"]),
    ("Vantor Labs Inc. may sell shares through the Sales Agent acting as sales agent.", []),
    ("Vantor Labs Inc. sold shares in a program managed by Quillwood Securities LLC, which served as sales "
     "agent. Lindell Markets, who acted as underwriter, was paid in cash.",
     ["Quillwood Securities LLC", "Lindell Markets"]),
])
def test_agents_named_by_their_role(extractor, text, names):
    assert parties(extractor, text) == names


COVER = "FORM 8-K\nVANTOR LABS, INC.\n(Exact name of registrant as specified in its charter)\n\nItem 2.01\n"


@pytest.mark.parametrize("text, names", [
    # a subsidiary named earlier in the sentence leaves the target and the seller parties
    ("On June 3, 2031, Vantor Labs, Inc., through its wholly owned subsidiary Vantor Europe GmbH, acquired all "
     "of the shares of Quillon Robotics GmbH from Orlan Holdings AG.", ["Quillon Robotics GmbH", "Orlan Holdings AG"]),
    ("On June 3, 2031, the Company sold its subsidiary, Vantor Services LLC, to Quarry Point Capital, L.P.",
     ["Quarry Point Capital, L.P."]),
    # the filer's subsidiary named before the phrase that says so
    ("On June 3, 2031, VLI Acquisition Sub, Inc., a wholly-owned subsidiary of the Company, merged with and into "
     "Quillon Robotics, Inc.", ["Quillon Robotics, Inc."]),
    # advisers are not parties
    ("The Company was advised by Lindell & Moss LLP as legal counsel and by Harpwell Securities LLC as financial "
     "advisor in the sale to Orlan Industries, Inc.", ["Orlan Industries, Inc."]),
])
def test_subsidiaries_and_advisers_beside_the_parties(extractor, text, names):
    result = extractor.extract(COVER + text, doc_type="8-K")
    assert [f.text for f in result.fields if f.label == "counterparty"] == names


RELEASE_HEAD = ("# Vantor Labs Announces a Deal\n\nSPRINGVALE, Ohio, June 3, 2031 /PRNewswire/ -- Vantor Labs Inc. "
                "(NASDAQ: VNTR) today announced ")


@pytest.mark.parametrize("sentence, names", [
    ("the acquisition of Quillwood, a maker of industrial sensors, for $12 million in cash.", ["Quillwood"]),
    ("that it has entered into a strategic partnership with Orbitly to sell its platform.", ["Orbitly"]),
    ("that it has signed a definitive agreement to acquire Brightmoor Analytics for $40 million.",
     ["Brightmoor Analytics"]),
    ("a $5 million strategic investment from Lumenfield, the venture arm of a bank.", ["Lumenfield"]),
    ("that it has agreed to merge with Dunmore Therapeutics in an all-stock deal.", ["Dunmore Therapeutics"]),
    ("a collaboration with the Harlow Clinic and a supply agreement with Nasdaq.", ["Harlow Clinic"]),
    ("the completed acquisition of Quarry Systems of South Carolina for cash.", ["Quarry Systems of South Carolina"]),
    ("a majority stake in Kestrel Bio Uzbekistan from its founders.", ["Kestrel Bio Uzbekistan"]),
])
def test_parties_named_after_a_deal_without_a_legal_ending(extractor, sentence, names):
    text = RELEASE_HEAD + sentence + "\n\nAbout Vantor Labs\nVantor Labs makes sensors.\n"
    assert parties(extractor, text) == names


@pytest.mark.parametrize("sentence", [
    "the acquisition of Series A Preferred Stock by its holders.",
    "that it recorded the costs as acquired IPR&D and milestones expense.",
    "that payments by the Manager under its agreement with the Manager continue.",
    "the acquisition of AI-powered tools for its platform.",
    "an agreement with ABC to license its brand.",
])
def test_what_follows_a_deal_word_and_is_no_party(extractor, sentence):
    text = RELEASE_HEAD + sentence + "\n\nAbout Vantor Labs\nVantor Labs makes sensors.\n"
    assert parties(extractor, text) == []


def test_a_headline_names_no_party_by_a_deal_word(extractor):
    text = ("# Vantor Labs Acquires Majority Stake In Kestrel Bio To Expand Its Reach\n\n"
            "Vantor Labs Inc. (NASDAQ: VNTR) today closed a financing.\n")
    assert parties(extractor, text) == []


@pytest.mark.parametrize("text", [
    "Vantor Labs Inc. signed a loan agreement. Vantor was advised by Harpwell Securities LLC and Orlan, Quint & "
    "Moss LLP (Legal).",
    "Vantor Labs Inc. acquired the assets of a rival.\n\nCertified Adviser:\n\nHarpwell Investment Bank AB (publ.)\n",
    "Vantor Labs Inc. sold 100,000 shares to investors.\n\nInvestor Contact, Quorix Amberwell, (212) 555-0100\n",
])
def test_advisers_and_contacts_are_not_parties(extractor, text):
    assert parties(extractor, text) == []


@pytest.mark.parametrize("text, names", [
    ("Vantor Labs Inc. agreed to acquire 61 stores from Kestrel and Orlan Markets for $620 million in cash.",
     ["Kestrel", "Orlan Markets"]),
    ("Vantor Labs Inc. purchased the assets of the plant from Quillwood for $5 million.", ["Quillwood"]),
    ("Vantor Labs Inc. bought back shares from time to time in the open market.", []),
    ("Vantor Labs Inc. has acquired from January 2024 a stake in the venture.", []),
])
def test_the_sellers_of_what_is_bought(extractor, text, names):
    assert parties(extractor, text) == names
