"""People: accented and non-census given names, names beside a title or a speech verb, place
words as surnames, addresses and organisations that only look like names, and one entry per
person under the fullest name written (invented names throughout)."""

import pytest

from reviewer.core.extract.people import fullest_forms
from reviewer.core.extract.base import Candidate


def persons(extractor, text, doc_type="press_release"):
    result = extractor.extract(text, doc_type=doc_type)
    found = [f for f in result.fields if f.label == "person"]
    for f in found:
        assert text[f.start:f.end] == f.text
    return [f.text for f in found]


def test_accented_names(extractor):
    text = "“We are pleased,” said Zoë Müller-Bérard, Chief Executive Officer of Vantor Labs."
    assert persons(extractor, text) == ["Zoë Müller-Bérard"]


def test_accented_signature(extractor):
    text = "SIGNATURES\nVantor Labs Inc.\nBy: /s/ José Núñez\nChief Financial Officer\n"
    assert "José Núñez" in persons(extractor, text, doc_type="8-K")


def test_given_names_outside_the_census_list(extractor):
    text = ("The board appointed Thibault Ravenel to the board. Sigrid Oddvik will join in May. "
            "The team includes Freya Calder and Giles Okonjo.")
    assert persons(extractor, text) == ["Thibault Ravenel", "Sigrid Oddvik", "Freya Calder", "Giles Okonjo"]


@pytest.mark.parametrize("text, name", [
    ("Quorix Amberwell, President of Vantor, said the deal closed.", "Quorix Amberwell"),
    ("Revenue rose. Quorix Amberwell, Chief Financial Officer, noted the margin.", "Quorix Amberwell"),
    ("The board named Quorix Amberwell, Executive Vice President, Operations.", "Quorix Amberwell"),
    ("“It is a milestone,” said Quorix Amberwell.", "Quorix Amberwell"),
    ("Founder Quorix Amberwell led the round.", "Quorix Amberwell"),
    ("Contact:\nQuorix AmberwellPresident & CEOEmail: qa@vantor.com", "Quorix Amberwell"),
    ("Investor RelationsQuorix AmberwellVice President, Investor Relations+1 604 555 0142qa@vantor.com",
     "Quorix Amberwell"),
    ("Dr. Quorix Amberwell, the outgoing CEO of Vantor, joined the board.", "Quorix Amberwell"),
])
def test_unknown_given_names_beside_a_title_or_a_speech_verb(extractor, text, name):
    assert persons(extractor, text) == [name]


@pytest.mark.parametrize("text, name", [
    ("“We are ready,” added Seo-yeon Park, Chief Financial Officer.", "Seo-yeon Park"),  # a street word
    ("Media:\nÉanna Ó Dálaigh\nHead of Communications\n", "Éanna Ó Dálaigh"),  # an Irish particle
])
def test_surnames_of_other_shapes_beside_a_title(extractor, text, name):
    assert persons(extractor, text) == [name]


@pytest.mark.parametrize("text", ["Lindell Medtech Announces CEO Succession", "The call is at 4:00 p.m. Israel Time.",
                                  "Lindell Receives FDA Clearance and Begins U.S. Commercial Launch"])
def test_a_headline_verb_or_a_time_zone_closes_no_name(extractor, text):
    assert persons(extractor, text) == []


@pytest.mark.parametrize("text", [
    "The holding company for The First National Bank of Lowell Falls (“Lowell Falls National”) merged.",
    "She is a Certified Regulatory Compliance Manager and a Certified Public Accountant.",
])
def test_a_defined_term_or_a_professional_designation_is_no_person(extractor, text):
    assert persons(extractor, text, doc_type="8-K") == []


def test_a_seller_with_a_suffix_beside_his_family_trust(extractor):
    text = "The portfolio was acquired from Reginald T. Oyelaran III and the Oyelaran Family Trust, dated May 4, 1998."
    assert persons(extractor, text, doc_type="8-K") == ["Reginald T. Oyelaran III"]


@pytest.mark.parametrize("text", ["Savannah Electric merged into Georgia Power last year.",
                                  "The offices are at 30 Ivan Oakes Jr. Boulevard, N.W., Springvale."])
def test_a_utility_or_a_street_named_like_a_person_is_no_person(extractor, text):
    assert persons(extractor, text, doc_type="8-K") == []


def test_two_initials_run_together_inside_a_name(extractor):
    text = ("“We are ready,” said Anna K.L. Brandt, Director. The U.S. Small Business Administration and "
            "J.P. Quillon lent to Vantor.\nSIGNATURES\nBy: /s/ Joost W.M. Hendriksen\nJoost W.M. Hendriksen\n")
    assert list(dict.fromkeys(persons(extractor, text, doc_type="8-K"))) == ["Anna K.L. Brandt", "Joost W.M. Hendriksen"]


def test_the_employer_after_a_titles_of_is_no_person(extractor):
    text = "Commenting on the deal, Callum J. Ferguson, Chief Executive Officer of Ashby Hartley, said: “Good.”"
    assert persons(extractor, text) == ["Callum J. Ferguson"]


def test_names_beside_a_person_in_a_table_row(extractor):
    text = ("The committees of the Board are as follows:\n\nAudit Committee\tCompensation Committee\n"
            "Thibault Ravenel (Chairperson)\tQuorix Amberwell (Chairperson)\nThibault Ravenel\tZorvan Okafor\n\n"
            "Name\tTitle\tCity\nJane Roe\tChief Financial Officer\tNew York\n")
    assert list(dict.fromkeys(persons(extractor, text, doc_type="8-K"))) == [
        "Thibault Ravenel", "Quorix Amberwell", "Zorvan Okafor", "Jane Roe"]


def test_a_person_of_a_firm_is_no_part_of_the_firms_name(extractor):
    text = ("NEW YORK, May 2, 2031 -- Vantor Inc. (NYSE: VNT) filed for Chapter 11.\n\n"
            "Anand Krishnamurthy of Quillon Restructuring Group was appointed.")
    assert persons(extractor, text) == ["Anand Krishnamurthy"]


def test_a_street_word_after_a_name_is_still_an_address(extractor):
    assert persons(extractor, "Marta Oyelaran of 12 Oak Park, Springfield, sold the land.") == ["Marta Oyelaran"]


def test_a_title_that_opens_the_line_below_a_contact_name(extractor):
    text = "Contacts\n\nVantor Media\nZorvan Okafor\nHead of Communications\n(512) 555-0187\npress@vantor.com\n"
    assert persons(extractor, text) == ["Zorvan Okafor"]


def test_a_name_glued_to_the_contact_label_before_it(extractor):
    text = "Media InquiriesHannah Oyelaran-QuistCommunications Manager604.555.0178media@vantor.com"
    assert persons(extractor, text) == ["Hannah Oyelaran-Quist"]


def test_the_second_of_two_names_on_a_contact_line(extractor):
    text = "Enquiries:\n\nQuillon Capital Markets Limited    +44 (0)20 7946 0311\nHarriet Lowe / Zorvan Okafor\n"
    assert persons(extractor, text) == ["Harriet Lowe", "Zorvan Okafor"]


@pytest.mark.parametrize("text, names", [
    ("Contacts\nInvestor Relations: Zorvan Pettersen-Quist, +1 (408) 555-0193, ir@vantor.com\n"
     "Press: Ysolde Achterwal, press@vantor.com\n", ["Zorvan Pettersen-Quist", "Ysolde Achterwal"]),
    ("For more information: Investor Relations – Femkje Aldewaard, +31 10 555 0148, ir@vantor.com · "
     "Media – Torvald Ilsenk, +31 6 5550 1923", ["Femkje Aldewaard", "Torvald Ilsenk"]),
    ("Contact: Ignatz Belquist | Director, Investor Relations | +1 (302) 555-0158\n", ["Ignatz Belquist"]),
    ("Vantor Media Contact\n\nPalomé Iturwen, Solenval Communications, +1 617-555-0104\n", ["Palomé Iturwen"]),
])
def test_names_of_any_origin_on_a_contact_line_after_its_label(extractor, text, names):
    assert persons(extractor, text) == names


@pytest.mark.parametrize("text", [
    "Media: Vantor Labs Communications Team, +1 (408) 555-0193\n",
    "Investors: the Company's investor relations team, (408) 555-0193\n",
])
def test_a_team_or_a_firm_on_a_contact_line_is_no_person(extractor, text):
    assert persons(extractor, text) == []


@pytest.mark.parametrize("text", [
    "Title of each class      Trading Symbol\nCommon Stock       CVU\n5.625% Junior Subordinated Notes      CVUA\n",
    "Its offices are at 118 North Augusta Crossing, Stanmore, Virginia 24401.",
    "HALIFAX, Nova Scotia – (NewMediaWire) – Vantor Labs Inc. announced a placement.",
    "It serves clinics in the Rocky Mountains and the Vantor Heights area.",
])
def test_a_class_of_notes_a_street_or_a_province_is_no_person(extractor, text):
    assert persons(extractor, text) == []


def test_a_short_form_under_the_nickname_the_full_name_gives(extractor):
    text = ("The Board elected Hollis Vandergrift as Chair. He succeeds Augustin “Gus” Lemarchal, the former Chair. "
            "“Gus Lemarchal guided us,” said Hollis Vandergrift.")
    assert set(persons(extractor, text)) == {"Hollis Vandergrift", "Augustin “Gus” Lemarchal"}


def test_a_nickname_in_quotes_between_the_names_makes_a_person(extractor):
    text = "He succeeds Ambrosius “Bram” Lemarchal, who retired. “Bram Lemarchal guided us,” she said."
    assert set(persons(extractor, text)) == {"Ambrosius “Bram” Lemarchal"}


def test_a_name_written_with_and_without_its_suffix_is_one_person(extractor):
    text = "By: /s/ Thaddeus W. Grangemore Jr.\nName: Thaddeus W. Grangemore Jr.\nThaddeus W. Grangemore signed."
    assert set(persons(extractor, text, "8-K")) == {"Thaddeus W. Grangemore Jr."}
    # (a surname that is also a given name stays in a name of four words and a suffix)
    text = ("The Board appointed Mateus H. Oliveira Sandoval Jr., a director, as Interim Chief Executive Officer. "
            "Mr. Oliveira Sandoval will remain a director.")
    assert set(persons(extractor, text, "8-K")) == {"Mateus H. Oliveira Sandoval Jr."}


def test_a_title_word_that_opens_a_noun_is_no_title(extractor):
    assert persons(extractor, "It sold Quorix Senior Notes to the Marrow Executive Office.") == []


def test_place_word_as_surname(extractor):
    assert persons(extractor, "The board elected Margaret Washington as a director.") == ["Margaret Washington"]


def test_possessive_is_not_part_of_the_name(extractor):
    assert persons(extractor, "Under Brenda Kallor’s leadership the firm grew.") == ["Brenda Kallor"]


@pytest.mark.parametrize("text", [
    "Vantor Labs\n1408 S. Harold Avenue, Tulsa, OK 74119\n",
    "Offices at 200 Dennis Street, Suite 4.",
    "The Chan Wexley Initiative and the Diamond Ridge Water district joined.",
    "Grants went to the Lowell Prize and the Brandon Hotel Group.",
    "Shares of Morgan Kessel & Co. rose.",
    "The move came Through Investment-Grade Senior Notes.",
    "Gordon Blythe served as lead placement agent for the offering.",
    "The office is in Austin, TX 78701.",
])
def test_addresses_organisations_and_agents_are_not_people(extractor, text):
    assert persons(extractor, text) == []


def test_short_form_merged_into_the_fuller_one(extractor):
    text = ("SIGNATURE\n/s/ Harold Quint\nName: Harold J. Quint\nTitle: Chief Executive Officer\n"
            "Harold Quint signed.\n")
    assert set(persons(extractor, text, doc_type="8-K")) == {"Harold J. Quint"}


def _c(value, start):
    return Candidate("person", start, start + len(value), value, 0.7, "test")


def test_nickname_merged_only_when_one_fuller_form_matches():
    merged = fullest_forms([_c("Bob Quint", 0), _c("Robert T. Quint", 20)])
    assert [c.value for c in merged] == ["Robert T. Quint"]
    # two people it could be: both kept
    kept = fullest_forms([_c("Bob Quint", 0), _c("Robert T. Quint", 20), _c("Roberta Quint", 40),
                          _c("Robert A. Quint", 60)])
    assert [c.value for c in kept] == ["Bob Quint", "Robert T. Quint", "Roberta Quint", "Robert A. Quint"]
    # a different first name is another person
    assert len(fullest_forms([_c("Dana Quint", 0), _c("Robert Quint", 20)])) == 2


@pytest.mark.parametrize("name", ["Kei-ichiro (Taro) Nakabe", "Marcus (“Mac”) Oduya", 'Marcus ("Mac") Oduya'])
def test_bracketed_nickname_stays_in_the_name(extractor, name):
    text = f"said {name}, Co-Founder and CEO of Vantor. Mr. Oduya joined in 2019."
    assert persons(extractor, text) == [name]


LINEAR_CASES = {
    "accented names beside titles": (lambda i: "said Zoë Müller-Bérard, Chief Executive Officer. ", "person", "line"),
    "glued name and title": (lambda i: "Quorix AmberwellPresident & CEO ", "person", "line"),
    "names and addresses": (lambda i: "Harold Quint, 1408 S. Harold Avenue, Tulsa, OK 74119. ", "person", "line"),
    "a table row of names": (lambda i: "Thibault Ravenel\tZorvan Okafor\t", "person", "line"),
}


# -- linearity (the method of test_linearity_extract.py: time(2n) / time(n) in one run) ----------
from test_linearity_extract import assert_linear  # noqa: E402


@pytest.mark.parametrize("name", list(LINEAR_CASES))
def test_extraction_time_is_linear(name):
    assert_linear(LINEAR_CASES, name)


def test_fuller_name_printed_under_a_signature():
    from reviewer.core.extract.people import fuller_name_after

    text = "By: /s/ Harold Quint\nName: Harold J. Quint\nTitle: Chief Executive Officer"
    start = text.index("Harold")
    span = fuller_name_after(text, start, start + len("Harold Quint"))
    assert span and text[span[0]:span[1]] == "Harold J. Quint"
    assert fuller_name_after("/s/ Harold Quint\nHarold Quint", 4, 16) is None


@pytest.mark.parametrize("text", ["Sales in Hong Kong rose.", "Offices in Asia Pacific grew.",
                                  "The Irish Minister for Finance spoke."])
def test_places_and_office_holders_titles_are_not_people(extractor, text):
    assert persons(extractor, text) == []


@pytest.mark.parametrize("text", [
    "He served as Senior Vice President, Orbital Flux Innovation from 2019.",
    "the United States Foreign Corrupt Practices Act applies",
])
def test_departments_and_statutes_are_not_people(extractor, text):
    assert persons(extractor, text) == []


def test_the_signatory_is_the_fuller_accented_name_printed_under_the_signature():
    from reviewer.core.extract import default_extractor

    text = ("FORM 8-K\n\nACME WIDGETS INC.\n(Exact name of registrant as specified in its charter)\n\n"
            "SIGNATURES\n\nPursuant to the requirements of the Securities Exchange Act of 1934, the registrant "
            "has duly caused this report to be signed.\n\nACME WIDGETS INC.\n\nBy: /s/ José Núñez\n"
            "José A. Núñez\nChief Financial Officer\n\nDate: March 3, 2024\n")
    fields = default_extractor().extract(text).fields
    signatory = [f for f in fields if f.label == "signatory"]
    assert [f.text for f in signatory] == ["José A. Núñez"]
    assert all(text[f.start:f.end] == f.text for f in signatory)


@pytest.mark.parametrize("byline, name", [
    ("By Tomas Reyes Gazette", "Tomas Reyes"),  # the outlet after the author is not part of the name
    ("By Mary Ellen Carter", "Mary Ellen Carter"),  # a three-word name stays whole
    ("By Jane Ann Roe", "Jane Ann Roe"),
])
def test_byline_author_without_the_outlet(extractor, byline, name):
    text = f"Vantor Labs Reports Record Year\n\n{byline}\n\nVantor Labs Inc. said revenue rose 12%."
    assert persons(extractor, text) == [name]


def test_a_given_name_opening_a_product_name_is_no_person(extractor):
    text = "Vantor Labs Inc. makes the Brain Access System for surgeons, said Dana Quill, its CEO."
    assert "Brain Access" not in persons(extractor, text)


def test_the_longest_numeral_suffix(extractor):
    text = "SIGNATURES\nVantor Labs Inc.\nBy: /s/ R. Quorix Amberwell III\nName: R. Quorix Amberwell III\n"
    assert set(persons(extractor, text, doc_type="8-K")) == {"R. Quorix Amberwell III"}


@pytest.mark.parametrize("text", [
    "Awards are subject to the Vantor Marion Bonus Recoupment Policy, which applies on a restatement.",
    "The grants were made under the Vantor Laura Ellery Incentive Plan in May.",
    "She received the Harold Quint Award for service.",
])
def test_a_name_of_a_policy_plan_or_award_is_no_person(extractor, text):
    assert persons(extractor, text) == []


@pytest.mark.parametrize("text", [
    "Morgan Stanley and Charles Schwab raised their targets after the results.",
    "Harpwell Securities and Raymond James served as financial advisors to the special committee.",
    "Quorix Amberwell served as exclusive financial advisor to Vantor Labs.",
])
def test_firms_that_read_like_people_are_no_persons(extractor, text):
    assert persons(extractor, text) == []


def test_an_apostrophe_name_with_a_hyphenated_second_part(extractor):
    text = "“We are delighted,” said Siobhan O'Marra-Quint, Chief Executive Officer of Vantor Labs."
    assert persons(extractor, text) == ["Siobhan O'Marra-Quint"]


def test_a_name_of_an_event_is_no_person(extractor):
    assert persons(extractor, "Vantor Labs will present at the Grace Amberwell Summit in Springvale.") == []


@pytest.mark.parametrize("block, names", [
    ("Media contacts:\n\nRăzvan Roșu\n\nExternal Communications Manager\n\nPhone: +40712345678\n", ["Răzvan Roșu"]),
    ("Investor contact:\nTeodora Ionescu-Vlad\nHead of Investor Relations Director\n", ["Teodora Ionescu-Vlad"]),
    ("Media contacts:\nOrbitly Systems\nProduct Manager\n", []),
    ("Contact:\nKestrel Road\nOffice Manager\n", []),
])
def test_a_name_above_its_title_line_in_a_contact_block(extractor, block, names):
    assert persons(extractor, block) == names


def test_a_law_named_after_a_first_name_like_word_is_no_person(extractor):
    text = "Vantor began proceedings under the German Corporate Stabilization and Restructuring Act. said Jane Law, CEO."
    assert persons(extractor, text) == ["Jane Law"]


def test_names_listed_with_people_in_prose(extractor):
    text = ("The terms of office of directors Robert E. Lindqvale III, Hollis M. Achebo, Tamsin Okafor-Reyno, "
            "Dmitri A. Volkonov and Beatriz S. Almeida-Cruzo continued after the Annual Meeting. "
            "The Board named Jane Q. Roeland, Non-Executive Chair.")
    assert persons(extractor, text, "8-K") == ["Robert E. Lindqvale III", "Hollis M. Achebo", "Tamsin Okafor-Reyno",
                                               "Dmitri A. Volkonov", "Beatriz S. Almeida-Cruzo", "Jane Q. Roeland"]


def test_who_a_new_officer_succeeds_is_a_person(extractor):
    text = "Ms. Achterwal succeeds Ronan Thistlewick, who is retiring after seven years with the Company."
    assert "Ronan Thistlewick" in persons(extractor, text)


@pytest.mark.parametrize("text, names", [
    ("The results were reviewed by Oksanna Hrytsenkova, P.Geo., an independent qualified person.",
     ["Oksanna Hrytsenkova"]),
    ("Medivant agreed to pay an upfront fee of Two Hundred Fifty Thousand U.S. Dollars (US$250,000).", []),
    ("# Oluwaseun Adebayo-Okafo Joins Quillon Board\n\nCayman Islands\t001-40681\n", ["Oluwaseun Adebayo-Okafo"]),
])
def test_a_professions_letters_a_sum_in_words_and_a_headline_verb(extractor, text, names):
    assert persons(extractor, text) == names


@pytest.mark.parametrize("text, names", [
    ("Results.\n\nCompany Contact: Edith K. Marchwell Director, Corporate Affairs (555) 555-0148\t"
     "Agency Contact: Rachelle Szymonik Harbinmoor Crest Communications (555) 555-0174 r@harbinmoor.com\n",
     ["Edith K. Marchwell", "Rachelle Szymonik"]),
    ("Quillon Labs Inc. reported results.\n\nInvestor Relations: Joaquin Serrano-Vidal Ravensmoor Partners (555) 555-0149\n"
     "Investor inquiries: Nadine Pelleron Bluemoor Investor Relations Inc.\n1-888-555-0127\n",
     ["Joaquin Serrano-Vidal", "Nadine Pelleron"]),
])
def test_a_contacts_name_run_into_the_firm_after_it(extractor, text, names):
    assert persons(extractor, text) == names


@pytest.mark.parametrize("text, name", [
    ("For further information:\nLinne Aaskoval, Head of Communications\nTel: +45 2055 6713\n", "Linne Aaskoval"),
    ("The Board approved the appointment of Meenakshi Raghavan-Iyengar as Chief Operating Officer.",
     "Meenakshi Raghavan-Iyengar"),
])
def test_a_head_of_a_function_and_a_title_after_as(extractor, text, name):
    assert persons(extractor, text) == [name]
