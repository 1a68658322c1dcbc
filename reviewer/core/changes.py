"""Changes flow one way: a review action produces a Change; every view updates itself from it.

``Change`` says what one action changed (which fields, which document, the document's
recomputed checks, and what caused it). ``DocumentFields`` is the one list of the
current document's fields that both the fields table and the highlighted text read,
in the two orders they show; it applies a Change in place. Qt-free.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from reviewer.core.model import Check, Document, Field


@dataclass(frozen=True)
class Change:
    """What one committed action changed."""

    cause: str  # the audit action: "accepted", "edited", "undo accepted", "document approved", ...
    document_id: int
    fields: tuple[Field, ...] = ()  # fields as now stored (decided, edited, added or restored)
    removed: tuple[int, ...] = ()  # ids of fields that no longer exist
    document: Document | None = None  # the document (without text), when its status changed
    checks: tuple[Check, ...] | None = None  # the document's checks, when a field they read changed

    @property
    def counts_changed(self) -> bool:
        """Whether the queue's and status bar's counts may have moved."""
        return bool(self.fields or self.removed or self.document)


class DocumentFields:
    """The fields of the document under review, in table order (label order of the schema,
    then position) and in text order (position), kept in step with every Change."""

    def __init__(self, label_order: dict[str, int]):
        self.label_order = label_order
        self.document: Document | None = None
        self.by_label: list[Field] = []
        self.by_position: list[Field] = []
        self.starts: list[int] = []  # start offsets of by_position, for bisect
        self._row: dict[int, int] = {}
        self._position: dict[int, int] = {}
        self.resorted = False  # whether the last change re-sorted the lists (fields came, went or moved)

    def load(self, document: Document | None, fields: list[Field]) -> None:
        self.document = document
        self._sort(fields)

    def _sort(self, fields: list[Field]) -> None:
        order = self.label_order
        self.by_label = sorted(fields, key=lambda f: (order.get(f.label, 99), f.start, f.end, f.id or 0))
        self.by_position = sorted(fields, key=lambda f: (f.start, f.end, f.id or 0))
        self.starts = [f.start for f in self.by_position]
        self._row = {f.id: i for i, f in enumerate(self.by_label)}
        self._position = {f.id: i for i, f in enumerate(self.by_position)}

    def apply(self, change: Change) -> tuple[list[int], bool]:
        """Take a change in: (rows of by_label changed in place, whether the lists were re-sorted
        because fields came or went, or a field's span moved)."""
        self.resorted = False
        if self.document is None or change.document_id != self.document.id:
            return [], False
        if change.document is not None or change.checks is not None:
            base = change.document or self.document
            self.document = replace(base, text=self.document.text,
                                    checks=list(change.checks) if change.checks is not None else base.checks)
        new = [f for f in change.fields if f.id not in self._row]
        moved = not new and any((old := self.by_label[self._row[f.id]]).start != f.start or old.end != f.end
                                for f in change.fields)
        if new or moved or change.removed:
            gone = set(change.removed)
            current = {f.id: f for f in self.by_label if f.id not in gone}
            current.update((f.id, f) for f in change.fields)
            self._sort(list(current.values()))
            self.resorted = True
            return [], True
        rows = []
        for f in change.fields:
            row = self._row[f.id]
            self.by_label[row] = f
            self.by_position[self._position[f.id]] = f
            rows.append(row)
        return rows, False

    # -- lookups -----------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.by_label)

    def row_of(self, field_id: int) -> int | None:
        return self._row.get(field_id)

    def decided(self) -> int:
        return sum(1 for f in self.by_label if f.status != "pending")

    def next_pending(self, after_row: int) -> int | None:
        """The row of the next pending field after ``after_row``, wrapping round; the first
        row when nothing is pending and nothing was selected; else None."""
        n = len(self.by_label)
        for k in range(1, n + 1):
            row = (after_row + k) % n
            if self.by_label[row].status == "pending":
                return row
        return 0 if after_row < 0 and n else None

    def at(self, offset: int, reach: int = 50) -> list[Field]:
        """Fields whose span covers a text offset (looking back over at most ``reach`` spans)."""
        i = bisect.bisect_right(self.starts, offset)
        return [f for f in self.by_position[max(0, i - reach): i] if f.start <= offset < f.end]

    def present_labels(self) -> set[str]:
        return {f.label for f in self.by_label if f.status != "rejected"}
