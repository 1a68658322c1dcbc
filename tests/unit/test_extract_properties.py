"""Extraction never raises, keeps every span in range and equal to its text, and is deterministic."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.core.extract import default_extractor
from reviewer.core.model import DOC_TYPES

EXTRACTOR = default_extractor()

finance_bits = st.sampled_from([
    "$", "\\$", "4.3", " Million", "212,750", " shares", " per share", "%", " percent", "Dec.", " 3, 2013",
    "Item 1.02", "/s/ ", "Jane Q. Public", "Inc.", " (NYSE: ABC)", "\t", "\n", " ", "(", ")", "@x.com",
    "Ten Million Dollars", "agreement", ", LLC", "9" * 40, "00000000000000000000.5", "781-466-6444",
])
texts = st.one_of(
    st.text(max_size=400),
    st.lists(finance_bits, max_size=60).map("".join),
    st.text(alphabet="0123456789,.$%", max_size=300),
    st.text(alphabet=st.characters(blacklist_categories=("Zs", "Cc")), max_size=300),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(DOC_TYPES))
def test_spans_match_text_and_results_are_deterministic(text, doc_type):
    first = EXTRACTOR.extract(text, doc_type=doc_type)
    for f in first.fields:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.text
        assert 0.0 <= f.confidence <= 1.0
    second = EXTRACTOR.extract(text, doc_type=doc_type)
    assert [(f.label, f.start, f.end, f.value) for f in first.fields] == [
        (f.label, f.start, f.end, f.value) for f in second.fields]
    assert first.checks == second.checks


# the words names are read from: capitals, link words, firms' kinds and endings, people and their titles,
# the words of deals and lists around them (the rules that read names word by word keep state between words)
name_bits = st.sampled_from([
    "Bank", "Trust", "Fund", "Holdings", "Group", "Partners", "Capital", "Media", "Branch", "Company", "Inc.",
    "N.A.", "Ltd.", "SAS", "AG", "S.A.", "LLC", "PLC", "of", "the", "and", "de", "for", "&", "Acme", "Front",
    "Range", "New", "York", "Jane", "Q.", "Roe", "Ann-Marie", "Núñez", "Chief", "Executive", "Officer",
    "President", "Secretary", "Company Secretary", "/s/", "from", "with", "by", "between", "to", "acquired",
    "agreement with", "Agreement", "Plan of Merger", "Amendment No. 1 to", "Guaranty", "(collectively, the “Sellers”)",
    "(the “Bank”)", "“", "”", ",", ".", ";", ":", "\n", "\t", "  ", "-", "–", "ON BEHALF OF THE BOARD", "\"",
    "Investor Contact:", "Media (Australia)", "+61 412 555 010", "ir@acme.com", "$1.20", "per share", "cents",
    "SA", "CHF", "DKK 610-660 million", "Tranche", "1", "2031", "10/21/97", "ASX ANNOUNCEMENT", "PERTH,",
])
_caps = st.lists(st.sampled_from(["Bank", "Trust", "Fund", "Holdings", "Front", "Range", "Acme", "Jane", "Roe",
                                   "Savings", "Group", "Capital", "Banco", "Crédit", "Media", "Company"]),
                 min_size=1, max_size=3).map(" ".join)
_links = st.lists(st.sampled_from(["of", "the", "and", "de", "for", "&"]), max_size=3).map(" ".join)
_endings = st.sampled_from(["", ", N.A.", " Inc.", ", Ltd.", " SAS", " AG", ", S.A.", " LLC", " Company", " Branch"])
# a firm's name as a grammar makes one: capitals, link words, capitals, an ending ("Bank of the Front Range, N.A.")
_firm = st.tuples(_caps, _links, _caps, _endings).map(lambda t: " ".join(p for p in t[:3] if p) + t[3])
name_texts = st.one_of(
    st.lists(name_bits, max_size=80).map(" ".join),
    st.lists(name_bits, max_size=80).map("".join),
    st.lists(st.tuples(st.sampled_from(["from ", "with ", ", ", " and ", ". ", "\n", "by "]), _firm).map("".join),
             max_size=12).map("".join),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name_texts, st.sampled_from(DOC_TYPES))
def test_names_read_word_by_word_never_raise(text, doc_type):
    for f in EXTRACTOR.extract(text, doc_type=doc_type).fields:
        assert text[f.start:f.end] == f.text
