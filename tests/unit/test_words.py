"""Where a drag selection snaps to, and the find / search patterns (gui/words.py, no Qt)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer.gui.words import REACH, find_spans, snap_to_words, term_pattern


def snapped(text: str, start_in: str, end_in: str) -> str:
    """Snap a selection from inside ``start_in`` (after its first character) to inside
    ``end_in`` (before its last character)."""
    first = text.index(start_in)
    start = first + 1
    end = text.index(end_in, first) + len(end_in) - 1
    s, e = snap_to_words(text, start, end)
    return text[s:e]


@pytest.mark.parametrize("text, start_in, end_in, expected", [
    ('incorporated in the Czech Republic ("Tedom")', "Czech", "Republic", "Czech Republic"),
    ("raised $4.3 million.", "$4.3", "$4.3", "$4.3"),
    ("an aggregate of 1,250,000 shares", "1,250,000", "1,250,000", "1,250,000"),
    ("signed by Anne Müller-Bérard, CFO", "Müller", "Bérard", "Müller-Bérard"),
    ("up 12.5% on the year", "12.5%", "12.5%", "12.5%"),
    ("the company's shares", "company's", "company's", "company's"),
    ("on 12/31/2024.", "12/31/2024", "12/31/2024", "12/31/2024"),
    ("Tecogen Inc. announced", "Tecogen", "Inc", "Tecogen Inc"),  # a full stop ends a word
    ("COVID-19 and AT&T", "COVID", "AT&T", "COVID-19 and AT&T"),
])
def test_a_selection_snaps_to_whole_words(text, start_in, end_in, expected):
    assert snapped(text, start_in, end_in) == expected


def test_edges_on_boundaries_and_spaces():
    text = "in the Czech Republic today"
    start, end = text.index("Czech"), text.index("Republic") + len("Republic")
    assert snap_to_words(text, start, end) == (start, end)  # already whole words
    assert snap_to_words(text, start - 1, end + 1) == (start, end)  # the spaces around are dropped
    assert snap_to_words(text, 6, 7) == (6, 7)  # only a space: left as it is
    assert snap_to_words(text, 5, 5) == (5, 5)  # nothing selected


def test_punctuation_outside_words_is_not_taken():
    text = 'the "Company" (as defined)'
    s, e = snap_to_words(text, text.index("Company") + 2, text.index("Company") + 4)
    assert text[s:e] == "Company"
    s, e = snap_to_words(text, text.index("as") + 1, text.index("defined") + 3)
    assert text[s:e] == "as defined"


def test_a_snap_never_crosses_a_line_break():
    text = "first line ends here\nSecond line"
    s, e = snap_to_words(text, text.index("here") + 2, text.index("Second") + 3)
    assert text[s:e] == "here\nSecond"
    s, e = snap_to_words("abc\ndef", 1, 2)
    assert (s, e) == (0, 3)


def test_a_snap_moves_each_edge_at_most_reach_characters():
    word = "x" * 500
    text = f"a {word} b"
    middle = 2 + 250
    s, e = snap_to_words(text, middle, middle + 1)
    assert (middle - s, e - middle - 1) == (REACH, REACH)


@given(st.text(alphabet="ab1 ,.$%-'\n\u00e9\U0001d400", max_size=60), st.data())
def test_snap_properties(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    s, e = snap_to_words(text, start, end)
    assert 0 <= s <= e <= len(text)
    assert abs(s - start) <= REACH and abs(e - end) <= REACH
    inner = text[start:end].strip()
    if inner:
        assert inner in text[s:e]  # the selected words are kept whole
        assert "\n" not in text[s:start] and "\n" not in text[end:e]  # widened on one line only
        assert text[s:e] == text[s:e].strip()
    else:
        assert (s, e) == (start, end)


def test_term_patterns():
    text = "Share and share alike: shares, per-share, SHARE."
    assert len(find_spans(term_pattern(["share"]), text)) == 4  # whole words, any case
    assert len(find_spans(term_pattern(["share"], case_sensitive=True), text)) == 2
    assert len(find_spans(term_pattern(["share"], whole_words=False), text)) == 5
    assert find_spans(term_pattern(["$4.3"]), "raised $4.3 million, not $4.35") == [(7, 11)]
    assert term_pattern([]) is None and find_spans(None, text) == []
    assert term_pattern(["a+b"]).pattern == r"(?<!\w)(?:a\+b)(?!\w)"
    both = find_spans(term_pattern(["share", "share alike"]), text)
    assert (10, 21) in both  # the longer term first
    assert len(find_spans(term_pattern(["share"]), text, limit=2)) == 2
    assert re.compile("x").pattern  # a real pattern type comes back
