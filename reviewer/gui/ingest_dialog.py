"""Ingest from the window (Ctrl+O or drag and drop): a worker with progress and Cancel.

The worker opens its own connection to the database (SQLite connections stay in
the thread that made them); documents appear in the queue as they arrive.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal

from reviewer.core.extract import default_extractor
from reviewer.core.ingest import Summary, find_files, ingest_file, problem_result
from reviewer.core.storage import Storage
from reviewer.gui import workers


def ingest_job(db_path: str | Path, paths: list[str]) -> workers.Job:
    def work(progress, item, cancelled):
        summary = Summary()
        extractor = default_extractor()
        files = list(find_files(paths))
        with Storage(db_path, create=False) as storage:
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
    if summary.rejected:
        text += "\n\n" + "\n".join(f"{Path(r.path).name}: {r.reason}" for r in summary.rejected[:20])
    return text
