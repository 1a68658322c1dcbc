"""Hard-wrapped text read as prose: a single line break inside a sentence is a blank.

``flat(text)`` returns a text of the same length in which each line break that only wraps a
sentence ("raised $5\\nbillion", "on March\\n5, 2020", "John\\nSmith") is a space, so that
patterns of several words match across it while every offset stays an offset into the
document text (the field's text is still ``text[start:end]``). Line breaks that end something
stay: a blank line, a line ending a sentence (".", "!", "?", ":", ";") before a capital, a
list item, a heading, a table row (tabs or runs of blanks between cells), a line with no words.

Rules that need line starts (8-K items, the cover company, the dateline) keep reading the
document text; rules that match phrases read ``flat_text(ctx)``.
"""

from __future__ import annotations

import re

# a line that starts a block of its own: a list item, a heading, a quote, a table row
_BLOCK_START = re.compile(r"[-*+•●▪◦>#|]|\(?\d{1,2}[.)][^\S\n]|\(?[a-z][.)][^\S\n]|(?:ITEM|Item)\s+\d")
_CELL_GAP = re.compile(r"\S(?:[^\S\n]{3,}|\t)\S")
_ENDS = ".!?:;"


def flat(text: str) -> str:
    """The text with each line break that wraps a sentence replaced by a space."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    out = []
    prev = lines[0]
    prev_keep = _ends_block(prev)
    out.append(prev)
    for line in lines[1:]:
        stripped = line.lstrip()
        if prev_keep or not stripped or _starts_block(stripped, prev):
            sep = "\n"
        else:
            sep = " "
            if out[-1].endswith("\r"):
                out[-1] = out[-1][:-1] + " "
        out.append(sep)
        out.append(line)
        prev = line
        prev_keep = _ends_block(line)
    return "".join(out)


def _ends_block(line: str) -> bool:
    """Whether a line break after this line always stays one."""
    s = line.rstrip()
    if not s or "\t" in s or s.lstrip().startswith(("#", "|")):
        return True
    if not any(ch.isalnum() for ch in s):
        return True  # a rule of dashes, a lone bullet
    # a row of cells separated by runs of blanks (short lines only: scanning is per line anyway)
    return _CELL_GAP.search(s) is not None


def _starts_block(stripped: str, prev: str) -> bool:
    if "\t" in stripped or _BLOCK_START.match(stripped) or _CELL_GAP.search(stripped):
        return True
    last = prev.rstrip()[-1:]
    # a sentence ended on the line before and a new one begins (a lower-case word continues it)
    return bool(last) and last in _ENDS and not stripped[0].islower()


def flat_text(ctx) -> str:
    """``flat(ctx.text)``, computed once per document context."""
    cached = ctx.__dict__.get("_flat_text")
    if cached is None:
        cached = flat(ctx.text)
        ctx.__dict__["_flat_text"] = cached
    return cached


def matches_at(text: str, pattern, anchors: list[int], before: int, after: int):
    """``DocContext.matches_at`` on a text of the document's length (the flat text): matches
    of ``pattern`` that reach one of the ``anchors``, each once, in order."""
    seen = -1
    for anchor in anchors:
        m = pattern.search(text, max(0, anchor - before), anchor + after)
        while m and m.end() <= anchor:
            m = pattern.search(text, m.end(), anchor + after)
        if not m or m.start() <= seen or m.start() > anchor:
            continue
        seen = m.start()
        yield m
