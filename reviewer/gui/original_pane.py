"""The Original tab: a document's source (HTML, XML or SGML) as it was read, coloured by
Pygments off the GUI thread, with the selected field's source span selected."""

from __future__ import annotations

import bisect
import re

from PySide6.QtGui import QColor, QFontDatabase, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from reviewer.core.model import Field
from reviewer.gui import workers
from reviewer.gui.highlight import FieldFormats, SpanHighlighter, Utf16Offsets, lex_source, run_formats


class OriginalPane(QPlainTextEdit):
    """Read-only source text, loaded only when first shown (``load``)."""

    def __init__(self, formats: FieldFormats, parent=None):
        super().__init__(parent)
        self.formats = formats
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.highlighter = SpanHighlighter(self.document())
        self._loader = None  # () -> (source, format, OffsetMap), set per document
        self._document_id: int | None = None
        self._loaded_for: int | None = None
        self._state = None  # (display offsets of removed CRs, OffsetMap, Utf16Offsets)
        self._job = None
        self._pending = None
        self._field: Field | None = None  # the field selected last

    def reset(self, document_id: int, loader) -> None:
        """Another document: empty until it is shown."""
        self._document_id = document_id
        self._loader = loader
        self._loaded_for = None
        self._state = None
        self.highlighter.replace_spans([])
        self.setPlainText("")

    def load(self, field: Field | None) -> None:
        """Read and show the source (once per document), then select the field's span."""
        if self._loader is None:
            return
        if self._loaded_for == self._document_id:
            self.select(field)
            return
        source, source_format, omap = self._loader()
        document_id = self._document_id
        self._loaded_for = document_id
        removed = [m.start() for m in re.finditer("\r\n", source)]
        display = source.replace("\r\n", "\n").replace("\r", "\n") if removed or "\r" in source else source
        self.highlighter.replace_spans([])
        self.setPlainText(display)
        offsets = Utf16Offsets(display)
        self._state = (removed, omap, offsets)
        self.select(field)
        if self._job is not None:
            self._job.cancel()

        def lex(progress, item, cancelled):
            return lex_source(display, source_format)

        job = workers.Job(lex)
        self._pending = (job.signals, document_id, offsets)
        # a bound method, so that a pane closed meanwhile is never called
        job.signals.finished.connect(self._apply_runs)
        self._job = workers.start(job)

    def _apply_runs(self, runs) -> None:
        signals, document_id, offsets = self._pending
        if self.sender() is not signals or document_id != self._loaded_for:
            return  # an older job, or the reviewer moved on
        self.highlighter.set_spans(run_formats(runs, offsets))
        self.select(self._field)

    def select(self, field: Field | None) -> None:
        """Select (and tint) a field's span in the source, if the source is loaded."""
        self._field = field
        if self._state is None or field is None or field.end <= field.start:
            return
        removed, omap, offsets = self._state
        s, e = omap.to_source_span(field.start, field.end)

        def display(pos):
            return offsets.to_qt(pos - bisect.bisect_left(removed, pos))

        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(QColor(self.formats.colour(field.label)).lighter(130))
        cursor = self.textCursor()
        cursor.setPosition(display(s))
        cursor.setPosition(display(e), QTextCursor.KeepAnchor)
        selection.cursor = cursor
        self.setExtraSelections([selection])
        self.setTextCursor(cursor)
        self.centerCursor()
