"""The queue's table model: a lazy list over the database, filtered, searched and sorted.

The list's ids are read in one query (800 KB for 100,000 documents); rows are fetched a
page at a time, by id, as the view scrolls; the model keeps a few pages and forgets the rest.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from reviewer.core.storage import Storage
from reviewer.gui.common import ALIGN, DISPLAY, FOREGROUND, TOOLTIP

FILTERS = [
    ("To review", "to_review"),  # every document not yet approved or rejected
    ("Not started", "not_started"),
    ("In progress", "in_progress"),
    ("Approved", "approved"),
    ("Rejected", "rejected"),
    ("All", None),
]
# the queue's orders: the combo's text and the storage's sort key
SORTS = [
    ("Ingest order", "ingest"),
    ("Report date", "date"),
    ("Company", "company"),
    ("Form", "form"),
    ("Pending fields", "pending"),
    ("Lowest confidence", "confidence"),  # triage: the least sure pending field first
]
SORT_KEYS = [key for _, key in SORTS]
STATUS_TEXT = {"pending": "pending", "approved": "approved", "rejected": "rejected"}
STATUS_COLOUR = {"approved": QColor("#2e7d32"), "rejected": QColor("#9e9e9e")}


class DocumentQueueModel(QAbstractTableModel):
    """The queue's rows for one filter, search and order.

    One query reads the ids of the whole list in its order (800 KB for 100,000 documents);
    rows are read a page at a time, by id, as the view shows them. ``row_of`` answers from
    that list, so it always agrees with what the view shows; a refresh re-reads it."""

    COLUMNS = ("Status", "Type", "Company", "Report date", "Decided")
    # the sort key of each column (the Status column sorts in ingest order)
    COLUMN_SORTS = ("ingest", "form", "company", "date", "pending")
    PAGE = 200
    KEEP_PAGES = 20
    IdRole = int(Qt.UserRole.value) + 1

    def __init__(self, storage: Storage, parent=None, *, status: str | None = None):
        super().__init__(parent)
        self.storage = storage
        self.status: str | None = status
        self.search: str | None = None
        self.sort_key = "ingest"
        self.descending = False
        self.refreshing = False
        self._ids = self._query()
        self.before_refresh = array("q")  # the list before the last refresh (next_to_review's order)
        self._pages: OrderedDict[int, list[dict]] = OrderedDict()
        self._right = int((Qt.AlignRight | Qt.AlignVCenter).value)

    def _query(self) -> array:
        return array("q", self.storage.queue_ids(status=self.status, search=self.search,
                                                 sort=self.sort_key, descending=self.descending))

    # -- filter and order --------------------------------------------------------
    def set_filter(self, status: str | None, search: str | None) -> None:
        self.beginResetModel()
        self.status, self.search = status, (search or None)
        self._pages.clear()
        self.before_refresh = array("q")
        self._ids = self._query()
        self.endResetModel()

    def set_sort(self, key: str, descending: bool = False) -> None:
        """Re-query in another order; the view's selection stays on its documents."""
        if key not in SORT_KEYS:
            raise ValueError(f"unknown sort {key!r}")
        if (key, descending) == (self.sort_key, self.descending):
            return
        self.sort_key, self.descending = key, descending
        self.before_refresh = array("q")
        ids = self._query()
        self._pages.clear()
        if sorted(ids) != sorted(self._ids):  # the database changed meanwhile: no layout to keep
            self.beginResetModel()
            self._ids = ids
            self.endResetModel()
        else:
            self._relayout(ids)

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:  # the view's header asks
        key = self.COLUMN_SORTS[column] if 0 <= column < len(self.COLUMN_SORTS) else "ingest"
        self.set_sort(key, column >= 0 and order == Qt.DescendingOrder)

    def refresh(self) -> None:
        """Re-read the list and its rows (after decisions, or documents added by ingest):
        the documents that left it are removed and those that joined it inserted where they
        belong, so the view's selection stays on its document (``refreshing`` is true meanwhile:
        a current row moved off a removed document is no choice of the reviewer's)."""
        new = self._query()
        self._pages.clear()
        self.before_refresh = array("q", self._ids)
        self.refreshing = True
        try:
            self._remove_rows(set(new))
            old = set(self._ids)
            kept = array("q", (i for i in new if i in old))
            if kept != self._ids:  # keys changed: the same documents, in another order
                self._relayout(kept)
            self._insert_rows(new)
        finally:
            self.refreshing = False
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.COLUMNS) - 1))

    def _remove_rows(self, keep: set[int]) -> None:
        row = len(self._ids) - 1
        while row >= 0:
            if self._ids[row] in keep:
                row -= 1
                continue
            end = row
            while row >= 0 and self._ids[row] not in keep:
                row -= 1
            self.beginRemoveRows(QModelIndex(), row + 1, end)
            del self._ids[row + 1:end + 1]
            self.endRemoveRows()

    def _insert_rows(self, new: array) -> None:
        """Insert the ids of ``new`` missing from the list, which holds the others in ``new``'s order."""
        row = 0
        while row < len(new):
            if row < len(self._ids) and self._ids[row] == new[row]:
                row += 1
                continue
            upto = self._ids[row] if row < len(self._ids) else None  # comes later in new
            end = row
            while end < len(new) and new[end] != upto:
                end += 1
            self.beginInsertRows(QModelIndex(), row, end - 1)
            self._ids[row:row] = new[row:end]
            self.endInsertRows()
            row = end

    def _relayout(self, order: array) -> None:
        """The same ids in ``order``, persistent indexes following their documents."""
        self.layoutAboutToBeChanged.emit()
        old, self._ids = self._ids, order
        rows = {doc_id: row for row, doc_id in enumerate(order)}
        before = self.persistentIndexList()
        after = []
        for index in before:
            row = rows.get(old[index.row()]) if 0 <= index.row() < len(old) else None
            after.append(self.index(row, index.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def update_document(self, document_id: int) -> None:
        """Re-read one document's row (after a decision on one of its fields)."""
        for page, rows in self._pages.items():
            for i, r in enumerate(rows):
                if r is not None and r["id"] == document_id:
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
            ids = self._ids[page * self.PAGE:(page + 1) * self.PAGE].tolist()
            found = {r["id"]: r for r in self.storage.queue_rows(ids=ids)}
            rows = [found.get(i) for i in ids]  # None: deleted since the list was read
            self._pages[page] = rows
            while len(self._pages) > self.KEEP_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        i = row - page * self.PAGE
        return rows[i] if 0 <= i < len(rows) else None

    @property
    def ids(self) -> array:
        """The list's document ids, in its order (do not change it)."""
        return self._ids

    def document_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, document_id: int) -> int | None:
        """The document's row in the list as read (None: not in it)."""
        try:
            return self._ids.index(document_id)
        except ValueError:
            return None

    # -- Qt model API ------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        if int(role) == DISPLAY and orientation == Qt.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def data(self, index, role=DISPLAY):
        role = int(role)
        row = index.row()
        if not 0 <= row < len(self._ids):
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


