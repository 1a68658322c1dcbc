"""Hard-wrapped text read as prose: a single line break inside a sentence is a blank.

``flat(text)`` returns a text of the same length in which each line break that only wraps a
sentence ("raised $5\\nbillion", "on March\\n5, 2020", "John\\nSmith") is a space, so that
patterns of several words match across it while every offset stays an offset into the
document text (the field's text is still ``text[start:end]``). Line breaks that end something
stay: a blank line, a line ending a sentence (".", "!", "?", ":", ";") before a capital, a
list item, a heading, a table row (tabs or runs of blanks between cells), a line with no words.

Rules that need line starts (8-K items, the cover company, the dateline) keep reading the
document text; rules that match phrases read ``flat_text(ctx)``.

Names, titles, parties and agreements read ``unwrap(text)`` (``prose_text(ctx)``, and
``prose_context(ctx)`` for its sentences), a stricter copy of the same length: a line break
that ``flat`` joins becomes a blank only where the line before is full, as a hard wrap leaves
it (forty characters or more, at most a wrap width, and too long to have taken the next line's
first word beside the longest line of its paragraph; not centred or indented, not in capitals,
not a note in brackets), and only in a text that holds a paragraph of three lines or more
wrapped so. The short lines of a signature, contact or address block ("Jane Roe" over "Chief
Financial Officer") and the lines of a cover stay lines. An initial or an honorific at the
end of a full line does not end a sentence there ("Jane Q.\nRoe"); a line that opens with a
label ("Title:", "By:") starts a block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import compress

from reviewer.core.extract.base import BULLETS, DocContext

# a line that starts a block of its own: a list item, a heading, a quote, a table row
_BLOCK_START = re.compile(rf"[-+>#|{BULLETS}]|\(?\d{{1,2}}[.)][^\S\n]|\(?[a-z][.)][^\S\n]|(?:ITEM|Item)\s+\d")
_CELL_GAP = re.compile(r"\S(?:[^\S\n]{3,}|\t)\S")
_ENDS = ".!?:;"


def flat(text: str, gaps: set[int] | None = None) -> str:
    """The text with each line break that wraps a sentence replaced by a space (``gaps``:
    _gap_lines(text), when known)."""
    if "\n" not in text:
        return text
    return _joined(*_flat_breaks(text, _gap_lines(text) if gaps is None else gaps))


def _flat_breaks(text: str, gaps: set[int]) -> tuple[list[str], list[bool]]:
    """(the lines of a text that holds a line break, whether flat joins each to the line
    before)."""
    lines = text.split("\n")
    joins = [False] * len(lines)
    prev = lines[0]
    prev_keep = _ends_block(prev, 0 in gaps)
    for i in range(1, len(lines)):
        line = lines[i]
        stripped = line.lstrip()
        gap = i in gaps
        if not (prev_keep or not stripped or _starts_block(stripped, prev, gap)):
            joins[i] = True
        prev = line
        prev_keep = _ends_block(line, gap)
    return lines, joins


def _joined(lines: list[str], joins: list[bool]) -> str:
    """The lines joined by a line break, or by a space where ``joins`` says (a carriage return
    before that space is a space too)."""
    out = [lines[0]]
    for i in range(1, len(lines)):
        if joins[i]:
            if out[-1].endswith("\r"):
                out[-1] = out[-1][:-1] + " "
            out.append(" ")
        else:
            out.append("\n")
        out.append(lines[i])
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


# the blanks other than space, tab and line break, listed (what str.isspace holds): a set read
# from a table is searched twice as fast as the negated class [^\S \n\t]
_OTHER_BLANK = re.compile("[\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


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


# a hard wrap leaves lines of this many characters (a wrap width, the line before a break, at most)
_MIN_WRAP, _MAX_WRAP = 40, 132
# the line opens with a label ("Title:", "By:", "Media Contact:")
_LABEL = re.compile(r"[A-Z][A-Za-z]*(?: [A-Za-z]+){0,2}:(?!\S)")
# a line ending with an initial or an honorific ("Jane Q.", "Mr."), read on its last characters
_NAME_DOT = re.compile(r"(?:^|[\s(])(?:[A-Z]|Mr|Ms|Mrs|Dr|Prof|Messrs|St|No|U\.S)\.$")
_FIRST_WORD = re.compile(r"[^\S\n]*(\S*)")


def unwrap(text: str, gaps: set[int] | None = None, breaks: tuple[list[str], list[bool]] | None = None) -> str:
    """The text with each line break that hard-wraps a sentence replaced by a space: those of
    ``flat`` (and those after an initial or an honorific) where the line before is full, in a
    text that holds a paragraph of three lines or more wrapped so (else the text itself).
    ``breaks``: _flat_breaks(text, gaps), when known. The work is done at the breaks that flat
    joins and at the initials before a line break, not at every line."""
    if "\n" not in text:
        return text
    if gaps is None:
        gaps = _gap_lines(text)
    lines, joins = breaks or _flat_breaks(text, gaps)
    n = len(lines)
    # the breaks that could wrap a sentence: flat's, but for a line that opens with a label ...
    cand = [k for k in compress(range(n), joins) if not _LABEL.match(lines[k].lstrip())]
    # ... and those after an initial or an honorific, where flat saw the end of a sentence
    cand.extend(_after_initials(text, lines, joins, gaps))
    if len(cand) < 2:
        return text
    cand.sort()
    lengths: dict[int, int] = {}
    indents: dict[int, int] = {}
    accepted: list[int] = []
    wrapped = 0
    i = 0
    while i < len(cand):
        j = i + 1
        while j < len(cand) and cand[j] == cand[j - 1] + 1:
            j += 1
        # a run of lines cand[i] - 1 .. cand[j - 1], each joined to the one before
        for x in range(cand[i] - 1, cand[j - 1] + 1):
            line = lines[x]
            lengths[x] = len(line.rstrip())
            indents[x] = len(line) - len(line.lstrip())
        widest = max(lengths[x] for x in range(cand[i] - 1, cand[j - 1] + 1))
        full = [k for k in cand[i:j] if _full(lines, lengths, indents, k, widest)]
        accepted.extend(full)
        if len(full) >= 2:
            wrapped += len(full)
        i = j
    if wrapped < 2:
        return text  # no paragraph of three wrapped lines: the text is not hard-wrapped
    final = [False] * n
    for k in accepted:
        final[k] = True
    return _joined(lines, final)


def _after_initials(text: str, lines: list[str], joins: list[bool], gaps: set[int]) -> Iterator[int]:
    """The lines (their indices) after a line break that follows an initial or an honorific
    ("Jane Q.", "Mr.") and that flat keeps only as the end of a sentence."""
    line, at = 0, 0
    for m in _DOT_BREAK.finditer(text):
        dot = m.start()
        if not _NAME_DOT.search(text, max(0, dot - 7), dot + 1) and not (
                _LEGAL_DOT.search(text, max(0, dot - 5), dot + 1) and _LEGAL_NEXT.match(text, m.end())):
            continue
        line += text.count("\n", at, m.end() - 1)
        at = m.end() - 1
        k = line + 1
        if k >= len(lines) or joins[k] or k in gaps:
            continue
        stripped = lines[k].lstrip()
        if not stripped or stripped[0].islower() or "\t" in stripped or _BLOCK_START.match(stripped) \
                or _LABEL.match(stripped) or _ends_block(lines[k - 1], k - 1 in gaps):
            continue
        yield k


_DOT_BREAK = re.compile(r"\.[^\S\n]*\n")
# a firm's name wrapped between two legal endings ("Fenwick Stroud & Co." / "Limited (...)")
_LEGAL_DOT = re.compile(r"(?:^|[\s(])(?:Co|Inc|Corp|Ltd|L\.P|N\.A|S\.A)\.$")
_LEGAL_NEXT = re.compile(r"[^\S\n]*(?:Limited|Ltd\.|LLC|L\.L\.C\.|Inc\.|N\.A\.|L\.P\.|plc|PLC|S\.A\.|GmbH|AG)(?![\w])")


def _full(lines: list[str], lengths: dict[int, int], indents: dict[int, int], k: int, widest: int) -> bool:
    """Whether line k - 1 reads as a hard-wrapped line of prose that line k continues: long
    enough, too long to have taken line k's first word beside the widest line of its run, not
    a centred or indented block, not a bracket over a capital, and neither line a
    line of capitals or a note in brackets."""
    before = lengths[k - 1]
    if not _MIN_WRAP <= before <= _MAX_WRAP or indents[k] >= 8 or indents[k - 1] >= 16:
        return False
    line, prev = lines[k], lines[k - 1]
    word = _FIRST_WORD.match(line).group(1)
    if before + 1 + len(word) < widest or not _WORD_OPEN.match(word):  # (a wrap width counts the blank after a word)
        return False
    if prev[before - 1] == ")" and word[:1].isupper():
        return False  # "(Exact name of registrant ...)" over a name: the lines of a cover
    if _LOWER.search(line) is None or _LOWER.search(prev) is None:
        return False  # a line in capitals: a heading, a name on a cover
    return not (_BRACKETED.match(prev, indents[k - 1], before)
                or _BRACKETED.match(line, indents[k], lengths[k]))


_WORD_OPEN = re.compile(r"[^\W_]|[\"“‘'($&]")
_LOWER = re.compile(r"[a-z]{2}")  # a word in lower case (not "15(d)")
_BRACKETED = re.compile(r"\(.*\)$")


def _breaks(ctx) -> tuple[set[int], tuple[list[str], list[bool]] | None]:
    """(_gap_lines, _flat_breaks) of a document context's text, computed once (None: the text
    holds no line break)."""
    cached = ctx.__dict__.get("_flat_breaks")
    if cached is None:
        text = ctx.text
        if "\n" in text:
            gaps = _gap_lines(text)
            cached = gaps, _flat_breaks(text, gaps)
        else:
            cached = set(), None
        ctx.__dict__["_flat_breaks"] = cached
    return cached


def flat_text(ctx) -> str:
    """``flat(ctx.text)``, computed once per document context."""
    cached = ctx.__dict__.get("_flat_text")
    if cached is None:
        _, breaks = _breaks(ctx)
        cached = ctx.text if breaks is None else _joined(*breaks)
        ctx.__dict__["_flat_text"] = cached
    return cached


def prose_text(ctx) -> str:
    """``unwrap(ctx.text)``, computed once per document context (the text itself when nothing
    is joined)."""
    cached = ctx.__dict__.get("_prose_text")
    if cached is None:
        gaps, breaks = _breaks(ctx)
        cached = ctx.text if breaks is None else unwrap(ctx.text, gaps, breaks)
        ctx.__dict__["_prose_text"] = cached
    return cached


def prose_context(ctx: DocContext) -> DocContext:
    """A DocContext over ``prose_text(ctx)`` (same offsets, same document type), computed once:
    its sentences and lines run over hard wraps. Only for what reads the text (sentences,
    literal offsets); tables, tabs and line starts are the document context's."""
    if ctx.text is prose_text(ctx):
        return ctx
    cached = ctx.__dict__.get("_prose_context")
    if cached is None:
        cached = DocContext(prose_text(ctx), ctx.doc_type, ctx.metadata)
        ctx.__dict__["_prose_context"] = cached
    return cached
