"""The document queue: a lazy table over the database, a status filter and a search box.

Rows are fetched a page at a time as the view scrolls, so 100,000 documents stay
out of memory; the model keeps a few pages and forgets the rest.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.changes import Change
from reviewer.core.storage import Storage
from reviewer.gui.common import ALIGN, DISPLAY, FOREGROUND, TOOLTIP

FILTERS = [
    ("To review", "to_review"),
    ("In progress", "in_progress"),
    ("Approved", "approved"),
    ("Rejected", "rejected"),
    ("All", None),
]
STATUS_TEXT = {"pending": "pending", "approved": "approved", "rejected": "rejected"}
STATUS_COLOUR = {"approved": QColor("#2e7d32"), "rejected": QColor("#9e9e9e")}


class DocumentQueueModel(QAbstractTableModel):
    COLUMNS = ("Status", "Type", "Company", "Report date", "Decided")
    PAGE = 200
    KEEP_PAGES = 20
    IdRole = int(Qt.UserRole.value) + 1

    def __init__(self, storage: Storage, parent=None):
        super().__init__(parent)
        self.storage = storage
        self.status: str | None = None
        self.search: str | None = None
        self._count = self.storage.count_documents()
        self._pages: OrderedDict[int, list[dict]] = OrderedDict()
        self._right = int((Qt.AlignRight | Qt.AlignVCenter).value)

    # -- filter ------------------------------------------------------------------
    def set_filter(self, status: str | None, search: str | None) -> None:
        self.beginResetModel()
        self.status, self.search = status, (search or None)
        self._pages.clear()
        self._count = self.storage.count_documents(status=self.status, search=self.search)
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read counts and rows (after decisions, or documents added by ingest)."""
        count = self.storage.count_documents(status=self.status, search=self.search)
        self._pages.clear()
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            self._count = count
            self.endRemoveRows()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(self.COLUMNS) - 1))

    def update_document(self, document_id: int) -> None:
        """Re-read one document's row (after a decision on one of its fields)."""
        for page, rows in self._pages.items():
            for i, r in enumerate(rows):
                if r["id"] == document_id:
                    fresh = self.storage.queue_rows(ids=[document_id])
                    if fresh:
                        rows[i] = fresh[0]
                        row = page * self.PAGE + i
                        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
                    return

    # -- rows --------------------------------------------------------------------
    def _row(self, row: int) -> dict | None:
        page = row // self.PAGE
        rows = self._pages.get(page)
        if rows is None:
            rows = self.storage.queue_rows(status=self.status, search=self.search,
                                           limit=self.PAGE, offset=page * self.PAGE)
            self._pages[page] = rows
            while len(self._pages) > self.KEEP_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        i = row - page * self.PAGE
        return rows[i] if 0 <= i < len(rows) else None

    def document_id(self, row: int) -> int | None:
        r = self._row(row) if 0 <= row < self._count else None
        return r["id"] if r else None

    def row_of(self, document_id: int) -> int | None:
        return self.storage.document_position(document_id, status=self.status, search=self.search)

    # -- Qt model API ------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        if int(role) == DISPLAY and orientation == Qt.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def data(self, index, role=DISPLAY):
        role = int(role)
        row = index.row()
        if not 0 <= row < self._count:
            return None
        r = self._row(row)
        if r is None:
            return None
        col = index.column()
        if role == DISPLAY:
            if col == 0:
                if r["status"] == "pending":
                    return "in progress" if r["pending"] < r["total"] else "to review"
                return STATUS_TEXT.get(r["status"], r["status"])
            if col == 1:
                return r["doc_type"] + (f" {r['part']}" if r["part"] and r["part"] != r["doc_type"] else "")
            if col == 2:
                return r["company"] or ""
            if col == 3:
                return r["report_date"] or ""
            return f"{r['total'] - r['pending']}/{r['total']}"  # fields decided, as in the status bar
        if role == TOOLTIP:
            return r["source_path"]
        if role == FOREGROUND:
            return STATUS_COLOUR.get(r["status"]) if col == 0 else None
        if role == ALIGN:
            return self._right if col == 4 else None
        if role == self.IdRole:
            return r["id"]
        return None


class QueuePanel(QWidget):
    """Filter, search and the queue table. Emits documentSelected(id)."""

    documentSelected = Signal(int)

    def __init__(self, storage: Storage, parent=None):
        super().__init__(parent)
        self.model = DocumentQueueModel(storage, self)
        self.filter = QComboBox()
        for text, _ in FILTERS:
            self.filter.addItem(text)
        self.filter.setCurrentIndex(len(FILTERS) - 1)
        self.filter.setToolTip("Which documents the queue shows")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search text…")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _=None: self._search_timer.start())
        self.filter.currentIndexChanged.connect(lambda _=None: self._apply_filter())

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        metrics = header.fontMetrics()
        for col, width in enumerate((76, 84, 150, 80, 48)):  # at least the header's text
            self.table.setColumnWidth(col, max(width, metrics.horizontalAdvance(DocumentQueueModel.COLUMNS[col]) + 16))
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 4)
        layout.addLayout(top)
        layout.addWidget(self.table)

    def apply(self, change: Change) -> None:
        """Update from a committed change: a document's row, or the whole list when a
        document's status changed (it may leave or join the filtered list)."""
        if change.document is not None:
            self.model.refresh()
        elif change.counts_changed:
            self.model.update_document(change.document_id)

    def _apply_filter(self) -> None:
        current = self.current_document()
        self.model.set_filter(FILTERS[self.filter.currentIndex()][1], self.search.text().strip())
        if current is not None:
            self.select_document(current, emit=False)

    def stop_pending_search(self) -> None:
        self._search_timer.stop()

    def set_filter_name(self, name: str) -> None:
        for i, (text, _) in enumerate(FILTERS):
            if text == name:
                self.filter.setCurrentIndex(i)

    def _row_changed(self, current: QModelIndex, _previous=None) -> None:
        doc_id = self.model.document_id(current.row()) if current.isValid() else None
        if doc_id is not None:
            self.documentSelected.emit(doc_id)

    def current_document(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.document_id(index.row()) if index.isValid() else None

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> bool:
        if not 0 <= row < self.model.rowCount():
            return False
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def select_document(self, document_id: int, *, emit: bool = True) -> bool:
        row = self.model.row_of(document_id)
        if row is None:
            return False
        if not emit:
            self.table.selectionModel().blockSignals(True)
        try:
            return self.select_row(row)
        finally:
            self.table.selectionModel().blockSignals(False)
