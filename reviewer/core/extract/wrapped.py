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
    gaps = _gap_lines(text)
    out = []
    prev = lines[0]
    prev_keep = _ends_block(prev, 0 in gaps)
    out.append(prev)
    for i in range(1, len(lines)):
        line = lines[i]
        stripped = line.lstrip()
        gap = i in gaps
        if prev_keep or not stripped or _starts_block(stripped, prev, gap):
            sep = "\n"
        else:
            sep = " "
            if out[-1].endswith("\r"):
                out[-1] = out[-1][:-1] + " "
        out.append(sep)
        out.append(line)
        prev = line
        prev_keep = _ends_block(line, gap)
    return "".join(out)


def _gap_lines(text: str) -> set[int]:
    """Indices of the lines (split at "\\n") holding a _CELL_GAP."""
    if text.isascii():
        plain = not any(blank in text for blank in "\r\x0b\x0c\x1c\x1d\x1e\x1f")
    else:
        plain = _OTHER_BLANK.search(text) is None
    if plain:
        return _plain_gap_lines(text)
    return _scanned_gap_lines(text)


_OTHER_BLANK = re.compile(r"[^\S \n\t]")


def _plain_gap_lines(text: str) -> set[int]:
    """_gap_lines for a text whose only blanks are spaces, tabs and line breaks: each run of
    blanks holding a tab or three spaces (str.find) is looked at once; it is a gap when it is
    three blanks or more, or a lone tab, between non-blanks."""
    n = len(text)
    found = []
    i = text.find("\t")
    while i >= 0:
        found.append(i)
        i = text.find("\t", i + 1)
    i = text.find("   ")
    while i >= 0:
        found.append(i)
        while i < n and text[i] == " ":
            i += 1
        i = text.find("   ", i)
    found.sort()
    out = set()
    line, at, done = 0, 0, -1
    for c in found:
        if c < done:
            continue
        a = c
        while a > 0 and text[a - 1] in " \t":
            a -= 1
        b = c + 1
        while b < n and text[b] in " \t":
            b += 1
        done = b
        if (b - a >= 3 or text[a] == "\t" and b - a == 1) and a > 0 and text[a - 1] != "\n" \
                and b < n and text[b] != "\n":
            line += text.count("\n", at, a)
            at = a
            out.add(line)
            # the line is known to hold one: its other runs need no look
            nl = text.find("\n", b)
            done = n if nl < 0 else nl
    return out


def _scanned_gap_lines(text: str) -> set[int]:
    """Indices of the lines (split at "\\n") holding a _CELL_GAP, from one pass over the text: a
    gap never spans a line break, and the gaps of a line are those of its stripped text."""
    out = set()
    line, at = 0, 0
    for m in _GAP_START.finditer(text):
        start = m.start()
        line += text.count("\n", at, start)
        at = start
        out.add(line)
    return out


# the first blank of a _CELL_GAP (a tab, or a run of three blanks or more, between non-blanks):
# the lines holding one are the lines holding a _CELL_GAP, and opening on a blank makes the scan cheap
_GAP_START = re.compile(r"[^\S\n](?:(?<=\S\t)(?=\S)|(?<=\S[^\S\n])[^\S\n]{2,}(?=\S))")


def _ends_block(line: str, gap: bool) -> bool:
    """Whether a line break after this line always stays one (``gap``: the line holds a
    _CELL_GAP)."""
    s = line.rstrip()
    if not s or "\t" in s or s.lstrip().startswith(("#", "|")):
        return True
    if _ALNUM.search(s) is None:
        return True  # a rule of dashes, a lone bullet
    # a row of cells separated by runs of blanks (short lines only: scanning is per line anyway)
    return gap


_ALNUM = re.compile(r"[^\W_]")  # a character for which str.isalnum() holds


def _starts_block(stripped: str, prev: str, gap: bool) -> bool:
    if "\t" in stripped or _BLOCK_START.match(stripped) or gap:
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
