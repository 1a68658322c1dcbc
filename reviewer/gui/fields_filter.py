"""The compact row above the fields table: show one label, one status, or every field.

Alt+W reaches the label filter, Tab the status filter. Single-letter review keys keep
working while either has focus (they are the review area's shortcuts), and Escape
goes back to the table.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QWidget

from reviewer.core.extract.schema import Schema
from reviewer.gui.fields_model import STATUS_MARK, STATUSES

ALL_LABELS, ALL_STATUSES = "All labels", "All statuses"


class FilterBar(QWidget):
    """Emits changed(label or None, status or None) when the reviewer picks a filter;
    back() when Escape is pressed in it."""

    changed = Signal(object, object)
    back = Signal()

    def __init__(self, schema: Schema, parent=None):
        super().__init__(parent)
        self.schema = schema
        self.labels = QComboBox()
        self.labels.setToolTip("Show the fields of one label")
        self.labels.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.labels.setMinimumContentsLength(8)
        self.statuses = QComboBox()
        self.statuses.setToolTip("Show the fields of one status")
        self.statuses.addItem(ALL_STATUSES, None)
        for status in STATUSES:
            self.statuses.addItem(f"{STATUS_MARK[status]} {status}", status)
        self.clear_button = QToolButton()
        self.clear_button.setText("✕")
        self.clear_button.setToolTip("Show every field")
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(self.clear)
        caption = QLabel("Sho&w:")
        caption.setBuddy(self.labels)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(caption)
        layout.addWidget(self.labels, 1)
        layout.addWidget(self.statuses, 1)
        layout.addWidget(self.clear_button)
        self.set_labels([])
        self.labels.currentIndexChanged.connect(self._changed)
        self.statuses.currentIndexChanged.connect(self._changed)
        for combo in (self.labels, self.statuses):
            combo.installEventFilter(self)

    @property
    def label(self) -> str | None:
        return self.labels.currentData()

    @property
    def status(self) -> str | None:
        return self.statuses.currentData()

    def set_labels(self, present: set[str]) -> None:
        """Offer the labels present in the document (in schema order); keep the chosen one
        if it is still present, else show every label. Emits nothing."""
        chosen = self.label
        self.labels.blockSignals(True)
        self.labels.clear()
        self.labels.addItem(ALL_LABELS, None)
        for label in self.schema.labels:
            if label.name in present:
                self.labels.addItem(label.display, label.name)
        self.labels.setCurrentIndex(max(0, self.labels.findData(chosen)) if chosen else 0)
        self.labels.blockSignals(False)
        self._update_button()

    def set_filter(self, label: str | None, status: str | None) -> None:
        """Show a filter chosen elsewhere (emits nothing)."""
        for combo, value in ((self.labels, label), (self.statuses, status)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
            combo.blockSignals(False)
        self._update_button()

    def clear(self) -> None:
        if self.label is not None or self.status is not None:
            self.set_filter(None, None)
            self.changed.emit(None, None)

    def _changed(self) -> None:
        self._update_button()
        self.changed.emit(self.label, self.status)

    def _update_button(self) -> None:
        self.clear_button.setEnabled(self.label is not None or self.status is not None)

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == event.Type.KeyPress and event.key() == Qt.Key_Escape:
            self.back.emit()
            return True
        return super().eventFilter(watched, event)
