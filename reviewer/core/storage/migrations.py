"""The database schema, as versioned migrations run on open (PRAGMA user_version)."""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from reviewer.core.storage.queue import migrate_queue_index

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


def _m3_fields_by_label(db: sqlite_utils.Database) -> None:
    """fields_document becomes (document_id, label, start, end): a document's fields of one
    label (the queue's company and report date) are one seek, and exports aggregate a
    document's fields label by label, in position order, without sorting."""
    db.execute("DROP INDEX fields_document")
    db.execute('CREATE INDEX fields_document ON fields(document_id, label, start, "end")')


def _m4_undo_steps(db: sqlite_utils.Database) -> None:
    """Each reviewer's undo and redo history, so that Ctrl+Z after a restart undoes the last
    step of the previous run. ``step`` is the step as JSON (see reviewer/core/undo_steps.py).
    ``position`` numbers a reviewer's steps in order: the top of "undo" is its highest, the
    top of "redo" its lowest; trimming to the last N is one seek (storage/undo.py)."""
    db.executescript(
        """
        CREATE TABLE undo_steps (
            id INTEGER PRIMARY KEY,
            reviewer TEXT NOT NULL,
            stack TEXT NOT NULL CHECK (stack IN ('undo', 'redo')),
            position INTEGER NOT NULL,
            step TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX undo_steps_reviewer ON undo_steps(reviewer, stack, position);
        """
    )


def _m5_queue_index(db: sqlite_utils.Database) -> None:
    """A document's fields by status and confidence: the queue's pending counts, lowest
    pending confidence and "To review" / "In progress" filters read a few index entries per
    document instead of every field's row (storage/queue.py uses it when it is there)."""
    migrate_queue_index(db)


# made on every writable open (connection.py), after the migrations
AUDIT_BY_FIELD = "CREATE INDEX IF NOT EXISTS team_audit_field ON audit(field_id, reviewer, at)"


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _m1_initial, _m2_status_counts, _m3_fields_by_label, _m4_undo_steps, _m5_queue_index,
]
SCHEMA_VERSION = len(MIGRATIONS)
