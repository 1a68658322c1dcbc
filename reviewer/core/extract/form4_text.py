"""The share fields of a Form 4 typed as text before the XML forms (to 2003): its
tables are drawn with pipes or laid out in tab-separated cells, and each row of a security
("Common Stock | 05/14/01 | S | 5,000 | D | $24.50 | 48,200 | D") holds the amount of the
transaction and the amount owned after it as bare numbers. Prices are read by the money rule
(a Form 4's prices are per share); dates by the date rule."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.core.extract.base import Candidate, DocContext
from reviewer.core.extract.normalize import integer_value

# a row of a table drawn with pipes or tabs whose first cell names a security
_ROW = re.compile(r"^[^\S\n]*\|?[^\S\n]*(?P<title>[A-Z][A-Za-z .,'&()-]{2,40}?)[^\S\n]*(?:\||\t)(?P<rest>[^\n]*)$", re.M)
_SECURITY = re.compile(r"\b(?:stock|shares|options?|warrants?|units|rights|securities)\b", re.I)
# a count, with a footnote mark after it or not ("5,000(1)"); never a year alone ("2005")
_COUNT_CELL = re.compile(r"(?P<count>\d{1,3}(?:,\d{3})+|(?!(?:19|20)\d\d(?!\d))\d{3,9})(?:\s*\(\d{1,2}\))?")


def text_quantities(ctx: DocContext) -> Iterator[Candidate]:
    if ctx.doc_type != "4" or "ownershipDocument" in ctx.text or "transactionShares" in ctx.text:
        return
    text = ctx.text
    for row in _ROW.finditer(text):
        if not _SECURITY.search(row.group("title")):
            continue
        rest = row.group("rest")
        if rest.count("|") + rest.count("\t") < 2:
            continue  # a line of prose with one bar in it, not a table's row
        for cell in re.finditer(r"[^|\t]+", rest):
            value = cell.group().strip()
            m = _COUNT_CELL.fullmatch(value)
            if not m:
                continue
            count = m.group("count")
            start = row.start("rest") + cell.start() + cell.group().index(value)
            yield Candidate("share_count", start, start + len(count), integer_value(count), 0.8,
                            "rules.shares.form4_text")
