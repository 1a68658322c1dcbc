"""Document > Compare with a fresh extraction: what the rules would add, drop or change in the
open document against its fields as they stand (rejected ones aside), as `reviewer diff`
lists it for approved documents. The extraction runs in a worker; the dialog is not modal,
so the reviewer can act on a row: Enter or a double click shows a kept field, or the text
a proposal would take (then N adds it as a field)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from reviewer.core.learn.compare import Difference, diff_document
from reviewer.core.learn.data import Approved
from reviewer.core.model import Field
from reviewer.core.values import format_value
from reviewer.gui import workers

KEPT = ("accepted", "edited", "added", "pending")  # what the document holds now, besides rejections
KINDS = {"add": "+ would add", "drop": "− would drop", "change": "≠ would change"}


def current_state(document_id: int, text: str, doc_type: str, metadata: dict, fields: list[Field]) -> Approved:
    """The open document as the comparison reads it: its kept fields (pending ones too: they
    are what the document says until a decision), its rejected spans and absent labels."""
    kept = sorted((f for f in fields if f.status in KEPT and f.end > f.start), key=lambda f: (f.start, f.end))
    rejected = [(f.start, f.end, f.label) for f in fields if f.status == "rejected"]
    absent = sorted({f.label for f in fields if f.status == "absent"})
    return Approved(document_id, 0, text, doc_type, dict(metadata or {}), kept, rejected, absent)


def compare(state: Approved, extractor) -> list[Difference]:
    """The differences between a fresh extraction and the document's state (in a worker)."""
    proposed = extractor.extract(state.text, doc_type=state.doc_type, metadata=state.metadata).fields
    return diff_document(state, proposed)


def _side(f: Field | None) -> str:
    if f is None:
        return ""
    text = " ".join(f.text.split())
    value = format_value(f.value)
    return text if not value or value == text else f"{text} = {value}"


class DiffDialog(QDialog):
    """Emits fieldChosen(field id) for a row with a kept field, spanChosen(start, end) for a
    proposal the document lacks."""

    fieldChosen = Signal(int)
    spanChosen = Signal(int, int)

    def __init__(self, schema, parent=None):
        super().__init__(parent)
        self.schema = schema
        self.setWindowTitle("Compare with a fresh extraction")
        self.summary = QLabel("Extracting…")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Difference", "Label", "In the document", "Extraction"])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.itemActivated.connect(lambda item: self.choose(item.row()))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self.differences: list[Difference] = []
        self._job = None

    def run(self, state: Approved, extractor, name: str) -> None:
        """Extract in a worker and show the differences when done."""
        self.differences = []
        self.table.setRowCount(0)
        self.summary.setText(f"Extracting document {state.document_id} with {name}…")
        self._name = name
        job = workers.Job(lambda progress, item, cancelled: compare(state, extractor))
        job.signals.finished.connect(self.show_differences)
        job.signals.failed.connect(lambda message: self.summary.setText(
            "The extraction failed: " + message.splitlines()[0]))
        self._job = workers.start(job)

    def show_differences(self, differences: list[Difference]) -> None:
        self.differences = differences
        counts = {kind: sum(d.kind == kind for d in differences) for kind in KINDS}
        if not differences:
            self.summary.setText(f"{self._name} finds nothing to add, drop or change in this document.")
        else:
            self.summary.setText(f"{self._name} would add {counts['add']}, drop {counts['drop']} and change "
                                 f"{counts['change']} field(s). Enter shows a row in the document; N then adds "
                                 f"a proposal as a field.")
        self.table.setRowCount(len(differences))
        for row, d in enumerate(differences):
            label = self.schema[d.label].display if d.label in self.schema else d.label
            kind = KINDS[d.kind] + (" (rejected before)" if d.was_rejected else "")
            for col, text in enumerate((kind, label, _side(d.approved), _side(d.proposed))):
                item = QTableWidgetItem(text)
                item.setToolTip(json.dumps(d.as_dict(), ensure_ascii=False, indent=1)[:2000])
                self.table.setItem(row, col, item)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        if differences:
            self.table.setCurrentCell(0, 0)
        self.table.setFocus()

    def choose(self, row: int) -> None:
        if not 0 <= row < len(self.differences):
            return
        d = self.differences[row]
        if d.approved is not None and d.approved.id is not None:
            self.fieldChosen.emit(d.approved.id)
        elif d.proposed is not None:
            self.spanChosen.emit(d.proposed.start, d.proposed.end)

    def keyPressEvent(self, event):  # noqa: N802
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.table.hasFocus():
            self.choose(self.table.currentRow())
            return
        super().keyPressEvent(event)


def open_for(window) -> DiffDialog | None:
    """Document > Compare: the dialog for the window's open document (one per window, run
    again on each call), its rows wired to the window's fields and text."""
    doc = window.document
    if doc is None:
        window.statusBar().showMessage("No document is open", 4000)
        return None
    dialog = getattr(window, "_diff_dialog", None)
    if dialog is None:
        from reviewer.core.extract import default_extractor

        dialog = window._diff_dialog = DiffDialog(window.schema, window)
        dialog.extractor = default_extractor()
        dialog.fieldChosen.connect(window.fields.select_field)
        dialog.spanChosen.connect(window.source.select_text)
    state = current_state(doc.id, doc.text, doc.doc_type, doc.metadata, list(window.doc_fields.by_label))
    dialog.run(state, dialog.extractor, "The rules")
    dialog.show()
    dialog.raise_()
    return dialog
