"""People, organisations and counterparties (agreements: agreements.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.core.extract.base import Candidate, DocContext, words_before
from reviewer.core.extract.lexicon import STOP, TITLE_WORDS, given_names
from reviewer.core.extract.normalize import collapse

# -- people ----------------------------------------------------------------------
_TOKEN = r"(?:[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?|(?:Mc|Mac|O'|D')[A-Z][a-z]+|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z]+)"
_SUFFIX = r"(?:,?\s(?:Jr\.|Sr\.|II|III|IV))"
NAME_RUN = re.compile(rf"(?=[A-Z])(?<![\w.&])(?:{_TOKEN})(?: (?:{_TOKEN})){{1,7}}{_SUFFIX}?(?![\w&])")
_INITIAL = re.compile(r"^[A-Z]\.$")
_XML_PERSON = re.compile(r"^(?:rptOwnerName|reportingOwnerName|signatureName):\s*(?:/s/\s*)?([^,\n]+)", re.M)


def _tokens(run: str) -> list[str]:
    return run.replace(",", "").split(" ")


def _is_stop(token: str) -> bool:
    if _INITIAL.match(token):
        return False
    word = token.rstrip(".,").lower()
    return word in STOP or (word.endswith("s") and word[:-1] in STOP)


def person_name_ok(tokens: list[str], *, strong_context: bool = False) -> bool:
    """Whether capitalised tokens look like a person's name."""
    core = [t for t in tokens if t not in ("Jr.", "Sr.", "II", "III", "IV")]
    if len(core) < 2 or len(core) > 4:
        return False
    if strong_context:
        # after "/s/" any capitalised words are a name, unless they are a title
        if any(t.rstrip(".,").lower() in TITLE_WORDS for t in core):
            return False
    elif any(_is_stop(t) for t in core):
        return False
    if _INITIAL.match(core[-1]) and not strong_context:
        return False
    names = given_names()
    words = [t for t in core if not _INITIAL.match(t)]
    if not words:
        return False
    first = words[0].lower()
    has_initial = any(_INITIAL.match(t) for t in core[1:-1]) or _INITIAL.match(core[0]) is not None
    if strong_context:
        return True
    if first in names:
        return True
    return has_initial and len(words) >= 2


def persons(ctx: DocContext) -> Iterator[Candidate]:
    text = ctx.text
    for m in NAME_RUN.finditer(text):
        for start, end in _split_runs(text, m.start(), m.end()):
            tokens = _tokens(text[start:end])
            before = text[max(0, start - 12) : start]
            strong = bool(re.search(r"(/s/|Name:)\s*$", before))
            if not person_name_ok(tokens, strong_context=strong):
                # a first cell of a vote table row ("Awo Ablo<TAB>1,806,...") is a name
                if not (_vote_row(ctx, start, end) and person_name_ok(tokens, strong_context=True)):
                    continue
            yield Candidate("person", start, end, collapse(text[start:end]), 0.8 if strong else 0.7,
                            "rules.person")
    for m in _XML_PERSON.finditer(text):
        name = m.group(1).strip()
        start = m.start(1) + m.group(1).index(name)
        yield Candidate("person", start, start + len(name), name, 0.9, "rules.person.xml")


def _split_runs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sub-runs of a capitalised run between stop words ("President Brett Kaufman"),
    and a run that repeats a name ("William E. Shea William E. Shea") cut in two."""
    for run_start, run_end in _stop_runs(text, start, end):
        yield from _segment(text, run_start, run_end)


def _segment(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    tokens = list(re.finditer(r"[^ ]+", text[start:end]))
    if len(tokens) <= 4:
        yield start, end
        return
    names = given_names()
    cut = 0
    for i in range(2, len(tokens)):
        word = tokens[i].group().rstrip(",")
        prev = tokens[i - 1].group()
        if i - cut >= 2 and word.lower() in names and not _INITIAL.match(prev):
            yield start + tokens[cut].start(), start + tokens[i - 1].end()
            cut = i
    yield start + tokens[cut].start(), end


def _stop_runs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    run_start = None
    pos = start
    for tok in re.finditer(r"[^ ]+", text[start:end]):
        t_start, t_end = start + tok.start(), start + tok.end()
        word = tok.group().rstrip(",")
        if _is_stop(word) and word not in ("Jr.", "Sr.", "II", "III", "IV"):
            if run_start is not None:
                yield run_start, pos
            run_start = None
        elif run_start is None:
            run_start = t_start
        pos = t_end if not tok.group().endswith(",") else t_end - 1
    if run_start is not None:
        yield run_start, pos


def _vote_row(ctx: DocContext, start: int, end: int) -> bool:
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


# -- organisations ---------------------------------------------------------------
_ORG_SUFFIX = (
    r"(?:Inc\.?|Incorporated|Corporation|Corp\.?|Company|Co\.|LLC|L\.L\.C\.|LLP|L\.L\.P\.|L\.P\.|LP|"
    r"Ltd\.?|Limited|plc|PLC|N\.A\.|a\.s\.|AG|S\.A\.|GmbH|N\.V\.|B\.V\.|S\.p\.A\.|SE)"
)
_ORG_NOUN = r"(?:Bank|Bancorp|Bancshares|Trust|Holdings|Partners|Group|Capital|Fund)"
# Anchored on the suffix; the name is then read leftwards word by word (fast on 10-Ks).
ORG_ANCHOR = re.compile(rf"(?P<legal>,?[ ]{_ORG_SUFFIX})(?![\w])|(?<=[ ])(?P<noun>{_ORG_NOUN})(?![\w])")
_ORG_TOKEN = re.compile(r"^(?:[A-Z0-9](?:[\w&'’-]|\.(?=\w))*(?:(?<=\b[A-Z])\.)?|&)$")
_ORG_LINK = frozenset({"of", "and", "for", "de", "the"})


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
    "L.P.", "LP", "Ltd", "Limited", "plc", "PLC", "N.A.", "a.s.", "AG", "S.A.", "GmbH", "N.V.", "B.V.",
    "S.p.A.", "SE", "Bank", "Bancorp", "Bancshares", "Trust", "Holdings", "Partners", "Group", "Capital",
    "Fund",
)


def _anchors(text: str, pos: int, endpos: int):
    """ORG_ANCHOR matches, found from the suffix words (str.find) rather than a scan."""
    hits = set()
    for word in _SUFFIX_WORDS:
        i = text.find(word, pos, endpos)
        while i >= 0:
            if i and text[i - 1] == " ":
                hits.add(i - 2 if i >= 2 and text[i - 2] == "," else i - 1)
            i = text.find(word, i + 1, endpos)
    for i in sorted(hits):
        m = ORG_ANCHOR.match(text, i, endpos) or ORG_ANCHOR.match(text, i + 1, endpos)
        if m:
            yield m


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
            for w_start, w_end in words:
                word = text[w_start:w_end]
                if _ORG_TOKEN.match(word):
                    taken.append(w_start)
                elif word in _ORG_LINK and taken:
                    taken.append(None)  # a link word needs a capitalised word on its left
                else:
                    break
                if sum(1 for t in taken if t is not None) >= limit:
                    break
            while taken and taken[-1] is None:
                taken.pop()
            if not taken:
                continue
            start = taken[-1]
            if start < pos:
                continue
            yield _OrgMatch(text, start, end)

    def search(self, text, pos=0, endpos=None):
        return next(self.finditer(text, pos, endpos), None)


ORG = _OrgFinder()
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


_LINK_WORD = re.compile(r" (?:of|and|for) ")
_ONE_WORD_OK = re.compile(r"a\.s\.|AG|SE|LLC|Inc")


def organizations(ctx: DocContext) -> Iterator[Candidate]:
    text = ctx.text
    for m in ORG.finditer(text):
        start, end = m.start(), m.end()
        words = text[start:end].split(" ")
        # drop leading sentence words ("On", "With", "The" inside a sentence)
        while len(words) > 1 and words[0].lower() in _ORG_LEAD and not (
            words[0] == "The" and _at_line_start(text, start)
        ):
            start += len(words[0]) + 1
            words = words[1:]
        for m_of in reversed(list(_LINK_WORD.finditer(text[start:end]))):
            head = text[start : start + m_of.start()].split(" ")
            if all(_is_stop(w) for w in head):
                start += m_of.end()
                break
        words = text[start:end].split(" ")
        name = text[start:end]
        if "\n" in name or "\t" in name or _ORG_FALSE.search(name) or len(name) < 4:
            continue
        if sum(1 for w in words if w[:1].isupper() or w[:1].isdigit()) < 2 and not _ONE_WORD_OK.search(name):
            continue
        yield Candidate("organization", start, end, collapse(name), 0.7, "rules.organization")


def _at_line_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] in "\n\t"


# -- counterparties --------------------------------------------------------------
_DEAL = re.compile(
    r"agreement|merger|merge|acqui|purchas|\bsale\b|\bsold\b|\bsell|loan|credit\s+facility|"
    r"\bnotice\b|joint\s+venture|investors?\b|placement\s+agent|underwrit|lender|borrow|license|"
    r"\blease\b|contract|entered\s+into|terminat|employ(?:ed|ment|er)\b",
    re.I,
)
_NOT_PARTY = re.compile(
    r"\bLLP\b|L\.L\.P\.|Stock\s+Market|Exchange\b|Commission\b|Nasdaq|NYSE|Department|Court|"
    r"Bureau|Reserve|Depository|Transfer\s+Agent|Newswire|Business\s+Wire|PR\s+Newswire|Globe",
    re.I,
)
_BOILERPLATE = re.compile(r"forward-looking|safe\s+harbor|may\s+obtain|free\s+of\s+charge|proxy", re.I)


def counterparties(ctx: DocContext, orgs: list[Candidate], company: str | None) -> Iterator[Candidate]:
    filer = _bare(company) if company else None
    filer_word = _first_word(company) if company else None
    own = re.compile(
        rf"(?:\b{re.escape(filer_word)}\w*['’]?s?|Company['’]s|\bour|\bits)\s+(?:\w+\s+){{0,3}}subsidiar",
        re.I,
    ) if filer_word else re.compile(r"(?:Company['’]s|\bour|\bits)\s+(?:\w+\s+){0,3}subsidiar", re.I)
    for org in orgs:
        name = org.value
        if _NOT_PARTY.search(name):
            continue
        if filer and (_bare(name) == filer or _bare(name) in filer or filer in _bare(name)):
            continue
        sentence_start, _ = ctx.sentence_span(org.start)
        if not ctx.sentence_has(_DEAL, org.start) or ctx.sentence_has(_BOILERPLATE, org.start):
            continue
        before = ctx.text[max(sentence_start, org.start - 80) : org.start]
        if own.search(before):
            continue  # the filer's own subsidiaries are not counterparties
        if filer_word and re.search(rf"\b{re.escape(filer_word)}\b[^;]{{0,60}}\sand\s+$", before, re.I):
            continue  # "<filer> and <its bank>" act together
        if ctx.in_table_cell(org.start):
            continue
        yield Candidate("counterparty", org.start, org.end, name, 0.6, "rules.counterparty")


def _bare(name: str) -> str:
    """A name without punctuation, case or corporate suffix, for comparison."""
    words = re.findall(r"[\w'-]+", name.lower())
    suffixes = {"inc", "incorporated", "corp", "corporation", "co", "company", "llc", "ltd", "plc", "lp",
                "the", "a", "s", "l", "c", "p"}
    return " ".join(w for w in words if w not in suffixes)


def _first_word(name: str) -> str:
    words = [w for w in re.findall(r"[\w'-]+", name.lower()) if w not in ("the", "a")]
    return words[0] if words else ""
