"""People's names: capitalised runs (any Latin script, accents included) read as names from
the given-name lists or from what stands beside them (a title, "said", "/s/", an honorific),
with addresses and organisation names left out, and each person kept once under the fullest
name written (the name's shape and forms: people_forms.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reviewer.core.extract.base import Candidate, DocContext
from reviewer.core.extract.lexicon import (
    FIRMS_NAMED_LIKE_PEOPLE, HEADLINE_VERBS as _HEADLINE_VERBS, LABEL_WORDS, LEGAL_WORDS,
    NAME_NUMBER_WORDS as _NUMBER_WORDS, ORG_WORDS, PLACE_NAMES, PLACE_WORDS, STREET_WORDS, TITLE_TAILS,
    TITLE_WORDS, US_STATES, fold, given_names, is_given_name, is_surname,
)
from reviewer.core.extract.normalize import collapse
from reviewer.core.extract.people_forms import (  # LO and UP are read from here too
    FIRM_AFTER, INITIAL as _INITIAL, LO, MONTHS as _MONTHS, NAME_RUN, is_stop as _is_stop,
    month_as_given_name as _month_as_given_name, signer_at, NICK as _NICK, PARTICLE as _PARTICLE, SUFFIXES as _SUFFIXES, UP,
    GLUED_LABEL, byline_end, core as _core, fullest_forms, glued_runs, name_form as _form,
    shorter_form_of as _shorter_form_of, tokens as _tokens,
)
from reviewer.core.extract.people_contacts import (
    FIRM_REST, after_contact_label, before_label, contact_beside, label_at,
)
from reviewer.core.extract.people_tables import list_mates, row_mates
from reviewer.core.extract.people_titles import TITLE_ALONE, TITLE_MODIFIERS, is_title
from reviewer.core.extract.wrapped import prose_text


_CAMEL = re.compile(rf"(?<=[{LO}])(?=[{UP}])")
_XML_PERSON = re.compile(r"^(?:rptOwnerName|reportingOwnerName|signatureName):\s*(?:/s/\s*)?([^,\n]+)", re.M)

# what stands beside a name and makes it one (each looked for in a short window)
_STRONG_BEFORE = re.compile(r"(?:/s/|Name:)\s*$")
_TITLE_AFTER = re.compile(
    r"^(?:,|\s[-–—]|\s\(|\s+as\s+(?=[A-Z])|)\s*(?:the\s+|our\s+|its\s+|a\s+|an\s+|his\s+|her\s+)?"  # ("… as Chief Operating Officer")
    r"(?:(?<=the\s)(?:Company|Corporation|Bank|Fund|Trust|Partnership)['’]s\s+)?"  # (", the Company’s Controller")
    r"(?:(?:former|outgoing|incoming|current|new|founding|longtime|then|sole|remaining|only)\s+){0,2}(?P<word>[A-Za-z&-]+)",
)
_SPEECH = re.compile(
    # (and who follows whom in an office: "Ms. Roe succeeds Jane Poe, who retires")
    r"\b(?:succeeds|succeeded|succeeding|replaces|replaced|replacing|"
    r"said|says|stated|states|commented|comments|added|adds|noted|notes|explained|explains|"
    r"remarked|continued|concluded|according\s+to|led\s+by|joined\s+by)\s*,?\s*$"
)  # in lower case: "United States" is no speech verb
_SPEECH_AFTER = re.compile(
    r"^,?\s*(?:said|says|stated|commented|added|noted|explained|remarked|continued|concluded)\b"
)
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Messrs)\.?\s*$")
# a title just before ("Founder Jane Roe"); after "Vice President, " comes a department
_TITLE_BEFORE = re.compile(r"(?<![,\w])(?:[A-Z][A-Za-z-]*\s+)?(?P<word>[A-Za-z]+)[ \t]+$")
# roles only firms take ("... served as placement agent")
_FIRM_ROLE = re.compile(
    r"[^.;]{0,60}?\b(?:served|serving|serves|acted|acting|acts|act|will\s+act|was|were|is)\s+as\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:(?:sole|lead|joint|co-?|global|exclusive|financial|lead-left)\s*)*(?:placement\s+agents?|underwriters?|"
    r"book-?runn(?:ers?|ing\s+managers?)|arrangers?|dealer-managers?|dealers?|lenders?|administrative\s+agents?|"
    r"(?<=financial\s)advis[eo]rs?)",
    re.I,
)
# an address: a street word, a state or a postcode after the words
_CITY_AFTER = re.compile(rf"^,\s*(?:{US_STATES})\b(?!\.?\s*[a-z])|^,?\s+\d{{5}}(?:-\d{{4}})?\b")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|near|of|based|headquartered|located|offices?)\s+$", re.I)


_TIME_PREPOSITION = re.compile(r"\b(?:in|on|since|by|until|till|during|through|from|before|after|of|early|late|mid)\s+$", re.I)


_DESCRIPTIONS = ("-based", "-listed", "-owned", "-headquartered", "-registered")


def person_name_ok(tokens: list[str], *, strong_context: bool = False, beside: bool = False) -> bool:
    """Whether capitalised tokens look like a person's name: after "/s/" (``strong_context``)
    any that are not a title; beside a title or a speech verb (``beside``) any that are no
    stop, place or organisation words; elsewhere a known given name must open them."""
    core = _core(tokens)
    if len(core) < 2 or len(core) > 5 or core[0].lower() in _HEADLINE_VERBS or core[-1].lower() in _HEADLINE_VERBS \
            or core[-1].lower() in TITLE_MODIFIERS and not is_surname(core[-1]) or core[-1].lower().endswith(_DESCRIPTIONS) \
            or [t.lower() for t in core[-2:]] == ["toll", "free"]:
        # (nor ends as a title opens: "Valley Regional" President; nor describes: "Hong Kong-based")
        return False  # ("… and Begins U.S. Commercial Launch", "Jane Roe Joins": a headline's verb is in no name)
    if any(t.lower() in _NUMBER_WORDS for t in core):
        return False  # ("Two Hundred Fifty Thousand U.S. Dollars")
    words = [t for t in core if not _INITIAL.match(t)]
    if not words or (len(core[0]) == 4 and _INITIAL.match(core[0])):
        return False  # (two initials run together open no name: "J.P. Morgan", "U.S. Steel")
    if strong_context:
        return not any(t.rstrip(".,").lower() in TITLE_WORDS for t in core)
    if any(_is_stop(t) and not (i == len(core) - 1 and t.lower() in PLACE_WORDS) and not _month_as_given_name(core, i, beside or strong_context)
           for i, t in enumerate(core)):
        return False
    # (a surname that is also a street word closes a name beside a title: "Hyun-woo Park, CFO")
    if any(fold(t).lower() in ORG_WORDS or (t.rstrip(".").lower() in STREET_WORDS
                                           and not (beside and i == len(core) - 1 and t[-1:] != "." and is_surname(t)))
           for i, t in enumerate(core)):
        return False
    if _INITIAL.match(core[-1]):
        return False
    if any(_QUOTED_NICK.match(t) for t in tokens[1:-1]):
        return True  # a nickname in quotes between the names ("Augustin “Gus” Roe") is a person's
    if beside:
        return len(words) >= 2 or (len(words) == 1 and len(core) >= 2 and not _INITIAL.match(core[-1]))
    if is_given_name(words[0]) or _month_as_given_name(core, 0):
        return True
    has_initial = any(_INITIAL.match(t) for t in core[:-1])
    return has_initial and len(words) >= 2


def persons(ctx: DocContext) -> Iterator[Candidate]:
    # names and the titles beside them read over hard wraps ("Jane Q.\nRoe, Chief Financial\n
    # Officer"): the unwrapped copy has the document's offsets
    prose = prose_text(ctx)
    found: list[Candidate] = []
    for m in NAME_RUN.finditer(prose):
        for start, end in _split_runs(prose, m.start(), before_label(prose, m.start(), m.end())):
            candidate = _person(ctx, prose, start, end)
            if candidate:
                found.append(candidate)
    for m in glued_runs(prose):  # a name glued to the label before it ("Investor RelationsJane Roe")
        for start, end in _split_runs(prose, m.start(), m.end()):
            candidate = _person(ctx, prose, start, end)
            if candidate:
                found.append(candidate)
    text = ctx.text
    for m in _XML_PERSON.finditer(text):
        name = m.group(1).strip()
        start = m.start(1) + m.group(1).index(name)
        signer = signer_at(name)  # ("/s/ Jane Roe by John Poe, Attorney-in-Fact": the one who signs for her)
        start, name = start + signer, name[signer:]
        found.append(Candidate("person", start, start + len(name), name, 0.9, "rules.person.xml"))
    found.extend(row_mates(ctx, prose, found, _cell_is_name))
    found.extend(list(list_mates(prose, found, _listed_is_name, NAME_RUN)))
    aliases = getattr(ctx, "org_aliases", {})
    if aliases:  # a firm's short name is no person ("Red Draw Minerals, L.P. (“Red Draw”)")
        found = [c for c in found if c.value.lower() not in aliases]
    kept = fullest_forms(found)
    ctx.persons_found = kept  # read by the counterparty rule (individual sellers, investors)
    yield from kept


def _cell_is_name(text: str, start: int, end: int) -> bool:
    """A table cell text[start:end] that is a whole name, read as beside its row's other names."""
    name = text[start:end]
    return ("(" not in name and bool(NAME_RUN.fullmatch(name)) and _run_name_ok(name, False, True)
            and not _not_a_person(text, start, end, text[max(0, start - 40):start], text[end:end + 40]))


def name_before_firm(text: str, start: int, end: int) -> int:
    """Where a contact's name ends inside a run that goes on into the firm's name, or 0."""
    words = list(re.finditer(r"\S+", text[start:end]))
    size = 3 if len(words) >= 4 and _INITIAL.match(words[1].group()) else 2
    if len(words) <= size:
        return 0
    name_end = start + words[size - 1].end()
    if not FIRM_REST.match(text, name_end, name_end + 80) or not _run_name_ok(text[start:name_end], False, True):
        return 0
    return name_end


def _listed_is_name(text: str, start: int, end: int) -> bool:
    """An item of a list of people that is a whole name, and no title ("Jane Roe, Non-Executive Chair")."""
    words = [w.strip(",").lower() for w in text[start:end].replace("-", " ").split()]
    return not any(w in TITLE_WORDS or w in TITLE_ALONE for w in words) and _cell_is_name(text, start, end)


def _person(ctx: DocContext, text: str, start: int, end: int) -> Candidate | None:
    """A person's name at text[start:end] (``text``: the document's unwrapped text)."""
    run = text[start:end]
    if GLUED_LABEL.match(text, start):
        return None  # "RelationsJane Roe": the name opens after the label (glued_runs)
    if _DEFINED_BEFORE.search(text, max(0, start - 16), start):
        return None  # a defined term in quotes ("the First National Bank of Lowell (“Lowell National”)")
    caps = _CAPS_AFTER.match(text, end)
    if caps and (run.rsplit(" ", 1)[-1] + caps.group()).lower() in LEGAL_WORDS:
        return None  # a firm's legal ending cut at its capital ("Aurelia Beteiligungs Gmb|H")
    before = text[max(0, start - 40) : start]
    after = text[end : end + 40]
    strong = bool(_STRONG_BEFORE.search(before[-12:]))
    if strong and FIRM_AFTER.match(after):
        return None  # an auditor's signature ("/s/ Hollis Brandt & Associés", "/s/ Roe Partners LLP")
    if run.split(" ", 1)[0].lower() in _MONTHS and _TIME_PREPOSITION.search(before):
        return None  # "in March J. Roe left": the month is a date's
    # (a run of three words or more, then the label: the cheap test first, on every run of a 10-K)
    firm_cut = run.count(" ") >= 2 and after_contact_label(before) and name_before_firm(text, start, end)
    if firm_cut:  # "Agency Contact: Jane Roe Harbinger Crest Communications (555) ...": the name, then the firm
        end, run, after = firm_cut, text[start:firm_cut], text[firm_cut:firm_cut + 40]
    elif not strong and (_not_a_person(text, start, end, before, after) or _EMPLOYER_OF.search(before)):
        return None  # (a title's "of" names an employer: "Chief Executive Officer of Ashby Hartley, said")
    beside = bool(firm_cut) or (not strong and _beside(before, after))
    if not _run_name_ok(run, strong, beside):
        # a first cell of a vote table row ("Jane Roe<TAB>1,806,...") is a name
        if not (_vote_row(ctx, start, end) and _run_name_ok(run, True, False)):
            return None
    confidence = 0.8 if strong else 0.75 if beside else 0.7
    end = byline_end(text, start, end)
    return Candidate("person", start, end, _collapse(text[start:end]), confidence, "rules.person")


@lru_cache(maxsize=65536)
def _run_name_ok(run: str, strong: bool, beside: bool) -> bool:
    """``person_name_ok`` on the tokens of a run (a pure function of its text, asked once)."""
    return person_name_ok(_tokens(run), strong_context=strong, beside=beside)


_collapse = lru_cache(maxsize=65536)(collapse)


def _beside(before: str, after: str) -> bool:
    """A title, a speech verb or an honorific next to the name."""
    t = _TITLE_AFTER.match(after)
    if t and is_title(t.group("word"), after, t.end()):
        return True
    if _SPEECH.search(before) or _SPEECH_AFTER.match(after) or _HONORIFIC.search(before) or _AGE_AFTER.match(after) \
            or _DESIGNATION_AFTER.match(after):  # (or a profession's letters: "Jane Roe, P.Geo., the qualified person")
        return True  # (an age after the name: "the Board appointed Jane Roe, 52, as ...")
    b = _TITLE_BEFORE.search(before)
    if b and b.group("word")[:1].isupper() and b.group("word").lower() in TITLE_ALONE:
        return True
    return contact_beside(before, after)


_DEFINED_BEFORE = re.compile(r"\((?:the\s+|each,?\s+|collectively,?\s+|together,?\s+)?[\"“]$")
_CAPS_AFTER = re.compile(r"[A-Z]{1,3}\b")
_EMPLOYER_OF = re.compile(
    r"\b(?:Officer|President|Chair(?:man|woman|person)?|Director|Founder|CEO|CFO|COO|Head|Partner|Manager|Secretary|"
    r"Treasurer|Counsel|Controller)\s+of\s+(?:the\s+)?$")
_AGE_AFTER = re.compile(r",\s*(?:age\s+|aged\s+)?[2-9]\d,")
def _not_a_person(text: str, start: int, end: int, before: str, after: str) -> bool:
    """An address, a place or an organisation whose name opens with a first-name-like word."""
    nxt = _NEXT_WORD.match(after)
    if nxt and not (nxt.start(1) == 0 and nxt.group(1)[:1].isupper()):  # (a word glued on is a title's)
        word = nxt.group(1)
        low = word.rstrip(".").lower()
        if word == "&" or low in STREET_WORDS or (low in ORG_WORDS and word[:1].isupper()
                                                 and not is_title(word, after, nxt.end(1))
                                                 and not label_at(after, nxt.start(1))):
            return True  # (a title may open with one: "Jane Roe, Company Secretary"; a label too)
        if word[:1].isupper() and (low in LEGAL_WORDS or low in _SECURITY_WORDS):
            return True  # ("Junior Subordinated Notes": a class of securities)
    if _CITY_AFTER.match(after) or _FIRM_ROLE.match(text, end, end + 120):
        return True
    if _collapse(text[start:end]).lower() in FIRMS_NAMED_LIKE_PEOPLE:
        return True  # "Morgan Stanley", "Raymond James": firms, whatever stands beside them
    last_place, place_name = _run_places(text[start:end])
    if last_place and _PLACE_BEFORE.search(before):
        return True
    return place_name


_DESIGNATION_AFTER = re.compile(r",\s*(?:P\.\s?Geo|P\.\s?Eng|P\.\s?Geol|Ph\.\s?D|M\.\s?D|CPA|CFA|FCA|Eur\s?Ing|C\.\s?Eng)\.?(?=[,;\s])")
_QUOTED_NICK = re.compile(r"^[\"“][A-Z][a-z]+[\"”]$")
_SECURITY_WORDS = frozenset({"notes", "debentures", "bonds", "securities", "shares", "stock", "units", "warrants",
                             "preferred", "depositary"})
# the word after the name, past a suffix ("Ivan Allen Jr. Boulevard": the street's)
_NEXT_WORD = re.compile(r"(?:,?\s+(?:Jr\.|Sr\.|III|II|IV)(?=\s))?\s*([&]|[A-Za-z.]+)")


@lru_cache(maxsize=65536)
def _run_places(run: str) -> tuple[bool, bool]:
    """(the run's last core word is a place word, its core words are a place's name)."""
    tokens = _core(_tokens(run))
    return (bool(tokens) and tokens[-1].lower() in PLACE_WORDS,
            " ".join(fold(t).lower() for t in tokens) in PLACE_NAMES)


def _split_runs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sub-runs of a capitalised run between stop words ("President Jane Roe"), a run glued
    to a title cut there ("Jane RoePresident"), and a run that repeats a name cut in two."""
    for s, e in _run_splits(text[start:end]):
        yield start + s, start + e


@lru_cache(maxsize=65536)
def _run_splits(run: str) -> tuple[tuple[int, int], ...]:
    """``_split_runs`` on a run alone, as offsets into it: the splits read nothing outside the
    run, so each distinct run is split once."""
    end = _cut_glued(run, 0, len(run))
    last = run.rfind(" ", 0, end)
    if last > 0 and _NICK.match(run[last + 1 : end]):
        end = last  # a word in brackets after the name is its role ("Jane Roe (Chair)"), no nickname
    return tuple(span for run_start, run_end in _stop_runs(run, 0, end) for span in _segment(run, run_start, run_end))


def _cut_glued(text: str, start: int, end: int) -> int:
    for tok in re.finditer(r"[^ ]+", text[start:end]):
        word = tok.group()
        for cut in _CAMEL.finditer(word):
            tail = re.match(r"[A-Za-z]+", word[cut.start():])
            if tail and tail.group().lower() in _GLUED_WORDS:
                return start + tok.start() + cut.start()
    return end


_GLUED_WORDS = TITLE_WORDS | LABEL_WORDS


def _segment(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    tokens = list(re.finditer(r"[^ ]+", text[start:end]))
    words = [t.group() for t in tokens]
    if len(tokens) in (2, 4, 6) and words[: len(words) // 2] == words[len(words) // 2 :] and len(words) > 2:
        half = len(tokens) // 2  # a name written twice ("Jane Roe Jane Roe")
        yield start, start + tokens[half - 1].end()
        yield start + tokens[half].start(), end
        return
    if len(tokens) - (words[-1] in _SUFFIXES) <= 4:  # ("Jane Q. Roe Santos Jr.": a suffix is no word)
        yield start, end
        return
    names = given_names()
    cut = 0
    for i in range(2, len(tokens)):
        word = tokens[i].group().rstrip(",")
        prev = tokens[i - 1].group()
        if i - cut >= 2 and fold(word).lower() in names and not _INITIAL.match(prev) \
                and not re.fullmatch(_PARTICLE, prev) and not _NICK.match(prev):
            yield start + tokens[cut].start(), start + tokens[i - 1].end()
            cut = i
    yield start + tokens[cut].start(), end


_THING_WORDS = frozenset(
    "plan plans policy policies program programs agreement agreements award awards act fund funds trust".split()
)


def _stop_runs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    run_start = None
    pos = start
    toks = list(re.finditer(r"[^ ]+", text[start:end]))
    for k, tok in enumerate(toks):
        t_start, t_end = start + tok.start(), start + tok.end()
        word = tok.group().rstrip(",")
        # a place word closing a name after a given name is a surname ("Jane Washington")
        # (or before the title that ends the run: "Jane Hollis West Senior Vice President")
        surname = (run_start is not None and word.lower() in PLACE_WORDS and is_given_name(toks[k - 1].group())
                   and (k == len(toks) - 1 or _opens_title(toks[k + 1].group())))
        given = run_start is None and _month_as_given_name([t.group().rstrip(",") for t in toks[k:k + 3]], 0, True)
        if (_is_stop(word) or word.lower() in TITLE_ALONE or word.lower() in TITLE_TAILS
                or word.lower() in _HEADLINE_VERBS or run_start is not None and word.lower() in TITLE_MODIFIERS
                and is_title(word, text, t_end)) and word not in _SUFFIXES \
                and not surname and not given:
            # a run that names a thing is no person ("the Jane Roe Award", "the Roe Bonus Policy")
            if run_start is not None and word.lower() not in _THING_WORDS:
                yield run_start, pos
            run_start = None
        elif run_start is None:
            run_start = t_start
        pos = t_end if not tok.group().endswith(",") else t_end - 1
    if run_start is not None:
        yield run_start, pos


def _opens_title(word: str) -> bool:
    word = word.rstrip(",").lower()
    return word in TITLE_ALONE or word in TITLE_WORDS and word not in PLACE_WORDS


def _vote_row(ctx: DocContext, start: int, end: int) -> bool:
    if ctx.doc_type != "8-K":
        return False  # vote results are an 8-K's (Item 5.07); a release's rows are regions and products
    s, e = ctx.line_span(start)
    # the name opens a line with tabs (known per line, so this stays cheap on a long line)
    if ctx.first_tab(s, e) < 0 or start > ctx.per_line("indent", start, lambda s, e: _first_visible(ctx.text, s, e)):
        return False
    rest = ctx.text[end:e].split("\t")[1:]
    return len(rest) >= 2 and all(re.fullmatch(r"[\d,.\s%-]*", c) for c in rest)


def _first_visible(text: str, start: int, end: int) -> int:
    """The offset of the first character of text[start:end] that is not white space (else end)."""
    line = text[start:end]
    return end - len(line.lstrip())


def fuller_name_after(text: str, start: int, end: int, window: int = 300) -> tuple[int, int] | None:
    """The span of a fuller form of the name text[start:end] printed in the next ``window``
    characters ("/s/ Jane Roe" over "Jane Q. Roe"), if exactly one is there; for the signature
    rule, which reads the name after "/s/"."""
    short = _form(text[start:end])
    spans = {}
    for m in NAME_RUN.finditer(text, end, min(len(text), end + window)):
        for s, e in _split_runs(text, m.start(), m.end()):
            form = _form(text[s:e])
            if _shorter_form_of(short, form):
                spans.setdefault(form, (s, e))
    return next(iter(spans.values())) if len(spans) == 1 else None
