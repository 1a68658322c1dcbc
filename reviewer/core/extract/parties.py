"""Counterparties: the other parties to the agreements and transactions a filing reports,
organisations and individuals (sellers, investors), each once under its fullest name; not the
filer (under any form of its name), its parent or subsidiaries, the firms of an "About"
section, a biography or a contact block, exchanges, regulators or wire services."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from reviewer.core.extract.about import about_sections, inside
from reviewer.core.extract.agents import role_agents
from reviewer.core.extract.base import Candidate, DocContext
from reviewer.core.extract.cover import former_names, registrants
from reviewer.core.extract.deal_objects import deal_objects
from reviewer.core.extract.investor_lists import investor_lists, table_parties
from reviewer.core.extract.lexicon import LEGAL_WORDS, without_town
from reviewer.core.extract.normalize import collapse
from reviewer.core.extract.party_people import individuals
from reviewer.core.extract.wrapped import prose_context

# the same matches as the plain alternation of these words (kept in its order wherever two could
# match at one offset), grouped by first letter behind a check of that letter: scanned per line,
# case-insensitively, it was the costliest pattern of the counterparty rule
_DEAL = re.compile(
    r"(?=[amplscnjiubetfr])(?:"
    r"a(?:greement|cqui)|m(?:erger|erge)|p(?:urchas|lacement\s+agent|articip)|\bs(?:ale\b|old\b|ell)|s(?:ubscri|take\b)"
    r"|l(?:oan|ender|icense|ed\s+by)|\blease\b|c(?:redit\s+facility|ontract)|\bnotice\b|joint\s+venture"
    r"|investors?\b(?!\s+(?:relations|contacts?))|\binvest(?:ed|ing|ment)\b|\bindentures?\b|"
    r"\bissu(?:ance|ed|e|ing)\s+(?:of\s+)?(?:up\s+to\s+)?\d|underwrit|borrow|backing|book[\s-]?runn|e(?:ntered\s+into|mploy(?:ed|ment|er)\b)"
    r"|terminat|f(?:inancing|unding)|r(?:ound\b|efinanc)|\bin\s+exchange\s+for\b|change\s+(?:of|in)\s+control)",
    re.I,
)
_NOT_PARTY = re.compile(
    r"\bLLP\b|L\.L\.P\.|Stock\s+Market|Exchange\b|Commission\b|Nasdaq|NYSE|\bCboe\b|\bTSX|\bOTC\s+Markets|"
    r"\b(?:Department|Court|Bureau|Reserve|Depository|Ministry)\b|^(?:the\s+)?Federal\s+Home\s+Loan\s+Bank\b|Executive\s+Office\b|Government\s+of\b|Transfer\s+Agent|\bStock\s+Transfer\b|Newswire|Business\s+Wire|PR\s+Newswire|\bGlobe\b|"
    # central banks ("National Bank of Georgia", "Bank of England"), never a lending bank of the same form
    r"^(?:the\s+)?National\s+Bank\s+of\s+(?:Georgia|Belgium|Poland|Romania|Serbia|Ukraine|Kazakhstan|Cambodia|Ethiopia|"
    r"Rwanda|Slovakia|Moldova|Angola)\b|\bCentral\s+Bank\b|(?<!Royal\s)\bBank\s+of\s+(?:England|Japan|"
    r"Canada|Italy|France|Spain|Korea|Israel|Mexico|Russia|Thailand|Greece|Finland|Portugal|Jamaica|Ghana|Uganda|"
    r"Tanzania|Botswana|Namibia|Zambia|Mauritius)\b|"
    r"Securities\s+(?:Act|Laws?)|\bAct\b|Accesswire|Benzinga|Newsfile|GlobeNewswire|Commissioner\b|"
    r"\bOffice\s+of\s+(?:the\s+)?(?:State\s+)?(?:Bank|Comptroller|Commissioner|Attorney|Superintendent)",
    re.I,
)
# the rest of a regulator's name after a cut ("… with the Securities| and Exchange Commission")
_REGULATOR_AFTER = re.compile(r"\s+and\s+Exchange\s+Commission\b|\s+(?:Commission|Department|Agency|Authority)\b")
_DIVISION_AFTER = re.compile(r"[ ](?:Division|Unit|Segment)\b")
_OF_REGULATOR = re.compile(r"\b(?:Exchange|Commission|Authority|Ministry|Agency|Department|Court)\s+of\s+(?:the\s+)?$")
_SPONSOR = re.compile(r"\bSponsors?\b", re.I)
_NUMBERED_PART = re.compile(r"(?:Stage|Phase|Tranche|Part|Unit|Block|Lot|Zone|Area|Series|Item|Schedule)\s+\d+\Z", re.I)
_LLP = re.compile(r"\bLLP\b|L\.L\.P\.")
# a partnership that invests or lends, not a law or accounting firm ("Acme Capital LLP")
_FINANCE_WORD = re.compile(r"\b(?:Capital|Investments?|Asset|Management|Ventures|Funds?|Securities|Equity|Holdings|Partners)\b")
_BOILERPLATE = re.compile(r"forward-looking|safe\s+harbor|may\s+obtain|free\s+of\s+charge|proxy", re.I)
# a biography: where a person worked before, what they studied
_BIOGRAPHY = re.compile(
    # ("previously announced" is a deal, not a career)
    r"\b(?:previously\s+(?:served|worked|held|was|were|been|led|spent|founded|co-founded|joined|managed)|formerly|prior\s+to\s+(?:joining|that|his|her)|has\s+(?:also\s+)?(?:served|held|worked)|"
    r"served\s+(?:as|on)\s+(?:the\s+)?(?:a\s+)?(?:chief|president|vice|director|head|senior|managing|general|"
    r"member|board|ceo|cfo|coo|chair)|career|graduated|degree\s+(?:in|from)|(?:his|her)\s+tenure|"
    r"joined\s+(?:us\s+|the\s+company\s+)?from|brings\s+(?:over\s+)?\d+\s+years|"
    r"held\s+(?:various\s+|several\s+)?positions|spent\s+(?:\w+\s+){1,2}years)",
    re.I,
)
_INVESTOR_RELATIONS = re.compile(r"investor\s+relations|media\s+relations|\bIR\s+(?:firm|advisor|adviser)", re.I)
# the filer's parent ("Acme, a subsidiary of Parent Corp")
_PARENT_BEFORE = re.compile(
    r"(?:(?:wholly[\s-]owned\s+|indirect\s+|direct\s+|majority[\s-]owned\s+)?subsidiary|division|unit|"
    r"member|portfolio\s+company)\s+of\s+(?:the\s+)?$|\bparent(?:\s+company)?,?\s+$",
    re.I,
)
# (or a line opened by a contact's label: "Investors: Jane Roe (412) 555-0100")
_CONTACT_LINE = re.compile(r"@|\bcontacts?\b|\b(?:tel|phone|fax|email|e-mail)\b\s*:?|"
                           r"^[ \t]*(?:\w+[ \t]+)?(?:investors?|media|press|analysts?|inquiries|enquiries)[ \t]*:", re.I | re.M)
_TITLE = r"(?:Chief|President|CEO|CFO|COO|Founder|Co-Founder|Chairman|Chairwoman|Director|Officer|Managing|Partner|Head)"
# "Acme Sub, Inc., a wholly-owned subsidiary of the Company"
def _subsidiary_after(filer_word: str | None) -> re.Pattern:
    """ "Acme Sub, Inc. (“Merger Sub”), a Delaware corporation and a wholly owned subsidiary of
    Acme": a subsidiary of the filer, under any of its names."""
    filer = rf"|{re.escape(filer_word)}\b" if filer_word else ""
    return re.compile(
        r",?\s+(?:\([^()\n]{0,60}\)\s*,?\s*)?(?:(?:a|an)\s+(?:[\w-]+\s+){1,3}?(?:corporation|company)\s+and\s+)?"
        r"(?:(?:a|an|the|its|our)\s+)?(?:[\w-]+\s+){0,3}?subsidiar(?:y|ies)\s+of\s+"
        rf"(?:the\s+(?:Company|Registrant)|us\b|our\s{filer})",
        re.I,
    )
_ADVISER_AFTER = re.compile(
    r",?\s+(?:(?:is\s+|are\s+|was\s+|were\s+|will\s+be\s+|has\s+been\s+)?(?:acted|acts|acting|served|serves|serving|"
    r"will\s+act)\s+)?as\s+(?:(?:the|its|a|an|exclusive|sole|lead|independent)\s+)*"
    # ("as financial and capital markets advisor", "as legal, tax and regulatory counsel")
    r"(?:(?:legal|financial|strategic|tax|regulatory|capital\s+markets|M&A|restructuring)(?:\s+and\s+|\s*,\s*|\s+))*"
    r"(?:counsel|advis[eo]rs?|investment\s+bankers?|claims\s+(?:and\s+noticing\s+)?agent)\b",
    re.I,
)
# an adviser as the subject ("Acme Capital advised the Sellers"), a firm named for its service to the
# filer ("Acme Consultants, Inc., the Company's independent reserve engineers")
_ADVISES_AFTER = re.compile(r"\s+(?:advised|advises|is\s+advising|represented|represents)\b")
_SERVICE_AFTER = re.compile(
    r",?\s+(?:the\s+Company['’]s|the\s+Trust['’]s|the\s+Bank['’]s|our|its)\s+(?:independent\s+)?(?:reserve\s+engineers?|"
    r"auditors?|accountants?|registered\s+public\s+accounting\s+firm|transfer\s+agent|(?:legal\s+)?counsel|"
    r"financial\s+advis[eo]rs?|consultants?|engineers?|appraisers?)\b", re.I)
# someone's employer ("Jane Roe, Co-President and CEO of the Commercial Bank"), not a party
_EMPLOYER_BEFORE = re.compile(rf"\b{_TITLE}s?\s+of\s+(?:the\s+)?$", re.I)
# "X was advised by A, B and C (Legal)": every name after it in the sentence advises; so does a
# name under an adviser's label ("Certified Adviser:", "Legal counsel:")
_ADVISED_BY = re.compile(r"\b(?:was|were|is|are|has\s+been|have\s+been)\s+(?:\w+ly\s+)?advised\s+by\b", re.I)
_ADVISED_ON = re.compile(r"\b(?:in|on|for|with)\s+(?:the|its|their|this|connection|relation)\b", re.I)


def _advised_by(text: str, sentence_start: int, pos: int) -> bool:
    """Whether the name at pos is one of the advisers a sentence lists after "advised by", not
    the party of the deal the advice was on ("... as financial advisor in the sale to Acme")."""
    m = _ADVISED_BY.search(text, max(sentence_start, pos - _ADVISED_REACH), pos)  # a bounded look back
    return bool(m) and not _ADVISED_ON.search(text, m.end(), pos)


_ADVISED_REACH = 400


_ADVISER_LABEL = re.compile(r"\b(?:advis[eo]rs?|counsel|auditors?)\s*:\s*$", re.I)
_LEGAL_END = re.compile(rf"\b(?:{'|'.join(sorted(LEGAL_WORDS, key=len, reverse=True))})\.?$", re.I)


def counterparties(ctx: DocContext, orgs: list[Candidate], company: str | None) -> Iterator[Candidate]:
    filer = _bare(company) if company else None
    filer_word = _first_word(company) if company else None
    # "its wholly owned subsidiary, Acme GmbH": the name right after the phrase (a subsidiary
    # named earlier in the sentence leaves the other names there alone)
    owner = rf"\b{re.escape(filer_word)}\w*['’]?s?|Company['’]s|\bour|\bits" if filer_word else r"Company['’]s|\bour|\bits"
    # (or the last of a list of them: "its subsidiaries, Acme Bank, Inc., and Acme Trust, Inc.")
    own = re.compile(rf"(?:{owner})\s+(?:[\w-]+\s+){{0,3}}subsidiar(?:y|ies)\b,?\s*(?:named\s+|called\s+|including\s+)?"
                     r"(?:(?-i:[A-Z])[^;:()]{0,60}?,?\s+and\s+)?$", re.I)  # (a name of its own: a capital)
    owner_before = re.compile(rf"(?:{owner})\s+$", re.I)  # ("its Beta Holdings Division")
    about = about_sections(ctx)
    aliases = getattr(ctx, "org_aliases", {})
    # sentences read over hard wraps (same offsets); tables, headings and line starts are the
    # document's own
    prose = prose_context(ctx)
    subsidiary_after = _subsidiary_after(filer_word)
    filer_owns = re.compile(rf"\b{re.escape(filer_word)}\w*(?:[ ][A-Z]\w*\.?){{0,3}}['’]s[ ]+$", re.I) if filer_word else None
    found: list[Candidate] = []
    # the filer's subsidiaries and parent, known as such once, and its co-registrants
    own_names: set[str] = {_bare(ctx.text[s:e]) for s, e in registrants(ctx.text)}
    own_names |= {_bare(name) for name in former_names(ctx.text)}  # (the filer under its former name)
    for org in orgs:
        org = _after_filer_and(prose.text, org, filer, filer_word)
        name = org.value
        if _NOT_PARTY.search(_LLP.sub("", name) if _FINANCE_WORD.search(name) else name) \
                or _is_filer(name, filer, filer_word) or _OF_REGULATOR.search(prose.text, max(0, org.start - 30), org.start):
            continue  # (or the end of a regulator's or an exchange's name: "The Stock Exchange of| Hong Kong Limited")
        if not _deal_context(prose, org.start, about) or _AGREEMENT_WORD_AFTER.match(prose.text, org.end):
            continue  # (nor the opening of an agreement's name: "the Investment Management Trust Agreement")
        sentence_start, _ = prose.sentence_span(org.start)
        before = prose.text[max(sentence_start, org.start - 80) : org.start]
        wide = prose.text[max(sentence_start, org.start - 130) : org.start]  # (a list of subsidiaries is long)
        if own.search(wide) or _PARENT_BEFORE.search(before) or subsidiary_after.match(prose.text, org.end) \
                or (filer_owns and filer_owns.search(before)) \
                or (_DIVISION_AFTER.match(prose.text, org.end) and owner_before.search(before)):
            # ("Acme Inc.'s Beta Holdings Division", "its Beta Holdings Division")
            own_names.add(_bare(name))
            continue  # the filer's own subsidiaries, or its parent
        if _ADVISER_AFTER.match(prose.text, org.end) or _ADVISER_LABEL.search(prose.text, max(0, org.start - 40),
                                                                               org.start) \
                or _ADVISES_AFTER.match(prose.text, org.end) or _SERVICE_AFTER.match(prose.text, org.end) \
                or _advised_by(prose.text, sentence_start, org.start):
            continue  # "... by Acme Securities LLC as financial advisor": an adviser, not a party
        if _EMPLOYER_BEFORE.search(before) and not _LEGAL_END.search(name):
            continue  # a division someone heads ("CEO of the Consumer Bank"), not a party
        if filer_word and not _LEGAL_END.search(name) \
                and re.search(rf"\b{re.escape(filer_word)}\b[^\s;]*\s+(?:(?-i:[A-Z0-9])[^\s;]*\s+|(?:of|the|&)\s+){{0,7}}?and\s+$",
                              before, re.I):  # (the rest of the filer's name between: capitalised words)
            continue  # "<filer> and <its bank>" act together; "<filer> and Beta Corp." are two parties
        if ctx.in_table_cell(org.start):
            continue
        found.append(Candidate("counterparty", org.start, org.end, name, 0.6, "rules.counterparty"))
    found.extend(individuals(prose, getattr(ctx, "persons_found", []),
                             lambda pos: _individual_context(prose, pos, about)))
    # (a firm named by its role may be a partnership: "Acme Securities LLP as joint bookrunner")
    found.extend(c for c in role_agents(prose) if not _is_filer(c.value, filer, filer_word)
                 and not _NOT_PARTY.search(_LLP.sub("", c.value)) and not inside(about, c.start))
    after_deal_words = [c for c in deal_objects(prose) if not _is_filer(c.value, filer, filer_word)
                        and not _NOT_PARTY.search(c.value) and not _REGULATOR_AFTER.match(prose.text, c.end)
                        and not inside(about, c.start)
                        and not prose.sentence_has(_BOILERPLATE, c.start)
                        and not prose.sentence_has(_BIOGRAPHY, c.start) and not ctx.in_table_cell(c.start)]
    # "acquire the Tessaly sensor business" after "Tessaly Sensor Holdings GmbH": the party's short form
    openings = {" ".join(words[:k]) for words in {tuple(_bare(c.value).split()) for c in found}
                for k in range(1, len(words))}
    found.extend(c for c in after_deal_words if _bare(c.value) not in openings)
    listed = [c for c in investor_lists(prose, about) if not _is_filer(c.value, filer, filer_word)
              and not _NOT_PARTY.search(c.value)]
    if listed:
        # "A and B Ventures" read as one name where a list names A and B Ventures
        spans = sorted((c.start, c.end) for c in listed)
        found = [c for c in found if " and " not in c.value or not _holds(spans, c.start, c.end)]
        found.extend(listed)
    # (and the rows of a table of the deal's parties: "Purchaser<TAB>Shares<TAB>Price")
    found.extend(c for c in table_parties(ctx) if not _is_filer(c.value, filer, filer_word))
    found = [c for c in found if _bare(c.value) not in own_names]  # named again elsewhere
    # (a party's name has a capital, and is no stage or part of a project: "bitcoin", "Stage 1")
    found = [c for c in found if any(ch.isupper() for ch in c.value) and not _NUMBERED_PART.match(c.value)
             and not _ROLE_NAME.fullmatch(c.value)  # (nor a role: "the Placement Agent", "Underwriters")
             and _bare(_POSSESSIVE.sub("", c.value))]  # (nor only legal words: "the Company’s")
    # a party's short name where the party is found under its full one ("Acme" for "Acme Seiki Co., Ltd.")
    named = {_bare(c.value) for c in found}
    found = [c for c in found if not _alias_of_another(c.value, aliases, named)]
    yield from _fullest([_without_town(prose.text, _without_possessive(_after_honorific(c))) for c in found])


_HONORIFIC_INSIDE = re.compile(r"^.*?\b(?:Mr|Mrs|Ms|Dr|Prof)\.\s+(?=[A-Z])")


def _after_honorific(c: Candidate) -> Candidate:
    """ "Aquaculture Pioneer Dr. Jane Roe" (a headline's words before a person): the person."""
    m = _HONORIFIC_INSIDE.match(c.value)
    if not m or c.value[:m.end()].count(" ") > 4:
        return c
    return Candidate(c.label, c.start + m.end(), c.end, c.value[m.end():], c.confidence, c.extractor)


_AGREEMENT_WORD_AFTER = re.compile(r"[ ](?:Agreement|Indenture|Deed)\b")
_ROLE_NAME = re.compile(
    r"(?:the\s+)?(?:(?:Placement|Lead|Sole|Joint|Selling|Initial|Representative|Administrative|Collateral|Syndication|"
    r"Documentation|Managing|Several)\s+)?(?:Agents?|Underwriters?|Managers?|Bookrunners?|Representatives?|"
    r"Purchasers?|Lenders?|Sellers?|Buyers?|Investors?|Arrangers?|Contributors?)", re.I)


def _alias_of_another(value: str, aliases: dict[str, str], named: set[str]) -> bool:
    owner = aliases.get(collapse(value).lower())
    return owner is not None and owner != value and _bare(owner) in named


_POSSESSIVE = re.compile(r"[’']s?$")


def _without_town(text: str, c: Candidate) -> Candidate:
    end = without_town(text, c.start, c.end)
    if end == c.end:
        return c
    return Candidate(c.label, c.start, end, collapse(text[c.start:end]), c.confidence, c.extractor)


def _without_possessive(c: Candidate) -> Candidate:
    """ "Quillon Union Bank’s branch network": the party is Quillon Union Bank."""
    m = _POSSESSIVE.search(c.value)
    if not m or len(c.value) - m.start() > 2 or len(c.value[: m.start()].split()) < 2:
        return c  # (a one-word name keeps it: "Roe’s")
    cut = len(c.value) - m.start()
    return Candidate(c.label, c.start, c.end - cut, c.value[: m.start()], c.confidence, c.extractor)


def _deal_context(ctx: DocContext, pos: int, about: tuple[list[int], list[int]]) -> bool:
    """In a sentence about a transaction, not in boilerplate, a biography, an "About" section
    or a contact block."""
    if not ctx.sentence_has(_DEAL, pos) or ctx.sentence_has(_BOILERPLATE, pos):
        return False
    if ctx.sentence_has(_BIOGRAPHY, pos) or ctx.sentence_has(_INVESTOR_RELATIONS, pos):
        return False
    if inside(about, pos):
        return False
    return not _on_contact_line(ctx, pos)


def _individual_context(ctx: DocContext, pos: int, about) -> bool:
    """Where a person may be a party: a sentence about a deal, no biography, "About" section or contact line."""
    if not ctx.sentence_has(_DEAL, pos) or inside(about, pos) or ctx.sentence_has(_BIOGRAPHY, pos):
        return False
    return not _on_contact_line(ctx, pos)  # ("Investors: Jane Roe, +1 ...": a contact, not an investor)


def _on_contact_line(ctx: DocContext, pos: int) -> bool:
    """On a short line of a contact block (a paragraph on one line is not one)."""
    return ctx.per_line(("contact line", _CONTACT_LINE), pos,
                        lambda s, e: e - s <= 300 and bool(_CONTACT_LINE.search(ctx.text, s, e)))


def _holds(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(spans, (start, -1))
    return i < len(spans) and spans[i][1] <= end and spans[i][0] < end


def _after_filer_and(text: str, org: Candidate, filer: str | None, filer_word: str | None) -> Candidate:
    """ "Acme and Beta Pharmaceuticals, Inc." read as one name, where Acme is the filer: Beta's."""
    parts = list(_AND.finditer(text, org.start, org.end))
    if len(parts) != 1 or _bare(text[org.start : parts[0].start()]) not in (filer, filer_word):
        return org  # (the filer's whole name or word before "and", not a name that opens like it: "Acme Fire and Marine")
    start = parts[0].end()
    if not text[start : start + 1].isupper():
        return org
    return Candidate(org.label, start, org.end, collapse(text[start : org.end]), org.confidence, org.extractor)


_AND = re.compile(r"\s+and\s+")


def _is_filer(name: str, filer: str | None, filer_word: str | None) -> bool:
    """The filer under this or another form of its name ("Acme Corp.", "Acme", "ACME Inc.")."""
    if not filer:
        return False
    bare = _bare(name)
    if not bare:
        return False
    if _SPONSOR.search(name) and not _SPONSOR.search(filer):
        return False  # a blank-check company's sponsor shares its name and buys from it ("Acme Sponsor LLC")
    if bare == filer or bare in filer or filer in bare:
        return True
    first = bare.split(" ", 1)[0]
    if filer_word and len(filer_word) >= 4 and first == filer_word:
        return True
    words = bare.split()
    if filer_word and first == filer_word and len(words) >= 2 and words[-1] == filer.split()[-1]:
        return True  # a short first word and the same last one: "TBC Group" for "TBC Bank Group"
    return _filer_bank(bare, filer)


# a holding company's last word, and the words of the bank it owns under its own name
# ("Q.R. Bancorp" and "Q.R. Bank", "Acme Financial Corp." and "Acme Bank, N.A.")
_HOLDING_WORDS = frozenset({"bancorp", "bancorporation", "bancshares", "banc", "financial", "holdings",
                            "holding", "group", "bankshares", "capital"})
_BANK_WORDS = frozenset({"bank", "national", "association", "n", "trust", "savings", "federal", "and", "fsb"})


def _filer_bank(bare: str, filer: str) -> bool:
    """Whether ``bare`` names the bank of a filer that is a holding company under the same name."""
    stem = filer.split()
    while stem and stem[-1] in _HOLDING_WORDS:
        stem.pop()
    if not stem or len(stem) == len(filer.split()):
        return False
    words = bare.split()
    rest = words[len(stem):]
    return words[: len(stem)] == stem and bool(rest) and "bank" in rest and set(rest) <= _BANK_WORDS


def _fullest(found: list[Candidate]) -> list[Candidate]:
    """One party, one name: mentions whose bare name is that of a longer one, or its opening
    words ("Acme Ventures" and "Acme Ventures Inc."), are dropped."""
    bares = {}
    for c in found:
        bares.setdefault(_bare(c.value), []).append(c)
    keep_text: dict[str, str] = {}
    for bare, cands in bares.items():
        keep_text[bare] = max((c.value for c in cands), key=len)
    keys = sorted(bares)
    # the names one word shorter than a name of three words or more, read off its end
    tails = {k.split(" ", 1)[1] for k in keys if len(k.split()) >= 3}
    out = []
    for c in found:
        bare = _bare(c.value)
        if c.value != keep_text[bare]:
            continue
        # a shorter name that opens a longer one of the same party ("Acme" / "Acme Bio Labs")
        i = bisect.bisect_right(keys, bare)
        if i < len(keys) and keys[i].startswith(bare + " ") and len(bare.split()) >= 2:
            continue
        # or that ends it ("Union Bank" / "QRX Union Bank"), one word shorter at most
        if len(bare.split()) >= 2 and bare in tails:
            continue
        out.append(c)
    return sorted(out, key=lambda c: (c.start, c.end))


def _bare(name: str) -> str:
    """A name without punctuation, case or corporate suffix, for comparison."""
    words = re.findall(r"[\w'-]+", name.lower())
    suffixes = {"inc", "incorporated", "corp", "corporation", "co", "company", "llc", "ltd", "plc", "lp",
                "the", "a", "s", "l", "c", "p", "limited", "gmbh", "ag", "sa", "nv", "bv", "spa", "kk", "ab",
                "asa", "oyj", "se", "pty", "pte", "llp"}
    return " ".join(w for w in words if w not in suffixes)


def _first_word(name: str) -> str:
    words = [w for w in re.findall(r"[\w'-]+", name.lower()) if w not in ("the", "a")]
    return words[0] if words else ""
