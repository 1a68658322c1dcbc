"""File > Export… (Ctrl+E): format, documents, labels and destination; runs in a worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
)

from reviewer.core.export import ExportCancelled, ExportRequest
from reviewer.core.extract.schema import Schema
from reviewer.core.storage import Storage
from reviewer.gui import file_dialogs, workers
from reviewer.gui.common import swatch

FORMATS = [
    ("Excel workbook, typed cells (analysts)", "xlsx", ".xlsx"),
    ("CSV, one row per document (analysts)", "csv", ".csv"),
    ("CSV, one row per field", "csv-long", ".csv"),
    ("JSONL records and spans", "jsonl", ".jsonl"),
    ("Prodigy tasks (JSONL with tokens)", "prodigy", ".jsonl"),
    ("spaCy DocBin", "spacy", ".spacy"),
    ("CoNLL-2003 IOB2", "conll", ".conll"),
    ("Label Studio tasks (JSON)", "label-studio", ".json"),
    ("doccano (JSONL)", "doccano", ".jsonl"),
    ("Audit log (CSV)", "audit", ".csv"),
]
STATUSES = [("Approved documents", "approved"), ("Reviewed (any decision)", "reviewed"),
            ("All documents, with each field's status", "all")]


class ExportDialog(QDialog):
    def __init__(self, schema: Schema, default_folder: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.format = QComboBox()
        for text, _, _ in FORMATS:
            self.format.addItem(text)
        self.status = QComboBox()
        for text, _ in STATUSES:
            self.status.addItem(text)
        self.labels = QListWidget()
        for label in schema.labels:
            item = QListWidgetItem(swatch(label.colour), label.display)
            item.setData(Qt.UserRole, label.name)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
            self.labels.addItem(item)
        self.labels.setMaximumHeight(180)
        self.excel = QCheckBox("UTF-8 with BOM, for spreadsheet programs")
        self.audit = QCheckBox("Add a sheet with the audit log")
        self.path = QLineEdit(str(default_folder / ("export" + FORMATS[0][2])))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        destination = QHBoxLayout()
        destination.addWidget(self.path, 1)
        destination.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Format", self.format)
        form.addRow("Documents", self.status)
        form.addRow("Labels", self.labels)
        form.addRow("", self.excel)
        form.addRow("", self.audit)
        form.addRow("Save to", destination)
        form.addRow(buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed(0)
        self.resize(520, self.sizeHint().height())

    def _format_changed(self, index: int) -> None:
        _, fmt, suffix = FORMATS[index]
        self.excel.setEnabled(fmt in ("csv", "csv-long", "audit"))
        self.audit.setEnabled(fmt == "xlsx")
        path = Path(self.path.text() or "export")
        self.path.setText(str(path.with_suffix(suffix)))

    def _browse(self) -> None:
        path = file_dialogs.save_file(self, "Export to", self.path.text())
        if path:
            self.path.setText(path)

    def choice(self) -> ExportRequest:
        labels = [self.labels.item(i).data(Qt.UserRole) for i in range(self.labels.count())
                  if self.labels.item(i).checkState() == Qt.Checked]
        return ExportRequest(
            fmt=FORMATS[self.format.currentIndex()][1],
            out=self.path.text().strip(),
            status=STATUSES[self.status.currentIndex()][1],
            labels=tuple(labels) if len(labels) < self.labels.count() else None,
            excel=self.excel.isChecked() and self.excel.isEnabled(),
            audit=self.audit.isChecked() and self.audit.isEnabled(),
        )


def write_label_config(schema: Schema, out: str, result) -> None:
    """Beside a Label Studio export, the project's labelling config (<name>.label-config.xml):
    what a team pastes into Label Studio before importing the tasks."""
    from reviewer.core.export.labelstudio import label_config

    path = Path(out).with_suffix(".label-config.xml")
    try:
        path.write_text(label_config(schema), encoding="utf-8")
    except OSError as err:
        result.warnings.append(f"the labelling config could not be written to {path}: {err.strerror or err}")
    else:
        result.also.append(f"its labelling config {path.name}")


class ExportRunner(workers.ProgressRunner):
    """One export in a worker with its own connection."""

    title = "Export"

    def __init__(self, parent_widget, db_path: str, schema: Schema, request: ExportRequest):
        def work(progress, item, cancelled):
            with Storage(db_path, create=False) as storage:
                try:
                    result = request.run(storage, schema, cancelled=cancelled,
                                         progress=lambda done, total: progress(done, total, ""))
                except ExportCancelled:
                    return None  # what the reviewer asked for: nothing written, nothing to report
            if request.fmt == "label-studio":
                write_label_config(schema, request.out, result)
            return result

        super().__init__(parent_widget, work)

    def progress_text(self, done: int, total: int, text: str) -> str:
        return f"Exported {done} documents"
