"""The list of a document's cross-field checks. Clicking a check (or Enter on it) says which
check: the fields panel then selects the fields it reads."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from reviewer.core.model import Check

_GREY, _GREEN, _RED = "#8a8a8a", "#2e7d32", "#c62828"


def check_text(c: Check) -> str:
    text = f"{c.mark} {c.description}"
    if c.expected is not None:
        text += f" — expected {c.expected}, found {c.actual if c.actual is not None else 'nothing'}"
    return text


class ChecksList(QListWidget):
    """Emits checkActivated(index into the checks shown) when a check is clicked or entered."""

    checkActivated = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.shown: list[Check] = []
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setMaximumHeight(96)
        self.setToolTip("Cross-field checks of this document: click one (or Enter) to select the fields it reads")
        self.itemClicked.connect(self._activated)
        self.itemActivated.connect(self._activated)  # Enter, or a double click

    def show_checks(self, checks: list[Check]) -> None:
        self.clear()
        self.shown = list(checks)
        if not checks:
            item = QListWidgetItem("No cross-field checks apply to this document")
            item.setForeground(QBrush(QColor(_GREY)))
            item.setFlags(Qt.ItemIsEnabled)  # nothing to select
            self.addItem(item)
        for c in checks:
            item = QListWidgetItem(check_text(c))
            item.setForeground(QBrush(QColor(_GREEN if c.ok else _RED if c.ok is False else _GREY)))
            if c.labels:
                item.setToolTip("Reads: " + ", ".join(c.labels))
            self.addItem(item)

    def check_at(self, row: int) -> Check | None:
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def _activated(self, item: QListWidgetItem) -> None:
        row = self.row(item)
        if self.check_at(row) is not None:
            self.checkActivated.emit(row)
