"""Words in the document text, in pure Python (no Qt): where a mouse selection snaps to,
and the patterns the find bar and the search highlights use.

What counts as one word when a drag selection snaps (``snap_to_words``):

- letters and digits of any script, with their combining marks: "Müller", "2024";
- ``' ’ - ‐ ‑ &`` between two of those: "Müller-Bérard", "company's", "AT&T", "COVID-19";
- ``. , / :`` between two digits: "4.3", "1,250,000", "12/31/2024" (a full stop after a word
  ends the word, so "Inc." snaps to "Inc" and "U.S." to "U" "S");
- a currency sign ``$ € £ ¥`` directly before a digit, and ``%`` directly after one: "$4.3", "12.5%".

Whitespace and line breaks are never part of a word, so a snap never crosses a line, and it
never moves an edge by more than ``reach`` characters.
"""

from __future__ import annotations

import re
import unicodedata

REACH = 64  # the most a snap moves either edge, in characters

_WORD_JOINERS = frozenset("'\u2019-\u2010\u2011&")
_NUMBER_JOINERS = frozenset(".,/:")
_BEFORE_NUMBER = frozenset("$\u20ac\u00a3\u00a5")
_AFTER_NUMBER = frozenset("%")


def _is_word(c: str) -> bool:
    return c.isalnum() or (c > "\u02ff" and unicodedata.category(c)[0] == "M")


def _joined(text: str, p: int) -> bool:
    """True when text[p - 1] and text[p] belong to one word (no word boundary at ``p``)."""
    if p <= 0 or p >= len(text):
        return False
    a, b = text[p - 1], text[p]
    if _is_word(a):
        if _is_word(b):
            return True
        if b in _WORD_JOINERS:
            return p + 1 < len(text) and _is_word(text[p + 1])
        if b in _NUMBER_JOINERS:
            return a.isdigit() and p + 1 < len(text) and text[p + 1].isdigit()
        return b in _AFTER_NUMBER and a.isdigit()
    if _is_word(b):
        if a in _WORD_JOINERS:
            return p >= 2 and _is_word(text[p - 2])
        if a in _NUMBER_JOINERS:
            return b.isdigit() and p >= 2 and text[p - 2].isdigit()
        return a in _BEFORE_NUMBER and b.isdigit()
    return False


def snap_to_words(text: str, start: int, end: int, reach: int = REACH) -> tuple[int, int]:
    """The selection [start, end) widened to whole words at both edges.

    Whitespace at either edge is dropped first (a drag that begins on the space before a word
    does not take the space); then an edge that falls inside a word moves out to the word's
    end. Each edge moves by at most ``reach`` characters and only over word characters, so
    the work is bounded whatever the length of the text or of its lines.
    """
    if not 0 <= start < end <= len(text):
        return start, end
    s, e = start, end
    while s < e and s - start < reach and text[s].isspace():
        s += 1
    while e > s and end - e < reach and text[e - 1].isspace():
        e -= 1
    if s >= e:
        return start, end  # only whitespace: leave it as the user made it
    limit = max(0, s - reach)
    while s > limit and _joined(text, s):
        s -= 1
    limit = min(len(text), e + reach)
    while e < limit and _joined(text, e):
        e += 1
    return s, e


def term_pattern(terms: list[str], case_sensitive: bool = False, whole_words: bool = True) -> re.Pattern | None:
    """One regular expression for literal terms (longest first), or None when there is none.

    Whole words means no letter, digit or underscore right before or after the match, which
    also works for terms that begin or end with punctuation ("$4.3").
    """
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    if not words:
        return None
    body = "|".join(re.escape(t) for t in words)
    if whole_words:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    return re.compile(body, 0 if case_sensitive else re.IGNORECASE)


def find_spans(pattern: re.Pattern | None, text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every non-empty match, in order; at most ``limit`` of them."""
    if pattern is None:
        return []
    spans = []
    for m in pattern.finditer(text):
        if m.end() > m.start():
            spans.append((m.start(), m.end()))
            if limit is not None and len(spans) >= limit:
                break
    return spans
