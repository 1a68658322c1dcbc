"""The shape of a person's name: its capitalised run (any Latin script, accents, particles,
suffixes), its words, and its forms, so that each person is kept once under the fullest name
written ("Jane Roe" under "Jane Q. Roe", "Bob Roe" under "Robert Roe")."""

from __future__ import annotations

import re
from functools import lru_cache

from reviewer.core.extract.base import Candidate
from reviewer.core.extract.lexicon import NICKNAMES, STOP, fold, is_given_name, is_surname


def _letters(test) -> str:
    chars = "".join(chr(c) for r in ((0xC0, 0x250), (0x1E00, 0x1F00)) for c in range(*r) if test(chr(c)))
    return re.escape(chars)


UP = "A-Z" + _letters(str.isupper)
LO = "a-z" + _letters(str.islower)
APOS = "'’"
# hyphenated and apostrophe names ("Müller-Bérard", "N'Diaye"), never a possessive ("Roe's")
_WORD = rf"[{UP}][{LO}]+(?:-[{UP}]?[{LO}]+|[{APOS}](?:[{UP}][{LO}]+|[{LO}]{{2,}}))*"
_FIRST = (
    rf"(?:(?:Mc|Mac|O[{APOS}]|D[{APOS}])[{UP}][{LO}]+(?:-[{UP}][{LO}]+)*|[{UP}][{LO}]{{0,3}}[{UP}][{LO}]+(?:-[{UP}]?[{LO}]+)*|{_WORD}|[{UP}]\."
    rf"|\([\"“]?{_WORD}[\"”]?\)|[\"“]{_WORD}[\"”])"  # a nickname: "(Tom)", "(“Tom”)", "“Tom”"
)
# after the first, two initials may run together ("Joost W.M. Hendriksen"; "J.P. Morgan" is a firm)
_TOKEN = rf"(?!(?:Jr|Sr)\.)(?:[{UP}]\.[{UP}]\.|{_FIRST})"  # ("Jr." is a suffix, never a word of the name)
# (with the Irish "Ó" and "Ní": "Seán Ó Riordáin")
PARTICLE = r"(?:van|von|de|del|della|der|den|da|di|du|dos|das|la|le|bin|ibn|al|el|ter|ten|zu|Ó|Ní)"
# the longest numeral first: "Dickson III" is never "Dickson II" and a stray "I"
_SUFFIX = r"(?:,?\s(?:Jr\.|Sr\.|III|II|IV)(?![A-Za-z]))"
# a run of capitalised tokens; what follows may be glued to it ("Jane DoePresident", "Jane Doe1408")
NAME_RUN = re.compile(
    rf"(?=[{UP}])(?<![\w&{APOS}])(?!(?<=-)[{UP}]\.)(?:(?<!\.)|(?<=[a-z]{{2}}\.))(?:{_FIRST})(?:(?:(?<=[{UP}]\.)  | (?:{PARTICLE} ){{0,2}})(?:{_TOKEN})){{1,7}}{_SUFFIX}?"
    rf"(?![{LO}&]|[{APOS}][{LO}]{{2}}|-[{UP}{LO}0-9])"  # never a word cut at its hyphen ("See Non-GAAP")
)
# what goes on from a signed name into a firm's ("/s/ Hollis Brandt & Associés", "/s/ Roe Partners LLP")
FIRM_AFTER = re.compile(r"[ ](?:&|LLP\b|L\.L\.P\.|LLC\b|P\.?C\.|CPAs?\b|Chartered\b)")
INITIAL = re.compile(rf"^[{UP}]\.(?:[{UP}]\.)?$")  # (two run together: "Joost W.M. Hendriksen")
NICK = re.compile(r"^[(\"“].*[)\"”]$")
SUFFIXES = ("Jr.", "Sr.", "II", "III", "IV")


MONTHS = frozenset("""january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split())


def month_as_given_name(tokens: list[str], i: int, beside: bool = False) -> bool:
    """A month opening a name before an initial is a given name ("Jan H. Varga", "April M.
    Jones"): a date goes on with a day or a year. Beside a title or a speech verb, so is one
    before a surname ("Jun Nakashima, Chief Executive Officer")."""
    if i or len(tokens) < 2 or tokens[0].lower() not in MONTHS:
        return False
    if len(tokens) > 2 and INITIAL.match(tokens[1]):
        return True
    nxt = tokens[1].rstrip(",")
    return beside and nxt[:1].isupper() and nxt.lower() not in MONTHS and not is_stop(nxt) and is_surname(nxt)


@lru_cache(maxsize=65536)
def is_stop(token: str) -> bool:
    if INITIAL.match(token):
        return False
    word = token.rstrip(".,").lower()
    return word in STOP or (word.endswith("s") and word[:-1] in STOP)


def signer_at(name: str) -> int:
    """Where the one who signs begins in a signed name: after "by" when someone signs for the
    person ("Jane Roe by John Poe, Attorney-in-Fact"), else 0."""
    by = name.rfind(" by ")
    return by + 4 if by > 0 else 0


def tokens(run: str) -> list[str]:
    return [t for t in run.replace(",", "").split(" ") if t]


def core(words: list[str]) -> list[str]:
    return [t for t in words if t not in SUFFIXES and not NICK.match(t) and not re.fullmatch(PARTICLE, t)]


# -- one entry per person -------------------------------------------------------------
def name_form(value: str) -> tuple[str, ...]:
    """A name's words, lower case and without accents, suffixes or nicknames in brackets."""
    return tuple(fold(t).lower().rstrip(".") for t in core(tokens(value)))


def shorter_form_of(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether ``short`` names the same person as ``full`` with fewer words ("Jane Roe" and
    "Jane Q. Roe"), or with a nickname for the first name ("Bob Roe", "Robert Roe"; "Herb Roe",
    "Herbert Roe")."""
    if not short or not full or short == full or len(short) > len(full):
        return False
    if len(short) >= 2 and len(full) >= 3 and full[:len(short)] == short and all(map(is_surname, full[len(short):])):
        return True  # the opening words of a longer name, surnames after: "María José" of "María José Fernández Ortega"
    if short[-1] != full[-1]:
        return False
    if len(set(full)) < len(full):
        return False  # a name written twice is no fuller name
    firsts = {short[0]} | NICKNAMES.get(short[0], frozenset())
    if len(short[0]) >= 3 and full[0].startswith(short[0]):
        firsts.add(full[0])  # a short form that opens the given name: "Herb" for "Herbert", "Stan" for "Stanley"
    for first in firsts:
        if len(short) == len(full) and first == short[0]:
            continue
        words = (first,) + short[1:]
        it = iter(full)
        if all(any(w == f or (len(w) == 1 and f.startswith(w)) for f in it) for w in words):
            return True
    return False


_MAX_SAME_SURNAME = 40


def fullest_forms(found: list[Candidate]) -> list[Candidate]:
    """Drop the mentions of a person written more briefly elsewhere, when exactly one fuller
    form matches ("Jane Roe" under "Jane Q. Roe"; "Bob Roe" under "Robert Roe")."""
    forms: dict[tuple[str, ...], None] = {}
    nicknames: dict[tuple[str, ...], set[str]] = {}  # the nicknames a form is written with ("Augustin “Gus” Roe")
    suffixed: set[tuple[str, ...]] = set()  # the forms also written with a suffix ("Jane Roe Jr.")
    for c in found:
        form = name_form(c.value)
        forms.setdefault(form, None)
        words = tokens(c.value)
        for t in words:
            if NICK.match(t):
                nicknames.setdefault(form, set()).add(fold(t.strip("()\"“”")).lower())
        if words and words[-1] in SUFFIXES:
            suffixed.add(form)
    by_last: dict[str, list[tuple[str, ...]]] = {}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for f in forms:
        if f:
            by_last.setdefault(f[-1], []).append(f)
            by_first.setdefault(f[0], []).append(f)
    drop = set()
    for f in forms:
        same_last = by_last.get(f[-1] if f else "", [])
        same_first = by_first.get(f[0] if f else "", [])
        if len(same_last) > _MAX_SAME_SURNAME or len(same_first) > _MAX_SAME_SURNAME:
            continue  # a roll of namesakes: no merging (and no pass over every pair)
        fuller = [g for g in same_last if shorter_form_of(f, g)
                  or (g != f and len(f) <= len(g) and f[0] in nicknames.get(g, ()))]  # ("Gus Roe")
        # (or the opening words of a longer name: "María José" of "María José Fernández Ortega")
        fuller += [g for g in same_first if g[-1] != f[-1] and shorter_form_of(f, g)]
        # the fullest of a chain ("Jane Roe" < "Jane Q. Roe" < "Jane Quinn Roe") is one person
        tops = [g for g in fuller if not any(shorter_form_of(g, h) for h in fuller)]
        if len(tops) == 1:
            drop.add(f)
    # (and the same words in another order, as a form's owner field writes them: "Roe Jane" and "Jane Roe")
    seen_words: dict[tuple[str, ...], tuple[str, ...]] = {}
    for f in forms:
        key = tuple(sorted(f))
        if len(f) >= 2 and key in seen_words and seen_words[key] != f:
            drop.add(f)
        seen_words.setdefault(key, f)
    # (and a name written once without its suffix is the same person: "Jane Roe" beside "Jane Roe Jr.")
    return [c for c in found if name_form(c.value) not in drop
            and not (name_form(c.value) in suffixed and tokens(c.value)[-1] not in SUFFIXES)]


BYLINE = re.compile(r"(?:^|\n)[ \t]*By[ \t]+$")


def byline_end(text: str, start: int, end: int) -> int:
    """A byline "By First Last Outlet" ends the name before the outlet: a last word on the
    line that is neither surname nor given name, after one that is a surname."""
    if not BYLINE.search(text, max(0, start - 12), start) or not (end == len(text) or text[end] in "\r\n"):
        return end
    run = text[start:end]
    words = run.split()
    if len(words) >= 3 and not is_surname(words[-1]) and not is_given_name(words[-1]) and is_surname(words[-2]):
        return start + len(run.rsplit(None, 1)[0].rstrip())
    return end


# a contact label glued to the name after it, as text copied from a web page runs together
# ("Investor RelationsJane Roe", "Media InquiriesHannah Whitcombe-Oduya")
GLUED_LABEL = re.compile(r"(?:Relations|Inquiries|Enquiries|Contacts?|Media|Investors?|Information|Communications)"
                          rf"(?=[{UP}][{LO}])")
_GLUED_RUN = re.compile(NAME_RUN.pattern.replace(rf"(?<![\w&{APOS}])", "", 1))


def glued_runs(text: str):
    """Name runs that open right after a glued contact label (NAME_RUN never opens after a letter)."""
    for label in GLUED_LABEL.finditer(text):
        m = _GLUED_RUN.match(text, label.end())
        if m:
            yield m
