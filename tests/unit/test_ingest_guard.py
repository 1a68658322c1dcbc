"""No file can stall or abort a run: time budget, crashes, odd names, cancel, the database itself."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from reviewer.core.extract import default_extractor
from reviewer.core.ingest import ingest
from reviewer.core.storage import ReadOnlyError, Storage


class SlowOn:
    """An extractor that hangs on documents containing a marker (picklable, for the worker)."""

    def __init__(self, marker: str, how: str = "sleep"):
        self.marker, self.how = marker, how
        self.inner = default_extractor()

    def __call__(self, text, doc_type, metadata):
        if self.marker in text:
            if self.how == "sleep":
                time.sleep(60)
            elif self.how == "crash":
                os._exit(3)
            else:
                raise RuntimeError("a bug in a rule")
        return self.inner(text, doc_type, metadata)


@pytest.fixture
def folder(tmp_path, data_dir):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(data_dir / "tecogen-press-release-2013.txt", src / "a.txt")
    (src / "b-bad.txt").write_text("A PATHOLOGICAL FILING " * 50)
    shutil.copy(data_dir / "buckle-8k-ex99-1.html", src / "c.html")
    return src


@pytest.mark.parametrize("how, reason", [("sleep", "took over"), ("crash", "crashed"), ("raise", "failed on it")])
def test_a_file_that_hangs_or_crashes_is_rejected_and_the_run_goes_on(storage, folder, how, reason):
    results = []
    started = time.monotonic()
    summary = ingest(storage, [folder], extractor=SlowOn("PATHOLOGICAL", how), on_result=results.append,
                     base_budget=5.0)  # the normal files fit in it on a loaded machine too
    assert time.monotonic() - started < 30
    outcomes = {Path(r.path).name: (r.outcome, r.reason) for r in results}
    assert outcomes["a.txt"][0] == "added" and outcomes["c.html"][0] == "added"
    assert outcomes["b-bad.txt"][0] == "rejected" and reason in outcomes["b-bad.txt"][1]
    assert summary.added_files == 2 and len(summary.rejected) == 1


def test_a_file_name_that_is_not_utf8_is_read_and_the_run_goes_on(storage, folder):
    odd = os.fsdecode(b"caf\xe9-\xff.txt")
    (folder / odd).write_bytes((folder / "a.txt").read_bytes().replace(b"Tecogen", b"Tecogenx"))
    results = []
    summary = ingest(storage, [folder], extractor=default_extractor(), on_result=results.append)
    names = [Path(r.path).name for r in results if r.outcome == "added"]
    assert "caf\\xe9-\\xff.txt" in names and "c.html" in names
    assert summary.ok or all(r.path.endswith("b-bad.txt") for r in summary.rejected)
    stored = {d.source_path for d in storage.list_documents()}
    assert any(p.endswith("caf\\xe9-\\xff.txt") for p in stored)


def test_cancel_during_a_file_stores_nothing_of_it(storage, folder):
    calls = {"n": 0}

    def cancelled():  # asked before the file, while it is read, and before it is stored
        calls["n"] += 1
        return calls["n"] > 1

    summary = ingest(storage, [folder / "a.txt"], extractor=default_extractor(), cancelled=cancelled)
    assert summary.cancelled and storage.count_documents() == 0


def test_cancel_while_a_file_hangs_returns_at_once(storage, folder):
    deadline = time.monotonic() + 1.0
    summary = ingest(storage, [folder / "b-bad.txt"], extractor=SlowOn("PATHOLOGICAL"),
                     cancelled=lambda: time.monotonic() > deadline)
    assert summary.cancelled and time.monotonic() - deadline < 10
    assert storage.count_documents() == 0


def test_the_database_itself_is_never_read(tmp_path, data_dir):
    db = tmp_path / "review.db"
    with Storage(db) as storage:
        shutil.copy(data_dir / "tecogen-press-release-2013.txt", tmp_path / "a.txt")
        results = []
        ingest(storage, [db, Path(f"{db}-wal"), tmp_path / "a.txt"], on_result=results.append)
        assert [r.outcome for r in results] == ["rejected", "rejected", "added"]
        assert "review database itself" in results[0].reason


def test_a_storage_error_rejects_the_file_and_the_run_goes_on(storage, folder, monkeypatch):
    real = storage.add_filing

    def full_on_a(filing, **kw):
        if filing.path.endswith("a.txt"):
            with storage.transaction():  # as SQLite fails inside add_filing's transaction
                raise sqlite3.OperationalError("database or disk is full")
        return real(filing, **kw)

    monkeypatch.setattr(storage, "add_filing", full_on_a)
    results = []
    ingest(storage, [folder / "a.txt", folder / "c.html"], isolate=False, on_result=results.append)
    assert results[0].outcome == "rejected" and "disk is full" in results[0].reason
    assert results[1].outcome == "added"


def test_a_read_only_database_refuses_ingest_at_once(tmp_path, folder):
    db = tmp_path / "r.db"
    Storage(db).close()
    with Storage(db, read_only=True) as storage, pytest.raises(ReadOnlyError):
        ingest(storage, [folder])


def test_a_script_without_a_main_guard_can_ingest(tmp_path, data_dir):
    """The worker is a fresh interpreter: the calling script is never re-run in it."""
    import subprocess
    import sys

    script = tmp_path / "script.py"
    script.write_text(
        "from reviewer.core.extract import default_extractor\n"
        "from reviewer.core.ingest import ingest\n"
        "from reviewer.core.storage import Storage\n"
        f"with Storage({str(tmp_path / 'r.db')!r}) as s:\n"
        f"    print(ingest(s, [{str(data_dir / 'tecogen-press-release-2013.txt')!r}],"
        " extractor=default_extractor()).added_documents)\n")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "1", out.stderr[-2000:]
