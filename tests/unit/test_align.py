"""The alignment between the stored text and the rendered filing's text (core/align.py)."""

from __future__ import annotations

import random
import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.align import Squeezed, align

WORDS = st.text(alphabet="abcdefghij$.,0123456789", min_size=1, max_size=8)
SPACES = st.sampled_from([" ", "\n", "\t", "  ", "\u00a0", "\n\n", " \ufffc "])


def _squeeze(text: str) -> str:
    return re.sub("[\\s\u00a0\ufffc]+", "", text)


@st.composite
def respaced(draw):
    """A text and the same words with other white space between them (how Qt lays it out)."""
    words = draw(st.lists(WORDS, min_size=1, max_size=60))
    stored = "".join(w + draw(SPACES) for w in words)
    rendered = draw(SPACES) + "".join(w + draw(SPACES) for w in words)
    return stored, rendered


@given(respaced(), st.data())
@settings(max_examples=200, deadline=None)
def test_the_same_words_map_both_ways(pair, data):
    stored, rendered = pair
    alignment = align(stored, rendered)
    assert alignment.coverage() == 1.0
    start = data.draw(st.integers(0, len(stored) - 1))
    end = data.draw(st.integers(start + 1, len(stored)))
    span = alignment.to_rendered(start, end)
    if not _squeeze(stored[start:end]):
        assert span is None  # only white space: nothing to show
        return
    assert span is not None
    assert _squeeze(rendered[span[0]:span[1]]) == _squeeze(stored[start:end])
    back = alignment.to_stored(*span)
    assert back is not None and _squeeze(stored[back[0]:back[1]]) == _squeeze(stored[start:end])


@st.composite
def edited(draw):
    """The rendered text shows words the stored one hides, and the other way round."""
    words = draw(st.lists(WORDS, min_size=5, max_size=80))
    stored, rendered = [], []
    for w in words:
        kind = draw(st.sampled_from(["same"] * 6 + ["only_stored", "only_rendered", "changed"]))
        if kind in ("same", "only_stored"):
            stored.append(w)
        if kind in ("same", "only_rendered"):
            rendered.append(w)
        if kind == "changed":
            stored.append(w)
            rendered.append(w[::-1] + "#")
    return " ".join(stored), "\n".join(rendered)


@given(edited(), st.data())
@settings(max_examples=200, deadline=None)
def test_a_mapped_span_never_lands_on_other_words(pair, data):
    """Either no span, or one whose ends are the same characters and whose squeezed text
    differs by at most a few characters: never other text."""
    stored, rendered = pair
    alignment = align(stored, rendered)
    start = data.draw(st.integers(0, len(stored) - 1))
    end = data.draw(st.integers(start + 1, len(stored)))
    span = alignment.to_rendered(start, end)
    if span is None:
        return
    want, got = _squeeze(stored[start:end]), _squeeze(rendered[span[0]:span[1]])
    assert got[0] == want[0] and got[-1] == want[-1]
    assert abs(len(got) - len(want)) <= max(2, (len(want) - 1) // 20)


def test_words_only_one_side_shows_are_unmapped_and_the_rest_maps():
    stored = "Item 1.01 Entry into an Agreement. The Company signed it on May 5, 2024 with Acme Corp."
    rendered = "Item 1.01\nEntry into an Agreement.\n[logo] Table of Contents\nThe Company signed it on May 5, 2024 with Acme Corp."
    alignment = align(stored, rendered)
    s = stored.index("Acme")
    span = alignment.to_rendered(s, s + len("Acme Corp"))
    assert rendered[span[0]:span[1]] == "Acme Corp"
    hidden = rendered.index("Table")
    assert alignment.to_stored(hidden, hidden + len("Table of Contents")) is None
    # a span whose words differ in the middle is refused, not stretched over other text
    across = alignment.to_stored(rendered.index("Agreement"), rendered.index("signed") + 6)
    assert across is None


def test_squeezed_offsets_round_trip():
    text = "  a b\n\ncd \u00a0e"
    sq = Squeezed(text)
    assert sq.text == "abcde"
    assert [sq.offset(i) for i in range(5)] == [text.index(c) for c in "abcde"]
    assert sq.before(0) == 0 and sq.before(len(text)) == 5 and sq.before(text.index("c")) == 2


def _timed(n: int, seed: int) -> float:
    rng = random.Random(seed)
    words = ["".join(rng.choice("abcdefghijklmnop") for _ in range(rng.randint(2, 9))) for _ in range(n)]
    stored = " ".join(w for w in words if rng.random() > 0.05)
    rendered = "\n".join(w if rng.random() > 0.05 else w.upper() for w in words)
    started = time.perf_counter()
    align(stored, rendered)
    return time.perf_counter() - started


def test_alignment_is_linear_even_with_many_differences():
    """time(2n) / time(n) stays near 2 (quadratic would give 4), best of three runs each."""
    for _ in range(3):
        small = min(_timed(20_000, s) for s in range(3))
        large = min(_timed(40_000, s) for s in range(3))
        if large / small < 2.6:
            return
    raise AssertionError(f"alignment time grew {large / small:.2f}x for twice the text")
