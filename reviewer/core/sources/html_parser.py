"""The markup parser: the standard library's tolerant HTMLParser, fed the source and a
sentinel, keeping the stack of open elements (hidden, verbatim, in which table cell and
row), the inline XBRL facts open, XML labels, entities, and warnings for markup it had
to repair. What it reads becomes text through MarkupText (html_text.py).

* The parser is fed the source followed by a short sentinel that closes whatever
  construct the source leaves open (a comment, a quoted attribute value, a tag, a
  declaration, a marked section). The standard parser otherwise rescans the rest
  of the file from every unterminated opener, which is quadratic ("<!--" repeated,
  "<a " repeated, ...). As in a browser, an unterminated construct runs to the end
  of the file and hides what follows, with a warning saying where. Nothing of the
  sentinel reaches the text.
* Each open element knows whether it sits in a table cell and which row it is in,
  and the stack keeps, per tag name, where that tag is open: no per-element walk of
  the stack, however deep the nesting or however many elements are left unclosed.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from reviewer.core.model import OffsetMap
from reviewer.core.sources.html_facts import FACT, Fact, drop
from reviewer.core.sources.html_rules import (
    CELL, HIDDEN_STYLE, INLINE_STYLE, LINE, PARAGRAPH, SKIP, VOID, holds_plain_text,
)
from reviewer.core.sources.html_text import MarkupText

_XML_NAME = re.compile(r"<\s*([^\s/>]+)")
_NUMBER_TOO_LONG = re.compile(r"&#(?:0*[1-9][0-9]{7}|[xX]0*[1-9a-fA-F][0-9a-fA-F]{6})")
# Appended to the source before parsing, so that no construct is left unterminated:
# '"' and "'" close a quoted attribute value (and the pair after them gives a value to
# a dangling "x="), ">" ends a tag, declaration, processing instruction or bogus
# comment, "-->" a comment and "]]>" a marked section (its "]>" an MS Office one).
# It starts with a quote, not a space: a tag name cut off by the end of the file ("<div")
# runs into it and names no real element.
SENTINEL = "\"'\"'>-->]]>"
_UNTERMINATED = {
    "<!--": "comment (<!--)",
    "<![": "marked section (<![)",
    "<!": "declaration (<!)",
    "</": "end tag (</)",
    "<?": "processing instruction (<?)",
    "<": "tag (<)",
}


class Element:
    __slots__ = ("tag", "hidden", "pre", "cells", "name", "had_text", "inline", "in_cell", "row", "fact")

    def __init__(self, tag, hidden, pre, name=None):
        self.inline = False
        self.tag = tag
        self.hidden = hidden
        self.pre = pre
        self.cells = 0
        self.name = name  # XML mode: the element name as written
        self.had_text = False
        self.in_cell = False  # inside a td/th, nearer than any enclosing table
        self.row = None  # the nearest enclosing tr, unless a table is nearer
        self.fact = None  # the Fact this element tags


class TextBuilder(MarkupText, HTMLParser):
    """Reads markup into text, an offset map, inline XBRL facts and warnings."""

    def __init__(self, source: str, xml: bool):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.limit = len(source)  # what lies beyond is the sentinel
        self.last_gt = source.rfind(">")
        self.xml = xml
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.out: list[str] = []
        self.length = 0
        self.omap = OffsetMap()
        self.pending = ""  # separator owed before the next text: "", " ", "\t", "\n", "\n\n"
        # plain text in a wrapper: every text is kept as in <pre>
        self.plain = not xml and holds_plain_text(source)
        self.stack = [Element("#root", False, self.plain)]
        self.facts: list[Fact] = []
        self.waiting: list[Fact] = []  # visible facts whose first text is still to come
        self.hidden_open: list[Fact] = []  # hidden facts open, innermost last (their text is collected)
        self.open_at: dict[str, list[int]] = {}  # tag -> stack indexes where it is open
        self.unclosed = 0
        self.warnings: list[str] = []

    # -- positions -------------------------------------------------------------
    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    # -- parser callbacks ------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, closed=True)

    def _start(self, tag, attrs, closed):
        start = self._offset()
        if start + len(self.get_starttag_text() or "") > self.limit:
            self._unterminated(start)  # a tag left open at the end of the file
            return
        parent = self.stack[-1]
        if tag == "br":
            if not parent.hidden:
                self._block(tag)
            return
        if self.xml:
            raw = self.get_starttag_text() or ""
            m = _XML_NAME.match(raw)
            name = m.group(1) if m else tag
            if not parent.hidden:
                self._owe("\n")
            if not closed:
                self._push(Element(tag, parent.hidden, False, name), parent)
            return
        hidden = parent.hidden or tag in SKIP
        inline = False
        if not hidden:
            for key, value in attrs:
                if key == "hidden" or (key == "style" and value and HIDDEN_STYLE.search(value)):
                    hidden = True
                    break
                if key == "style" and value and INLINE_STYLE.search(value):
                    inline = True  # <div style="display:inline"> flows with the text
        if not hidden and not inline:
            if tag in PARAGRAPH or tag in LINE:
                self._block(tag)
            elif tag in CELL:
                row = self._row()
                if row is not None:
                    if row.cells:
                        self._owe("\t")
                    row.cells += 1
        if tag in VOID or closed:
            return
        element = Element(tag, hidden, parent.pre or tag == "pre")
        element.inline = inline
        if tag == FACT:
            name = next((v for k, v in attrs if k == "name"), None)
            if name and name.startswith("dei:"):
                element.fact = Fact(name, hidden)
                self.facts.append(element.fact)
                if hidden:
                    self.hidden_open.append(element.fact)
                else:
                    self.waiting.append(element.fact)
        self._push(element, parent)

    def _push(self, el, parent):
        if el.tag in CELL:
            el.in_cell, el.row = True, parent.row
        elif el.tag == "table":
            el.in_cell, el.row = False, None
        else:
            el.in_cell, el.row = parent.in_cell, el if el.tag == "tr" else parent.row
        self.open_at.setdefault(el.tag, []).append(len(self.stack))
        self.stack.append(el)

    def _block(self, tag):
        """Owe the line break a block element makes; inside a table cell, a space."""
        if tag not in ("tr", "table") and self._in_cell():
            self._owe(" ")
        else:
            self._owe("\n\n" if tag in PARAGRAPH else "\n")

    def _in_cell(self):
        return self.stack[-1].in_cell

    def _row(self):
        return self.stack[-1].row

    def handle_endtag(self, tag):
        if self._offset() > self.last_gt:
            self._unterminated(self._offset())  # "</name" and no ">" after it
        where = self.open_at.get(tag)
        if not where:
            return  # a stray end tag: ignore it, as browsers do
        i = where[-1]  # the innermost open element of that name
        stack = self.stack
        self.unclosed += len(stack) - 1 - i
        el = stack[i]
        for closed in reversed(stack[i:]):  # innermost first
            self.open_at[closed.tag].pop()
            if closed.fact is not None:
                self._end_fact(closed.fact)
        del stack[i:]
        if el.hidden or el.inline:
            return
        if self.xml:
            self._owe("\n")
        elif tag in PARAGRAPH or tag in LINE:
            self._block(tag)

    def _end_fact(self, fact):
        if fact.hidden:
            drop(self.hidden_open, fact)
        elif fact.start is None:
            drop(self.waiting, fact)  # no visible text: no span
        else:
            fact.end = self.length

    def handle_data(self, data):
        src = self._offset()
        if src + len(data) > self.limit:  # data running into the sentinel
            data = data[: max(0, self.limit - src)]
            if not data:
                return
        if self.xml and data.strip() and not self.stack[-1].hidden and not self.stack[-1].had_text:
            self._label_xml_value()
        self._text(data, src)

    def _label_xml_value(self):
        # Form 4 and other XML: "name: value" lines, with <value> taking its parent's name.
        el = self.stack[-1]
        name = el.name
        if name and name.lower() in ("value", "footnote") and len(self.stack) > 2:
            name = self.stack[-2].name or name
        if name and self.pending not in ("", " "):
            self._emit(name + ":", self._offset())
            self.pending = " "

    def handle_entityref(self, name):
        self._entity(f"&{name};", f"&{name}")

    def handle_charref(self, name):
        self._entity(f"&#{name};", f"&#{name}")

    def _entity(self, ref, bare):
        src = self._offset()
        if _NUMBER_TOO_LONG.match(ref):
            text = "\ufffd"  # out of Unicode's range (and int() refuses > 4300 digits)
        else:
            text = html.unescape(ref) if self.source.startswith(ref, src) else html.unescape(bare)
        if text in ("&" + ref[1:], bare):  # not an entity after all
            text = bare
        if self.xml and not self.stack[-1].had_text and text.strip():
            self._label_xml_value()
        self._text(text, src)

    # comments, declarations and processing instructions show nothing; one that the
    # sentinel had to close hides the rest of the file: say so
    def handle_comment(self, data):
        self._check_closed(data, 4 if self.source.startswith("<!--", self._offset()) else 2)

    def handle_decl(self, decl):
        self._check_closed(decl, 2)

    def handle_pi(self, data):
        self._check_closed(data, 2)

    def unknown_decl(self, data):
        self._check_closed(data, 3)

    def _check_closed(self, data, opener_length):
        start = self._offset()
        if start + opener_length + len(data) >= self.limit:
            self._unterminated(start)

    def _unterminated(self, start):
        if start >= self.limit:
            return
        opener = next(o for o in _UNTERMINATED if self.source.startswith(o, start))
        self.warnings.append(
            f"markup repaired: an unterminated {_UNTERMINATED[opener]} at offset {start} hides "
            f"the rest of the file ({self.limit - start} characters), as in a browser"
        )

    def parse_marked_section(self, i, report=1):
        # "<![" not followed by a known keyword: the standard parser raises, which would
        # reject the whole file; a browser reads a bogus comment up to the next ">"
        pos = self.getpos()
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = pos  # it moved the position before raising
            return self.parse_bogus_comment(i, report)

