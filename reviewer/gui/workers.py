"""Background work on QThreadPool: the GUI thread never waits for ingest or export.

``Job`` runs a function in a pool thread and reports progress and its result by
signal, back on the GUI thread. The function gets a ``progress(done, total, text)``
callable and a ``cancelled()`` callable; it must not touch widgets.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


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


_running: set[Job] = set()


def start(job: Job) -> Job:
    """Run a job on the global pool, keeping it alive until it ends."""
    _running.add(job)
    job.signals.finished.connect(lambda _=None, j=job: _running.discard(j))
    job.signals.failed.connect(lambda _=None, j=job: _running.discard(j))
    QThreadPool.globalInstance().start(job)
    return job
