"""Markdown (wire archives keep press releases as .md), rendered to text with a map back.

What a reader of the rendered page sees, as text:

* blocks: ATX headings ("# Title") and setext ones (a "===" or "---" line under the
  title) become their text on a line; list items become lines without their bullet
  ("- ", "* ", "+ "), ordered ones keep their number ("1. "); block quotes lose their
  ">"; rules ("---", "***") and link reference definitions are dropped; fenced code is
  kept verbatim; pipe tables become lines of tab-separated cells, as HTML tables do,
  without their delimiter row. The lines of one paragraph keep their line breaks, soft
  or hard: a page shows a soft break as a space, but a contact block written one item
  a line ("Name", "Firm", "phone", "email") is only told apart by them, and the rules
  read a single break inside a sentence as a space. A blank line between blocks stays
  one blank line.
* inline: emphasis and strike-through markers ("*", "_", "**", "__", "~~") are
  removed where they pair up as CommonMark pairs them (a lone "*" stays text); a link
  shows its text, never its target ("[text](url)", "[text][ref]", "[ref]"); an image
  shows nothing, as in the HTML reader; an autolink ("<https://...>") shows its
  address; raw HTML tags are dropped ("<br>" is a line break); backslash escapes are
  resolved ("\\$" is "$"); entities are decoded ("&amp;" is "&"); code spans keep
  their content verbatim.

Indented code blocks are read as ordinary lines (wire releases indent prose, not code). A
YAML front matter block at the top (between "---" lines, opening on a "key:" line) is no
text: it holds the page's settings.

Reading is linear: one pass over the lines, and per paragraph one forward scan that
never goes back; every pattern is anchored where the scan stands and stops at the
next line break or the next character that could end it (link destinations and
titles are bounded), and emphasis pairs with a stack per marker, each opener pushed
and popped once.

The reader is split by responsibility: this module reads the block structure (lines,
fences, quotes, headings, lists, paragraphs); markdown_inline.py renders inline markup
and appends blocks to the text, pairing emphasis with markdown_emphasis.py;
markdown_tables.py reads pipe tables.
"""

from __future__ import annotations

import re

from reviewer.core.model import OffsetMap, SourceDocument
from reviewer.core.sources.markdown_inline import Piece, Renderer, norm_label
from reviewer.core.sources.markdown_tables import render_table, starts_table

__all__ = ["body_start", "markdown_to_text", "read_markdown"]

_EOL = re.compile(r"\r\n?|\n")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_RULE = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_QUOTE = re.compile(r" {0,3}>[ \t]?")
_BULLET = re.compile(r"[ \t]*[-*+][ \t]+(?=\S)")
_ORDERED = re.compile(r"[ \t]*\d{1,9}[.)][ \t]+(?=\S)")
_INDENT = re.compile(r"[ \t]*")
_LABEL = r"\[((?:[^\]\[\\\n]|\\.){1,999})\]"
_DEFINITION = re.compile(
    rf" {{0,3}}{_LABEL}:[ \t]*(?:<[^<>\n]{{0,2000}}>|\S{{1,2000}})"
    r"(?:[ \t]+(?:\"[^\"\n]{0,1000}\"|'[^'\n]{0,1000}'|\([^()\n]{0,1000}\)))?[ \t]*$"
)
# the same, anywhere in a source (whatever its line breaks)
_DEFINITIONS = re.compile("^" + _DEFINITION.pattern[:-1] + r"\r?$", re.M)


def _line_spans(source: str):
    """(start, end, next) of every line: end excludes the line break, next follows it."""
    pos = 0
    for m in _EOL.finditer(source):
        yield pos, m.start(), m.end()
        pos = m.end()
    if pos < len(source):
        yield pos, len(source), len(source)


def markdown_to_text(source: str) -> tuple[str, OffsetMap]:
    """The rendered text of Markdown ``source`` and its map back to the source."""
    definitions = {norm_label(m.group(1)) for m in _DEFINITIONS.finditer(source)}
    r = Renderer(source, definitions)
    para: Piece | None = None
    para_len = 0
    fence = None  # the fence of the code block we are in
    lines = list(_line_spans(source))
    i = _front_matter_end(source, lines)

    def flush():
        nonlocal para
        if para is not None:
            r.emit_block(r.render(para))
            para = None

    def content(ls, le):
        """The line without its indentation and trailing blanks, nor the backslash of a hard break."""
        cs = _INDENT.match(source, ls, le).end()
        ce = cs + len(source[cs:le].rstrip(" \t"))
        if ce > cs and source[ce - 1] == "\\" and (ce - 1 == cs or source[ce - 2] != "\\"):
            ce -= 1
        return cs, ce

    while i < len(lines):
        ls, le, _ = lines[i]
        line_start = ls  # before any quote marker
        i += 1
        line = source[ls:le]
        if fence is not None:
            mf = _FENCE.match(line)
            if mf and mf.group(1)[0] == fence[0] and len(mf.group(1)) >= len(fence) \
                    and not line[mf.end():].strip():
                fence = None
                continue
            r.owe_line(ls)
            r.emit_block([(line, ls)] if line.strip() else [])
            continue
        # block quotes: their markers go, what follows is read as a line
        q = ls
        while True:
            mq = _QUOTE.match(source, q, le)
            if not mq:
                break
            q = mq.end()
        if q != ls:
            ls, line = q, source[q:le]
        if not line.strip():
            flush()
            r.blank()
            continue
        mf = _FENCE.match(line)
        if mf:
            flush()
            fence = mf.group(1)
            continue
        if para is not None and _SETEXT.match(line):
            flush()  # the underline of a heading
            continue
        if _RULE.match(line):
            flush()
            continue
        if para is None and _DEFINITION.match(line):
            continue
        # a pipe table: this line is its header when the next one is a delimiter row
        if starts_table(source, line, lines, i):
            flush()
            i = render_table(r, source, ls, le, lines, i)
            continue
        mh = _ATX.match(line)
        if mh:
            flush()
            cs = ls + mh.end()
            ce = cs + len(source[cs:le].rstrip(" \t"))
            bare = source[cs:ce].rstrip("#")  # a closing sequence of #s goes
            if not bare or bare[-1] in " \t":
                ce = cs + len(bare.rstrip(" \t"))
            piece = Piece()
            piece.add(source, cs, ce, 0)
            r.owe_line(ls)
            r.emit_block(r.render(piece))
            continue
        mb = _BULLET.match(line)
        mo = None if mb else _ORDERED.match(line)
        if mb or mo:
            flush()
            start = ls + (mb.end() if mb else _INDENT.match(line).end())
            cs, ce = content(start, le)
            para = Piece()
            r.owe_line(ls)
            para_len = para.add(source, cs, ce, 0)
            continue
        cs, ce = content(ls, le)
        if para is None:
            para = Piece()
            r.owe_line(ls)
            para_len = para.add(source, cs, ce, 0)
        else:
            prev_break = _previous_break(source, line_start)
            para.text.append("\n")
            para.segs.append((para_len, prev_break))
            para_len += 1
            para_len = para.add(source, cs, ce, para_len)
    flush()
    text = "".join(r.out)
    omap = r.omap if len(r.omap) else OffsetMap.identity()
    return text, omap


_FRONT_KEY = re.compile(r"[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)")
_FRONT_MATTER_LINES = 400


def _front_matter_end(source: str, lines: list[tuple[int, int, int]]) -> int:
    """The index of the first line after a YAML front matter block, else 0. Site generators
    and wire archives open a page with one ("---", "title: ...", "date: ...", "---"): it is
    the page's settings, not its text, and its dates and names are no facts of the release."""
    if not lines or source[lines[0][0]:lines[0][1]].rstrip() != "---" or len(lines) < 3:
        return 0
    if not _FRONT_KEY.match(source, lines[1][0], lines[1][1]):
        return 0
    for k in range(2, min(len(lines), _FRONT_MATTER_LINES)):
        if source[lines[k][0]:lines[k][1]].rstrip() in ("---", "..."):
            return k + 1
    return 0


def body_start(source: str) -> int:
    """Where a Markdown source's body begins: after its front matter block, else 0."""
    lines = list(_line_spans(source[: 200 * _FRONT_MATTER_LINES]))
    k = _front_matter_end(source, lines)
    return lines[k][0] if 0 < k < len(lines) else (len(source) if k else 0)


def _previous_break(source: str, line_start: int) -> int:
    """The offset of the line break that ends the line before ``line_start``."""
    if line_start >= 2 and source[line_start - 2] == "\r" and source[line_start - 1] == "\n":
        return line_start - 2
    return max(0, line_start - 1)


def read_markdown(source: str, encoding: str) -> SourceDocument:
    text, omap = markdown_to_text(source)
    return SourceDocument(text=text, source=source, source_format="markdown", offset_map=omap, encoding=encoding)
