"""The "About <name>" sections of a release (its boilerplate on the issuer or a party), where
names are no parties: found once per document as sorted spans, asked with a bisect."""

from __future__ import annotations

import bisect
import re

from reviewer.core.extract.base import DocContext

_ABOUT_HEADING = re.compile(r"(?m)^[ \t#*>]*(?:About|ABOUT)\s+(?:[^\n]{1,100})$")
_ABOUT_MAX = 4000


def about_sections(ctx: DocContext) -> tuple[list[int], list[int]]:
    """(starts, ends) of the "About <name>" sections: from the heading to the next heading,
    at most a few thousand characters."""
    text = ctx.text
    starts, ends = [], []
    for m in _ABOUT_HEADING.finditer(text):
        if starts and m.start() < ends[-1]:
            continue
        limit = min(len(text), m.end() + _ABOUT_MAX)
        nxt = _next_heading(text, m.end() + 1, limit)
        starts.append(m.start())
        ends.append(nxt)
    return starts, ends


def _next_heading(text: str, pos: int, limit: int) -> int:
    """The start of the next short line that reads as a heading, else ``limit``."""
    i = text.find("\n", pos, limit)
    while i >= 0:
        j = text.find("\n", i + 1, limit)
        line_end = limit if j < 0 else j
        line = text[i + 1 : line_end].strip(" \t#*>")
        if line and len(line) <= 80 and not line.endswith((".", ",", ";")) and line[:1].isupper() \
                and len(line.split()) <= 8:
            return i + 1
        i = j
    return limit


def inside(spans: tuple[list[int], list[int]], pos: int) -> bool:
    starts, ends = spans
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[i]
