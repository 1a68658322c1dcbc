"""The document text: read-only, selectable, reporting hovers, clicks and context menus by
Qt position, and snapping a mouse drag selection to whole words.

Snapping: when a plain left-button drag ends, both edges of the selection move out to word
boundaries (``snapper``; the rules are in gui/words.py). A double click keeps Qt's word
selection (and its word-wise drag); Shift+click and Shift+arrow keys extend the selection
exactly, character by character, for the rare span that does not end on a word boundary.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QClipboard, QContextMenuEvent, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

# bound once: enum attribute look-ups are slow in PySide6, and event() runs for every event
_SHORTCUT_OVERRIDE = QEvent.Type.ShortcutOverride
_LEFT_RIGHT = (Qt.Key.Key_Left.value, Qt.Key.Key_Right.value)
_CONTROL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier
_LEFT_BUTTON = Qt.MouseButton.LeftButton
_KEEP_ANCHOR = QTextCursor.MoveMode.KeepAnchor
_KEYBOARD = QContextMenuEvent.Reason.Keyboard


class TextPane(QPlainTextEdit):
    """Read-only text. ``snapper(start, end) -> (start, end)``, in Qt positions, snaps a
    drag selection; None leaves drags as Qt makes them."""

    hovered = Signal(int, object)  # position, global QPoint
    clicked = Signal(int)  # position of a click that selected nothing
    contextRequested = Signal(int, object)  # position, global QPoint

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.snapper: Callable[[int, int], tuple[int, int]] | None = None
        self._press = None  # where a single press began, for click and drag
        self._held = False  # a button is down (hovers are not reported meanwhile)
        self._snap = False

    def event(self, event):
        # Ctrl+Left/Right belong to the window (previous/next document), not to word moves
        if event.type() is _SHORTCUT_OVERRIDE and event.key() in _LEFT_RIGHT and event.modifiers() == _CONTROL:
            event.ignore()
            return False
        return super().event(event)

    def mouseMoveEvent(self, event):  # noqa: N802
        super().mouseMoveEvent(event)
        if not self._held:
            cursor = self.cursorForPosition(event.position().toPoint())
            self.hovered.emit(cursor.position(), event.globalPosition().toPoint())

    def mousePressEvent(self, event):  # noqa: N802
        self._press = event.position().toPoint()
        self._held = True
        self._snap = event.button() == _LEFT_BUTTON and not (event.modifiers() & _SHIFT)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event):  # noqa: N802
        self._held = True
        self._snap = False  # Qt's own word selection, extended word by word while dragging
        super().mouseDoubleClickEvent(event)

    def mouseReleaseEvent(self, event):  # noqa: N802
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        self._held = False
        snap, self._snap = self._snap, False
        if press is None:
            return
        moved = (event.position().toPoint() - press).manhattanLength() >= 4
        if not moved:
            if not self.textCursor().hasSelection():
                self.clicked.emit(self.cursorForPosition(event.position().toPoint()).position())
        elif snap and self.snapper is not None and self.textCursor().hasSelection():
            self.snap_selection()

    def snap_selection(self) -> None:
        """Widen the selection to whole words, keeping its direction (the anchor stays put)."""
        cursor = self.textCursor()
        anchor, position = cursor.anchor(), cursor.position()
        start, end = self.snapper(min(anchor, position), max(anchor, position))
        if (start, end) == (min(anchor, position), max(anchor, position)):
            return
        if anchor > position:
            start, end = end, start
        cursor.setPosition(start)
        cursor.setPosition(end, _KEEP_ANCHOR)
        self.setTextCursor(cursor)
        clipboard = QGuiApplication.clipboard()
        if clipboard.supportsSelection():  # X11's primary selection got the drag's text on release
            clipboard.setText(cursor.selection().toPlainText(), QClipboard.Mode.Selection)

    def contextMenuEvent(self, event):  # noqa: N802
        if event.reason() == _KEYBOARD:  # the Menu key: at the text cursor
            position = self.textCursor().position()
            global_pos = self.viewport().mapToGlobal(self.cursorRect().bottomLeft())
        else:
            position = self.cursorForPosition(event.pos()).position()
            global_pos = event.globalPos()
        self.contextRequested.emit(position, global_pos)
        event.accept()
