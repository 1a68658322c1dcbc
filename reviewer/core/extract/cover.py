"""The registrant's name on an 8-K cover, found from its caption ("(Exact name of registrant as
specified in its charter)"): on the caption's own line before it, on the line above, or, when the
caption heads a column of a registrants table, in the cell below it (tab-separated cells) or
above it (columns laid out with blanks)."""

from __future__ import annotations

import re


def name_over_caption(text: str, caption_at: int) -> tuple[int, int] | None:
    """The span of the name that the caption at ``caption_at`` describes, if any."""
    caption = _caption_start(text, caption_at)
    span = _same_line_before(text, caption)
    if span and (_COVER_LABEL.fullmatch(text, *span) or text[span[0]] == "("):
        return _cell_below(text, caption_at) or _cell_above(text, caption)
    return span or _line_before(text, caption)


def _caption_start(text: str, pos: int) -> int:
    """Where "(Exact name of registrant..." at pos begins, counting the white space and the
    "(" before it, as a search for an optional "(", blanks and the caption would, without
    rescanning the blanks from each of their positions."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos - 1 if pos > 0 and text[pos - 1] == "(" else pos


_CELL_SPLIT = re.compile(r"\t|[^\S\n]{2,}")


def _same_line_before(text: str, pos: int) -> tuple[int, int] | None:
    """The name written on the caption's own line before it ("ACME CORP (Exact name of ...)"):
    the last cell of that line before the caption."""
    start = text.rfind("\n", 0, pos) + 1
    if pos - start > 300:
        start = pos - 300
    line = text[start:pos]
    if not line.strip() or re.fullmatch(r"[-_=\s]+", line):
        return None
    cells = [(m.start(), m.end()) for m in re.finditer(r"[^\t]+?(?=\t|[^\S\n]{2,}|$)", line)]
    for c_start, c_end in reversed(cells):
        cell = line[c_start:c_end]
        stripped = cell.strip()
        if stripped and any(ch.isalpha() for ch in stripped):
            first = start + c_start + cell.index(stripped)
            return first, first + len(stripped)
    return None


# the other column headings of a cover's registrants table
_COVER_LABEL = re.compile(
    r"(?:Commission\s+)?File\s+(?:Number|No\.?)|(?:I\.?R\.?S\.?\s+)?Employer\s+Identification\s+(?:Number|No\.?)"
    r"|State\s+or\s+other\s+jurisdiction[^\n\t]{0,60}",
    re.I,
)
# where the registrant's name ends in its cell: its state, its address
_NAME_CELL_END = re.compile(r"\s*(?:\(|,?\s+\d|\n|$)")


def _cell_below(text: str, caption: int) -> tuple[int, int] | None:
    """The start of the cell under the caption's column in the next line of the table
    ("1-16169<TAB>ACME CORPORATION (a Delaware corporation) 10 Main Street..."), up to its
    state or its address."""
    line_start = text.rfind("\n", 0, caption) + 1
    column = text.count("\t", line_start, caption)
    line_end = text.find("\n", caption, caption + 1000)
    if line_end < 0:
        return None
    below = line_end + 1
    while below < len(text) and text[below] == "\n":
        below += 1
    row_end = text.find("\n", below, below + 2000)
    cells = text[below : row_end if row_end >= 0 else below + 2000].split("\t")
    if column >= len(cells) or column == 0 and len(cells) == 1:
        return None
    start = below + sum(len(c) + 1 for c in cells[:column])
    cell = cells[column]
    lead = len(cell) - len(cell.lstrip())
    end = _NAME_CELL_END.search(cell, lead)
    name = cell[lead : end.start()]
    if not any(ch.isalpha() for ch in name):
        return None
    return start + lead, start + end.start()


def _cell_above(text: str, caption: int) -> tuple[int, int] | None:
    """The cell over the caption's column in a cover laid out with blanks: in the nearest line
    above that is not a rule, the cell that overlaps most the caption's own cell
    ("Nevada      Acme Widgets, Inc.      13-0000000" over "(State or other   (Exact Name of")."""
    line_start = text.rfind("\n", 0, caption) + 1
    gap = _CELL_SPLIT.search(text, caption, min(len(text), caption + 200))
    lo, hi = caption - line_start, (gap.start() if gap else caption + 40) - line_start
    for start, end in _lines_above(text, line_start - 1):
        line = text[start:end]
        if "\t" in line:
            continue
        cells = [(m.start(), m.end()) for m in re.finditer(r"\S+(?: \S+)*", line)]
        best = max(cells, key=lambda c: min(c[1], hi) - max(c[0], lo))
        if min(best[1], hi) - max(best[0], lo) <= 0 or not any(ch.isalpha() for ch in line[best[0]:best[1]]):
            return None
        return start + best[0], start + best[1]
    return None


def _line_before(text: str, pos: int) -> tuple[int, int] | None:
    """The last non-empty line before pos that is not a rule of dashes or underscores."""
    for start, end in _lines_above(text, text.rfind("\n", 0, pos)):
        line = text[start:end]
        stripped = line.strip()
        if "\t" in stripped:
            stripped = max(stripped.split("\t"), key=len).strip()
        first = start + line.index(stripped)
        return first, first + len(stripped)
    return None


def _lines_above(text: str, end: int, lines: int = 4):
    """(start, end) of the lines that hold more than blanks or a rule of dashes or underscores,
    upwards from the line that ends at ``end``, among the next ``lines`` lines."""
    for _ in range(lines):
        if end <= 0:
            return
        start = text.rfind("\n", 0, end) + 1
        stripped = text[start:end].strip()
        if stripped and not re.fullmatch(r"[-_=\s]+", stripped):
            yield start, end
        end = start - 1


# a combined 8-K of several registrants heads a table "Commission File Number | Registrant, State
# of Incorporation, Address and Telephone Number | I.R.S. Employer Identification No.": each row
# opens with a file number and the registrant's name (up to its state in brackets, "(A Georgia
# Corporation)"), the first row's is the filer's
_REGISTRANTS_CAPTION = re.compile(r"registrants?,?\s+state\s+of\s+incorporation", re.I)
_FILE_NUMBER_ROW = re.compile(
    r"^[^\S\n]*(?:\d{1,3}-\d{3,6}|\d{3}-\d{5}-\d{2})[^\S\n]+"
    r"(?P<name>[A-Z][^\t\n(]*?)(?=\t|\(|[^\S\n]{2,}|[^\S\n]+\d{2}-\d{7}|[^\S\n]*$)", re.M)


def first_registrant(text: str, within: int = 30000) -> tuple[int, int] | None:
    """The span of the first registrant's name in a combined 8-K's table of registrants."""
    spans = registrants(text, within)
    return spans[0] if spans else None


def registrants(text: str, within: int = 30000) -> list[tuple[int, int]]:
    """The spans of the registrants' names in a combined 8-K's table of registrants (its rows
    read over at most 6,000 characters after the caption)."""
    caption = _REGISTRANTS_CAPTION.search(text, 0, within)
    if not caption:
        return []
    out = []
    for row in _FILE_NUMBER_ROW.finditer(text, caption.end(), caption.end() + 6000):
        if not re.search(r"[A-Za-z]{3}", row.group("name")):
            continue
        start, end = row.start("name"), row.end("name")
        while end > start and text[end - 1] in " ,":
            end -= 1
        out.append((start, end))
    return out


# the cover's former name, on the line above its caption ("Acme Acquisition Corp" /
# "(Former name or former address, if changed since last report)")
_FORMER_CAPTION = re.compile(r"\(\s*Former\s+name", re.I)


def former_names(text: str, within: int = 20000) -> list[str]:
    """The filer's former names written on its cover (not "N/A")."""
    out = []
    for caption in _FORMER_CAPTION.finditer(text, 0, min(len(text), within)):
        line_end = text.rfind("\n", 0, caption.start())
        if text[line_end + 1:caption.start()].strip():
            name = text[line_end + 1:caption.start()]  # (the name on the caption's line, before it)
        else:
            prev = text.rfind("\n", 0, max(0, line_end))
            while prev > 0 and not text[prev + 1:line_end].strip() and line_end - prev < 4:
                line_end, prev = prev, text.rfind("\n", 0, prev)
            name = text[prev + 1:line_end] if line_end > 0 else ""
        name = " ".join(name.split()).strip(" ,")
        if re.search(r"[A-Za-z]{3}", name) and name.upper() not in ("N/A", "NOT APPLICABLE", "NONE"):
            out.append(name)
    return out
