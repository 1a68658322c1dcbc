"""Markdown pipe tables: a header row over a delimiter row ("|---|:--:|"), then rows up to
a blank line or a line without "|". Each row becomes a line of tab-separated cells, as
an HTML table's does; the delimiter row shows nothing. A tab maps to the pipe before
its cell.
"""

from __future__ import annotations

import re

from reviewer.core.sources.markdown_inline import Piece, Renderer

_DELIMITER_ROW = re.compile(r"[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?$|[ \t]*\|?[ \t]*:?-+:?[ \t]*\|[ \t]*$")


def starts_table(source: str, line: str, lines: list[tuple[int, int, int]], i: int) -> bool:
    """Whether ``line`` is the header of a table: the next line, ``lines[i]``, is a delimiter row."""
    return "|" in line and i < len(lines) and _DELIMITER_ROW.match(source, lines[i][0], lines[i][1]) \
        and "|" in source[lines[i][0] : lines[i][1]]


def render_table(r: Renderer, source: str, ls: int, le: int, lines: list[tuple[int, int, int]], i: int) -> int:
    """Render the table whose header is source[ls:le] and whose delimiter row is ``lines[i]``;
    the index of the first line after it."""
    _table_row(r, source, ls, le)
    i += 1  # the delimiter row
    while i < len(lines):
        rs, re_, _ = lines[i]
        row = source[rs:re_]
        if not row.strip() or "|" not in row:
            break
        _table_row(r, source, rs, re_)
        i += 1
    return i


def _cells(source: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """The cells of a table row in source[start:end]: (start, end, pipe before it or -1)."""
    row = source[start:end]
    bounds = []
    cell = 0
    pipe = -1
    for m in re.finditer(r"\|", row):
        i = m.start()
        if i and row[i - 1] == "\\":
            continue
        bounds.append((cell, i, pipe))
        cell, pipe = i + 1, i
    bounds.append((cell, len(row), pipe))
    if bounds and not row[bounds[0][0] : bounds[0][1]].strip() and row.lstrip().startswith("|"):
        bounds.pop(0)
    if bounds and not row[bounds[-1][0] : bounds[-1][1]].strip() and row.rstrip().endswith("|"):
        bounds.pop()
    out = []
    for a, b, pipe_at in bounds:
        text = row[a:b]
        lead = len(text) - len(text.lstrip())
        out.append((start + a + lead, start + a + len(text.rstrip()), start + pipe_at if pipe_at >= 0 else -1))
    return out


def _table_row(r: Renderer, source: str, start: int, end: int) -> None:
    pieces: list[tuple[str, int]] = []
    for cs, ce, pipe in _cells(source, start, end):
        if ce <= cs:
            continue
        cell = Piece()
        cell.add(source, cs, ce, 0)
        rendered = [(t, s) for t, s in r.render(cell)]
        if not "".join(t for t, _ in rendered).strip():
            continue
        if pieces:
            pieces.append(("\t", pipe if pipe >= 0 else cs))
        text, src = rendered[0]
        stripped = text.lstrip()
        rendered[0] = (stripped, src + len(text) - len(stripped))
        text, src = rendered[-1]
        rendered[-1] = (text.rstrip(), src)
        pieces.extend(rendered)
    r.owe_line(start)
    r.emit_block(pieces)

