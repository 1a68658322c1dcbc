"""Ingest from the window (Ctrl+O or drag and drop): a worker with progress and Cancel.

The worker opens its own connection to the database (SQLite connections stay in
the thread that made them); documents appear in the queue as they arrive.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal

from reviewer.core.extract import default_extractor
from reviewer.core.ingest import Summary, ingest
from reviewer.core.storage import Storage
from reviewer.gui import workers


def ingest_job(db_path: str | Path, paths: list[str]) -> workers.Job:
    def work(progress, item, cancelled):
        with Storage(db_path, create=False) as storage:
            return ingest(storage, paths, extractor=default_extractor(), progress=progress,
                          cancelled=cancelled, on_result=item)

    return workers.Job(work)


class IngestRunner(workers.ProgressRunner):
    """Runs one ingest; emits documentsAdded for each file that added some."""

    documentsAdded = Signal()
    title = "Ingest"

    def __init__(self, parent_widget, db_path, paths: list[str]):
        super().__init__(parent_widget, ingest_job(db_path, paths).fn)
        self.job.signals.item.connect(self._item)

    def progress_text(self, done: int, total: int, name: str) -> str:
        return f"Ingesting {name} ({done + 1} of {total})" if name else "Ingest finished"

    def _item(self, result) -> None:
        if result.added:
            self.documentsAdded.emit()


def summary_text(summary: Summary) -> str:
    text = (f"{summary.added_documents} document(s) added from {summary.added_files} file(s); "
            f"{summary.duplicate_files} duplicate(s); {len(summary.rejected)} rejected")
    if summary.cancelled:
        text = f"Ingest cancelled after {summary.files} file(s): " + text
    if summary.rejected:
        text += "\n\n" + "\n".join(f"{Path(r.path).name}: {r.reason}" for r in summary.rejected[:20])
    return text
