"""People in tables: the names in the other cells of a row that holds a person (a board's
committees laid out as a table: "Jane Roe<TAB>Omar Ilic<TAB>Garo Armen")."""

from __future__ import annotations

import re
from collections import deque
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


def list_mates(text: str, found: list[Candidate], is_name: Callable[[str, int, int], bool],
               run: re.Pattern) -> Iterator[Candidate]:
    """The names listed with a person in prose, item by item after it ("directors Jane Roe,
    Tamsin Okafor-Reyes and Omar Ilic"): each the capitalised run right after a comma or "and"
    that follows a name of the list, when ``is_name`` takes it for a whole name (one match per
    name, bounded)."""
    taken = {(c.start, c.end) for c in found}
    queue = deque(sorted(found, key=lambda c: c.start))
    seen: set[int] = set()
    while queue:
        c = queue.popleft()
        sep = _LIST_SEP.match(text, c.end, c.end + 8)
        if not sep or c.end in seen:
            continue
        seen.add(c.end)
        m = run.match(text, sep.end(), sep.end() + 80)
        if not m or (m.start(), m.end()) in taken:
            continue
        after = text[m.end():m.end() + 6]
        if not (after[:1] in (",", ";", ")") or after.startswith((" and ", " (", " were", " was", " continued", " have",
                                                                 " has"))):
            continue  # (the item must end where the list goes on or closes)
        if is_name(text, m.start(), m.end()):
            mate = Candidate("person", m.start(), m.end(), collapse(m.group()), 0.6, "rules.person.list")
            taken.add((m.start(), m.end()))
            queue.append(mate)
            yield mate


_LIST_SEP = re.compile(r"(?:,?[ ]+and[ ]+|,[ ]+)(?=[A-Z])")
