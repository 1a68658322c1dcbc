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
