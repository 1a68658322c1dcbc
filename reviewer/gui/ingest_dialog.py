"""Ingest from the window (Ctrl+O or drag and drop): a worker with progress and Cancel.

The worker opens its own connection to the database (SQLite connections stay in
the thread that made them); documents appear in the queue as they arrive.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from reviewer.core.extract import default_extractor
from reviewer.core.ingest import Summary, find_files, ingest_file, problem_result
from reviewer.core.storage import Storage
from reviewer.gui import workers


def ingest_job(db_path: str | Path, paths: list[str]) -> workers.Job:
    def work(progress, item, cancelled):
        summary = Summary()
        extractor = default_extractor()
        files = list(find_files(paths))
        with Storage(db_path) as storage:
            for i, (path, problem) in enumerate(files):
                if cancelled():
                    break
                progress(i, len(files), Path(path).name)
                result = problem_result(path, problem) if problem else ingest_file(storage, path,
                                                                                   extractor=extractor)
                summary.count(result)
                item(result)
            progress(len(files), len(files), "")
        return summary

    return workers.Job(work)


class IngestRunner(QObject):
    """Runs one ingest with a progress dialog; emits documentsAdded for each file that added some."""

    documentsAdded = Signal()
    done = Signal(object)

    def __init__(self, parent_widget, db_path, paths: list[str]):
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.dialog = QProgressDialog("Reading files…", "Cancel", 0, 0, parent_widget)
        self.dialog.setWindowTitle("Ingest")
        self.dialog.setWindowModality(Qt.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.job = ingest_job(db_path, paths)
        self.dialog.canceled.connect(self.job.cancel)
        self.job.signals.progress.connect(self._progress)
        self.job.signals.item.connect(self._item)
        self.job.signals.finished.connect(self._finished)
        self.job.signals.failed.connect(self._failed)

    def start(self) -> None:
        workers.start(self.job)

    def _progress(self, done: int, total: int, name: str) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(done)
        if name:
            self.dialog.setLabelText(f"Ingesting {name} ({done + 1} of {total})")

    def _item(self, result) -> None:
        if result.added:
            self.documentsAdded.emit()

    def _finished(self, summary: Summary) -> None:
        self.dialog.close()
        self.done.emit(summary)

    def _failed(self, message: str) -> None:
        self.dialog.close()
        QMessageBox.critical(self.parent_widget, "Ingest failed", message)
        self.done.emit(None)


def summary_text(summary: Summary) -> str:
    text = (f"{summary.added_documents} document(s) added from {summary.added_files} file(s); "
            f"{summary.duplicate_files} duplicate(s); {len(summary.rejected)} rejected")
    if summary.rejected:
        text += "\n\n" + "\n".join(f"{Path(r.path).name}: {r.reason}" for r in summary.rejected[:20])
    return text
