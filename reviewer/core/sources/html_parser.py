"""The markup parser: our tokenizer (html_tokens.py) fed the source and a sentinel, and the
stack of open elements (hidden, verbatim, in which table cell and row), the inline XBRL
facts open, XML labels, entities, and warnings for markup it had to repair. What it
reads becomes text through MarkupText (html_text.py).

* The parser is fed the source followed by a short sentinel that closes whatever
  construct the source leaves open (a comment, a quoted attribute value, a tag, a
  declaration, a marked section). A tolerant tokenizer otherwise rescans the rest
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

from reviewer.core.model import OffsetMap
from reviewer.core.sources.html_facts import FACT, Fact, drop
from reviewer.core.sources.html_rules import (
    BLOCK, CELL, HIDDEN_STYLE, INLINE_STYLE, PARAGRAPH, SKIP, VOID, holds_plain_text, may_hide,
)
from reviewer.core.sources.html_text import MarkupText
from reviewer.core.sources.html_tokens import attributes, tokenize

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

    def __init__(self, tag, hidden, pre, parent=None, inline=False, name=None):
        self.inline = inline
        self.tag = tag
        self.hidden = hidden
        self.pre = pre
        self.cells = 0
        self.name = name  # XML mode: the element name as written
        self.had_text = False
        self.fact = None  # the Fact this element tags
        # in_cell: inside a td/th, nearer than any enclosing table;
        # row: the nearest enclosing tr, unless a table is nearer
        if parent is None or tag == "table":
            self.in_cell, self.row = False, None
        elif tag in CELL:
            self.in_cell, self.row = True, parent.row
        else:
            self.in_cell, self.row = parent.in_cell, self if tag == "tr" else parent.row


class TextBuilder(MarkupText):
    """Reads markup into text, an offset map, inline XBRL facts and warnings."""

    def __init__(self, source: str, xml: bool):
        self.source = source
        self.limit = len(source)  # what lies beyond is the sentinel
        self.last_gt = source.rfind(">")
        self.xml = xml
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
        self.decoded: dict[str, str] = {}  # entity and character references already decoded
        self.input = source + SENTINEL

    def feed(self) -> None:
        tokenize(self.input, self)

    # -- tokenizer callbacks ---------------------------------------------------
    def start(self, tag, start, end, closed):
        if end > self.limit:
            self._unterminated(start)  # a tag left open at the end of the file
            return
        stack = self.stack
        parent = stack[-1]
        if tag == "br":
            if not parent.hidden:
                self._block(tag)
            return
        if self.xml:
            m = _XML_NAME.match(self.input, start, end)
            name = m.group(1) if m else tag
            if not parent.hidden:
                self._owe("\n")
            if not closed:
                self._push(Element(tag, parent.hidden, False, parent, False, name))
            return
        attrs = None
        inline = False
        if parent.hidden:
            hidden = True
        else:
            hidden = tag in SKIP
            if not hidden and may_hide(self.input, start, end):
                attrs = attributes(self.input, start, end)
                for key, value in attrs:
                    if key == "hidden" or (key == "style" and value and HIDDEN_STYLE.search(value)):
                        hidden = True
                        break
                    if key == "style" and value and INLINE_STYLE.search(value):
                        inline = True  # <div style="display:inline"> flows with the text
            if not hidden and not inline:
                if tag in BLOCK:
                    self._block(tag)
                elif tag in CELL:
                    row = parent.row
                    if row is not None:
                        if row.cells:
                            self._owe("\t")
                        row.cells += 1
        if closed or tag in VOID:
            return
        element = Element(tag, hidden, parent.pre or tag == "pre", parent, inline)
        if tag == FACT:
            if attrs is None:
                attrs = attributes(self.input, start, end)
            name = next((v for k, v in attrs if k == "name"), None)
            if name and name.startswith("dei:"):
                element.fact = Fact(name, hidden)
                self.facts.append(element.fact)
                if hidden:
                    self.hidden_open.append(element.fact)
                else:
                    self.waiting.append(element.fact)
        where = self.open_at.get(tag)
        if where is None:
            self.open_at[tag] = [len(stack)]
        else:
            where.append(len(stack))
        stack.append(element)

    def _push(self, el):
        where = self.open_at.get(el.tag)
        if where is None:
            self.open_at[el.tag] = [len(self.stack)]
        else:
            where.append(len(self.stack))
        self.stack.append(el)

    def _block(self, tag):
        """Owe the line break a block element makes; inside a table cell, a space."""
        if tag not in ("tr", "table") and self.stack[-1].in_cell:
            self._owe(" ")
        else:
            self._owe("\n\n" if tag in PARAGRAPH else "\n")

    def end_tag(self, tag, start):
        if start > self.last_gt:
            self._unterminated(start)  # "</name" and no ">" after it
        where = self.open_at.get(tag)
        if not where:
            return  # a stray end tag: ignore it, as browsers do
        i = where[-1]  # the innermost open element of that name
        stack = self.stack
        if i == len(stack) - 1:  # the element on top: the usual case
            where.pop()
            el = stack.pop()
            if el.fact is not None:
                self._end_fact(el.fact)
        else:
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
        elif tag in BLOCK:
            self._block(tag)

    def _end_fact(self, fact):
        if fact.hidden:
            drop(self.hidden_open, fact)
        elif fact.start is None:
            drop(self.waiting, fact)  # no visible text: no span
        else:
            fact.end = self.length

    def data(self, src, end):
        if end > self.limit:  # data running into the sentinel
            end = self.limit
            if end <= src:
                return
        data = self.input[src:end]
        if self.xml and data.strip() and not self.stack[-1].hidden and not self.stack[-1].had_text:
            self._label_xml_value(src)
        self._text(data, src)

    def _label_xml_value(self, src):
        # Form 4 and other XML: "name: value" lines, with <value> taking its parent's name.
        el = self.stack[-1]
        name = el.name
        if name and name.lower() in ("value", "footnote") and len(self.stack) > 2:
            name = self.stack[-2].name or name
        if name and self.pending not in ("", " "):
            # the label has no characters of its own in the source: it maps onto the stretch just
            # before the value ("name>" when the value follows its tag), never past the source's end
            label = name + ":"
            self._emit(label, max(0, src - len(label)))
            self.pending = " "

    def entity(self, ref, bare, src):
        key = ref if self.source.startswith(ref, src) else bare  # with its ";" or without
        text = self.decoded.get(key)
        if text is None:
            if _NUMBER_TOO_LONG.match(ref):
                text = "\ufffd"  # out of Unicode's range (and int() refuses > 4300 digits)
            else:
                text = html.unescape(key)
            if text in (ref, bare):  # not an entity after all
                text = bare
            self.decoded[key] = text
        if self.xml and not self.stack[-1].had_text and text.strip():
            self._label_xml_value(src)
        self._text(text, src)

    # comments, declarations, processing instructions and marked sections show nothing;
    # one that the sentinel had to close hides the rest of the file: say so
    def skipped(self, start, end):
        if end >= self.limit:
            self._unterminated(start)

    def _unterminated(self, start):
        if start >= self.limit:
            return
        opener = next(o for o in _UNTERMINATED if self.source.startswith(o, start))
        self.warnings.append(
            f"markup repaired: an unterminated {_UNTERMINATED[opener]} at offset {start} hides "
            f"the rest of the file ({self.limit - start} characters), as in a browser"
        )
