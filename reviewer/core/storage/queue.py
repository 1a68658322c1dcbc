"""The document queue: its pages in a chosen order, a document's row in it, and the next
document to review in that order (a part of Storage, mixed into Documents).

Every order is ``key`` then ``id``: ties keep ingest order, in both directions, and
documents without a key (no company, no date, no pending field) come last in both
directions, so a row's position is well defined and ``document_position`` agrees with
the pages. The keys are computed in SQL from columns that lie before a document's text
(id, filing_id, doc_type, part), the small filings table and the fields index, so a
sort never reads a document's text.
"""

from __future__ import annotations

from typing import Any

from reviewer.core.storage.common import decode_value

# INDEXED BY: with millions of fields the planner may prefer fields_status, which turns
# each per-document lookup into a scan of every pending field.
_TOP_FIELD = ("(SELECT {col} FROM fields INDEXED BY fields_document WHERE document_id = documents.id"
              " AND label = '{label}' AND status NOT IN ('rejected', 'absent')"
              " ORDER BY confidence DESC LIMIT 1)")
_COMPANY = (f"coalesce(nullif({_TOP_FIELD.format(col='text', label='company')}, ''),"
            " (SELECT company FROM filings WHERE filings.id = documents.filing_id))")
# {index}: fields_document_status when the database has it (see migrate_queue_index), else fields_document
_PENDING = ("(SELECT {agg} FROM fields INDEXED BY {index}"
            " WHERE document_id = documents.id AND status = 'pending')")
QUEUE_INDEX = "fields_document_status"

# the sort keys of the queue: name -> SQL expression over a row of documents (None: ingest order)
QUEUE_SORTS: dict[str, str | None] = {
    "ingest": None,
    # the report date field's value (a JSON string), else the filing's filed date
    "date": (f"coalesce(trim({_TOP_FIELD.format(col='value', label='report_date')}, '\"'),"
             " (SELECT filed_date FROM filings WHERE filings.id = documents.filing_id))"),
    "company": f"nullif(lower(trim({_COMPANY})), '')",
    # the document type, then its part in the filing (char(31) sorts before any printable character)
    "form": "lower(documents.doc_type) || char(31) || lower(coalesce(documents.part, ''))",
    "pending": _PENDING.format(agg="count(*)", index="{index}"),
    # triage: the lowest confidence among the pending fields; none pending sorts last
    "confidence": _PENDING.format(agg="min(confidence)", index="{index}"),
}
_ROW_KEYS = ("id", "status", "doc_type", "part", "company", "report_date", "pending", "total", "source_path")


def migrate_queue_index(db) -> None:
    """A migration (registered in migrations.py): a document's fields by status and confidence,
    so the queue's pending counts, lowest pending confidence and "To review" / "In progress"
    filters read a few index entries per document instead of every field's row."""
    db.execute(f"CREATE INDEX IF NOT EXISTS {QUEUE_INDEX} ON fields(document_id, status, confidence)")


def _order(descending: bool) -> str:
    return f"k {'DESC' if descending else 'ASC'} NULLS LAST, id"


def _before(key: Any, doc_id: int, descending: bool) -> tuple[str, list]:
    """SQL over (k, id) true for the rows that come before (key, doc_id) in the order."""
    if key is None:
        return "(k IS NOT NULL OR id < ?)", [doc_id]
    op = ">" if descending else "<"
    return f"(k IS NOT NULL AND (k {op} ? OR (k = ? AND id < ?)))", [key, key, doc_id]


def _after(key: Any, doc_id: int, descending: bool) -> tuple[str, list]:
    """SQL over (k, id) true for the rows that come after (key, doc_id) in the order."""
    if key is None:
        return "(k IS NULL AND id > ?)", [doc_id]
    op = "<" if descending else ">"
    return f"(k IS NULL OR k {op} ? OR (k = ? AND id > ?))", [key, key, doc_id]


class Queue:
    """The queue's queries (a part of Storage; uses its connection and ``_document_filter``)."""

    _queue_index: str | None = None

    def fields_status_index(self) -> str:
        """The index to read a document's fields by status: QUEUE_INDEX once migrated."""
        if self._queue_index is None:
            found = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?",
                                      (QUEUE_INDEX,)).fetchone()
            self._queue_index = QUEUE_INDEX if found else "fields_document"
        return self._queue_index

    def _key_sql(self, sort: str) -> str | None:
        if sort not in QUEUE_SORTS:
            raise ValueError(f"unknown queue sort {sort!r} (one of {', '.join(QUEUE_SORTS)})")
        key = QUEUE_SORTS[sort]
        return key.replace("{index}", self.fields_status_index()) if key else None

    def _keyed(self, key_sql: str, status, search, extra: str = "") -> tuple[str, list]:
        """A subquery of (id, k) over the documents of a filter."""
        where, params = self._document_filter(status, search)
        if extra:
            where = (where + " AND " if where else "WHERE ") + extra
        return f"(SELECT id, {key_sql} AS k FROM documents {where})", params

    def queue_ids(self, *, status: str | None = None, search: str | None = None, sort: str = "ingest",
                  descending: bool = False, limit: int | None = None, offset: int = 0) -> list[int]:
        """The ids of the queue's documents, in its order (a page of them with ``limit``)."""
        key_sql = self._key_sql(sort)
        page, page_params = (" LIMIT ? OFFSET ?", [limit, offset]) if limit is not None else ("", [])
        if key_sql is None:
            where, params = self._document_filter(status, search)
            # the whole table: ids from a small covering index, not from the table's big rows
            source = "documents INDEXED BY documents_filing" if not where else "documents"
            sql = f"SELECT id FROM {source} {where} ORDER BY id {'DESC' if descending else ''}"
        else:
            keyed, params = self._keyed(key_sql, status, search)
            sql = f"SELECT id FROM {keyed} ORDER BY {_order(descending)}"
        return [r[0] for r in self.conn.execute(sql + page, params + page_params)]

    def queue_rows(self, *, status: str | None = None, search: str | None = None, sort: str = "ingest",
                   descending: bool = False, limit: int = 100, offset: int = 0,
                   ids: list[int] | None = None) -> list[dict[str, Any]]:
        """One page of the document queue in its order (or the rows of ``ids``, in that order),
        with what its columns show."""
        if ids is None:
            ids = self.queue_ids(status=status, search=search, sort=sort, descending=descending,
                                 limit=limit, offset=offset)
        if not ids:
            return []
        sql = f"""
            SELECT d.id, d.status, d.doc_type, d.part,
                   {_COMPANY.replace('documents.', 'd.')} AS company,
                   {_TOP_FIELD.format(col='value', label='report_date').replace('documents.', 'd.')} AS report_date,
                   {_PENDING.format(agg='count(*)', index=self.fields_status_index()).replace('documents.', 'd.')}
                   AS pending,
                   (SELECT count(*) FROM fields INDEXED BY fields_document WHERE document_id = d.id) AS total,
                   d.source_path
            FROM documents AS d WHERE d.id IN ({', '.join('?' * len(ids))})"""
        found = {}
        for r in self.conn.execute(sql, list(ids)):
            row = dict(zip(_ROW_KEYS, r))
            row["report_date"] = decode_value(row["report_date"])
            found[row["id"]] = row
        return [found[i] for i in ids if i in found]

    def pending_among(self, ids: list[int]) -> set[int]:
        """Those of ``ids`` whose document is still pending."""
        if not ids:
            return set()
        rows = self.conn.execute(f"SELECT id FROM documents WHERE status = 'pending' AND id IN"
                                 f" ({', '.join('?' * len(ids))})", list(ids))
        return {r[0] for r in rows}

    def queue_key(self, document_id: int, sort: str) -> Any:
        """A document's sort key (None: no key, or no such document)."""
        key_sql = self._key_sql(sort)
        if key_sql is None:
            return document_id
        row = self.conn.execute(f"SELECT {key_sql} FROM documents WHERE id = ?", (document_id,)).fetchone()
        return row[0] if row else None

    def document_position(self, document_id: int, *, status: str | None = None, search: str | None = None,
                          sort: str = "ingest", descending: bool = False) -> int | None:
        """The 0-based row of a document in the queue with this filter and order, or None."""
        key_sql = self._key_sql(sort)
        where, params = self._document_filter(status, search)
        row = self.conn.execute(f"SELECT 1 FROM documents {where} {'AND' if where else 'WHERE'} id = ?",
                                params + [document_id]).fetchone()
        if row is None:
            return None
        if key_sql is None:
            where2 = (where + " AND " if where else "WHERE ") + ("id > ?" if descending else "id < ?")
            return self.conn.execute(f"SELECT count(*) FROM documents {where2}",
                                     params + [document_id]).fetchone()[0]
        cond, cond_params = _before(self.queue_key(document_id, sort), document_id, descending)
        keyed, params = self._keyed(key_sql, status, search)
        return self.conn.execute(f"SELECT count(*) FROM {keyed} WHERE {cond}", params + cond_params).fetchone()[0]

    def next_in_queue(self, after_id: int, *, status: str | None = None, search: str | None = None,
                      sort: str = "ingest", descending: bool = False, key: Any = ...,
                      needs_review: bool = True) -> int | None:
        """The next document after ``after_id`` in the queue with this filter and order, by default
        one still pending; wraps to the first such document. ``after_id`` need not be in the list
        (a document just approved has left "To review"): it stands where its ``key`` puts it, by
        default its key now (pass the key it had when the list showed it: approving changes the
        pending count and the lowest pending confidence)."""
        key_sql = self._key_sql(sort) or "id"
        if key is ...:
            key = self.queue_key(after_id, sort)
        extra = "status = 'pending' AND id != ?" if needs_review else "id != ?"
        keyed, params = self._keyed(key_sql, status, search, extra)
        params.append(after_id)
        cond, cond_params = _after(key, after_id, descending)
        sql = f"SELECT id FROM {keyed} WHERE {{}} ORDER BY {_order(descending)} LIMIT 1"
        row = self.conn.execute(sql.format(cond), params + cond_params).fetchone()
        if row is None:  # wrap to the first
            row = self.conn.execute(sql.format("1"), params).fetchone()
        return row[0] if row else None
