"""8-K items: "Item 2.02 Results of Operations...", several under one heading ("Items 2.02 and
7.01."), and the single numbers of forms from before 2004 ("Item 5. Other Events")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.core.edgar_items import ITEMS_8K
from reviewer.core.extract.base import Candidate, DocContext

# (the title may be glued to the number, as two spans set apart by padding read: "Item 1.01Entry into")
_ITEM = re.compile(r"(?m)^[ \t]*(?:ITEMS?|Items?)\s+(?P<num>\d{1,2}\.\d{2})(?!\d)\.?[^\S\n]*(?P<title>[^\n\t]{0,160})")
# more items under one heading ("Item 2.02 and Item 7.01 ...", "Items 2.02, 7.01 and 9.01.")
_JOINED_ITEM = re.compile(r"[^\S\n]*(?:,|and|AND|&)[^\S\n]*(?:(?:ITEMS?|Items?)[^\S\n]+)?(?P<num>\d{1,2}\.\d{2})\b\.?")
_OLD_ITEM = re.compile(r"(?m)^[ \t]*(?:ITEM|Item)\s+(?P<num>\d{1,2})\.[^\S\n]+(?P<title>[A-Z][^\n\t]{2,160})")


def items(ctx: DocContext) -> Iterator[Candidate]:
    if ctx.doc_type != "8-K":
        return
    text = ctx.text
    seen = set()
    for m in _ITEM.finditer(text):
        num = m.group("num")
        if num not in ITEMS_8K or num in seen:
            continue
        seen.add(num)
        end = m.end("title") if m.group("title").strip() else m.end("num")
        while end > m.start() and text[end - 1] in " .:":
            end -= 1
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        joined, pos = [], m.end("num")
        while (more := _JOINED_ITEM.match(text, pos, m.end())) and more.group("num") in ITEMS_8K:
            joined.append(more)
            pos = more.end("num")
        # spans do not overlap: "Items 2.02" | "7.01" ... the last number holds the title
        spans = [(start, m.end("num"))] + [(j.start("num"), j.end("num")) for j in joined]
        spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        for (s, e), n in zip(spans, [num] + [j.group("num") for j in joined]):
            if n == num or n not in seen:
                seen.add(n)
                yield Candidate("item", s, e, n, 0.95 if n == num else 0.9, "rules.item")
    if seen:
        return
    for m in _OLD_ITEM.finditer(text):
        num = m.group("num")
        if not 1 <= int(num) <= 12 or num in seen:
            continue
        seen.add(num)
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        end = m.end("title")
        while end > start and text[end - 1] in " .:":
            end -= 1
        yield Candidate("item", start, end, num, 0.85, "rules.item.old")
