"""`reviewer open [--db DB] [FILE...]`, the desktop entry's command: the files are ingested
before the window opens, and the window is asked to show the first of them. The window's
start is replaced here: these tests need no Qt."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.storage import Storage

DESKTOP = Path(__file__).resolve().parents[2] / "packaging" / "linux" / "io.github.filing_reviewer.desktop"


@pytest.fixture
def window(monkeypatch):
    """Records what the window would have been asked to show, instead of showing it."""
    from reviewer.gui import app

    calls = []

    def run(db_path, reviewer=None, **shown):
        calls.append({"db": Path(db_path), "reviewer": reviewer, **shown})
        return 0

    monkeypatch.setattr(app, "run", run)
    return calls


def invoke(*args):
    return CliRunner().invoke(cli, ["open", *map(str, args)], catch_exceptions=False)


def stored(db: Path):
    with Storage(db, create=False) as storage:
        return storage.list_documents()


def test_files_are_ingested_and_the_first_is_shown(tmp_path, data_dir, window):
    db = tmp_path / "review.db"
    first, second = data_dir / "buckle-8k-ex99-1.html", data_dir / "tecogen-press-release-2013.txt"
    result = invoke("--db", db, first, second)
    assert result.exit_code == 0, result.output
    docs = stored(db)
    assert sorted(Path(d.source_path).name for d in docs) == [first.name, second.name]
    (call,) = window
    assert call["db"] == db
    shown = next(d for d in docs if d.id == call["document_id"])
    assert Path(shown.source_path).name == first.name
    assert call["problems"] == []
    assert "2 document(s) added" in call["notice"]


def test_files_already_there_are_not_added_again_and_still_shown(tmp_path, data_dir, window):
    db = tmp_path / "review.db"
    first, second = data_dir / "tecogen-press-release-2013.txt", data_dir / "buckle-8k-ex99-1.html"
    assert invoke("--db", db, first, second).exit_code == 0
    before = {d.id: d.source_path for d in stored(db)}
    # the second file first now: it is the one shown, though nothing is added
    result = invoke("--db", db, second, first)
    assert result.exit_code == 0, result.output
    assert {d.id: d.source_path for d in stored(db)} == before
    assert Path(before[window[-1]["document_id"]]).name == second.name
    assert "already in the database" in result.output
    assert "0 document(s) added, 2 already here" in window[-1]["notice"]


def test_a_bad_file_gives_its_reason_and_the_others_open(tmp_path, data_dir, window):
    db = tmp_path / "review.db"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02\x03 not text")
    good = data_dir / "tecogen-press-release-2013.txt"
    result = invoke("--db", db, empty, tmp_path / "missing.htm", binary, good)
    assert result.exit_code == 0, result.output
    (doc,) = stored(db)
    assert Path(doc.source_path).name == good.name
    (call,) = window
    assert call["document_id"] == doc.id  # the first file that opened
    problems = call["problems"]
    assert [p.split(":")[0] for p in problems] == ["empty.txt", "missing.htm", "scan.txt"]
    assert all("\n" not in p and len(p.split(": ", 1)[1]) > 3 for p in problems)
    assert "3 could not be opened" in call["notice"]
    for name in ("empty.txt", "missing.htm", "scan.txt"):  # one line each on standard error too
        assert sum(name in line and line.startswith("rejected") for line in result.output.splitlines()) == 1


def test_no_file_can_be_opened_the_window_still_opens(tmp_path, window):
    db = tmp_path / "review.db"
    result = invoke("--db", db, tmp_path / "missing.txt")
    assert result.exit_code == 0, result.output
    (call,) = window
    assert call["document_id"] is None
    assert call["problems"] == ["missing.txt: no such file or folder"]
    assert stored(db) == []


def test_the_default_database_is_used_without_db(tmp_path, data_dir, window, monkeypatch):
    db = tmp_path / "elsewhere" / "mine.db"
    db.parent.mkdir()
    monkeypatch.setenv("REVIEWER_DB", str(db))
    assert invoke(data_dir / "tecogen-press-release-2013.txt").exit_code == 0
    assert window[0]["db"] == db
    assert len(stored(db)) == 1


def test_without_files_nothing_is_ingested(tmp_path, window):
    db = tmp_path / "review.db"
    result = invoke("--db", db, "--reviewer", "ana")
    assert result.exit_code == 0, result.output
    assert window == [{"db": db, "reviewer": "ana", "document_id": None, "notice": None, "problems": [],
                       "quit_after": None}]
    assert not db.exists()


def test_the_desktop_entry_command_opens_files(tmp_path, data_dir, window, monkeypatch):
    """The launcher's Exec line, with %F as the desktop gives it (one argument per file)."""
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(DESKTOP, encoding="utf-8")
    program, *args = shlex.split(entry["Desktop Entry"]["Exec"])
    assert program == "reviewer" and args[-1] == "%F"
    files = [data_dir / "tecogen-press-release-2013.txt", data_dir / "buckle-8k-ex99-1.html"]
    monkeypatch.setenv("REVIEWER_DB", str(tmp_path / "review.db"))
    argv = args[:-1] + [str(f) for f in files]
    result = CliRunner().invoke(cli, argv, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(stored(tmp_path / "review.db")) == 2
    assert window[0]["document_id"] is not None
