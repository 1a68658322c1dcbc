"""Team review in the database: the corpus identity, shards written from a corpus database.

A corpus database is shared out as shards: each one a complete review database holding a
part of the documents, with their filings, fields and audit rows copied verbatim (their
ids too), so that every database of one corpus speaks of the same documents and fields.
What team review adds lives in tables of its own, created when first needed
(``CREATE TABLE IF NOT EXISTS``), so the schema's migrations and version are untouched:

- ``team_meta``: key/value facts: ``corpus_id`` (the same in every database of a corpus),
  ``role`` (corpus, shard or merged), and for a shard its number, the count, seed, method;
- ``team_field_ids``: an extracted field stored here under another id than the corpus gave it
  (a merge found its id taken); ``team_field_alias``: a reviewer's added field that a merge
  found identical to one already here (storage/team_merge.py);
- ``team_conflicts``: fields (and documents, field_id 0) that reviewers decided differently.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterable
from pathlib import Path

from reviewer.core.paths import sync_folder
from reviewer.core.storage.common import StorageError, now

TEAM_SCHEMA = """
CREATE TABLE IF NOT EXISTS team_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS team_field_ids (
    field_id INTEGER PRIMARY KEY, corpus_id INTEGER NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS team_field_alias (key TEXT PRIMARY KEY, field_id INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS team_conflicts (
    document_id INTEGER NOT NULL, field_id INTEGER NOT NULL, PRIMARY KEY (document_id, field_id)
) WITHOUT ROWID;
"""
# the audit log read by field (merges and agreement read it per field and reviewer; by
# document, audit_document); an index by time alone, which earlier merges made, costs a
# random insertion per row and is dropped
TEAM_INDEXES = """
CREATE INDEX IF NOT EXISTS team_audit_field ON audit(field_id, reviewer, at);
DROP INDEX IF EXISTS team_audit_at;
"""  # team_audit_field: every writable open makes it too (migrations.AUDIT_BY_FIELD)
# the tables a shard copies, in the order their references need
COPIED = ("filings", "documents", "fields", "audit")


def has_team_tables(conn: sqlite3.Connection, schema: str = "main") -> bool:
    row = conn.execute(f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = 'team_meta'")
    return row.fetchone() is not None


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Statements separated by ";" one by one (executescript would commit the caller's transaction)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def ensure_team_tables(storage, *, indexes: bool = False) -> None:
    """Create the team tables (and, with ``indexes``, the audit indexes a merge reads)."""
    with storage.transaction():
        run_script(storage.conn, TEAM_SCHEMA + (TEAM_INDEXES if indexes else ""))


BULK_CACHE_KIB = 256 * 1024  # the page cache of a merge or a shard being written


def bulk_writes(storage, *, new_file: bool) -> None:
    """Pragmas for writing much at once: a large page cache, temporary tables in memory; and
    for a file nobody else has yet (written under a temporary name, renamed when done), no
    journal, no syncs and no foreign-key check per row: ``seal`` checks the references once
    and makes it durable before it is renamed."""
    conn = storage.conn
    conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    conn.execute("PRAGMA temp_store = MEMORY")
    if new_file:
        conn.execute("PRAGMA foreign_keys = OFF")  # a fifth of a merge's time, checked in seal
        conn.execute("PRAGMA journal_mode = OFF").fetchone()
        conn.execute("PRAGMA synchronous = OFF")
        storage._wal_identity = None  # the write-ahead log is gone on purpose


# what a new file written in bulk goes without until it is whole: the triggers keeping the
# status counts (counted again at the end in one pass) and the text index's trigger on insert
# (the index is built beside the merge: storage/team_fts.py). Dropping the fields' indexes
# no merge reads (by status, the queue's) and building them at the end measured no cheaper:
# 3 s less for the inserts, 4 s to build them, for 2.6 million fields
_BULK_SUSPENDED = "type = 'trigger' AND (sql LIKE '%status_counts%' OR name = 'documents_fts_insert')"


def suspend_triggers(storage) -> list[str]:
    """Drop the triggers keeping status_counts and the text index (a new file written in
    bulk); returns their SQL for ``resume_triggers``."""
    rows = storage.conn.execute(f"SELECT type, name, sql FROM sqlite_master WHERE {_BULK_SUSPENDED}"
                                " ORDER BY name").fetchall()
    with storage.transaction():
        for kind, name, _ in rows:
            storage.conn.execute(f'DROP {kind.upper()} "{name}"')
    return [sql for _, _, sql in rows]


def resume_triggers(storage, triggers: list[str]) -> None:
    """Put the triggers back as the migrations made them and count the statuses again."""
    with storage.transaction():
        conn = storage.conn
        for sql in triggers:
            conn.execute(sql)
        conn.execute("DELETE FROM status_counts")
        conn.execute("INSERT INTO status_counts (kind, status, n) SELECT 'field', status, count(*) FROM fields"
                     " GROUP BY status")
        conn.execute("INSERT INTO status_counts (kind, status, n) SELECT 'document', status, count(*)"
                     " FROM documents GROUP BY status")


def seal(storage) -> None:
    """Make a file written with ``bulk_writes(new_file=True)`` durable: a rollback journal and
    one synced commit (its fsync writes out every page written before); first every reference
    checked (a row naming a document or filing that is not there: StorageError, nothing kept)."""
    conn = storage.conn
    broken = conn.execute("PRAGMA foreign_key_check").fetchmany(3)
    if broken:
        raise StorageError("the new database would be inconsistent (" + ", ".join(
            f"{table} row {rowid} names a missing {parent}" for table, rowid, parent, _ in broken) + ")")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = DELETE").fetchone()
    conn.execute("PRAGMA synchronous = FULL")
    storage._wal_identity = None
    set_team_meta(storage, {"sealed_at": now()})


def replace_durably(part: str | Path, out: str | Path) -> None:
    """Rename a sealed file into place and sync its folder, so that the new name survives a
    crash as well as the content."""
    os.replace(part, out)
    sync_folder(Path(out).parent)


def forget_shard_state(storage) -> None:
    """A merged database starting as a copy of a shard: no one's undo history, no shard facts."""
    with storage.transaction():
        storage.conn.execute("DELETE FROM undo_steps")
        storage.conn.execute("DELETE FROM team_meta WHERE key LIKE 'shard%'")


def team_meta(storage) -> dict[str, str]:
    """The team facts of a database ({} for one never shared out nor merged)."""
    if not has_team_tables(storage.conn):
        return {}
    return dict(storage.conn.execute("SELECT key, value FROM team_meta").fetchall())


def set_team_meta(storage, values: dict[str, object]) -> None:
    ensure_team_tables(storage)
    with storage.transaction():
        storage.conn.executemany(
            "INSERT INTO team_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [(k, str(v)) for k, v in values.items()])


def corpus_id(storage, *, create: bool = False) -> str | None:
    """The corpus id of a database; with ``create``, a new one recorded when it has none."""
    found = team_meta(storage).get("corpus_id")
    if found or not create:
        return found
    made = uuid.uuid4().hex
    set_team_meta(storage, {"corpus_id": made, "role": "corpus", "corpus_since": now()})
    return made


# -- shards ------------------------------------------------------------------------
# a filing's grouping key for sharding by company: the CIK, else the company name, else
# the company field of its first document, else the filing itself
_COMPANY_KEY = """
coalesce(nullif(f.cik, ''), nullif(lower(trim(f.company)), ''),
         (SELECT lower(trim(x.text)) FROM fields x INDEXED BY fields_document
            WHERE x.document_id = (SELECT min(d2.id) FROM documents d2 WHERE d2.filing_id = f.id)
              AND x.label = 'company' AND x.status NOT IN ('rejected', 'absent')
            ORDER BY x.confidence DESC LIMIT 1),
         'filing ' || f.id)
"""


def shard_units(storage) -> list[tuple[int, str, int]]:
    """(filing id, company key, its number of documents) for every filing with documents,
    in ingest order: the units a corpus is shared out in (a filing's parts stay together)."""
    sql = (f"SELECT f.id, {_COMPANY_KEY} AS company, count(d.id) FROM filings f"
           " JOIN documents d ON d.filing_id = f.id GROUP BY f.id ORDER BY f.id")
    return [(r[0], r[1], r[2]) for r in storage.conn.execute(sql)]


def _columns(conn: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def common_columns(conn: sqlite3.Connection, table: str, other: str = "src") -> str:
    """The columns of ``table`` both main and ``other`` have, quoted, in main's order."""
    theirs = set(_columns(conn, other, table))
    return ", ".join(f'"{c}"' for c in _columns(conn, "main", table) if c in theirs)


def attach(storage, path: str | Path, name: str = "src") -> None:
    """Attach another review database to this connection (read through SQLite, never opened
    as a file), refusing a newer schema than this one."""
    if storage.conn.in_transaction:
        raise StorageError("cannot attach a database inside a transaction")
    with storage.database_errors():
        storage.conn.execute(f"ATTACH DATABASE ? AS {name}", (str(path),))
    try:
        version = storage.conn.execute(f"PRAGMA {name}.user_version").fetchone()[0]
        tables = {r[0] for r in storage.conn.execute(f"SELECT name FROM {name}.sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as err:
        detach(storage, name)
        raise StorageError(f"{path} is not a review database ({err})") from None
    if "documents" not in tables or version == 0:
        detach(storage, name)
        raise StorageError(f"{path} is not a review database")
    if version != storage.schema_version:
        detach(storage, name)
        raise StorageError(f"{path} has database version {version}, this one {storage.schema_version}: "
                           "open it once with this program to upgrade it")


def detach(storage, name: str = "src") -> None:
    try:
        storage.conn.execute(f"DETACH DATABASE {name}")
    except sqlite3.Error:
        pass


def write_shard(source_path: str | Path, out: str | Path, filing_ids: Iterable[int], meta: dict[str, object],
                ) -> int:
    """Write a new review database at ``out`` holding the given filings of the corpus at
    ``source_path`` (their documents, fields and audit rows, ids kept) and the team facts
    ``meta``; written under a temporary name and renamed into place. Returns its documents."""
    from reviewer.core.storage import Storage

    out = Path(out)
    part = out.with_name(f".{out.name}.{os.getpid()}.part")
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{part}{suffix}").unlink(missing_ok=True)
    try:
        with Storage(part) as shard:
            bulk_writes(shard, new_file=True)
            attach(shard, source_path)
            conn = shard.conn
            with shard.transaction():
                conn.execute("CREATE TEMP TABLE shard_filings (id INTEGER PRIMARY KEY)")
                conn.executemany("INSERT INTO shard_filings (id) VALUES (?)", ((i,) for i in filing_ids))
                where = {
                    "filings": "id IN (SELECT id FROM temp.shard_filings)",
                    "documents": "filing_id IN (SELECT id FROM temp.shard_filings)",
                    "fields": "document_id IN (SELECT id FROM main.documents)",
                    "audit": "document_id IN (SELECT id FROM main.documents)",
                }
                for table in COPIED:
                    cols = common_columns(conn, table)
                    conn.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM src.{table}"
                                 f" WHERE {where[table]} ORDER BY id")
                run_script(conn, TEAM_SCHEMA)
                if has_team_tables(conn, "src"):  # a corpus that was itself merged: its remapped ids
                    conn.execute("INSERT INTO main.team_field_ids SELECT * FROM src.team_field_ids"
                                 " WHERE field_id IN (SELECT id FROM main.fields)")
                    conn.execute("INSERT INTO main.team_field_alias SELECT * FROM src.team_field_alias"
                                 " WHERE field_id IN (SELECT id FROM main.fields)")
                conn.executemany("INSERT INTO team_meta (key, value) VALUES (?, ?)",
                                 [(k, str(v)) for k, v in meta.items()])
                conn.execute("DROP TABLE temp.shard_filings")
                documents = conn.execute("SELECT count(*) FROM main.documents").fetchone()[0]
            detach(shard)
            seal(shard)
        replace_durably(part, out)
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{part}{suffix}").unlink(missing_ok=True)
    return documents
