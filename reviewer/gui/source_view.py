"""The centre of the window: the document text with highlighted fields (and search hits:
gui/search_hits.py),
the filing as filed with the same highlights (gui/filing_pane.py), and the original source
(HTML, XML or SGML) coloured by Pygments off the GUI thread (gui/original_pane.py). The
text pane is gui/text_pane.py, the find bar gui/find_bar.py."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QTabWidget, QTextEdit, QToolTip, QVBoxLayout, QWidget

from reviewer.core.changes import Change, DocumentFields
from reviewer.core.model import Field
from reviewer.core.values import format_value
from reviewer.gui.filing_pane import FilingPane
from reviewer.gui.find_bar import FindBar
from reviewer.gui.highlight import FieldFormats, SpanHighlighter, Utf16Offsets, field_spans
from reviewer.gui.original_pane import OriginalPane
from reviewer.gui.search_hits import SEARCH_IN_WORKER, SearchHits
from reviewer.gui.text_pane import TextPane
from reviewer.gui.words import snap_to_words

__all__ = ["SEARCH_IN_WORKER", "FilingPane", "FindBar", "OriginalPane", "SourceView", "TextPane"]

_TextPane = TextPane  # its old name

# (offset, has_selection) -> the actions of the text's context menu (None: a separator)
ContextActions = Callable[[int, bool], "list[QAction | None] | None"]


def _text_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.GeneralFont)
    font.setPointSizeF(max(font.pointSizeF(), 10.5))
    return font


class SourceView(SearchHits, QWidget):
    """Text, rendered filing and original source of the current document. Emits
    fieldClicked(field_id) when a click (or a right click) on the text or the filing picks a
    field, and notice(text) for what the status bar should say."""

    fieldClicked = Signal(int)
    notice = Signal(str)

    def __init__(self, formats: FieldFormats, doc_fields: DocumentFields, parent=None):
        super().__init__(parent)
        self.formats = formats
        self.doc_fields = doc_fields  # the current document's fields, shared with the fields table
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.text = TextPane()
        self.text.setFont(_text_font())
        self.text.snapper = self._snap
        self.highlighter = SpanHighlighter(self.text.document())
        self.original = OriginalPane(formats)
        self.filing = FilingPane(formats)
        self.tabs.addTab(self.text, "Text")
        self.tabs.addTab(self.filing, "Filing")
        self.tabs.addTab(self.original, "Original")
        self.find_bar = FindBar(self.text, text=lambda: (self._text, self._offsets))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.tabs)

        self._text = ""
        self._offsets = Utf16Offsets("")
        self._document_id: int | None = None
        self._selected: Field | None = None
        self._terms: list[str] = []
        self._search_job = None
        self._search_pending = None
        self._context_actions: ContextActions | None = None
        self.text.hovered.connect(self._hover)
        self.text.clicked.connect(self._click)
        self.text.contextRequested.connect(self._context_menu)
        self.filing.clickedAt.connect(self._click_offset)
        self.tabs.currentChanged.connect(lambda _=None: self._load_original_if_shown())

    # -- document ----------------------------------------------------------------
    def show_document(self, document_id: int, text: str, original_loader) -> None:
        """Show a document's text highlighted with the fields DocumentFields holds now."""
        self._document_id = document_id
        self._text = text
        self._offsets = Utf16Offsets(text)
        self.find_bar.document_changed()
        # spans first: setPlainText then colours each block once, as it lays the text out
        self._set_spans()
        self._find_search_hits(before_layout=True)
        self.text.setPlainText(text)
        self._start_search_job()
        self.original.reset(document_id, original_loader)
        self.filing.reset(document_id, text, original_loader, lambda: self.doc_fields.by_label)
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
            self.filing.refresh(None)
            return
        self.filing.refresh(change.fields, change.removed)
        for field in change.fields:
            self._recolour(field)

    def _recolour(self, field: Field) -> None:
        """One field changed: re-colour only the blocks its span covers (fast on long texts)."""
        if not self.highlighter.set_format(field.id, self.formats.format(field.label, field.status)):
            return
        self._rehighlight([(self._offsets.to_qt(field.start), self._offsets.to_qt(field.end))])

    def _rehighlight(self, ranges: list[tuple[int, int]]) -> None:
        """Re-colour the blocks that sorted (start, end) Qt ranges cover, each block once."""
        document = self.text.document()
        if len(ranges) > document.blockCount() // 2:
            self.highlighter.rehighlight()
            return
        done = -1
        for start, end in ranges:
            block = document.findBlock(start)
            while block.isValid() and block.position() < max(end, start + 1):
                if block.blockNumber() > done:
                    self.highlighter.rehighlightBlock(block)
                    done = block.blockNumber()
                block = block.next()

    # -- selection ---------------------------------------------------------------
    def select_span(self, field: Field | None) -> None:
        """Select a field's span in both tabs; the text scrolls only when the span is not in
        view (so that a second click at the same place falls on the same text)."""
        self._selected = field
        self.text.setExtraSelections([])  # a check's spans shown before give way to the field
        self.filing.select(field)
        if field is None or field.end <= field.start:
            return
        start, end = self._offsets.to_qt(field.start), self._offsets.to_qt(field.end)
        in_view = self._in_view(start) and self._in_view(end)
        cursor = self.text.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.KeepAnchor)
        self.text.setTextCursor(cursor)
        if not in_view:
            self.text.centerCursor()
        self.original.select(field)

    def select_text(self, start: int, end: int) -> None:
        """Select text offsets in the Text tab (shown) as a reviewer would, so that N adds the
        selection as a field; the text scrolls to it."""
        if not 0 <= start < end <= len(self._text):
            return
        self.tabs.setCurrentWidget(self.text)
        cursor = self.text.textCursor()
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    def show_spans(self, spans: list[tuple[int, int]]) -> None:
        """Outline the spans a check compared (a few), beside the selected field's own."""
        selections = []
        for start, end in spans:
            if not 0 <= start < end <= len(self._text):
                continue
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(QColor("#d6ecff"))  # not the search hits' yellow
            selection.format.setUnderlineStyle(QTextCharFormat.SingleUnderline)
            selection.format.setUnderlineColor(QColor("#1565c0"))
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(self._offsets.to_qt(start))
            cursor.setPosition(self._offsets.to_qt(end), QTextCursor.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.text.setExtraSelections(selections)

    def _in_view(self, position: int) -> bool:
        """Whether a Qt position is inside the text's viewport; looks at no more blocks than
        the viewport can show."""
        pane = self.text
        block = pane.document().findBlock(position)
        first = pane.firstVisibleBlock()
        if not block.isValid() or not first.isValid() or block.blockNumber() < first.blockNumber():
            return False
        height = pane.viewport().height()
        if block.blockNumber() - first.blockNumber() > height // max(1, pane.fontMetrics().lineSpacing()) + 1:
            return False
        cursor = QTextCursor(block)
        cursor.setPosition(position)
        rect = pane.cursorRect(cursor)
        return rect.top() >= 0 and rect.bottom() <= height

    def selection(self) -> tuple[int, int] | None:
        """The text offsets of the current selection in the Text tab (or in the Filing tab,
        when it is shown), if any; a selection in the filing that cannot be mapped to the
        text is none, and the status bar says why."""
        if self.tabs.currentWidget() is self.filing:
            span = self.filing.selection()
            if isinstance(span, str):
                self.notice.emit(f"The selection in the Filing tab cannot be used: {span}")
                return None
            return snap_to_words(self._text, *span) if span else None
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

    def fields_under(self, offset: int) -> list[Field]:
        """The fields whose span covers an offset, innermost (shortest) first, in a stable order."""
        order = self.doc_fields.label_order
        return sorted(self.fields_at(offset),
                      key=lambda f: (f.end - f.start, -f.start, order.get(f.label, 99), f.id))

    def _click(self, position: int) -> None:
        """A click picks the innermost field under the pointer; a click where the selected
        field is among those under the pointer picks the next one out, wrapping around."""
        self._click_offset(self._offsets.from_qt(position))

    def _click_offset(self, offset: int) -> None:
        found = self.fields_under(offset)
        if not found:
            return
        ids = [f.id for f in found]
        current = self._selected.id if self._selected is not None else None
        i = ids.index(current) + 1 if current in ids else 0
        self.fieldClicked.emit(ids[i % len(ids)])

    def _snap(self, start: int, end: int) -> tuple[int, int]:
        """A drag selection widened to whole words (Qt positions in and out)."""
        offsets = self._offsets
        s, e = snap_to_words(self._text, offsets.from_qt(start), offsets.from_qt(end))
        return offsets.to_qt(s), offsets.to_qt(e)

    # -- the context menu ----------------------------------------------------------
    def set_context_actions(self, actions: ContextActions | None) -> None:
        """``actions(offset, has_selection)`` gives the actions at the top of the text's
        context menu (None for a separator), above Qt's Copy and Select All. has_selection
        is True when the right click fell inside a selection the reviewer made (not a
        selected field's span)."""
        self._context_actions = actions

    def _context_menu(self, position: int, global_pos: QPoint) -> None:
        offset = self._offsets.from_qt(position)
        has_selection = self._user_selection_at(position)
        if not has_selection:
            # a right click on a field picks it (keeping the selected one if it is under the pointer)
            found = self.fields_under(offset)
            current = self._selected.id if self._selected is not None else None
            if found and current not in [f.id for f in found]:
                self.fieldClicked.emit(found[0].id)
        menu = self.text.createStandardContextMenu()
        extra = self._context_actions(offset, has_selection) if self._context_actions else None
        if extra:
            first = menu.actions()[0] if menu.actions() else None
            for action in extra:
                if action is None:
                    menu.insertSeparator(first)
                else:
                    menu.insertAction(first, action)
            menu.insertSeparator(first)
        exec_menu(menu, global_pos)
        menu.deleteLater()

    def _user_selection_at(self, position: int) -> bool:
        """Whether a position falls in a selection the reviewer made; a right click outside
        it drops it (as editors do), and a selected field's span is not one."""
        cursor = self.text.textCursor()
        if not cursor.hasSelection():
            return False
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        field = self._selected
        if field is not None and (start, end) == (self._offsets.to_qt(field.start), self._offsets.to_qt(field.end)):
            return False
        if start <= position <= end:
            return True
        cursor.setPosition(position)
        self.text.setTextCursor(cursor)
        return False

    # -- zoom --------------------------------------------------------------------
    def zoom(self, steps: int) -> None:
        for pane in (self.text, self.original, self.filing.browser):
            font = pane.font()
            size = min(40.0, max(6.0, font.pointSizeF() + steps))
            font.setPointSizeF(size)
            pane.setFont(font)

    # -- the original source -----------------------------------------------------
    def show_original(self) -> None:
        self.tabs.setCurrentWidget(self.original)

    def toggle_original(self) -> None:
        """Ctrl+U: from the Text tab to the Original and back; the selected field's span stays
        selected in both (and the focus follows, when it was on the tab that goes)."""
        self._toggle(self.original, self.original)

    def toggle_filing(self) -> None:
        """View > Filing: from the Text tab to the Filing and back, likewise."""
        self._toggle(self.filing, self.filing.browser)

    def _toggle(self, tab: QWidget, focus: QWidget) -> None:
        to_text = self.tabs.currentWidget() is tab
        shown, hidden = (self.text, focus) if to_text else (focus, self.text)
        had_focus = hidden.hasFocus()
        self.tabs.setCurrentWidget(self.text if to_text else tab)
        if to_text and self._selected is not None:
            self.select_span(self._selected)
        if had_focus:
            shown.setFocus()

    def _load_original_if_shown(self) -> None:
        if self.tabs.currentWidget() is self.original:
            self.original.load(self._selected)
        elif self.tabs.currentWidget() is self.filing:
            self.filing.load(self._selected)


def exec_menu(menu: QMenu, global_pos: QPoint) -> None:
    """Show a context menu until it closes (tests replace this: QMenu.exec cannot be patched)."""
    menu.exec(global_pos)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
