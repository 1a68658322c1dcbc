"""Restore a review database from a backup (see backup.py for how copies are made).

The copy is made beside the target through SQLite's backup API, checked, and renamed
over it only when nobody has the target open; the database it replaces is kept first.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from reviewer.core.paths import output_problem, sync_folder
from reviewer.core.storage.backup import (
    SQLITE_SIDE_FILES,
    KEEP,
    STEP_PAGES,
    BackupError,
    Progress,
    cannot_write,
    connect_source,
    fingerprint,
    one_line,
    read_snapshot,
    remove_temporary,
    rolling,
    write_temporary,
)


def restore(backup_path: str | os.PathLike, db_path: str | os.PathLike, *, overwrite: bool = False,
            folder: str | os.PathLike | None = None, progress: Progress | None = None) -> Path | None:
    """Make ``db_path`` a copy of the backup at ``backup_path``: copied (backup API) to a
    temporary file beside ``db_path``, checked, then renamed over it. An existing
    ``db_path`` is refused unless ``overwrite``; then it must not be in use (no window or
    command has it open), and it is kept first: as a rolling backup in its backups folder
    (``folder`` as for rolling_backup), or, when it cannot be read (damaged), as
    ``<name>.before-restore-<stamp>`` beside it. Returns where it was kept (None when
    nothing was replaced, or it held nothing). Raises BackupError."""
    source_path, target = Path(backup_path), Path(db_path).expanduser()
    if not source_path.is_file():
        raise BackupError(f"no backup at {source_path}")
    problem = output_problem(target)
    if problem:
        raise BackupError(problem)
    exists = os.path.lexists(target)
    if exists and not overwrite:
        raise BackupError(f"{target} exists; restore to another name, or overwrite it")
    if exists and source_path.resolve() == target.resolve():
        raise BackupError(f"cannot restore {target} onto itself")

    source = connect_source(source_path)
    try:
        try:
            names = {r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.Error as err:
            raise BackupError(f"cannot read {source_path}: {one_line(err)}") from None
        if "documents" not in names:
            raise BackupError(f"{source_path} is not a backup of a review database")
        with read_snapshot(source, source_path):
            tmp = write_temporary(source, source_path, target, progress=progress, cancelled=None,
                                   step_pages=STEP_PAGES)
    finally:
        source.close()
    try:
        if exists:
            saved = _replace(tmp, target, folder)
        else:
            saved = None
            _rename_new(tmp, target)
    except BaseException:
        remove_temporary(tmp)
        raise
    sync_folder(target.parent)
    return saved


def _rename_new(tmp: Path, target: Path) -> None:
    for side in SQLITE_SIDE_FILES[:2]:  # a journal or WAL of an earlier database would be applied to it
        if os.path.lexists(f"{target}{side}"):
            raise BackupError(f"{target}{side} exists; move it away first")
    try:
        os.replace(tmp, target)
    except OSError as err:
        raise BackupError(cannot_write(target, err)) from None


def _replace(tmp: Path, target: Path, folder) -> Path | None:
    """Rename ``tmp`` over the database ``target`` when nobody uses it, having kept it."""
    in_use = f"{target} is in use (open in a window or a command); close it and try again"
    try:
        lock = sqlite3.connect(target.resolve().as_uri() + "?mode=rw", uri=True, isolation_level=None, timeout=0.5)
    except sqlite3.Error as err:
        raise BackupError(f"cannot open {target}: {one_line(err)}") from None
    try:
        try:
            # every connection to a WAL database holds a shared lock on it while open: leaving
            # WAL needs the only connection, and checkpoints and removes the WAL file
            mode = lock.execute("PRAGMA journal_mode = DELETE").fetchone()[0].lower()
        except sqlite3.Error as err:
            if _busy(err):
                raise BackupError(in_use) from None
            mode = None  # not a database, or too damaged to open: nobody can be using it
        if mode is not None and mode != "delete":
            raise BackupError(in_use)
        saved = _keep_previous(target, folder, damaged=mode is None)
        if mode is None:
            _rename_new(tmp, target)
            return saved
        before = _fingerprint_of(lock, target)
        try:
            lock.execute("BEGIN EXCLUSIVE")  # nobody opens it now until the rename is done
        except sqlite3.Error as err:
            raise BackupError(in_use if _busy(err) else f"cannot open {target}: {one_line(err)}") from None
        try:
            if _fingerprint_of(lock, target) != before:
                raise BackupError(in_use)  # written since it was kept
            _rename_new(tmp, target)
        finally:
            lock.execute("ROLLBACK")
    finally:
        lock.close()
    return saved


def _keep_previous(target: Path, folder, *, damaged: bool) -> Path | None:
    """Keep the database a restore replaces: as a rolling backup (None when it holds
    nothing), or, when it cannot be read (often the reason to restore), under another
    name beside it, by a hard link (which opens nothing)."""
    if not damaged:
        try:
            return rolling(target, folder, KEEP)[1]
        except BackupError:
            pass
    aside = target.with_name(f"{target.name}.before-restore-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.link(target, aside)
    except OSError as err:
        raise BackupError(f"cannot keep {target} before replacing it ({cannot_write(aside, err)}); "
                          "move it away and restore to its name") from None
    return aside


def _busy(err: sqlite3.Error) -> bool:
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(err) or "busy" in str(err)


def _fingerprint_of(conn: sqlite3.Connection, db: Path):
    try:
        return fingerprint(conn, db)
    except BackupError:
        return None


