"""Individuals as counterparties: the people a filing names as sellers, buyers, investors or
signers of the reported agreements ("acquired Acme from Jane Roe", "Jane Roe, a mining
entrepreneur, purchased 10,000 shares", "entered into a support agreement with each of A, B and
C"), never an officer named for a title, nor an officer's own pay agreement."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from reviewer.core.extract.base import Candidate, DocContext

# individuals who sell, buy or invest ("acquired the shares from Jane Roe", "Jane Roe, the seller")
# (a seller stays one with a title: "acquired Acme from Jane Roe, President of Acme, and ...")
_FROM_SELLER = re.compile(
    r"\b(?:acquired|acquire|purchased|purchase|bought|buy|acquisition)\b(?:[^.;]|(?<=Inc)\.|(?<=Corp)\.|"
    r"(?<=Ltd)\.|(?<=Co)\.|(?<=\d)\.(?=\d)|(?<=\b[A-Z])\.){0,280}?\bfrom"
    # ("from its co-founders, Jane Roe and John Roe")
    r"(?:\s+(?:its|the|their)\s+(?:[\w-]+\s+){0,2}?(?:co-)?(?:founders?|owners?|shareholders?|stockholders?|members?|"
    r"principals?|partners?|holders?),?)?\s+(?:Mr\.|Ms\.|Mrs\.|Dr\.)?\s*$",
    re.I,
)
_ROLE_BEFORE = re.compile(
    r"(?:\b(?:sold|sell|sale|issued|issue|granted|transferred)\b(?:[^.;]|(?<=\d)\.(?=\d)){0,120}?\bto|"
    r"\b(?:sellers?|vendors?|purchasers?|buyers?|investors?(?!\s+(?:relations|contacts?))|lenders?|subscribers?|shareholders?|"
    r"owners?)\b[^.;\"“”]{0,12}?(?:,|:|including|such\s+as|namely|\bwas|\bwere)?)\s+(?:Mr\.|Ms\.|Dr\.)?\s*$",
    re.I,
)
_ROLE_AFTER = re.compile(
    # (another name may come between: "Jane Roe and John Roe (together, the “Sellers”)")
    r"(?:\s+and\s+(?:Mr\.\s+|Ms\.\s+|Dr\.\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?"
    r"(?:,?\s+(?:the\s+|as\s+|an?\s+)?|\s*\((?:each,?\s+|together(?:\s+with\s+[^()]{1,60}?)?,?\s+|collectively,?\s+)?"
    r"(?:an?\s+|the\s+)?[\"“]?)"  # ("(together with Aurelia, the “Sellers”)")
    r"(?:sole\s+|former\s+|selling\s+)?(?:sellers?|vendors?|purchasers?|buyers?|"
    r"investors?(?!\s+(?:relations|contacts?))|lenders?|subscribers?|owners?|shareholders?|(?<=[\"“])members?)\b",
    re.I,
)

_PARTY_GROUP_AFTER = re.compile(
    r"[^;“”\"()]*\((?:each,?\s+|together(?:\s+with\s+[^()]{1,60}?)?,?\s+|collectively,?\s+)(?:an?\s+|the\s+)?[\"“]"
    r"(?:[A-Z][\w-]*\s+){0,2}(?:Sellers?|Vendors?|Purchasers?|Buyers?|Investors?|Lenders?|Subscribers?|Stockholders?|"
    r"Shareholders?|Holders?|Members?|Guarantors?|Contributors?|Parties)[\"”]\)")
_VERB = re.compile(r"\b(?:signed|entered|agreed|executed|is|was|were|will|has|have|had|said|sold|bought|acquired)\b")
_TITLE = r"(?:Chief|President|CEO|CFO|COO|Founder|Co-Founder|Chairman|Chairwoman|Director|Officer|Managing|Partner|Head)"
_TITLED = re.compile(rf"(?:,\s*(?:M\.D\.|Ph\.D\.|J\.D\.|CPA|CFA|Esq\.))*,?\s*(?:the\s+|our\s+|its\s+)?(?:[\w-]+\s+){{0,3}}?{_TITLE}\b")
_TITLED_BEFORE = re.compile(rf"\b{_TITLE}\b[,]?\s+(?:Mr\.|Ms\.|Dr\.)?\s*$")


def individuals(ctx: DocContext, people: list[Candidate], eligible: Callable[[int], bool]) -> Iterator[Candidate]:
    """People named as sellers, buyers or investors of the reported transaction (``eligible``:
    whether a position is in a sentence about a deal, outside boilerplate, biographies, "About"
    sections and contact lines)."""
    text = ctx.text
    last: Candidate | None = None
    for person in people:
        if not eligible(person.start):
            continue
        sentence_start, sentence_end = ctx.sentence_span(person.start)
        before = text[max(sentence_start, person.start - 320) : person.start]
        after = text[person.end : min(sentence_end, person.end + 80)]
        # (a list the filing names as the parties of a deal: "A, B and Jane Roe, its founder
        # (collectively, the “Supporting Stockholders”)", officers too)
        group = _PARTY_GROUP_AFTER.match(text, person.end, min(sentence_end, person.end + 240))
        if group and _VERB.search(text, person.end, group.end()):
            group = None  # the person does something ("Jane Roe, our CEO, signed the agreement with A and B (the “Sellers”)")
        seller = bool(_FROM_SELLER.search(before) or group)
        if not seller and (_TITLED.match(after) or _TITLED_BEFORE.search(before)):
            continue  # an officer (of the filer, most often), not a party
        # the next of a list of parties ("from Jane Roe, John Roe and Ann Poe")
        listed = last is not None and last.end >= sentence_start and _NEXT_IN_LIST.fullmatch(text, last.end,
                                                                                          person.start)
        if seller or listed or _ROLE_BEFORE.search(before) or _ROLE_AFTER.match(after) \
                or _BUYER_AFTER.match(text, person.end, min(sentence_end, person.end + 240)) \
                or _signer_listed(text, sentence_start, person.start):
            last = person
            yield Candidate("counterparty", person.start, person.end, person.value, 0.55,
                            "rules.counterparty.person")


_NEXT_IN_LIST = re.compile(r",?\s*(?:and\s+)?(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?")
# the subject of a purchase ("Jane Roe, a mining entrepreneur, purchased 10,000 shares")
_BUYER_AFTER = re.compile(
    r"(?:,[^.;]{0,140}?,)?\s+(?:has\s+|have\s+|will\s+|agreed\s+to\s+|also\s+)?"
    r"(?:purchased|purchase|acquired|acquire|subscribed|subscribe|bought|invested|invest)\b")


# "entered into a voting and support agreement with each of A, B and C": the other signers (an
# officer's own pay agreement names no party)
_AGREEMENT_WITH = re.compile(r"\bagreements?\b[^.;]{0,80}?\b(?:with\s+(?:each\s+of\s+)?|by\s+and\s+(?:among|between)\s+)",
                             re.I)
_PAY_AGREEMENT = re.compile(
    r"\b(?:employment|consulting|separation|severance|compensation|retention|offer|indemnification|transition|advisory|"
    r"change[\s-]+(?:in|of)[\s-]+control|award)\b", re.I)
# each item ends at its comma or at "and": little backtracking
_HONORIFIC_END = re.compile(r"(?:Mr|Ms|Mrs|Dr)\.\s*$")
_LIST_SO_FAR = re.compile(r"(?:[^,;:()“”\"\n]{1,60}(?:,\s+(?:and\s+)?|\s+and\s+)){0,8}")


def _signer_listed(text: str, sentence_start: int, pos: int) -> bool:
    """Whether the person at pos is one of a list right after "agreement(s) ... with"."""
    lo = max(sentence_start, pos - 400)
    for cue in _AGREEMENT_WITH.finditer(text, lo, pos):
        if _PAY_AGREEMENT.search(text, max(sentence_start, cue.start() - 40), cue.end()):  # "an employment agreement"
            continue
        between = _HONORIFIC_END.sub("", text[cue.end() : pos])  # ("with Dr. Jane Roe")
        if not between or _LIST_SO_FAR.fullmatch(between):
            return True
    return False
