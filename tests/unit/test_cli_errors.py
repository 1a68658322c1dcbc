"""The CLI ends with a one-line reason, never a traceback, and goes on with the next file."""

from __future__ import annotations

import shutil
import sqlite3

from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.storage import Storage


def run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)))
    assert "Traceback" not in result.output
    return result


def test_not_a_database_is_one_line(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not a database\n" * 50)
    result = run("list", "--db", path)
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "not a review database" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_missing_database_is_one_line(tmp_path):
    result = run("show", "--db", tmp_path / "none.db", "1")
    assert result.exit_code == 1 and "no review database" in result.output


def test_disk_full_during_ingest_rejects_each_file_and_goes_on(tmp_path, data_dir, monkeypatch):
    for name in ("tecogen-press-release-2013.txt", "buckle-8k-ex99-1.html"):
        shutil.copy(data_dir / name, tmp_path / name)
    real = Storage.add_filing

    def add_filing(self, filing, **kw):
        if filing.path.endswith(".txt"):
            with self.transaction():
                raise sqlite3.OperationalError("database or disk is full")
        return real(self, filing, **kw)

    monkeypatch.setattr(Storage, "add_filing", add_filing)
    result = run("ingest", "--db", tmp_path / "r.db", "--no-extract", tmp_path)
    assert result.exit_code == 1
    assert "rejected" in result.output and "disk is full" in result.output
    assert "added     " in result.output and "buckle-8k-ex99-1.html" in result.output


def test_database_error_escaping_storage_is_one_line(tmp_path, monkeypatch):
    db = tmp_path / "r.db"
    Storage(db).close()

    def broken(self, **kw):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(Storage, "list_documents", broken)
    result = run("list", "--db", db)
    assert result.exit_code == 1 and "damaged" in result.output


def test_backup_and_restore_commands(tmp_path, data_dir):
    db = tmp_path / "r.db"
    assert run("ingest", "--db", db, "-q", "--no-extract", data_dir / "tecogen-press-release-2013.txt").exit_code == 0
    out = tmp_path / "copy.db"
    result = run("backup", "--db", db, "--out", out)
    assert result.exit_code == 0 and out.is_file()
    again = run("backup", "--db", db, "--out", out)
    assert again.exit_code == 1 and "exists" in again.output
    restored = tmp_path / "restored.db"
    assert run("restore", "--db", restored, out).exit_code == 0
    with Storage(restored, create=False) as s:
        assert s.count_documents() == 1


def test_list_shows_decided_of_all_fields_as_the_window_does(tmp_path, data_dir):
    db = tmp_path / "r.db"
    run("ingest", "--db", db, "-q", data_dir / "tecogen-press-release-2013.txt")
    with Storage(db) as s:
        doc = s.list_documents()[0]
        total = len(s.fields(doc.id))
    out = run("list", "--db", db).output
    assert "DECIDED" in out and f"0/{total}" in out
