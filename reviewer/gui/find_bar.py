"""Ctrl+F: find in the document text. Enter for the next match, Shift+Enter the previous,
Esc closes; Alt+C matches case, Alt+W whole words only. Shows "3 of 17", or "not found".

The matches are found once per needle (and per toggle or document), by one regular
expression over the text, and counted up to MAX_COUNT (so a needle like "e" costs no more
than its first MAX_COUNT matches); Enter and Shift+Enter then only bisect that list.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QToolButton, QWidget

from reviewer.gui.highlight import Utf16Offsets
from reviewer.gui.words import term_pattern

MAX_COUNT = 10_000


class FindBar(QWidget):
    """``text() -> (text, Utf16Offsets)`` gives what the pane shows (default: read the pane)."""

    def __init__(self, pane: QPlainTextEdit, parent=None,
                 text: Callable[[], tuple[str, Utf16Offsets]] | None = None):
        super().__init__(parent)
        self.pane = pane
        self._text = text or self._pane_text
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find in document")
        self.edit.setClearButtonEnabled(True)
        self.case = self._toggle("Aa", "Match case (Alt+C)")
        self.words = self._toggle("W", "Whole words only (Alt+W)")
        self.status = QLabel()
        close = QToolButton(text="✕")
        close.setAutoRaise(True)
        close.setToolTip("Close (Esc)")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.case)
        layout.addWidget(self.words)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.edit.returnPressed.connect(self.find_next)
        self.edit.textChanged.connect(lambda _=None: self.find_next(from_start=True))
        self.edit.installEventFilter(self)
        self._key = None  # (text, needle, case, words) the matches below were found for
        self._pattern: re.Pattern | None = None
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._complete = True  # False when counting stopped at MAX_COUNT
        self._pane_cache = (None, None)
        self.hide()

    def _toggle(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(text=text)
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.toggled.connect(lambda _=None: self.find_next(from_start=True))
        return button

    def open(self) -> None:
        self.show()
        cursor = self.pane.textCursor()
        if cursor.hasSelection() and "\u2029" not in cursor.selectedText():
            self.edit.setText(cursor.selectedText())
        self.edit.setFocus()
        self.edit.selectAll()

    def document_changed(self) -> None:
        """The pane shows another text: forget the matches (and the old text)."""
        self._key = None
        self._pattern = None
        self._starts, self._ends = [], []
        self._pane_cache = (None, None)
        self.status.clear()

    def eventFilter(self, obj, event):  # noqa: N802
        if obj is self.edit and event.type() == QEvent.ShortcutOverride and self._is_toggle_key(event):
            event.accept()  # Alt+C and Alt+W are ours here, not a label's mnemonic elsewhere
            return True
        if obj is self.edit and event.type() == QEvent.KeyPress:
            key, modifiers = event.key(), event.modifiers()
            if key == Qt.Key_Escape:
                self.hide()
                self.pane.setFocus()
                return True
            if key in (Qt.Key_Return, Qt.Key_Enter) and modifiers & Qt.ShiftModifier:
                self.find_next(backward=True)
                return True
            if self._is_toggle_key(event):
                (self.case if key == Qt.Key_C else self.words).toggle()
                return True
        return super().eventFilter(obj, event)

    @staticmethod
    def _is_toggle_key(event) -> bool:
        return event.modifiers() == Qt.AltModifier and event.key() in (Qt.Key_C, Qt.Key_W)

    # -- finding -----------------------------------------------------------------
    def find_next(self, backward: bool = False, from_start: bool = False) -> bool:
        """Select the next match after the selection (the previous one before it, or the first
        one from the selection's start when the needle changed), wrapping around."""
        needle = self.edit.text()
        if not needle:
            self.status.clear()
            return False
        text, offsets = self._text()
        self._find_all(text, needle)
        if not self._starts:
            self.status.setText("not found")
            return False
        cursor = self.pane.textCursor()
        start = offsets.from_qt(cursor.selectionStart())
        end = offsets.from_qt(cursor.selectionEnd())
        span = self._previous(text, start) if backward else self._next(text, start if from_start else end)
        cursor.setPosition(offsets.to_qt(span[0]))
        cursor.setPosition(offsets.to_qt(span[1]), QTextCursor.KeepAnchor)
        self.pane.setTextCursor(cursor)
        self._show_count(span[0])
        return True

    def _find_all(self, text: str, needle: str) -> None:
        key = (needle, self.case.isChecked(), self.words.isChecked())
        if self._key is not None and self._key[0] is text and self._key[1:] == key:
            return
        self._key = (text, *key)
        self._pattern = term_pattern([needle], case_sensitive=key[1], whole_words=key[2])
        self._starts, self._ends = [], []
        for m in self._pattern.finditer(text):
            self._starts.append(m.start())
            self._ends.append(m.end())
            if len(self._starts) >= MAX_COUNT:
                break
        self._complete = len(self._starts) < MAX_COUNT

    def _next(self, text: str, pos: int) -> tuple[int, int]:
        i = bisect.bisect_left(self._starts, pos)
        if i < len(self._starts):
            return self._starts[i], self._ends[i]
        if not self._complete:  # past the counted ones: look on from there
            m = self._pattern.search(text, max(pos, self._starts[-1] + 1))
            if m:
                return m.span()
        return self._starts[0], self._ends[0]  # wrap around

    def _previous(self, text: str, pos: int) -> tuple[int, int]:
        if not self._complete and pos > self._ends[-1]:
            last = None
            for m in self._pattern.finditer(text, self._starts[-1] + 1, len(text)):
                if m.start() >= pos:
                    break
                last = m.span()
            if last is not None:
                return last
        i = bisect.bisect_left(self._starts, pos) - 1
        if i >= 0:
            return self._starts[i], self._ends[i]
        if not self._complete:  # wrap to the very last match, past the counted ones
            last = None
            for m in self._pattern.finditer(text, self._starts[-1] + 1):
                last = m.span()
            if last is not None:
                return last
        return self._starts[-1], self._ends[-1]

    def _show_count(self, start: int) -> None:
        total = f"{len(self._starts):,}" + ("" if self._complete else "+")
        i = bisect.bisect_left(self._starts, start)
        if i < len(self._starts) and self._starts[i] == start:
            self.status.setText(f"{i + 1:,} of {total}")
        else:
            self.status.setText(f"{total} matches")

    def match_count(self) -> int:
        """How many matches the current needle has (at most MAX_COUNT)."""
        return len(self._starts)

    def _pane_text(self) -> tuple[str, Utf16Offsets]:
        revision = (id(self.pane.document()), self.pane.document().revision())
        if self._pane_cache[0] != revision:
            text = self.pane.toPlainText()
            self._pane_cache = (revision, (text, Utf16Offsets(text)))
        return self._pane_cache[1]
