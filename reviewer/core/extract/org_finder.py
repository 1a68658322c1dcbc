"""Organisations found in text: anchored on a legal ending ("Inc.", "GmbH", "S.A. de C.V.") or a
firm's kind ("Bank", "Partners"), each name read leftwards word by word within a bounded window,
closed where another name ends before "and" ("Pacific Bank and Harbor Capital Corporation")."""

from __future__ import annotations

import re

from reviewer.core.extract.base import words_before
from reviewer.core.extract.lexicon import is_given_name
from reviewer.core.extract.people import _is_stop

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
    r"\((?:USA|U\.S\.(?:A\.)?|US|UK|U\.K\.|Canada|Europe|Asia|International|Australia|Japan|Germany|Ireland|"
    r"Singapore|Hong\s+Kong|Bermuda|Cayman|Luxembourg|Switzerland|Netherlands|France|China|India)\)|"
    r"\((?:Hong|New|South)|(?:Kong|Zealand|Africa)\))$"  # (the two words read one by one: "(Hong", "Kong)")
)
_ORG_LINK = frozenset({"of", "and", "for", "de", "the", "del", "du", "des", "der", "di", "do", "da", "dos", "das"})


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
    r"Corporation|Company|SpA|S\.A\.S|SAS|Oy|Oyj|AB|ASA|A/S|ApS|K\.K|KK|Pte|Pty|Bhd|Ltda|S\.r\.l|SARL|BV|NV)\.?,?$")
# an investor's kind closing its name before "and" opens another ("Northfield Partners and Quillon Fund, L.P.")
_ENDS_INVESTOR = re.compile(r"^(?:Partners|Ventures|Management|Advisors|Investments|Capital)$")
# a bank, trust or fund closing its name before "and" opens a name of two words or more ("Pacific
# Bank and Harbor Capital Corporation"), unless the words after go on with the same name ("Harris
# Trust and Savings Bank", "First Bank and Trust Company")
_ENDS_KIND = re.compile(r"^(?:Bank|Bancorp|Bancshares|Trust|Holdings|Group|Fund)$")
_NAME_GOES_ON = frozenset({"Trust", "Savings", "Loan", "Banking", "Investment", "Insurance", "Trust,"})
# a bank named after its place ("Bank of Laurentia", "Royal Bank of Ostland"): whole before "and"
_BANK_OF = re.compile(r"(?:[A-Z][\w'’-]*[ ]){0,3}(?:Bank|Banco|Banque)[ ]of[ ](?:the[ ])?[A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*){0,2}")
_BANK_OF_END = re.compile(r"\b(?:Bank|Banco|Banque)[ ]of[ ](?:the[ ])?(?:[A-Z][\w'’-]*[ ]){0,2}[A-Z][\w'’-]*$")


class _OrgFinder:
    def finditer(self, text, pos=0, endpos=None):
        endpos = len(text) if endpos is None else endpos
        last_end = -1
        for m in _anchors(text, pos, endpos):
            if m.start() < last_end:
                continue
            last_end = m.end()
            if m.group("legal") and _COMPANY_TITLE.match(text, m.end()) and m.group("legal").lstrip(", ") == "Company":
                continue  # "Jane Roe, Company Secretary": a title
            if m.group("legal"):
                limit, anchor_start, end = 7, m.start(), m.end()
            else:
                limit, anchor_start, end = 4, m.start(), m.end()
            words = words_before(text, anchor_start, limit + 3)
            taken = []
            last_link = None
            firm_before = None  # a firm's name before "and" that opens as firms' do
            for w_start, w_end in words:
                word = text[w_start:w_end]
                if taken and taken[-1] is None and (
                        _ENDS_NAME.match(word) or _BANK_OF_END.search(text, max(0, w_start - 60), w_end)
                        or (m.group("legal") and _ENDS_INVESTOR.match(word) and len(taken) >= 3)
                        or (_ENDS_KIND.match(word) and len(taken) >= 3 and last_link == "and"
                            and _word_at(text, _last_taken(taken)) not in _NAME_GOES_ON)
                        # "Jane Roe and the Roe Family Trust": "and the" opens a name of its own
                        or (last_link == "the" and word == "and")
                        # (a name of three words and a kind is whole: "A and Nordmarken Life Science Fund")
                        or (m.group("noun") and sum(1 for t in taken if t is not None) >= 3)):
                    break  # "Acme Ltd. and Beta Corp.": the legal ending closed the name before
                glued = _GLUED_SENTENCE.match(word)
                if glued:  # "…statement.Acme AI Limited is": a sentence's end glued to the name
                    taken.append(w_start + glued.start(1))
                    break
                glued = _GLUED_NAME.match(word)
                if glued and _given_name_before(text, w_start):
                    # "Contact: Jane Roe-LindQuillon Labs, Inc.": a contact's surname glued to the firm
                    taken.append(w_start + glued.start(1))
                    break
                if word.rstrip(",").lower() in _OFFICES:
                    break  # "Jane Roe Chief Financial Officer Acme Ltd.": a contact's title before the firm
                if _ORG_TOKEN.match(word):
                    taken.append(w_start)
                    last_link = None
                elif word in _ORG_LINK and taken:
                    if word == "and" and _person_before(text, w_start):
                        break  # "from Jane Roe-Lind and Quarry Holdings SAS": a person, then the firm
                    if word == "and" and _word_at(text, _last_taken(taken)) in _FIRM_HEADS:
                        # a name that opens as firms' names do, after another: "Landesbank X and Banco Y, S.A."
                        firm_before = _FIRM_BEFORE_AND.search(text, max(0, w_start - 80), w_start)
                        break
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
            if firm_before and firm_before.start("name") >= pos:
                yield _OrgMatch(text, firm_before.start("name"), firm_before.end("name"))
            yield _OrgMatch(text, start, end)

    def search(self, text, pos=0, endpos=None):
        return next(self.finditer(text, pos, endpos), None)


# a surname, then a capital opening the firm's name with no blank between ("Roe-LindQuillon")
_GLUED_NAME = re.compile(r"^(?!Mac|Mc|Van|Von|Fitz|De|Di|La|Le)(?:[A-Z][a-z]+-)?[A-Z][a-z]{2,}([A-Z][a-z][\w&'’-]*)$")
_WORD_BEFORE = re.compile(r"(?<![\w&'’-])([A-Z][a-z]+)[ ]$")


# the offices a contact's title ends with, which no firm's name holds
_OFFICES = frozenset("officer president ceo cfo coo cto chairman chairwoman chairperson treasurer secretary "
                     "controller vp evp svp".split())
# words that open a firm's name, never go on with one after "and"
_FIRM_HEADS = frozenset("Banco Banque Banca Bank Grupo Groupe Hausbank Landesbank Sparkasse Caisse Crédit Société "
                        "Compagnie".split())
_FIRM_BEFORE_AND = re.compile(
    r"(?<![\w&'’-])(?P<name>(?:" + "|".join(_FIRM_HEADS) + r")(?:[ ](?:[A-Z][\w'’&.-]*|de|of|du|des|del|di)){1,4})[ ]$")
# a person's two names after a list's comma or a deal's word, just before "and"
_PERSON_BEFORE_AND = re.compile(r"(?:[,;]|\bfrom|\bwith|\bto|\bby)[ ]([A-Z][\w'’-]+)[ ][A-Z][\w'’-]+[ ]$")


def _person_before(text: str, start: int) -> bool:
    m = _PERSON_BEFORE_AND.search(text, max(0, start - 60), start)
    return bool(m) and is_given_name(m.group(1))


def _given_name_before(text: str, start: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return bool(m) and is_given_name(m.group(1))


_COMPANY_TITLE = re.compile(r"[ ](?:Secretary|Counsel|Spokesperson|Director|Chair(?:man)?)\b")
_FIRST_PARTNER = re.compile(r"(?<![\w.,&'’-])([A-Z][a-z][\w'’-]*), $")


def _last_taken(taken: list) -> int:
    """The start of the last word taken (link words are held as None: "of the" gives two)."""
    return next(t for t in reversed(taken) if t is not None)


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
# sentence words no firm's name opens with ("On", "With", "The" inside a sentence)
_ORG_LEAD = frozenset(
    """on in as at by for from with between among and also both when while if pursuant under to of per
    source contact contacts media investor investors about
    the a an its their his her our this that these those each such any all no with
    january february march april may june july august september october november december""".split()
)

# read by names.py
ORG_NOUN, ENDS_NAME, BANK_OF, ORG_LEAD = _ORG_NOUN, _ENDS_NAME, _BANK_OF, _ORG_LEAD
