"""Table rows in flattened text, where figures are not labelled.

A table reaches the rules in one of three shapes:
- tab-separated cells (``DocContext.in_table_cell``);
- cells separated by runs of blanks on one line ("Revenue    $  4,686   $  5,348"): a row
  holds at least two figure cells after a run of two or more blanks;
- one cell per line, often with blank lines between them: a line that is only a figure
  ("$ 4,686,312", "(1,250)", "-12%") whose nearest non-blank line before or after is one too,
  with a row caption (a short line of words) among the few non-blank lines around it.

Facts about a line are computed once per line, and the figure lines of the whole document
once (one pass over the lines), so each question costs a bisect.
"""

from __future__ import annotations

import bisect
import re

from reviewer.core.extract.base import DocContext

FIGURE = re.compile(
    r"[(\-–—]?[$€£¥]?[^\S\n]*+[(\-–—]?[^\S\n]*+(?:\d{1,3}(?:,\d{3})++|\d++)?(?:\.\d++)?[)]?[^\S\n]*+%?[)]?"
)
_HAS_DIGIT = re.compile(r"\d")
_GAP = re.compile(r"[^\S\n]{2,}")
_DASHES = frozenset({"-", "–", "—", "$", "n/a", "nm", "—%", "-%"})


def is_figure(cell: str) -> bool:
    """A cell that is only a figure: "4,686", "$ (1,250)", "-12%", "0.17", "—"."""
    cell = cell.strip()
    if not cell or len(cell) > 24:
        return False
    if cell.lower() in _DASHES:
        return True
    return bool(_HAS_DIGIT.search(cell)) and FIGURE.fullmatch(cell) is not None


def in_table(ctx: DocContext, pos: int) -> bool:
    """Whether pos is inside a table row of any of the three shapes."""
    if ctx.in_table_cell(pos):
        return True
    if ctx.per_line("spaced row", pos, lambda s, e: _spaced_row(ctx, s, e)):
        return not _in_prose_first_cell(ctx, pos)
    return _in_cell_column(ctx, pos)


def pipe_row(text: str, pos: int) -> bool:
    """Whether pos is in a row of a table drawn with pipes ("|Common Stock |05/14/01| S |"), read
    over at most 300 characters either side."""
    start = text.rfind("\n", max(0, pos - 300), pos) + 1
    end = text.find("\n", pos, pos + 300)
    return text.count("|", start, end if end >= 0 else pos + 300) >= 3


def _spaced_row(ctx: DocContext, start: int, end: int) -> bool:
    line = ctx.text[start:end].strip()
    if not _GAP.search(line):
        return False
    cells = [c for c in _GAP.split(line) if c.strip()]
    return sum(is_figure(c) for c in cells[1:]) >= 2


def _in_prose_first_cell(ctx: DocContext, pos: int) -> bool:
    """A caption of six words or more before the first run of blanks is prose."""
    start, end = ctx.line_span(pos)
    first = ctx.per_line("spaced first cell end", pos, lambda s, e: _first_cell_end(ctx.text, s, e))
    if pos >= first:
        return False
    return len(ctx.text[start:first].split()) >= 6


def _first_cell_end(text: str, start: int, end: int) -> int:
    lead = len(text[start:end]) - len(text[start:end].lstrip())
    m = _GAP.search(text, start + lead, end)
    return m.start() if m else end


def _figure_lines(ctx: DocContext) -> tuple[list[int], list[int]]:
    """(indices of the lines that are only a figure, indices of the non-blank lines), sorted."""
    cached = ctx.__dict__.get("_figure_lines")
    if cached is None:
        figures, filled = [], []
        for i, line in enumerate(ctx.text.split("\n")):
            if not line.strip():
                continue
            filled.append(i)
            if is_figure(line):
                figures.append(i)
        cached = ctx.__dict__["_figure_lines"] = (figures, filled)
    return cached


def _in_cell_column(ctx: DocContext, pos: int) -> bool:
    figures, filled = _figure_lines(ctx)
    if not figures:
        return False
    i = bisect.bisect_right(ctx.line_starts, pos) - 1
    k = bisect.bisect_left(figures, i)
    if k >= len(figures) or figures[k] != i:
        return False
    j = bisect.bisect_left(filled, i)
    neighbours = [filled[x] for x in (j - 1, j + 1) if 0 <= x < len(filled)]
    if not any(_is_in(figures, n) for n in neighbours):
        return False
    # a table has row captions ("Revenue", "Net loss"): a short line of words near the figures
    near = [filled[x] for x in range(max(0, j - _CAPTION_REACH), min(len(filled), j + _CAPTION_REACH + 1))]
    return any(not _is_in(figures, n) and _caption_line(ctx, n) for n in near)


_CAPTION_REACH = 6


def _caption_line(ctx: DocContext, i: int) -> bool:
    starts = ctx.line_starts
    end = starts[i + 1] - 1 if i + 1 < len(starts) else len(ctx.text)
    line = ctx.text[starts[i] : min(end, starts[i] + 200)].strip()
    words = line.split()
    return 0 < len(words) <= 8 and not line.endswith((".", "!", "?", ";")) and any(c.isalpha() for c in line)


def _is_in(sorted_list: list[int], value: int) -> bool:
    k = bisect.bisect_left(sorted_list, value)
    return k < len(sorted_list) and sorted_list[k] == value
