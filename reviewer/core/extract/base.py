"""What every rule shares: the document context and the candidate fields it yields."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


# the bullets of lists: dots, the geometric shapes, arrows, dingbats and the symbol-font
# characters of word processors (U+F0A7, U+F0B7, ...), as filings print them
BULLETS = "·•‣⁃∙◦*\u2190-\u21ff\u25a0-\u25ff\u2600-\u26ff\u2700-\u27bf\uf06c-\uf0fc"
# a list item's marker alone in the first cell: a bullet, "1.", "(a)", "iv)"
_LIST_MARKER = re.compile(rf"[^\S\n]*(?:[{BULLETS}\-–—]|\(?(?:\d{{1,2}}|[a-zA-Z]|[ivxIVX]{{1,4}})[.)])[^\S\n]*")


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
    """A document's text with the lookups rules need, computed once.

    Rules call these once per match, so none of them reads a whole line or sentence per
    call: line and sentence bounds come from sorted offsets built once per document and
    searched with bisect, and facts about a whole line (has a tab, says "in thousands",
    holds a sale verb) are worked out once per line (``per_line``). Extraction then stays
    linear even on one very long line."""

    def __init__(self, text: str, doc_type: str = "other", metadata: dict | None = None):
        self.text = text
        self.doc_type = doc_type
        self.metadata = metadata or {}
        self.found: dict[str, list[Candidate]] = {}
        self._per_line: dict[Any, dict[int, Any]] = {}

    @cached_property
    def line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.text)]

    def line_span(self, pos: int) -> tuple[int, int]:
        starts = self.line_starts
        i = bisect.bisect_right(starts, pos) - 1
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(self.text)
        return starts[i], end

    def per_line(self, key: Any, pos: int, compute) -> Any:
        """``compute(start, end)`` for the line around pos, computed once per line and key."""
        starts = self.line_starts
        i = bisect.bisect_right(starts, pos) - 1
        memo = self._per_line.setdefault(key, {})
        if i not in memo:
            end = starts[i + 1] - 1 if i + 1 < len(starts) else len(self.text)
            memo[i] = compute(starts[i], end)
        return memo[i]

    @cached_property
    def tabs(self) -> list[int]:
        return self.find_all("\t")

    def first_tab(self, start: int, end: int) -> int:
        """The offset of the first tab in text[start:end], or -1."""
        i = bisect.bisect_left(self.tabs, start)
        return self.tabs[i] if i < len(self.tabs) and self.tabs[i] < end else -1

    def in_table_cell(self, pos: int) -> bool:
        """True inside a table row (a line with tab-separated cells), except in a
        first cell that is prose (a caption of six words or more) and in a list item: a
        bullet or a list number, one tab, then the item ("·<tab>The Committee shall…",
        how a list laid out as a two-cell table reads)."""
        s, e = self.line_span(pos)
        first_end = self.first_tab(s, e)
        if first_end < 0:
            return False
        if self.per_line("list item", pos, self._list_item):
            return False
        if pos < first_end and self.per_line("prose first cell", pos, self._prose_first_cell):
            return False
        return True

    def in_table_row(self, pos: int) -> bool:
        """True anywhere in a table row, its first cell too, unless the row is a list item."""
        s, e = self.line_span(pos)
        return self.first_tab(s, e) >= 0 and not self.per_line("list item", pos, self._list_item)

    def _list_item(self, start: int, end: int) -> bool:
        first_end = self.first_tab(start, end)
        return bool(_LIST_MARKER.fullmatch(self.text, start, first_end)) and self.first_tab(first_end + 1, end) < 0

    def _prose_first_cell(self, start: int, end: int) -> bool:
        return len(self.text[start : self.first_tab(start, end)].split()) >= 6

    @cached_property
    def _sentence_stops(self) -> tuple[list[int], list[int]]:
        """Sentence-ending punctuation: (its offsets, the offsets of the next sentence's first
        character), both sorted; a sentence never runs over a line break."""
        text = self.text
        stops, nexts = [], []
        for m in _SENTENCE_STOP.finditer(text):
            if _abbreviation_before(text, m.start()):
                continue
            stops.append(m.start())
            nexts.append(m.end(1))
        return stops, nexts

    def sentence_span(self, pos: int) -> tuple[int, int]:
        """The sentence around pos: bounded by line breaks and by '.', '!', '?' or ';' before
        blanks and a capital (not after an initial or an abbreviation)."""
        s, e = self.line_span(pos)
        stops, nexts = self._sentence_stops
        # the last stop whose next sentence has begun at or before pos, the first stop at or after pos
        i = bisect.bisect_right(nexts, pos) - 1
        left = stops[i] + 1 if i >= 0 and stops[i] >= s else s
        j = bisect.bisect_left(stops, pos)
        right = stops[j] + 1 if j < len(stops) and stops[j] < e else e
        return left, right

    def sentence_has(self, pattern: re.Pattern, pos: int) -> bool:
        """Whether the sentence around pos holds a match of ``pattern`` (the answer of a search
        in the sentence's text, for patterns that match no sentence punctuation), from the
        pattern's matches on the line, found once per line rather than once per call."""
        left, right = self.sentence_span(pos)
        starts, ends = self.per_line(("matches", pattern), pos, lambda s, e: self._match_spans(pattern, s, e))
        i = bisect.bisect_left(starts, left)
        return i < len(starts) and ends[i] <= right

    def _match_spans(self, pattern: re.Pattern, start: int, end: int) -> tuple[list[int], list[int]]:
        starts, ends = [], []
        for m in pattern.finditer(self.text, start, end):
            if m.end() > m.start():
                starts.append(m.start())
                ends.append(m.end())
        return starts, ends

    @cached_property
    def lower(self) -> str:
        lower = self.text.lower()
        if len(lower) != len(self.text):
            # "İ" lower-cases to two characters (the only one that does): read it as "i" so that
            # offsets in the lower-case text stay offsets in the text
            lower = self.text.replace("\u0130", "i").lower()
        return lower

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
        return matches_at(self.text, pattern, anchors, before, after)

    def head(self, n: int = 4000) -> str:
        return self.text[:n]


def matches_at(text: str, pattern: re.Pattern, anchors: list[int], before: int, after: int):
    """DocContext.matches_at over any text (the flattened copy too, which has the same offsets)."""
    seen = -1
    for anchor in anchors:
        m = pattern.search(text, max(0, anchor - before), anchor + after)
        while m and m.end() <= anchor:
            m = pattern.search(text, m.end(), anchor + after)
        if not m or m.start() <= seen or m.start() > anchor:
            continue
        seen = m.start()
        yield m


def finditer_near(pattern: re.Pattern, text: str, anchors, reach: int):
    """``pattern.finditer(text)``, the same matches in the same order, for a pattern that never
    matches empty and whose every match starts at most ``reach`` characters before one of the
    sorted ``anchors`` (a symbol it must hold, found by a cheap literal search): the pattern is
    tried only at those starts rather than scanned over the whole text."""
    pos = 0
    for anchor in anchors:
        p = anchor - reach if anchor - reach > pos else pos
        while p <= anchor:
            m = pattern.match(text, p)
            if m is None:
                p += 1
                continue
            yield m
            pos = p = m.end()


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


# sentence-ending punctuation; group 1 ends where the next sentence begins (on the same line)
_SENTENCE_STOP = re.compile(r"[.!?;](?=([^\S\n]+)[A-Z(\"“])")
_LAST_WORD = re.compile(r"([\w.]*)$")
_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")
_ABBREVIATIONS = frozenset("mr ms mrs dr no inc co corp ltd jr sr st vs u.s messrs".split())


def _abbreviation_before(text: str, pos: int) -> bool:
    """Whether the '.' at pos ends an initial or an abbreviation rather than a sentence."""
    if text[pos] != ".":
        return False
    word = _LAST_WORD.search(text, max(0, pos - 6), pos).group(1)
    # "J.", "J.P.", "N.A.", "Inc.": an initial, initials or an abbreviation
    return (len(word) == 1 and word.isupper()) or bool(_INITIALS.fullmatch(word)) or word.lower() in _ABBREVIATIONS
