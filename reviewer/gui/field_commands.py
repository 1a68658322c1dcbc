"""What the review keys do: field decisions (accept, reject, edit, re-anchor, add, delete,
"not in document", bulk accepts), undo and redo, and document decisions. Each asks the
review session, which commits and announces the Change; here is only what to select next
and what to tell the reviewer. Questions to the reviewer go through the window, so that
tests can answer them."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from reviewer.core.review import ReviewError
from reviewer.core.storage import StorageError
from reviewer.core.values import format_value, parse_value


class FieldCommands:
    def __init__(self, window):
        self.w = window

    # -- shorthands --------------------------------------------------------------
    @property
    def session(self):
        return self.w.session

    @property
    def fields(self):
        return self.w.fields

    def _say(self, text: str, ms: int = 5000) -> None:
        self.w.statusBar().showMessage(text, ms)

    def _label(self, name: str) -> str:
        schema = self.w.schema
        return schema[name].display if name in schema else name

    # -- field decisions ---------------------------------------------------------
    def decide(self, decision: str) -> None:
        field = self.fields.current_field()
        if field is None:
            return
        (self.session.accept if decision == "accepted" else self.session.reject)(field.id)
        self.fields.select_next_pending(field.id)

    def edit_value(self, field_id: int, text: str) -> bool:
        """The fields table's editor: save a typed value (False keeps the editor's text unsaved)."""
        try:
            self.session.edit(field_id, text)
        except ReviewError as err:
            QMessageBox.warning(self.w, "Value not saved", str(err))
            self.fields.table.setFocus()  # back to the fields, so the next key is a review key
            return False
        except StorageError as err:
            self.w.saving.failed("The edited value", err)
            self.fields.table.setFocus()
            return False
        # move on as an accept does, once the editor has closed
        QTimer.singleShot(0, lambda: self.fields.select_next_pending(field_id))
        return True

    def reanchor(self) -> None:
        """R: move the current field's span to the text selected in the document."""
        field = self.fields.current_field()
        if field is None or self.w.document is None:
            return
        selection = self.w.source.selection()
        if selection is None or selection == (field.start, field.end):
            self._say("Select the field's text in the document first (drag, or Shift+arrows), then R")
            return
        moved = self.session.reanchor(field.id, *selection)
        self._say(f"Re-anchored {self._label(moved.label)} to “{' '.join(moved.text.split())[:60]}”"
                  f" = {format_value(moved.value)}")
        self.fields.select_next_pending(moved.id)

    def add(self) -> None:
        document = self.w.document
        if document is None:
            return
        selection = self.w.source.selection()
        if selection is None:
            self._say("Select the text of the new field in the document first (then N)")
            return
        start, end = selection
        label = self.w.pick_label(document.text[start:end])
        if label is None:
            return
        self._added(self.session.add(document.id, label, start, end))

    def _added(self, added) -> None:
        self.fields.select_field(added.id)
        kind = self.w.schema[added.label].type if added.label in self.w.schema else "text"
        if added.value is None and kind != "text":
            try:
                parse_value(kind, added.text)
                reason = "it is not a value of this label"
            except ValueError as err:
                reason = str(err)
            self._say(f"Added {self._label(added.label)} without a value ({reason}): E types one", 8000)

    def add_as(self, label: str) -> None:
        """The text's right-click menu: add the selection as a field of this label."""
        document, selection = self.w.document, self.w.source.selection()
        if document is None or selection is None:
            return
        self._added(self.session.add(document.id, label, *selection))

    def mark_absent(self) -> None:
        document = self.w.document
        if document is None:
            return
        candidates = self.session.absent_choices(document.id, document.doc_type)
        if not candidates:
            self._say("Every single-valued label already has a field")
            return
        label = self.w.pick_label("", candidates, "Not in document")
        if label is None:
            return
        absent = self.session.mark_absent(document.id, label)
        self.fields.select_field(absent.id)

    def delete(self) -> None:
        field = self.fields.current_field()
        if field is None:
            return
        row = self.fields.view_row_of(field.id)
        self.session.delete(field.id)
        if row is not None:
            self.fields.select_row(min(row, self.fields.model.rowCount() - 1))

    # -- bulk accepts ------------------------------------------------------------
    def accept_label(self) -> None:
        """Shift+A: every pending field of the current field's label, as one undoable step."""
        field, document = self.fields.current_field(), self.w.document
        if field is None or document is None:
            return
        accepted = self.session.accept_label(document.id, field.label)
        self._bulk_done(accepted, f"{self._label(field.label)} field(s)", field.id)

    def accept_confident(self) -> None:
        """Ctrl+Shift+A: every pending field at or above a confidence the reviewer gives."""
        document = self.w.document
        if document is None:
            return
        threshold = self.w.ask_threshold()
        if threshold is None:
            return
        accepted = self.session.accept_confident(document.id, threshold)
        current = self.fields.current_field()
        self._bulk_done(accepted, f"field(s) with confidence ≥ {threshold:.2f}", current.id if current else None)

    def _bulk_done(self, accepted, what: str, after_id: int | None) -> None:
        if not accepted:
            self._say(f"No pending {what} to accept")
            return
        self._say(f"Accepted {len(accepted)} {what} (Ctrl+Z undoes them all)")
        self.fields.select_next_pending(after_id)

    # -- undo / redo -------------------------------------------------------------
    def undo(self) -> None:
        self._replay(self.session.undo(), "Undid")

    def redo(self) -> None:
        self._replay(self.session.redo(), "Redid")

    def _replay(self, step, verb: str) -> None:
        if step is None:
            self._say(f"Nothing to {verb.lower()[:-1]}", 3000)
            return
        self._say(f"{verb} {step.action}", 3000)
        document = self.w.document
        if document is None or step.document_id != document.id:
            self.w.open_document(step.document_id, step.field_id)
        elif step.field_id is not None:
            self.fields.select_field(step.field_id)

    # -- document decisions ------------------------------------------------------
    def approve(self) -> None:
        document = self.w.document
        if document is None:
            return
        pending = self.session.pending_count(document.id)
        if pending and not self.w.confirm_accept_all(pending):
            return
        self.session.approve(document.id, accept_pending=bool(pending))
        self._document_decided("Approved")

    def reject_document(self) -> None:
        if self.w.document is not None and self.w.confirm_reject_document():
            self.session.reject_document(self.w.document.id)
            self._document_decided("Rejected as out of scope:")

    def reopen_document(self) -> None:
        if self.w.document is not None:
            self.session.reopen(self.w.document.id)

    def _document_decided(self, verb: str) -> None:
        """On to the next document to review in the queue's order, or stay when none is left."""
        w = self.w
        done = w.document.id
        nxt = w.queue.next_to_review(done)
        if nxt is None:
            nxt = w.storage.next_document(done)  # one the list's filter or search leaves out
        self._say(f"{verb} document {done}", 4000)
        if nxt is not None:
            if not w.queue.select_document(nxt):
                w.open_document(nxt)
        else:
            w.open_document(done)
            self._say(f"{verb} document {done}; no document is left to review", 6000)
        w.update_status()
