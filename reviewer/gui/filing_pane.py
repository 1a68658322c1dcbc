"""The Filing tab: the filing laid out as filed (tables, headings, lists) by Qt's rich-text
engine, with the same field highlights as the Text tab.

Nothing is fetched: the document is our own QTextDocument whose loadResource returns
nothing for any URL, in a QTextBrowser that never follows a link; the HTML it gets is
sanitised (reviewer/core/render_html.py: no scripts, frames, remote or file images) and
the few inline data: images it keeps are decoded here and handed over as resources.

Building it never blocks the window for long: a worker renders and sanitises the HTML and
parses it into QTextDocumentFragments, slice by slice; the GUI thread appends one slice per
turn of the event loop. Then a second worker aligns the rendered plain text with the
stored text (reviewer/core/align.py); highlights, clicks and selections go through that
alignment. A span it cannot map is said so in the notice bar, never highlighted elsewhere.
Filings too deep or with too large a table for Qt show their text, with a notice.
"""

from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reviewer.core.align import Alignment, align
from reviewer.core.model import Field
from reviewer.gui import workers
from reviewer.gui.filing_browser import PREVIEW_DONE, FilingBrowser, FilingDocument, build_fragments
from reviewer.gui.highlight import FieldFormats, Utf16Offsets


class FilingPane(QWidget):
    """The rendered filing, a notice bar above it. Emits clickedAt(stored text offset)."""

    clickedAt = Signal(int)
    ready = Signal()  # built, aligned and highlighted
    firstShown = Signal()  # the first slice is in: the start of the filing can be read

    def __init__(self, formats: FieldFormats, parent=None):
        super().__init__(parent)
        self.formats = formats
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("QLabel { background: #fff4ce; color: #3d3d00; padding: 4px 8px; }")
        self.notice.hide()
        self.browser = FilingBrowser()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notice)
        layout.addWidget(self.browser)
        self.browser.clicked.connect(self._click)
        self._feed = QTimer(self)
        self._feed.setInterval(0)
        self._feed.timeout.connect(self._feed_one)
        self._fields = lambda: []  # () -> the document's fields in paint order, set per document
        self._clear()

    def _clear(self) -> None:
        self._document_id = None
        self._text = ""
        self._loader = None
        self._built_for = None
        self._job = self._align_job = None
        self._queue: deque = deque()
        self._fed = 0
        self._total = 0
        self._done_feeding = False
        self._notice_text = None  # a lasting notice (a fallback), under the field's
        self.longest_step = 0.0  # the longest the GUI thread spent on one slice or the highlights
        self.alignment: Alignment | None = None
        self.final = False  # the alignment is of the whole filing (else of its start, or none)
        self._generation = 0  # bumped when the slices start over
        self.offsets = Utf16Offsets("")
        self.plain = ""
        self._mapped: dict[int, tuple[int, int, tuple[int, int] | None]] = {}  # id -> (start, end, its span)
        self.browser.set_spans([])
        self._field: Field | None = None
        self._shown: int | None = None  # the id of the field whose span was last selected here
        self._stale = False  # fields changed while hidden
        self._feed.stop()
        self.document = FilingDocument(self.browser)
        self.browser.setDocument(self.document)

    # -- the document --------------------------------------------------------------
    def reset(self, document_id: int, text: str, loader, fields) -> None:
        """Another document: nothing is built until the tab is shown (``load``). ``fields()``
        gives its fields in paint order (schema order: DocumentFields.by_label)."""
        for job in (self._job, self._align_job):
            if job is not None:
                job.cancel()
        old = self.document
        self._clear()
        old.deleteLater()
        self._document_id, self._text, self._loader = document_id, text, loader
        self._fields = fields
        self._say(None)

    def is_ready(self) -> bool:
        """Whether the whole filing is in, aligned and highlighted."""
        return self.final and self._built_for == self._document_id

    def load(self, field: Field | None) -> None:
        """Build the view (once per document), then select the field's span."""
        self._field = field
        if self._loader is None or self._built_for == self._document_id:
            self.select(field)
            return
        self._built_for = self._document_id
        source, source_format, _ = self._loader()  # the database is read here, in the GUI thread
        text = self._text
        self._say("Rendering the filing…")

        def build(progress, item, cancelled):
            return build_fragments(source, source_format, text, progress, item, cancelled)

        job = workers.Job(build)
        job.signals.item.connect(self._received)  # bound methods: a pane closed meanwhile is never called
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(self._built)
        job.signals.failed.connect(self._failed)
        self._job = job
        workers.start(job)

    def _mine(self) -> bool:
        return self._job is not None and self.sender() is self._job.signals

    def _received(self, piece) -> None:
        if not self._mine():
            return
        if isinstance(piece, dict):
            if piece["restart"]:
                self._queue.clear()
                self.document.clear()
                self._fed = 0
                self._generation += 1
            for name, image in piece["images"].items():
                self.document.addResource(QTextDocument.ImageResource, QUrl(name), image)
            self._notice_text = piece["notice"]
            return
        self._queue.append(piece)  # a slice, or PREVIEW_DONE after the slices of the start
        if not self._feed.isActive():
            self._feed.start()

    def _progress(self, done: int, total: int, _text: str) -> None:
        if self._mine():
            self._total = total

    def _built(self, _notice) -> None:
        if not self._mine():
            return
        self._done_feeding = True
        if not self._feed.isActive():
            self._feed.start()

    def _failed(self, message: str) -> None:
        if self._mine():
            self._say("The filing could not be rendered: " + message.split("\n")[0])

    def _feed_one(self) -> None:
        """One slice per turn of the event loop, so the window keeps answering."""
        if self._queue:
            started = time.perf_counter()
            fragment = self._queue.popleft()
            if isinstance(fragment, str):  # PREVIEW_DONE:  # the start is in: highlight it while the rest comes
                self._start_alignment(final=False)
                return
            cursor = QTextCursor(self.document)
            cursor.movePosition(QTextCursor.End)
            cursor.insertFragment(fragment)
            self._fed += 1
            if self._fed == 1:
                self.firstShown.emit()
            self.longest_step = max(self.longest_step, time.perf_counter() - started)
            if self._total > 1 and self._fed < self._total:
                self._say(f"Rendering the filing… {self._fed * 100 // self._total}%")
            return
        self._feed.stop()
        if self._done_feeding:
            self._start_alignment(final=True)

    def _start_alignment(self, final: bool) -> None:
        plain = self.document.toPlainText()
        stored, key = self._text, (self._document_id, self._generation, final)

        def work(progress, item, cancelled):
            return key, plain, align(stored, plain), Utf16Offsets(plain)

        job = workers.Job(work)
        job.signals.finished.connect(self._aligned)
        self._align_job = job  # a final alignment's job replaces a partial one's
        workers.start(job)

    def _aligned(self, result) -> None:
        (document_id, generation, final), plain, alignment, offsets = result
        if (self._align_job is None or self.sender() is not self._align_job.signals
                or (document_id, generation) != (self._document_id, self._generation)):
            return
        started = time.perf_counter()
        self.plain, self.offsets, self.alignment, self.final = plain, offsets, alignment, final
        self._mapped = {}
        self.browser.set_spans(*self._spans())
        if final:
            self._say(self._notice_text)
        # a field shown from the start's alignment is not scrolled to again (the reviewer may have moved on)
        self.select(self._field, scroll=self._field is None or self._field.id != self._shown)
        self.longest_step = max(self.longest_step, time.perf_counter() - started)
        if final:
            self.ready.emit()

    # -- highlights ------------------------------------------------------------------
    def _span(self, field: Field) -> tuple[int, int] | None:
        """A field's rendered span, remembered while its offsets stay the same."""
        hit = self._mapped.get(field.id)
        if hit is None or hit[:2] != (field.start, field.end):
            hit = self._mapped[field.id] = (field.start, field.end, self.to_rendered(field.start, field.end))
        return hit[2]

    def _spans(self) -> tuple[list, list[int]]:
        """The highlights in paint order (the fields come in schema order: a later label is
        drawn over), and their field ids."""
        spans, keys = [], []
        for f in self._fields():
            span = self._span(f)
            if span is not None:
                spans.append((*span, self.formats.format(f.label, f.status)))
                keys.append(f.id)
        return spans, keys

    def refresh(self, fields: list[Field] | None = None, removed=()) -> None:
        """Fields changed (None: any number of them, or their order): the highlights are
        drawn again, nothing is laid out again. A decision only restyles its field's span."""
        if self.alignment is None:
            return
        if fields is not None and not removed and all(self._restyle(f) for f in fields):
            self.browser.viewport().update()
            return
        for f in fields or ():
            self._mapped.pop(f.id, None)
        if not self.isVisible():  # drawn again when shown: a change made in the Text tab costs nothing here
            self._stale = True
            return
        self.browser.set_spans(*self._spans())

    def _restyle(self, field: Field) -> bool:
        """Whether a field kept its span and could simply take its new colours."""
        hit = self._mapped.get(field.id)
        if hit is None or hit[:2] != (field.start, field.end):
            return False
        return hit[2] is None or self.browser.overlay.restyle(field.id, self.formats.format(field.label, field.status))

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        if self._stale and self.alignment is not None:
            self._stale = False
            self.browser.set_spans(*self._spans())

    def styles_at(self, position: int):
        """The highlight styles drawn at a Qt position of the rendered document."""
        return self.browser.overlay.styles_at(position)

    def to_rendered(self, start: int, end: int) -> tuple[int, int] | None:
        """Qt positions in the rendered document of stored text[start:end] (None: unmapped)."""
        if self.alignment is None or end <= start:
            return None
        span = self.alignment.to_rendered(start, end)
        if span is None:
            return None
        return self.offsets.to_qt(span[0]), self.offsets.to_qt(span[1])

    def rendered_text(self, start: int, end: int) -> str:
        """The rendered document's plain text between two Qt positions (character by
        character: a cursor's selection across table cells would take whole cells)."""
        return self.plain[self.offsets.from_qt(start):self.offsets.from_qt(end)]

    # -- selection -------------------------------------------------------------------
    def select(self, field: Field | None, scroll: bool = True) -> None:
        """Select and show a field's span, or say why it cannot be shown here."""
        self._field = field
        self._shown = None
        if self.alignment is None or field is None or self._built_for != self._document_id:
            return
        if field.end <= field.start:
            self._say(self._notice_text)
            return
        span = self.to_rendered(field.start, field.end)
        if span is None and not self.final:
            self._say("Rendering the filing… the selected field comes further on.")
            return
        if span is None:  # said, and the selection of the field before taken away
            self._say("The selected field's text cannot be placed in the rendered filing "
                      "(its words differ here): the Text tab shows it.")
            cursor = self.browser.textCursor()
            cursor.clearSelection()
            self.browser.setTextCursor(cursor)
            return
        self._say(self._notice_text if self.final else "Rendering the filing…")
        cursor = QTextCursor(self.document)
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.KeepAnchor)
        bar = self.browser.verticalScrollBar()
        value, in_view = bar.value(), self._in_view(span)  # before setTextCursor brings its end into view
        self.browser.setTextCursor(cursor)
        if not scroll or in_view:
            bar.setValue(value)
        else:  # the span's first line a third of the way down
            start = QTextCursor(self.document)
            start.setPosition(span[0])
            bar.setValue(bar.value() + self.browser.cursorRect(start).top() - self.browser.viewport().height() // 3)
        self._shown = field.id

    def _in_view(self, span: tuple[int, int]) -> bool:
        height = self.browser.viewport().height()
        for position in span:
            cursor = QTextCursor(self.document)
            cursor.setPosition(position)
            rect = self.browser.cursorRect(cursor)
            if rect.top() < 0 or rect.bottom() > height:
                return False
        return True

    def selection(self) -> tuple[int, int] | None | str:
        """The stored-text span of the selection made here; None without one; a reason
        (a string) when it cannot be mapped."""
        cursor = self.browser.textCursor()
        if not cursor.hasSelection():
            return None
        if self.alignment is None:
            return "the filing is still being laid out"
        a = self.offsets.from_qt(cursor.selectionStart())
        b = self.offsets.from_qt(cursor.selectionEnd())
        span = self.alignment.to_stored(a, b)
        if span is None:
            return "the selected words are not in the document's text as read"
        return span

    def _click(self, position: int) -> None:
        if self.alignment is None:
            return
        offset = self.alignment.stored_offset(self.offsets.from_qt(position))
        if offset is not None:
            self.clickedAt.emit(offset)

    def _say(self, text: str | None) -> None:
        self.notice.setText(text or "")
        self.notice.setVisible(bool(text))

    def notice_text(self) -> str:
        """What the notice bar says (empty when hidden)."""
        return self.notice.text() if not self.notice.isHidden() else ""
