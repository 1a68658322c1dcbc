"""The document queue: a status filter, a search box, an order and the queue's table
(the model is in queue_model.py)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.changes import Change
from reviewer.core.storage import Storage
from reviewer.gui.queue_model import FILTERS, SORT_KEYS, SORTS, DocumentQueueModel

__all__ = ["FILTERS", "SORT_KEYS", "SORTS", "DocumentQueueModel", "QueuePanel", "search_terms"]


class QueuePanel(QWidget):
    """Filter, search, sort and the queue table.

    Signals: documentSelected(id) when the reviewer picks a row; listChanged() when the
    filter, search or sort changed which documents the list shows or their order (the
    status bar's "Document N of M"); searchTermsChanged(list of words) when the applied
    search changed (the text view highlights them); sortChanged(key, descending).

    A fresh panel starts on "To review"; when that list is empty but the database is not
    (every document left is in progress or decided), it starts on "All" instead, so the
    reviewer never starts on an empty list.
    """

    documentSelected = Signal(int)
    listChanged = Signal()
    searchTermsChanged = Signal(list)
    sortChanged = Signal(str, bool)

    def __init__(self, storage: Storage, parent=None):
        super().__init__(parent)
        start = 0  # "To review"
        self.model = DocumentQueueModel(storage, self, status=FILTERS[start][1])
        if not self.model.rowCount() and storage.count_documents():
            start = len(FILTERS) - 1  # "All"
            self.model.set_filter(FILTERS[start][1], None)
        self._terms: list[str] = []
        self._sorted = (self.model.sort_key, self.model.descending)  # as last announced
        self.filter = QComboBox()
        for text, _ in FILTERS:
            self.filter.addItem(text)
        self.filter.setCurrentIndex(start)
        self.filter.setToolTip("Which documents the queue shows")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search text…")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _=None: self._search_timer.start())
        self.filter.currentIndexChanged.connect(lambda _=None: self._apply_filter())
        self.sort_box = QComboBox()
        for text, _ in SORTS:
            self.sort_box.addItem(text)
        self.sort_box.setToolTip("The order of the queue (or click a column's header)")
        self.sort_box.currentIndexChanged.connect(lambda i: self.set_sort(SORTS[i][1], self.model.descending))
        self.sort_order = QToolButton()
        self.sort_order.setCheckable(True)
        self.sort_order.setAutoRaise(True)
        self.sort_order.toggled.connect(lambda down: self.set_sort(self.model.sort_key, down))

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
        for col, width in enumerate((76, 84, 150, 80, 48)):  # at least the header's text and its arrow
            self.table.setColumnWidth(col, max(width, metrics.horizontalAdvance(DocumentQueueModel.COLUMNS[col]) + 28))
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        header.setSortIndicatorClearable(True)  # a third click goes back to ingest order
        header.setSortIndicator(-1, Qt.AscendingOrder)
        self.table.setSortingEnabled(True)  # calls model.sort(-1): ingest order, already the model's
        header.sortIndicatorChanged.connect(lambda *_: self._sort_applied())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self._show_sort()

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter)
        top.addWidget(self.search, 1)
        order = QHBoxLayout()
        order.setContentsMargins(0, 0, 0, 0)
        order.addWidget(QLabel("Sort:"))
        order.addWidget(self.sort_box)
        order.addWidget(self.sort_order)
        order.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 4)
        layout.addLayout(top)
        layout.addLayout(order)
        layout.addWidget(self.table)

    def apply(self, change: Change) -> None:
        """Update from a committed change: a document's row, or the whole list when a
        document's status changed (it may leave or join the filtered list)."""
        if change.document is not None:
            self.refresh()
        elif change.counts_changed:
            self.model.update_document(change.document_id)

    def refresh(self) -> None:
        """Re-read the list. When the open document left it, no other row looks selected
        (the current row stays where it was, so Ctrl+Right still goes on from there)."""
        before = self.current_document()
        self.model.refresh()
        if before is not None and self.current_document() != before:
            self.table.selectionModel().clearSelection()

    # -- filter and search -------------------------------------------------------
    def _apply_filter(self) -> None:
        current = self.current_document()
        self.model.set_filter(FILTERS[self.filter.currentIndex()][1], self.search.text().strip())
        if current is not None:
            self.select_document(current, emit=False)
        terms = search_terms(self.model.search or "")
        if terms != self._terms:
            self._terms = terms
            self.searchTermsChanged.emit(list(terms))
        self.listChanged.emit()

    def stop_pending_search(self) -> None:
        self._search_timer.stop()

    def set_filter_name(self, name: str) -> None:
        for i, (text, _) in enumerate(FILTERS):
            if text == name:
                self.filter.setCurrentIndex(i)

    def filter_name(self) -> str:
        return FILTERS[self.filter.currentIndex()][0]

    def search_terms(self) -> list[str]:
        """The words of the search applied to the list, without search syntax (quotes, *, ^,
        parentheses), in order, once each. The search matches them all, the last as a prefix."""
        return list(self._terms)

    # -- order -------------------------------------------------------------------
    def sort_key(self) -> str:
        """The queue's order: one of SORT_KEYS ("ingest", "date", "company", "form", "pending",
        "confidence")."""
        return self.model.sort_key

    def sort_descending(self) -> bool:
        return self.model.descending

    def set_sort(self, key: str, descending: bool = False) -> None:
        """Order the queue by ``key`` (see sort_key), ties in ingest order; documents without a
        key come last either way. The selected document stays selected."""
        self.model.set_sort(key, descending)  # ValueError for an unknown key
        self._sort_applied()

    def _sort_applied(self) -> None:
        """After a sort from the header, the combo or set_sort: show it, say it."""
        self._show_sort()
        if self._sorted != (self.model.sort_key, self.model.descending):
            self._sorted = (self.model.sort_key, self.model.descending)
            self.sortChanged.emit(self.model.sort_key, self.model.descending)
            self.listChanged.emit()

    def _show_sort(self) -> None:
        key, down = self.model.sort_key, self.model.descending
        for widget in (self.sort_box, self.sort_order, self.table.horizontalHeader()):
            widget.blockSignals(True)
        try:
            self.sort_box.setCurrentIndex(SORT_KEYS.index(key))
            self.sort_order.setChecked(down)
            self.sort_order.setText("↓" if down else "↑")
            self.sort_order.setToolTip("Descending: click for ascending" if down else "Ascending: click for descending")
            header = self.table.horizontalHeader()
            column = header.sortIndicatorSection()  # the Status column's click sorts in ingest order
            if not (key == "ingest" and column == 0):
                sorts = DocumentQueueModel.COLUMN_SORTS
                column = sorts.index(key) if key in sorts[1:] else -1
            header.setSortIndicator(column, Qt.DescendingOrder if down else Qt.AscendingOrder)
        finally:
            for widget in (self.sort_box, self.sort_order, self.table.horizontalHeader()):
                widget.blockSignals(False)

    # -- position and moving on --------------------------------------------------
    def position(self, document_id: int | None) -> tuple[int, int]:
        """(the document's row in the list, -1 when it is not in it or None; the list's length)."""
        count = self.model.rowCount()
        if document_id is None:
            return -1, count
        row = self.current_row()
        if row >= 0 and self.model.document_id(row) == document_id:
            return row, count
        found = self.model.row_of(document_id)
        return (-1 if found is None else found), count

    def next_to_review(self, after_document_id: int) -> int | None:
        """The next document still pending after ``after_document_id`` in this list as it is
        shown (filter, search, order), wrapping to the first; None when the list has no other
        pending document. The document need not be in the list any more (approved, it has left
        "To review", or moved in a "Pending fields" order): the order is the list's before the
        refresh that the decision caused."""
        m = self.model
        if m.status in ("approved", "rejected") or not m.rowCount():
            return None
        shown = set(m.ids)
        for order in (m.before_refresh, m.ids):
            try:
                start = order.index(after_document_id) + 1
            except ValueError:
                continue
            for lo, hi in ((start, len(order)), (0, start)):  # from the next row to the end, then wrap
                for page in range(lo, hi, m.PAGE):
                    ids = [i for i in order[page:min(page + m.PAGE, hi)] if i in shown and i != after_document_id]
                    pending = m.storage.pending_among(ids)
                    found = next((i for i in ids if i in pending), None)
                    if found is not None:
                        return found
        found = m.storage.pending_among([i for i in m.ids[:m.PAGE] if i != after_document_id])
        return next((i for i in m.ids if i in found), None)

    # -- selection ---------------------------------------------------------------
    def _row_changed(self, current: QModelIndex, _previous=None) -> None:
        if self.model.refreshing:  # its document left the list: the open document stays open
            return
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
        already = self.current_row() == row  # e.g. moved there when its document left the list
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.table.scrollTo(self.model.index(row, 0))
        if already and not self.table.selectionModel().signalsBlocked():
            self._row_changed(self.model.index(row, 0))
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


def search_terms(search: str) -> list[str]:
    """The words of a search box's text, without search syntax, once each."""
    terms: list[str] = []
    for word in search.split():
        word = word.strip('"*^()')
        if word and word not in terms:
            terms.append(word)
    return terms
