"""People in contact blocks: where a name stands beside a contact's label, a title line or a
second name rather than a title in prose ("Investors: Jane Roe, +1 ...", "Media Contact" /
"Jane Roe, Acme PR, +1 ...", "Jane Roe" / "Head of Communications", "Jane Roe / Omar Ilic")."""

from __future__ import annotations

import re

from reviewer.core.extract.people_forms import LO, UP
from reviewer.core.extract.people_titles import TITLE_ALONE


def contact_beside(before: str, after: str) -> bool:
    """Whether the text ``before`` and ``after`` a name place it in a contact block."""
    # a contact block: the name on a line of its own, a title on the line below ("Jane Roe" /
    # "External Communications Manager")
    below = _TITLE_LINE_BELOW.match(after)
    if below and (not before or before.endswith("\n")) and below.group("last").lower() in TITLE_ALONE:
        return True
    if (not before or before.endswith("\n")) and _TITLE_OPENS_LINE_BELOW.match(after):
        return True  # ("Jane Roe" / "Head of Communications")
    # the second of two names on a contact line ("Jane Roe / Omar Ilic")
    if _PAIR_BEFORE.search(before):
        return True
    # a contact entry on one line: the label, the name, then a separator ("Investors: Jane Roe, +1 ...",
    # "Media – Jane Roe | Head of Communications"), or the name alone after a label line
    if (_CONTACT_ENTRY_BEFORE.search(before) or _CONTACT_HEADING_BEFORE.search(before)) \
            and _CONTACT_ENTRY_AFTER.match(after):
        return True  # (or under a heading of its own: "Media Contact" / "Jane Roe, Acme PR, +1 ...")
    return bool(_CONTACT_LABEL_BEFORE.search(before) and (not after or after.startswith("\n")))


def before_label(text: str, start: int, end: int) -> int:
    """Where a name run text[start:end] ends before a contact's label it took in ("Jane Roe Media
    (Australia) +61 …", "Jane Roe Media – Harbour PR"), else ``end``."""
    label = _MEDIA_TAIL.search(text, start, end)
    return label.start() if label and _MEDIA_LABEL.match(text, label.start() + 1) else end


def label_at(text: str, pos: int) -> bool:
    """Whether a contact's label opens at text[pos] ("Media – Harbour PR", "Media (Australia)")."""
    return bool(_MEDIA_LABEL.match(text, pos))


def after_contact_label(before: str) -> bool:
    """Whether a contact's label ends the text before a name on its line ("Investor Relations: ")."""
    return bool(_CONTACT_ENTRY_BEFORE.search(before))


_MEDIA_TAIL = re.compile(r"(?<=[a-z])[ ]Media(?:[ ]\([A-Z][\w ]{1,30}\))?$")
_MEDIA_LABEL = re.compile(r"Media[ ](?:&|and)[ ]Investor[ ]Relations\b"
                          r"|Media(?:[ ]Relations)?[ ]*(?:\([A-Z][\w ]{1,30}\)|[–—-][ ]|\+|T:|Tel)")
_PAIR_BEFORE = re.compile(rf"(?:^|\n)[ \t]*[{UP}][{LO}]+(?:[ -][{UP}][{LO}'’-]+){{1,3}}[ \t]+/[ \t]+$")
_CONTACT_LABEL_BEFORE = re.compile(
    r"\b(?:contacts?|inquiries|enquiries|media|investors?|investor\s+relations|press)[ \t]*:[ \t]*\n[ \t]*$", re.I)
_CONTACT_ENTRY_BEFORE = re.compile(
    # (the firm or the kind of contact may come first: "Agency Contact:", "Acme Investor Contact:")
    r"(?:^|[\n\t:;|·•]|\s[-–—]\s)[ \t]*(?:(?-i:[A-Z])[\w&-]*[ \t]+){0,2}?(?:(?:investor|media|press|public|analyst)s?[ \t]+(?:relations[ \t]+)?"
    r"(?:contacts?|inquiries|enquiries)|investor[ \t]+relations|media[ \t]+relations|public[ \t]+relations|contacts?|"
    r"inquiries|enquiries|media|investors?|press|analysts?|IR)[ \t]*(?::|[ \t][-–—])[ \t]*$", re.I)
_CONTACT_HEADING_BEFORE = re.compile(
    r"\b(?:contacts?|inquiries|enquiries|investor[ \t]+relations|media[ \t]+relations)[ \t]*:?[ \t]*\n(?:[ \t]*\n)?[ \t]*$",
    re.I)
# (or the name alone on its line, an address or a number on the next: "Investor Relations" / "Jane Roe" /
# "jroe@acme.com")
_CONTACT_ENTRY_AFTER = re.compile(r"[ \t]*(?:[,|;·•]|\(?\+?\d|[ \t][-–—][ \t]|\n[ \t]*(?:[\w.+-]+@[\w-]+\.|\(?\+?\d))")
_TITLE_OPENS_LINE_BELOW = re.compile(
    r"[ \t]*\n[ \t]*(?:Head|Director|Vice[ \t]+President|Manager|Chief|Senior|Managing|Executive|Partner|"
    r"Founder|President|General[ \t]+Counsel)\b[^\n]{0,60}(?:\n|$)")
_TITLE_LINE_BELOW = re.compile(r"[ \t]*\n(?:[ \t]*\n)?[ \t]*(?:[A-Z][\w&-]*[ \t]+){0,3}(?P<last>[A-Z][a-z]+)[ \t]*(?:\n|$)")
# a contact's firm after the name, with no separator ("… Harbinger Crest Communications (555) …")
FIRM_REST = re.compile(
    r"(?:[ ][A-Z][\w&'’.-]*){1,4}?[ ](?:Communications|Partners|Advisors|Advisers|Group|Relations|Consulting|"
    r"Strategies|Associates|Capital|Media|PR|IR|Inc\.?|LLC|Ltd\.?|Limited)(?![\w])")
