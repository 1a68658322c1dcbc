"""The document type of a document: from the EDGAR header when present, else the text.

Without a header, the text decides. A form's cover ("FORM 8-K" on a line of its own, an
ownership document, 8-K item headings) wins; else a press release is recognised by its shape
as much as by its words: a dateline, a wire credit ("(SOMETHING WIRE)", "/PRNewswire/"),
"For immediate release", an "About <Company>" section, media or investor contacts, a
forward-looking-statements notice, "today announced", an exchange and ticker
("(NASDAQ: ABC)"). Two cues make a release; a form named only in prose ("our Annual Report
on Form 10-K") is the last resort.
"""

from __future__ import annotations

import re

from reviewer.core.extract.datelines import first_dateline, wire_credit

_FORMS = (
    (re.compile(r"^8-K"), "8-K"),
    (re.compile(r"^10-K"), "10-K"),
    (re.compile(r"^10-Q"), "10-Q"),
    (re.compile(r"^4(/A)?$"), "4"),
    (re.compile(r"^EX-99"), "press_release"),
)
# a foreign issuer's report or annual form: "other" when it opens with its cover, else what its text is
_FOREIGN_FORM = re.compile(r"^(?:6-K|20-F|40-F)")
_FOREIGN_COVER = re.compile(r"\bFORM\s+(?:6-K|20-F|40-F)\b|REPORT\s+OF\s+FOREIGN\s+PRIVATE\s+ISSUER", re.I)
_TEXT_FORMS = re.compile(
    r"\bFORM\s+(8-K|10-K|10-Q)\b|(?P<own><ownershipDocument>|documentType:\s*4\b|\bFORM\s+4\b)",
    re.I,
)
# a form's cover: the form's name on a line of its own, or 8-K item headings
_COVER = re.compile(
    r"^[^\S\n]*(?:[*_#]+[^\S\n]*)?FORM[^\S\n]+(?P<form>8-K|10-K|10-Q)(?:/A)?[^\S\n]*(?:[*_]+)?[^\S\n]*$"
    r"|(?P<own><ownershipDocument>|^documentType:\s*4\b)"
    r"|^[^\S\n]*(?P<item>ITEM|Item)[^\S\n]+\d\.\d\d\b",
    re.M,
)
_PRESS_STRONG = re.compile(
    r"\bFOR\s+IMMEDIATE\s+RELEASE\b|\bNEWS\s+RELEASE\b|\bPRESS\s+RELEASE\b|^[^\S\n]*Exhibit\s+99",
    re.I | re.M,
)
_PRESS_CUES = (
    re.compile(r"^[^\S\n]*(?:[*_#]+[^\S\n]*)?(?:About|ABOUT)[^\S\n]+(?:the[^\S\n]+|THE[^\S\n]+)?[A-Z0-9][\w.&'’-]*",
               re.M),
    re.compile(r"\bforward[-\s]looking\s+statements?\b", re.I),
    re.compile(r"^[^\S\n]*(?:[*_#]+[^\S\n]*)?(?:(?:Media|Investor|Investors|Press|Company)(?:\s+Relations)?\s+)?"
               r"Contacts?\b[^\n]{0,3}:?", re.M | re.I),
    re.compile(r"\b(?:today\s+announced|announced\s+today|is\s+(?:pleased|proud|excited)\s+to\s+announce|"
               r"today\s+reported|reported\s+today)\b", re.I),
)
# an exchange and a ticker in the first paragraphs ("(NASDAQ: ABC)", "(OTC PINK:ABCD)", "(TSX-V: ABC)")
EXCHANGE_TICKER = re.compile(
    r"\((?:(?:NASDAQ|Nasdaq)(?:/NMS?)?|NYSE|NYSE\s+American|NYSE\s+MKT|TSX(?:V|-V)?|TSX\s+Venture|"
    r"OTC\w*(?:\s+[A-Z][a-z]*|\s+PINK)?|CSE|AMEX|ASX|LSE|AIM|TASE|Cboe|CBOE|FSE|FRA|XETRA)"
    r"(?:\s+and\s+[A-Z]+)?\s*[:-]\s*(?=[0-9]*[A-Z])[A-Z0-9][A-Z0-9.]{0,5}\b"
)
_ANNOUNCES = re.compile(r"\bannounce[sd]?\b|\breport(?:s|ed)\b[^.\n]{0,40}\bresults\b", re.I)
HEAD = 5000
BODY = 60000


def classify(part: str | None, form_type: str | None, text: str) -> str:
    """One of 8-K, 10-K, 10-Q, press_release, 4, other."""
    for name in (part, form_type if not part else None):
        if name:
            name = name.strip().upper()
            for pattern, doc_type in _FORMS:
                if pattern.search(name):
                    return doc_type
            if _FOREIGN_FORM.search(name) and _FOREIGN_COVER.search(text[:HEAD]):
                return "other"
    head = text[:HEAD]
    cover = _COVER.search(head)
    press = _PRESS_STRONG.search(head)
    if cover and (not press or cover.start() < press.start()):
        if cover.group("own"):
            return "4"
        return cover.group("form").upper() if cover.group("form") else "8-K"
    if press or press_score(text) >= 2:
        return "press_release"
    m = _TEXT_FORMS.search(head)
    if m:
        return "4" if m.group("own") else m.group(1).upper()
    return "other"


def press_score(text: str) -> int:
    """How many signs of a press release the text shows (a dateline or a wire credit counts 2)."""
    score = 0
    if first_dateline(text, HEAD):
        score += 2
    elif wire_credit(text, 0, HEAD):
        score += 2
    body = text[:BODY]
    score += sum(1 for cue in _PRESS_CUES if cue.search(body))
    first = text[:3000]
    if EXCHANGE_TICKER.search(first):
        score += 2
    if _ANNOUNCES.search(first):
        score += 1
    return score
