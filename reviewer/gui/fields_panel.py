"""The right side: the document's fields (in the order and under the filter the reviewer
chose), its cross-field checks, its metadata, and the legend of label colours.

Rows of the table are rows of the view: navigation (move, select_next_pending) follows what
is shown. The model is in fields_model.py, the filter row in fields_filter.py, the checks
list in checks_panel.py.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMenu,
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
from reviewer.gui.checks_panel import ChecksList
from reviewer.gui.fields_filter import FilterBar
from reviewer.gui.fields_model import LABEL, FieldsModel

COLUMN_WIDTHS = (104, 170, 104, 48, 96, 64)  # Label, Text (stretches), Value, Conf. (room for the sort arrow), Status, By
_EDITING = QAbstractItemView.State.EditingState


class FieldsPanel(QWidget):
    """Emits fieldSelected(field id or -1) when the current row changes; checkActivated(field ids)
    and checkSpans(spans) when a check is clicked; notice(text) when it did something the
    reviewer did not ask for (a filter cleared to show a field)."""

    fieldSelected = Signal(int)
    checkActivated = Signal(list)  # ids of the fields the check reads
    checkSpans = Signal(list)  # [(start, end), ...] the spans the check compared
    notice = Signal(str)

    def __init__(self, schema: Schema, doc_fields: DocumentFields, editor=None, parent=None):
        super().__init__(parent)
        self.schema = schema
        self.doc_fields = doc_fields
        self.model = FieldsModel(schema, doc_fields, editor, self)
        self._context_actions: list[QAction | None] = []
        self.menu: QMenu | None = None  # the right-click menu last shown
        self._arrange_pending = False  # an order change waits for the editor to close
        self._pending_rows: list[int] = []
        self._current_id: int | None = None  # the field last selected
        self.copy_value_action = QAction("&Copy value", self)
        self.copy_value_action.triggered.connect(self.copy_value)

        self.filter = FilterBar(schema)
        self.filter.changed.connect(self.set_filter)
        self.filter.back.connect(self.table_focus)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditKeyPressed | QAbstractItemView.DoubleClicked)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSortIndicator(LABEL, Qt.AscendingOrder)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self._sort_changed)
        for col, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setMinimumSectionSize(34)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.checks = ChecksList()
        self.checks.checkActivated.connect(self._check_activated)
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

        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.setSpacing(2)
        upper_layout.addWidget(self.filter)
        upper_layout.addWidget(self.table)
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
        self.splitter.addWidget(upper)
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
        """Show the document DocumentFields holds now, keeping the order and the status filter
        (and the label filter, if the document has that label)."""
        self._arrange_pending = False
        self.filter.set_labels({f.label for f in self.doc_fields.by_label})
        self.model.label_filter = self.filter.label
        self.model.reset()
        document = self.doc_fields.document
        self.show_checks(document.checks if document else [])
        if document is not None:
            self.show_metadata(document)
        else:
            self.metadata.clear()

    def apply(self, change: Change) -> None:
        """Update from a committed change (DocumentFields has taken it in already). The order,
        the filter and the current field stay as they were."""
        document = self.doc_fields.document
        if document is None or change.document_id != document.id:
            return
        row, current_id = self.table.currentIndex().row(), self._current_id
        if self.doc_fields.resorted:
            # by_label is re-sorted already, so the view's rows no longer name its fields: the
            # current field is the one last selected
            self._arrange_pending = False  # the reset below arranges every row
            self.filter.set_labels({f.label for f in self.doc_fields.by_label})
            self.model.label_filter = self.filter.label
            self.model.reset()
            self._reselect_id(current_id, row)
        else:
            current = self.current_field()
            rows = [r for r in (self.doc_fields.row_of(f.id) for f in change.fields) if r is not None]
            if self.table.state() == _EDITING:
                # the editor is committing this very change: show the new texts now, and
                # rearrange once the editor has closed
                self.model.rows_changed(rows, rearrange=False)
                self._pending_rows = rows
                self._arrange_pending = True
                QTimer.singleShot(0, lambda: self._flush(current, row))
            elif self.model.rows_changed(rows):
                self._reselect(current, row)
        if change.checks is not None:
            self.show_checks(list(change.checks))

    def _flush(self, current: Field | None = None, row: int = -1) -> None:
        if not self._arrange_pending:
            return
        self._arrange_pending = False
        if current is None:
            current, row = self.current_field(), self.table.currentIndex().row()
        if self.model.rearrange(self._pending_rows):
            self._reselect(current, row)

    def _reselect(self, current: Field | None, row: int) -> None:
        self._reselect_id(current.id if current is not None else None, row)

    def _reselect_id(self, field_id: int | None, row: int) -> None:
        """After the order changed: the same field if it is still shown, else the row that took
        its place (as a removed row's successor would), else nothing."""
        if field_id is not None and self.model.row_of(field_id) is not None:
            self.select_row(self.model.row_of(field_id))
        elif row >= 0 and self.model.rowCount():
            self.select_row(min(row, self.model.rowCount() - 1))
        else:
            self.fieldSelected.emit(-1)

    def show_checks(self, checks: list[Check]) -> None:
        self.checks.show_checks(checks)

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

    # -- order and filter ----------------------------------------------------------
    def _sort_changed(self, column: int, order) -> None:
        current = self.current_field()
        self._flush()
        self.model.sort(column, order)
        self._reselect(current, -1)

    def sort_by(self, column: int, descending: bool = False) -> None:
        """Sort as a header click does (the header shows it)."""
        self.table.horizontalHeader().setSortIndicator(column, Qt.DescendingOrder if descending else Qt.AscendingOrder)

    def set_filter(self, label: str | None, status: str | None, below: float | None = None) -> None:
        """Show one label and/or one status (None: every one), and/or only the fields whose
        confidence is below a threshold (None: any)."""
        self._flush()
        current = self.current_field()
        self.filter.set_filter(label, status, below)
        self.model.arrange(label=label, status=status, below=below)
        self._reselect(current, 0)  # the same field if shown, else the first row

    def table_focus(self) -> None:
        self.table.setFocus()

    # -- selection ---------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous=None) -> None:
        field = self.model.field_at(current.row()) if current.isValid() else None
        self._current_id = field.id if field is not None else None
        self.fieldSelected.emit(field.id if field is not None else -1)

    def current_field(self) -> Field | None:
        index = self.table.currentIndex()
        return self.model.field_at(index.row()) if index.isValid() else None

    def view_row_of(self, field_id: int) -> int | None:
        """The row the table shows a field in (None when the filter hides it)."""
        self._flush()
        return self.model.row_of(field_id)

    def field_at_view_row(self, row: int) -> Field | None:
        self._flush()
        return self.model.field_at(row)

    def select_row(self, row: int) -> None:
        """Select a row of the view."""
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def move(self, step: int) -> None:
        """J/K: the next or previous row shown (the first row when none is selected)."""
        self._flush()
        row = self.table.currentIndex().row() if self.table.currentIndex().isValid() else -1
        if self.model.rowCount():
            self.select_row(max(0, min(self.model.rowCount() - 1, row + step)))

    def select_next_pending(self, after_field_id: int | None) -> bool:
        """Select the next pending field shown after a field, in the view's order, wrapping round
        (a field that just left the view counts from the place it had). With nothing pending and
        no field given, the first row. Returns whether something was selected."""
        self._flush()
        start = self.model.scan_from(after_field_id)
        accepts = self.model.accepts
        for f in self.model.sorted_fields(start):
            if f.status == "pending" and accepts(f):
                self.select_row(self.model.row_of(f.id))
                return True
        if after_field_id is None and self.model.rowCount():
            self.select_row(0)
            return True
        return False

    def select_field(self, field_id: int) -> bool:
        """Select a field. One the filter hides is shown by clearing the filter (and notice()
        says so); returns False only when the document has no such field."""
        self._flush()
        row = self.model.row_of(field_id)
        if row is None:
            if self.doc_fields.row_of(field_id) is None:
                return False
            self.set_filter(None, None)
            self.notice.emit("Filter cleared to show the field")
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

    # -- checks --------------------------------------------------------------------
    def fields_of_check(self, check: Check) -> list[Field]:
        """The fields a check compared (those whose span is one of its spans), else the fields
        of the labels it reads."""
        by_position, starts = self.doc_fields.by_position, self.doc_fields.starts
        found: list[Field] = []
        for start, end in check.spans:
            i = bisect.bisect_left(starts, start)
            while i < len(by_position) and by_position[i].start == start:
                f = by_position[i]
                if f.end == end and f.label in (check.labels or (f.label,)) and f not in found:
                    found.append(f)
                i += 1
        if not found:
            found = [f for f in self.doc_fields.by_label if f.label in check.labels]
        return found

    def _check_activated(self, index: int) -> None:
        check = self.checks.check_at(index)
        if check is None:
            return
        fields = self.fields_of_check(check)
        if fields:
            self.select_field(fields[0].id)
        self.checkActivated.emit([f.id for f in fields])
        self.checkSpans.emit([tuple(span) for span in check.spans] or [(f.start, f.end) for f in fields])

    # -- context menu ----------------------------------------------------------------
    def set_context_actions(self, actions: list[QAction | None]) -> None:
        """The actions of the table's right-click menu, in order (None: a separator).
        "Copy value" (copy_value_action) comes last unless the list places it."""
        self._context_actions = list(actions)

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        for action in self._context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        if self.copy_value_action not in self._context_actions:
            if self._context_actions:
                menu.addSeparator()
            menu.addAction(self.copy_value_action)
        self.copy_value_action.setEnabled(self.current_field() is not None)
        return menu

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.select_row(index.row())  # the menu acts on the row under the pointer
        self.table.setFocus()
        if self.menu is not None:
            self.menu.deleteLater()
        self.menu = self.context_menu()  # kept until the next one; popup() does not block
        self.menu.popup(self.table.viewport().mapToGlobal(pos))

    def copy_value(self) -> None:
        field = self.current_field()
        if field is not None:
            QGuiApplication.clipboard().setText(format_value(field.value) if field.value is not None else field.text)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

