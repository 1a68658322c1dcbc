"""Agreements a filing names: defined names ("the Merger Agreement"), titled ones
("Agreement and Plan of Merger") and plain ones ("a release of claims")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.core.extract.base import Candidate, DocContext, words_before
from reviewer.core.extract.normalize import collapse

_AGREEMENT_WORD = r"(?:Agreements?|Contracts?|Indentures?)"
_AGREEMENT_ANCHOR = re.compile(r"(?<![\w])(?:Agreements?|Contracts?|Indentures?)(?![\w])")
_AGREEMENT_TOKEN = re.compile(r"^(?:[A-Z][\w'’-]*|\d{4})$")
_AGREEMENT_LINK = frozenset({"and", "of", "to", "for", "on", "in"})
PLAN_OF_MERGER = re.compile(
    r"(?<![\w])Agreement\s+and\s+Plan\s+of\s+(?:Merger|Reorganization|Arrangement|Share\s+Exchange)"
    r"(?:\s+and\s+Reorganization)?"
)
_PLAIN_ANCHOR = re.compile(r"(?<![\w])(?:agreements?|indentures?|release\s+of\s+claims)(?![\w])")
_PLAIN_LEFT = re.compile(
    r"(?<![\w])(?:an?|the|its|his|her|their|each|new|separate|our|certain)\s+"
    r"(?P<mods>(?:[a-z][a-z-]+\s){1,3}|(?:general\s+)?)$"
)


def _named_agreements(text: str, ctx: DocContext) -> Iterator[tuple[int, int]]:
    for anchor in ctx.find_all("Agreement", "Contract", "Indenture"):
        m = _AGREEMENT_ANCHOR.match(text, anchor)
        if not m or (anchor and (text[anchor - 1].isalnum() or text[anchor - 1] == "_")):
            continue
        taken = []
        for w_start, w_end in words_before(text, m.start(), 12):
            word = text[w_start:w_end]
            if _AGREEMENT_TOKEN.match(word):
                taken.append(w_start)
            elif word in _AGREEMENT_LINK and taken:
                taken.append(None)
            else:
                break
            if sum(1 for t in taken if t is not None) >= 7:
                break
        while taken and taken[-1] is None:
            taken.pop()
        if taken:
            yield taken[-1], m.end()
    for anchor in ctx.find_all("Agreement and Plan"):
        m = PLAN_OF_MERGER.match(text, anchor)
        if m:
            yield m.start(), m.end()


def _plain_agreements(text: str, ctx: DocContext) -> Iterator[tuple[int, int]]:
    for anchor in ctx.find_all("agreement", "indenture", "release of claims"):
        m = _PLAIN_ANCHOR.match(text, anchor)
        if not m or (anchor and (text[anchor - 1].isalnum() or text[anchor - 1] == "_")):
            continue
        left = _PLAIN_LEFT.search(text, max(0, m.start() - 60), m.start())
        if not left:
            continue
        if m.group().startswith("release"):
            yield left.start("mods"), m.end()
        elif left.group("mods").strip():
            yield left.start("mods"), m.end()


_GENERIC = re.compile(
    r"^(?:(?:this|such|that|the|any|other|same|foregoing|above|said|new|definitive|material|certain|"
    r"various|applicable|relevant|respective|following|related|written|separate|existing|prior|"
    r"such\s+other)\s+)+agreements?$|^material\s+definitive\s+agreements?$|"
    r"^(?:the\s+)?agreements?$",
    re.I,
)
# possessive white space: a long run of blanks after a name is read once, not once per split
_DEFINED = re.compile(
    r"(?:\s++dated\s++(?:as\s++of\s++)?[^()\n]{4,30}?)?\s*+,?\s*+"
    r"\((?:the\s++|each,?\s++(?:an?\s++)?|collectively,?\s++(?:the\s++)?)?[\"“]([^\"”]{2,60})[\"”]"
)
_ITEM_LINE = re.compile(r"\s*Item\s+\d", re.I)  # matched at a line's start


def agreements(ctx: DocContext) -> Iterator[Candidate]:
    text = ctx.text
    found = sorted(set(_named_agreements(text, ctx)) | set(_plain_agreements(text, ctx)),
                   key=lambda s: (s[0], -s[1]))
    # defined terms ("JVA", "LLC Agreement") are aliases wherever they appear, even before
    # the definition ("the LLC Agreement (as defined below)")
    aliases = {d.group(1).strip().lower() for _, end in found if (d := _DEFINED.match(text, end))}
    seen_end = -1
    for start, end in found:
        if start < seen_end:
            continue
        name = text[start:end]
        lead = re.match(
            r"(?:(?:The|A|An|Each|Such|This|That|Form\s+of|Our|Its|new|separate|standard|such|"
            r"definitive|written|certain|\w+-(?:year|month|day|week))\s+)+",
            name,
        )
        if lead:
            start += lead.end()
            name = text[start:end]
        if "\n" in name or "\t" in name and not name.strip():
            continue
        norm = collapse(name).lower()
        if _GENERIC.match(norm) or ctx.per_line(_ITEM_LINE, start, lambda s, e: bool(_ITEM_LINE.match(text, s, e))):
            continue
        defined = _DEFINED.match(text, end)
        if not defined and _is_alias(norm, aliases):
            continue
        value = {"name": collapse(name)}
        if defined:
            value["alias"] = defined.group(1).strip()
        seen_end = end
        yield Candidate("agreement", start, end, value, 0.7, "rules.agreement")


def _is_alias(norm: str, aliases: set[str]) -> bool:
    """Whether the name is an alias or ends with one (" " + alias): a look-up per word of the
    name rather than a pass over every alias."""
    if norm in aliases:
        return True
    i = norm.find(" ")
    while i >= 0:
        if norm[i + 1 :] in aliases:
            return True
        i = norm.find(" ", i + 1)
    return False
