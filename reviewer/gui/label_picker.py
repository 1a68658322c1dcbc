"""The label picker for adding a field (N): type-ahead, digits 1-9 for quick labels, Enter confirms."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from reviewer.core.extract.schema import Schema
from reviewer.gui.common import swatch


class LabelPicker(QDialog):
    def __init__(self, schema: Schema, selected_text: str, labels: list[str] | None = None,
                 title: str = "Add field", parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.schema = schema
        self.chosen: str | None = None
        names = labels if labels is not None else schema.names
        self.names = set(names)
        preview = " ".join(selected_text.split())
        if len(preview) > 80:
            preview = preview[:77] + "…"
        self.preview = QLabel(f"“{preview}”" if preview else "")
        self.preview.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type to filter labels; 1-9 pick a quick label")
        self.list = QListWidget()
        for name in names:
            label = schema[name]
            key = f"   [{label.key}]" if label.key else ""
            item = QListWidgetItem(swatch(label.colour), f"{label.display}{key}")
            item.setData(Qt.UserRole, name)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self._accept_current())
        self.resize(340, 420)

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            name = item.data(Qt.UserRole)
            match = not needle or needle in name or needle in self.schema[name].display.lower()
            item.setHidden(not match)
            if match and first is None:
                first = i
        if first is not None:
            self.list.setCurrentRow(first)

    def eventFilter(self, obj, event):  # noqa: N802
        if obj is self.filter and event.type() == QEvent.KeyPress:
            key = event.key()
            if Qt.Key_1 <= key <= Qt.Key_9 and not self.filter.text():
                label = self.schema.by_key(key - Qt.Key_0)
                if label is not None:
                    if label.name in self.names:  # only labels this picker lists
                        self.chosen = label.name
                        self.accept()
                    return True  # the quick key of a label not listed here does nothing
            if key in (Qt.Key_Down, Qt.Key_Up):
                self._move(1 if key == Qt.Key_Down else -1)
                return True
            if key in (Qt.Key_Return, Qt.Key_Enter):
                self._accept_current()
                return True
        return super().eventFilter(obj, event)

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        for _ in range(self.list.count()):
            row = (row + step) % self.list.count()
            if not self.list.item(row).isHidden():
                self.list.setCurrentRow(row)
                return

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        self.chosen = item.data(Qt.UserRole)
        self.accept()
