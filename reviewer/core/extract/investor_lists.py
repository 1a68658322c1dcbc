"""The investors of a financing round, listed after a cue ("led by A and B, with participation
from C, D and E"): names with or without a legal ending, read item by item within a bounded
window after each cue."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.core.extract.about import inside
from reviewer.core.extract.base import Candidate, DocContext
from reviewer.core.extract.lexicon import US_STATES

_ROUND = re.compile(r"\b(?:round|funding|financing|raise[sd]?|investment|placement|series\s+[A-Z])\b", re.I)
_LIST_CUES = ("led by", "participation from", "participation of", "joined the round", "investors include",
              "investors including", "investors included", "backed by", "investment from")
# holders named as such are parties of the deal they are in, whatever its words ("Existing Acme
# stockholders, including A and B, will roll their equity")
_HOLDER_CUES = ("stockholders, including", "shareholders, including", "stockholders including",
                "shareholders including")
_LIST_LEAD = re.compile(
    r"(?:[\s,:]+|(?:and|as\s+well\s+as|including|included|include|such\s+as|with|from|by|the|existing|new|"
    r"other|investors?|venture|firms?|that|joined|round|additional|participation)\b"
    # the kind of investment before its investor, in a title-case headline too ("Led by Strategic Investment from")
    r"|(?i:(?:a\s+|an\s+)?(?:strategic|significant|anchor|major|institutional|cornerstone)\s+"
    r"(?:investments?|investors?|backers?|partners?)\s+(?:from|by)\b))*"
)
_LIST_ITEM = re.compile(
    r"(?:[A-Z][\w.’'-]*-based\s+)?(?P<name>[A-Z0-9][\w.&’'-]*(?:(?:\s+(?:of|&|for|de)\s+|\s+)"
    r"(?:[A-Z0-9&][\w.&’'-]*))*(?:,?\s+(?:Inc\.|Ltd\.|LLC|L\.P\.|LP|Co\.,\s+Ltd\.|Co\.))?)"
)
_LIST_MAX = 12
_ABBREVIATED_END = re.compile(r"(?:\b[A-Z]\.[A-Z]|\b(?:Inc|Corp|Co|Ltd|Jr|Sr))\Z")


def investor_lists(ctx: DocContext, about) -> Iterator[Candidate]:
    text = ctx.text
    holders = set(ctx.find_all(*_HOLDER_CUES, lower=True))
    for cue in sorted(set(ctx.find_all(*_LIST_CUES, lower=True)) | holders):
        if inside(about, cue) or (cue not in holders and not ctx.sentence_has(_ROUND, cue)):
            continue
        if cue in holders and not text[cue].islower():
            continue  # "the Annual Report to Stockholders, including …": a title, not holders named
        _, sentence_end = ctx.sentence_span(cue)
        pos = text.find(" ", cue + 5)
        limit = min(sentence_end, cue + 400)
        for _ in range(_LIST_MAX):
            lead = _LIST_LEAD.match(text, pos, limit)
            pos = lead.end() if lead else pos
            item = _LIST_ITEM.match(text, pos, limit)
            if not item:
                break
            start, end = item.start("name"), item.end("name")
            while end > start and text[end - 1] in ".,":
                end -= 1
            if text.startswith(".", end) and _ABBREVIATED_END.search(text, start, end):
                end += 1  # the full stop of a legal ending ("Holdings K.K.", "Acme Inc.")
            honorific = _HONORIFIC.match(text, start, end)
            if honorific:
                start = honorific.end()
            pos = item.end()
            second = _joined_institution(text, start, end, pos, limit)
            if second:  # "<Domain> and <Domain> Agency": one name
                pos = second.end("name")
                end = len(text[:pos].rstrip(".,"))
            name = text[start:end]
            place = _STATE_AFTER.match(text, end, min(limit, end + 24))
            if name and not place and len(name.split()) <= 6 and not name.isdigit() and name.split()[0].lower() not in _LIST_STOP:
                yield Candidate("counterparty", start, end, name, 0.55, "rules.counterparty.list")
            nxt = text[pos : pos + 2]
            if not (nxt.startswith(",") or text.startswith(" and ", pos) or text.startswith(" &", pos)):
                break


# "<Domain> and <Domain> <Institution>": the shape of agencies', councils' and institutes' names,
# which a list would otherwise split at "and"
_DOMAIN = frozenset("""science sciences technology technologies research development health education arts
industry industries trade commerce energy environment innovation culture agriculture medicine economic
economics planning finance safety security justice welfare""".split())
_INSTITUTION = re.compile(r"(?:Agency|Institute|Institutes|Foundation|Council|Authority|Commission|Ministry|"
                          r"Department|Organization|Organisation|Society|Association|Academy|Center|Centre|"
                          r"Administration|Board|Office|University|Corporation)$")


def _joined_institution(text: str, start: int, end: int, pos: int, limit: int):
    """The list item after " and " when it completes one name with the item at start-end."""
    if not text.startswith(" and ", pos) or text[start:end].rsplit(None, 1)[-1].lower() not in _DOMAIN:
        return None
    second = _LIST_ITEM.match(text, pos + 5, limit)
    if second and _INSTITUTION.search(second.group("name").rstrip(".,")):
        return second
    return None


_STATE_AFTER = re.compile(rf",\s*(?:{US_STATES}|Mass\.)(?![\w])")  # "Waltham, Mass.-based ..."
_HONORIFIC = re.compile(r"(?:Mr|Ms|Mrs|Dr|Prof)\.\s+")
_LIST_STOP = frozenset("a an the its his her their our this these mr ms dr company company’s company's".split())


# a table of the parties of a deal, one per row under a header naming their role
# ("Purchaser<TAB>Shares<TAB>Purchase Price" / "Acme Fund LP<TAB>1,600,000<TAB>$4,549,796")
_PARTY_HEADER = re.compile(
    r"[ \t]*(?:Name\s+of\s+)?(?:Purchasers?|Investors?|Subscribers?|Sellers?|Lenders?|Selling\s+(?:Stock|Share)holders?)"
    r"[ \t]*(?:\t|[ ]{3,})", re.I)
_FIRST_CELL = re.compile(r"[ \t]*(?P<cell>[^\t\n]+?)(?:\t|[ ]{3,}|$)", re.M)
_NOT_A_PARTY_CELL = re.compile(r"(?:Total|Totals|Aggregate|All\s+\w+|Subtotal)\b", re.I)
_DEAL_COLUMN = re.compile(r"\b(?:Shares|Price|Amount|Consideration|Principal|Commitments?|Units|Warrants|Proceeds|"
                          r"Notes|Purchase|Subscription|Investment|Interest)\b", re.I)
_TABLE_ROWS = 40


def table_parties(ctx: DocContext) -> Iterator[Candidate]:
    """The first cells of the rows under a table header that names the parties' role."""
    text = ctx.text
    seen: set[int] = set()
    for hit in ctx.find_all("purchaser", "investor", "subscriber", "seller", "lender", "name of", lower=True):
        s, e = ctx.line_span(hit)
        if s in seen or not _PARTY_HEADER.match(text, s, e) or text[s:hit].strip() not in ("", "Name of", "Name") \
                or not _DEAL_COLUMN.search(text, s, e):
            continue  # (a contacts table's "Investors<TAB>Media" lists no parties)
        seen.add(s)
        pos = e + 1
        for _ in range(_TABLE_ROWS):
            if pos >= len(text):
                break
            ls, le = ctx.line_span(pos)
            if not text[ls:le].strip() or ("\t" not in text[ls:le] and "   " not in text[ls:le].strip()):
                break  # (the table ends at a blank line or a line of prose)
            cell = _FIRST_CELL.match(text, ls, le)
            if cell and cell.group("cell")[:1].isupper() and re.search(r"[a-z]{2}", cell.group("cell")) \
                    and not _NOT_A_PARTY_CELL.match(cell.group("cell")):
                name = cell.group("cell").rstrip(" ,")
                start = cell.start("cell")
                yield Candidate("counterparty", start, start + len(name), name, 0.55, "rules.counterparty.table")
            pos = le + 1
