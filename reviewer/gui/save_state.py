"""What the status bar says about saving, and what the window does when a save fails.

"● saved" is shown only after a commit returned; a failed write turns it into
"✗ not saved" with the reason, which stays until the next successful save, and
says what to do in a message. The field or document keeps its state, so the key
can simply be pressed again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QMessageBox, QStatusBar, QWidget

from reviewer.core.storage import ReadOnlyError, Storage, StorageError
from reviewer.gui import file_dialogs

GREEN, RED, AMBER = "#2e7d32", "#c62828", "#b26a00"


class SaveIndicator(QLabel):
    """The status bar's save state: saved, not saved (why), read-only, or file missing."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setContentsMargins(6, 0, 6, 0)
        self.ok = True
        self.read_only = False
        self.file_missing = False
        self._calm = QTimer(self, singleShot=True, interval=1500)
        self._calm.timeout.connect(lambda: self._style(GREEN, bold=False))
        self.saved(initial=True)

    def _style(self, color: str, bold: bool) -> None:
        self.setStyleSheet(f"color: {color}" + ("; font-weight: bold" if bold else ""))

    def saved(self, initial: bool = False) -> None:
        if self.file_missing:
            return
        self.ok = True
        if self.read_only:
            return self.show_read_only(self.toolTip())
        self.setText("● saved")
        self.setToolTip("Every decision is committed to the database when it is made")
        self._style(GREEN, bold=not initial)
        if not initial:
            self._calm.start()

    def show_read_only(self, reason: str) -> None:
        self.read_only = True
        self.setText("read-only")
        self.setToolTip(f"This database is open read-only ({reason}): you can browse and export, "
                        "but decisions cannot be saved")
        self._style(AMBER, bold=True)

    def failed(self, reason: str) -> None:
        self.ok = False
        self._calm.stop()
        self.setText("✗ not saved")
        self.setToolTip(reason)
        self._style(RED, bold=True)


def failure_advice(err: StorageError) -> str:
    text = str(err)
    if isinstance(err, ReadOnlyError):
        return "Open a writable copy of the database to review it."
    if "busy" in text:
        return "Another program is writing to the database. Press the key again in a moment."
    if "full" in text:
        return "Free some disk space, then press the key again."
    if "deleted or moved" in text or "replaced" in text or "write-ahead log" in text:
        return "Save a copy of everything saved so far (File menu), then open that copy to go on."
    return "Press the key again; if it keeps failing, save a copy of the database and restart the window."


def report_failure(parent: QWidget, what: str, err: StorageError, *, offer_copy: bool) -> bool:
    """Tell the user that ``what`` was not saved and what to do; True if they asked to save a copy."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Warning)
    box.setWindowTitle("Not saved")
    reason = str(err)
    if offer_copy:  # the file is gone: what was saved is still readable through the open connection
        box.setText("The database file was deleted or moved while it was open.")
        box.setInformativeText("Nothing more can be saved to it. Everything saved so far can still be "
                               "read here: save a copy now, then open that copy to go on.")
    else:
        box.setText(f"{what} was not saved.")
        box.setInformativeText(f"{reason[:1].upper()}{reason[1:]}.\n\n{failure_advice(err)}")
    copy = box.addButton("&Save a copy…", QMessageBox.ActionRole) if offer_copy else None
    box.addButton(QMessageBox.Ok)
    box.exec()
    return copy is not None and box.clickedButton() is copy


class SaveGuard(QObject):
    """Reports failed saves, watches the database file, and saves copies of it."""

    WATCH_MS = 2000

    def __init__(self, window: QWidget, storage: Storage, indicator: SaveIndicator, bar: QStatusBar):
        super().__init__(window)
        self.window, self.storage, self.indicator, self.bar = window, storage, indicator, bar
        self._watch = QTimer(self, interval=self.WATCH_MS)
        self._watch.timeout.connect(self.check_file)
        self._watch.start()

    def stop(self) -> None:
        self._watch.stop()

    def failed(self, what: str, err: StorageError) -> None:
        self.bar.showMessage(f"Not saved: {err}", 15000)
        if isinstance(err, ReadOnlyError):
            return  # announced when the database opened, and shown in the status bar throughout
        self.indicator.failed(str(err))
        if self.report(what, err):
            self.save_copy()

    def report(self, what: str, err: StorageError) -> bool:
        """Tell the user (tests replace this); True when they ask to save a copy."""
        return report_failure(self.window, what, err, offer_copy=self.indicator.file_missing)

    def check_file(self) -> None:
        """Notice a database file deleted or moved under the window (never recreate it)."""
        if self.indicator.file_missing:
            return
        try:
            self.storage.check_file()
        except StorageError as err:
            self._watch.stop()
            self.indicator.file_missing = True
            self.failed("Your work", err)

    def save_copy(self) -> None:
        db = Path(self.storage.path)
        target = file_dialogs.save_file(self.window, "Save a copy of the database",
                                        str(db.with_name(db.stem + "-copy.db")), "Review databases (*.db)")
        if not target:
            return
        try:
            self.storage.copy_to(target)
        except (StorageError, OSError) as err:
            QMessageBox.critical(self.window, "Copy failed", f"The copy could not be written: {err}")
            return
        self.bar.showMessage(f"Saved a copy of the database to {target}", 15000)
