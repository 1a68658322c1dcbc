"""What every part of the storage package shares: errors, timestamps, JSON values, column lists."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime, timezone
from typing import Any

from reviewer.core.model import AuditEntry, Field


class StorageError(Exception):
    """A database that cannot be used, or a change that was not saved; the message says why."""


class ReadOnlyError(StorageError):
    """A change refused because the database is open read-only."""


def describe_error(err: BaseException) -> str:
    """SQLite's error as one line a person can act on."""
    name = getattr(err, "sqlite_errorname", "") or ""
    text = str(err)
    if "BUSY" in name or "LOCKED" in name or "locked" in text:
        return ("the database is busy: another program is writing to it and did not finish in time; "
                "nothing was saved, try again in a moment")
    if "FULL" in name or "full" in text:
        return "the disk is full: nothing was saved; free some space and try again"
    if "READONLY" in name or "readonly" in text:
        return "the database cannot be written (read-only file, folder or disk): nothing was saved"
    if "CORRUPT" in name or "malformed" in text:
        return "the database file is damaged (malformed); restore a backup"
    if "NOTADB" in name or "not a database" in text:
        return "the file is not an SQLite database"
    if "IOERR" in name or "I/O" in text:
        return f"the disk failed to read or write the database ({name or text}); nothing was saved"
    if "CANTOPEN" in name or "unable to open" in text:
        return "the database file cannot be opened (missing, or its folder cannot be written)"
    if isinstance(err, sqlite3.Error):
        return f"database error: {text}"
    return text


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# the columns Documents and Fields read back, in the order their row converters expect
DOC_COLUMNS = (
    "id, filing_id, seq, part, doc_type, filename, description, source_path, source_format, "
    "sha256, text_length, metadata, checks, status, reviewer, decided_at, ingested_at"
)
FIELD_COLUMNS = (
    'id, document_id, label, start, "end", text, value, confidence, extractor, status, '
    "reviewer, decided_at, original_value"
)


def dumps_value(value: Any) -> str | None:
    """A value as the JSON text stored (None stays NULL)."""
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


def insert_audit(conn, at: str, reviewer: str, action: str, document_id: int, field_id: int | None,
                 before: dict | None, after: dict | None) -> None:
    """One row of the append-only audit log (inside the caller's transaction)."""
    conn.execute(
        "INSERT INTO audit (at, reviewer, action, document_id, field_id, before, after)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (at, reviewer, action, document_id, field_id, dumps_value(before), dumps_value(after)),
    )


def audit_entry(row) -> AuditEntry:
    return AuditEntry(row["id"], row["at"], row["reviewer"], row["action"], row["document_id"], row["field_id"],
                      decode_value(row["before"]), decode_value(row["after"]))


def field_state(f: Field) -> dict[str, Any]:
    """What the audit log keeps of a field before and after a decision."""
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
