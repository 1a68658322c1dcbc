"""The window's background jobs on files: ingest (files, a folder, or dropped paths) and
export, each in a worker with progress and Cancel, one of each at a time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from reviewer.core.export import ExportRequest
from reviewer.gui import file_dialogs
from reviewer.gui.ingest_dialog import IngestRunner, summary_text

INGEST_TYPES = "Filings (*.txt *.nc *.htm *.html *.xhtml *.xml *.md *.markdown);;All files (*)"


class FileJobs:
    """Ingest and export for one window; the window's queue and status follow what arrives."""

    def __init__(self, window):
        self.window = window
        self.ingest_runner: IngestRunner | None = None
        self.export_runner = None

    @property
    def running(self) -> list[tuple[str, object]]:
        return [(name, r) for name, r in (("ingest", self.ingest_runner), ("export", self.export_runner))
                if r is not None]

    # -- ingest ------------------------------------------------------------------
    def choose_and_ingest(self, folder: bool = False) -> None:
        """Ask for files (or one folder, walked recursively), starting where the last ingest was."""
        w = self.window
        start = str(w.settings.value("ingest/folder", str(Path.home())))
        if folder:
            chosen = file_dialogs.open_folder(w, "Ingest a folder of filings", start)
            paths = [chosen] if chosen else []
        else:
            paths = file_dialogs.open_files(w, "Ingest filings", start, INGEST_TYPES)
        if paths:
            w.settings.setValue("ingest/folder", paths[0] if folder else str(Path(paths[0]).parent))
            self.ingest(paths)

    def ingest(self, paths: list[str]) -> IngestRunner | None:
        w = self.window
        if self.ingest_runner is not None:
            w.statusBar().showMessage("An ingest is already running", 4000)
            return None
        if w.storage.read_only:
            w.statusBar().showMessage(f"Cannot ingest: the database is read-only "
                                      f"({w.storage.read_only_reason})", 6000)
            return None
        runner = IngestRunner(w, w.storage.path, paths)
        runner.documentsAdded.connect(self.documents_arrived)
        runner.done.connect(self._ingest_done)
        self.ingest_runner = runner
        runner.start()
        return runner

    def documents_arrived(self) -> None:
        w = self.window
        w.queue.refresh()
        if w.document is None and w.queue.model.rowCount():
            w.queue.select_row(0)
        w.update_status()

    def _ingest_done(self, summary) -> None:
        self.ingest_runner = None
        self.documents_arrived()
        if summary is not None:
            self.window.statusBar().showMessage(summary_text(summary).split("\n")[0], 8000)
            if summary.rejected:
                QMessageBox.information(self.window, "Ingest finished", summary_text(summary))

    # -- export ------------------------------------------------------------------
    def choose_and_export(self) -> None:
        from reviewer.gui.export_dialog import ExportDialog

        dialog = ExportDialog(self.window.schema, Path.home(), self.window)
        if dialog.exec():
            self.export(dialog.choice())

    def export(self, request: ExportRequest):
        from reviewer.gui.export_dialog import ExportRunner

        w = self.window
        runner = ExportRunner(w, w.storage.path, w.schema, request)
        runner.done.connect(self._export_done)
        self.export_runner = runner
        runner.start()
        return runner

    def _export_done(self, result) -> None:
        self.export_runner = None
        if result is not None:
            self.window.statusBar().showMessage(f"Exported: {result.summary()}", 10000)

    # -- drag and drop -----------------------------------------------------------
    @staticmethod
    def accepts_drag(event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def drop(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.ingest(paths)
