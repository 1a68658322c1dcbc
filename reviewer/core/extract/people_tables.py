"""People in tables: the names in the other cells of a row that holds a person (a board's
committees laid out as a table: "Jane Roe<TAB>Omar Ilic<TAB>Garo Armen")."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from reviewer.core.extract.base import Candidate, DocContext
from reviewer.core.extract.normalize import collapse


def row_mates(ctx: DocContext, text: str, found: list[Candidate],
              is_name: Callable[[str, int, int], bool]) -> Iterator[Candidate]:
    """The cells that ``is_name`` takes for whole names in each table row holding one of the
    people ``found``. ``text``: the unwrapped copy of the document, whose table rows are the
    document's own lines; each row is read once, from the precomputed line starts."""
    taken = {(c.start, c.end) for c in found}
    rows = set()
    for c in found:
        s, e = ctx.line_span(c.start)
        if s in rows or ctx.first_tab(s, e) < 0:
            continue
        rows.add(s)
        pos = s
        for cell in text[s:e].split("\t"):
            name = cell.strip()
            start = pos + cell.find(name[:1]) if name else pos
            pos += len(cell) + 1
            end = start + len(name)
            if name and (start, end) not in taken and is_name(text, start, end):
                yield Candidate("person", start, end, collapse(name), 0.65, "rules.person.row")
