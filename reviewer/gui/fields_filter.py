"""The compact row above the fields table: show one label, one status, the fields an
extractor proposed with a confidence below a threshold, or every field.

Alt+W reaches the label filter, Tab the status filter, Tab again the confidence. Single-letter review keys keep
working while either has focus (they are the review area's shortcuts), and Escape
goes back to the table.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QToolButton, QWidget

from reviewer.core.extract.schema import Schema
from reviewer.gui.fields_model import STATUS_MARK, STATUSES

ALL_LABELS, ALL_STATUSES, ANY_CONFIDENCE = "All labels", "All statuses", "Any conf."


class FilterBar(QWidget):
    """Emits changed(label or None, status or None, below or None) when the reviewer picks a
    filter (below: show only fields whose extractor's confidence is under it); back() when
    Escape is pressed in it."""

    changed = Signal(object, object, object)
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
        self.below = QDoubleSpinBox()
        self.below.setToolTip("Show only the fields an extractor proposed with a confidence below this")
        self.below.setRange(0.0, 1.0)
        self.below.setSingleStep(0.05)
        self.below.setDecimals(2)
        self.below.setPrefix("conf. < ")
        self.below.setSpecialValueText(ANY_CONFIDENCE)  # shown at 0: no threshold
        self.below.setKeyboardTracking(False)  # typing "0.85" filters once, at the end
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
        layout.addWidget(self.below)
        layout.addWidget(self.clear_button)
        self.set_labels([])
        self.labels.currentIndexChanged.connect(self._changed)
        self.statuses.currentIndexChanged.connect(self._changed)
        self.below.valueChanged.connect(self._changed)
        for widget in (self.labels, self.statuses, self.below):
            widget.installEventFilter(self)

    @property
    def label(self) -> str | None:
        return self.labels.currentData()

    @property
    def status(self) -> str | None:
        return self.statuses.currentData()

    @property
    def threshold(self) -> float | None:
        """The confidence the shown fields are below, or None for any."""
        value = self.below.value()
        return value if value > 0 else None

    def _any(self) -> bool:
        return self.label is not None or self.status is not None or self.threshold is not None

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

    def set_filter(self, label: str | None, status: str | None, below: float | None = None) -> None:
        """Show a filter chosen elsewhere (emits nothing)."""
        for combo, value in ((self.labels, label), (self.statuses, status)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
            combo.blockSignals(False)
        self.below.blockSignals(True)
        self.below.setValue(below or 0.0)
        self.below.blockSignals(False)
        self._update_button()

    def clear(self) -> None:
        if self._any():
            self.set_filter(None, None, None)
            self.changed.emit(None, None, None)

    def _changed(self) -> None:
        self._update_button()
        self.changed.emit(self.label, self.status, self.threshold)

    def _update_button(self) -> None:
        self.clear_button.setEnabled(self._any())

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == event.Type.KeyPress and event.key() == Qt.Key_Escape:
            self.back.emit()
            return True
        return super().eventFilter(watched, event)
