"""A decision shown as saved is on disk: in-process descriptor closes, other processes,
locked, read-only, deleted and foreign files, concurrent creation."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reviewer.core.extract import default_extractor
from reviewer.core.ingest import ingest_paths
from reviewer.core.review import ReviewSession
from reviewer.core.storage import ReadOnlyError, Storage, StorageError

PY = sys.executable


def run_py(code: str, *args, check=True, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-c", textwrap.dedent(code), *map(str, args)], capture_output=True,
                          text=True, check=check, timeout=120, **kw)


def other_process_visits(db: Path) -> None:
    """Another program (say `reviewer list`) connects, reads and disconnects."""
    run_py("""
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1])
        c.execute("SELECT count(*) FROM documents").fetchone()
        c.close()
    """, db)


def audit_count(db: Path) -> tuple[int, int]:
    """(decided fields, audit rows), read by a fresh process."""
    out = run_py("""
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1])
        d = c.execute("SELECT count(*) FROM fields WHERE status != 'pending'").fetchone()[0]
        a = c.execute("SELECT count(*) FROM audit").fetchone()[0]
        print(d, a)
    """, db).stdout.split()
    return int(out[0]), int(out[1])


@pytest.fixture
def filled(tmp_path, data_dir) -> Path:
    db = tmp_path / "review.db"
    with Storage(db) as s:
        list(ingest_paths(s, [data_dir / "tecogen-press-release-2013.txt"], extractor=default_extractor()))
    return db


def three_fields(storage: Storage) -> list[int]:
    doc = storage.list_documents()[0]
    return [f.id for f in storage.fields(doc.id)[:3]]


def touch_descriptor(path: Path) -> None:
    """What a file dialog sniffing types does: open and close a descriptor on the file."""
    fd = os.open(path, os.O_RDONLY)
    os.read(fd, 100)
    os.close(fd)


def test_a_descriptor_closed_in_process_loses_no_decision(filled):
    storage = Storage(filled, keep_locks=True)
    assert storage.keeps_locks
    session = ReviewSession(storage, "tester", default_extractor().schema)
    a, b, c = three_fields(storage)
    session.accept(a)
    touch_descriptor(filled)
    other_process_visits(filled)
    assert Path(f"{filled}-wal").exists(), "another process deleted the WAL the session writes to"
    session.accept(b)
    touch_descriptor(filled)
    other_process_visits(filled)
    session.reject(c)
    assert audit_count(filled) == (3, 3)
    storage.close()
    assert audit_count(filled) == (3, 3)
    with sqlite3.connect(filled) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_without_the_lock_keeper_a_removed_wal_refuses_the_next_decision(filled):
    """The hazard the keeper defends against, on this machine's SQLite: when it strikes
    anyway (no keeper), the next decision is refused, never acknowledged and lost."""
    storage = Storage(filled)
    session = ReviewSession(storage, "tester", default_extractor().schema)
    a, b, _ = three_fields(storage)
    session.accept(a)
    touch_descriptor(filled)
    other_process_visits(filled)
    if Path(f"{filled}-wal").exists():
        storage.close()
        pytest.skip("this SQLite kept the WAL: the hazard does not show here")
    with pytest.raises(StorageError, match="write-ahead log"):
        session.accept(b)
    storage.close()


def test_a_failed_approval_leaves_no_undo_step(filled, monkeypatch):
    storage = Storage(filled)
    session = ReviewSession(storage, "tester", default_extractor().schema)
    doc = storage.list_documents()[0]

    def fail(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(storage, "set_document_status", fail)
    with pytest.raises(StorageError, match="disk is full"):
        session.approve(doc.id, accept_pending=True)
    assert not session.can_undo
    assert storage.field_counts(doc.id).get("accepted", 0) == 0  # the accepts were rolled back too
    storage.close()


def test_a_killed_lock_keeper_is_restarted(filled):
    storage = Storage(filled, keep_locks=True)
    storage._keeper.process.kill()
    storage._keeper.process.wait()
    assert not storage.keeps_locks
    session = ReviewSession(storage, "tester", default_extractor().schema)
    session.accept(three_fields(storage)[0])  # every write checks the keeper first
    assert storage.keeps_locks
    storage.close()


def test_a_locked_database_fails_with_a_reason_and_the_key_can_be_retried(filled):
    holder = subprocess.Popen([PY, "-c", textwrap.dedent("""
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1], isolation_level=None)
        c.execute("BEGIN IMMEDIATE")
        print("locked", flush=True)
        sys.stdin.read()
        c.execute("ROLLBACK")
    """), str(filled)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        storage = Storage(filled, busy_timeout=0.2)
        session = ReviewSession(storage, "tester", default_extractor().schema)
        a = three_fields(storage)[0]
        with pytest.raises(StorageError, match="busy"):
            session.accept(a)
        assert storage.get_field(a).status == "pending"
        assert not session.can_undo
    finally:
        holder.stdin.close()
        holder.wait()
    session.accept(a)
    assert storage.get_field(a).status == "accepted" and session.can_undo
    storage.close()


def test_a_failed_undo_keeps_its_place_in_history(filled, monkeypatch):
    storage = Storage(filled)
    session = ReviewSession(storage, "tester", default_extractor().schema)
    a = three_fields(storage)[0]
    session.accept(a)

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(storage, "record_decision", full)
    with pytest.raises(StorageError, match="disk is full"):
        session.undo()
    monkeypatch.undo()
    assert session.can_undo and not session.can_redo
    session.undo()
    assert storage.get_field(a).status == "pending"
    storage.close()


def test_deleted_database_is_noticed_and_never_recreated(filled):
    storage = Storage(filled)
    session = ReviewSession(storage, "tester", default_extractor().schema)
    a, b, _ = three_fields(storage)
    session.accept(a)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{filled}{suffix}").unlink(missing_ok=True)
    with pytest.raises(StorageError, match="deleted or moved"):
        session.accept(b)
    assert not filled.exists()
    rescued = storage.copy_to(filled.with_name("rescued.db"))
    storage.close()
    with Storage(rescued, create=False) as copy:
        assert copy.get_field(a).status == "accepted"
    with pytest.raises(StorageError, match="no review database"):
        Storage(filled, create=False)


def test_moved_database_is_noticed(filled):
    storage = Storage(filled)
    session = ReviewSession(storage, "tester", default_extractor().schema)
    os.rename(filled, filled.with_name("elsewhere.db"))
    with pytest.raises(StorageError, match="deleted or moved"):
        session.accept(three_fields(storage)[0])
    storage.close()


def test_foreign_sqlite_file_is_refused_unmodified(tmp_path):
    path = tmp_path / "notes.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (x)")
    before = path.read_bytes()
    with pytest.raises(StorageError, match="not a review database"):
        Storage(path)
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_not_a_database_is_refused_unmodified(tmp_path):
    path = tmp_path / "text.db"
    path.write_bytes(b"just some text, not SQLite at all\n" * 100)
    before = path.read_bytes()
    with pytest.raises(StorageError, match="not a review database"):
        Storage(path)
    assert path.read_bytes() == before


def test_read_only_flag_allows_reading_and_refuses_decisions(filled):
    with Storage(filled, read_only=True) as storage:
        assert storage.read_only
        a = three_fields(storage)[0]
        session = ReviewSession(storage, "tester", default_extractor().schema)
        with pytest.raises(ReadOnlyError, match="read-only"):
            session.accept(a)
        assert storage.get_field(a).status == "pending"


# -- real permissions (the unprivileged fixture makes them apply even to root) ------------
def as_user(prefix: list[str], code: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, PY, "-c", textwrap.dedent(code), *map(str, args)], capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def open_dir(tmp_path):
    yield tmp_path
    for p in tmp_path.rglob("*"):
        if p.is_dir():
            p.chmod(0o755)


OPEN_AND_DECIDE = """
    import sys
    from reviewer.core.storage import Storage, StorageError
    from reviewer.core.review import ReviewSession
    from reviewer.core.extract import default_extractor
    try:
        s = Storage(sys.argv[1])
    except StorageError as err:
        print("refused:", err); sys.exit(0)
    print("read_only:", s.read_only, s.read_only_reason)
    print("documents:", s.count_documents())
    f = s.fields(s.list_documents()[0].id)[0]
    try:
        ReviewSession(s, "x", default_extractor().schema).accept(f.id)
        print("decided")
    except StorageError as err:
        print("not saved:", err)
"""


def make_db(folder: Path, data_dir: Path) -> Path:
    db = folder / "review.db"
    with Storage(db) as s:
        list(ingest_paths(s, [data_dir / "tecogen-press-release-2013.txt"], extractor=default_extractor()))
    return db


def test_read_only_file_opens_read_only(open_dir, data_dir, unprivileged):
    db = make_db(open_dir, data_dir)
    db.chmod(0o444)
    out = as_user(unprivileged, OPEN_AND_DECIDE, db).stdout
    assert "read_only: True the file is read-only" in out
    assert "documents: 1" in out
    assert "not saved:" in out and "is open read-only (the file is read-only)" in out


def test_read_only_folder_opens_read_only_and_says_so(open_dir, data_dir, unprivileged):
    sub = open_dir / "ro"
    sub.mkdir()
    db = make_db(sub, data_dir)
    sub.chmod(0o555)
    out = as_user(unprivileged, OPEN_AND_DECIDE, db).stdout
    assert "read_only: True the folder" in out and "is read-only" in out
    assert "not a review database" not in out
    assert "documents: 1" in out


def test_new_database_in_a_read_only_folder_says_so(open_dir, unprivileged):
    sub = open_dir / "ro"
    sub.mkdir()
    sub.chmod(0o555)
    out = as_user(unprivileged, OPEN_AND_DECIDE, sub / "new.db").stdout
    assert "refused: cannot create" in out and "is read-only" in out


# -- concurrency --------------------------------------------------------------------
CREATE = """
    import sys, time
    from reviewer.core.storage import Storage
    t = float(sys.argv[2])
    while time.time() < t:
        pass
    with Storage(sys.argv[1]) as s:
        print(s.schema_version)
"""


@pytest.mark.parametrize("failing", range(5))
def test_a_migration_cut_short_leaves_nothing_half_done(tmp_path, monkeypatch, failing):
    from reviewer.core.storage import connection, migrations

    real = list(migrations.MIGRATIONS)

    def cut_short(db, _real=real[failing]):
        _real(db)
        raise RuntimeError("power cut")

    steps = real[:failing] + [cut_short] + real[failing + 1:]
    monkeypatch.setattr(connection, "MIGRATIONS", steps)
    db = tmp_path / "cut.db"
    if failing:
        monkeypatch.setattr(connection, "SCHEMA_VERSION", failing)  # a database of the version before
        monkeypatch.setattr(connection, "MIGRATIONS", real)
        Storage(db).close()
        monkeypatch.setattr(connection, "SCHEMA_VERSION", len(real))
        monkeypatch.setattr(connection, "MIGRATIONS", steps)
    before = _schema(db)
    with pytest.raises(RuntimeError):
        Storage(db)
    assert _schema(db) == before  # every statement of the step was rolled back with it
    monkeypatch.setattr(connection, "MIGRATIONS", real)
    with Storage(db) as s:  # and the next open runs the step whole
        assert s.schema_version == len(real)


def test_a_database_another_process_is_creating_is_waited_for(tmp_path):
    import threading
    import time

    from reviewer.core.storage import SCHEMA_VERSION

    db = tmp_path / "new.db"
    Storage(db).close()
    creator = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    creator.execute("PRAGMA user_version = 0")  # its tables are there, its version not yet
    creator.execute("BEGIN IMMEDIATE")

    def finish():
        time.sleep(0.3)
        creator.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        creator.execute("COMMIT")

    done = threading.Thread(target=finish)
    done.start()
    try:
        with Storage(db) as s:  # not "an SQLite file but not a review database"
            assert s.schema_version == SCHEMA_VERSION
    finally:
        done.join()
        creator.close()


def _schema(db):
    conn = sqlite3.connect(db)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        return version, sorted(conn.execute("SELECT type, name FROM sqlite_master").fetchall())
    finally:
        conn.close()


def test_concurrent_creation_of_one_new_database_never_fails(tmp_path):
    import time

    from reviewer.core.storage import SCHEMA_VERSION

    n = 40 if os.environ.get("REVIEWER_LONG") == "1" else 12
    for attempt in range(2):
        db = tmp_path / f"new{attempt}.db"
        start = time.time() + 1.5
        procs = [subprocess.Popen([PY, "-c", textwrap.dedent(CREATE), str(db), str(start)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(n)]
        results = [p.communicate(timeout=120) for p in procs]
        assert all(p.returncode == 0 for p in procs), [err for _, err in results if err][:1]
        assert all(out.strip() == str(SCHEMA_VERSION) for out, _ in results)


def test_concurrent_cli_ingests_into_one_new_database_never_fail(tmp_path, data_dir):
    pairs = 10 if os.environ.get("REVIEWER_LONG") == "1" else 3
    files = [data_dir / "tecogen-press-release-2013.txt", data_dir / "buckle-8k-ex99-1.html"]
    for n in range(pairs):
        db = tmp_path / f"pair{n}.db"
        procs = [subprocess.Popen([PY, "-m", "reviewer.cli", "ingest", "--db", str(db), "-q", str(f)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
        results = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], results
        with Storage(db, create=False) as s:
            assert s.count_documents() == 2
