"""Organisations and counterparties (people: people.py; agreements: agreements.py)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from reviewer.core.extract.base import Candidate, DocContext, words_before
from reviewer.core.extract.lexicon import ORG_WORDS, TITLE_WORDS, is_given_name, without_town
from reviewer.core.extract.normalize import collapse
from reviewer.core.extract.people import _is_stop, person_name_ok, persons  # noqa: F401 (persons, person_name_ok: read from here)
from reviewer.core.extract.wrapped import prose_text

# people: people.py (the engine and filing.py read persons and person_name_ok from here)

# -- organisations ---------------------------------------------------------------
# legal endings, here and abroad (longest spellings first where one opens another)
_ORG_SUFFIX = (
    r"(?:S\.A\.B\.\s+de\s+C\.V\.|S\.A\.\s+de\s+C\.V\.|S\.\s+de\s+R\.L\.\s+de\s+C\.V\.|"  # (Mexico's, before "S.A.")
    r"Inc\.?|Incorporated|Corporation|Corp\.?|Company|Co\.|LLC|L\.L\.C\.|LLP|L\.L\.P\.|L\.P\.|LP|"
    r"Ltd\.?|Limited|plc|PLC|P\.L\.C\.|N\.A\.|a\.s\.|AG|S\.A\.S\.|S\.A\.|SAS|SA|GmbH|N\.V\.?|NV|B\.V\.|BV|"
    r"S\.p\.A\.|SpA|SE|K\.K\.|KK|AB|ASA|Oyj|Oy|A/S|ApS|S\.à\s?r\.l\.|S\.a\.r\.l\.|SARL|S\.r\.l\.|Srl|S\.L\.|"
    r"Ltda\.?|Pte\.?\s+Ltd\.?|Pty\.?\s+Ltd\.?|Pty|Sdn\.?\s+Bhd\.?|Bhd\.?|Berhad|SCSp|S\.C\.A\.|SICAV|KGaA|Tbk|"
    r"PJSC|JSC|s\.r\.o\.|KG|(?<=,[ ])National[ ]Association|"
    # in capitals, as old filings write names ("QUILLON HOLDINGS CORP.", "ORLAN MANUFACTURING COMPANY")
    r"INC\.?|INCORPORATED|CORPORATION|CORP\.?|COMPANY|LIMITED|LTD\.?)"
)
_ORG_NOUN = (
    r"(?:Bank|Bancorp|Bancshares|Trust|Holdings|Partners|Group|Capital|Fund|Ventures|Investments|"
    r"Advisors|Associates|Credit\s+Union)"
)
# Anchored on the suffix; the name is then read leftwards word by word (fast on 10-Ks).
ORG_ANCHOR = re.compile(rf"(?P<legal>,?[ ]{_ORG_SUFFIX})(?![\w])|(?<=[ ])(?P<noun>{_ORG_NOUN})(?![\w])")
# (a country in brackets inside the name: "Norrland Bank Securities (USA) Inc.")
_ORG_TOKEN = re.compile(
    r"^(?:[A-Z0-9](?:[\w&'’-]|\.(?=\w))*(?:(?<=\b[A-Z])\.)?|&|(?:Co|Cos|Corp|Inc|Ltd|Pte|Pty|Sdn|Bhd)\.|"
    r"\((?:USA|U\.S\.A?\.|US|UK|U\.K\.|Canada|Europe|Asia|International|Australia|Japan|Germany|Ireland|"
    r"Singapore|Hong\s+Kong|Bermuda|Cayman|Luxembourg|Switzerland|Netherlands|France|China|India)\)|"
    r"\((?:Hong|New|South)|(?:Kong|Zealand|Africa)\))$"  # (the two words read one by one: "(Hong", "Kong)")
)
_ORG_LINK = frozenset({"of", "and", "for", "de", "the", "del", "du", "des", "der", "di"})


class _OrgMatch:
    """The part of the re.Match interface that callers of ORG.search use."""

    def __init__(self, text, start, end):
        self._text, self._start, self._end = text, start, end

    def start(self):
        return self._start

    def end(self):
        return self._end

    def group(self, *_):
        return self._text[self._start : self._end]


_SUFFIX_WORDS = (
    "Inc", "Incorporated", "Corporation", "Corp", "Company", "Co.", "LLC", "L.L.C.", "LLP", "L.L.P.",
    "L.P.", "LP", "Ltd", "Limited", "plc", "PLC", "N.A.", "a.s.", "AG", "S.A.", "GmbH", "N.V", "B.V.",
    "S.p.A.", "S. de", "SE", "Bank", "Bancorp", "Bancshares", "Trust", "Holdings", "Partners", "Group", "Capital",
    "Fund", "P.L.C.", "S.A.S.", "SA", "NV", "BV", "SpA", "K.K.", "KK", "AB", "ASA", "Oy", "A/S", "ApS", "S.à",
    "S.a.r.l.", "SARL", "S.r.l.", "Srl", "S.L.", "Ltda", "Pte", "Pty", "Sdn", "Bhd", "Berhad", "SCSp",
    "S.C.A.", "SICAV", "s.r.o.", "KGaA", "KG", "Tbk", "PJSC", "JSC", "Ventures", "Investments", "Advisors", "Associates", "Credit Union",
    "National Association", "INC", "INCORPORATED", "CORPORATION", "CORP", "COMPANY", "LIMITED", "LTD",
)


_SUFFIX_AFTER_BLANK = re.compile(
    " (?=[" + re.escape("".join(sorted({w[0] for w in _SUFFIX_WORDS}))) + "])(?="
    + "|".join(re.escape(w) for w in _SUFFIX_WORDS) + ")"
)


def _anchors(text: str, pos: int, endpos: int):
    """ORG_ANCHOR matches, found from the suffix words (str.find) rather than a scan."""
    hits = set()
    # each suffix word at or after pos, ending by endpos, with a blank before it: one scan for
    # all the words (the blank is the match)
    for blank in _SUFFIX_AFTER_BLANK.finditer(text, max(0, pos - 1), endpos):
        i = blank.start() + 1
        hits.add(i - 2 if i >= 2 and text[i - 2] == "," else i - 1)
    for i in sorted(hits):
        m = ORG_ANCHOR.match(text, i, endpos) or ORG_ANCHOR.match(text, i + 1, endpos)
        if m:
            yield m


# (or a dateline's dashes: "…March 10, 2004--Acme Instruments, Inc.", "(BUSINESS WIRE)--Acme")
_GLUED_SENTENCE = re.compile(r"^(?:[a-z][a-z]+[.!?]|[(\w).]*--|[(\w.]*[\d)](?:[—–…]|\.\.\.))([A-Z][\w&'’-]*)$")
# a legal ending that closes one name before "and" opens the next
_ENDS_NAME = re.compile(
    r"^(?:Inc|Corp|Ltd|LLC|L\.L\.C|LLP|L\.P|LP|plc|PLC|N\.V|N\.A|S\.A|AG|GmbH|B\.V|S\.p\.A|SE|Co|C\.V|Limited|Incorporated|"
    r"Corporation)\.?,?$")
# an investor's kind closing its name before "and" opens another ("Northfield Partners and Quillon Fund, L.P.")
_ENDS_INVESTOR = re.compile(r"^(?:Partners|Ventures|Management|Advisors|Investments|Capital)$")
# a bank, trust or fund closing its name before "and" opens a name of two words or more ("Pacific
# Bank and Harbor Capital Corporation"), unless the words after go on with the same name ("Harris
# Trust and Savings Bank", "First Bank and Trust Company")
_ENDS_KIND = re.compile(r"^(?:Bank|Bancorp|Bancshares|Trust|Holdings|Group|Fund)$")
_NAME_GOES_ON = frozenset({"Trust", "Savings", "Loan", "Banking", "Investment", "Insurance", "Trust,"})
# a bank named after its place ("Bank of Laurentia", "Royal Bank of Ostland"): whole before "and"
_BANK_OF = re.compile(r"(?:[A-Z][\w'’-]*[ ]){0,2}(?:Bank|Banco|Banque)[ ]of[ ](?:the[ ])?[A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*){0,2}")
_BANK_OF_END = re.compile(r"\b(?:Bank|Banco|Banque)[ ]of[ ](?:the[ ])?(?:[A-Z][\w'’-]*[ ]){0,2}[A-Z][\w'’-]*$")


class _OrgFinder:
    def finditer(self, text, pos=0, endpos=None):
        endpos = len(text) if endpos is None else endpos
        last_end = -1
        for m in _anchors(text, pos, endpos):
            if m.start() < last_end:
                continue
            last_end = m.end()
            if m.group("legal"):
                limit, anchor_start, end = 7, m.start(), m.end()
            else:
                limit, anchor_start, end = 4, m.start(), m.end()
            words = words_before(text, anchor_start, limit + 3)
            taken = []
            last_link = None
            for w_start, w_end in words:
                word = text[w_start:w_end]
                if taken and taken[-1] is None and (
                        _ENDS_NAME.match(word) or _BANK_OF_END.search(text, max(0, w_start - 60), w_end)
                        or (m.group("legal") and _ENDS_INVESTOR.match(word) and len(taken) >= 3)
                        or (_ENDS_KIND.match(word) and len(taken) >= 3
                            and _word_at(text, taken[-2]) not in _NAME_GOES_ON)
                        # "Jane Roe and the Roe Family Trust": "and the" opens a name of its own
                        or (last_link == "the" and word == "and")
                        # (a name of three words and a kind is whole: "A and Nordmarken Life Science Fund")
                        or (m.group("noun") and sum(1 for t in taken if t is not None) >= 3)):
                    break  # "Acme Ltd. and Beta Corp.": the legal ending closed the name before
                glued = _GLUED_SENTENCE.match(word)
                if glued:  # "…statement.Acme AI Limited is": a sentence's end glued to the name
                    taken.append(w_start + glued.start(1))
                    break
                if _ORG_TOKEN.match(word):
                    taken.append(w_start)
                    last_link = None
                elif word in _ORG_LINK and taken:
                    taken.append(None)  # a link word needs a capitalised word on its left
                    last_link = word
                    continue
                else:
                    break
                if sum(1 for t in taken if t is not None) >= limit:
                    break
            while taken and taken[-1] is None:
                taken.pop()
            if not taken:
                continue
            start = _after_repetition(text, taken[-1], end)
            if " & " in text[start:end]:  # "Hollis, Brandt & Co.": a partners' firm with a comma in its name
                comma = _FIRST_PARTNER.search(text, max(0, start - 30), start)
                if comma and not _is_stop(comma.group(1)) and comma.group(1).lower() not in _ORG_LEAD:
                    start = comma.start()
            if start < pos:
                continue
            yield _OrgMatch(text, start, end)

    def search(self, text, pos=0, endpos=None):
        return next(self.finditer(text, pos, endpos), None)


_FIRST_PARTNER = re.compile(r"(?<![\w.,&'’-])([A-Z][a-z][\w'’-]*), $")


def _word_at(text: str, pos: int) -> str:
    end = text.find(" ", pos, pos + 40)
    return text[pos : end if end >= 0 else pos + 40]


def _after_repetition(text: str, start: int, end: int) -> int:
    """Where the name starts when its words end with the same words twice: a heading run
    into its paragraph ("About Acme Partners Acme Partners (“Acme”)"), a sentence end the
    suffix's full stop hides ("a Division of Acme Inc. Acme Inc. (AI) has")."""
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", text[start:end])]
    for k in range(len(words) // 2, 1, -1):
        if [w for _, w in words[-k:]] == [w for _, w in words[-2 * k:-k]]:
            return start + words[-k][0]
    return start


ORG = _OrgFinder()
# the titles that no firm's name opens with ("Executive Vice President and Treasurer Acme Inc.")
_TITLE_LEAD = frozenset("""president vice chief executive officer treasurer secretary controller director
    chairman chairwoman chair ceo cfo coo evp svp vp""".split())
_ORG_LEAD = frozenset(
    """on in as at by for from with between among and also both when while if pursuant under to of per
    source contact contacts media investor investors about
    the a an its their his her our this that these those each such any all no with
    january february march april may june july august september october november december""".split()
)
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
    yield from _with_banks_of(text, found_all)


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
