"""Visible text of HTML, XHTML, inline XBRL and XML, with a map back to the source.

The standard library's tolerant HTMLParser reads the markup; we keep what a browser
would show: no script, style, head or hidden inline-XBRL header; block elements and
<br> become line breaks; table rows become lines with tab-separated cells; runs of
white space collapse to one space; entities are decoded. Every piece of text keeps
its source offset in an OffsetMap.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from reviewer.core.model import OffsetMap, SourceDocument
from reviewer.core.sources.errors import SourceError

_SKIP = frozenset({"script", "style", "head", "title", "noscript", "template", "ix:header", "xbrl:header"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)
_PARAGRAPH = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote",
     "pre", "section", "article", "center"}
)
_LINE = frozenset(
    {"div", "tr", "li", "dt", "dd", "hr", "address", "header", "footer", "nav", "aside",
     "caption", "thead", "tbody", "tfoot", "form", "fieldset", "figure", "main", "html",
     "body", "page", "document", "type", "text"}
)
_CELL = frozenset({"td", "th"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_INLINE_STYLE = re.compile(r"display\s*:\s*inline", re.I)
_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0\u200b]+")
_WORD = re.compile(r"[^ \t\n\r\f\v\u00a0\u200b]+")
_XML_NAME = re.compile(r"<\s*([^\s/>]+)")


class _Element:
    __slots__ = ("tag", "hidden", "pre", "cells", "name", "had_text", "inline")

    def __init__(self, tag, hidden, pre, name=None):
        self.inline = False
        self.tag = tag
        self.hidden = hidden
        self.pre = pre
        self.cells = 0
        self.name = name  # XML mode: the element name as written
        self.had_text = False


class _TextBuilder(HTMLParser):
    def __init__(self, source: str, xml: bool):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.xml = xml
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.out: list[str] = []
        self.length = 0
        self.omap = OffsetMap()
        self.pending = ""  # separator owed before the next text: "", " ", "\t", "\n", "\n\n"
        self.stack = [_Element("#root", False, False)]
        self.unclosed = 0

    # -- positions -------------------------------------------------------------
    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    # -- output ----------------------------------------------------------------
    def _owe(self, sep: str) -> None:
        rank = {"": 0, " ": 1, "\t": 2, "\n": 3, "\n\n": 4}
        if rank[sep] > rank[self.pending]:
            self.pending = sep

    def _emit(self, text: str, src: int) -> None:
        if self.pending:
            if self.length:
                self.out.append(self.pending)
                self.length += len(self.pending)
            self.pending = ""
        self.omap.add(self.length, src)
        self.out.append(text)
        self.length += len(text)

    def _text(self, data: str, src: int) -> None:
        top = self.stack[-1]
        if top.hidden:
            return
        top.had_text = True
        if top.pre:
            data = data.replace("\r\n", "\n").replace("\r", "\n")
            if data:
                self._emit(data, src)
            return
        for m in _WORD.finditer(data):
            if m.start() > 0 and _SPACE.match(data, m.start() - 1):
                self._owe(" ")
            self._emit(m.group(), src + m.start())
        if data and _SPACE.match(data[-1]):
            self._owe(" ")

    # -- parser callbacks ------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, closed=True)

    def _start(self, tag, attrs, closed):
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
                self.stack.append(_Element(tag, parent.hidden, False, name))
            return
        hidden = parent.hidden or tag in _SKIP
        inline = False
        if not hidden:
            for key, value in attrs:
                if key == "hidden" or (key == "style" and value and _HIDDEN_STYLE.search(value)):
                    hidden = True
                    break
                if key == "style" and value and _INLINE_STYLE.search(value):
                    inline = True  # <div style="display:inline"> flows with the text
        if not hidden and not inline:
            if tag in _PARAGRAPH or tag in _LINE:
                self._block(tag)
            elif tag in _CELL:
                row = self._row()
                if row is not None:
                    if row.cells:
                        self._owe("\t")
                    row.cells += 1
        if tag in _VOID or closed:
            return
        element = _Element(tag, hidden, parent.pre or tag == "pre")
        element.inline = inline
        self.stack.append(element)

    def _block(self, tag):
        """Owe the line break a block element makes; inside a table cell, a space."""
        if tag not in ("tr", "table") and self._in_cell():
            self._owe(" ")
        else:
            self._owe("\n\n" if tag in _PARAGRAPH else "\n")

    def _in_cell(self):
        for el in reversed(self.stack):
            if el.tag in _CELL:
                return True
            if el.tag == "table":
                return False
        return False

    def _row(self):
        for el in reversed(self.stack):
            if el.tag == "tr":
                return el
            if el.tag == "table":
                return None
        return None

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                self.unclosed += len(self.stack) - 1 - i
                el = self.stack[i]
                del self.stack[i:]
                break
        else:
            return  # a stray end tag: ignore it, as browsers do
        if el.hidden or el.inline:
            return
        if self.xml:
            self._owe("\n")
        elif tag in _PARAGRAPH or tag in _LINE:
            self._block(tag)

    def handle_data(self, data):
        if self.xml and data.strip() and not self.stack[-1].hidden and not self.stack[-1].had_text:
            self._label_xml_value()
        self._text(data, self._offset())

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
        text = html.unescape(ref) if self.source.startswith(ref, src) else html.unescape(bare)
        if text in ("&" + ref[1:], bare):  # not an entity after all
            text = bare
        if self.xml and not self.stack[-1].had_text and text.strip():
            self._label_xml_value()
        self._text(text, src)

    def handle_comment(self, data):
        pass

    def handle_decl(self, decl):
        pass

    def handle_pi(self, data):
        pass

    def unknown_decl(self, data):
        pass


def html_to_text(source: str, *, xml: bool = False) -> tuple[str, OffsetMap, list[str]]:
    """The visible text of ``source`` with its offset map and any warnings."""
    builder = _TextBuilder(source, xml)
    try:
        builder.feed(source)
        builder.close()
    except Exception as err:  # HTMLParser is tolerant; this is truly broken markup
        raise SourceError(f"malformed {'XML' if xml else 'HTML'}: {err}") from None
    warnings = []
    unclosed = builder.unclosed + len(builder.stack) - 1
    if unclosed > 0:
        warnings.append(f"markup repaired: {unclosed} element(s) left unclosed")
    text = "".join(builder.out)
    if text.endswith(("\n", " ", "\t")):
        text = text.rstrip()
    return text, builder.omap, warnings


def read_markup(source: str, encoding: str, *, xml: bool = False) -> SourceDocument:
    text, omap, warnings = html_to_text(source, xml=xml)
    return SourceDocument(
        text=text,
        source=source,
        source_format="xml" if xml else "html",
        offset_map=omap,
        encoding=encoding,
        warnings=warnings,
    )
