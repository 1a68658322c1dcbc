"""Inline XBRL facts met while markup is read: the dei facts (ix:nonNumeric elements named
"dei:..."), each with the span of its visible text, or with its text when it is hidden
(in ix:header). The markup parser (html_parser.py) opens and closes them.
"""

from __future__ import annotations

FACT = "ix:nonnumeric"
FACT_TEXT_LIMIT = 1000  # a dei fact is a name, a date, a symbol; longer texts are cut


class Fact:
    """An inline XBRL fact (ix:nonNumeric) while it is read: where its text starts and ends."""

    __slots__ = ("name", "start", "end", "hidden", "parts", "size")

    def __init__(self, name, hidden):
        self.name = name
        self.start = None
        self.end = None
        self.hidden = hidden
        self.parts = []  # the text of a hidden fact, which never reaches the document text
        self.size = 0

    def collect(self, data):
        if self.size < FACT_TEXT_LIMIT:
            self.parts.append(data)
            self.size += len(data)


def drop(stack: list, item) -> None:
    """Remove ``item`` from a stack it is usually on top of (facts close innermost first)."""
    if stack and stack[-1] is item:
        stack.pop()
    elif item in stack:
        stack.remove(item)


def collect_facts(found: list[Fact], length: int, text: str) -> list[dict]:
    """The dei facts of inline XBRL: {name, start, end, text}; start and end are None for a
    hidden fact (in ix:header), whose text is given as its white space collapsed. ``length``
    is the length of the text built before it was trimmed (where a fact left open ends)."""
    facts = []
    for fact in found:
        if fact.start is not None and fact.end is None:
            fact.end = length  # left open at the end of the file
        if fact.hidden:
            value = " ".join("".join(fact.parts).split())[:FACT_TEXT_LIMIT]
            if value:
                facts.append({"name": fact.name, "start": None, "end": None, "text": value})
            continue
        if fact.start is None or fact.end is None:
            continue
        end = min(fact.end, len(text), fact.start + FACT_TEXT_LIMIT)
        if end > fact.start:
            facts.append({"name": fact.name, "start": fact.start, "end": end, "text": text[fact.start:end]})
    return facts
