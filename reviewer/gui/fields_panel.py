"""The right side: the document's fields grouped by label in schema order, its
cross-field checks, its metadata, and the legend of label colours."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.changes import Change, DocumentFields
from reviewer.core.extract.schema import Schema
from reviewer.core.model import Check, Document, Field
from reviewer.core.values import format_value
from reviewer.gui.common import ALIGN, DECORATION, DISPLAY, EDIT, FONT, FOREGROUND, TOOLTIP, swatch

STATUS_MARK = {
    "pending": "·", "accepted": "✓", "edited": "✎", "rejected": "✗", "added": "+", "absent": "∅",
}


class FieldsModel(QAbstractTableModel):
    """The table view of the current document's fields (DocumentFields.by_label: label in
    schema order, then position). It keeps no copy of the fields."""

    COLUMNS = ("Label", "Text", "Value", "Conf.", "Status")
    VALUE = 2

    def __init__(self, schema: Schema, doc_fields: DocumentFields, editor: Callable[[int, str], bool] | None = None,
                 parent=None):
        super().__init__(parent)
        self.schema = schema
        self.doc_fields = doc_fields
        self.editor = editor  # (field id, typed text) -> saved?
        self._rows: list[tuple[str, ...] | None] = []  # display texts, computed once per field state
        self._icons = {label.name: swatch(label.colour) for label in schema.labels}
        self._struck, self._bold = QFont(), QFont()
        self._struck.setStrikeOut(True)
        self._bold.setBold(True)
        self._grey = QBrush(QColor("#8a8a8a"))
        self._right = int((Qt.AlignRight | Qt.AlignVCenter).value)
        self._flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        self._editable = self._flags | Qt.ItemIsEditable

    def _display(self, f: Field) -> tuple[str, ...]:
        return (
            self.schema[f.label].display if f.label in self.schema else f.label,
            "(not in document)" if f.status == "absent" else " ".join(f.text.split()),
            format_value(f.value),
            # a field the reviewer added has no extractor's confidence to show
            "" if f.confidence is None or f.status in ("added", "absent") else f"{f.confidence:.2f}",
            f"{STATUS_MARK.get(f.status, '')} {f.status}",
        )

    @property
    def fields(self) -> list[Field]:
        return self.doc_fields.by_label

    def reset(self) -> None:
        """The fields came or went: show the list afresh."""
        self.beginResetModel()
        self._rows = [None] * len(self.fields)  # filled as rows are shown
        self.endResetModel()

    def rows_changed(self, rows: list[int]) -> None:
        for row in rows:
            self._rows[row] = None
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def row_of(self, field_id: int) -> int | None:
        return self.doc_fields.row_of(field_id)

    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.fields)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        if int(role) == DISPLAY and orientation == Qt.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        if index.column() == self.VALUE and self.editor is not None and self.fields[index.row()].status != "absent":
            return self._editable
        return self._flags

    def data(self, index, role=DISPLAY):
        role = int(role)
        row = index.row()
        if not 0 <= row < len(self.fields):
            return None
        col = index.column()
        if role == DISPLAY or role == EDIT:
            shown = self._rows[row]
            if shown is None:
                shown = self._rows[row] = self._display(self.fields[row])
            return shown[col]
        f = self.fields[row]
        if role == DECORATION:
            return self._icons.get(f.label) if col == 0 else None
        if role == FOREGROUND:
            return self._grey if f.status == "rejected" else None
        if role == FONT:
            if f.status == "rejected":
                return self._struck
            if col == 4 and f.status in ("accepted", "edited", "added"):
                return self._bold
            return None
        if role == ALIGN:
            return self._right if col == 3 else None
        if role == TOOLTIP:
            return (f"{f.label}: {f.text}\nvalue: {format_value(f.value)}\n"
                    f"extractor: {f.extractor}\nstatus: {f.status}"
                    + (f" by {f.reviewer} at {f.decided_at}" if f.reviewer else ""))
        return None

    def setData(self, index, value, role=EDIT):  # noqa: N802
        if int(role) != EDIT or index.column() != self.VALUE or self.editor is None:
            return False
        f = self.fields[index.row()]
        if str(value) == format_value(f.value) and f.status != "pending":
            return False
        return bool(self.editor(f.id, str(value)))


class FieldsPanel(QWidget):
    """Emits fieldSelected(field id or -1) when the current row changes."""

    fieldSelected = Signal(int)

    def __init__(self, schema: Schema, doc_fields: DocumentFields, editor=None, parent=None):
        super().__init__(parent)
        self.schema = schema
        self.doc_fields = doc_fields
        self.model = FieldsModel(schema, doc_fields, editor, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditKeyPressed | QAbstractItemView.DoubleClicked)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for col, width in enumerate((104, 170, 104, 38, 96)):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setMinimumSectionSize(34)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.checks = QListWidget()
        self.checks.setWordWrap(True)
        self.checks.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.checks.setMaximumHeight(96)
        self.checks.setToolTip("Cross-field checks of this document")
        self.metadata = QLabel()
        self.metadata.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.metadata.setWordWrap(True)
        self.metadata.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        small = self.legend.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.legend.setFont(small)
        self.legend.setText(self._legend_html())

        checks_box = QGroupBox("Checks")
        QVBoxLayout(checks_box).addWidget(self.checks)
        meta_box = QGroupBox("Filing")
        QVBoxLayout(meta_box).addWidget(self.metadata)
        self.legend_box = QGroupBox("Legend (Ctrl+L)")
        QVBoxLayout(self.legend_box).addWidget(self.legend)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(checks_box)
        lower_layout.addWidget(meta_box)
        lower_layout.addWidget(self.legend_box)
        lower_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(lower)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.splitter = QSplitter(Qt.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 4, 4)
        layout.addWidget(self.splitter)

    def _legend_html(self) -> str:
        items = []
        for label in self.schema.labels:
            key = f" <small>[{label.key}]</small>" if label.key else ""
            items.append(f"<span style='background:{label.colour}; color:{label.colour}'>&nbsp;&nbsp;&nbsp;</span>"
                         f"&nbsp;{label.display}{key}")
        statuses = ("<br><small>pending: light tint · accepted: strong colour · edited: underlined · "
                    "added: dashed underline, bold · rejected: grey, struck out</small>")
        return "&nbsp;&nbsp; ".join(items) + statuses

    def show_document(self) -> None:
        """Show the document DocumentFields holds now."""
        self.model.reset()
        document = self.doc_fields.document
        self.show_checks(document.checks if document else [])
        if document is not None:
            self.show_metadata(document)
        else:
            self.metadata.clear()

    def apply(self, change: Change) -> None:
        """Update from a committed change (DocumentFields has taken it in already)."""
        document = self.doc_fields.document
        if document is None or change.document_id != document.id:
            return
        if self.doc_fields.resorted:
            current = self.current_field()
            self.model.reset()
            if current is not None:
                self.select_field(current.id)
        else:
            self.model.rows_changed([r for r in (self.doc_fields.row_of(f.id) for f in change.fields) if r is not None])
        if change.checks is not None:
            self.show_checks(list(change.checks))

    def show_checks(self, checks: list[Check]) -> None:
        self.checks.clear()
        if not checks:
            item = QListWidgetItem("No cross-field checks apply to this document")
            item.setForeground(QBrush(QColor("#8a8a8a")))
            self.checks.addItem(item)
        for c in checks:
            text = f"{c.mark} {c.description}"
            if c.expected is not None:
                text += f" — expected {c.expected}, found {c.actual if c.actual is not None else 'nothing'}"
            item = QListWidgetItem(text)
            item.setForeground(QBrush(QColor("#2e7d32" if c.ok else "#c62828" if c.ok is False else "#8a8a8a")))
            self.checks.addItem(item)

    def show_metadata(self, document: Document) -> None:
        m = document.metadata
        rows = [
            ("Form", m.get("form_type") or document.doc_type),
            ("Company", m.get("company")),
            ("CIK", m.get("cik")),
            ("Accession", m.get("accession")),
            ("Filed", m.get("filed_date")),
            ("Period", m.get("period")),
            ("Exhibit", m.get("exhibit")),
            ("Items", ", ".join(m.get("items") or [])),
            ("Source", document.source_path),
        ]
        self.metadata.setText("<table>" + "".join(
            f"<tr><td style='color:#666;padding-right:8px'>{k}</td><td>{_escape(str(v))}</td></tr>"
            for k, v in rows if v) + "</table>")

    # -- selection ---------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous=None) -> None:
        if current.isValid():
            self.fieldSelected.emit(self.model.fields[current.row()].id)
        else:
            self.fieldSelected.emit(-1)

    def current_field(self) -> Field | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.fields):
            return None
        return self.model.fields[index.row()]

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def select_field(self, field_id: int) -> bool:
        row = self.model.row_of(field_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    def edit_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.table.setFocus()
            self.table.edit(self.model.index(index.row(), FieldsModel.VALUE))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

