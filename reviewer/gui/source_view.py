"""The centre of the window: the document text with highlighted fields, and a second tab
with the original source (HTML, XML or SGML) coloured by Pygments off the GUI thread."""

from __future__ import annotations

import bisect
import re

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.changes import Change, DocumentFields
from reviewer.core.model import Field
from reviewer.core.values import format_value
from reviewer.gui import workers
from reviewer.gui.highlight import (
    FieldFormats,
    SpanHighlighter,
    Utf16Offsets,
    field_spans,
    lex_source,
    run_formats,
)


def _text_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.GeneralFont)
    font.setPointSizeF(max(font.pointSizeF(), 10.5))
    return font


class _TextPane(QPlainTextEdit):
    """Read-only, selectable text that reports hovers and clicks by text offset."""

    hovered = Signal(int, object)  # offset, global QPoint
    clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self._press = None

    def event(self, event):
        # Ctrl+Left/Right belong to the window (previous/next document), not to word moves
        if (event.type() == QEvent.ShortcutOverride and event.key() in (Qt.Key_Left, Qt.Key_Right)
                and event.modifiers() == Qt.ControlModifier):
            event.ignore()
            return False
        return super().event(event)

    def mouseMoveEvent(self, event):  # noqa: N802
        super().mouseMoveEvent(event)
        if not event.buttons():
            cursor = self.cursorForPosition(event.position().toPoint())
            self.hovered.emit(cursor.position(), event.globalPosition().toPoint())

    def mousePressEvent(self, event):  # noqa: N802
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event):  # noqa: N802
        super().mouseReleaseEvent(event)
        if self._press is not None and (event.position().toPoint() - self._press).manhattanLength() < 4:
            if not self.textCursor().hasSelection():
                self.clicked.emit(self.cursorForPosition(event.position().toPoint()).position())
        self._press = None


class FindBar(QWidget):
    """Ctrl+F: find in the document; Enter for the next match, Shift+Enter the previous, Esc closes."""

    def __init__(self, pane: QPlainTextEdit, parent=None):
        super().__init__(parent)
        self.pane = pane
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find in document")
        self.edit.setClearButtonEnabled(True)
        self.status = QLabel()
        close = QToolButton(text="✕")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.edit.returnPressed.connect(self.find_next)
        self.edit.textChanged.connect(lambda _=None: self.find_next(from_start=True))
        self.edit.installEventFilter(self)
        self.hide()

    def open(self) -> None:
        self.show()
        cursor = self.pane.textCursor()
        if cursor.hasSelection() and "\u2029" not in cursor.selectedText():
            self.edit.setText(cursor.selectedText())
        self.edit.setFocus()
        self.edit.selectAll()

    def eventFilter(self, obj, event):  # noqa: N802
        if obj is self.edit and event.type() == QEvent.KeyPress:
            if event.key() == Qt.Key_Escape:
                self.hide()
                self.pane.setFocus()
                return True
            if event.key() in (Qt.Key_Return, Qt.Key_Enter) and event.modifiers() & Qt.ShiftModifier:
                self.find_next(backward=True)
                return True
        return super().eventFilter(obj, event)

    def find_next(self, backward: bool = False, from_start: bool = False) -> bool:
        needle = self.edit.text()
        if not needle:
            self.status.clear()
            return False
        if from_start:
            cursor = self.pane.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self.pane.setTextCursor(cursor)
        flags = QTextDocument.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.pane.find(needle, flags)
        if not found:  # wrap around
            cursor = self.pane.textCursor()
            cursor.movePosition(QTextCursor.End if backward else QTextCursor.Start)
            self.pane.setTextCursor(cursor)
            found = self.pane.find(needle, flags)
        self.status.setText("" if found else "not found")
        return found


class SourceView(QWidget):
    """Text and original source of the current document. Emits fieldClicked(field_id)."""

    fieldClicked = Signal(int)

    def __init__(self, formats: FieldFormats, doc_fields: DocumentFields, parent=None):
        super().__init__(parent)
        self.formats = formats
        self.doc_fields = doc_fields  # the current document's fields, shared with the fields table
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.text = _TextPane()
        self.text.setFont(_text_font())
        self.highlighter = SpanHighlighter(self.text.document())
        self.original = QPlainTextEdit()
        self.original.setReadOnly(True)
        self.original.setLineWrapMode(QPlainTextEdit.NoWrap)
        mono = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        self.original.setFont(mono)
        self.original_highlighter = SpanHighlighter(self.original.document())
        self.tabs.addTab(self.text, "Text")
        self.tabs.addTab(self.original, "Original")
        self.find_bar = FindBar(self.text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.tabs)

        self._offsets = Utf16Offsets("")
        self._document_id: int | None = None
        self._original_loader = None  # () -> (source, format, OffsetMap), set per document
        self._original_for: int | None = None
        self._original_state = None  # (display offsets of removed CRs, OffsetMap, Utf16Offsets)
        self._original_job = None
        self._selected: Field | None = None
        self.text.hovered.connect(self._hover)
        self.text.clicked.connect(self._click)
        self.tabs.currentChanged.connect(lambda _=None: self._load_original_if_shown())

    # -- document ----------------------------------------------------------------
    def show_document(self, document_id: int, text: str, original_loader) -> None:
        """Show a document's text highlighted with the fields DocumentFields holds now."""
        self._document_id = document_id
        self._offsets = Utf16Offsets(text)
        # spans first: setPlainText then colours each block once, as it lays the text out
        self._set_spans()
        self.text.setPlainText(text)
        self._original_loader = original_loader
        self._original_for = None
        self._original_state = None
        self.original_highlighter.replace_spans([])
        self.original.setPlainText("")
        self._load_original_if_shown()

    def _set_spans(self) -> None:
        spans, keys = field_spans(self.doc_fields.by_position, self.formats, self._offsets,
                                  self.doc_fields.label_order)
        self.highlighter.replace_spans(spans, keys)

    def apply(self, change: Change) -> None:
        """Re-colour what a committed change touched (DocumentFields has taken it in already)."""
        if change.document_id != self._document_id:
            return
        if self.doc_fields.resorted:
            self._set_spans()
            self.highlighter.rehighlight()
            return
        for field in change.fields:
            self._recolour(field)

    def _recolour(self, field: Field) -> None:
        """One field changed: re-colour only the blocks its span covers (fast on long texts)."""
        if not self.highlighter.set_format(field.id, self.formats.format(field.label, field.status)):
            return
        document = self.text.document()
        block = document.findBlock(self._offsets.to_qt(field.start))
        last = document.findBlock(self._offsets.to_qt(max(field.start, field.end - 1)))
        while block.isValid():
            self.highlighter.rehighlightBlock(block)
            if block == last:
                break
            block = block.next()

    # -- selection ---------------------------------------------------------------
    def select_span(self, field: Field | None) -> None:
        self._selected = field
        if field is None or field.end <= field.start:
            return
        cursor = self.text.textCursor()
        cursor.setPosition(self._offsets.to_qt(field.start))
        cursor.setPosition(self._offsets.to_qt(field.end), QTextCursor.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()
        self._select_original()

    def selection(self) -> tuple[int, int] | None:
        """The text offsets of the current selection in the Text tab, if any."""
        cursor = self.text.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._offsets.from_qt(cursor.selectionStart())
        end = self._offsets.from_qt(cursor.selectionEnd())
        return (start, end) if end > start else None

    def fields_at(self, offset: int) -> list[Field]:
        return self.doc_fields.at(offset)

    def _hover(self, position: int, global_pos) -> None:
        found = self.fields_at(self._offsets.from_qt(position))
        if not found:
            QToolTip.hideText()
            return
        lines = []
        for f in found:
            label = self.formats.schema[f.label].display if f.label in self.formats.schema else f.label
            conf = f"{f.confidence:.2f}" if f.confidence is not None else "–"
            lines.append(f"<b>{label}</b> ({f.status})<br>value: {_escape(format_value(f.value))}"
                         f"<br>confidence: {conf}")
        QToolTip.showText(global_pos, "<hr>".join(lines), self.text)

    def _click(self, position: int) -> None:
        found = self.fields_at(self._offsets.from_qt(position))
        if found:
            # the innermost (shortest) span under the pointer
            self.fieldClicked.emit(min(found, key=lambda f: f.end - f.start).id)

    # -- zoom --------------------------------------------------------------------
    def zoom(self, steps: int) -> None:
        for pane in (self.text, self.original):
            font = pane.font()
            size = min(40.0, max(6.0, font.pointSizeF() + steps))
            font.setPointSizeF(size)
            pane.setFont(font)

    # -- the original source -----------------------------------------------------
    def show_original(self) -> None:
        self.tabs.setCurrentWidget(self.original)

    def _load_original_if_shown(self) -> None:
        if self.tabs.currentWidget() is not self.original or self._original_loader is None:
            return
        if self._original_for == self._document_id:
            self._select_original()
            return
        source, source_format, omap = self._original_loader()
        document_id = self._document_id
        self._original_for = document_id
        removed = [m.start() for m in re.finditer("\r\n", source)]
        display = source.replace("\r\n", "\n").replace("\r", "\n") if removed or "\r" in source else source
        self.original_highlighter.replace_spans([])
        self.original.setPlainText(display)
        offsets = Utf16Offsets(display)
        self._original_state = (removed, omap, offsets)
        self._select_original()
        if self._original_job is not None:
            self._original_job.cancel()

        def lex(progress, item, cancelled):
            return lex_source(display, source_format)

        job = workers.Job(lex)
        self._original_pending = (job.signals, document_id, offsets)
        # a bound method, so that a view closed meanwhile is never called
        job.signals.finished.connect(self._apply_original_runs)
        self._original_job = workers.start(job)

    def _apply_original_runs(self, runs) -> None:
        signals, document_id, offsets = self._original_pending
        if self.sender() is not signals or document_id != self._original_for:
            return  # an older job, or the reviewer moved on
        self.original_highlighter.set_spans(run_formats(runs, offsets))
        self._select_original()

    def _select_original(self) -> None:
        field = self._selected
        if self._original_state is None or field is None or field.end <= field.start:
            return
        removed, omap, offsets = self._original_state
        s, e = omap.to_source_span(field.start, field.end)

        def display(pos):
            return offsets.to_qt(pos - bisect.bisect_left(removed, pos))

        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(QColor(self.formats.colour(field.label)).lighter(130))
        cursor = self.original.textCursor()
        cursor.setPosition(display(s))
        cursor.setPosition(display(e), QTextCursor.KeepAnchor)
        selection.cursor = cursor
        self.original.setExtraSelections([selection])
        self.original.setTextCursor(cursor)
        self.original.centerCursor()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
