"""Phone numbers written the way their own country dials them, without a country code, on a
line that names the country or a toll-free service: a conference call's dial-in list ("Israel:
03-918-0692", "Hong Kong, China Toll Free: 800-905-372", "India Toll Free: 1800 120 3417").

Each line start is tried once with a pattern bounded to the label and the number; a number is
valued in E.164 when its country is named and the number is possible there, else stored as none."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from reviewer.core.extract.base import Candidate, DocContext
from reviewer.core.extract.normalize import phone_value

# the countries a dial-in list names, to the regions phone numbers are read in (longest first)
_REGIONS = {
    "mainland china": "CN", "hong kong": "HK", "china": "CN", "india": "IN", "israel": "IL", "united kingdom": "GB",
    "uk": "GB", "singapore": "SG", "australia": "AU", "japan": "JP", "south korea": "KR", "korea": "KR",
    "taiwan": "TW", "germany": "DE", "france": "FR", "ireland": "IE", "switzerland": "CH", "netherlands": "NL",
    "sweden": "SE", "norway": "NO", "denmark": "DK", "finland": "FI", "spain": "ES", "italy": "IT",
    "brazil": "BR", "mexico": "MX", "south africa": "ZA", "new zealand": "NZ", "belgium": "BE", "austria": "AT",
}
_REGION_WORDS = "|".join(sorted(map(re.escape, _REGIONS), key=len, reverse=True))
# "Label: number" or "Label<TAB>number" on a line of its own; the label names a country or a
# toll-free or local line; the number opens with a digit, never "+" (the international rule reads those)
_LINE = re.compile(
    r"(?m)^[ \t]*(?P<label>[A-Z][A-Za-z ,.()/-]{0,40}?)[ \t]*(?::[ \t]*|\t[ \t]*)"
    r"(?P<num>\(?\d[\d)]*(?:[ -]\d+){1,4})(?=[ \t]*(?:$|[/;,]|\(|or\b))"
)
_NOT_A_LINE = re.compile(r"share|date|total|number|held|amount|price|record|payment|year|period", re.I)
_SERVICE = re.compile(r"toll[ -]?free|freephone|local|domestic", re.I)
_REGION = re.compile(rf"\b(?:{_REGION_WORDS})\b", re.I)


def national_phones(ctx: DocContext, taken: list[Candidate]) -> Iterator[Candidate]:
    """Numbers of dial-in lists that no other phone rule read (``taken``: the phones found)."""
    text = ctx.text
    if "\n" not in text or not (":" in text or "\t" in text):
        return
    cues = ctx.find_all("dial", "conference", "toll", "call", "participant", lower=True)
    if not cues:
        return  # (no call, no dial-in list: the lines are never read)
    spans = [(c.start, c.end) for c in taken]
    for m in _LINE.finditer(text):
        label, num = m.group("label"), m.group("num")
        i = bisect.bisect_right(cues, m.start())
        if not i or m.start() - cues[i - 1] > 800 or _NOT_A_LINE.search(label):
            continue  # only in a dial-in list ("Shares held in Sweden: 12 345 678" is none)
        region = _REGION.search(label)
        if not region and not _SERVICE.search(label):
            continue
        digits = sum(ch.isdigit() for ch in num)
        if not 7 <= digits <= 12 or any(a < m.end("num") and m.start("num") < b for a, b in spans):
            continue  # (a number another rule read, whole or in part)
        value = phone_value(num, _REGIONS[region.group().lower()]) if region else None
        yield Candidate("phone", m.start("num"), m.end("num"), value, 0.75, "rules.phone.national")
