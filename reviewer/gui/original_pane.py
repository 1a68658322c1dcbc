"""The Original tab: a document's source (HTML, XML or SGML) as it was read, readable: long
lines broken before a tag and wrapped at the window's width, coloured by Pygments, with the
selected field's source span selected.

Nothing expensive runs in the GUI thread: a worker breaks the lines and lexes the source;
the text goes in by slices, one per turn of the event loop; colours are applied only to
the blocks in view, as they come into view (a 3.8 MB source has some 200,000 coloured runs:
colouring every block at once would hold the window).
"""

from __future__ import annotations

import bisect
import re

from PySide6.QtCore import QTimer
from PySide6.QtGui import QBrush, QColor, QFontDatabase, QTextCharFormat, QTextCursor, QTextLayout
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from reviewer.core.model import Field
from reviewer.gui import workers
from reviewer.gui.highlight import FieldFormats, Utf16Offsets, lex_source

LINE = 100  # a line this long is broken before its next tag
SLICE = 256 * 1024  # characters of text put in per turn of the event loop
_BREAK = re.compile(r"\n|<(?=[A-Za-z/!?])")


def display_text(source: str) -> tuple[str, list[int], list[int]]:
    """The source as shown: line ends made LF, a line break inserted before a tag once a
    line is ``LINE`` characters long. Returns (text, where CRs were removed (source
    offsets), where breaks were inserted (offsets in the LF text))."""
    removed = [m.start() for m in re.finditer("\r\n", source)]
    text = source.replace("\r\n", "\n").replace("\r", "\n") if removed or "\r" in source else source
    inserted, line_start = [], 0
    for m in _BREAK.finditer(text):
        p = m.start()
        if text[p] == "\n":
            line_start = p + 1
        elif p - line_start >= LINE:
            inserted.append(p)
            line_start = p
    if not inserted:
        return text, removed, inserted
    pieces, last = [], 0
    for p in inserted:
        pieces.append(text[last:p])
        last = p
    pieces.append(text[last:])
    return "\n".join(pieces), removed, inserted


def slices_of(display: str) -> list[str]:
    """The text in slices of about ``SLICE`` characters, each ending at a line end."""
    slices, start = [], 0
    while start < len(display):
        cut = display.find("\n", start + SLICE)
        cut = len(display) if cut < 0 else cut + 1
        slices.append(display[start:cut])
        start = cut
    return slices


def colour_runs(runs: list[tuple[int, int, str]], offsets: Utf16Offsets):
    """Pygments' (start, end, colour) runs in Qt positions, their starts and the longest
    run's length: what the pane needs, made in the worker."""
    qt = [(offsets.to_qt(s), offsets.to_qt(e), c) for s, e, c in runs]
    return qt, [r[0] for r in qt], max((e - s for s, e, _ in qt), default=0)


class OriginalPane(QPlainTextEdit):
    """Read-only source text, loaded only when first shown (``load``)."""

    def __init__(self, formats: FieldFormats, parent=None):
        super().__init__(parent)
        self.formats = formats
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self._loader = None  # () -> (source, format, OffsetMap), set per document
        self._document_id: int | None = None
        self._loaded_for: int | None = None
        self._state = None  # (removed CRs, inserted breaks, OffsetMap, Utf16Offsets)
        self._job = None
        self._slices: list[str] = []
        self._filled = False
        self._runs: list = []  # (start, end, QTextCharFormat) in Qt positions, sorted
        self._run_starts: list[int] = []
        self._longest_run = 0
        self._coloured: set[int] = set()  # block numbers coloured
        self._formats: dict[str, QTextCharFormat] = {}
        self._field: Field | None = None  # the field selected last
        self._feed = QTimer(self)
        self._feed.setInterval(0)
        self._feed.timeout.connect(self._feed_one)
        self._colour_soon = QTimer(self)
        self._colour_soon.setSingleShot(True)
        self._colour_soon.setInterval(0)
        self._colour_soon.timeout.connect(self._colour_visible)
        self.updateRequest.connect(lambda *_: self._colour_soon.start())

    def reset(self, document_id: int, loader) -> None:
        """Another document: empty until it is shown."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._document_id = document_id
        self._loader = loader
        self._loaded_for = None
        self._state = None
        self._feed.stop()
        self._slices = []
        self._filled = False
        self._set_runs([], [], 0)
        self.setExtraSelections([])
        self.setPlainText("")

    def load(self, field: Field | None) -> None:
        """Read and show the source (once per document), then select the field's span."""
        self._field = field
        if self._loader is None:
            return
        if self._loaded_for == self._document_id:
            self.select(field)
            return
        source, source_format, omap = self._loader()  # the database is read in the GUI thread
        self._loaded_for = self._document_id

        def prepare(progress, item, cancelled):  # in a worker
            display, removed, inserted = display_text(source)
            offsets = Utf16Offsets(display)
            item((removed, inserted, offsets, slices_of(display)))
            if cancelled():
                return None
            return colour_runs(lex_source(display, source_format), offsets)

        job = workers.Job(prepare)
        self._omap = omap
        # bound methods, so that a pane closed meanwhile is never called
        job.signals.item.connect(self._received)
        job.signals.finished.connect(self._apply_runs)
        self._job = job
        workers.start(job)

    def _mine(self) -> bool:
        return self._job is not None and self.sender() is self._job.signals

    def _received(self, prepared) -> None:
        if not self._mine():
            return
        removed, inserted, offsets, slices = prepared
        self._state = (removed, inserted, self._omap, offsets)
        self._slices = list(reversed(slices))
        self.setPlainText(self._slices.pop() if self._slices else "")  # the start, at once
        self._filled = not self._slices
        if self._filled:
            self.select(self._field)
        else:
            self._feed.start()

    def _feed_one(self) -> None:
        if not self._slices:
            self._feed.stop()
            return
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.End)
        cursor.insertText(self._slices.pop())
        if not self._slices:
            self._feed.stop()
            self._filled = True
            self.select(self._field)

    def _apply_runs(self, runs) -> None:
        if not self._mine() or runs is None or self._state is None:
            return
        self._set_runs(*runs)
        self._colour_visible()

    # -- colours, for the blocks in view ------------------------------------------------
    def _set_runs(self, runs: list, starts: list[int], longest: int) -> None:
        self._runs, self._run_starts, self._longest_run = runs, starts, longest
        self._coloured = set()

    def _colour_visible(self) -> None:
        if not self._runs:
            return
        block = self.firstVisibleBlock()
        bottom = self.viewport().height()
        document = self.document()
        offset = self.contentOffset()
        while block.isValid():
            number = block.blockNumber()
            if number not in self._coloured:
                self._coloured.add(number)
                self._colour(block)
                document.markContentsDirty(block.position(), block.length())
            if self.blockBoundingGeometry(block).translated(offset).top() > bottom:
                break
            block = block.next()

    def _colour(self, block) -> None:
        pos, end = block.position(), block.position() + block.length()
        ranges = []
        i = bisect.bisect_left(self._run_starts, pos - self._longest_run)
        while i < len(self._runs):
            s, e, colour = self._runs[i]
            i += 1
            if s >= end:
                break
            if e > pos:
                r = QTextLayout.FormatRange()
                r.start, r.length, r.format = max(s, pos) - pos, min(e, end) - max(s, pos), self._format(colour)
                ranges.append(r)
        block.layout().setFormats(ranges)

    def _format(self, colour: str) -> QTextCharFormat:
        fmt = self._formats.get(colour)
        if fmt is None:
            fmt = self._formats[colour] = QTextCharFormat()
            fmt.setForeground(QBrush(QColor(colour)))
        return fmt

    def coloured_blocks(self) -> int:
        return len(self._coloured)

    def is_filled(self) -> bool:
        """Whether the whole source is in (its field's span can be selected)."""
        return self._filled

    # -- the selected field ---------------------------------------------------------------
    def display_span(self, field: Field) -> tuple[int, int] | None:
        """The Qt positions of a field's source span in the shown text."""
        if self._state is None or field.end <= field.start:
            return None
        removed, inserted, omap, offsets = self._state
        s, e = omap.to_source_span(field.start, field.end)

        def shown(pos: int) -> int:
            lf = pos - bisect.bisect_left(removed, pos)
            return offsets.to_qt(lf + bisect.bisect_right(inserted, lf))

        return shown(s), shown(e - 1) + 1

    def select(self, field: Field | None) -> None:
        """Select (and tint) a field's span in the source, once the source is in."""
        self._field = field
        if not self._filled or field is None:
            return
        span = self.display_span(field)
        if span is None:
            return
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(QColor(self.formats.colour(field.label)).lighter(130))
        cursor = self.textCursor()
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.KeepAnchor)
        selection.cursor = cursor
        self.setExtraSelections([selection])
        self.setTextCursor(cursor)
        self.centerCursor()
