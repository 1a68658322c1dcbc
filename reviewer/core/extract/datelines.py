"""Press-release headers: wire credits and datelines.

A wire credit is recognised by its shape, not from a list: a short capitalised name holding
"wire" or "news" between parentheses or slashes ("(GLOBE NEWSWIRE)", "/PRNewswire/",
"–(BUSINESS WIRE)–", "(Newsfile Corp.)", "([NewMediaWire](https://...))", "/CNW/").

A dateline is a line that begins with a place ("NEW YORK", "WALTHAM, Mass.", "Fukuoka,
Japan/New York, United States"), maybe in Markdown emphasis ("**CITY, ST**"), then a comma
or a dash and a date or a wire credit: "CITY, ST – Month D, YYYY (WIRE)", "CITY--Month D,
YYYY", "CITY - (WIRE) - Month D, YYYY", "CITY, Month D, YYYY /PRNewswire/", "CITY, ST (Month D,
YYYY) –". It may follow a
title and one or two summary paragraphs. Each line start in the head is tried once, with a
pattern anchored there and bounded to a few hundred characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.core.extract.dates import MONTH
from reviewer.core.extract.lexicon import PLACE_NAMES, US_STATES

_CREDIT_WORD = re.compile(r"wire|news|\bcnw\b|prweb", re.I)
WIRE = re.compile(
    r"(?<![\w/.:])(?P<open>[(/])[^\S\n]*\[?(?P<name>[A-Z][A-Za-z0-9.&' -]{1,40}?)\]?(?:\([^()\s]{1,200}\))?"
    # "(Newsfile Corp. - June 3, 2024)": the date inside the credit
    rf"(?:[^\S\n]+[-–][^\S\n]+(?:{MONTH})[^\S\n]+\d{{1,2}},?[^\S\n]+\d{{4}})?"  # (no-break spaces too)
    r"[^\S\n]*(?P<close>[)/])(?![\w/])"
)
# a place word: a capital, then letters of any script ("MONTRÉAL", "Zürich", "São Paulo")
_UPPER = "A-ZÀ-ÖØ-Þ"
_W = rf"[{_UPPER}](?:[^\W\d_]|[.'’&]|-(?=[^\W\d_]))*"
_LOC_WORD = rf"(?:{_W}|(?:de|del|da|do|du|la|le|of|on|upon|am|an|der|en)(?=[ ][{_UPPER}]))"
_PLACE = rf"{_W}(?:[ ]{_LOC_WORD}){{0,4}}"
# one place, or two joined by "/", "&" or "and" ("SAN FRANCISCO & NEW YORK")
# (a country after a comma may open with "the": "Rotterdam, the Netherlands")
_LOC = (rf"{_PLACE}(?:,[ ]*(?:the[ ])?{_PLACE}){{0,2}}"
        rf"(?:(?:[ ]*/[ ]*|[ ]+(?:&|and)[ ]+){_PLACE}(?:,[ ]*(?:the[ ])?{_PLACE}){{0,2}})?")
_DATE_START = rf"(?:{MONTH})[ ]+\d{{1,2}}|\d{{1,2}}(?:st|nd|rd|th)?[ ]+(?:{MONTH})\b"
DATELINE_AT = re.compile(
    rf"[^\S\n]*(?P<em>\*\*|__|\*|_)?(?P<loc>{_LOC})(?P=em)?"
    rf"(?P<sep>[^\S\n]*(?:,|[-–—]{{1,2}}|/)?[^\S\n]*)(?=\(?(?P<date>{_DATE_START})|[(/]|(?<=--|[-–—] |.—)(?P<dashed>)[A-Z])"
)
_WHOLE_DATE_DASH = re.compile(rf"(?:{_DATE_START}),?[ ]+\d{{4}}[^\S\n]*(?:[-–—]{{1,2}}|:)[^\S\n]")
# the region of a dateline with no date ("HARBOR CITY, New Jersey-- Acme Corp. said ..."): a state
_REGION = re.compile(rf"(?:{US_STATES})\.?", re.I)
_REPORTS = re.compile(r"\b(?:today|announced|announces|reported|reports|declared|said)\b")
_NOT_PLACES = frozenset(
    "news press release for immediate exhibit source date dated on as in by at the effective since "
    "contact contacts media investor investors updated posted published released from between through "
    "ended ending company issuer note notes table item notice update correction summary highlights important "
    "attention editors reminder advisory statement".split()
)
# regions and countries after a city's comma abroad ("PERTH, Western Australia – Acme Ltd …")
_REGIONS_ABROAD = PLACE_NAMES | frozenset(
    """australia canada england scotland wales ireland israel india japan china singapore switzerland germany
    france netherlands belgium luxembourg sweden norway denmark finland iceland spain portugal italy austria
    brazil mexico chile argentina colombia peru queensland victoria tasmania ontario quebec québec alberta
    manitoba saskatchewan""".split())
_NOT_PLACE_ENDS = frozenset("announcement release update report results statement notice advisory".split())
HEAD = 8000


@dataclass
class Dateline:
    start: int          # where the location begins
    end: int            # where it ends
    date_start: int     # where the dateline's date begins, or -1
    wire: tuple[int, int] | None


def wire_credit(text: str, start: int, end: int) -> re.Match | None:
    """The first wire credit in text[start:end]."""
    for m in WIRE.finditer(text, start, end):
        name = m.group("name")
        if len(name.split()) <= 5 and _CREDIT_WORD.search(name) and _closes(m):
            return m
    return None


def _closes(m: re.Match) -> bool:
    return (m.group("open"), m.group("close")) in (("(", ")"), ("/", "/"))


def datelines(text: str, limit: int = HEAD, start: int = 0):
    """Datelines that begin on a line starting in text[start:limit], in order."""
    end = min(len(text), limit)
    pos = text.rfind("\n", 0, start) + 1 if start else 0
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        d = _dateline_at(text, pos, line_end)
        if d:
            yield d
        pos = line_end + 1


def first_dateline(text: str, limit: int = HEAD) -> Dateline | None:
    return next(datelines(text, limit), None)


# the date first, then the place in capitals ("August 5, 2031 -- NEW YORK -- Acme Inc. …")
_DATE_FIRST = re.compile(
    rf"[^\S\n]*(?P<date>(?:{MONTH})[ ]+\d{{1,2}},?[ ]+\d{{4}})[^\S\n]*(?:--|[-–—])[^\S\n]*(?P<loc>{_LOC})"
    rf"[^\S\n]*(?:--|[-–—])")


def _dateline_at(text: str, start: int, line_end: int) -> Dateline | None:
    window_end = min(line_end, start + 400)
    first = _DATE_FIRST.match(text, start, window_end)
    if first and first.group("loc").replace(",", "").split()[0].isupper():
        return Dateline(first.start("loc"), first.end("loc"), first.start("date"), None)
    m = DATELINE_AT.match(text, start, window_end)
    if not m:
        return None
    loc = m.group("loc").rstrip()
    slash = loc.rfind("/")
    if slash > 0 and _CREDIT_WORD.search(loc, slash):
        loc = loc[:slash].rstrip()  # "VANCOUVER, BC / ACCESSWIRE / June 3, 2024 /": the credit is no place
    first_word = re.split(r"[ ,/]", loc, maxsplit=1)[0].strip(".").lower()
    last_word = re.split(r"[ ,/]", loc)[-1].strip(".").lower()
    if first_word in _NOT_PLACES or last_word in _NOT_PLACE_ENDS or re.fullmatch(MONTH, loc.split(",")[0].split()[0]):
        return None  # (nor a heading's kind: "ASX ANNOUNCEMENT 12 March 2025")
    after = m.end()
    wire = wire_credit(text, after, min(window_end, after + 260))
    if m.group("dashed") is not None:
        # no date, the release's first words after a dash: "CITY, STATE--" will do, and a city in
        # capitals whose sentence reports ("ATLANTA -- Acme Inc. today reported ...")
        tail = loc.rsplit(",", 1)[1].strip() if "," in loc else ""
        region = tail and (_REGION.fullmatch(tail) or " ".join(tail.lower().split()) in _REGIONS_ABROAD)
        if wire is not None or not (region or (loc.isupper() and _REPORTS.search(text, after, min(window_end, after + 160)))):
            return None
    elif m.group("date") is None and (wire is None or wire.start() != after):
        return None  # "CITY (" must open a wire credit
    upper = loc.replace(",", "").split()[0].isupper()
    # a place in title case ("Fukuoka, Japan") needs a region after a comma or a wire credit
    # (or a whole date and a dash after it: "London, 14 March 2032 - Acme plc announces")
    if not upper and "," not in loc and wire is None and not (
            m.group("date") is not None and _WHOLE_DATE_DASH.match(text, m.start("date"), window_end)):
        return None
    bare = not m.group("sep").strip() and not text.startswith("(", m.end())
    if bare and m.group("date") is not None and not upper:
        return None  # "Boston March 5" is prose; "Boston, MA (March 5, 2025)" is a dateline
    loc_start = m.start("loc")
    return Dateline(loc_start, loc_start + len(loc), m.start("date") if m.group("date") else -1,
                    (wire.start(), wire.end()) if wire else None)
