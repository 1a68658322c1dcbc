"""The fields table's model: the current document's fields (DocumentFields.by_label) in the
order and under the filter the reviewer chose.

The model keeps its own view order (a list of indices into by_label), not a
QSortFilterProxyModel: sorting 1,500 fields is one Python sort of plain keys, and data()
stays one list look-up away from the field. Rows of this model are rows of the view.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from reviewer.core.changes import DocumentFields
from reviewer.core.extract.schema import Schema
from reviewer.core.model import Field
from reviewer.core.values import format_value
from reviewer.gui.common import ALIGN, DECORATION, DISPLAY, EDIT, FONT, FOREGROUND, TOOLTIP, swatch

STATUS_MARK = {
    "pending": "·", "accepted": "✓", "edited": "✎", "rejected": "✗", "added": "+", "absent": "∅",
}
STATUSES = tuple(STATUS_MARK)
_STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}

LABEL, TEXT, VALUE, CONFIDENCE, STATUS, BY = range(6)
# what a sort by each column means: the label column is the schema's label order (then position),
# the text column is the position in the document
SORT_NAMES = {LABEL: "label", TEXT: "position", VALUE: "value", CONFIDENCE: "confidence", STATUS: "status",
              BY: "who proposed it"}
# the extractors a field's provenance lists ("rules.money+spacy"), as the By column names them
_BY_NAME = {"spacy": "model", "predictions": "imported"}


def proposed_by(f: Field) -> str:
    """Who proposed a field: "you" for one a reviewer added, else its extractors without the
    rule's name ("rules.money+spacy" -> "rules+model")."""
    if f.status in ("added", "absent") or not f.extractor:
        return "you" if f.status in ("added", "absent") else ""
    names = dict.fromkeys(_BY_NAME.get(part.split(".", 1)[0], part.split(".", 1)[0])
                          for part in f.extractor.split("+") if part)
    return "+".join(names)
_ASCENDING = int(Qt.AscendingOrder.value)
KEEP = object()  # arrange(): leave this as it is


class FieldsModel(QAbstractTableModel):
    """The table view of the current document's fields. It keeps no copy of the fields:
    rows map to indices of DocumentFields.by_label through the view order."""

    COLUMNS = ("Label", "Text", "Value", "Conf.", "Status", "By")
    VALUE = VALUE

    def __init__(self, schema: Schema, doc_fields: DocumentFields, editor: Callable[[int, str], bool] | None = None,
                 parent=None):
        super().__init__(parent)
        self.schema = schema
        self.doc_fields = doc_fields
        self.editor = editor  # (field id, typed text) -> saved?
        self.sort_column = LABEL
        self.descending = False
        self.label_filter: str | None = None  # a label name, or None for every label
        self.status_filter: str | None = None  # a status, or None for every status
        self.below_filter: float | None = None  # show only confidences below it (None: any)
        self._rows: list[tuple[str, ...] | None] = []  # display texts by by_label index, computed once per state
        self._sorted: list[int] = []  # every by_label index, in the chosen order
        self._order: list[int] = []  # the shown ones: view row -> by_label index
        self._view_row: dict[int, int] = {}  # field id -> view row
        self._successor: dict[int, int] = {}  # field id -> id of the field after it before it last moved
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
            proposed_by(f),
        )

    @property
    def fields(self) -> list[Field]:
        """Every field of the document, in label order (not the view's order: see field_at)."""
        return self.doc_fields.by_label

    # -- the view order ------------------------------------------------------------
    def _sort_key(self) -> Callable[[int], object]:
        fields, col = self.doc_fields.by_label, self.sort_column
        if col == TEXT:
            return lambda i: (fields[i].start, fields[i].end)
        if col == VALUE:
            return lambda i: format_value(fields[i].value).casefold()
        if col == CONFIDENCE:
            return lambda i: -1.0 if fields[i].confidence is None else fields[i].confidence
        if col == STATUS:
            return lambda i: _STATUS_RANK.get(fields[i].status, 99)
        if col == BY:
            return lambda i: proposed_by(fields[i])
        order = self.doc_fields.label_order
        return lambda i: order.get(fields[i].label, 99)

    def _compute(self) -> tuple[list[int], list[int]]:
        n = len(self.doc_fields.by_label)
        if self.sort_column == LABEL and not self.descending:
            ordered = list(range(n))  # by_label is this order already
        else:  # ties keep label order: Python's sort is stable, also in reverse
            ordered = sorted(range(n), key=self._sort_key(), reverse=self.descending)
        if self.label_filter is None and self.status_filter is None and self.below_filter is None:
            return ordered, ordered
        fields, accepts = self.doc_fields.by_label, self.accepts
        return ordered, [i for i in ordered if accepts(fields[i])]

    def accepts(self, f: Field) -> bool:
        """Whether the filter lets a field be shown. Below a confidence: only what an extractor
        proposed with a confidence under it (a field a reviewer added has none)."""
        below = self.below_filter
        return ((self.label_filter is None or f.label == self.label_filter)
                and (self.status_filter is None or f.status == self.status_filter)
                and (below is None or (f.confidence is not None and f.status not in ("added", "absent")
                                       and f.confidence < below)))

    def _take(self, ordered: list[int], order: list[int]) -> None:
        fields = self.doc_fields.by_label
        self._sorted, self._order = ordered, order
        self._view_row = {fields[i].id: row for row, i in enumerate(order)}

    def reset(self) -> None:
        """The fields came or went (or the document changed): show the list afresh, in the
        chosen order and under the chosen filter."""
        self.beginResetModel()
        self._rows = [None] * len(self.doc_fields.by_label)  # filled as rows are shown
        self._successor = {}
        self._take(*self._compute())
        self.endResetModel()

    def arrange(self, sort_column: int | None = None, descending: bool | None = None,
                label: str | None | object = KEEP, status: str | None | object = KEEP,
                below: float | None | object = KEEP) -> None:
        """Change the order or the filter (arguments left out stay as they are)."""
        if sort_column is not None:
            self.sort_column = sort_column
        if descending is not None:
            self.descending = descending
        if label is not KEEP:
            self.label_filter = label
        if status is not KEEP:
            self.status_filter = status
        if below is not KEEP:
            self.below_filter = below
        self.beginResetModel()
        self._successor = {}
        self._take(*self._compute())
        self.endResetModel()

    def sort(self, column, order=Qt.AscendingOrder):
        """Called by the view when the header is clicked."""
        if 0 <= column < len(self.COLUMNS):
            self.arrange(column, int(getattr(order, "value", order)) != _ASCENDING)

    def rows_changed(self, rows: list[int], rearrange: bool = True) -> bool:
        """Fields changed in place (rows of by_label). Returns whether the view order changed
        (then the model was reset: the caller restores the selection). With rearrange False the
        new texts are shown where the rows are; rearrange(rows) moves them later."""
        for i in rows:
            self._rows[i] = None
        if rearrange and self.rearrange(rows):
            return True
        fields, last = self.doc_fields.by_label, len(self.COLUMNS) - 1
        for i in rows:
            row = self._view_row.get(fields[i].id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        return False

    def rearrange(self, rows: list[int]) -> bool:
        """Put changed rows (of by_label) where the order and the filter now want them.
        Returns whether the view order changed (then the model was reset)."""
        self._successor = {}
        if self.sort_column not in (VALUE, STATUS) and self.status_filter is None:
            return False  # a decision or an edit moves nothing
        ordered, order = self._compute()
        if order == self._order:
            self._sorted = ordered
            return False
        # remember what followed each changed field, so that "the next one" still means the
        # one after it as the reviewer saw it
        fields, n = self.doc_fields.by_label, len(self._sorted)
        position = {i: k for k, i in enumerate(self._sorted)}
        self._successor = {fields[i].id: fields[self._sorted[(position[i] + 1) % n]].id
                           for i in rows if i in position and n > 1}
        self.beginResetModel()
        self._take(ordered, order)
        self.endResetModel()
        return True

    # -- look-ups --------------------------------------------------------------------
    def row_of(self, field_id: int) -> int | None:
        """The view row of a field (None when the filter hides it)."""
        return self._view_row.get(field_id)

    def field_at(self, row: int) -> Field | None:
        return self.doc_fields.by_label[self._order[row]] if 0 <= row < len(self._order) else None

    def scan_from(self, field_id: int | None) -> int:
        """Where, in the sorted list of every field, "after this field" begins."""
        if field_id is None or not self._sorted:
            return 0
        anchor = self._successor.get(field_id)
        if anchor is not None:
            field_id, skip = anchor, 0
        else:
            skip = 1
        row = self.doc_fields.row_of(field_id)
        if row is None:
            return 0
        return (self._sorted.index(row) + skip) % len(self._sorted)  # O(n) in C, once per decision

    def sorted_fields(self, start: int) -> list[Field]:
        """Every field in the chosen order, from a position in it, wrapping round."""
        fields, ordered = self.doc_fields.by_label, self._sorted
        return [fields[i] for i in ordered[start:] + ordered[:start]]

    # -- Qt's model interface ----------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        role = int(role)
        if orientation == Qt.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == DISPLAY:
                return self.COLUMNS[section]
            if role == TOOLTIP:
                return f"Sort by {SORT_NAMES[section]} (click again to reverse)"
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        if index.column() == VALUE and self.editor is not None:
            f = self.field_at(index.row())
            if f is not None and f.status != "absent":
                return self._editable
        return self._flags

    def data(self, index, role=DISPLAY):
        role = int(role)
        row = index.row()
        if not 0 <= row < len(self._order):
            return None
        i = self._order[row]
        col = index.column()
        if role == DISPLAY or role == EDIT:
            shown = self._rows[i]
            if shown is None:
                shown = self._rows[i] = self._display(self.doc_fields.by_label[i])
            return shown[col]
        f = self.doc_fields.by_label[i]
        if role == DECORATION:
            return self._icons.get(f.label) if col == 0 else None
        if role == FOREGROUND:
            return self._grey if f.status == "rejected" else None
        if role == FONT:
            if f.status == "rejected":
                return self._struck
            if col == STATUS and f.status in ("accepted", "edited", "added"):
                return self._bold
            return None
        if role == ALIGN:
            return self._right if col == CONFIDENCE else None
        if role == TOOLTIP:
            return (f"{f.label}: {f.text}\nvalue: {format_value(f.value)}\n"
                    f"extractor: {f.extractor}\nstatus: {f.status}"
                    + (f" by {f.reviewer} at {f.decided_at}" if f.reviewer else ""))
        return None

    def setData(self, index, value, role=EDIT):  # noqa: N802
        if int(role) != EDIT or index.column() != VALUE or self.editor is None:
            return False
        f = self.field_at(index.row())
        if f is None or (str(value) == format_value(f.value) and f.status != "pending"):
            return False
        return bool(self.editor(f.id, str(value)))
