"""Background work on QThreadPool: the GUI thread never waits for ingest or export.

``Job`` runs a function in a pool thread and reports progress and its result by
signal, back on the GUI thread. The function gets a ``progress(done, total, text)``
callable and a ``cancelled()`` callable; it must not touch widgets.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog


class JobSignals(QObject):
    progress = Signal(int, int, str)
    item = Signal(object)
    finished = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    def __init__(self, fn: Callable[..., Any]):
        super().__init__()
        self.fn = fn
        self.signals = JobSignals()
        self._cancelled = False
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancelled = True

    def cancelled(self) -> bool:
        return self._cancelled

    def run(self) -> None:
        try:
            result = self.fn(progress=self.signals.progress.emit, item=self.signals.item.emit,
                             cancelled=self.cancelled)
        except Exception as err:  # reported to the user, never lost
            self.signals.failed.emit(f"{err}\n\n{traceback.format_exc(limit=3)}")
            return
        self.signals.finished.emit(result)


class ThreadPool:
    """Jobs on Qt's global thread pool: the window's way."""

    def start(self, job: Job) -> None:
        QThreadPool.globalInstance().start(job)

    def wait(self, timeout_ms: int) -> bool:
        return QThreadPool.globalInstance().waitForDone(timeout_ms)


class Synchronous:
    """Each job runs at once in the calling thread, signals included: tests use it to
    check what a job does without waiting for threads."""

    def start(self, job: Job) -> None:
        job.run()

    def wait(self, timeout_ms: int) -> bool:
        return True


pool: ThreadPool | Synchronous = ThreadPool()  # where start() runs jobs; tests may replace it
_running: set[Job] = set()


def start(job: Job) -> Job:
    """Run a job on the pool, keeping it alive until it ends."""
    _running.add(job)
    job.signals.finished.connect(lambda _=None, j=job: _running.discard(j))
    job.signals.failed.connect(lambda _=None, j=job: _running.discard(j))
    pool.start(job)
    return job


def running() -> int:
    return len(_running)


def stop_all(timeout_ms: int = 15000) -> bool:
    """Cancel every running job and wait for them (before the database is closed)."""
    for job in list(_running):
        job.cancel()
    return pool.wait(timeout_ms)


class ProgressRunner(QObject):
    """A job with a window-modal progress dialog and Cancel; emits done(result or None)."""

    done = Signal(object)
    title = "Working"

    def __init__(self, parent_widget, fn: Callable[..., Any]):
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.dialog = QProgressDialog(f"{self.title}…", "Cancel", 0, 0, parent_widget)
        self.dialog.setWindowTitle(self.title)
        self.dialog.setWindowModality(Qt.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.job = Job(fn)
        self.dialog.canceled.connect(self.job.cancel)
        self.job.signals.progress.connect(self._progress)
        self.job.signals.finished.connect(self._finished)
        self.job.signals.failed.connect(self._failed)

    def start(self) -> None:
        start(self.job)

    def cancel(self) -> None:
        self.job.cancel()

    def _progress(self, done: int, total: int, text: str) -> None:
        self.dialog.setMaximum(max(total, 1) if total else 0)
        self.dialog.setValue(done)
        self.dialog.setLabelText(self.progress_text(done, total, text))

    def progress_text(self, done: int, total: int, text: str) -> str:
        return f"{self.title}: {done} of {total}" if total else f"{self.title}: {done}"

    def _finished(self, result) -> None:
        self.dialog.close()
        self.done.emit(result)

    def _failed(self, message: str) -> None:
        self.dialog.close()
        QMessageBox.warning(self.parent_widget, f"{self.title} failed", message.split("\n\n")[0])
        self.done.emit(None)
