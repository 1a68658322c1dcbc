"""The connection: pragmas, migrations on open, transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from reviewer.core.storage.common import StorageError
from reviewer.core.storage.migrations import MIGRATIONS, SCHEMA_VERSION


class Connection:
    """One SQLite connection to a review database. Use it from the thread that opened it."""

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

    def __enter__(self):
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
    def snapshot(self) -> Iterator[None]:
        """One read transaction: every query inside sees the database as it was at the
        first one (WAL), whatever other connections commit meanwhile."""
        self.conn.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            self.conn.execute("COMMIT")

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

