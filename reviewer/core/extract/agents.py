"""Placement agents, underwriters and bookrunners named by their role ("Harpwell Securities
served as lead placement agent, with Orlan Partners and Lindell, Quint & Co. serving as
co-placement agents"): parties to an offering whether or not their names carry a legal ending.

Each role phrase is found once with a pattern anchored on its verb; the names are the
capitalised words just before it, read leftwards within a bounded window and cut at "and"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.core.extract.base import Candidate, DocContext
from reviewer.core.extract.lexicon import LEGAL_WORDS, STOP
from reviewer.core.extract.wrapped import flat_text

_ROLE = re.compile(
    # (the verb may be left out: "by Acme Securities LLP and Orlan & Co. Limited as joint bookrunners")
    r"[ ](?:(?:served|serves|serve|(?:is\s+|are\s+)?serving|acted|acts|acting|is\s+acting|are\s+acting|will\s+act|act)\s+)?as\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:(?:sole|lead|exclusive|joint|co-lead|co|lead\s+left|global)[\s-]+){0,2}"
    r"(?:placement\s+agents?|underwriters?|book[\s-]?running\s+managers?|bookrunners?|dealer[\s-]managers?|"
    r"sales\s+agents?|managing\s+underwriters?|lead\s+managers?|co[\s-]?managers?|(?:syndication|documentation)\s+agents?|"
    r"(?:lead\s+)?arrangers?|initial\s+purchasers?|representatives?\s+of\s+the\s+(?:several\s+)?(?:initial\s+purchasers|underwriters))\b",
)  # read on the lower-cased text (same offsets): case-insensitively it cost three times as much
_WINDOW = 160
_BRANCH_AFTER = re.compile(r",?[ ](?:[A-Z][a-z]+[ ]){1,3}Branch\b")
_OFFERING = re.compile(r"offering|placement|underwrit|bookrunn|notes\b|debentures|issue of|securities")
_WHICH = re.compile(r",? (?:which|who)\Z")
# a word of a firm's name: capitalised, an initialism, or a joining word inside the name
_NAME_WORD = re.compile(r"[A-Z][\w.&'’-]*,?|&|of|and|de|\((?:USA|US|UK|Canada|Europe|Asia|International)\)")
_SENTENCE_END = re.compile(r"[A-Z][a-z]{3,}\.")
_LEAD_WORDS = frozenset({"The", "A", "An", "With", "And", "Of", "De"})
_JOINERS = frozenset({"of", "de", "&"})
_OPENERS = _LEAD_WORDS | _JOINERS  # words a name does not open with
_GENERIC = re.compile(r"\b(?:Agents?|Underwriters?|Managers?|Bookrunners?|Representatives?|Purchasers?)$")


def role_agents(ctx: DocContext) -> Iterator[Candidate]:
    text = flat_text(ctx)  # (a name broken over a hard wrap: "Acme Securities,\nInc. acted as")
    lower = ctx.lower if text is ctx.text else text.replace("\u0130", "i").lower()  # (same offsets: "İ" lowers to two)
    for m in _ROLE.finditer(lower):
        if m.group().rstrip().endswith(("manager", "managers")) and "running" not in m.group() \
                and not _OFFERING.search(lower, max(0, m.start() - 300), min(len(lower), m.end() + 300)):
            continue  # a lead manager of a building project is none of an offering's
        lo = max(0, m.start() - _WINDOW, text.rfind("\n", 0, m.start()) + 1)
        words: list[tuple[int, int]] = []
        right = m.start()
        relative = _WHICH.search(text, max(lo, right - 8), right)
        if relative:  # "Acme Securities LLC, which acted as placement agent"
            right = relative.start()
        while right > lo:
            left = text.rfind(" ", lo, right) + 1 or lo
            word = text[left:right]
            if not _NAME_WORD.fullmatch(word) or _SENTENCE_END.fullmatch(word) \
                    and word.rstrip(".").lower() not in LEGAL_WORDS:
                break  # (a sentence ends before the name: "... Agreement. Acme Securities Pty Ltd acted as")
            words.append((left, right))
            right = left - 1
        words.reverse()
        # "..., Keio Partners Co., Ltd. WBB Securities LLC acted as": the run opens after the
        # last legal ending that another name follows (a list or a sentence before it)
        for i in range(len(words) - 2, -1, -1):
            here = text[words[i][0]:words[i][1]].rstrip(",.").lower()
            after = text[words[i + 1][0]:words[i + 1][1]].rstrip(",.").lower()
            if text[words[i][0]:words[i][1]].endswith(",") or _BRANCH_AFTER.match(text, words[i][1]):
                continue  # a list goes on after the comma ("A Bank, Ltd., B Bank and C S.p.A."), or a branch
            if here in LEGAL_WORDS and after not in LEGAL_WORDS and after != "and":  # ("A Ltd. and B LLP": two names)
                words = words[i + 1:]
                break
        yield from _names(text, words)


def _names(text: str, words: list[tuple[int, int]]) -> Iterator[Candidate]:
    """The names in a run of words, cut at "and" (commas stay: "Keefe, Bruyette & Woods")."""
    group: list[tuple[int, int]] = []
    for span in words + [(-1, -1)]:
        word = text[span[0]:span[1]] if span[0] >= 0 else "and"
        # (a legal ending and its comma close a name in a list: "A Bank, Ltd., B Bank and C S.p.A.")
        listed = group and word.endswith(",") and word.rstrip(",.").lower() in LEGAL_WORDS \
            and not _BRANCH_AFTER.match(text, span[1] - 1)
        if listed:
            group.append(span)
            word = "and"
        if word == "and":
            while group and (text[group[0][0]:group[0][1]].rstrip(",") in _OPENERS
                             or text[group[0][0]:group[0][1]].rstrip(",").lower() in STOP):
                group = group[1:]
            while group and text[group[-1][0]:group[-1][1]] in _JOINERS:
                group = group[:-1]
            if group:
                start, end = group[0][0], group[-1][1]
                while end > start and text[end - 1] == ",":
                    end -= 1
                name = text[start:end]
                if len(name) >= 3 and not _GENERIC.search(name):  # not "the Sales Agent acting as"
                    yield Candidate("counterparty", start, end, name, 0.55, "rules.counterparty.agent")
            group = []
        else:
            group.append(span)
