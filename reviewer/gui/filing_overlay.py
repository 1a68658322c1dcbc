"""Field highlights drawn over the rendered filing, the way a highlighter pen marks paper.

The Text tab colours its spans with a QSyntaxHighlighter; in a rich-text document that is
ruinous: every re-coloured block makes Qt lay out again the table it sits in (the 1.5 MB
10-K: 3.6 s in one call, the 3.8 MB one: over 30 s). So the Filing tab leaves its document
alone and paints the spans over it after Qt has painted, only those in view:

* a field's tint is multiplied into what is there (black text stays black, white paper
  takes the tint, a shaded table cell darkens a little): over paper it is exactly the Text
  tab's translucent background;
* a rejected field is greyed (lighten with the Text tab's grey) and struck through;
* edited and added fields are underlined as in the Text tab (solid, dashed).

Nothing is laid out again when a field changes: the spans are replaced and the view repainted.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextCharFormat, QTextCursor, QTextDocument

_MULTIPLY = QPainter.CompositionMode.CompositionMode_Multiply
_LIGHTEN = QPainter.CompositionMode.CompositionMode_Lighten
_OVER = QPainter.CompositionMode.CompositionMode_SourceOver


@dataclass(frozen=True)
class Style:
    """How one span is drawn, read from the Text tab's QTextCharFormat for it."""

    tint: QColor | None  # multiplied in
    grey: QColor | None  # a rejected field's text colour (lightened in)
    strike: bool
    underline: Qt.PenStyle | None
    underline_colour: QColor | None

    @classmethod
    def of(cls, fmt: QTextCharFormat) -> Style:
        tint = fmt.background().color() if fmt.background().style() != Qt.BrushStyle.NoBrush else None
        grey = fmt.foreground().color() if fmt.fontStrikeOut() and fmt.foreground().style() != Qt.NoBrush else None
        underline = None
        if fmt.fontUnderline() or fmt.underlineStyle() != QTextCharFormat.NoUnderline:
            underline = (Qt.PenStyle.DashLine if fmt.underlineStyle() == QTextCharFormat.DashUnderline
                         else Qt.PenStyle.SolidLine)
        return cls(tint, grey, fmt.fontStrikeOut(), underline, fmt.underlineColor() if underline else None)


def _style(fmt: QTextCharFormat, cache: dict) -> Style:
    style = cache.get(id(fmt))
    if style is None or style[0] is not fmt:
        style = cache[id(fmt)] = (fmt, Style.of(fmt))
    return style[1]


class Overlay:
    """Sorted (start, end, style, order) spans in a document's Qt positions, painted on demand."""

    def __init__(self):
        self._spans: list[tuple[int, int, Style, int]] = []
        self._starts: list[int] = []
        self._longest = 0
        self._styles: dict = {}
        self._index: dict = {}

    def set_spans(self, spans: list[tuple[int, int, QTextCharFormat]], keys: list | None = None) -> None:
        """Spans in paint order (a later one is drawn over an earlier one); ``keys`` (one
        per span) allow ``restyle`` later."""
        keys = keys if keys is not None else [None] * len(spans)
        keyed = [((s, e, _style(fmt, self._styles), n), k)
                 for n, ((s, e, fmt), k) in enumerate(zip(spans, keys)) if e > s]
        keyed.sort(key=lambda x: (x[0][0], x[0][1]))
        self._spans = [x[0] for x in keyed]
        self._index = {k: i for i, (_, k) in enumerate(keyed) if k is not None}
        self._starts = [s[0] for s in self._spans]
        self._longest = max((e - s for s, e, _, _ in self._spans), default=0)

    def restyle(self, key, fmt: QTextCharFormat) -> bool:
        """Give one keyed span another format (False: no such span)."""
        i = self._index.get(key)
        if i is None:
            return False
        s, e, _, n = self._spans[i]
        self._spans[i] = (s, e, _style(fmt, self._styles), n)
        return True

    def styles_at(self, position: int) -> list[Style]:
        """The styles of the spans covering a Qt position, in paint order."""
        i = bisect.bisect_left(self._starts, position - self._longest)
        found = []
        while i < len(self._spans) and self._spans[i][0] <= position:
            s, e, style, n = self._spans[i]
            if s <= position < e:
                found.append((n, style))
            i += 1
        return [style for _, style in sorted(found, key=lambda x: x[0])]

    def paint(self, painter: QPainter, document: QTextDocument, first: int, last: int,
              offset: QPointF, clip: QRectF) -> int:
        """Draw the spans that touch Qt positions first..last and the clip rectangle (in
        viewport coordinates; ``offset`` takes document coordinates there). Returns how
        many rectangles were drawn."""
        if not self._spans:
            return 0
        i = bisect.bisect_left(self._starts, first - self._longest)
        todo = []
        while i < len(self._spans) and self._spans[i][0] <= last:
            span = self._spans[i]
            if span[1] > first:
                todo.append(span)
            i += 1
        todo.sort(key=lambda x: x[3])
        drawn = 0
        for start, end, style, _ in todo:
            for rect, baseline, ascent in span_rects(document, start, end):
                rect = rect.translated(offset)
                if not rect.intersects(clip):
                    continue
                _draw(painter, rect, baseline + offset.y(), ascent, style)
                drawn += 1
        return drawn


def _draw(painter: QPainter, rect: QRectF, baseline: float, ascent: float, style: Style) -> None:
    if style.tint is not None:
        painter.setCompositionMode(_MULTIPLY)
        painter.fillRect(rect, style.tint)
    if style.grey is not None:
        painter.setCompositionMode(_LIGHTEN)
        painter.fillRect(rect, style.grey)
    painter.setCompositionMode(_OVER)
    if style.strike:
        painter.setPen(QPen(style.grey or QColor("#8a8a8a"), 1))
        y = baseline - ascent * 0.3
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
    if style.underline is not None:
        pen = QPen(style.underline_colour or QColor("#444444"), 1.2)
        pen.setStyle(style.underline)
        painter.setPen(pen)
        y = min(baseline + 2, rect.bottom() - 0.5)
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))


def span_rects(document: QTextDocument, start: int, end: int):
    """(rectangle, baseline y, ascent) of each line piece of Qt positions [start, end), in
    document coordinates (blocks in tables included)."""
    layout = document.documentLayout()
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        text_layout = block.layout()
        pos = block.position()
        if text_layout is not None and text_layout.lineCount() and block.isVisible():
            # the layout's position with its frames' and cells' offsets (its lines are relative to it)
            origin = layout.blockBoundingRect(block).topLeft()
            s = max(start, pos) - pos
            e = min(end, pos + block.length() - 1) - pos
            n = text_layout.lineForTextPosition(s).lineNumber() if e > s else text_layout.lineCount()
            while 0 <= n < text_layout.lineCount() and e > s:
                line = text_layout.lineAt(n)
                ls, le = line.textStart(), line.textStart() + line.textLength()
                if ls >= e:
                    break
                a, b = max(s, ls), min(e, le)
                if b > a:
                    x1, x2 = line.cursorToX(a), line.cursorToX(b)
                    x1 = x1[0] if isinstance(x1, tuple) else x1
                    x2 = x2[0] if isinstance(x2, tuple) else x2
                    top = origin.y() + line.y()
                    yield (QRectF(origin.x() + min(x1, x2), top, abs(x2 - x1), line.height()),
                           top + line.ascent(), line.ascent())
                n += 1
        block = block.next()


def visible_range(browser) -> tuple[int, int]:
    """Qt positions that may be in view: from the top-left to the bottom-right of the
    viewport, widened to the whole of a top-level table either corner falls in (cells to
    the left of a corner come earlier in the document)."""
    viewport = browser.viewport()
    first = browser.cursorForPosition(viewport.rect().topLeft()).position()
    last = browser.cursorForPosition(viewport.rect().bottomRight()).position()
    document = browser.document()
    root = document.rootFrame()

    def outer(position: int):
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        frame = cursor.currentFrame()
        while frame is not None and frame.parentFrame() is not None and frame.parentFrame() != root:
            frame = frame.parentFrame()
        return None if frame is None or frame == root else frame

    top = outer(first)
    if top is not None:
        first = top.firstPosition()
    bottom = outer(last)
    if bottom is not None:
        last = bottom.lastPosition()
    return first, last
