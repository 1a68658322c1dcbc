"""The connection: opening safely, pragmas, migrations on open, transactions, errors.

Opening never modifies a file it is not going to use: a foreign SQLite file, a file
that is not a database, or one written by a newer version is refused before the
journal mode is touched. A file or folder we may not write to opens read-only.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from reviewer.core.storage.common import ReadOnlyError, StorageError, describe_error
from reviewer.core.storage.guard import LockKeeper
from reviewer.core.storage.migrations import AUDIT_BY_FIELD, MIGRATIONS, SCHEMA_VERSION

DEFAULT_BUSY_TIMEOUT = 10.0


_OWN_FILES = ("", "-wal", "-shm", "-journal")  # the database and SQLite's files beside it


def _identity(path: str | Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


class Connection:
    """One SQLite connection to a review database. Use it from the thread that opened it.

    ``create``: make the database when the file does not exist. ``keep_locks``: start
    a lock keeper process (see guard.py) so that nothing this process does to
    descriptors on the file can cost a decision; the window uses it.
    ``busy_timeout``: seconds to wait for another writer before giving up.
    ``synchronous``: FULL, always, for review work; OFF only to build throwaway fixtures.
    """

    def __init__(self, path: str | Path, *, create: bool = True, keep_locks: bool = False,
                 busy_timeout: float = DEFAULT_BUSY_TIMEOUT, read_only: bool = False,
                 synchronous: str = "FULL"):
        self.path = str(path)
        self.read_only = read_only
        self.read_only_reason = "opened read-only" if read_only else ""
        self._identity: tuple[int, int] | None = None
        self._wal_identity: tuple[int, int] | None = None
        self._keeper: LockKeeper | None = None
        memory = self.path == ":memory:"
        if not memory:
            self._check_path(create)
        conn = self._connect(busy_timeout, memory)
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        try:
            self._check_schema()
            if not memory and not self.read_only:
                self._set_wal()
            if synchronous not in ("FULL", "OFF"):
                raise ValueError(f"synchronous is FULL or OFF, not {synchronous!r}")
            conn.execute(f"PRAGMA synchronous = {synchronous}")
            self._migrate()
        except BaseException:
            conn.close()
            raise
        if not memory:
            self._identity = self._stat_identity()
            if keep_locks and not self.read_only:
                self._keeper = LockKeeper(self.path)
                self._keeper.start()

    # -- opening -----------------------------------------------------------------
    def _check_path(self, create: bool) -> None:
        p = Path(self.path)
        folder = p.parent if str(p.parent) else Path(".")
        if p.is_dir():
            raise StorageError(f"{p} is a folder, not a review database")
        if not p.exists():
            if not create:
                raise StorageError(f"no review database at {p}")
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise StorageError(f"cannot create the folder {folder}: {err.strerror or err}") from None
            if self.read_only or not os.access(folder, os.W_OK | os.X_OK):
                raise StorageError(f"cannot create {p}: the folder {folder} is read-only")
            return
        if not os.access(p, os.R_OK):
            raise StorageError(f"cannot read {p}: permission denied")
        if not self.read_only:
            if not os.access(p, os.W_OK):
                self.read_only, self.read_only_reason = True, "the file is read-only"
            elif not os.access(folder, os.W_OK | os.X_OK):
                self.read_only, self.read_only_reason = True, f"the folder {folder} is read-only"

    def _connect(self, busy_timeout: float, memory: bool) -> sqlite3.Connection:
        try:
            if memory:
                conn = sqlite3.connect(self.path, isolation_level=None)
            elif self.read_only:
                conn = self._connect_read_only(busy_timeout)
            else:
                conn = sqlite3.connect(self.path, isolation_level=None, timeout=busy_timeout)
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as err:
            raise StorageError(f"cannot open {self.path}: {describe_error(err)}") from None
        return conn

    def _connect_read_only(self, busy_timeout: float) -> sqlite3.Connection:
        uri = "file:" + quote(os.path.abspath(self.path)) + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=busy_timeout)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
        # WAL needs its index file, which a read-only folder cannot hold. Without a
        # WAL holding unmerged pages the file alone is the whole database.
        wal = Path(self.path + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise StorageError(
                f"cannot open {self.path} read-only: {self.read_only_reason} and its -wal file holds "
                "recent changes; open it once where it can be written"
            )
        return sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)

    def _check_schema(self) -> None:
        """Refuse, before changing anything, a file that is not one of our databases."""
        try:
            version, names = self._schema_state()
        except sqlite3.DatabaseError as err:
            raise StorageError(f"{self.path} is not a review database: {describe_error(err)}") from None
        if version == 0 and names and not self.read_only:
            # another process may be creating this database at this moment: look again once
            # it is done, under the write lock
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    version, names = self._schema_state()
                finally:
                    self.conn.execute("COMMIT")
            except sqlite3.OperationalError as err:
                raise StorageError(f"cannot open {self.path}: {describe_error(err)}") from None
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"{self.path} was written by a newer Filing Reviewer (database version "
                f"{version}, this program knows up to {SCHEMA_VERSION}); please upgrade"
            )
        if version == 0 and names:
            raise StorageError(f"{self.path} is an SQLite file but not a review database")
        if self.read_only and version < SCHEMA_VERSION:
            what = "is empty" if version == 0 else f"needs an upgrade (version {version} to {SCHEMA_VERSION})"
            raise StorageError(f"{self.path} {what}, but {self.read_only_reason}")

    def _schema_state(self) -> tuple[int, int]:
        """(user_version, number of schema objects), read in one statement: one snapshot, so
        never the version from before another process's migration and the tables from after."""
        return self.conn.execute(
            "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)"
        ).fetchone()

    def _set_wal(self) -> None:
        # Changing the journal mode needs a moment alone with the file; a second
        # process opening the same new database at once waits here, not fails.
        deadline = time.monotonic() + 30
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL").fetchone()
                return
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) or time.monotonic() > deadline:
                    raise StorageError(f"cannot open {self.path}: {describe_error(err)}") from None
                time.sleep(0.05)

    def _migrate(self) -> None:
        if self.schema_version != SCHEMA_VERSION:
            # Another process may be migrating the same file right now: decide what to
            # run only once this connection holds the write lock.
            with self.transaction(check=False):
                for number in range(self.schema_version, SCHEMA_VERSION):
                    MIGRATIONS[number](self.db)
                    self.conn.execute(f"PRAGMA user_version = {number + 1}")
        if not self.read_only:
            # a field's audit rows by its id (the team's merges read them so, and a new field
            # takes an id above every one they name): an index, not a new schema version, so
            # databases of the version before open and merge as they are
            self.conn.execute(AUDIT_BY_FIELD)

    # -- connection and schema -------------------------------------------------
    def close(self) -> None:
        # the keeper first: this connection is then the last, and checkpoints its WAL
        if self._keeper is not None:
            self._keeper.stop()
            self._keeper = None
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def rows(self, sql: str, params=()) -> sqlite3.Cursor:
        """A query whose rows are read by column name (row["status"]), never by position."""
        cursor = self.conn.execute(sql, params)
        cursor.row_factory = sqlite3.Row
        return cursor

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    @property
    def keeps_locks(self) -> bool:
        return self._keeper is not None and self._keeper.alive

    def _stat_identity(self, suffix: str = "") -> tuple[int, int] | None:
        return _identity(self.path + suffix)

    def is_own_file(self, path: str | Path) -> bool:
        """Whether ``path`` is this database or one of SQLite's files beside it (opening
        such a file outside SQLite would drop this process's locks)."""
        if self.path == ":memory:":
            return False
        other = _identity(path)
        return other is not None and other in {self._stat_identity(x) for x in _OWN_FILES}

    def check_file(self) -> None:
        """Raise StorageError if the database file was deleted, moved or replaced since it
        was opened: writing on would go to a file nobody will open again."""
        if self._identity is None:
            return
        now = self._stat_identity()
        if now != self._identity:
            what = "deleted or moved" if now is None else "replaced by another file"
            raise StorageError(
                f"the database file {self.path} was {what} while it was open; nothing more can be "
                "saved to it"
            )
        # While this connection is open its WAL must stay the same file: if another program
        # removed it, commits made here would go to a file nobody reads again.
        wal = self._stat_identity("-wal")
        if self._wal_identity is None:
            self._wal_identity = wal
        elif wal != self._wal_identity:
            raise StorageError(
                f"the write-ahead log of {self.path} was removed by another program while the "
                "database was open; nothing more can be saved to it"
            )
        if self._keeper is not None:
            self._keeper.ensure()

    def copy_to(self, out: str | Path) -> Path:
        """Write everything this connection sees to a new single-file database (SQLite's
        backup; works even when the file was deleted under an open connection)."""
        out = Path(out)
        if self.is_own_file(out):
            raise StorageError("choose another file: that is the database itself")
        part = out.with_name(f".{out.name}.{os.getpid()}.part")
        try:
            with self.database_errors():
                target = sqlite3.connect(part, isolation_level=None)
                try:
                    self.conn.backup(target)
                    target.execute("PRAGMA journal_mode = DELETE").fetchone()
                finally:
                    target.close()
            os.replace(part, out)
        finally:
            part.unlink(missing_ok=True)
        return out

    @contextmanager
    def database_errors(self) -> Iterator[None]:
        """Turn SQLite's errors into StorageError with a reason a person can act on."""
        try:
            yield
        except sqlite3.Error as err:
            raise StorageError(describe_error(err)) from err

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
    def transaction(self, *, check: bool = True) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT; a SAVEPOINT when already inside one.

        Raises ReadOnlyError on a read-only database and StorageError when SQLite
        cannot write (busy, disk full, I/O error): then nothing of it was saved.
        """
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
        if self.read_only:
            raise ReadOnlyError(f"{self.path} is open read-only ({self.read_only_reason})")
        if check:
            self.check_file()
        with self.database_errors():
            self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException as err:
            if self.conn.in_transaction:
                try:
                    self.conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if isinstance(err, sqlite3.Error):
                raise StorageError(describe_error(err)) from err
            raise
