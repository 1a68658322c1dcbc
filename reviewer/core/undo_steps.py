"""Undo steps: what one undoable action did, as JSON for the database, and its replay.

A ``Step`` is kept in the reviewer's history in the database (Storage.push_undo_step), so
undo survives a restart. Before a step is undone (or redone) its fields and document must
still be as the step left them (or found them): ``Replay.stale`` says what changed since,
and by whom, when someone else (another reviewer, the CLI, a merge) got there first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from reviewer.core.model import Document, Field
from reviewer.core.storage import Storage
from reviewer.core.storage.common import field_state

OPS = ("decision", "reanchor", "add", "delete", "document", "bulk")


@dataclass(frozen=True)
class DocumentState:
    """What a step keeps of a document: its status."""

    id: int
    status: str


@dataclass
class Step:
    """One undoable action. ``op``: decision, reanchor, add, delete, document (its parts: the
    accepts of "approve with accept all"), bulk (its parts: the accepts of a bulk accept).
    ``reopened``: the document's status before this step's field decision reopened it."""

    op: str
    action: str
    document_id: int
    field_id: int | None = None
    before: Field | Document | DocumentState | None = None
    after: Field | Document | DocumentState | None = None
    parts: list[Step] = field(default_factory=list)
    reopened: str | None = None


# -- JSON ----------------------------------------------------------------------
def _field_dict(f: Field) -> dict[str, Any]:
    return {**field_state(f), "id": f.id, "document_id": f.document_id, "confidence": f.confidence,
            "extractor": f.extractor, "original_value": f.original_value}


def _field_from(d: dict[str, Any]) -> Field:
    return Field(d["id"], d["document_id"], d["label"], d["start"], d["end"], d["text"], value=d["value"],
                 confidence=d["confidence"], extractor=d["extractor"], status=d["status"],
                 original_value=d["original_value"])


def _state_dict(state) -> dict[str, Any] | None:
    if state is None:
        return None
    if isinstance(state, Field):
        return {"field": _field_dict(state)}
    return {"document": {"id": state.id, "status": state.status}}


def _state_from(d: dict[str, Any] | None):
    if d is None:
        return None
    if "field" in d:
        return _field_from(d["field"])
    return DocumentState(d["document"]["id"], d["document"]["status"])


def step_to_dict(step: Step) -> dict[str, Any]:
    return {"op": step.op, "action": step.action, "document_id": step.document_id, "field_id": step.field_id,
            "before": _state_dict(step.before), "after": _state_dict(step.after),
            "parts": [step_to_dict(p) for p in step.parts], "reopened": step.reopened}


def step_from_dict(d: dict[str, Any]) -> Step:
    if d.get("op") not in OPS:
        raise ValueError(f"unknown undo step {d.get('op')!r}")
    return Step(d["op"], d["action"], d["document_id"], d.get("field_id"), _state_from(d.get("before")),
                _state_from(d.get("after")), [step_from_dict(p) for p in d.get("parts") or ()],
                d.get("reopened"))


def _same(a: Field, b: Field) -> bool:
    """Whether two fields have the same stored state (compared as the JSON it is stored as)."""
    return json.dumps(field_state(a), sort_keys=True) == json.dumps(field_state(b), sort_keys=True)


# -- replay --------------------------------------------------------------------
class Touched:
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


class Replay:
    """Undoes and redoes steps for one reviewer, inside the caller's transaction."""

    def __init__(self, storage: Storage, reviewer: str):
        self.storage = storage
        self.reviewer = reviewer

    def revert(self, step: Step, touched: Touched) -> None:
        s, who, action = self.storage, self.reviewer, f"undo {step.action}"
        if step.op == "decision":
            touched.field(s.record_decision(step.field_id, status=step.before.status, value=step.before.value,
                                            reviewer=who, action=action))
        elif step.op == "reanchor":
            touched.field(self._span(step.field_id, step.before, action))
        elif step.op == "add":
            touched.gone(s.delete_field(step.field_id, reviewer=who, action=action))
        elif step.op == "delete":
            touched.field(s.add_decided_field(step.document_id, _copy(step.before), reviewer=who,
                                              action=action, field_id=step.field_id))
        elif step.op == "document":
            touched.document = s.set_document_status(step.document_id, step.before.status, reviewer=who,
                                                     action=action)
        for part in reversed(step.parts):
            self.revert(part, touched)
        if step.reopened:
            touched.document = s.set_document_status(step.document_id, step.reopened, reviewer=who, action=action)

    def apply(self, step: Step, touched: Touched) -> None:
        s, who, action = self.storage, self.reviewer, f"redo {step.action}"
        for part in step.parts:
            self.apply(part, touched)
        if step.op == "decision":
            touched.field(s.record_decision(step.field_id, status=step.after.status, value=step.after.value,
                                            reviewer=who, action=action))
        elif step.op == "reanchor":
            touched.field(self._span(step.field_id, step.after, action))
        elif step.op == "add":
            touched.field(s.add_decided_field(step.document_id, _copy(step.after), reviewer=who,
                                              action=action, field_id=step.field_id))
        elif step.op == "delete":
            touched.gone(s.delete_field(step.field_id, reviewer=who, action=action))
        elif step.op == "document":
            touched.document = s.set_document_status(step.document_id, step.after.status, reviewer=who,
                                                     action=action)
        if step.reopened:
            touched.document = s.set_document_status(step.document_id, "pending", reviewer=who, action=action)

    def _span(self, field_id: int, state: Field, action: str) -> Field:
        return self.storage.set_field_span(field_id, start=state.start, end=state.end, text=state.text,
                                           value=state.value, status=state.status, reviewer=self.reviewer,
                                           action=action)

    # -- is the step still what the database holds? --------------------------------
    def stale(self, step: Step, *, undoing: bool) -> str | None:
        """Why the step can no longer be undone (``undoing``) or redone, or None when the
        stored fields and document are as the step left (or found) them."""
        reason = self._stale_document(step, undoing)
        if reason:
            return reason
        for part in (step.parts if undoing else reversed(step.parts)):
            reason = self.stale(part, undoing=undoing)
            if reason:
                return reason
        if step.op in ("decision", "reanchor", "add", "delete"):
            return self._stale_field(step, undoing)
        return None

    def _stale_document(self, step: Step, undoing: bool) -> str | None:
        expected = None
        if step.op == "document":
            expected = (step.after if undoing else step.before).status
        elif step.reopened:
            expected = "pending" if undoing else step.reopened
        if expected is None:
            return None
        try:
            status = self.storage.get_document(step.document_id, with_text=False).status
        except KeyError:
            return f"document {step.document_id} no longer exists"
        if status == expected:
            return None
        return f"document {step.document_id} was changed since ({self._by(step.document_id, None)}; now {status})"

    def _stale_field(self, step: Step, undoing: bool) -> str | None:
        # the state the field must be in now: after the step to undo it, before it to redo it
        expected = step.after if undoing else step.before
        name = _name(step.before or step.after)
        try:
            current = self.storage.get_field(step.field_id)
        except KeyError:
            current = None
        if expected is None:  # the field must not exist (undoing an add ... or redoing a delete ...)
            if current is None:
                return None
            return f"{name} exists again ({self._by(step.document_id, step.field_id)})"
        if current is None:
            return f"{name} was deleted since ({self._by(step.document_id, step.field_id)})"
        if _same(current, expected):
            return None
        return f"{name} was changed since ({self._by(step.document_id, step.field_id)}; now {current.status})"

    def _by(self, document_id: int, field_id: int | None) -> str:
        last = self.storage.last_audit(document_id, field_id)
        if last is None:
            return "by someone, not in the audit log"
        reviewer, action, at = last
        when = at[11:16] if len(at) >= 16 else at  # the time of day is enough to recognise it
        return f"by {reviewer or 'someone'}, {action} at {when}"


def _name(f: Field | None) -> str:
    if f is None:
        return "the field"
    return f"the {f.label} field {f.text[:40]!r}" if f.text else f"the {f.label} field"


def _copy(f: Field) -> Field:
    return Field(None, f.document_id, f.label, f.start, f.end, f.text, value=f.value,
                 confidence=f.confidence, extractor=f.extractor, status=f.status,
                 original_value=f.original_value)
