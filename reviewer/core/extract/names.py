"""Organisations and counterparties (people: people.py; agreements: agreements.py)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from reviewer.core.extract.base import Candidate, DocContext, words_before
from reviewer.core.extract.lexicon import ORG_WORDS, TITLE_WORDS, is_given_name, without_town
from reviewer.core.extract.normalize import collapse
from reviewer.core.extract.org_finder import BANK_OF as _BANK_OF
from reviewer.core.extract.org_finder import ENDS_NAME as _ENDS_NAME
from reviewer.core.extract.org_finder import ORG
from reviewer.core.extract.org_finder import ORG_LEAD as _ORG_LEAD
from reviewer.core.extract.org_finder import ORG_NOUN as _ORG_NOUN
from reviewer.core.extract.people import _is_stop, name_before_firm, person_name_ok, persons  # noqa: F401 (persons, person_name_ok: read from here)
from reviewer.core.extract.people_contacts import after_contact_label
from reviewer.core.extract.wrapped import prose_text

# people: people.py (the engine and filing.py read persons and person_name_ok from here);
# the organisation finder: org_finder.py
# the titles that no firm's name opens with ("Executive Vice President and Treasurer Acme Inc.")
_TITLE_LEAD = frozenset("""president vice chief executive officer treasurer secretary controller director
    chairman chairwoman chair ceo cfo coo evp svp vp""".split())
_ORG_FALSE = re.compile(
    r"^(?:the\s+)?(?:Company|Corporation|Registrant|Bank|Trust|Fund|Group|Partnership)$|Exchange Act|Securities Act",
    re.I,
)


_HEADLINE_WORD = re.compile(
    r"(?<![\w&])(?:With|To|In|On|At|By|From|Into|As|Amid|After|Before|Over|Under|Via|Through|Following|"
    r"Announces|Acquires|Acquire|Signs|Completes|Closes|Enters|Secures|Raises|Partners\s+With|Joins|"
    r"Selects|Appoints|Names|Welcomes|Invests|Buys|Sells|Sold|Agrees|Reports|Launches)[ ]+(?=[A-Z0-9])"
)
_KIND_INSIDE = re.compile(
    r"(?:[A-Z][\w&'’-]*[ ]){1,4}(?:Company|Firm|Provider|Developer|Maker|Manufacturer|Leader|Platform|Operator|"
    r"Producer|Specialist)[ ](?=[A-Z][\w&'’-]*[ ](?:[A-Z]))")
# "Ohio-based Acme Capital": the place is not part of the name
_PLACE_BASED = re.compile(r"^[A-Z][\w.’'-]*-(?:based|headquartered)$")
_LINK_WORD = re.compile(r" (?:of|and|for) ")
_DEAL_HEAD = frozenset("acquisition acquisitions sale purchase merger divestiture disposition".split())
_YEAR_AND = re.compile(r"(?:19|20)\d\d,? (?:and|&) (?=[A-Z])")
_ONE_WORD_OK = re.compile(r"a\.s\.|s\.r\.o\.|AG|SE|LLC|Inc|GmbH|S\.A\.|N\.V\.|B\.V\.|S\.p\.A\.|AB|ASA|Oyj|KK|plc|PLC|Ltd|Limited|Corp")
# two-letter endings that are also words of a line in capitals ("FILED AS", "SEE SE")
_SHORT_SUFFIX = re.compile(r"(?:^|\s)(?:SA|NV|BV|KK|AB|SE|Oy)$")


def organizations(ctx: DocContext) -> Iterator[Candidate]:
    # a name read over a hard wrap ("Acme Widgets\nHoldings, Inc."): the unwrapped copy has the
    # document's offsets, and keeps the line breaks that end a line of a block
    text = prose_text(ctx)
    found_all: list[Candidate] = []
    kinds: set[tuple[int, int]] = set()
    for m in ORG.finditer(text):
        start, end = m.start(), m.end()
        words = text[start:end].split(" ")
        # drop leading sentence words ("On", "With", "The" inside a sentence)
        while len(words) > 1 and (words[0].lower() in _ORG_LEAD or words[0].lower() in _TITLE_LEAD
                                  or _PLACE_BASED.match(words[0])) and not (
            words[0] == "The" and _at_line_start(text, start)
        ):
            start += len(words[0]) + 1
            words = words[1:]
        for m_of in reversed(list(_LINK_WORD.finditer(text[start:end]))):
            head = text[start : start + m_of.start()].split(" ")
            # "The Board of Acme Inc.", "CEO of Acme Inc.": a role is not part of the name
            # (and a deal or a provision named before it: "Acquisition of Acme Inc.", "Section 203 of ...")
            if all((_is_stop(w) and w.lower() not in ORG_WORDS) or _role_word(w) or w.lower() in _DEAL_HEAD
                   or w.isdigit() for w in head) or (
                    m_of.group() == " of " and 2 <= len(head) <= 3 and is_given_name(head[0])
                    and person_name_ok(head)):  # ("Jane Roe of Acme Partners": a person of the firm)
                start += m_of.end()
                break
        # a headline in title case: the name opens after its last verb or function word
        # ("Acme Signs Deal With Beta Capital LLC")
        for cut in reversed(list(_HEADLINE_WORD.finditer(text, start, end))):
            if cut.end() < end:
                start = cut.end()
            break
        kind = _KIND_INSIDE.match(text, start, end)
        if kind:
            # "Acquires Real Estate Development Company Thee Mine Inc.": the kind before the name, no name itself
            kinds.add((start, kind.end() - 1))
            start = kind.end()
        year = _YEAR_AND.match(text, start, end)
        if year:
            start = year.end()  # "... in 2024 and Acme Inc.": a year is no part of the name
        start = _after_caps_heading(text, m.start(), start, end)
        if text.count(" ", start, end) >= 2 and after_contact_label(text[max(0, start - 40):start]):
            person_end = name_before_firm(text, start, end)
            if person_end:  # "Investor Relations: Jane Roe Ravensworth Partners (555) ...": the firm after the person
                start = person_end + 1
        branch = _BRANCH_LEAD.match(text, start, end)
        if branch:
            start = branch.end()  # "..., New York Branch and Acme Trust Company": the branch ends another name
        after = _BRANCH_AFTER.match(text, end)
        if after:
            end = after.end()  # "Acme Bank plc, New York Branch": a bank's branch is the party
        inside = _INSIDE_NAME.match(text, start, end)
        if inside and (_NAME_BEFORE if inside.group("initial") else _INITIAL_BEFORE).search(
                text, max(0, start - 30), start):
            start = inside.end()  # "Jane A. Roe and the Roe Family Trust": the firm begins after the person
        for glue in _TITLE_GLUED.finditer(text, start, end):  # "…Chief Executive OfficerAcme Inc."
            start = glue.end()
        for dash in _DASH_BREAK.finditer(text, start, end):  # "HARBOR CITY, N.J.-- Acme Inc.": a dateline before
            start = dash.end()
        for stop in _SENTENCE_BREAK.finditer(text, start, end):  # "… of Regulation S-K. The Company agrees"
            start = stop.end()
        # "Orlan Ventures Inc. Harpwell Securities LLC": two names, a sentence or a list apart
        for part_start, part_end in _at_inner_endings(text, start, end):
            found = _organization(text, part_start, part_end)
            if found:
                found_all.append(found)
    if kinds:
        found_all = [c for c in found_all if (c.start, c.end) not in kinds]
    found_all = _with_banks_of(text, found_all)
    ctx.org_aliases = defined_aliases(text, found_all)  # read by the people and counterparty rules
    yield from found_all


# the short name an organisation is given where it is first named ("Acme Precision Co., Ltd. (“Acme”)",
# "Red Draw Minerals, L.P., a Texas partnership (“Red Draw”)")
_ALIAS_AFTER = re.compile(
    r",?\s*(?:,\s*an?\s+[^,;()“”\"]{3,80},?\s*)?\((?:the\s+|together,?\s+the\s+)?[“\"]([^”\"\n]{2,40})[”\"]\)")


def defined_aliases(text: str, orgs: list[Candidate]) -> dict[str, str]:
    """Each alias defined right after an organisation's name (lower case), to that name."""
    aliases: dict[str, str] = {}
    for c in orgs:
        m = _ALIAS_AFTER.match(text, c.end, c.end + 140)
        if m and m.group(1).strip().lower() != c.value.lower():
            aliases.setdefault(collapse(m.group(1).strip()).lower(), c.value)
    return aliases


def _with_banks_of(text: str, found: list[Candidate]) -> list[Candidate]:
    """The names found, with the banks named after their place and no legal ending ("Bank of
    Laurentia", "Royal Bank of Ostland"), in place of the shorter names they hold."""
    spans = sorted((c.start, c.end) for c in found)
    banks: list[Candidate] = []
    k = text.find(" of ")
    while k >= 0:
        if text.startswith(("Bank", "Banco", "Banque"), text.rfind(" ", 0, k) + 1):
            for m in _BANK_OF.finditer(text, max(0, k - 40), k + 80):
                if m.start() <= k < m.end():
                    bank = _organization(text, *_bank_start(text, m.start(), m.end()))
                    i = bisect.bisect_right(spans, (m.start(), len(text)))
                    # a longer name holds it ("Bank of Ostland, N.A."): that name is the one
                    held = any(s <= bank.start and bank.end <= e and (s, e) != (bank.start, bank.end)
                               for s, e in spans[max(0, i - 2):i + 2]) if bank else True
                    if not held:
                        banks.append(bank)
                    break
        k = text.find(" of ", k + 1)
    if not banks:
        return found
    # (and the names they overlap at their opening: "The Royal Bank" of "The Royal Bank of Ostland");
    # the banks lie apart and in order, so each name is held against the one bank opening before it ends
    starts = [b.start for b in banks]

    def overlapped(c: Candidate) -> bool:
        i = bisect.bisect_left(starts, c.end) - 1
        return i >= 0 and c.start < banks[i].end and c.end <= banks[i].end

    return sorted([c for c in found if not overlapped(c)] + banks, key=lambda c: (c.start, -c.end))


def _bank_start(text: str, start: int, end: int) -> tuple[int, int]:
    """A bank's name opens at a capitalised word of its own, never a sentence word ("From", "The")."""
    words = text[start:end].split(" ")
    while len(words) > 3 and (words[0].lower() in _ORG_LEAD or _HEADLINE_WORD.match(words[0] + " B")):
        start += len(words[0]) + 1
        words = words[1:]
    return start, end


_BRANCH_LEAD = re.compile(r"(?:[A-Z][a-z]+ ){1,3}Branch,? (?:and|&) (?=[A-Z])")
_BRANCH_AFTER = re.compile(r", (?:[A-Z][a-z]+ ){1,3}Branch\b")
# a run that opens inside a person's name, at its middle initial, up to "and (the)"
# (its surname may carry a suffix: "Jane A. Roe III and the Roe Family Trust")
_INSIDE_NAME = re.compile(r"(?P<initial>[A-Z]\. )?[A-Z][\w'’-]+(?:,? (?:Jr\.|Sr\.|II|III|IV))?,? (?:and|&) (?:the )?(?=[A-Z])")
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+ $")
_INITIAL_BEFORE = re.compile(r"\b[A-Z][a-z]+ [A-Z]\. $")
_SENTENCE_BREAK = re.compile(r"(?<=[A-Za-z]{2}|-[A-Z])\. (?=(?:The|This|These|Such|Our|Its|We|In|On)\b)")
_DASH_BREAK = re.compile(r"(?:--|—|\s[-–]\s)\s*")


def _organization(text: str, start: int, end: int) -> Candidate | None:
    end = without_town(text, start, end)
    words = text[start:end].split(" ")
    name = text[start:end]
    if "\n" in name or "\t" in name or _ORG_FALSE.search(name) or len(name) < 4:
        return None
    if sum(1 for w in words if w[:1].isupper() or w[:1].isdigit()) < 2 and not _ONE_WORD_OK.search(name):
        return None
    if _SHORT_SUFFIX.search(name) and (name.isupper() or len(words) < 2):
        return None
    if _COMMA_NOUN.search(name):
        return None  # "Double-Digit Growth, Company Reiterates": a comma does not open "Company"
    if _GENERIC_END.search(name) and _after_indefinite_article(text, start):
        return None  # "a Software Company acquisition", "an Investment Group": a kind, not a name
    if _SECURITY_AFTER.match(text, end) and not _ENDS_NAME.match(words[-1]):
        return None  # "Acme Capital Stock", "Acme Common Shares": a class of securities, not a firm
    if _STATUTE_AFTER.match(text, end):
        return None  # "the Delaware General Corporation Law": a statute
    return Candidate("organization", start, end, collapse(name), 0.7, "rules.organization")


_SECURITY_AFTER = re.compile(r" (?:Stock|Shares|Units)\b")
_STATUTE_AFTER = re.compile(r" (?:Law|Act|Code)\b")
# a legal ending with a dot inside a run of capitalised words, and another name after it
_INNER_ENDING = re.compile(r"\b(?:Inc|Corp|Ltd|Co|L\.P|L\.L\.C|N\.V|S\.A|A\.G)\.(?= (?!(?:Inc|Corp|Ltd|LLC|Limited|Co|KG|Incorporated|Corporation)\b)[A-Z])")


def _at_inner_endings(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts, pos = [], start
    for m in _INNER_ENDING.finditer(text, start, end):
        parts.append((pos, m.end()))
        pos = m.end() + 1
    parts.append((pos, end))
    return parts


_COMMA_NOUN = re.compile(r",\s(?:Company|Corporation)$")
# endings that are also common nouns: after "a" or "an" the words before them describe
_GENERIC_END = re.compile(rf"(?:^|\s)(?:Company|Corporation|{_ORG_NOUN})$")


# a title glued to the name after it, as contact blocks are run together
# (and the label words of a contact line no name begins with: "Investor RelationsAcme Inc.")
_GLUED_LABELS = ("relations", "inquiries", "enquiries", "communications", "telephone", "information")
_TITLE_GLUED = re.compile(
    "(?:" + "|".join(sorted((w.capitalize() for w in {*TITLE_WORDS, *_GLUED_LABELS} if len(w) > 3),
                            key=len, reverse=True))
    + ")(?=[A-Z0-9])")
_CAPS_RUN = re.compile(r"(?:[A-Z][A-Z&'’-]{2,} ){2,}(?=[A-Z][a-z])")
_CAPS_TAIL = re.compile(r"(?:[A-Z][A-Z&'’-]{2,} )+(?=[A-Z][a-z])")  # the heading began before the match
_CAPS_WORDS = re.compile(r"(?:[A-Z][A-Z&'’-]* )*")


def _after_caps_heading(text: str, line_pos: int, start: int, end: int) -> int:
    """Where the name starts when a heading in capitals at the start of a line runs into its
    paragraph ("ABOUT ACME HOLDINGS Acme Holdings is", "CAPITAL POSITION Capital ratios")."""
    lo = max(0, line_pos - 120)  # a bounded look back: the heading's words before the match
    line = max(text.rfind("\n", lo, line_pos), text.rfind("\t", lo, line_pos)) + 1
    if (line == 0 and lo > 0) or not _CAPS_WORDS.fullmatch(text, line, line_pos):
        return start
    m = (_CAPS_RUN if line == line_pos else _CAPS_TAIL).match(text, start, end)
    return m.end() if m else start


def _role_word(word: str) -> bool:
    """A title word, also in the plural or shared ("Directors", "Co-CEOs", "Co-President")."""
    low = word.rstrip(",").lower().removeprefix("co-")
    return low in TITLE_WORDS or (low.endswith("s") and low[:-1] in TITLE_WORDS)


def _after_indefinite_article(text: str, pos: int) -> bool:
    before = words_before(text, pos, limit=1)
    return bool(before) and text[before[0][0]:before[0][1]].lower() in ("a", "an")


def _at_line_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] in "\n\t"


# -- counterparties: parties.py (the engine reads counterparties from here) --------------
from reviewer.core.extract.parties import counterparties  # noqa: E402,F401
