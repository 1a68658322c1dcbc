"""Plain text with stray SGML markers: the ASCII documents of old EDGAR filings.

Before HTML, EDGAR documents were plain text with a few SGML tags of their own:
<PAGE> between pages, <TABLE>/<CAPTION>/<S>/<C> around tables (<S> and <C> mark
where columns start), <FN> and <F1>... for footnotes, <R> around revised text.
Read as markup, such a document loses its line breaks (and the 8-K items, the
cover's captions and the dateline with them); it is plain text, so it is read as
text: a line that holds only markers (and blanks) is dropped with its line break,
a marker inside a line is dropped alone, CRLF and CR become LF, and everything
else is kept verbatim with an offset map back to the source.

Recognising such a document and reading it are each one forward pass.
"""

from __future__ import annotations

import re

from reviewer.core.model import OffsetMap, SourceDocument

# a tag on one line: "<PAGE>", "<PAGE> 2" is the tag and then text, "</TABLE>", "<F1>"
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]{0,30})>")
_EOL = re.compile(r"\r\n?|\n")
_MARKERS = frozenset({
    "PAGE", "TABLE", "CAPTION", "S", "C", "FN", "R", "TYPE", "SEQUENCE", "DESCRIPTION",
    "FILENAME", "TEXT", "ARTICLE", "LEGEND", "MULTIPLIER", "NAME",
})
_FOOTNOTE = re.compile(r"F\d{1,3}")
# a tag-like string that marks markup rather than old EDGAR text
_MARKUP = re.compile(r"<(?:[!?]|/?[A-Za-z][\w:.-]*(?:\s+[\w:.-]+\s*=|\s*/>))")
_LINE_LIMIT = 3  # fewer line breaks than this: not text laid out in lines


def is_marker(name: str) -> bool:
    upper = name.upper()
    return upper in _MARKERS or bool(_FOOTNOTE.fullmatch(upper))


def looks_marked(source: str) -> bool:
    """True when ``source`` is plain text whose only tags are old EDGAR markers.

    Every tag must be one of the markers (any case), at least one must be there, and
    nothing may look like markup proper: no comment, declaration or processing
    instruction, no attribute, no self-closing tag. An HTML document always has some
    other element (p, div, br, td...), an XML one a declaration or names of its own.
    """
    if source.count("\n", 0, 65536) + source.count("\r", 0, 65536) < _LINE_LIMIT:
        return False
    if _MARKUP.search(source):
        return False
    seen = False
    for m in _TAG.finditer(source):
        if not is_marker(m.group(2)):
            return False
        seen = True
    return seen


def marked_to_text(source: str) -> tuple[str, OffsetMap]:
    """The text of ``source`` without its markers, and the map back to it."""
    out: list[str] = []
    omap = OffsetMap()
    length = 0
    tags = [m for m in _TAG.finditer(source) if is_marker(m.group(2))]
    k = 0  # tags[k] is the first tag not yet passed
    pos = 0
    eols = _EOL.finditer(source)
    while True:
        m = next(eols, None)
        line_end = m.start() if m else len(source)
        next_pos = m.end() if m else len(source)
        line_tags = []
        while k < len(tags) and tags[k].start() < line_end:
            if tags[k].start() >= pos:
                line_tags.append(tags[k])
            k += 1
        if line_tags:
            rest, cursor = [], pos
            for t in line_tags:
                rest.append(source[cursor : t.start()])
                cursor = t.end()
            rest.append(source[cursor:line_end])
            if not "".join(rest).strip():
                pos = next_pos  # a line of markers only: dropped with its line break
                if not m:
                    break
                continue
            cursor = pos
            for t in line_tags:
                if t.start() > cursor:
                    omap.add(length, cursor)
                    out.append(source[cursor : t.start()])
                    length += t.start() - cursor
                cursor = t.end()
            if line_end > cursor:
                omap.add(length, cursor)
                out.append(source[cursor:line_end])
                length += line_end - cursor
        elif line_end > pos:
            omap.add(length, pos)
            out.append(source[pos:line_end])
            length += line_end - pos
        if not m:
            break
        omap.add(length, m.start())
        out.append("\n")
        length += 1
        pos = next_pos
    if not len(omap):
        omap = OffsetMap.identity()
    return "".join(out), omap


def read_marked(source: str, encoding: str) -> SourceDocument:
    text, omap = marked_to_text(source)
    return SourceDocument(text=text, source=source, source_format="text", offset_map=omap, encoding=encoding)
