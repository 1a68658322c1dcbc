"""The window never shows "saved" for a decision that did not commit, and says why."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from reviewer.core.storage import Storage


@pytest.fixture
def reports(monkeypatch):
    from reviewer.gui.save_state import SaveGuard

    seen = []
    monkeypatch.setattr(SaveGuard, "report", lambda self, what, err: seen.append((what, str(err))))
    return seen


def window_on(make_window, path, **kw):
    window = make_window(path, **kw)
    doc = next(d for d in window.storage.list_documents() if d.source_path.endswith("press-release-2013.txt"))
    assert window.queue.select_document(doc.id)
    window.fields.table.setFocus()
    assert window.fields.current_field() is not None
    return window


def press_a(qtbot, window):
    qtbot.keyClick(window.fields.table, Qt.Key_A)


def test_locked_database_shows_not_saved_and_the_key_can_be_retried(qtbot, make_window, db_path, reports):
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1], isolation_level=None)
        c.execute("BEGIN IMMEDIATE")
        print("locked", flush=True)
        sys.stdin.read()
    """), str(db_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    window = window_on(make_window, db_path, busy_timeout=0.2)
    field = window.fields.current_field()
    try:
        press_a(qtbot, window)
        assert window.status.saved.text() == "✗ not saved"
        assert "busy" in window.status.saved.toolTip()
        assert reports and "busy" in reports[0][1]
        assert window.storage.get_field(field.id).status == "pending"
        assert window.fields.current_field().id == field.id  # the same field, ready for the retry
    finally:
        holder.stdin.close()
        holder.wait()
    press_a(qtbot, window)
    assert window.storage.get_field(field.id).status == "accepted"
    assert window.status.saved.text() == "● saved"


def test_read_only_database_is_shown_and_refuses_decisions(qtbot, make_window, db_path, reports):
    window = window_on(make_window, db_path, read_only=True)
    assert window.windowTitle().endswith("(read-only)")
    assert window.status.saved.text() == "read-only"
    field = window.fields.current_field()
    press_a(qtbot, window)
    assert window.status.saved.text() == "read-only"  # never "saved"
    assert "Not saved" in window.statusBar().currentMessage()
    assert "read-only" in window.statusBar().currentMessage()
    assert not reports  # no dialog at every key: the state was announced on opening
    assert window.storage.get_field(field.id).status == "pending"


def test_deleted_database_is_noticed_without_a_key(qtbot, make_window, db_path, reports):
    window = window_on(make_window, db_path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    window.saving.check_file()  # the window's timer does this every two seconds
    assert window.status.saved.file_missing
    assert reports and "deleted or moved" in reports[0][1]
    press_a(qtbot, window)
    assert window.status.saved.text() == "✗ not saved"
    assert not os.path.exists(db_path)  # never silently recreated


@pytest.mark.threaded_jobs
def test_cancel_in_the_window_ingest_adds_nothing_of_the_file(qtbot, window, data_dir, tmp_path):
    import shutil

    path = tmp_path / "new-release.txt"
    text = (data_dir / "tecogen-press-release-2013.txt").read_text()
    path.write_text(text.replace("Tecogen", "Tecogenz"))
    before = window.storage.count_documents()
    runner = window.ingest([str(path)])
    with qtbot.waitSignal(runner.done, timeout=30000) as done:
        runner.dialog.findChild(QPushButton).click()  # the Cancel button
    assert done.args[0].cancelled
    assert window.storage.count_documents() == before
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_the_window_refuses_to_ingest_into_a_read_only_database(make_window, db_path, tmp_path):
    window = make_window(db_path, read_only=True)
    assert window.ingest([str(tmp_path)]) is None
    assert "read-only" in window.statusBar().currentMessage()


def test_opening_a_database_makes_a_rolling_backup(qtbot, window, db_path):
    from reviewer.core.storage.backup import list_backups
    from reviewer.gui.backups import start_rolling_backup

    start_rolling_backup(window, db_path)  # jobs run at once in tests
    assert "Backed up to" in window.statusBar().currentMessage()
    assert len(list_backups(db_path)) == 1


def test_file_dialogs_never_show_or_sniff_sqlite_files(qtbot, tmp_path):
    from PySide6.QtCore import QFileInfo

    from reviewer.gui.file_dialogs import PlainIconProvider, make_dialog

    for name in ("review.db", "review.db-wal", "review.db-shm", "review.db-journal", "a.txt"):
        (tmp_path / name).write_bytes(b"SQLite format 3\x00" if name.endswith("db") else b"x")
    dialog = make_dialog(None, "Ingest filings", str(tmp_path))
    qtbot.addWidget(dialog)
    assert isinstance(dialog.iconProvider(), PlainIconProvider)
    assert dialog.iconProvider().type(QFileInfo(str(tmp_path / "review.db"))) == "DB file"
    dialog.show()
    source = dialog.proxyModel().sourceModel()
    qtbot.waitUntil(lambda: source.rowCount(source.index(str(tmp_path))) == 5)
    proxy = dialog.proxyModel()
    root = proxy.mapFromSource(source.index(str(tmp_path)))
    shown = {proxy.index(r, 0, root).data() for r in range(proxy.rowCount(root))}
    assert shown == {"review.db", "a.txt"}
    dialog.close()


@pytest.mark.threaded_jobs
def test_closing_during_an_ingest_asks_and_cancels(qtbot, window, data_dir, tmp_path, monkeypatch):
    asked = []
    path = tmp_path / "another.txt"
    path.write_text((data_dir / "tecogen-press-release-2013.txt").read_text().replace("Tecogen", "Tecogenq"))
    before = window.storage.count_documents()
    window.ingest([str(path)])
    monkeypatch.setattr(window, "confirm_close", lambda busy: asked.append(busy) or False)
    assert not window.close()  # the reviewer said no: the window stays
    assert asked == ["ingest"] and window.isVisible()
    monkeypatch.setattr(window, "confirm_close", lambda busy: asked.append(busy) or True)
    assert window.close()
    assert window.storage.count_documents() == before  # cancelled: nothing of the file stored
