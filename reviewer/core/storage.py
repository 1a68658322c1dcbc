"""The review database: the only module that speaks SQL.

One SQLite file holds filings, their documents (text, original source, offset map),
extracted fields, and an append-only audit log. Every decision is committed at
once with its audit row. Versioned migrations run on open; a database written by
a newer version of the program is refused.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from reviewer.core.model import (
    DOCUMENT_STATUSES,
    FIELD_STATUSES,
    AuditEntry,
    Document,
    Field,
    Filing,
    FilingMetadata,
    OffsetMap,
    SourceDocument,
    SourceFiling,
)


class StorageError(Exception):
    """A database that cannot be used; the message says why."""


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- migrations ----------------------------------------------------------------
# Append only. Each runs in one transaction with the bump of PRAGMA user_version.

def _m1_initial(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE filings (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            source_path TEXT NOT NULL,
            accession TEXT,
            cik TEXT,
            form_type TEXT,
            company TEXT,
            filed_date TEXT,
            period TEXT,
            items TEXT NOT NULL DEFAULT '[]',
            item_titles TEXT NOT NULL DEFAULT '[]',
            header TEXT NOT NULL DEFAULT '{}',
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX filings_accession ON filings(accession);
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            filing_id INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            part TEXT,
            doc_type TEXT NOT NULL DEFAULT 'other',
            filename TEXT,
            description TEXT,
            source_path TEXT NOT NULL,
            source_format TEXT NOT NULL,
            source_encoding TEXT,
            text TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            text_length INTEGER NOT NULL,
            source_zlib BLOB NOT NULL,
            offset_map BLOB NOT NULL,
            metadata TEXT NOT NULL DEFAULT '{}',
            checks TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL DEFAULT 'pending',
            reviewer TEXT,
            decided_at TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX documents_filing ON documents(filing_id);
        CREATE INDEX documents_status ON documents(status);
        CREATE TABLE fields (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            value TEXT,
            original_value TEXT,
            confidence REAL,
            extractor TEXT,
            status TEXT NOT NULL DEFAULT 'pending',
            reviewer TEXT,
            decided_at TEXT,
            created_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" >= start)
        );
        CREATE INDEX fields_document ON fields(document_id, start);
        CREATE INDEX fields_status ON fields(status);
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            reviewer TEXT,
            action TEXT NOT NULL,
            document_id INTEGER,
            field_id INTEGER,
            before TEXT,
            after TEXT
        );
        CREATE INDEX audit_document ON audit(document_id);
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            text, content='documents', content_rowid='id', tokenize='unicode61'
        );
        CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TRIGGER documents_fts_update AFTER UPDATE OF text ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO documents_fts(rowid, text) VALUES (new.id, new.text);
        END;
        """
    )


def _m2_status_counts(db: sqlite_utils.Database) -> None:
    """Counts of fields and documents per status, kept by triggers: the window's overall
    progress reads two rows instead of counting millions."""
    db.executescript(
        """
        CREATE TABLE status_counts (
            kind TEXT NOT NULL, status TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (kind, status)
        ) WITHOUT ROWID;
        INSERT INTO status_counts (kind, status, n) SELECT 'field', status, count(*) FROM fields GROUP BY status;
        INSERT INTO status_counts (kind, status, n)
            SELECT 'document', status, count(*) FROM documents GROUP BY status;
        CREATE TRIGGER fields_count_insert AFTER INSERT ON fields BEGIN
            INSERT INTO status_counts (kind, status, n) VALUES ('field', new.status, 1)
                ON CONFLICT (kind, status) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER fields_count_delete AFTER DELETE ON fields BEGIN
            UPDATE status_counts SET n = n - 1 WHERE kind = 'field' AND status = old.status;
        END;
        CREATE TRIGGER fields_count_update AFTER UPDATE OF status ON fields
            WHEN old.status != new.status BEGIN
            UPDATE status_counts SET n = n - 1 WHERE kind = 'field' AND status = old.status;
            INSERT INTO status_counts (kind, status, n) VALUES ('field', new.status, 1)
                ON CONFLICT (kind, status) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER documents_count_insert AFTER INSERT ON documents BEGIN
            INSERT INTO status_counts (kind, status, n) VALUES ('document', new.status, 1)
                ON CONFLICT (kind, status) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER documents_count_delete AFTER DELETE ON documents BEGIN
            UPDATE status_counts SET n = n - 1 WHERE kind = 'document' AND status = old.status;
        END;
        CREATE TRIGGER documents_count_update AFTER UPDATE OF status ON documents
            WHEN old.status != new.status BEGIN
            UPDATE status_counts SET n = n - 1 WHERE kind = 'document' AND status = old.status;
            INSERT INTO status_counts (kind, status, n) VALUES ('document', new.status, 1)
                ON CONFLICT (kind, status) DO UPDATE SET n = n + 1;
        END;
        """
    )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_m1_initial, _m2_status_counts]
SCHEMA_VERSION = len(MIGRATIONS)

_DOC_COLUMNS = (
    "id, filing_id, seq, part, doc_type, filename, description, source_path, source_format, "
    "sha256, text_length, metadata, checks, status, reviewer, decided_at, ingested_at"
)
_FIELD_COLUMNS = (
    'id, document_id, label, start, "end", text, value, confidence, extractor, status, '
    "reviewer, decided_at, original_value"
)


def _dumps(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def decode_value(text: str | None) -> Any:
    """A stored JSON value as Python (fast paths for plain strings and whole numbers)."""
    if text is None:
        return None
    # fast paths for the common values (a plain string, a whole number); json for the rest
    if text[:1] == '"' and "\\" not in text and text.count('"') == 2:
        return text[1:-1]
    if text.isdigit():
        return int(text)
    return json.loads(text)


class Storage:
    """A connection to one review database. Use it from the thread that opened it."""

    def __init__(self, path: str | Path, *, create: bool = True):
        self.path = str(path)
        if self.path != ":memory:":
            p = Path(self.path)
            if not create and not p.exists():
                raise StorageError(f"no review database at {p}")
            p.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=10)
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.DatabaseError as err:
            raise StorageError(f"{self.path} is not a review database: {err}") from None
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self._migrate()

    # -- connection and schema -------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Storage:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        try:
            version = self.schema_version
        except sqlite3.DatabaseError as err:
            raise StorageError(f"{self.path} is not a review database: {err}") from None
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"{self.path} was written by a newer Filing Reviewer (database version "
                f"{version}, this program knows up to {SCHEMA_VERSION}); please upgrade"
            )
        if version == 0 and self._has_foreign_tables():
            raise StorageError(f"{self.path} is an SQLite file but not a review database")
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                MIGRATIONS[number](self.db)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")

    def _has_foreign_tables(self) -> bool:
        names = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master")}
        return bool(names)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT; a SAVEPOINT when already inside one."""
        if self.conn.in_transaction:
            self.conn.execute("SAVEPOINT nested")
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK TO nested")
                self.conn.execute("RELEASE nested")
                raise
            self.conn.execute("RELEASE nested")
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- filings and documents -------------------------------------------------
    def has_text(self, sha256: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row is not None

    def add_filing(
        self,
        filing: SourceFiling,
        *,
        doc_types: list[str] | None = None,
        fields: list[list[Field]] | None = None,
        checks: list[list[dict]] | None = None,
    ) -> tuple[int | None, list[int], int]:
        """Store a filing and those of its documents whose text is new.

        ``doc_types``, ``fields`` and ``checks`` run parallel to ``filing.documents``.
        Returns (filing id or None when every document was a duplicate, ids of the
        documents added, number of duplicate documents).
        """
        meta = filing.metadata
        added: list[int] = []
        duplicates = 0
        stamp = now()
        with self.transaction():
            new_docs = []
            for index, doc in enumerate(filing.documents):
                digest = text_sha256(doc.text)
                if self.has_text(digest) or any(digest == d[1] for d in new_docs):
                    duplicates += 1
                else:
                    new_docs.append((index, digest))
            if not new_docs:
                return None, [], duplicates
            filing_id = self.db["filings"].insert(
                {
                    "kind": filing.kind,
                    "source_path": filing.path,
                    "accession": meta.accession,
                    "cik": meta.cik,
                    "form_type": meta.form_type,
                    "company": meta.company,
                    "filed_date": meta.filed_date,
                    "period": meta.period,
                    "items": _dumps(meta.items),
                    "item_titles": _dumps(meta.item_titles),
                    "header": _dumps(meta.header),
                    "ingested_at": stamp,
                }
            ).last_pk
            for index, digest in new_docs:
                doc = filing.documents[index]
                doc_type = doc_types[index] if doc_types else "other"
                doc_id = self._insert_document(filing_id, filing, doc, index, digest, doc_type, stamp)
                if checks:
                    self.set_checks(doc_id, checks[index])
                if fields:
                    self.add_fields(doc_id, fields[index])
                added.append(doc_id)
        return filing_id, added, duplicates

    def _insert_document(self, filing_id, filing, doc: SourceDocument, index, digest, doc_type, stamp):
        meta = filing.metadata.as_dict()
        meta.update({"exhibit": doc.part if doc.part and doc.part.upper().startswith("EX-") else None,
                     "part": doc.part, "filename": doc.filename, "description": doc.description})
        return self.db["documents"].insert(
            {
                "filing_id": filing_id,
                "seq": doc.sequence if doc.sequence is not None else index + 1,
                "part": doc.part,
                "doc_type": doc_type,
                "filename": doc.filename,
                "description": doc.description,
                "source_path": filing.path,
                "source_format": doc.source_format,
                "source_encoding": doc.encoding,
                "text": doc.text,
                "sha256": digest,
                "text_length": len(doc.text),
                "source_zlib": zlib.compress(doc.source.encode("utf-8", "surrogatepass"), 6),
                "offset_map": doc.offset_map.to_bytes(),
                "metadata": _dumps(meta),
                "checks": "[]",
                "status": "pending",
                "ingested_at": stamp,
            }
        ).last_pk

    def get_filing(self, filing_id: int) -> Filing:
        row = self.conn.execute(
            "SELECT id, kind, source_path, accession, cik, form_type, company, filed_date, period,"
            " items, item_titles, header, ingested_at FROM filings WHERE id = ?",
            (filing_id,),
        ).fetchone()
        if row is None:
            raise KeyError(f"no filing {filing_id}")
        meta = FilingMetadata(
            accession=row[3], cik=row[4], form_type=row[5], company=row[6], filed_date=row[7],
            period=row[8], items=decode_value(row[9]), item_titles=decode_value(row[10]), header=decode_value(row[11]),
        )
        return Filing(row[0], row[1], row[2], meta, row[12])

    @staticmethod
    def _document(row, text=None) -> Document:
        return Document(
            id=row[0], filing_id=row[1], seq=row[2], part=row[3], doc_type=row[4],
            filename=row[5], description=row[6], source_path=row[7], source_format=row[8],
            sha256=row[9], text_length=row[10], metadata=decode_value(row[11]), checks=decode_value(row[12]),
            status=row[13], reviewer=row[14], decided_at=row[15], ingested_at=row[16], text=text,
        )

    def get_document(self, document_id: int, *, with_text: bool = True) -> Document:
        cols = _DOC_COLUMNS + (", text" if with_text else "")
        row = self.conn.execute(f"SELECT {cols} FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        return self._document(row, row[17] if with_text else None)

    def document_source(self, document_id: int) -> tuple[str, str, OffsetMap]:
        """(original source, its format, the text-to-source offset map)."""
        row = self.conn.execute(
            "SELECT source_zlib, source_format, offset_map FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no document {document_id}")
        source = zlib.decompress(row[0]).decode("utf-8", "surrogatepass")
        return source, row[1], OffsetMap.from_bytes(row[2])

    def list_documents(
        self, *, status: str | None = None, search: str | None = None,
        limit: int | None = None, offset: int = 0,
    ) -> list[Document]:
        where, params = self._document_filter(status, search)
        sql = f"SELECT {_DOC_COLUMNS} FROM documents {where} ORDER BY id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [self._document(r) for r in self.conn.execute(sql, params)]

    def count_documents(self, *, status: str | None = None, search: str | None = None) -> int:
        where, params = self._document_filter(status, search)
        return self.conn.execute(f"SELECT count(*) FROM documents {where}", params).fetchone()[0]

    @staticmethod
    def _document_filter(status, search) -> tuple[str, list]:
        """WHERE clause for a status ("pending", "approved", "rejected", or the queue's
        "to_review" and "in_progress") and a full-text search."""
        clauses, params = [], []
        decided = ("EXISTS (SELECT 1 FROM fields f INDEXED BY fields_document"
                   " WHERE f.document_id = documents.id AND f.status != 'pending')")
        if status == "to_review":
            clauses.append(f"status = 'pending' AND NOT {decided}")
        elif status == "in_progress":
            clauses.append(f"status = 'pending' AND {decided}")
        elif status:
            clauses.append("status = ?")
            params.append(status)
        if search:
            clauses.append("id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
            params.append(fts_query(search))
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def queue_rows(self, *, status: str | None = None, search: str | None = None,
                   limit: int = 100, offset: int = 0, ids: list[int] | None = None) -> list[dict[str, Any]]:
        """One page of the document queue (or the rows of ``ids``), with what its columns show."""
        where, params = self._document_filter(status, search)
        if ids is not None:
            where = f"WHERE id IN ({', '.join('?' * len(ids))})"
            params, limit, offset = list(ids), len(ids), 0
        # INDEXED BY: with millions of fields the planner may prefer fields_status, which
        # turns each per-document lookup into a scan of every pending field.
        sql = f"""
            SELECT d.id, d.status, d.doc_type, d.part,
                   coalesce((SELECT text FROM fields INDEXED BY fields_document
                             WHERE document_id = d.id AND label = 'company'
                             AND status NOT IN ('rejected', 'absent') ORDER BY confidence DESC LIMIT 1),
                            json_extract(d.metadata, '$.company')) AS company,
                   (SELECT value FROM fields INDEXED BY fields_document
                    WHERE document_id = d.id AND label = 'report_date'
                    AND status NOT IN ('rejected', 'absent') ORDER BY confidence DESC LIMIT 1) AS report_date,
                   (SELECT count(*) FROM fields INDEXED BY fields_document
                    WHERE document_id = d.id AND status = 'pending') AS pending,
                   (SELECT count(*) FROM fields INDEXED BY fields_document WHERE document_id = d.id) AS total,
                   d.source_path
            FROM (SELECT id, status, doc_type, part, metadata, source_path FROM documents {where}
                  ORDER BY id LIMIT ? OFFSET ?) AS d ORDER BY d.id"""
        rows = self.conn.execute(sql, params + [limit, offset]).fetchall()
        keys = ("id", "status", "doc_type", "part", "company", "report_date", "pending", "total", "source_path")
        out = []
        for r in rows:
            row = dict(zip(keys, r))
            row["report_date"] = decode_value(row["report_date"])
            out.append(row)
        return out

    # columns of the raw field rows export_batches yields (tuples: exports stream millions)
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
        cols = _DOC_COLUMNS + (", text" if with_text else "")
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

    def iter_audit(self, batch: int = 2000):
        """Every audit entry in order, streamed."""
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT id, at, reviewer, action, document_id, field_id, before, after FROM audit"
                " WHERE id > ? ORDER BY id LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            for r in rows:
                yield AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], decode_value(r[6]), decode_value(r[7]))
            last = rows[-1][0]

    def set_checks(self, document_id: int, checks: list[dict]) -> None:
        self.conn.execute("UPDATE documents SET checks = ? WHERE id = ?", (_dumps(checks), document_id))

    # -- fields ------------------------------------------------------------------
    def add_fields(self, document_id: int, fields: Iterable[Field]) -> list[int]:
        stamp = now()
        ids = []
        with self.transaction():
            for f in fields:
                ids.append(self._insert_field(document_id, f, stamp))
        return ids

    def _insert_field(self, document_id: int, f: Field, stamp: str, field_id: int | None = None) -> int:
        if f.status not in FIELD_STATUSES:
            raise ValueError(f"unknown field status {f.status!r}")
        original = f.original_value if f.original_value is not None else f.value
        cur = self.conn.execute(
            'INSERT INTO fields (id, document_id, label, start, "end", text, value, original_value,'
            " confidence, extractor, status, reviewer, decided_at, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (field_id, document_id, f.label, f.start, f.end, f.text, _dumps(f.value), _dumps(original),
             f.confidence, f.extractor, f.status, f.reviewer, f.decided_at, stamp),
        )
        return cur.lastrowid

    @staticmethod
    def _field(row) -> Field:
        return Field(
            id=row[0], document_id=row[1], label=row[2], start=row[3], end=row[4], text=row[5],
            value=decode_value(row[6]), confidence=row[7], extractor=row[8], status=row[9],
            reviewer=row[10], decided_at=row[11], original_value=decode_value(row[12]),
        )

    def fields(self, document_id: int) -> list[Field]:
        """The fields of a document by position (original_value is left out: see get_field)."""
        rows = self.conn.execute(
            f"SELECT {_FIELD_COLUMNS.replace('original_value', 'NULL')} FROM fields"
            ' WHERE document_id = ? ORDER BY start, "end", id',
            (document_id,),
        )
        return [self._field(r) for r in rows]

    def get_field(self, field_id: int) -> Field:
        row = self.conn.execute(f"SELECT {_FIELD_COLUMNS} FROM fields WHERE id = ?", (field_id,)).fetchone()
        if row is None:
            raise KeyError(f"no field {field_id}")
        return self._field(row)

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
                (status, _dumps(new_value), reviewer, stamp, field_id),
            )
            after = self.get_field(field_id)
            self._audit(stamp, reviewer, action or status, before.document_id, field_id,
                        _field_state(before), _field_state(after))
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
            self._audit(stamp, reviewer, action, document_id, new_id, None, _field_state(after))
        return after

    def delete_field(self, field_id: int, *, reviewer: str, action: str = "deleted") -> Field:
        """Remove a field (one the reviewer added), keeping its last state in the audit log."""
        with self.transaction():
            before = self.get_field(field_id)
            self.conn.execute("DELETE FROM fields WHERE id = ?", (field_id,))
            self._audit(now(), reviewer, action, before.document_id, field_id, _field_state(before), None)
        return before

    def set_document_status(self, document_id: int, status: str, *, reviewer: str,
                            action: str | None = None) -> Document:
        if status not in DOCUMENT_STATUSES:
            raise ValueError(f"unknown document status {status!r}")
        with self.transaction():
            before = self.get_document(document_id, with_text=False)
            stamp = now()
            self.conn.execute(
                "UPDATE documents SET status = ?, reviewer = ?, decided_at = ? WHERE id = ?",
                (status, reviewer if status != "pending" else None, stamp if status != "pending" else None,
                 document_id),
            )
            self._audit(stamp, reviewer, action or f"document {status}", document_id, None,
                        {"status": before.status}, {"status": status})
        return self.get_document(document_id, with_text=False)

    def document_position(self, document_id: int, *, status: str | None = None,
                          search: str | None = None) -> int | None:
        """The 0-based row of a document in the list with this filter, or None."""
        where, params = self._document_filter(status, search)
        row = self.conn.execute(f"SELECT 1 FROM documents {where} {'AND' if where else 'WHERE'} id = ?",
                                params + [document_id]).fetchone()
        if row is None:
            return None
        where2 = (where + " AND " if where else "WHERE ") + "id < ?"
        return self.conn.execute(f"SELECT count(*) FROM documents {where2}", params + [document_id]).fetchone()[0]

    def next_document(self, after_id: int, *, needs_review: bool = True) -> int | None:
        """The next document (in ingest order) after ``after_id``, by default one still pending."""
        sql = "SELECT id FROM documents WHERE id > ?" + (" AND status = 'pending'" if needs_review else "")
        row = self.conn.execute(sql + " ORDER BY id LIMIT 1", (after_id,)).fetchone()
        if row is None and needs_review:
            row = self.conn.execute(
                "SELECT id FROM documents WHERE status = 'pending' AND id != ? ORDER BY id LIMIT 1", (after_id,)
            ).fetchone()
        return row[0] if row else None

    def decided_counts(self) -> tuple[int, int]:
        """(fields decided, fields in all) over the whole database, from the trigger-kept counts."""
        counts = self.status_counts("field")
        total = sum(counts.values())
        return total - counts.get("pending", 0), total

    def status_counts(self, kind: str) -> dict[str, int]:
        rows = self.conn.execute("SELECT status, n FROM status_counts WHERE kind = ? AND n > 0", (kind,))
        return dict(rows.fetchall())

    def _audit(self, at, reviewer, action, document_id, field_id, before, after) -> None:
        self.conn.execute(
            "INSERT INTO audit (at, reviewer, action, document_id, field_id, before, after)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (at, reviewer, action, document_id, field_id, _dumps(before), _dumps(after)),
        )

    def audit_log(self, document_id: int | None = None) -> list[AuditEntry]:
        sql = "SELECT id, at, reviewer, action, document_id, field_id, before, after FROM audit"
        params: list = []
        if document_id is not None:
            sql += " WHERE document_id = ?"
            params.append(document_id)
        rows = self.conn.execute(sql + " ORDER BY id", params)
        return [AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], decode_value(r[6]), decode_value(r[7])) for r in rows]

    # -- counts ------------------------------------------------------------------
    def field_counts(self, document_id: int | None = None) -> dict[str, int]:
        sql = "SELECT status, count(*) FROM fields"
        params: list = []
        if document_id is not None:
            sql += " INDEXED BY fields_document WHERE document_id = ?"
            params.append(document_id)
        return dict(self.conn.execute(sql + " GROUP BY status", params).fetchall())

    def document_counts(self) -> dict[str, int]:
        return self.status_counts("document")


def _field_state(f: Field) -> dict[str, Any]:
    return {"label": f.label, "start": f.start, "end": f.end, "text": f.text,
            "value": f.value, "status": f.status}


def fts_query(search: str) -> str:
    """A safe FTS5 query: every word quoted, all words required, last one as a prefix."""
    words = [w.replace('"', '""') for w in search.split()]
    if not words:
        return '""'
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)
