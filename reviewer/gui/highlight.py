"""Span highlighting per block from precomputed, sorted spans (never thousands of
ExtraSelections): the colours of the fields in the text, and Pygments colours in the
original source."""

from __future__ import annotations

import bisect
import re

from PySide6.QtGui import QBrush, QColor, QFont, QSyntaxHighlighter, QTextCharFormat

from reviewer.core.extract.schema import Schema
from reviewer.core.model import Field

_NON_BMP = re.compile("[\U00010000-\U0010ffff]")


class Utf16Offsets:
    """Python string offsets to Qt's UTF-16 positions (they differ only past U+FFFF)."""

    def __init__(self, text: str):
        self._extra = [m.start() for m in _NON_BMP.finditer(text)]
        # where each of those characters starts in Qt's positions (each earlier one adds one)
        self._extra_qt = [extra + i for i, extra in enumerate(self._extra)]

    def to_qt(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._extra, offset) if self._extra else offset

    def from_qt(self, position: int) -> int:
        """A position inside a surrogate pair maps to the start of its character."""
        return position - bisect.bisect_left(self._extra_qt, position) if self._extra else position


class SpanHighlighter(QSyntaxHighlighter):
    """Applies (start, end, QTextCharFormat) spans in Qt positions, block by block."""

    def __init__(self, document):
        super().__init__(document)
        self._starts: list[int] = []
        self._spans: list[tuple[int, int, QTextCharFormat]] = []
        self._index: dict = {}
        self._longest = 0
        # marks (search hits): (start, end) in Qt positions, drawn over whatever the spans set
        self._mark_starts: list[int] = []
        self._marks: list[tuple[int, int]] = []
        self._mark_longest = 0
        self._mark_plain = search_mark_format()  # a mark where no span colours the text
        self._mark_over: dict[int, tuple[QTextCharFormat, QTextCharFormat]] = {}  # id(span's) -> (it, merged)

    def set_spans(self, spans: list[tuple[int, int, QTextCharFormat]]) -> None:
        self.replace_spans(spans)
        self.rehighlight()

    def replace_spans(self, spans: list[tuple[int, int, QTextCharFormat]], keys: list | None = None) -> None:
        """New spans without re-colouring; ``keys`` (one per span) allow set_format later."""
        keys = keys if keys is not None else [None] * len(spans)
        pairs = sorted(((s, k) for s, k in zip(spans, keys) if s[1] > s[0]), key=lambda p: (p[0][0], p[0][1]))
        self._spans = [p[0] for p in pairs]
        self._index = {k: i for i, (_, k) in enumerate(pairs) if k is not None}
        self._starts = [s[0] for s in self._spans]
        self._longest = max((e - s for s, e, _ in self._spans), default=0)

    def set_format(self, key, fmt: QTextCharFormat) -> bool:
        """Give one keyed span a new format (the caller re-highlights its blocks)."""
        i = self._index.get(key)
        if i is None:
            return False
        s, e, _ = self._spans[i]
        self._spans[i] = (s, e, fmt)
        return True

    def set_mark_format(self, plain: QTextCharFormat) -> None:
        """How marks look: ``plain`` where no span colours the text; over a span, the span's
        format with ``plain``'s underline (its background is left to the span)."""
        self._mark_plain = plain
        self._mark_over = {}

    def replace_marks(self, marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """New sorted (start, end) marks without re-colouring; returns the old ones, so that
        the caller re-colours the blocks either list touches."""
        old = self._marks
        self._marks = [m for m in marks if m[1] > m[0]]
        self._mark_starts = [m[0] for m in self._marks]
        self._mark_longest = max((e - s for s, e in self._marks), default=0)
        return old

    def marks(self) -> list[tuple[int, int]]:
        return list(self._marks)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        if not self._spans and not self._marks:
            return
        block = self.currentBlock()
        pos = block.position()
        end = pos + block.length()
        applied = []  # (a, b, fmt) in block positions, in the order they were set
        spans = self._spans
        if spans:
            i = bisect.bisect_left(self._starts, pos - self._longest)
            while i < len(spans):
                s, e, fmt = spans[i]
                if s >= end:
                    break
                if e > pos:
                    a = max(s, pos) - pos
                    b = min(e, end) - pos
                    self.setFormat(a, b - a, fmt)
                    applied.append((a, b, fmt))
                i += 1
        if self._marks:
            self._apply_marks(pos, end, applied)

    def _apply_marks(self, pos: int, end: int, applied: list) -> None:
        marks = self._marks
        i = bisect.bisect_left(self._mark_starts, pos - self._mark_longest)
        while i < len(marks):
            s, e = marks[i]
            i += 1
            if s >= end:
                break
            if e <= pos:
                continue
            a, b = max(s, pos) - pos, min(e, end) - pos
            cuts = {a, b}
            for fa, fb, _ in applied:  # the spans' edges inside the mark cut it into runs
                if a < fa < b:
                    cuts.add(fa)
                if a < fb < b:
                    cuts.add(fb)
            cuts = sorted(cuts)
            for x, y in zip(cuts, cuts[1:]):
                base = None
                for fa, fb, fmt in reversed(applied):  # the last span set wins, as in setFormat
                    if fa <= x < fb:
                        base = fmt
                        break
                self.setFormat(x, y - x, self._mark_format(base))

    def _mark_format(self, base: QTextCharFormat | None) -> QTextCharFormat:
        if base is None:
            return self._mark_plain
        hit = self._mark_over.get(id(base))
        if hit is None or hit[0] is not base:
            merged = QTextCharFormat(base)
            merged.setUnderlineStyle(self._mark_plain.underlineStyle())
            merged.setUnderlineColor(self._mark_plain.underlineColor())
            hit = self._mark_over[id(base)] = (base, merged)
        return hit[1]


class FieldFormats:
    """One QTextCharFormat per (label, status), built once."""

    def __init__(self, schema: Schema):
        self.schema = schema
        self._cache: dict[tuple[str, str], QTextCharFormat] = {}

    def format(self, label: str, status: str) -> QTextCharFormat:
        key = (label, status)
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self._cache[key] = self._build(label, status)
        return fmt

    def colour(self, label: str) -> QColor:
        return QColor(self.schema[label].colour if label in self.schema else "#888888")

    def _build(self, label: str, status: str) -> QTextCharFormat:
        colour = self.colour(label)
        fmt = QTextCharFormat()
        if status == "rejected":
            fmt.setForeground(QBrush(QColor("#8a8a8a")))
            fmt.setFontStrikeOut(True)
            return fmt
        tint = QColor(colour)
        tint.setAlpha({"pending": 60, "accepted": 150, "edited": 150, "added": 150}.get(status, 60))
        fmt.setBackground(QBrush(tint))
        if status in ("edited", "added"):
            fmt.setFontUnderline(True)
            fmt.setUnderlineColor(colour.darker(160))
            fmt.setUnderlineStyle(
                QTextCharFormat.SingleUnderline if status == "edited" else QTextCharFormat.DashUnderline
            )
        if status == "added":
            fmt.setFontWeight(QFont.DemiBold)
        return fmt


def search_mark_format() -> QTextCharFormat:
    """Search hits: a pale yellow ground and an orange wavy underline; over a field only the
    underline, so the field's colour still shows (it replaces an edited field's underline)."""
    fmt = QTextCharFormat()
    fmt.setBackground(QBrush(QColor("#fff176")))
    fmt.setUnderlineStyle(QTextCharFormat.WaveUnderline)
    fmt.setUnderlineColor(QColor("#e65100"))
    return fmt


def field_spans(fields: list[Field], formats: FieldFormats, offsets: Utf16Offsets,
                order: dict[str, int]) -> tuple[list[tuple[int, int, QTextCharFormat]], list[int]]:
    """Spans for the highlighter and their field ids. Where fields overlap, the later one in
    schema order is applied last (a gross_proceeds span over its money span shows)."""
    spans, keys = [], []
    for f in sorted(fields, key=lambda f: order.get(f.label, 99)):
        if f.end > f.start:
            spans.append((offsets.to_qt(f.start), offsets.to_qt(f.end), formats.format(f.label, f.status)))
            keys.append(f.id)
    return spans, keys


# -- Pygments colours for the original source ---------------------------------------------
_TOKEN_COLOURS = {
    "Name.Tag": "#22863a",
    "Name.Attribute": "#6f42c1",
    "Literal.String": "#032f62",
    "Comment": "#6a737d",
    "Name.Entity": "#b31d28",
    "Keyword": "#d73a49",
    "Punctuation": "#6a737d",
}


def lex_source(source: str, source_format: str) -> list[tuple[int, int, str]]:
    """(start, end, colour) runs of a source, from Pygments. Pure Python: runs in a worker."""
    from pygments.lexers import HtmlLexer, TextLexer, XmlLexer

    lexer = {"html": HtmlLexer, "xml": XmlLexer}.get(source_format, TextLexer)(stripnl=False,
                                                                               ensurenl=False)
    runs = []
    for start, token, value in lexer.get_tokens_unprocessed(source):
        name = str(token).removeprefix("Token.")
        colour = None
        for prefix, c in _TOKEN_COLOURS.items():
            if name.startswith(prefix):
                colour = c
                break
        if colour and value:
            end = start + len(value)
            if runs and runs[-1][2] == colour and runs[-1][1] == start:
                runs[-1] = (runs[-1][0], end, colour)
            else:
                runs.append((start, end, colour))
    return runs
