"""Backups of a review database: a copy made through SQLite's online backup API, rolling
backups kept per database, and restore.

Everything goes through SQLite. The database file is never opened with open(), os.open()
or shutil in this process: POSIX advisory locks belong to the process, and closing any
descriptor of the database file drops every SQLite lock the process holds on it, after
which another process may checkpoint and delete the WAL a connection here still writes
to. The source is read over a ``mode=ro`` connection; os.stat-like calls (which open
nothing) are the only other things done to the database's paths.

Consistency: on a database in WAL mode (every review database) the copy is made inside
one read transaction, so it is the database as of one commit, whatever other connections
and processes commit meanwhile. A WAL reader blocks no writer, so a window writing at the
same time is never held up; the WAL only grows until the copy is done. (Without that
transaction, a stepped backup restarts whenever another process commits, and under steady
writes never finishes.) A database in another journal mode is copied without such a
transaction, which would block its writers; SQLite restarts the copy if it changes meanwhile.

Each copy is written to a temporary name in the destination folder
(``.<name>.<random>.filing-reviewer-backup.part``), switched to journal_mode DELETE so it
is one self-contained file, checked with ``PRAGMA quick_check`` and renamed into place.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

from reviewer.core.paths import APP_NAME, output_problem, sync_folder
from reviewer.core.storage.common import StorageError

KEEP = 5  # rolling backups kept per database
STEP_PAGES = 1024  # pages copied per step of the backup API, between progress calls
TEMP_SUFFIX = ".filing-reviewer-backup.part"
STALE_AFTER = 3600  # seconds without a write after which a backup's temporary file is stale
_SIDECAR = "last-backup.json"
SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")

Progress = Callable[[int, int], None]


class BackupError(StorageError):
    """A backup or restore that cannot be done; the message, one line, says why."""


class BackupCancelled(BackupError):
    """A backup stopped by its ``cancelled`` callback; nothing was written."""


# -- one copy ---------------------------------------------------------------------

def backup(db_path: str | os.PathLike, out_path: str | os.PathLike, *, progress: Progress | None = None,
           cancelled: Callable[[], bool] | None = None, overwrite: bool = False,
           step_pages: int = STEP_PAGES) -> Path:
    """Copy the database at ``db_path`` to ``out_path``, consistently, while other
    connections may be writing to it. ``progress(done_pages, total_pages)`` is called
    after each step; when ``cancelled()`` turns true the copy stops (BackupCancelled) and
    nothing is left. Refuses an existing ``out_path`` unless ``overwrite``. Returns the
    path written. Raises BackupError."""
    db, out = Path(db_path), Path(out_path)
    _check_destination(db, out, overwrite=overwrite)
    source = connect_source(db)
    try:
        with read_snapshot(source, db):
            _copy(source, db, out, progress=progress, cancelled=cancelled, step_pages=step_pages)
    finally:
        source.close()
    return out


def _check_destination(db: Path, out: Path, *, overwrite: bool) -> None:
    if not db.is_file():
        raise BackupError(f"no database at {db}")
    problem = output_problem(out)
    if problem:
        raise BackupError(problem)
    if out.exists() and db.resolve() == out.resolve():
        raise BackupError(f"cannot back up {db} onto itself")
    if os.path.lexists(out):
        if not overwrite:
            raise BackupError(f"{out} exists; choose another name")
        for side in SQLITE_SIDE_FILES[:2]:
            if os.path.lexists(f"{out}{side}"):  # a database in use, or left mid-transaction
                raise BackupError(f"{out} is a database with a {side} file beside it; choose another name")


def connect_source(db: Path) -> sqlite3.Connection:
    uri = db.resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=10)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as err:
        raise BackupError(f"cannot read {db}: {one_line(err)}") from None
    return conn


@contextmanager
def read_snapshot(conn: sqlite3.Connection, db: Path) -> Iterator[None]:
    """One read transaction on a WAL database for the whole copy (see the module's notes);
    nothing on a database in another journal mode, whose writers it would block."""
    try:
        wal = conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
        if wal:
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # takes the snapshot
    except sqlite3.Error as err:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise BackupError(f"cannot read {db}: {one_line(err)}") from None
    try:
        yield
    finally:
        if wal:
            conn.execute("COMMIT")


def _copy(source: sqlite3.Connection, db: Path, out: Path, *, progress: Progress | None,
          cancelled: Callable[[], bool] | None, step_pages: int) -> None:
    """Copy what ``source`` reads to ``out`` (temporary name, checks, rename)."""
    tmp = write_temporary(source, db, out, progress=progress, cancelled=cancelled, step_pages=step_pages)
    try:
        os.replace(tmp, out)
    except OSError as err:
        remove_temporary(tmp)
        raise BackupError(cannot_write(out, err)) from None
    sync_folder(out.parent)


def write_temporary(source: sqlite3.Connection, db: Path, out: Path, *, progress: Progress | None,
                     cancelled: Callable[[], bool] | None, step_pages: int) -> Path:
    """The copy under a temporary name beside ``out``, in journal_mode DELETE, checked."""
    remove_stale_temporaries(out.parent)
    tmp = out.parent / f".{out.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}"

    def step(status: int, remaining: int, total: int) -> None:
        if cancelled and cancelled():
            raise BackupCancelled("backup cancelled; nothing was written")
        if progress:
            progress(total - remaining, total)

    try:
        dest = sqlite3.connect(tmp, isolation_level=None)
        try:
            source.backup(dest, pages=max(1, step_pages), progress=step, sleep=0.05)
            # the copy's header still says WAL if the source is: one file, not three
            dest.execute("PRAGMA journal_mode = DELETE").fetchone()
            problems = [row[0] for row in dest.execute("PRAGMA quick_check(5)")]
        finally:
            dest.close()
        if problems != ["ok"]:
            raise BackupError(f"the copy of {db} fails its integrity check ({'; '.join(problems)}); "
                              "the database may be damaged")
    except BaseException as err:
        remove_temporary(tmp)
        if isinstance(err, sqlite3.Error):
            raise BackupError(f"cannot back up {db} to {out}: {one_line(err)}") from None
        if isinstance(err, OSError):
            raise BackupError(cannot_write(out, err)) from None
        raise
    return tmp


def remove_temporary(tmp: Path) -> None:
    for path in [tmp] + [Path(f"{tmp}{side}") for side in SQLITE_SIDE_FILES]:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        except OSError:
            pass  # removed as stale later (remove_stale_temporaries)


def remove_stale_temporaries(folder: str | os.PathLike, *, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove the temporary files of backups in ``folder`` left by killed processes:
    this program's names only, not written for ``older_than`` seconds (a running backup
    writes its file step after step). Returns what was removed."""
    removed = []
    limit = time.time() - older_than
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        base = next((name[: -len(s)] for s in SQLITE_SIDE_FILES if name.endswith(s)), name)
        if not (base.startswith(".") and base.endswith(TEMP_SUFFIX)):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < limit:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


# -- rolling backups --------------------------------------------------------------

def backups_root() -> Path:
    """Where rolling backups go by default: backups/ in the platform's user data folder."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "backups"


def backups_folder(db_path: str | os.PathLike, folder: str | os.PathLike | None = None) -> Path:
    """The folder of one database's rolling backups: ``<folder>/<stem>-<hash of its
    absolute path>``, so two databases with the same name keep apart."""
    db = Path(db_path).expanduser().resolve()
    digest = hashlib.sha256(str(db).encode("utf-8", "surrogateescape")).hexdigest()[:10]
    return Path(folder if folder is not None else backups_root()) / f"{db.stem}-{digest}"


def list_backups(db_path: str | os.PathLike, folder: str | os.PathLike | None = None) -> list[Path]:
    """The rolling backups of ``db_path``, newest first."""
    db = Path(db_path).expanduser().resolve()
    return [path for _, path in _backups_in(backups_folder(db, folder), db.stem)]


def rolling_backup(db_path: str | os.PathLike, folder: str | os.PathLike | None = None, keep: int = KEEP, *,
                   progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> Path | None:
    """Back ``db_path`` up into its rolling backups folder (see backups_folder) as
    ``<stem>-YYYYmmdd-HHMMSS.db`` and keep the newest ``keep``. Returns the new backup,
    or None when there was nothing to do: no database, an empty one, or one unchanged
    since its last backup. Meant for when a window opens a database, in a worker thread
    (it makes its own connections). Raises BackupError."""
    path, _ = rolling(Path(db_path), folder, keep, progress=progress, cancelled=cancelled)
    return path


def rolling(db: Path, folder, keep: int, *, progress=None, cancelled=None) -> tuple[Path | None, Path | None]:
    """(the new backup or None, the backup holding the database as it is now or None)."""
    if keep < 1:
        raise ValueError("keep at least one backup")
    db = db.expanduser()
    if not db.is_file():
        return None, None
    where = backups_folder(db, folder)
    source = connect_source(db)
    try:
        with read_snapshot(source, db):
            now = fingerprint(source, db)
            if now is None:  # nothing in it yet
                return None, None
            last = _read_sidecar(where)
            if last.get("fingerprint") == now and (where / str(last.get("backup"))).is_file():
                return None, where / last["backup"]
            try:
                where.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise BackupError(cannot_write(where, err)) from None
            out = _new_backup_name(where, db.resolve().stem)
            _copy(source, db, out, progress=progress, cancelled=cancelled, step_pages=STEP_PAGES)
    finally:
        source.close()
    _write_sidecar(where, {"database": str(db.resolve()), "fingerprint": now, "backup": out.name})
    for old in list_backups(db, folder)[keep:]:
        try:
            os.unlink(old)
        except OSError:
            pass
    return out, out


def fingerprint(conn: sqlite3.Connection, db: Path) -> list | None:
    """What changes whenever the review changes, read cheaply in the snapshot: the schema,
    the last id of every table (decisions add audit rows, ingest adds filings, documents
    and fields) and the counts per status. None for a database without documents or
    decisions. (Re-computed document checks, which add no audit row, are not seen.)"""
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "documents" not in names:
            raise BackupError(f"{db} is not a review database")
        tables = [t for t in ("filings", "documents", "fields", "audit") if t in names]
        last = conn.execute("SELECT " + ", ".join(f"(SELECT max(rowid) FROM {t})" for t in tables)).fetchone()
        counts = []
        if "status_counts" in names:
            counts = [list(r) for r in conn.execute("SELECT kind, status, n FROM status_counts ORDER BY 1, 2")]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        schema = conn.execute("PRAGMA schema_version").fetchone()[0]
    except sqlite3.Error as err:
        raise BackupError(f"cannot read {db}: {one_line(err)}") from None
    if all(v is None for v in last):
        return None
    return [version, schema, dict(zip(tables, last)), counts]


def _backup_name(stem: str) -> re.Pattern:
    return re.compile(re.escape(stem) + r"-(\d{8}-\d{6})(?:-(\d+))?\.db")


def _new_backup_name(where: Path, stem: str) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    newest = _backups_in(where, stem)
    counter = 0
    if newest:  # the same second as the last one (or a clock set back): keep the order
        top_stamp, top_counter = newest[0][0]
        if top_stamp >= stamp:
            stamp, counter = top_stamp, top_counter + 1
    return where / (f"{stem}-{stamp}.db" if counter == 0 else f"{stem}-{stamp}-{counter}.db")


def _backups_in(where: Path, stem: str) -> list[tuple[tuple[str, int], Path]]:
    """((stamp, counter), path) of the backups named for ``stem`` in ``where``, newest first."""
    pattern = _backup_name(stem)
    found = []
    try:
        entries = list(os.scandir(where))
    except OSError:
        return []
    for entry in entries:
        m = pattern.fullmatch(entry.name)
        if m and entry.is_file(follow_symlinks=False):
            found.append(((m.group(1), int(m.group(2) or 0)), Path(entry.path)))
    return sorted(found, reverse=True)


def _read_sidecar(where: Path) -> dict:
    try:
        with open(where / _SIDECAR, encoding="utf-8") as handle:  # our own small file, not a database
            data = json.load(handle)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_sidecar(where: Path, data: dict) -> None:
    tmp = where / f".{_SIDECAR}.{secrets.token_hex(4)}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        os.replace(tmp, where / _SIDECAR)
    except OSError:  # without it the next open backs up again: harmless
        try:
            os.unlink(tmp)
        except OSError:
            pass


# -- shared -----------------------------------------------------------------------

def one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__


def cannot_write(path, err: OSError) -> str:
    reason = err.strerror or (os.strerror(err.errno) if err.errno else "") or str(err)
    return f"cannot write {path}: {' '.join(reason.split())}"
