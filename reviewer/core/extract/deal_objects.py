"""Parties named right after a deal's words, with or without a legal ending: "the acquisition
of Quillwood", "a partnership with Orbitly", "an investment from Lumenfield", "agreed to merge
with Dunmore Therapeutics", "a majority stake in Kestrel Bio".

Each cue is found once by a pattern anchored on its words; the name is the run of capitalised
words right after it (after "the" at most), cut at the first word that is no part of a name,
and only within a bounded window, so the rule stays linear."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.core.extract.base import Candidate, DocContext, finditer_near
from reviewer.core.extract.lexicon import STREET_WORDS, US_STATES

# Read on the lower-cased text (same offsets), case-sensitively: a case-insensitive pattern, or
# one that does not open on a set of letters, is tried at every position and cost a 10-K
# 45 ms here; this one skips to the cue's first letters (10 ms).
_CUE = re.compile(
    r"(?=[abcefijlmp])\b"
    # ("acquired" after "in", "of", "the" or "and" is an adjective: "expensed as acquired IPR&D")
    r"(?:acquisition\s+of|(?<!\bin\s)(?<!\bof\s)(?<!\bthe\s)(?<!\band\s)(?<!\bas\s)acquire[ds]?|"
    r"acquiring|merger\s+with|merge\s+with|"
    r"(?:business\s+)?combination\s+with|"
    r"(?:agreements?|partnership|partnered|partnering|collaboration|alliance|joint\s+venture|contract|"
    r"letter\s+of\s+intent|memorandum\s+of\s+understanding|mou|loi)\s+with|"
    r"(?:investments?|financing|funding|backing)\s+from|(?:majority|minority|controlling|equity)\s+"
    r"(?:stake|interest)\s+in)"
    r"[^\S\n]+(?:the[^\S\n]+)?(?=[a-z0-9])",
)
# where every match of _CUE begins: its matches are tried only there (the same matches as a scan
# of the whole text, at half its cost on a 10-K)
_CUE_WORDS = ("acqui", "merge", "business", "combination", "agreement", "partner", "collaboration", "alliance",
              "joint", "contract", "letter", "memorandum", "mou", "loi", "investment", "financing", "funding",
              "backing", "majority", "minority", "controlling", "equity")
_TOKEN = re.compile(r"[A-Z0-9][\w&'’.-]*|&")
_MAX_WORDS = 6
# words that end a name (or, first, make it none): function words, dates, securities, assets, stakes
_NOT_NAME = frozenset(
    """a an the and or of for on in at by to with from as if is it its this that these those our we us their
    his her each such any all no not also both when while after before upon under per into over within
    without new its company's january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    series substantially certain land assets asset property properties business businesses portfolio
    rights interests interest stake stakes majority minority controlling equity shares share stock units
    notes debentures warrants preferred common class entity entities subsidiary subsidiaries affiliates
    one two three four five ten hundred thousand million billion""".split()
)
# the generic nouns of defined terms ("the Manager", "the Purchaser"): no name alone
_GENERIC = frozenset(
    """affiliate affiliates parent sponsor investors investor lenders lender borrower purchaser purchasers
    seller sellers buyer buyers holders holder stockholders shareholders partners partner members manager
    adviser advisor agent trustee issuer licensor licensee customer customers supplier contractor
    landlord tenant employee executive officer director board company corporation registrant fund bank contributor
    contributors""".split()
)
# inside a name when a capitalised word follows that is no currency ("Acme Diagnostics for SEK 450 million")
_JOIN = re.compile(r"(?:of|for|de|&) (?=[A-Z])(?![A-Z]{3}\s?\d|[A-Z]{1,3}\$)")
# the kinds of bodies whose names go on with "for" ("the Center for Applied Genomics")
_FOR_NAMES = frozenset("Center Centre Foundation Institute Society Council Fund Coalition Alliance".split())
_PLACE = re.compile(rf"(?:{US_STATES})\Z")
_LOWER_PART = re.compile(r"-[a-z]")  # "AI-powered", "US-based": a description, not a name


def deal_objects(ctx: DocContext) -> Iterator[Candidate]:
    text = ctx.text
    for m in finditer_near(_CUE, ctx.lower, ctx.find_all(*_CUE_WORDS, lower=True), 0):
        found = _party_at(text, m.end())
        if found:
            yield found
    # the sellers of what is bought: "acquire 61 stores from Kestrel and Orlan Markets"
    for m in finditer_near(_FROM_CUE, ctx.lower, ctx.find_all(*_FROM_CUE_WORDS, lower=True), 0):
        pos = m.end()
        for _ in range(_MAX_SELLERS):
            found = _party_at(text, pos)
            if not found:
                break
            yield found
            more = _MORE.match(text, found.end)
            if not more:
                break
            pos = more.end()


def _party_at(text: str, pos: int) -> Candidate | None:
    """The party named by the capitalised words at pos, if they make one."""
    words: list[tuple[int, int]] = []
    limit = min(len(text), pos + 120)
    while len(words) < _MAX_WORDS:
        t = _TOKEN.match(text, pos, limit)
        if not t and words:  # "Quarry Systems of South Carolina"
            joined = _JOIN.match(text, pos, limit)
            if joined and joined.group().startswith("for") and text[words[-1][0]:words[-1][1]] not in _FOR_NAMES:
                joined = None  # "a license with Acme Pharma for Japan": the territory is no part of the name
            if joined:
                pos = joined.end()
                continue
        if not t:
            break
        word = t.group().rstrip(".,")
        if not word or word.lower().strip("’'") in _NOT_NAME or _LOWER_PART.search(word):
            break
        words.append((t.start(), t.start() + len(word)))
        pos = t.end()
        if t.group() != word or not text.startswith(" ", pos):
            break  # a comma or a full stop ends the name; so does any other gap
        pos += 1
    if not words:
        return None
    tokens = [text[a:b] for a, b in words]
    for k in range(len(tokens) // 2, 0, -1):  # "Marden Titan Investments Titan Investments"
        if tokens[-k:] == tokens[-2 * k:-k]:
            words = words[:-k]
            break
    start, end = words[0][0], words[-1][1]
    name = text[start:end]
    if len(name) < 3 or not name[0].isalpha() or _PLACE.match(name):
        return None
    if tokens[0][-2:] in ("'s", "’s") and tokens[0][:-2].lower() in _GENERIC:
        return None  # the filer's own ("the Company’s European list prices")
    if len(words) == 1 and (name.isupper() and (len(name) <= 4 or "&" in name)
                            or re.sub(r"['’]s$", "", name.lower()) in _GENERIC):  # (or its possessive: "the Bank's")
        return None  # a short acronym or a generic noun is a defined term or an alias, not a party
    if _title_case(text, start):
        return None  # in a headline every word is capitalised: no telling where a name ends
    if len(words) >= 2 and (tokens[-1].lower() in STREET_WORDS or tokens[-1].lower() in _PROPERTY_WORDS):
        return None  # a property bought or sold, not a party ("the acquisition of Aurora Gateway Logistics Park")
    if len(words) >= 2 and words[-1][1] - words[-1][0] == 1 and _INITIAL_GOES_ON.match(text, end):
        return None  # "with Jane P. Roe": a person's middle initial, whom the rule for people reads
    return Candidate("counterparty", start, end, name, 0.5, "rules.counterparty.deal")


_PROPERTY_WORDS = frozenset("""commons apartments village portfolio hotel inn suites mall estates residences lofts
    campus offices""".split())
_INITIAL_GOES_ON = re.compile(r"\. [A-Z][a-z]")


# a purchase verb, then (within its clause, a bounded stretch) "from" and the seller
_FROM_CUE = re.compile(
    r"(?=[abpf])\b(?:(?:acquir(?:e|es|ed|ing)|purchas(?:e|es|ed|ing)|bought|buy(?:s|ing)?)\b[^.;:\n]{0,80}?"
    r"\bfrom"
    # (and an offering's finders: "finders' fees were paid to Acme Capital Inc. and Beta Securities Ltd.")
    r"|finders?['’]?[^\S\n]+fees?\b[^.;:\n]{0,40}?\bpaid[^\S\n]+to)[^\S\n]+(?:the[^\S\n]+)?(?=[a-z0-9])"
)
_FROM_CUE_WORDS = ("acquir", "purchas", "bought", "buy", "finder")
# (after the full stop of a legal ending the name stopped before: "Acme Capital Inc. and Beta Ltd.")
_MORE = re.compile(r"(?:(?:(?<=Inc)|(?<=Ltd)|(?<=Corp))\.)?,?[^\S\n]+and[^\S\n]+(?:the[^\S\n]+)?(?=[A-Z])|,[^\S\n]+(?=[A-Z])")
_MAX_SELLERS = 4


def _title_case(text: str, pos: int) -> bool:
    """Whether the line around pos (a bounded stretch of it) is written in title case."""
    lo = max(0, text.rfind("\n", max(0, pos - 200), pos) + 1, pos - 200)
    hi = text.find("\n", pos, pos + 200)
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]{3,}", text[lo : hi if hi >= 0 else pos + 200])]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
