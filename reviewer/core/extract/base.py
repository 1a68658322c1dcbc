"""What every rule shares: the document context and the candidate fields it yields."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


@dataclass
class Candidate:
    label: str
    start: int
    end: int
    value: Any
    confidence: float
    extractor: str
    extra: dict = field(default_factory=dict)


class DocContext:
    """A document's text with the lookups rules need, computed once."""

    def __init__(self, text: str, doc_type: str = "other", metadata: dict | None = None):
        self.text = text
        self.doc_type = doc_type
        self.metadata = metadata or {}
        self.found: dict[str, list[Candidate]] = {}

    @cached_property
    def line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.text)]

    def line_span(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.line_starts, pos) - 1
        start = self.line_starts[i]
        end = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.text)
        return start, end

    def line(self, pos: int) -> str:
        s, e = self.line_span(pos)
        return self.text[s:e]

    def in_table_cell(self, pos: int) -> bool:
        """True inside a table row (a line with tab-separated cells), except in a
        first cell that is prose (a caption of six words or more)."""
        s, e = self.line_span(pos)
        line = self.text[s:e]
        if "\t" not in line:
            return False
        first_end = s + line.index("\t")
        if pos < first_end and len(self.text[s:first_end].split()) >= 6:
            return False
        return True

    def sentence_span(self, pos: int) -> tuple[int, int]:
        """The sentence around pos: bounded by '. ', line breaks and tabs."""
        s, e = self.line_span(pos)
        text = self.text
        left = s
        for stop in _sentence_ends(text, s, pos):
            left = stop + 1
        right = next(_sentence_ends(text, pos, e), e - 1) + 1
        return left, right

    def sentence(self, pos: int) -> str:
        s, e = self.sentence_span(pos)
        return self.text[s:e]

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    def find_all(self, *needles: str, lower: bool = False) -> list[int]:
        """Sorted offsets of every occurrence of the literal needles (str.find is fast)."""
        hay = self.lower if lower else self.text
        out = []
        for needle in needles:
            i = hay.find(needle)
            while i >= 0:
                out.append(i)
                i = hay.find(needle, i + 1)
        out.sort()
        return out

    def matches_at(self, pattern: re.Pattern, anchors: list[int], before: int, after: int):
        """Matches of ``pattern`` that reach one of the ``anchors``, each once, in order:
        a cheap literal search finds the anchors, the pattern runs only around them."""
        text = self.text
        seen = -1
        for anchor in anchors:
            m = pattern.search(text, max(0, anchor - before), anchor + after)
            while m and m.end() <= anchor:
                m = pattern.search(text, m.end(), anchor + after)
            if not m or m.start() <= seen or m.start() > anchor:
                continue
            seen = m.start()
            yield m

    def head(self, n: int = 4000) -> str:
        return self.text[:n]


_WORD = re.compile(r"\S+")


def words_before(text: str, pos: int, limit: int = 10, window: int = 100) -> list[tuple[int, int]]:
    """Up to ``limit`` (start, end) spans of words just before ``pos`` on the same line,
    nearest first, stopping at a tab, a line break or a double space."""
    lo = max(0, pos - window)
    chunk = text[lo:pos]
    spans = [(lo + m.start(), lo + m.end()) for m in _WORD.finditer(chunk)]
    out = []
    right = pos
    for start, end in reversed(spans):
        gap = text[end:right]
        if len(gap) > 1 or (gap and gap != " "):
            break
        out.append((start, end))
        right = start
        if len(out) >= limit:
            break
    return out


_SENTENCE_END = re.compile(r"[.!?;](?=\s+[A-Z(\"“])")
_LAST_WORD = re.compile(r"([\w.]*)$")
_ABBREVIATIONS = frozenset("mr ms mrs dr no inc co corp ltd jr sr st vs u.s messrs".split())


def _sentence_ends(text: str, start: int, end: int):
    """Offsets of sentence-ending punctuation, not counting initials and abbreviations."""
    for m in _SENTENCE_END.finditer(text, start, end):
        if text[m.start()] == ".":
            word = _LAST_WORD.search(text, max(0, m.start() - 6), m.start()).group(1)
            if (len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS:
                continue
        yield m.start()
