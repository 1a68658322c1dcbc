"""Backups: consistent copies while another process writes, rolling backups, restore, and
never a descriptor on the database file outside SQLite."""

import builtins
import io
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reviewer.core.extract import default_extractor
from reviewer.core.ingest import ingest_paths
from reviewer.core.storage import Storage
from reviewer.core.storage.backup import (
    TEMP_SUFFIX,
    BackupCancelled,
    BackupError,
    backup,
    backups_folder,
    list_backups,
    remove_stale_temporaries,
    rolling_backup,
)
from reviewer.core.storage.restore import restore

ROOT = Path(__file__).resolve().parents[2]
FILLER = "x" * 400


def _add_audit(storage, n=1, action="test"):
    with storage.transaction():
        storage.conn.executemany("INSERT INTO audit (at, action, after) VALUES ('2026-01-01', ?, ?)",
                                 [(action, FILLER)] * n)


def _rows(path, sql="SELECT id, action FROM audit ORDER BY id"):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _check(path):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return (conn.execute("PRAGMA quick_check").fetchone()[0], conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


def _python(code: str, *args) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *map(str, args)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)


@pytest.fixture
def ingested(storage, data_dir):
    list(ingest_paths(storage, [data_dir], extractor=default_extractor()))
    return storage


def test_backup_is_a_checked_self_contained_copy(ingested, tmp_path):
    _add_audit(ingested, 3)
    steps = []
    out = backup(ingested.path, tmp_path / "copy.db", progress=lambda done, total: steps.append((done, total)),
                 step_pages=4)
    assert out == tmp_path / "copy.db"
    assert _check(out) == ("ok", "delete")  # one file, not a WAL database
    assert not any(Path(f"{out}{side}").exists() for side in ("-wal", "-shm", "-journal"))
    assert len(steps) > 1 and steps[-1][0] == steps[-1][1]
    for table in ("filings", "documents", "fields", "audit"):
        sql = f"SELECT * FROM {table} ORDER BY rowid"
        assert _rows(out, sql) == _rows(ingested.path, sql)
    with Storage(out, create=False) as copy:
        assert copy.count_documents() == ingested.count_documents()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_backup_while_another_process_holds_a_write_transaction(ingested, tmp_path):
    _add_audit(ingested, 5, "committed")
    writer = _python("""
        import sys
        from reviewer.core.storage import Storage
        s = Storage(sys.argv[1], create=False)
        s.conn.execute("BEGIN IMMEDIATE")
        s.conn.execute("INSERT INTO audit (at, action) VALUES ('2026-01-01', 'uncommitted')")
        print("ready", flush=True)
        sys.stdin.readline()
        s.conn.execute("COMMIT")
        print("committed", flush=True)
    """, ingested.path)
    try:
        assert writer.stdout.readline().strip() == "ready"
        started = time.monotonic()
        out = backup(ingested.path, tmp_path / "copy.db")
        assert time.monotonic() - started < 5
        actions = [a for _, a in _rows(out)]
        assert actions == ["committed"] * 5  # every committed row, none uncommitted
        assert _check(out)[0] == "ok"
        writer.stdin.write("\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "committed"  # the writer was never in the way either
    finally:
        writer.kill()
        writer.wait()


def test_backup_while_another_process_keeps_writing(ingested, tmp_path):
    _add_audit(ingested, 10_000)  # some megabytes: the copy takes many steps
    writer = _python("""
        import sys
        from reviewer.core.storage import Storage
        s = Storage(sys.argv[1], create=False)
        n = 0
        while True:
            with s.transaction():
                s.conn.execute("INSERT INTO audit (at, action, after) VALUES ('2026-01-01', 'live', ?)", ("y" * 300,))
            n += 1
            if n == 50:
                print("writing", flush=True)
    """, ingested.path)
    try:
        assert writer.stdout.readline().strip() == "writing"
        before = _rows(ingested.path, "SELECT max(id) FROM audit")[0][0]
        steps = []
        started = time.monotonic()

        def progress(done, total):  # a slow copy: many of the writer's commits happen during it
            steps.append(done)
            time.sleep(0.002)
            if time.monotonic() - started > 30:
                raise RuntimeError("the backup keeps restarting")

        out = backup(ingested.path, tmp_path / "copy.db", progress=progress, step_pages=4)
        after = _rows(ingested.path, "SELECT max(id) FROM audit")[0][0]
    finally:
        writer.kill()
        writer.wait()
    assert len(steps) > 50 and after > before  # the writer went on writing during the copy
    assert _check(out) == ("ok", "delete")
    ids = [i for i, _ in _rows(out)]
    assert ids == list(range(1, len(ids) + 1))  # a consistent snapshot: no gap
    assert ids[-1] >= before  # every row committed before the copy started


def test_backup_never_opens_the_database_file_outside_sqlite(ingested, tmp_path, monkeypatch):
    """A descriptor on the database file, once closed, would drop this process's SQLite
    locks on it: only SQLite may open it (the open Storage here is such a connection)."""
    _add_audit(ingested, 2)
    guarded = str(Path(ingested.path).resolve())
    touched = []

    def guard(original):
        def opener(file, *args, **kwargs):
            if isinstance(file, (str, bytes, os.PathLike)) and os.fsdecode(os.path.abspath(file)).startswith(guarded):
                touched.append(file)
                raise AssertionError(f"opened {file} outside SQLite")
            return original(file, *args, **kwargs)
        return opener

    monkeypatch.setattr(builtins, "open", guard(builtins.open))
    monkeypatch.setattr(io, "open", guard(io.open))
    monkeypatch.setattr(os, "open", guard(os.open))
    folder = tmp_path / "backups"
    backup(ingested.path, tmp_path / "copy.db")
    rolling_backup(ingested.path, folder)
    _add_audit(ingested, 1)
    rolling_backup(ingested.path, folder)
    assert len(list_backups(ingested.path, folder)) == 2
    ingested.close()
    restore(tmp_path / "copy.db", ingested.path, overwrite=True, folder=folder)
    assert touched == []
    assert _check(guarded)[0] == "ok"


def test_rolling_backup_keeps_the_newest_five(ingested, tmp_path):
    folder = tmp_path / "backups"
    made = []
    for i in range(7):
        _add_audit(ingested, 1, f"change {i}")
        made.append(rolling_backup(ingested.path, folder))
    kept = list_backups(ingested.path, folder)
    assert kept == made[::-1][:5]  # newest first
    assert not made[0].exists() and not made[1].exists()
    assert _rows(kept[0])[-1][1] == "change 6"
    assert all(p.parent == backups_folder(ingested.path, folder) for p in kept)
    assert all(p.name.startswith("review-") and p.suffix == ".db" for p in kept)
    assert rolling_backup(ingested.path, folder, keep=2) is None  # unchanged
    _add_audit(ingested, 1)
    rolling_backup(ingested.path, folder, keep=2)
    assert len(list_backups(ingested.path, folder)) == 2


def test_rolling_backup_skips_new_and_unchanged_databases(storage, data_dir, tmp_path):
    folder = tmp_path / "backups"
    assert rolling_backup(storage.path, folder) is None  # new and empty
    assert rolling_backup(tmp_path / "missing.db", folder) is None
    list(ingest_paths(storage, [data_dir], extractor=default_extractor()))
    first = rolling_backup(storage.path, folder)
    assert first is not None and _check(first) == ("ok", "delete")
    assert rolling_backup(storage.path, folder) is None  # not changed since
    storage.close()
    with Storage(storage.path) as reopened:  # opening it again changes nothing
        assert rolling_backup(reopened.path, folder) is None
        fields = reopened.fields(reopened.list_documents()[0].id)
        reopened.record_decision(fields[0].id, status="accepted", reviewer="ana")
        last = rolling_backup(reopened.path, folder)
        assert last is not None
    last.unlink()  # its last backup gone: backed up again, though unchanged
    assert rolling_backup(storage.path, folder) is not None


def test_two_databases_with_the_same_name_keep_apart(data_dir, tmp_path):
    folder = tmp_path / "backups"
    paths = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        with Storage(tmp_path / name / "review.db") as s:
            list(ingest_paths(s, [data_dir / "tecogen-press-release-2013.txt"], extractor=default_extractor()))
            _add_audit(s, 1, name)
            paths.append(s.path)
    made = [rolling_backup(p, folder) for p in paths]
    assert made[0].parent != made[1].parent
    assert [list_backups(p, folder) for p in paths] == [[made[0]], [made[1]]]
    assert [_rows(m)[-1][1] for m in made] == ["a", "b"]


def test_default_backups_folder_is_in_the_user_data_folder(ingested, isolated_home):
    _add_audit(ingested, 1)
    made = rolling_backup(ingested.path)
    data = Path(os.environ["XDG_DATA_HOME"])
    assert made.parent.parent == data / "filing-reviewer" / "backups"
    assert made.parent.name.startswith("review-")
    assert list_backups(ingested.path) == [made]


def test_restore_round_trip(ingested, tmp_path):
    _add_audit(ingested, 2, "kept")
    saved = backup(ingested.path, tmp_path / "saved.db")
    _add_audit(ingested, 3, "after the backup")
    db = Path(ingested.path)
    with pytest.raises(BackupError, match="exists"):
        restore(saved, db)
    # to a new name
    copy = restore(saved, tmp_path / "restored.db")
    assert copy is None and _rows(tmp_path / "restored.db") == _rows(saved)
    # over the database, once nobody has it open; what it held is kept as a backup
    ingested.close()
    folder = tmp_path / "backups"
    previous = restore(saved, db, overwrite=True, folder=folder)
    assert [a for _, a in _rows(db)] == ["kept"] * 2
    assert [a for _, a in _rows(previous)] == ["kept"] * 2 + ["after the backup"] * 3
    assert list_backups(db, folder) == [previous]
    assert not Path(f"{db}-wal").exists() and not Path(f"{db}-journal").exists()
    with Storage(db, create=False) as reopened:
        assert reopened.count_documents() > 0
        _add_audit(reopened, 1, "after the restore")
    assert _rows(db)[-1][1] == "after the restore"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)] == []


def test_restore_refuses_a_database_in_use(ingested, tmp_path):
    saved = backup(ingested.path, tmp_path / "saved.db")
    _add_audit(ingested, 1, "newer")
    with pytest.raises(BackupError, match="in use"):  # open here
        restore(saved, ingested.path, overwrite=True, folder=tmp_path / "backups")
    ingested.close()
    other = _python("""
        import sys
        from reviewer.core.storage import Storage
        s = Storage(sys.argv[1], create=False)
        print("open", flush=True)
        sys.stdin.readline()
    """, ingested.path)
    try:
        assert other.stdout.readline().strip() == "open"
        with pytest.raises(BackupError, match="in use"):  # open in another process
            restore(saved, ingested.path, overwrite=True, folder=tmp_path / "backups")
    finally:
        other.kill()
        other.wait()
    assert _rows(ingested.path)[-1][1] == "newer"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)] == []


def test_restore_over_a_damaged_database_keeps_it_beside(ingested, tmp_path):
    saved = backup(ingested.path, tmp_path / "saved.db")
    ingested.close()
    db = Path(ingested.path)
    for side in ("-wal", "-shm"):
        Path(f"{db}{side}").unlink(missing_ok=True)
    db.write_bytes(b"not a database any more" * 100)  # nothing in this process has it open
    kept = restore(saved, db, overwrite=True, folder=tmp_path / "backups")
    assert kept.name.startswith("review.db.before-restore-") and kept.parent == db.parent
    assert kept.read_bytes() == b"not a database any more" * 100
    assert _check(db)[0] == "ok" and _rows(db) == _rows(saved)


def test_restore_refuses_what_is_not_a_review_database(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(BackupError, match="not a backup of a review database"):
        restore(other, tmp_path / "new.db")
    assert not (tmp_path / "new.db").exists()


def test_backup_refusals_are_one_line(ingested, tmp_path):
    with pytest.raises(BackupError, match="onto itself"):
        backup(ingested.path, ingested.path, overwrite=True)
    with pytest.raises(BackupError, match="^no database at "):
        backup(tmp_path / "missing.db", tmp_path / "x.db")
    with pytest.raises(BackupError, match="does not exist"):
        backup(ingested.path, tmp_path / "nowhere" / "x.db")
    out = backup(ingested.path, tmp_path / "copy.db")
    with pytest.raises(BackupError, match="exists"):
        backup(ingested.path, out)
    backup(ingested.path, out, overwrite=True)
    with pytest.raises(BackupError, match="-wal file"):  # a live database is never replaced
        backup(out, ingested.path, overwrite=True)


def test_failed_and_cancelled_backups_leave_nothing(ingested, tmp_path, monkeypatch):
    with pytest.raises(BackupCancelled):
        backup(ingested.path, tmp_path / "a.db", cancelled=lambda: True, step_pages=2)

    def disk_full(*args):
        raise OSError(28, os.strerror(28))

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(BackupError) as caught:
        backup(ingested.path, tmp_path / "b.db")
    assert str(caught.value) == f"cannot write {tmp_path / 'b.db'}: No space left on device"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.db", "review.db-shm", "review.db-wal"]


def test_stale_backup_temporaries_are_removed(tmp_path):
    old = tmp_path / f".review.db.0a1b2c{TEMP_SUFFIX}"
    old_journal = Path(f"{old}-journal")
    fresh = tmp_path / f".review.db.3d4e5f{TEMP_SUFFIX}"
    foreign = tmp_path / ".review.db.part"
    for p in (old, old_journal, fresh, foreign):
        p.write_text("x")
    for p in (old, old_journal, foreign):
        os.utime(p, (time.time() - 7200, time.time() - 7200))
    assert sorted(remove_stale_temporaries(tmp_path)) == sorted([old, old_journal])
    assert sorted(tmp_path.iterdir()) == sorted([fresh, foreign])
