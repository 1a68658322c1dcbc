"""Start the Qt application on a review database."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

ORGANIZATION = "FilingReviewer"
WINDOW_BUSY_TIMEOUT = 3.0
APPLICATION = "Filing Reviewer"
# the desktop entry's name without .desktop (packaging/linux/): Wayland matches the window to it
DESKTOP_ID = "io.github.filing_reviewer"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


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
    app.setDesktopFileName(DESKTOP_ID)
    app.setWindowIcon(app_icon())
    return app


def app_icon():
    """The application's icon at every size it is drawn in (resources/icons/)."""
    from PySide6.QtGui import QIcon

    from reviewer.core.paths import icon_path

    icon = QIcon()
    for size in ICON_SIZES:
        path = icon_path(size)
        if path.is_file():
            icon.addFile(str(path))
    return icon


def show_opened(window, document_id: int | None, notice: str | None, problems: list[str]):
    """After `reviewer open FILE...`: the first file's document, what happened in the status
    bar, and the files that could not be opened in a message that does not block (returned)."""
    if document_id is not None and window.storage.has_document(document_id):
        window.open_document(document_id)
        window.fields.table.setFocus()  # the review keys work from the first press
    if notice:
        _show_notice(window.statusBar(), notice)
    if problems:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Information, APPLICATION, f"{len(problems)} file(s) could not be opened.",
                          QMessageBox.Ok, window)
        box.setInformativeText("\n".join(problems[:20]) + ("\n…" if len(problems) > 20 else ""))
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()
        return box
    return None


def _show_notice(bar, notice: str) -> None:
    """Show ``notice``; if another message (the automatic backup's) takes its place before it
    expires, show it once more after that one."""
    replaced = False

    def changed(text: str) -> None:
        nonlocal replaced
        if text == notice:
            return
        if text:
            replaced = True
            return
        bar.messageChanged.disconnect(changed)
        if replaced:
            bar.showMessage(notice, 10000)

    bar.showMessage(notice, 15000)
    bar.messageChanged.connect(changed)


def run(db_path: Path, reviewer: str | None = None, *, document_id: int | None = None,
        notice: str | None = None, problems: list[str] | None = None, quit_after: float | None = None) -> int:
    """The window on ``db_path``; ``document_id``: the document to show first (else the one
    the reviewer was on); ``notice`` and ``problems``: what opening files gave; ``quit_after``:
    close the window after that many seconds, saying what it showed (a smoke test of a build)."""
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
    show_opened(window, document_id, notice, problems or [])
    if quit_after is not None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(int(quit_after * 1000), lambda: _close_shown(window))
    try:
        return app.exec()
    finally:
        workers.stop_all()  # an ingest or backup still running ends before its database closes
        storage.close()


def _close_shown(window) -> None:
    doc = window.document
    shown = f"document {doc.id} ({doc.filename or doc.source_path})" if doc is not None else "no document"
    print(f"window shown: {window.windowTitle()}, {shown}", file=sys.stderr, flush=True)
    window.close()
