"""A review session: the reviewer's actions on fields and documents, with undo and redo.

Every action is committed to the database at once, with its audit row, through
Storage; undo and redo are actions too (audited as "undo ..." and "redo ...").
Nothing is kept only in memory but the undo history of the session. When a field a
cross-field check reads changes, the document's checks are recomputed from the
reviewed values in the same transaction. Each committed action is then announced to
the subscribers as a Change, from which every view updates itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from reviewer.core.changes import Change
from reviewer.core.extract import recheck
from reviewer.core.extract.schema import Schema
from reviewer.core.model import Check, Document, Field
from reviewer.core.storage import Storage
from reviewer.core.values import parse_value


class ReviewError(Exception):
    """An action that cannot be done; the message says why."""


def _saving(method):
    """Database errors leave an action as StorageError with a reason (nothing was saved)."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self.storage.database_errors():
            return method(self, *args, **kwargs)
    return wrapper


@dataclass
class Step:
    """One undoable action. ``op``: decision, add, delete, document."""

    op: str
    action: str
    document_id: int
    field_id: int | None = None
    before: Field | Document | None = None
    after: Field | Document | None = None
    parts: list[Step] = field(default_factory=list)  # for approving with "accept all"


class ReviewSession:
    def __init__(self, storage: Storage, reviewer: str, schema: Schema):
        if not reviewer.strip():
            raise ReviewError("a reviewer name is needed")
        self.storage = storage
        self.reviewer = reviewer.strip()
        self.schema = schema
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._subscribers: list[Callable[[Change], None]] = []

    # -- changes -----------------------------------------------------------------
    def subscribe(self, callback: Callable[[Change], None]) -> None:
        """Call ``callback(change)`` after every committed action."""
        self._subscribers.append(callback)

    def _announce(self, change: Change) -> Change:
        for callback in self._subscribers:
            callback(change)
        return change

    def _recheck(self, document_id: int, labels: Iterable[str], doc: Document | None = None,
                 ) -> tuple[Check, ...] | None:
        """Recompute and store the document's checks if a changed label feeds one; the
        checks when they changed, else None. Call inside the action's transaction."""
        if not recheck.reads(labels):
            return None
        doc = doc or self.storage.get_document(document_id, with_text=False)
        checks = recheck.recheck(self.storage.fields(doc.id), doc.checks)
        if checks == doc.checks:
            return None
        self.storage.set_checks(doc.id, checks)
        return tuple(checks)

    def _field_written(self, document_id: int, labels: Iterable[str],
                       ) -> tuple[tuple[Check, ...] | None, Document | None]:
        """What a field decision entails for its document, inside the action's transaction:
        (its checks when they changed, the document when it had to be reopened).

        A field decided on an approved or rejected document reopens it (audited), so that
        it is never approved with values nobody approved."""
        doc = self.storage.get_document(document_id, with_text=False)
        checks = self._recheck(document_id, labels, doc)
        if doc.status == "pending":
            return checks, None
        return checks, self.storage.set_document_status(document_id, "pending", reviewer=self.reviewer,
                                                        action="document reopened by a field decision")

    # -- field decisions ---------------------------------------------------------
    @_saving
    def accept(self, field_id: int) -> Field:
        """Accept a field. An edited or added field keeps its status: accepting never
        downgrades the reviewer's own value."""
        current = self.storage.get_field(field_id)
        if current.status in ("edited", "added"):
            return current
        return self._decide(current, "accepted")

    @_saving
    def reject(self, field_id: int) -> Field:
        return self._decide(self.storage.get_field(field_id), "rejected")

    @_saving
    def edit(self, field_id: int, text: str) -> Field:
        """Set the field's value from what the reviewer typed; the field becomes "edited"."""
        current = self.storage.get_field(field_id)
        label = self.schema[current.label] if current.label in self.schema else None
        try:
            value = parse_value(label.type if label else "text", text)
        except ValueError as err:
            raise ReviewError(str(err)) from None
        status = "added" if current.status == "added" else "edited"
        return self._decide(current, status, value=value, action="edited")

    def _decide(self, before: Field, status: str, value=..., action: str | None = None) -> Field:
        if before.status == "absent":
            raise ReviewError("a 'not in document' mark can only be deleted")
        field_id = before.id
        with self.storage.transaction():
            after = self.storage.record_decision(field_id, status=status, reviewer=self.reviewer, value=value,
                                                 action=action)
            checks, document = self._field_written(after.document_id, {after.label})
        self._push(Step("decision", action or status, before.document_id, field_id, before, after))
        self._announce(Change(action or status, after.document_id, fields=(after,), checks=checks,
                              document=document))
        return after

    @_saving
    def add(self, document_id: int, label: str, start: int, end: int) -> Field:
        """A field the extractor missed, from a span of the document text."""
        if label not in self.schema:
            raise ReviewError(f"unknown label {label!r}")
        doc = self.storage.get_document(document_id)
        if not (0 <= start < end <= len(doc.text)):
            raise ReviewError("select some text of the document first")
        text = doc.text[start:end]
        try:
            value = parse_value(self.schema[label].type, text)
        except ValueError:
            value = " ".join(text.split())
        new = Field(None, document_id, label, start, end, text, value=value, confidence=1.0,
                    extractor=f"reviewer:{self.reviewer}", status="added")
        return self._add(document_id, new, "added")

    def _add(self, document_id: int, new: Field, action: str) -> Field:
        with self.storage.transaction():
            after = self.storage.add_decided_field(document_id, new, reviewer=self.reviewer, action=action)
            checks, document = self._field_written(document_id, {after.label})
        self._push(Step("add", action, document_id, after.id, None, after))
        self._announce(Change(action, document_id, fields=(after,), checks=checks, document=document))
        return after

    @_saving
    def mark_absent(self, document_id: int, label: str) -> Field:
        """Record that a single-valued label is not in the document (not "never looked at")."""
        if label not in self.schema:
            raise ReviewError(f"unknown label {label!r}")
        if self.schema[label].many:
            raise ReviewError(f"{self.schema[label].display} may occur many times; only single-valued "
                              "labels can be marked as not in the document")
        if label in self._present_labels(document_id):
            raise ReviewError(f"the document already has a {self.schema[label].display} field")
        new = Field(None, document_id, label, 0, 0, "", value=None, confidence=1.0,
                    extractor=f"reviewer:{self.reviewer}", status="absent")
        return self._add(document_id, new, "absent")

    @_saving
    def absent_choices(self, document_id: int, doc_type: str) -> list[str]:
        """The labels that may be marked "not in document": single-valued, applying to the
        document's type, and with no field that is not rejected."""
        present = self._present_labels(document_id)
        return [lb.name for lb in self.schema.labels
                if not lb.many and lb.applies(doc_type) and lb.name not in present]

    def _present_labels(self, document_id: int) -> set[str]:
        return {f.label for f in self.storage.fields(document_id) if f.status != "rejected"}

    @_saving
    def delete(self, field_id: int) -> Field:
        """Remove a field the reviewer added (or a "not in document" mark)."""
        before = self.storage.get_field(field_id)
        if before.status not in ("added", "absent"):
            raise ReviewError("only fields you added can be deleted; reject an extracted field instead")
        with self.storage.transaction():
            self.storage.delete_field(field_id, reviewer=self.reviewer)
            checks, document = self._field_written(before.document_id, {before.label})
        self._push(Step("delete", "deleted", before.document_id, field_id, before, None))
        self._announce(Change("deleted", before.document_id, removed=(field_id,), checks=checks,
                              document=document))
        return before

    # -- documents ---------------------------------------------------------------
    @_saving
    def pending_count(self, document_id: int) -> int:
        return self.storage.field_counts(document_id).get("pending", 0)

    @_saving
    def approve(self, document_id: int, *, accept_pending: bool = False) -> Document:
        """Approve a document. Pending fields must be decided first, or accepted here."""
        parts: list[Step] = []
        if self.pending_count(document_id) and not accept_pending:
            raise ReviewError("fields are still pending")
        with self.storage.transaction():  # all the accepts and the approval, or none
            for f in self.storage.fields(document_id):
                if f.status == "pending":
                    after = self.storage.record_decision(f.id, status="accepted", reviewer=self.reviewer,
                                                         action="accepted (approve)")
                    parts.append(Step("decision", "accepted", document_id, f.id, f, after))
            step = self._document_step(document_id, "approved", "document approved", parts)
        self._push(step)  # into the history only once it is committed
        self._announce(Change(step.action, document_id, fields=tuple(p.after for p in parts), document=step.after))
        return step.after

    @_saving
    def reject_document(self, document_id: int) -> Document:
        return self._set_document(document_id, "rejected", "document rejected", [])

    @_saving
    def reopen(self, document_id: int) -> Document:
        return self._set_document(document_id, "pending", "document reopened", [])

    def _set_document(self, document_id, status, action, parts) -> Document:
        step = self._document_step(document_id, status, action, parts)
        self._push(step)
        self._announce(Change(action, document_id, document=step.after))
        return step.after

    def _document_step(self, document_id, status, action, parts) -> Step:
        before = self.storage.get_document(document_id, with_text=False)
        after = self.storage.set_document_status(document_id, status, reviewer=self.reviewer, action=action)
        return Step("document", action, document_id, None, before, after, parts)

    # -- undo / redo -------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def _push(self, step: Step) -> None:
        self._undo.append(step)
        self._redo.clear()

    @_saving
    def undo(self) -> Step | None:
        if not self._undo:
            return None
        step = self._undo[-1]
        touched = _Touched()
        with self.storage.transaction():  # every part of the step, or none
            self._revert(step, touched)
            checks = self._recheck(step.document_id, touched.labels)
        self._redo.append(self._undo.pop())  # history moves only once it is saved
        self._announce(touched.change(f"undo {step.action}", step.document_id, checks))
        return step

    @_saving
    def redo(self) -> Step | None:
        if not self._redo:
            return None
        step = self._redo[-1]
        touched = _Touched()
        with self.storage.transaction():
            self._apply(step, touched)
            checks = self._recheck(step.document_id, touched.labels)
        self._undo.append(self._redo.pop())
        self._announce(touched.change(f"redo {step.action}", step.document_id, checks))
        return step

    def _revert(self, step: Step, touched: _Touched) -> None:
        s, who = self.storage, self.reviewer
        if step.op == "decision":
            touched.field(s.record_decision(step.field_id, status=step.before.status, value=step.before.value,
                                            reviewer=who, action=f"undo {step.action}"))
        elif step.op == "add":
            touched.gone(s.delete_field(step.field_id, reviewer=who, action=f"undo {step.action}"))
        elif step.op == "delete":
            touched.field(s.add_decided_field(step.document_id, _copy(step.before), reviewer=who,
                                              action="undo deleted", field_id=step.field_id))
        elif step.op == "document":
            touched.document = s.set_document_status(step.document_id, step.before.status, reviewer=who,
                                                     action=f"undo {step.action}")
            for part in reversed(step.parts):
                self._revert(part, touched)

    def _apply(self, step: Step, touched: _Touched) -> None:
        s, who = self.storage, self.reviewer
        if step.op == "decision":
            touched.field(s.record_decision(step.field_id, status=step.after.status, value=step.after.value,
                                            reviewer=who, action=f"redo {step.action}"))
        elif step.op == "add":
            touched.field(s.add_decided_field(step.document_id, _copy(step.after), reviewer=who,
                                              action=f"redo {step.action}", field_id=step.field_id))
        elif step.op == "delete":
            touched.gone(s.delete_field(step.field_id, reviewer=who, action="redo deleted"))
        elif step.op == "document":
            for part in step.parts:
                self._apply(part, touched)
            touched.document = s.set_document_status(step.document_id, step.after.status, reviewer=who,
                                                     action=f"redo {step.action}")


class _Touched:
    """What an undo or redo changed, gathered into one Change."""

    def __init__(self):
        self.fields: dict[int, Field] = {}
        self.removed: list[int] = []
        self.labels: set[str] = set()
        self.document: Document | None = None

    def field(self, f: Field) -> None:
        self.fields[f.id] = f
        self.labels.add(f.label)

    def gone(self, f: Field) -> None:
        self.fields.pop(f.id, None)
        self.removed.append(f.id)
        self.labels.add(f.label)

    def change(self, cause: str, document_id: int, checks) -> Change:
        return Change(cause, document_id, fields=tuple(self.fields.values()), removed=tuple(self.removed),
                      document=self.document, checks=checks)


def _copy(f: Field) -> Field:
    return Field(None, f.document_id, f.label, f.start, f.end, f.text, value=f.value,
                 confidence=f.confidence, extractor=f.extractor, status=f.status,
                 original_value=f.original_value)
