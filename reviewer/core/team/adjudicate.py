"""Settling conflicts: an adjudicator picks one reviewer's decision, or types the value.

A conflict is a field (or a document's status) whose reviewers' latest decisions differ
(decisions.py). The adjudicator's decision is written like any other, with its audit row
(the adjudicator as reviewer, an action starting with "adjudicated"), and the field and its
document are decided again at once, in the same transaction: the adjudication outweighs
every decision made before it, so the conflict is gone; a reviewer deciding the field
differently afterwards (in a shard merged later) makes it a conflict again.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.core.extract.schema import Schema
from reviewer.core.model import Field
from reviewer.core.storage import Storage
from reviewer.core.storage import team_merge as merge_db
from reviewer.core.storage import team_reads
from reviewer.core.team.decisions import ADJUDICATED, Decision, decisions, resolve_document, resolve_field
from reviewer.core.team.merge import TeamError, settle
from reviewer.core.values import parse_value


@dataclass(frozen=True)
class Conflict:
    document_id: int
    field: Field | None  # None: the document's own status
    sides: tuple[Decision, ...]  # one per reviewer, by reviewer name

    @property
    def label(self) -> str:
        return self.field.label if self.field else "document"


class Adjudicator:
    """Conflicts of one database and the adjudicator's decisions on them."""

    def __init__(self, storage: Storage, adjudicator: str, schema: Schema):
        if not adjudicator.strip():
            raise TeamError("an adjudicator's name is needed")
        self.storage = storage
        self.name = adjudicator.strip()
        self.schema = schema

    def count(self) -> int:
        return team_reads.conflict_count(self.storage)

    def documents(self) -> list[tuple[int, int]]:
        """(document id, conflicts) of every document with a conflict."""
        return team_reads.conflict_documents(self.storage)

    def conflicts(self, document_id: int) -> list[Conflict]:
        """The document's conflicts: its own status first, then its fields by position."""
        out = []
        for field_id in team_reads.document_conflicts(self.storage, document_id):
            if field_id == 0:
                rows = merge_db.document_decisions(self.storage, [document_id]).get(document_id, [])
                sides = resolve_document(decisions(rows), False).conflict
                field = None
            else:
                try:
                    field = self.storage.get_field(field_id)
                except KeyError:
                    continue
                rows = next((r for _, r in merge_db.field_decisions(self.storage, [field_id])), [])
                sides = resolve_field(decisions(rows)).conflict
            if sides:
                out.append(Conflict(document_id, field, sides))
        return out

    def pick(self, conflict: Conflict, index: int) -> None:
        """Take the decision of ``conflict.sides[index]`` as the adjudicator's."""
        if not 0 <= index < len(conflict.sides):
            raise TeamError(f"there is no decision {index + 1} in this conflict (it has {len(conflict.sides)})")
        side = conflict.sides[index]
        state = side.state or {}
        if conflict.field is not None and side.deletion:  # the field goes, as that reviewer deleted it
            with self.storage.transaction():
                self.storage.delete_field(conflict.field.id, reviewer=self.name,
                                          action=f"{ADJUDICATED}: {side.reviewer}'s deletion")
                settle(self.storage, [conflict.field.id], [conflict.document_id])
            return
        action = f"{ADJUDICATED}: {side.reviewer}'s {state.get('status')}"
        if conflict.field is None:
            self._document(conflict.document_id, state["status"], action)
            return
        self._field(conflict.field, state["start"], state["end"], state["text"], state.get("value"),
                    state["status"], action)

    def edit(self, conflict: Conflict, text: str, span: tuple[int, int] | None = None) -> None:
        """The adjudicator's own value (read with the label's type), at ``span`` (by default
        where the field stands now)."""
        f = conflict.field
        if f is None:
            raise TeamError("a document's status is picked, not edited")
        kind = self.schema[f.label].type if f.label in self.schema else "text"
        try:
            value = parse_value(kind, text)
        except ValueError as err:
            raise TeamError(str(err)) from None
        start, end = span or (f.start, f.end)
        doc = self.storage.get_document(f.document_id)
        if not (0 <= start <= end <= len(doc.text)):
            raise TeamError(f"the span {start}-{end} is not inside the document")
        status = "added" if (f.extractor or "").startswith("reviewer:") else "edited"
        self._field(f, start, end, doc.text[start:end], value, status, f"{ADJUDICATED}: edited")

    def _field(self, f: Field, start, end, text, value, status, action) -> None:
        with self.storage.transaction():
            self.storage.set_field_span(f.id, start=start, end=end, text=text, value=value, status=status,
                                        reviewer=self.name, action=action)
            settle(self.storage, [f.id], [f.document_id])

    def _document(self, document_id: int, status: str, action: str) -> None:
        with self.storage.transaction():
            self.storage.set_document_status(document_id, status, reviewer=self.name, action=action)
            settle(self.storage, [], [document_id])
