"""People, organisations, counterparties and agreements."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.core.extract.base import Candidate, DocContext
from reviewer.core.extract.lexicon import STOP, TITLE_WORDS, given_names
from reviewer.core.extract.normalize import collapse

# -- people ----------------------------------------------------------------------
_TOKEN = r"(?:[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?|(?:Mc|Mac|O'|D')[A-Z][a-z]+|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z]+)"
_SUFFIX = r"(?:,?\s(?:Jr\.|Sr\.|II|III|IV))"
NAME_RUN = re.compile(rf"(?<![\w.&])(?:{_TOKEN})(?: (?:{_TOKEN})){{1,4}}{_SUFFIX}?(?![\w&])")
_UPPER_TOKEN = r"(?:[A-Z][A-Z'-]+|[A-Z]\.)"
UPPER_NAME = re.compile(rf"(?:{_UPPER_TOKEN})(?: (?:{_UPPER_TOKEN})){{1,3}}")
_INITIAL = re.compile(r"^[A-Z]\.$")
_XML_PERSON = re.compile(r"^(?:rptOwnerName|reportingOwnerName|signatureName):\s*(?:/s/\s*)?([^,\n]+)", re.M)


def _tokens(run: str) -> list[str]:
    return run.replace(",", "").split(" ")


def _is_stop(token: str) -> bool:
    return token.rstrip(".").lower() in STOP


def person_name_ok(tokens: list[str], *, strong_context: bool = False) -> bool:
    """Whether capitalised tokens look like a person's name."""
    core = [t for t in tokens if t not in ("Jr.", "Sr.", "II", "III", "IV")]
    if len(core) < 2 or len(core) > 4:
        return False
    if any(_is_stop(t) for t in core):
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
            if ctx.in_table_cell(start) and not _first_cell(ctx, start):
                continue
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
    """Sub-runs of a capitalised run between stop words ("President Brett Kaufman")."""
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


def _first_cell(ctx: DocContext, pos: int) -> bool:
    s, _ = ctx.line_span(pos)
    return "\t" not in ctx.text[s:pos]


def _vote_row(ctx: DocContext, start: int, end: int) -> bool:
    s, e = ctx.line_span(start)
    line = ctx.text[s:e]
    if "\t" not in line or ctx.text[s:start].strip():
        return False
    rest = line[end - s :].split("\t")[1:]
    return len(rest) >= 2 and all(re.fullmatch(r"[\d,.\s%-]*", c) for c in rest)


# -- organisations ---------------------------------------------------------------
_ORG_SUFFIX = (
    r"(?:Inc\.?|Incorporated|Corporation|Corp\.?|Company|Co\.|LLC|L\.L\.C\.|LLP|L\.L\.P\.|L\.P\.|LP|"
    r"Ltd\.?|Limited|plc|PLC|N\.A\.|a\.s\.|AG|S\.A\.|GmbH|N\.V\.|B\.V\.|S\.p\.A\.|SE)"
)
_ORG_WORD = r"(?:[A-Z0-9](?:[\w&'’-]|\.(?=[\w]))*(?:(?<=\b[A-Z])\.)?|&)"
ORG = re.compile(
    rf"(?<![\w&])(?:{_ORG_WORD}\s(?:(?:of|and|for|de|the)\s)?){{0,6}}{_ORG_WORD},?\s{_ORG_SUFFIX}(?![\w])"
    rf"|(?<![\w&])(?:{_ORG_WORD}\s){{1,4}}(?:Bank|Bancorp|Bancshares|Trust|Holdings|Partners|Group|Capital|Fund)(?![\w])"
)
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
        name = text[start:end]
        if "\n" in name or "\t" in name or _ORG_FALSE.search(name) or len(name) < 4:
            continue
        if sum(1 for w in words if w[:1].isupper() or w[:1].isdigit()) < 2 and not re.search(
            r"a\.s\.|AG|SE|LLC|Inc", name
        ):
            continue
        yield Candidate("organization", start, end, collapse(name), 0.7, "rules.organization")


def _at_line_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] in "\n\t"


# -- counterparties --------------------------------------------------------------
_DEAL = re.compile(
    r"agreement|merger|merge|acqui|purchas|\bsale\b|\bsold\b|\bsell|loan|credit\s+facility|"
    r"\bnotice\b|joint\s+venture|investors?\b|placement\s+agent|underwrit|lender|borrow|license|"
    r"\blease\b|contract|entered\s+into|terminat",
    re.I,
)
_NOT_PARTY = re.compile(
    r"\bLLP\b|L\.L\.P\.|Stock\s+Market|Exchange\b|Commission\b|Nasdaq|NYSE|Department|Court|"
    r"Bureau|Reserve|Depository|Transfer\s+Agent|Newswire|Business\s+Wire|PR\s+Newswire|Globe",
    re.I,
)
_BOILERPLATE = re.compile(r"forward-looking|safe\s+harbor|may\s+obtain|free\s+of\s+charge|proxy", re.I)


def counterparties(ctx: DocContext, orgs: list[Candidate], company: str | None) -> Iterator[Candidate]:
    filer_key = _first_word(company) if company else None
    for org in orgs:
        name = org.value
        if _NOT_PARTY.search(name):
            continue
        if filer_key and _first_word(name) == filer_key:
            continue
        sentence_start, _ = ctx.sentence_span(org.start)
        sentence = ctx.sentence(org.start)
        if not _DEAL.search(sentence) or _BOILERPLATE.search(sentence):
            continue
        before = ctx.text[max(sentence_start, org.start - 80) : org.start]
        if re.search(r"subsidiar", before, re.I):
            continue
        if ctx.in_table_cell(org.start):
            continue
        yield Candidate("counterparty", org.start, org.end, name, 0.6, "rules.counterparty")


def _first_word(name: str) -> str:
    words = [w for w in re.findall(r"[\w'-]+", name.lower()) if w not in ("the", "a")]
    return words[0] if words else ""


# -- agreements ------------------------------------------------------------------
_AGREEMENT_WORD = r"(?:Agreements?|Contracts?|Indentures?)"
NAMED_AGREEMENT = re.compile(
    rf"(?<![\w])(?:(?:[A-Z][\w'’-]*|\d{{4}})\s(?:(?:and|of|to|for|on|in)\s)?){{1,7}}{_AGREEMENT_WORD}(?![\w])"
    r"|(?<![\w])Agreement\s+and\s+Plan\s+of\s+(?:Merger|Reorganization|Arrangement|Share\s+Exchange)"
    r"(?:\s+and\s+Reorganization)?"
)
PLAIN_AGREEMENT = re.compile(
    r"(?<![\w])(?:an?|the|its|his|her|their|each|new|separate|our|certain)\s+"
    r"(?P<name>(?:[a-z][a-z-]+\s){1,3}(?:agreements?|indentures?)|(?:general\s+)?release\s+of\s+claims)\b"
)
_GENERIC = re.compile(
    r"^(?:(?:this|such|that|the|any|other|same|foregoing|above|said|new|definitive|material|certain|"
    r"various|applicable|relevant|respective|following|related|written|separate|existing|prior|"
    r"such\s+other)\s+)+agreements?$|^material\s+definitive\s+agreements?$|"
    r"^(?:the\s+)?agreements?$",
    re.I,
)
_DEFINED = re.compile(r"\s*,?\s*\((?:the\s+|each,?\s+(?:an?\s+)?|collectively,?\s+(?:the\s+)?)?[\"“]([^\"”]{2,60})[\"”]")
_ITEM_LINE = re.compile(r"^\s*Item\s+\d", re.I)


def agreements(ctx: DocContext) -> Iterator[Candidate]:
    text = ctx.text
    found: list[tuple[int, int]] = []
    for m in NAMED_AGREEMENT.finditer(text):
        found.append((m.start(), m.end()))
    for m in PLAIN_AGREEMENT.finditer(text):
        found.append((m.start("name"), m.end("name")))
    found.sort()
    # defined terms ("JVA", "LLC Agreement") are aliases wherever they appear, even before
    # the definition ("the LLC Agreement (as defined below)")
    aliases = {d.group(1).strip().lower() for _, end in found if (d := _DEFINED.match(text, end))}
    seen_end = -1
    for start, end in found:
        if start < seen_end:
            continue
        name = text[start:end]
        lead = re.match(r"(?:(?:The|A|An|Each|Such|This|That|Form\s+of|Our|Its)\s+)+", name)
        if lead:
            start += lead.end()
            name = text[start:end]
        if "\n" in name or "\t" in name and not name.strip():
            continue
        norm = collapse(name).lower()
        if _GENERIC.match(norm) or _ITEM_LINE.match(ctx.line(start)):
            continue
        defined = _DEFINED.match(text, end)
        if not defined and any(norm == a or norm.endswith(" " + a) for a in aliases):
            continue
        value = {"name": collapse(name)}
        if defined:
            value["alias"] = defined.group(1).strip()
        seen_end = end
        yield Candidate("agreement", start, end, value, 0.7, "rules.agreement")
