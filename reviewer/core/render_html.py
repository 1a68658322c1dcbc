"""HTML made safe and cheap for Qt's rich-text engine (the window's Filing view).

``sanitise(source)`` rewrites a document's HTML in one forward pass (linear in its size):

* dropped with their content: script, style, head, title, iframe, object, applet, frames,
  noscript, template, svg, math, form controls, media, the hidden inline-XBRL header, and
  any element hidden by ``display:none`` / ``visibility:hidden`` or ``hidden`` (what the
  text extraction skips, so that both show the same words);
* dropped tags (content kept): embed, link, meta, base, param, source, track, input, area,
  form, inline XBRL tags and unknown namespaced tags;
* attributes: only a small layout/style allow-list survives; a style with ``url(``,
  ``expression`` or ``@import`` is dropped; images keep only a ``data:`` source of at most
  ``max_image`` characters (anything else, remote or local, is dropped with its <img>);
* comments, declarations and processing instructions are dropped; a stray "<" becomes
  "&lt;".

Images: a ``data:`` image of at most ``max_image`` characters (and within ``MAX_IMAGES`` in
all) keeps its <img>, its source renamed ``inline-image:N`` (``images[N]`` holds the URI),
so that the caller hands Qt the decoded image and Qt never has to fetch anything.

``render(source, source_format, text)`` is the Filing view's HTML for any stored
document: HTML sanitised, Markdown rendered (markdown-it) then sanitised, plain text as
preformatted text (XML shows its text: its markup is not a layout).

It also measures what makes Qt slow or unstable (open-element depth, table cells) and
records ``breaks``: output offsets between top-level blocks (only block wrappers such as
html, body, div are open there) with the start tags to reopen, so that a caller can feed
the result to Qt in slices (``chunks``). A table of more than ``SPLIT_CELLS`` cells also
has breaks between rows, every ``SPLIT_CELLS`` cells, where it is closed and reopened with
the same start tags: Qt lays a table out in one go (19,000 cells: 2.6 s), and the parts of
one table can go in one per turn of the event loop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_IMAGE = 256 * 1024  # characters of a data: URI kept for an image
MAX_IMAGES = 4 * 1024 * 1024  # characters of data: URIs kept in all
CHUNK = 48 * 1024  # characters of output per slice (see chunks)
SPLIT_CELLS = 2000  # a table is cut (closed and reopened) before a row once it has this many more cells

_DROP_CONTENT = frozenset({
    "script", "style", "head", "title", "iframe", "object", "applet", "frameset", "frame", "noframes",
    "noscript", "template", "svg", "math", "select", "textarea", "button", "audio", "video", "canvas",
    "ix:header", "xbrl:header", "datalist", "dialog",
})
_DROP_TAG = frozenset({"embed", "link", "meta", "base", "param", "source", "track", "input", "area",
                       "form", "html", "!doctype", "xml", "portal"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
# open elements that a slice boundary may cut through (closed and reopened around it)
_WRAPPERS = frozenset({"body", "div", "center", "section", "article", "main", "font", "page",
                       "document", "text", "type", "header", "footer", "blockquote"})
_IMPLIED_CLOSE = {"p": ("p",), "li": ("li",), "tr": ("td", "th", "tr"), "td": ("td", "th"),
                  "th": ("td", "th"), "dt": ("dt", "dd"), "dd": ("dt", "dd"), "option": ("option",)}
_ATTRS = frozenset({"style", "align", "valign", "width", "height", "colspan", "rowspan", "bgcolor", "color",
                    "face", "size", "border", "cellpadding", "cellspacing", "href", "name", "id", "start",
                    "type", "dir", "nowrap", "alt", "src", "title"})
_TABLE_PARTS = frozenset({"table", "tbody", "thead", "tfoot"})
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "noscript", "iframe", "noframes"})
_RAW_END = {tag: re.compile(rf"</{tag}\s*>", re.I) for tag in _RAW_TEXT}
_NAME = re.compile(r"[A-Za-z][\w:.-]*")
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BAD_STYLE = re.compile(r"url\s*\(|expression|@import|behavior|-moz-binding", re.I)
_MAX_ATTR = 4096
_MAX_REOPEN = 32  # no slice boundary under more wrappers than this


@dataclass
class Sanitised:
    html: str
    depth: int = 0  # deepest nesting of open elements
    cells: int = 0  # table cells
    table_cells: int = 0  # cells of the largest table
    dropped: dict[str, int] = field(default_factory=dict)  # what was removed, by tag
    breaks: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, reopen, close)
    images: list[str] = field(default_factory=list)  # data: URIs of the inline-image:N sources

    def largest_block(self) -> int:
        """Characters of the longest stretch between two breaks (what one slice must hold)."""
        edges = [0] + [b[0] for b in self.breaks] + [len(self.html)]
        return max(b - a for a, b in zip(edges, edges[1:]))

    def chunks(self, size: int = CHUNK) -> list[str]:
        """The HTML in slices of about ``size`` characters, cut between top-level blocks;
        each slice reopens the wrappers open at its start and closes those open at its end."""
        out, start, reopen = [], 0, ""
        for offset, opener, closer in self.breaks:
            if offset - start >= size:
                out.append(reopen + self.html[start:offset] + closer)
                start, reopen = offset, opener
        out.append(reopen + self.html[start:])
        return out


def _attr_text(name: str, value: str) -> str:
    return f' {name}="{value.replace(chr(34), "&quot;")}"'


def _clean_attrs(tag: str, body: str, max_image: int, images: list[str] | None) -> tuple[str, bool, bool]:
    """(kept attributes as text, hidden, an image to drop). A kept image's data: URI goes
    to ``images`` and its source becomes inline-image:N (None: no room for images left)."""
    out = []
    hidden = drop_image = False
    has_src = False
    for m in _ATTR.finditer(body):
        name = m.group(1).lower()
        value = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4)
        if name == "hidden":
            hidden = True
            continue
        if name not in _ATTRS or (name == "src" and has_src):
            continue
        value = value or ""
        if name == "style":
            if _HIDDEN.search(value):
                hidden = True
            if _BAD_STYLE.search(value) or len(value) > _MAX_ATTR:
                continue
        elif name == "src":
            if tag != "img":
                continue
            has_src = True
            value = value.strip()
            if images is None or value[:11].lower() != "data:image/" or len(value) > max_image:
                drop_image = True
                continue
            images.append(value)
            value = f"inline-image:{len(images) - 1}"
        elif len(value) > _MAX_ATTR:
            continue
        out.append(_attr_text(name, value))
    if tag == "img" and not has_src:
        drop_image = True
    return "".join(out), hidden, drop_image


def sanitise(source: str, max_image: int = MAX_IMAGE, until: int | None = None) -> Sanitised:
    """The source made safe (see the module's docstring). With ``until``, it stops at the
    first break past that many characters of output: the slices before its last one are
    then the first slices of the whole (the pass only reads forward)."""
    result = Sanitised("")
    out: list[str] = []
    size = 0  # characters in out
    stack: list[tuple[str, str]] = []  # (tag, its start tag as written out)
    open_count: dict[str, int] = {}
    blockers = 0  # open elements on the stack that a slice may not cut through
    skip_tag, skip_depth = None, 0  # dropping an element with its content
    dropped = result.dropped
    tables: list[int] = []  # cells so far of each open table
    table_parts = 0  # open table, tbody, thead and tfoot elements
    split_at = 0  # cells of the one open table at its last break
    image_chars = 0
    n, i = len(source), 0

    def emit(s: str) -> None:
        nonlocal size
        out.append(s)
        size += len(s)

    def pop_to(tag: str) -> None:
        nonlocal blockers, table_parts
        while stack:
            t, _ = stack.pop()
            open_count[t] -= 1
            if t not in _WRAPPERS:
                blockers -= 1
            if t in _TABLE_PARTS:
                table_parts -= 1
            if t == "table" and tables:
                result.table_cells = max(result.table_cells, tables.pop())
            emit(f"</{t}>")
            if t == tag:
                return

    while i < n:
        lt = source.find("<", i)
        if lt < 0:
            lt = n
        if lt > i:
            if skip_tag is None:
                emit(source[i:lt])
            i = lt
            if i >= n:
                break
        nxt = source[i + 1:i + 2]
        if source.startswith("<!--", i):
            end = source.find("-->", i + 4)
            i = n if end < 0 else end + 3
            continue
        if nxt in ("!", "?"):
            end = source.find(">", i)
            i = n if end < 0 else end + 1
            continue
        closing = nxt == "/"
        m = _NAME.match(source, i + 2 if closing else i + 1)
        if m is None:
            if skip_tag is None:
                emit("&lt;")
            i += 1
            continue
        end = source.find(">", m.end())
        if end < 0:
            break  # an unterminated tag hides the rest, as in a browser
        for _ in range(8):  # a ">" inside a quoted value does not end the tag
            if (source.count('"', m.end(), end) % 2 == 0 and source.count("'", m.end(), end) % 2 == 0):
                break
            further = source.find(">", end + 1)
            if further < 0:
                break
            end = further
        tag = m.group(0).lower()
        body = source[m.end():end]
        i = end + 1
        if skip_tag is not None:
            if tag == skip_tag:
                if closing:
                    skip_depth -= 1
                    if skip_depth == 0:
                        skip_tag = None
                elif not body.rstrip().endswith("/"):
                    skip_depth += 1
            continue
        if closing:
            if open_count.get(tag):
                pop_to(tag)
            continue
        if tag in _DROP_CONTENT:
            dropped[tag] = dropped.get(tag, 0) + 1
            if tag in _RAW_TEXT:  # its content is text up to its end tag, never markup
                m_end = _RAW_END[tag].search(source, i)
                i = n if m_end is None else m_end.end()
            elif tag not in _VOID and not body.rstrip().endswith("/"):
                skip_tag, skip_depth = tag, 1
            continue
        if tag in _DROP_TAG or (":" in tag and tag not in ("ix:header", "xbrl:header")):
            if tag not in ("html", "!doctype"):
                dropped[tag] = dropped.get(tag, 0) + 1
            continue
        images = result.images if image_chars < MAX_IMAGES else None
        attrs, hidden, drop_image = _clean_attrs(tag, body, max_image, images)
        if tag == "img" and not drop_image:
            image_chars += len(result.images[-1])
        if hidden:
            dropped["hidden"] = dropped.get("hidden", 0) + 1
            if tag not in _VOID and not body.rstrip().endswith("/"):
                skip_tag, skip_depth = tag, 1
            continue
        if drop_image:
            dropped["img"] = dropped.get("img", 0) + 1
            continue
        for implied in _IMPLIED_CLOSE.get(tag, ()):
            if stack and stack[-1][0] == implied:
                pop_to(implied)
        if tag in ("td", "th"):
            result.cells += 1
            if tables:
                tables[-1] += 1
        if not blockers and len(stack) <= _MAX_REOPEN:
            if until is not None and size >= until:
                break
            _note_break(result, size, stack)
        elif (tag == "tr" and len(tables) == 1 and blockers == table_parts and len(stack) <= _MAX_REOPEN
              and tables[0] - split_at >= SPLIT_CELLS):
            # a huge table goes to Qt in parts (laying one out takes about 0.13 ms a cell)
            split_at = tables[0]
            _note_break(result, size, stack, spaced=False)
        start_tag = f"<{tag}{attrs}>"
        emit(start_tag)
        if tag in _VOID or body.rstrip().endswith("/"):
            continue
        stack.append((tag, start_tag))
        if tag == "table":
            tables.append(0)
            if len(tables) == 1:
                split_at = 0
        if tag in _TABLE_PARTS:
            table_parts += 1
        open_count[tag] = open_count.get(tag, 0) + 1
        if tag not in _WRAPPERS:
            blockers += 1
        if len(stack) > result.depth:
            result.depth = len(stack)
    while stack:
        pop_to(stack[-1][0])
    result.html = "".join(out)
    return result


def _note_break(result: Sanitised, offset: int, stack: list[tuple[str, str]], spaced: bool = True) -> None:
    """A place between top-level blocks (only wrappers are open), or between two rows of a
    huge table (only wrappers and that table's parts are open): checked by the caller."""
    breaks = result.breaks
    if spaced and breaks and offset - breaks[-1][0] < 1024:
        return  # no need for a place every few characters
    reopen = "".join(s for _, s in stack)
    close = "".join(f"</{t}>" for t, _ in reversed(stack))
    breaks.append((offset, reopen, close))


def preformatted(text: str, line_chunk: int = CHUNK) -> Sanitised:
    """Plain text as preformatted HTML (wrapped at the width of the view), with a break at a line end every ``line_chunk``
    characters or so (so that a long text is fed to Qt in slices too)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    opener, closer = '<pre style="margin:0; white-space:pre-wrap">', "</pre>"
    out, breaks, size, start = [opener], [], len(opener), 0
    while start < len(text):
        cut = text.find("\n", start + line_chunk)
        cut = len(text) if cut < 0 else cut + 1
        piece = _escape(text[start:cut])
        if start:
            breaks.append((size, opener, closer))
        out.append(piece)
        size += len(piece)
        start = cut
    out.append(closer)
    return Sanitised("".join(out), depth=1, breaks=breaks)


def markdown_html(source: str) -> str:
    """A Markdown release as HTML (CommonMark with tables), before sanitising."""
    from markdown_it import MarkdownIt

    from reviewer.core.sources.markdown import body_start

    # a front matter block holds the page's settings, not its text: not shown either
    return MarkdownIt("commonmark").enable("table").render(source[body_start(source):])


def render(source: str, source_format: str, text: str) -> Sanitised:
    """The Filing view's HTML for a stored document (source, its format, its text)."""
    if source_format == "markdown":
        return sanitise(markdown_html(source))
    if source_format == "html":
        from reviewer.core.sources.html_rules import holds_plain_text

        if holds_plain_text(source):  # plain text in a bare wrapper: its lines are its layout
            return preformatted(text)
        return sanitise(source)
    if source_format == "text":
        return preformatted(source)
    return preformatted(text)  # XML: its markup is data, not layout: show its text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
