"""The review database: the only package that speaks SQL.

One SQLite file holds filings, their documents (text, original source, offset map),
extracted fields, an append-only audit log, and each reviewer's undo history. Every
decision is committed at once with its audit row (and its undo entry). Versioned
migrations run on open; a database written by a newer version of the program is refused.
"""

from __future__ import annotations

from sqlite3 import Error as DatabaseError

from reviewer.core.storage.common import (
    ReadOnlyError,
    StorageError,
    describe_error,
    decode_value,
    fts_query,
    now,
    text_sha256,
)
from reviewer.core.storage.activity import Activity
from reviewer.core.storage.connection import Connection
from reviewer.core.storage.documents import Documents
from reviewer.core.storage.exports import Exports
from reviewer.core.storage.fields import Fields
from reviewer.core.storage.migrations import SCHEMA_VERSION
from reviewer.core.storage.undo import UNDO_LIMIT, UndoSteps


class Storage(Documents, Fields, Exports, Activity, UndoSteps, Connection):
    """A connection to one review database. Use it from the thread that opened it."""


__all__ = ["SCHEMA_VERSION", "UNDO_LIMIT", "DatabaseError", "ReadOnlyError", "Storage", "StorageError", "describe_error", "decode_value", "fts_query", "now", "text_sha256"]
