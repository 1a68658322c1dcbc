"""`reviewer open FILE...` end to end, as the desktop entry runs it: the command ingests the
files, starts the application and its window, and the window shows the first file's document,
whatever document the window was on last time."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from reviewer.cli import cli
from reviewer.gui.main_window import MainWindow


def open_and_look(qapp, *args) -> tuple[int, dict]:
    """Run `reviewer open ARGS`; once its window is up, note what it shows and close it."""
    seen: dict = {}

    def look():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(50, look)
            return
        window = windows[0]
        try:
            doc = window.document
            seen["source"] = doc and Path(doc.source_path).name
            seen["text_shown"] = window.source.text.toPlainText()
            seen["text_stored"] = doc and window.storage.get_document(doc.id).text
            seen["messages"] = [b.informativeText() for b in window.findChildren(QMessageBox) if b.isVisible()]
            seen["status"] = window.statusBar().currentMessage()
            seen["icon"] = not window.windowIcon().isNull()
        finally:
            window.close()

    QTimer.singleShot(0, look)
    # --quit-after: should the look fail, the window still closes and the test goes on
    result = CliRunner().invoke(cli, ["open", "--reviewer", "tester", "--quit-after", "30", *map(str, args)],
                                catch_exceptions=False)
    return result.exit_code, seen


def test_the_window_shows_the_first_file(qapp, tmp_path, data_dir):
    db = tmp_path / "review.db"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    first, second = data_dir / "buckle-8k-ex99-1.html", data_dir / "tecogen-press-release-2013.txt"

    code, seen = open_and_look(qapp, "--db", db, first, empty, second)
    assert code == 0
    assert seen["source"] == first.name
    assert seen["text_shown"] == seen["text_stored"] and len(seen["text_shown"]) > 100
    assert len(seen["messages"]) == 1 and seen["messages"][0].startswith("empty.txt: ")
    assert "2 document(s) added" in seen["status"] and "1 could not be opened" in seen["status"]
    assert seen["icon"]

    # the window remembers it was on the first file; opening the second, already there, shows it
    code, seen = open_and_look(qapp, "--db", db, second)
    assert code == 0
    assert seen["source"] == second.name
    assert seen["text_shown"] == seen["text_stored"]
    assert seen["messages"] == []
    assert "0 document(s) added, 1 already here" in seen["status"]


def test_the_application_icon_has_every_size(qapp):
    from reviewer.gui.app import ICON_SIZES, make_application

    app = make_application()
    sizes = app.windowIcon().availableSizes()
    assert {QSize(n, n) for n in ICON_SIZES} <= set(sizes)
    assert app.desktopFileName() == "io.github.filing_reviewer"


def test_the_notice_comes_back_after_the_backups_message(window, qtbot):
    from reviewer.gui.app import show_opened

    show_opened(window, None, "Opened 1 of 1 file(s)", [])
    bar = window.statusBar()
    assert bar.currentMessage() == "Opened 1 of 1 file(s)"
    bar.showMessage("Backed up to somewhere", 200)  # the automatic backup, finishing a moment later
    qtbot.waitUntil(lambda: bar.currentMessage() == "Opened 1 of 1 file(s)", timeout=3000)
    bar.clearMessage()
    bar.showMessage("something else", 100)
    qtbot.waitUntil(lambda: bar.currentMessage() == "", timeout=3000)
    qtbot.wait(100)
    assert bar.currentMessage() == ""  # once only
