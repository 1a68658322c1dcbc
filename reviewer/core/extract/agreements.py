"""Agreements a filing names: defined names ("the Merger Agreement"), titled ones
("Agreement and Plan of Merger") and plain ones ("a release of claims")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.core.extract.base import Candidate, DocContext, words_before
from reviewer.core.extract.dates import MONTH
from reviewer.core.extract.normalize import collapse
from reviewer.core.extract.wrapped import prose_context

_AGREEMENT_WORD = r"(?:Agreements?|Contracts?|Indentures?)"
# (and a guaranty given as a contract of its own, named so: "the Subsidiary Guaranty", "a Limited Guarantee")
_AGREEMENT_ANCHOR = re.compile(r"(?<![\w])(?:Agreements?|Contracts?|Indentures?|Guarant(?:y|ee)(?![\w-])(?![ ]+[A-Z]))(?![\w])")
# the words a guaranty given as a contract is named with ("Subsidiary Guaranty"; not "Lowest Price Guarantee")
_GUARANTY_HEADS = frozenset("Parent Subsidiary Subsidiaries Limited Continuing Payment Performance Completion "
                            "Unconditional Corporate Holdings Sponsor Equity Carve-Out Recourse Absolute Lease".split())
_AGREEMENT_TOKEN = re.compile(r"^(?:[A-Z][\w'’-]*|\d{4})$")
_AGREEMENT_LINK = frozenset({"and", "of", "to", "for", "on", "in"})
_OPEN_QUOTES = "\"“‘'"
# instruments: notes, debentures and warrants named with what makes them one
_INSTRUMENT = re.compile(
    r"(?<![\w])(?:(?:Senior|Secured|Unsecured|Subordinated|Original\s+Issue\s+Discount|OID|Exchangeable|"
    r"Convertible|Promissory|Pre-Funded|Prefunded|Common\s+Stock\s+Purchase|Stock\s+Purchase|Share\s+Purchase|"
    r"Purchase|Placement\s+Agent|Underwriter|Series\s+[A-Z0-9]+|Bridge|Demand|Term)\s+)+"
    r"(?:Notes?|Debentures?|Warrants?)(?![\w])"
)
_INSTRUMENT_NAME = re.compile(r"(?:Promissory|Convertible|Exchangeable|Debentures?|Purchase\s+Warrants?|Pre-Funded|Prefunded)")
# notes named by their rate and maturity ("its 6.875% Senior Notes due 2036")
_RATED_NOTES = re.compile(
    rf"(?<![\w.])\d{{1,2}}(?:\.\d{{1,4}})?%[^\S\n]+(?:(?:Senior|Secured|Unsecured|Subordinated|Junior|Convertible|"
    rf"Exchangeable|Guaranteed|Fixed-to-Floating|Fixed[^\S\n]+Rate|Floating[^\S\n]+Rate|First[^\S\n]+Mortgage|"
    rf"Mortgage|First[^\S\n]+Lien|Second[^\S\n]+Lien|Series[^\S\n]+[A-Z0-9]+)[^\S\n]+)*"
    rf"(?:Notes|Debentures|Bonds)[^\S\n]+due[^\S\n]+(?:(?:{MONTH})[^\S\n]+\d{{1,2}},?[^\S\n]+)?(?:19|20)\d\d(?!\d)")
# preliminary agreements named by their form
_LETTER = re.compile(r"(?<![\w])(?:[Ll]etter\s+of\s+[Ii]ntent|[Mm]emorandum\s+of\s+[Uu]nderstanding|[Tt]erm\s+[Ss]heet)(?![\w])")
# letters that bind ("an offer letter", "the Commitment Letter") and deeds ("Deed of Indemnification")
_BINDING_LETTER = re.compile(
    r"(?<![\w])(?:(?:(?i:director|executive|employee)\s+)?(?i:offer|engagement|commitment|side|fee|mandate|retention|support|"
    r"comfort)\s+[Ll]etters?"
    r"|(?:Mortgage\s+and\s+)?Deed\s+of\s+(?:[A-Z][a-z]+)(?:\s+(?:and\s+)?[A-Z][a-z]+){0,2})(?![\w])")
# headline verbs before a name ("Acme Signs Definitive Agreement")
_HEADLINE_VERB = re.compile(
    r"(?:(?:Announces|Announce|Signs|Sign|Enters|Enter|Executes|Execute|Completes|Complete|Closes|Close|"
    r"Reaches|Reach|Secures|Secure|Inks|Ink|Terminates|Terminate|Amends|Amend|Extends|Extend|Renews|Renew|"
    r"Expands|Expand|Finalizes|Finalize|Into|Under|With|Definitive|New)\s+)+(?=[A-Z])"
)
_VARIANT = re.compile(r"\b(?:\d{4}|ceo|cfo|director|directors|employee|executive|officer|non-employee|form|new)\b")
# a longer name of another agreement, not a fuller name of the same one
_DERIVED = re.compile(
    r"^(?:(?:first|second|third|fourth|fifth|sixth|\w+)\s+)?(?:amended|amendment|addendum|supplement|"
    r"supplemental|joinder|waiver|restated|side\s+letter|assignment|termination)\b|"
    r"\b(?:amendment|addendum|supplement|joinder|waiver|assignment|termination)\s+(?:no\.\s*\d+\s+)?to\b",
    re.I,
)
PLAN_OF_MERGER = re.compile(
    r"(?<![\w])Agreement\s+and\s+Plan\s+of\s+(?:Merger|Reorganization|Arrangement|Share\s+Exchange)"
    r"(?:\s+and\s+Reorganization)?"
)
_PLAIN_ANCHOR = re.compile(r"(?<![\w])(?:agreements?|indentures?|release\s+of\s+claims)(?![\w])")
_PLAIN_LEFT = re.compile(
    # (or the second of two joined by "and": "its standard offer letter and indemnification agreement")
    r"(?:(?<=[Ll]etter\s)|(?<=[Aa]greement\s)|(?<=[Ll]etters\s)|(?<=[Aa]greements\s))and\s+(?P<mods2>[a-z]+(?:tion|ment|ity|ship|ance|ence)\s)$|"
    r"(?<![\w])(?:(?i:an?|the|its|his|her|their|each|new|separate|our|certain)|into|form\s+of)\s+"
    # the sum before the name is not part of it ("a $400 million credit agreement")
    r"(?:(?:[a-z]+-year\s+)?[$€£]\d[\d,.]*(?:\s+(?:million|billion|thousand))?\s+)?"
    r"(?P<mods>(?:[a-z][a-z-]+\s){1,3}|(?:general\s+)?)$"
)


_AGREEMENT_OF = re.compile(r" of (?:Purchase and Sale|Sale and Purchase|Purchase|Sale|Lease|Limited Partnership|"
                           r"Merger|Reorganization)(?![\w])")
_AND_RELEASE = re.compile(r" and (?:General |Mutual )?Release(?: of (?:All )?Claims)?(?![\w])")


def _named_agreements(text: str, ctx: DocContext) -> Iterator[tuple[int, int]]:
    for anchor in ctx.find_all("Agreement", "Contract", "Indenture", "Guaranty", "Guarantee"):
        m = _AGREEMENT_ANCHOR.match(text, anchor)
        if not m or (anchor and (text[anchor - 1].isalnum() or text[anchor - 1] == "_")):
            continue
        taken = []
        for w_start, w_end in words_before(text, m.start(), 12):
            word = text[w_start:w_end]
            if word.endswith(("'s", "’s")):
                break  # its owner, not its name ("the Partnership's Credit Agreement")
            if _AGREEMENT_TOKEN.match(word):
                taken.append(w_start)
            elif word in _AGREEMENT_LINK and taken:
                taken.append(None)
            elif word[:1] in _OPEN_QUOTES and _AGREEMENT_TOKEN.match(word[1:]):
                taken.append(w_start + 1)  # the name opens at a quotation mark
                break
            else:
                break
            if sum(1 for t in taken if t is not None) >= 7:
                break
        while taken and taken[-1] is None:
            taken.pop()
        if taken and text.startswith("Guarant", m.start()) and text[taken[0]:m.start()].strip() not in _GUARANTY_HEADS:
            continue  # (a guaranty is a contract when named as one: "Subsidiary Guaranty")
        if taken:
            release = _AND_RELEASE.match(text, m.end())  # "Separation Agreement and General Release"
            yield taken[-1], release.end() if release else m.end()
        elif text.startswith("Agreement", m.start()):
            kind = _AGREEMENT_OF.match(text, m.end())  # "an Agreement of Purchase and Sale": named after it
            if kind:
                yield m.start(), kind.end()
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
        if left.group("mods2"):
            yield left.start("mods2"), m.end()
            continue
        # the modifiers after the last function word ("into an all-stock acquisition", not
        # "the terms of the")
        mods_start = left.start("mods")
        words = left.group("mods").split()
        for w in re.finditer(r"\S+", left.group("mods")):
            if w.group() in _PLAIN_STOP:
                mods_start = left.start("mods") + w.end() + 1
        if len(words) == 3 and words[1] == "and" and words[0] not in _PLAIN_STOP and len(words[0]) >= 4:
            mods_start = left.start("mods")  # two kinds of one agreement ("a transition and advisory agreement")
        mods = text[mods_start : m.start()].split()
        if left.group("mods").split() and not mods:
            continue
        if m.group().startswith("release") or mods:
            yield mods_start, m.end()


_GENERIC = re.compile(
    r"^(?:(?:this|such|that|the|any|other|same|foregoing|above|said|new|definitive|material|certain|"
    r"various|applicable|relevant|respective|following|related|written|separate|existing|prior|"
    r"such\s+other|previously|announced|proposed|pending|signed|executed)\s+)+agreements?$|^material\s+definitive\s+agreements?$|"
    r"^(?:the\s+)?agreements?$|^(?:an?|the)\s+",
    re.I,
)
# words a plain name's modifiers never hold ("the terms of the agreement")
_PLAIN_STOP = frozenset("of the to and in for with a an such this that under pursuant any each its their".split())
# possessive white space: a long run of blanks after a name is read once, not once per split
_DEFINED = re.compile(
    r"(?:,?\s++(?:dated|(?:made\s++and\s++)?entered\s++into|made)\s++(?:as\s++of\s++)?[^()\n]{4,40}?)?\s*+,?\s*+"
    r"\((?:as\s++(?:\w+ly\s++)?(?:amended|supplemented|modified)\b[^()\"“”]{0,80}?,\s*+)?(?:the\s++|each,?\s++(?:an?\s++)?|collectively,?\s++(?:the\s++)?"
    r"|together\s++with\s++[^()\"“”]{4,80}?,\s*+(?:the\s++)?|together,?\s++(?:the\s++)?)?[\"“]([^\"”]{2,60})[\"”]"
)
_IN_DEFINITION = re.compile(
    r"\((?:as\s+(?:\w+ly\s+)?(?:amended|supplemented|modified)\b[^()\"“”]{0,80}?,\s*)?"  # ("(as amended, the “Credit Agreement”)")
    r"(?:the\s+|each,?\s+(?:an?\s+)?|collectively,?\s+(?:the\s+)?|together\s+with\s+[^()\"“”]{4,80}?,\s*(?:the\s+)?"
    r"|together,?\s+(?:the\s+)?)?"
    r"[\"“]$")
# "Incremental Facility Amendment No. 1", "Amendment No. 2 to the Credit Agreement"
# (never a filing's own: "(Amendment No. 1)" on a Form 8-K/A, "This Amendment No. 1 on Form 8-K/A")
_NUMBERED_AMENDMENT = re.compile(
    r"(?<![\w])(?:(?!(?:This|The|Such|An?|Our|Its|Each)\b)[A-Z][\w-]*\s+){0,3}Amendment\s+(?P<no>No\.\s*\d+)"
    r"(?:\s+to\s+(?:the\s+)?(?:[A-Z][\w-]*\s+|(?:and|of)\s+){0,7}"
    r"(?:Agreement(?:\s+and\s+Plan\s+of\s+(?:Merger|Reorganization|Arrangement))?|Indenture)(?![\w]))?")
_AS_AMENDED = re.compile(r"\(as\s+(?:\w+ly\s+)?(?:amended|supplemented|modified)\b[^()]*$")
_ITEM_LINE = re.compile(r"\s*Item\s+\d", re.I)  # matched at a line's start


def _instruments(text: str, ctx: DocContext) -> Iterator[tuple[int, int]]:
    for anchor in ctx.find_all("Note", "Debenture", "Warrant"):
        m = _INSTRUMENT.search(text, max(0, anchor - 60), anchor + 12)
        while m and m.end() <= anchor:
            m = _INSTRUMENT.search(text, m.end(), anchor + 12)
        if m and m.start() <= anchor < m.end() and _INSTRUMENT_NAME.search(m.group()):
            yield m.start(), m.end()
    for anchor in ctx.find_all("etter of", "emorandum of", "erm ", lower=False):
        m = _LETTER.match(text, max(0, anchor - 1))
        if m:
            yield m.start(), m.end()
    for anchor in ctx.find_all("Notes due", "Debentures due", "Bonds due"):
        for m in _RATED_NOTES.finditer(text, max(0, anchor - 90), anchor + 40):
            if m.start() <= anchor < m.end() and not ctx.in_table_row(m.start()):
                yield m.start(), m.end()  # (a cover table's class of securities is no agreement)
    for anchor in ctx.find_all("Amendment No"):
        m = _NUMBERED_AMENDMENT.search(text, max(0, anchor - 50), anchor + 120)
        while m and m.end("no") <= anchor:
            m = _NUMBERED_AMENDMENT.search(text, m.end("no"), anchor + 120)
        if m and m.start() <= anchor < m.end() and (m.start() < anchor or m.end() > m.end("no")):
            yield m.start(), m.end()  # (a name before it, or the agreement it amends after it)
    for anchor in ctx.find_all(" letter", " Letter", "Deed of"):
        m = _BINDING_LETTER.search(text, max(0, anchor - 25), anchor + 60)
        if m and m.start() <= anchor + 1 < m.end():
            yield m.start(), m.end()


def agreements(ctx: DocContext) -> Iterator[Candidate]:
    yield from one_per_agreement(list(_agreements(ctx)))


def _agreements(ctx: DocContext) -> Iterator[Candidate]:
    # names read over hard wraps ("the Master Supply\nAgreement"): the unwrapped copy has the
    # document's offsets; 8-K item lines are the document's own
    prose = prose_context(ctx)
    text = prose.text
    found = sorted(set(_named_agreements(text, prose)) | set(_plain_agreements(text, prose))
                   | set(_instruments(text, prose)), key=lambda s: (s[0], -s[1]))
    # defined terms ("JVA", "LLC Agreement") are aliases wherever they appear, even before
    # the definition ("the LLC Agreement (as defined below)")
    aliases = {d.group(1).strip().lower() for _, end in found if (d := _DEFINED.match(text, end))}
    # and those defined after a name the rules do not list ("an Indenture (the “Base Indenture”)")
    defined_names: set[str] = set()
    # (not a name defined as itself: "an employment agreement ..., dated ... (the “Employment Agreement”)")
    for k, (start, end) in enumerate(found):
        if _IN_DEFINITION.search(text, max(0, start - 100), start):
            j = k - 1
            while j >= 0 and found[j][1] > start:  # the names overlapping this one: a few at most
                j -= 1
            prev = found[j] if j >= 0 else None
            if prev and start - prev[1] <= 150 and _key(text[prev[0]:prev[1]]) == _key(text[start:end]):
                continue
            prev_norm = collapse(text[prev[0]:prev[1]]).lower() if prev else ""
            alias = " " + collapse(text[start:end]).lower()
            if prev and start - prev[1] <= 150 and prev_norm.endswith(alias):
                defined_names.add(prev_norm)  # the fuller name it is the short form of
            if _AS_AMENDED.search(text, max(0, start - 100), start):
                # "X dated ..., as amended by a First Amendment to X (as amended, the “Y”)": Y is X as
                # amended, and X keeps its name
                i = j
                while i >= 0 and found[i][1] > start - 300:
                    name_i = collapse(text[found[i][0]:found[i][1]]).lower()
                    if name_i.endswith(alias):
                        defined_names.add(name_i)
                    i -= 1
            # (the whole quoted term, where the name is only its opening: "(the “Trust Agreement Amendment”)")
            close = re.match(r"[^\"”\n]{0,60}[\"”]", text[end:end + 62])
            aliases.add(collapse(text[start:end + close.end() - 1] if close else text[start:end]).lower())
    seen_end = -1
    for start, end in found:
        if start < seen_end:
            continue
        name = text[start:end]
        lead = re.match(
            r"(?:(?:The|A|An|Each|Such|This|That|Form\s+of|Our|Its|new|separate|standard|such|Million|Billion|"
            r"definitive|written|certain|\w+-(?:year|month|day|week)|(?i:long|short|medium)-(?i:term)|(?i:multi)-?(?i:year))\s+)+",
            name,
        )
        if lead:
            start += lead.end()
            name = text[start:end]
        verb = None
        for verb in _HEADLINE_VERB.finditer(name):
            pass
        if verb and verb.end() < len(name) and (verb.start() == 0 or name[verb.start() - 1] == " "):
            start += verb.end()
            name = text[start:end]
        if "\n" in name or "\t" in name and not name.strip():
            continue
        if _IN_DEFINITION.search(text, max(0, start - 100), start):
            continue  # the alias itself, inside its definition ("(the “Base Indenture”)")
        norm = collapse(name).lower()
        if _GENERIC.match(norm) or ctx.per_line(_ITEM_LINE, start, lambda s, e: bool(_ITEM_LINE.match(ctx.text, s, e))):
            continue
        defined = _DEFINED.match(text, end)
        if defined and norm in aliases and _key(defined.group(1)) != _key(name):
            continue  # an alias that a collective alias follows ("X and Y (together, the "Xs")")
        if not defined and norm not in defined_names and _is_alias(norm, aliases):
            continue  # an alias, or a name that ends with one
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
            # "the Amended and Restated Credit Agreement" under the alias "Credit Agreement" is
            # another agreement, the one amended
            return not _DERIVED.search(norm[:i] + " ")
        i = norm.find(" ", i + 1)
    return False


def _key(name: str) -> str:
    """A name compared without case, quotes, articles or a plural ending."""
    words = re.sub(r"[\"“”‘’']", "", name).lower().split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    if words and words[-1].endswith("s") and len(words[-1]) > 3 and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def one_per_agreement(found: list[Candidate]) -> list[Candidate]:
    """One name per agreement: its plural or singular once (the first written), and no name that
    is the tail of a longer one ("Purchase Agreement" under "Asset Purchase Agreement") unless the
    longer names another agreement made from it ("Amendment to ...", "Amended and Restated ...")."""
    first_text: dict[str, str] = {}
    for c in found:
        first_text.setdefault(_key(c.value["name"]), c.value["name"])
    keys = set(first_text)
    tails: set[str] = set()
    for key in keys:
        words = key.split(" ")
        for i in range(1, len(words)):
            head, tail = " ".join(words[:i]), " ".join(words[i:])
            # a short name under a longer one ("Purchase Agreement", "Asset Purchase Agreement"),
            # not a variant of it ("CEO Performance Award Agreement", "2023 Award Agreement")
            if tail in keys and len(tail.split()) <= 2 and not _DERIVED.search(head + " ") \
                    and not _VARIANT.search(head):
                tails.add(tail)
    # a plain name written in lower case refers to the named agreement it ends ("its credit agreement"
    # under "Amended and Restated Credit Agreement"); "the merger agreement" to an "Agreement and Plan of Merger"
    plain_tails = {" ".join(k.split(" ")[i:]) for k in keys for i in range(1, len(k.split(" ")))}
    if any(k.startswith("agreement and plan of ") for k in keys):
        plain_tails |= {"merger agreement", "reorganization agreement"}
    out = []
    for c in found:
        name = c.value["name"]
        key = _key(name)
        if name != first_text[key] or key in tails or (name[:1].islower() and key in plain_tails):
            continue
        out.append(c)
    return out
