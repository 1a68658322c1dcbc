"""The rolling backup made when the window opens a database, in the background."""

from __future__ import annotations

from pathlib import Path

from reviewer.gui import workers


def start_rolling_backup(window, db_path: str | Path) -> workers.Job:
    """Back the database up (the last five are kept) without holding up the window; the
    status bar says where it went, or why it could not be made."""
    from reviewer.core.storage.backup import BackupError, rolling_backup

    def work(progress, item, cancelled):
        try:
            return rolling_backup(db_path, cancelled=cancelled)
        except BackupError as err:
            return err

    def finished(result) -> None:
        if isinstance(result, Exception):
            window.statusBar().showMessage(f"The automatic backup could not be made: {result}", 10000)
        elif result is not None:
            window.statusBar().showMessage(f"Backed up to {result}", 5000)

    job = workers.Job(work)
    job.signals.finished.connect(finished)
    job.signals.failed.connect(lambda message: window.statusBar().showMessage(
        "The automatic backup could not be made: " + message.split("\n")[0], 10000))
    return workers.start(job)
