"""Agreements and instruments: one name per agreement (singular and plural, tails of longer
names, headings, names opened by a curly quote), distinct amendments kept, and notes,
debentures and warrants (invented names throughout)."""

import pytest



def agreements(extractor, text):
    result = extractor.extract(text, doc_type="press_release")
    found = [f for f in result.fields if f.label == "agreement"]
    for f in found:
        assert text[f.start:f.end] == f.text
    return list(dict.fromkeys(f.text for f in found))


def test_plural_and_singular_are_one_agreement(extractor):
    text = ("The Company entered into employment agreements with two officers. "
            "Each employment agreement runs for three years.")
    assert agreements(extractor, text) == ["employment agreements"]


def test_a_tail_of_a_longer_name_is_the_same_agreement(extractor):
    text = ("Vantor signed an Asset Purchase Agreement with Quillon. Under the Purchase Agreement, "
            "Quillon sells its plant.")
    assert agreements(extractor, text) == ["Asset Purchase Agreement"]


def test_amendments_and_addenda_stay_distinct(extractor):
    text = ("Vantor and Quillon signed a Second Amended and Restated Supply Agreement and an "
            "Addendum to Supply Agreement, which amend the Supply Agreement signed in 2019.")
    assert agreements(extractor, text) == ["Second Amended and Restated Supply Agreement",
                                           "Addendum to Supply Agreement", "Supply Agreement"]


def test_headline_verbs_are_not_part_of_the_name(extractor):
    text = "Vantor Signs Definitive Merger Agreement with Quillon\n\nVantor signed a merger agreement."
    assert agreements(extractor, text)[0] == "Merger Agreement"


def test_curly_quote_opening_a_defined_name(extractor):
    text = "Vantor entered into the “Asset Purchase Agreement” with Quillon."
    assert agreements(extractor, text) == ["Asset Purchase Agreement"]


def test_not_the_terms_of_the_agreement(extractor):
    assert agreements(extractor, "Under the terms of the agreement, Vantor pays $1 million.") == []


@pytest.mark.parametrize("name", [
    "Senior Secured Convertible Promissory Note", "Convertible Notes", "Convertible Debentures",
    "Common Stock Purchase Warrants", "Pre-Funded Warrant", "Promissory Note",
])
def test_instruments(extractor, name):
    assert agreements(extractor, f"Vantor issued a {name} to Quillon on May 2.") == [name]


def test_an_owner_before_the_name_is_not_part_of_it(extractor):
    text = "Vantor’s Supply Agreement with Quillon was renewed; the Partnership's Credit Agreement was amended."
    assert agreements(extractor, text) == ["Supply Agreement", "Credit Agreement"]


def test_notes_named_by_their_rate_and_maturity(extractor):
    text = ("Vantor issued $400 million of its 6.875% Senior Notes due 2036 and its 7.42% Senior Secured Notes due "
            "March 5, 2041 under an indenture with Quillon Trust Company.\n\nTitle of each class\tTrading Symbol\n"
            "1.800% Senior Notes due 2029\tVNT 29\n5.3% Debentures due September 15, 2035 of the Company\tVNT35\n")
    assert agreements(extractor, text) == ["6.875% Senior Notes due 2036", "7.42% Senior Secured Notes due March 5, 2041"]


def test_plain_notes_are_no_instrument_name(extractor):
    assert agreements(extractor, "Vantor issued notes and warrants to Quillon.") == []


def test_letter_of_intent(extractor):
    assert agreements(extractor, "Vantor signed a non-binding Letter of Intent with Quillon.") == ["Letter of Intent"]


@pytest.mark.parametrize("text, names", [
    ("Mr. Roe entered into an offer letter with Vantor, dated May 2, 2031 (the “Offer Letter”).", ["offer letter"]),
    ("Quillon delivered a Commitment Letter to Vantor for a $90 million bridge loan.", ["Commitment Letter"]),
    ("Mr. Roe will enter into the Company’s standard Deed of Indemnification for directors.",
     ["Deed of Indemnification"]),
    ("Vantor mailed a cover letter and a letter to shareholders.", []),
    ("Each new director entered into the Company’s standard form of indemnification agreement.",
     ["indemnification agreement"]),
    ("Vantor Signs $6 Million GPU Compute Agreement With Quillon Networks", ["GPU Compute Agreement"]),
    ("The bonds were issued under the Mortgage and Deed of Trust, dated as of June 1, 1949.",
     ["Mortgage and Deed of Trust"]),
])
def test_letters_deeds_and_agreements_named_by_their_form(extractor, text, names):
    assert agreements(extractor, text) == names


def test_a_name_defined_after_made_and_entered_into_is_kept_beside_a_shorter_alias(extractor):
    text = ("Vantor entered into a Membership Interest Purchase Agreement (the “Purchase Agreement”) with Quillon. "
            "Vantor also entered into a Securities Purchase Agreement, made and entered into as of the 3rd day of "
            "March, 2031 (the “Securities Purchase Agreement”), with Orlan Capital LLC.")
    assert agreements(extractor, text) == ["Membership Interest Purchase Agreement", "Securities Purchase Agreement"]


LINEAR_CASES = {
    "rated notes": (lambda i: "its 6.875% Senior Notes due 2036 and 5% Notes due ", "agreement", "line"),
    "binding letters and deeds": (lambda i: "an offer letter and a Deed of Indemnification Trust ", "agreement", "line"),
    "instruments": (lambda i: "Vantor issued a Convertible Promissory Note and Pre-Funded Warrants. ", "agreement", "line"),
    "letters of intent": (lambda i: "Vantor signed a Letter of Intent. ", "agreement", "line"),
    "curly quoted names": (lambda i: f"the “Asset Purchase Agreement {i}” and a Supply Agreement ", "agreement", "line"),
}


# -- linearity (the method of test_linearity_extract.py: time(2n) / time(n) in one run) ----------
from test_linearity_extract import assert_linear  # noqa: E402


@pytest.mark.parametrize("name", list(LINEAR_CASES))
def test_extraction_time_is_linear(name):
    assert_linear(LINEAR_CASES, name)


def test_variants_of_an_agreement_stay_distinct(extractor):
    text = ("Exhibits: Form of Restricted Stock Unit Award Agreement; Form of CEO Restricted Stock Unit "
            "Award Agreement; 2024 Performance Award Agreement; Performance Award Agreement.")
    assert set(agreements(extractor, text)) == {
        "Restricted Stock Unit Award Agreement", "CEO Restricted Stock Unit Award Agreement",
        "2024 Performance Award Agreement", "Performance Award Agreement"}


@pytest.mark.parametrize("text, names", [
    # a name in lower case refers to the named agreement it ends, even an amended and restated one
    ("Quillon Dairy entered into an Amended and Restated Credit Agreement with its lenders. Risks include its "
     "ability to comply with the covenants in its credit agreement.", ["Amended and Restated Credit Agreement"]),
    ("Quillon Bancorp entered into an Agreement and Plan of Merger with Orlan Financial. Under the terms of the "
     "merger agreement, each share converts.", ["Agreement and Plan of Merger"]),
    # an alias defined after "as amended", and the agreement it amends keeps its name
    ("Quillon Labs entered into Incremental Facility Amendment No. 1 (the “Incremental Amendment”) to its Amended "
     "and Restated Credit Agreement, dated as of March 18, 2031 (as amended prior to the Closing Date, the “Credit "
     "Agreement”). Loans under the Credit Agreement bear interest.",
     ["Incremental Facility Amendment No. 1", "Amended and Restated Credit Agreement"]),
    ('Quillon Radio bought the stations under an Asset Purchase Agreement dated as of February 11, 2031, as amended '
     'by a First Amendment to Asset Purchase Agreement dated as of May 28, 2031 (as amended, the "Purchase '
     'Agreement").', ["Asset Purchase Agreement", "First Amendment to Asset Purchase Agreement"]),
    # two kinds of one agreement
    ("Mr. Roe entered into a transition and advisory agreement (the “Advisory Agreement”) with Quillon Labs.",
     ["transition and advisory agreement"]),
])
def test_references_aliases_and_numbered_amendments(extractor, text, names):
    assert agreements(extractor, text) == names


def test_a_filings_own_amendment_number_is_no_agreement(extractor):
    text = "FORM 8-K/A\n(Amendment No. 1)\n\nThis Amendment No. 1 on Form 8-K/A amends the report of Quillon Labs."
    assert agreements(extractor, text) == []
