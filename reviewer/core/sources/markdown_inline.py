"""Inline Markdown rendered to text with a map back: emphasis and strike-through markers,
links (their text shows, never their target), images (nothing shows), autolinks, raw
HTML tags and comments, backslash escapes, entities and code spans. One forward scan
per piece (a paragraph, a heading, a table cell): every pattern is anchored where the
scan stands, and is bounded. The Renderer also appends rendered blocks to the text.
"""

from __future__ import annotations

import html
import re

from reviewer.core.model import OffsetMap
from reviewer.core.sources.markdown_emphasis import PUNCT, Run, pair_delimiters

_SPECIAL = re.compile(r"[\\`*_~\[\]<&\n]")
_TICKS = re.compile(r"`+")
_INLINE_LINK = re.compile(
    r"\(\s{0,40}(?:<[^<>\n]{0,2000}>|[^\s()<>]{0,2000}(?:\([^\s()]{0,2000}\)[^\s()]{0,2000}){0,8})"
    r"(?:\s{1,40}(?:\"[^\"]{0,1000}\"|'[^']{0,1000}'|\([^()]{0,1000}\)))?\s{0,40}\)"
)
_REF_LINK = re.compile(r"\[((?:[^\]\[\\]|\\.){0,999})\]")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]{0,4000}|[\w.!#$%&'*+/=?^`{|}~-]{1,200}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,20})>")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]{0,40})(?:\s[^<>]{0,4000})?/?>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def norm_label(label: str) -> str:
    """A link label as definitions match it: white space collapsed, case folded."""
    return " ".join(label.split()).casefold()


class Piece:
    """A string to render (a paragraph, a heading, a table cell) and where it comes from:
    ``segs`` holds (offset in the string, offset in the source) where a verbatim copy
    starts; the line break between two lines is kept, mapped to the one it stands for."""

    __slots__ = ("text", "segs")

    def __init__(self):
        self.text = []
        self.segs = []

    def add(self, source, start, end, length):
        self.segs.append((length, start))
        self.text.append(source[start:end])
        return length + end - start


class Renderer:
    """The rendered text and its offset map, built block by block."""

    def __init__(self, source: str, definitions: set[str]):
        self.source = source
        self.definitions = definitions
        self.out: list[str] = []
        self.omap = OffsetMap()
        self.length = 0
        self.sep = ""  # owed before the next block: "" at the start, "\n", or "\n\n"
        self.sep_src = 0

    # -- output ------------------------------------------------------------------------
    def emit_block(self, pieces: list[tuple[str, int]]) -> None:
        """Append a rendered block, its leading and trailing blanks trimmed."""
        first = next((i for i, (t, _) in enumerate(pieces) if t.strip()), None)
        if first is None:
            return
        last = max(i for i, (t, _) in enumerate(pieces) if t.strip())
        pieces = pieces[first : last + 1]
        text, src = pieces[0]
        stripped = text.lstrip()
        pieces[0] = (stripped, src + len(text) - len(stripped))
        text, src = pieces[-1]
        pieces[-1] = (text.rstrip(), src)
        if self.length and self.sep:
            self.omap.add(self.length, self.sep_src)
            self.out.append(self.sep)
            self.length += len(self.sep)
        for text, src in pieces:
            if text:
                self.omap.add(self.length, src)
                self.out.append(text)
                self.length += len(text)
        self.sep = "\n"

    def blank(self) -> None:
        """A blank line: the next block comes after an empty line."""
        if self.sep:
            self.sep = "\n\n"

    def owe_line(self, src: int) -> None:
        """The next block starts at ``src``: the line break before it maps there."""
        self.sep_src = src

    # -- inline ------------------------------------------------------------------------
    def render(self, piece: Piece) -> list[tuple[str, int]]:
        """The rendered pieces of ``piece``: (text, source offset of its first character)."""
        p = "".join(piece.text)
        events: list[tuple[int, int, str]] = []  # (start, end, replacement) in p
        self._scan(p, events)
        events.sort(key=lambda e: (e[0], -e[1]))
        segs = piece.segs
        out: list[tuple[str, int]] = []
        k = 0

        def src_of(pos):
            nonlocal k
            while k + 1 < len(segs) and segs[k + 1][0] <= pos:
                k += 1
            return segs[k][1] + (pos - segs[k][0])

        def verbatim(a, b):
            nonlocal k
            while a < b:
                src = src_of(a)
                seg_end = segs[k + 1][0] if k + 1 < len(segs) else len(p)
                c = min(b, seg_end)
                out.append((p[a:c], src))
                a = c

        cursor = 0
        for start, end, text in events:
            if start < cursor:
                continue  # inside something already removed (an image)
            verbatim(cursor, start)
            if text:
                out.append((text, src_of(start)))
            cursor = end
        verbatim(cursor, len(p))
        return out

    def _scan(self, p: str, events: list) -> None:
        n = len(p)
        openers: dict[str, list[Run]] = {"*": [], "_": [], "~": []}
        order: list[Run] = []  # every opener still open, in order (for "between" pops)
        brackets: list[tuple[int, bool]] = []  # (offset of "[", is an image)
        escaped_bang = -1
        ticks: dict[int, list[int]] | None = None  # backtick runs by length: their offsets, in order
        tick_next: dict[int, int] = {}  # per length, the index of the first run not yet passed
        comment_close = -2  # the offset of the next "-->" (-1: none; -2: not looked for yet)
        pos = 0
        while True:
            m = _SPECIAL.search(p, pos)
            if not m:
                return
            i = m.start()
            c = p[i]
            if c == "\\":
                if i + 1 < n and p[i + 1] in PUNCT:
                    events.append((i, i + 1, ""))
                    if p[i + 1] == "!":
                        escaped_bang = i + 1
                    pos = i + 2
                else:
                    pos = i + 1
            elif c == "`":
                j = i
                while j < n and p[j] == "`":
                    j += 1
                if ticks is None:
                    ticks = {}
                    for run in _TICKS.finditer(p, i):
                        ticks.setdefault(run.end() - run.start(), []).append(run.start())
                # the closer is the next run of exactly as many backticks
                runs = ticks.get(j - i, ())
                at = tick_next.get(j - i, 0)
                while at < len(runs) and runs[at] < j:
                    at += 1
                tick_next[j - i] = at
                if at == len(runs):
                    pos = j  # no closer: literal backticks
                    continue
                close = runs[at]
                inner_start, inner_end = j, close
                if inner_end - inner_start >= 2 and p[inner_start] == " " and p[inner_end - 1] == " " \
                        and p[inner_start:inner_end].strip():
                    inner_start, inner_end = inner_start + 1, inner_end - 1
                events.append((i, inner_start, ""))
                events.append((inner_end, close + (j - i), ""))
                pos = close + (j - i)
            elif c in "*_~":
                j = i
                while j < n and p[j] == c:
                    j += 1
                pair_delimiters(p, c, i, j, openers, order, events)
                pos = j
            elif c == "[":
                brackets.append((i, i > 0 and p[i - 1] == "!" and escaped_bang != i - 1))
                pos = i + 1
            elif c == "]":
                pos = i + 1
                if not brackets:
                    continue
                start, image = brackets.pop()
                end = self._link_end(p, start, i)
                if end is None:
                    continue
                if image:
                    events.append((start - 1, end, ""))
                else:
                    events.append((start, start + 1, ""))
                    events.append((i, end, ""))
                    brackets.clear()  # no link inside a link
                pos = end
            elif c == "<":
                m2 = _AUTOLINK.match(p, i)
                if m2:
                    events.append((i, i + 1, ""))
                    events.append((m2.end() - 1, m2.end(), ""))
                    pos = m2.end()
                    continue
                if p.startswith("<!--", i):
                    if comment_close == -2 or 0 <= comment_close < i + 4:
                        comment_close = p.find("-->", i + 4)
                    close = comment_close
                    if close >= 0:
                        events.append((i, close + 3, ""))
                        pos = close + 3
                        continue
                m2 = _TAG.match(p, i)
                if m2:
                    events.append((i, m2.end(), "\n" if m2.group(1).lower() == "br" else ""))
                    pos = m2.end()
                    continue
                pos = i + 1
            elif c == "&":
                m2 = _ENTITY.match(p, i)
                if m2:
                    ref = m2.group()
                    if len(ref) > 9 and ref[1] == "#" and not ref.startswith("&#x"):
                        value = "\ufffd" if int(ref[2:-1]) > 0x10FFFF else html.unescape(ref)
                    else:
                        value = html.unescape(ref)
                    if value != ref:
                        events.append((i, m2.end(), value))
                    pos = m2.end()
                else:
                    pos = i + 1
            else:  # "\n": a line break, kept as it is
                pos = i + 1

    def _link_end(self, p: str, start: int, close: int) -> int | None:
        """Where the link whose text is p[start+1:close] ends, or None if it is no link."""
        nxt = close + 1
        if nxt < len(p) and p[nxt] == "(":
            m = _INLINE_LINK.match(p, nxt)
            if m:
                return m.end()
        if nxt < len(p) and p[nxt] == "[":
            m = _REF_LINK.match(p, nxt)
            if m:
                label = m.group(1) or (p[start + 1 : close] if close - start <= 1000 else "")
                if label and norm_label(label) in self.definitions:
                    return m.end()
        if close - start <= 1000 and norm_label(p[start + 1 : close]) in self.definitions:
            return nxt
        return None
