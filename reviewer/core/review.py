"""A review session: the reviewer's actions on fields and documents, with undo and redo.

Every action is committed to the database at once, with its audit row and its step in
the reviewer's undo history (undo_steps.py), in one transaction through Storage; undo and
redo are actions too (audited as "undo ..." and "redo ..."). Nothing is kept only in
memory, so a new session of the same reviewer undoes what the last one did. When a field
a cross-field check reads changes, the document's checks are recomputed from the
reviewed values in the same transaction. Each committed action is then announced to
the subscribers as a Change, from which every view updates itself.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable

from reviewer.core.changes import Change
from reviewer.core.extract import recheck
from reviewer.core.extract.schema import Schema
from reviewer.core.model import Check, Document, Field
from reviewer.core.storage import Storage
from reviewer.core.undo_steps import DocumentState, Replay, Step, Touched, step_from_dict, step_to_dict
from reviewer.core.values import parse_value

__all__ = ["ReviewError", "ReviewSession", "Step"]


class ReviewError(Exception):
    """An action that cannot be done; the message says why."""


def _saving(method):
    """Database errors leave an action as StorageError with a reason (nothing was saved)."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self.storage.database_errors():
            return method(self, *args, **kwargs)
    return wrapper


class ReviewSession:
    def __init__(self, storage: Storage, reviewer: str, schema: Schema):
        if not reviewer.strip():
            raise ReviewError("a reviewer name is needed")
        self.storage = storage
        self.reviewer = reviewer.strip()
        self.schema = schema
        self._replay = Replay(storage, self.reviewer)
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
                       ) -> tuple[tuple[Check, ...] | None, Document | None, str | None]:
        """What a field decision entails for its document, inside the action's transaction:
        (its checks when they changed, the document when it had to be reopened, and the
        status it was reopened from, for the step: undoing the decision restores it).

        A field decided on an approved or rejected document reopens it (audited), so that
        it is never approved with values nobody approved."""
        doc = self.storage.get_document(document_id, with_text=False)
        checks = self._recheck(document_id, labels, doc)
        if doc.status == "pending":
            return checks, None, None
        return checks, self.storage.set_document_status(document_id, "pending", reviewer=self.reviewer,
                                                        action="document reopened by a field decision"), doc.status

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
            checks, document, reopened = self._field_written(after.document_id, {after.label})
            self._push(Step("decision", action or status, before.document_id, field_id, before, after,
                            reopened=reopened))
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
            value = None  # a typed value or none, never a string in a typed label (E types one)
        new = Field(None, document_id, label, start, end, text, value=value, confidence=1.0,
                    extractor=f"reviewer:{self.reviewer}", status="added")
        return self._add(document_id, new, "added")

    def _add(self, document_id: int, new: Field, action: str) -> Field:
        with self.storage.transaction():
            after = self.storage.add_decided_field(document_id, new, reviewer=self.reviewer, action=action)
            checks, document, reopened = self._field_written(document_id, {after.label})
            self._push(Step("add", action, document_id, after.id, None, after, reopened=reopened))
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
            checks, document, reopened = self._field_written(before.document_id, {before.label})
            self._push(Step("delete", "deleted", before.document_id, field_id, before, None, reopened=reopened))
        self._announce(Change("deleted", before.document_id, removed=(field_id,), checks=checks,
                              document=document))
        return before

    @_saving
    def reanchor(self, field_id: int, start: int, end: int) -> Field:
        """Move a field to text[start:end] of its document: its text becomes that text, its
        value is parsed from it with the label's type; it becomes "edited" (an added field
        stays "added"). Announced as a Change "re-anchored" with the field."""
        before = self.storage.get_field(field_id)
        if before.status == "absent":
            raise ReviewError("a 'not in document' mark has no span: delete it and add the field instead")
        doc = self.storage.get_document(before.document_id)
        if not (0 <= start < end <= len(doc.text)):
            raise ReviewError(f"the span {start}-{end} is not inside the document (0-{len(doc.text)}) "
                              "or is empty")
        text = doc.text[start:end]
        kind = self.schema[before.label].type if before.label in self.schema else "text"
        try:
            value = parse_value(kind, text)
        except ValueError as err:
            raise ReviewError(f"cannot move the {before.label} field there: {err}") from None
        status = "added" if before.status == "added" else "edited"
        with self.storage.transaction():
            after = self.storage.set_field_span(field_id, start=start, end=end, text=text, value=value,
                                                status=status, reviewer=self.reviewer, action="re-anchored")
            checks, document, reopened = self._field_written(after.document_id, {after.label})
            self._push(Step("reanchor", "re-anchored", after.document_id, field_id, before, after,
                            reopened=reopened))
        self._announce(Change("re-anchored", after.document_id, fields=(after,), checks=checks, document=document))
        return after

    # -- bulk accepts --------------------------------------------------------------
    @_saving
    def accept_label(self, document_id: int, label: str) -> list[Field]:
        """Accept every pending field of ``label`` in the document: one transaction, an audit
        row per field, one undo step, one Change. [] (and nothing written) when none is pending."""
        if label not in self.schema:
            raise ReviewError(f"unknown label {label!r}")
        return self._accept_many(document_id, lambda f: f.label == label, f"accepted (bulk: label {label})")

    @_saving
    def accept_confident(self, document_id: int, threshold: float) -> list[Field]:
        """Accept every pending field of the document whose confidence is at least
        ``threshold`` (0 to 1), as accept_label does."""
        if not (isinstance(threshold, (int, float)) and not math.isnan(threshold) and 0 <= threshold <= 1):
            raise ReviewError(f"a confidence threshold is between 0 and 1, not {threshold!r}")
        return self._accept_many(document_id, lambda f: f.confidence is not None and f.confidence >= threshold,
                                 f"accepted (bulk: confidence >= {threshold:g})")

    def _accept_many(self, document_id: int, wanted: Callable[[Field], bool], action: str) -> list[Field]:
        def matching() -> list[Field]:
            return [f for f in self.storage.fields(document_id) if f.status == "pending" and wanted(f)]

        if not matching():
            return []  # nothing written, no empty step
        with self.storage.transaction():
            parts = []
            for f in matching():  # read again under the write lock
                after = self.storage.record_decision(f.id, status="accepted", reviewer=self.reviewer, action=action)
                parts.append(Step("decision", "accepted", document_id, f.id, f, after))
            if not parts:
                return []
            checks, document, reopened = self._field_written(document_id, {p.after.label for p in parts})
            self._push(Step("bulk", action, document_id, None, None, None, parts, reopened=reopened))
        fields = [p.after for p in parts]
        self._announce(Change(action, document_id, fields=tuple(fields), checks=checks, document=document))
        return fields

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
            document = self._document_step(document_id, "approved", "document approved", parts)
        self._announce(Change("document approved", document_id, fields=tuple(p.after for p in parts),
                              document=document))
        return document

    @_saving
    def reject_document(self, document_id: int) -> Document:
        return self._set_document(document_id, "rejected", "document rejected", [])

    @_saving
    def reopen(self, document_id: int) -> Document:
        return self._set_document(document_id, "pending", "document reopened", [])

    def _set_document(self, document_id, status, action, parts) -> Document:
        with self.storage.transaction():
            document = self._document_step(document_id, status, action, parts)
        self._announce(Change(action, document_id, document=document))
        return document

    def _document_step(self, document_id, status, action, parts) -> Document:
        """Set the document's status and push its step (with ``parts``), inside the caller's
        transaction; the document as now stored."""
        before = self.storage.get_document(document_id, with_text=False)
        after = self.storage.set_document_status(document_id, status, reviewer=self.reviewer, action=action)
        self._push(Step("document", action, document_id, None, DocumentState(before.id, before.status),
                        DocumentState(after.id, after.status), parts))
        return after

    # -- undo / redo -------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return self.storage.has_undo_step(self.reviewer, "undo")

    @property
    def can_redo(self) -> bool:
        return self.storage.has_undo_step(self.reviewer, "redo")

    def _push(self, step: Step) -> None:
        """Put a step into the reviewer's history: inside the action's transaction, so that
        the history moves only with what it records."""
        self.storage.push_undo_step(self.reviewer, step_to_dict(step))

    @_saving
    def undo(self) -> Step | None:
        """Undo the reviewer's last step (of this session or an earlier one); None when there
        is none. A step whose fields or document someone changed since is refused
        (ReviewError, saying what and by whom) and taken off the history."""
        return self._move("undo")

    @_saving
    def redo(self) -> Step | None:
        return self._move("redo")

    def _move(self, stack: str) -> Step | None:
        if not self.storage.has_undo_step(self.reviewer, stack):
            return None  # nothing to do, and nothing written (a read-only database too)
        undoing = stack == "undo"
        touched = Touched()
        with self.storage.transaction():  # every part of the step and its move in the history, or none
            top = self.storage.top_undo_step(self.reviewer, stack)
            if top is None:
                return None
            step_id, data = top
            try:
                step = step_from_dict(data)
            except (KeyError, TypeError, ValueError) as err:
                step, stale = None, f"the last step of the {stack} history cannot be read ({err})"
            else:
                stale = self._replay.stale(step, undoing=undoing)
            if stale:
                self.storage.drop_undo_step(step_id)
            else:
                (self._replay.revert if undoing else self._replay.apply)(step, touched)
                checks = self._recheck(step.document_id, touched.labels)
                self.storage.move_undo_step(step_id, "redo" if undoing else "undo")
        if stale:
            what = f"{step.action}: " if step else ""
            raise ReviewError(f"{what}{stale}; not {stack}ne (the step is dropped)")
        self._announce(Change(f"{stack} {step.action}", step.document_id, fields=tuple(touched.fields.values()),
                              removed=tuple(touched.removed), document=touched.document, checks=checks))
        return step
