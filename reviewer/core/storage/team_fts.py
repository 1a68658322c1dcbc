"""The text index of a new merged database, built beside the merge.

Tokenizing the documents' text for the FTS5 index is a quarter of a merge into a new
database. While the merge writes the documents, fields and audit rows, a connection of its
own (on a thread of its own: SQLite works with the interpreter's lock released) builds the
same index in a side file: it starts from the first input's index (the new database is a copy
of that input) and indexes the text of every document the merge adds, read from the input it
came from, under the id it has in the new database. At the end the index's tables (FTS5's
``documents_fts_*`` shadow tables, ordinary tables holding the whole index) replace the new
database's, in the merge's last transaction, where a check that it holds exactly the documents'
ids (a first input written to by another process meanwhile would leave it behind) falls back to
FTS5's 'rebuild'. A database being merged into
in place keeps its index by the trigger, as any write does.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from pathlib import Path

from reviewer.core.storage.common import StorageError

FTS = "documents_fts"
_CACHE_KIB = 64 * 1024


def _shadow_tables(conn: sqlite3.Connection, schema: str = "main") -> list[str]:
    return [r[0] for r in conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name LIKE '{FTS}\\_%' ESCAPE '\\'"
        " ORDER BY name")]


def _indexes_every_document(conn: sqlite3.Connection) -> bool:
    """Whether the index holds exactly the documents' ids (its docsize table has a row a document)."""
    docs = conn.execute("SELECT count(*) FROM main.documents").fetchone()[0]
    sizes = conn.execute(f"SELECT count(*) FROM main.{FTS}_docsize").fetchone()[0]
    missing = conn.execute(f"SELECT count(*) FROM main.documents d WHERE NOT EXISTS"
                           f" (SELECT 1 FROM main.{FTS}_docsize z WHERE z.id = d.id)").fetchone()[0]
    return docs == sizes and not missing


class TextIndexBuilder:
    """Builds the text index of a new database (``part``, a copy of ``first``) in a side file."""

    def __init__(self, part: Path, first: Path, create_sql: str):
        self.path = part.with_name(part.name + ".fts")
        self.first = first
        self.create_sql = create_sql
        self._work: queue.Queue = queue.Queue()
        self._error: BaseException | None = None
        self._remove()
        self._thread = threading.Thread(target=self._run, name="merge text index", daemon=True)
        self._thread.start()

    @classmethod
    def start(cls, storage, part: Path, first: Path) -> TextIndexBuilder | None:
        """A builder for the new database ``storage`` (None: it has no text index)."""
        row = storage.conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                   (FTS,)).fetchone()
        return cls(part, first, row[0]) if row else None

    def add(self, source: Path, documents: list[tuple[int, int]]) -> None:
        """Index the text of ``source``'s documents (source id, id in the new database)."""
        if documents:
            self._work.put((source, documents))

    def finish(self, storage) -> None:
        """Wait for the index and put it into the new database (outside a transaction)."""
        self._work.put(None)
        self._thread.join()
        if self._error is not None:
            raise StorageError(f"the text index could not be built: {self._error}") from self._error
        conn = storage.conn
        conn.execute("ATTACH DATABASE ? AS fts_side", (str(self.path),))
        try:
            with storage.transaction():
                for table in _shadow_tables(conn):
                    conn.execute(f'DELETE FROM main."{table}"')
                    conn.execute(f'INSERT INTO main."{table}" SELECT * FROM fts_side."{table}"')
                if not _indexes_every_document(conn):
                    # the first input changed between its copy and the index's start (another
                    # process wrote to it): index the documents as they are, the slow way
                    conn.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
        finally:
            conn.execute("DETACH DATABASE fts_side")

    def close(self) -> None:
        """Stop (when the merge failed) and remove the side file."""
        if self._thread.is_alive():
            self._work.put(None)
            self._thread.join()
        self._remove()

    def _remove(self) -> None:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _run(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            for pragma in ("journal_mode = OFF", "synchronous = OFF", f"cache_size = -{_CACHE_KIB}",
                           "temp_store = MEMORY"):
                conn.execute(f"PRAGMA {pragma}").fetchall()
            conn.execute(self.create_sql)
            conn.execute("ATTACH DATABASE ? AS src", (str(self.first),))
            conn.execute("BEGIN")
            for table in _shadow_tables(conn, "src"):  # the first input's index, as the copy has it
                conn.execute(f'DELETE FROM main."{table}"')
                conn.execute(f'INSERT INTO main."{table}" SELECT * FROM src."{table}"')
            conn.execute("COMMIT")
            conn.execute("DETACH DATABASE src")
            conn.execute("CREATE TEMP TABLE ids (src_id INTEGER PRIMARY KEY, out_id INTEGER NOT NULL)")
            while (item := self._work.get()) is not None:
                source, documents = item
                conn.execute("ATTACH DATABASE ? AS src", (str(source),))
                try:
                    conn.execute("BEGIN")
                    conn.executemany("INSERT INTO temp.ids (src_id, out_id) VALUES (?, ?)", documents)
                    conn.execute(f"INSERT INTO main.{FTS} (rowid, text) SELECT i.out_id, s.text FROM temp.ids i"
                                 " JOIN src.documents s ON s.id = i.src_id ORDER BY i.out_id")
                    conn.execute("DELETE FROM temp.ids")
                    conn.execute("COMMIT")
                finally:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    conn.execute("DETACH DATABASE src")
        except BaseException as err:  # handed to the merge in finish()
            self._error = err
            while self._work.get() is not None:
                pass
        finally:
            conn.close()
