"""Start the Qt application on a review database."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

ORGANIZATION = "FilingReviewer"
WINDOW_BUSY_TIMEOUT = 3.0
APPLICATION = "Filing Reviewer"


def settings():
    from PySide6.QtCore import QSettings

    return QSettings(ORGANIZATION, APPLICATION)


def reviewer_name(given: str | None, store, ask=True) -> str | None:
    """The reviewer's name: given on the command line, else kept in settings, else asked once."""
    if given and given.strip():
        store.setValue("reviewer/name", given.strip())
        return given.strip()
    kept = store.value("reviewer/name")
    if kept:
        return str(kept)
    if not ask:
        return None
    from PySide6.QtWidgets import QInputDialog

    try:
        default = getpass.getuser()
    except Exception:  # no user name in this environment
        default = ""
    name, ok = QInputDialog.getText(None, APPLICATION, "Your name, written with every decision:", text=default)
    name = name.strip() if ok else ""
    if not name:
        name = default.strip()  # cancelled or left empty: the login name (open --reviewer NAME changes it)
    if not name:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(None, APPLICATION, "A reviewer name is needed: every decision records who "
                                "made it. Start again and type a name, or run: reviewer open --reviewer NAME")
        return None
    store.setValue("reviewer/name", name)
    return name


def make_application():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    return app


def run(db_path: Path, reviewer: str | None = None) -> int:
    from PySide6.QtWidgets import QMessageBox

    from reviewer.core.storage import Storage, StorageError
    from reviewer.gui import workers
    from reviewer.gui.backups import start_rolling_backup
    from reviewer.gui.main_window import MainWindow

    app = make_application()
    store = settings()
    name = reviewer_name(reviewer, store)
    if name is None:
        return 2
    try:
        # the window keeps its locks in a helper process (see storage/guard.py) and waits
        # at most a few seconds for another writer before saying a decision was not saved
        storage = Storage(db_path, keep_locks=True, busy_timeout=WINDOW_BUSY_TIMEOUT)
    except StorageError as err:
        QMessageBox.critical(None, APPLICATION, str(err))
        return 1
    window = MainWindow(storage, name, store)
    window.show()
    window.raise_()
    window.activateWindow()  # keys work at once, without a first click (no window manager: X focus)
    if not storage.read_only:
        start_rolling_backup(window, db_path)
    try:
        return app.exec()
    finally:
        workers.stop_all()  # an ingest or backup still running ends before its database closes
        storage.close()
