"""The queries exports stream: documents in batches with their fields aggregated by SQL."""

from __future__ import annotations

from reviewer.core.storage.common import DOC_COLUMNS


class Exports:
    """Export queries (a part of Storage; uses its connection)."""

    EXPORT_FIELD_COLUMNS = ("label", "start", "end", "text", "value", "status", "confidence", "extractor",
                            "reviewer", "decided_at", "id")

    def export_batches(self, status: str, *, with_text: bool, batch: int = 500):
        """(documents, {document id: raw field rows}) in id order, ``batch`` documents at a
        time, for exports: "approved", "reviewed" (any decision) or "all". Memory stays flat.
        Field rows are tuples in EXPORT_FIELD_COLUMNS order, the value as stored JSON text."""
        condition = {
            "approved": "status = 'approved'",
            "reviewed": "(status != 'pending' OR EXISTS (SELECT 1 FROM fields f INDEXED BY fields_document"
                        " WHERE f.document_id = documents.id AND f.status != 'pending'))",
            "all": "1",
        }[status]
        cols = DOC_COLUMNS + (", text" if with_text else "")
        last = 0
        while True:
            rows = self.conn.execute(
                f"SELECT {cols} FROM documents WHERE {condition} AND id > ? ORDER BY id LIMIT ?",
                (last, batch)).fetchall()
            if not rows:
                return
            docs = [self._document(r, r[17] if with_text else None) for r in rows]
            ids = [d.id for d in docs]
            fields: dict[int, list[tuple]] = {i: [] for i in ids}
            for r in self.conn.execute(
                'SELECT document_id, label, start, "end", text, value, status, confidence, extractor, reviewer,'
                " decided_at, id FROM fields INDEXED BY fields_document"
                f" WHERE document_id IN ({', '.join('?' * len(ids))}) ORDER BY document_id, start, \"end\", id",
                ids,
            ):
                fields[r[0]].append(r[1:])
            yield docs, fields
            last = ids[-1]

