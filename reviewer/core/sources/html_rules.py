"""What HTML elements and styles do to the visible text: which are skipped, which make
paragraphs, lines or table cells, which only wrap plain text, and which styles hide an
element or let it flow inline. Read by the markup parser (html_parser.py).
"""

from __future__ import annotations

import re

SKIP = frozenset({"script", "style", "head", "title", "noscript", "template", "ix:header", "xbrl:header"})
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)
PARAGRAPH = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote",
     "pre", "section", "article", "center"}
)
LINE = frozenset(
    {"div", "tr", "li", "dt", "dd", "hr", "address", "header", "footer", "nav", "aside",
     "caption", "thead", "tbody", "tfoot", "form", "fieldset", "figure", "main", "html",
     "body", "page", "document", "type", "text"}
)
BLOCK = PARAGRAPH | LINE
CELL = frozenset({"td", "th"})
# Elements that only wrap text. Markup whose elements are all wrappers or inline ones
# holds plain text (how some tools serve old filings: <html><body><div> or <pre>
# around the text of a .txt): its line breaks are its only structure, so they are kept.
_WRAPPERS = frozenset({"html", "body", "div", "pre", "center", "main", "article", "section", "document",
                       "text", "type", "page"})
_STRUCTURE = (PARAGRAPH | LINE | CELL | {"br"}) - _WRAPPERS
_MAX_WRAPPERS = 12  # more wrappers than this: they lay the text out, as <p> would
_TAG_NAME = re.compile(r"<([A-Za-z][\w:.-]*)")
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
INLINE_STYLE = re.compile(r"display\s*:\s*inline", re.I)
# Only a tag whose text holds one of these can hide itself or flow inline; the others'
# attributes need no parsing. (A value is decoded before it is matched, hence "&".)
_MAY_HIDE = re.compile("hidden|display|visibility|&", re.I)


def may_hide(markup: str, start: int, end: int) -> bool:
    """Whether the start tag ``markup[start:end]`` may carry a hidden attribute or a style
    that hides it or makes it inline (HIDDEN_STYLE, INLINE_STYLE): False means it cannot."""
    tag = markup[start:end]
    if not tag.isascii():  # the patterns, ignoring case, also match K, ſ, ı and İ
        return _MAY_HIDE.search(tag) is not None
    tag = tag.lower()
    return "display" in tag or "hidden" in tag or "visibility" in tag or "&" in tag


def holds_plain_text(source: str) -> bool:
    """True when the markup has no element that lays text out other than a few wrappers
    (html, body, div, pre...): no paragraph, line break, list, table or heading. Its text
    is then read as a plain-text file is, line breaks and all. One forward search, which
    stops at the first element that structures the text."""
    wrappers = 0
    for m in _TAG_NAME.finditer(source):
        tag = m.group(1).lower()
        if tag in _STRUCTURE:
            return False
        if tag in _WRAPPERS and tag not in ("html", "body"):
            wrappers += 1
            if wrappers > _MAX_WRAPPERS:
                return False
    return True
