"""Fields, review decisions and the append-only audit log."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reviewer.core.model import FIELD_STATUSES, AuditEntry, Field
from reviewer.core.storage.common import (
    FIELD_COLUMNS,
    audit_entry,
    decode_value,
    dumps_value,
    field_state,
    insert_audit,
    now,
)


def field_from_row(row) -> Field:
    return Field(
        id=row["id"], document_id=row["document_id"], label=row["label"], start=row["start"], end=row["end"],
        text=row["text"], value=decode_value(row["value"]), confidence=row["confidence"],
        extractor=row["extractor"], status=row["status"], reviewer=row["reviewer"],
        decided_at=row["decided_at"], original_value=decode_value(row["original_value"]),
    )


class Fields:
    """Fields and the audit log (a part of Storage; uses its connection)."""

    # -- fields ------------------------------------------------------------------
    def add_fields(self, document_id: int, fields: Iterable[Field]) -> list[int]:
        stamp = now()
        ids = []
        with self.transaction():
            next_id = self.next_field_id()
            for f in fields:
                ids.append(self._insert_field(document_id, f, stamp, field_id=next_id))
                next_id += 1
        return ids

    def next_field_id(self) -> int:
        """One past the highest id of any field there is or was: an id a deleted field had is
        never given to another, whose audit history would then mix with it."""
        return 1 + self.conn.execute(
            "SELECT max(coalesce((SELECT max(id) FROM fields), 0),"
            " coalesce((SELECT max(field_id) FROM audit), 0))").fetchone()[0]

    def _insert_field(self, document_id: int, f: Field, stamp: str, field_id: int | None = None) -> int:
        if f.status not in FIELD_STATUSES:
            raise ValueError(f"unknown field status {f.status!r}")
        original = f.original_value if f.original_value is not None else f.value
        if field_id is None:
            field_id = self.next_field_id()
        cur = self.conn.execute(
            'INSERT INTO fields (id, document_id, label, start, "end", text, value, original_value,'
            " confidence, extractor, status, reviewer, decided_at, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (field_id, document_id, f.label, f.start, f.end, f.text, dumps_value(f.value), dumps_value(original),
             f.confidence, f.extractor, f.status, f.reviewer, f.decided_at, stamp),
        )
        return cur.lastrowid

    # -- provenance: fields from further extractors -----------------------------
    def document_for_text(self, sha256: str) -> int | None:
        """The document whose text has this hash (identical text is stored once), if any."""
        row = self.conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def add_proposed_fields(self, document_id: int, fields: Iterable[Field]) -> tuple[int, int]:
        """Another extractor's fields beside a document's own, in one transaction. One on the
        label and span of a field already there is not a second field: the extractor's name
        joins that field's provenance ("rules.money+predictions"; nothing else of it changes,
        a decision stays as made); the others are added, pending. Returns (added, merged)."""
        stamp = now()
        added = merged = 0
        with self.transaction():
            for f in fields:
                row = self.conn.execute(
                    'SELECT id, extractor FROM fields INDEXED BY fields_document WHERE document_id = ? AND label = ?'
                    ' AND start = ? AND "end" = ? ORDER BY id LIMIT 1', (document_id, f.label, f.start, f.end),
                ).fetchone()
                if row is None:
                    self._insert_field(document_id, f, stamp)
                    added += 1
                    continue
                names = (row[1] or "").split("+")
                if f.extractor and f.extractor not in names:
                    self.conn.execute("UPDATE fields SET extractor = ? WHERE id = ?",
                                      ("+".join(n for n in names + [f.extractor] if n), row[0]))
                merged += 1
        return added, merged

    def fields(self, document_id: int) -> list[Field]:
        """The fields of a document by position (original_value is left out: see get_field)."""
        rows = self.rows(
            f"SELECT {FIELD_COLUMNS.replace('original_value', 'NULL AS original_value')} FROM fields"
            ' WHERE document_id = ? ORDER BY start, "end", id',
            (document_id,),
        )
        return [field_from_row(r) for r in rows]

    def get_field(self, field_id: int) -> Field:
        row = self.rows(f"SELECT {FIELD_COLUMNS} FROM fields WHERE id = ?", (field_id,)).fetchone()
        if row is None:
            raise KeyError(f"no field {field_id}")
        return field_from_row(row)

    def record_decision(
        self, field_id: int, *, status: str, reviewer: str, value: Any = ..., action: str | None = None
    ) -> Field:
        """Set a field's status (and value), with its audit row, in one committed transaction."""
        if status not in FIELD_STATUSES:
            raise ValueError(f"unknown field status {status!r}")
        with self.transaction():
            before = self.get_field(field_id)
            stamp = now()
            new_value = before.value if value is ... else value
            self.conn.execute(
                "UPDATE fields SET status = ?, value = ?, reviewer = ?, decided_at = ? WHERE id = ?",
                (status, dumps_value(new_value), reviewer, stamp, field_id),
            )
            after = self.get_field(field_id)
            insert_audit(self.conn, stamp, reviewer, action or status, before.document_id, field_id,
                        field_state(before), field_state(after))
        return after

    def set_field_span(
        self, field_id: int, *, start: int, end: int, text: str, value: Any, status: str, reviewer: str,
        action: str = "re-anchored",
    ) -> Field:
        """Move a field to another span of its document (its text and value with it), with its
        audit row, in one transaction. The caller passes ``text`` as document text[start:end]."""
        if status not in FIELD_STATUSES:
            raise ValueError(f"unknown field status {status!r}")
        with self.transaction():
            before = self.get_field(field_id)
            stamp = now()
            self.conn.execute(
                'UPDATE fields SET start = ?, "end" = ?, text = ?, value = ?, status = ?, reviewer = ?,'
                " decided_at = ? WHERE id = ?",
                (start, end, text, dumps_value(value), status, reviewer, stamp, field_id),
            )
            after = self.get_field(field_id)
            insert_audit(self.conn, stamp, reviewer, action, before.document_id, field_id,
                        field_state(before), field_state(after))
        return after

    def add_decided_field(self, document_id: int, f: Field, *, reviewer: str, action: str = "added",
                          field_id: int | None = None) -> Field:
        """Insert a reviewer's field (added, or "absent" for a label not in the document)
        with its audit row. ``field_id`` restores a deleted field under its old id."""
        with self.transaction():
            stamp = now()
            f.reviewer, f.decided_at = reviewer, stamp
            new_id = self._insert_field(document_id, f, stamp, field_id=field_id)
            after = self.get_field(new_id)
            insert_audit(self.conn, stamp, reviewer, action, document_id, new_id, None, field_state(after))
        return after

    def delete_field(self, field_id: int, *, reviewer: str, action: str = "deleted") -> Field:
        """Remove a field (one the reviewer added), keeping its last state in the audit log."""
        with self.transaction():
            before = self.get_field(field_id)
            self.conn.execute("DELETE FROM fields WHERE id = ?", (field_id,))
            insert_audit(self.conn, now(), reviewer, action, before.document_id, field_id, field_state(before), None)
        return before

    def audit_log(self, document_id: int | None = None) -> list[AuditEntry]:
        sql = "SELECT id, at, reviewer, action, document_id, field_id, before, after FROM audit"
        params: list = []
        if document_id is not None:
            sql += " WHERE document_id = ?"
            params.append(document_id)
        return [audit_entry(r) for r in self.rows(sql + " ORDER BY id", params)]

    # -- counts ------------------------------------------------------------------
    def field_counts(self, document_id: int | None = None) -> dict[str, int]:
        sql = "SELECT status, count(*) FROM fields"
        params: list = []
        if document_id is not None:
            sql += " INDEXED BY fields_document WHERE document_id = ?"
            params.append(document_id)
        return dict(self.conn.execute(sql + " GROUP BY status", params).fetchall())

    def iter_audit(self, batch: int = 2000):
        """Every audit entry in order, streamed."""
        last = 0
        while True:
            rows = self.rows(
                "SELECT id, at, reviewer, action, document_id, field_id, before, after FROM audit"
                " WHERE id > ? ORDER BY id LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            for r in rows:
                yield audit_entry(r)
            last = rows[-1]["id"]

