"""The main window: composes the queue, the source view and the fields panel, and wires
the actions to the review session. It holds no review logic of its own.

Changes flow one way: an action asks the session; the session commits and announces
a Change; DocumentFields, the panels, the queue and the status bar each update
themselves from it. The window only decides what to select next.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter

from reviewer.core.changes import Change, DocumentFields
from reviewer.core.export import ExportRequest
from reviewer.core.extract.schema import Schema, load_schema
from reviewer.core.review import ReviewError, ReviewSession
from reviewer.core.storage import Storage, StorageError
from reviewer.gui import file_dialogs, window_state, workers
from reviewer.gui.actions import build_actions
from reviewer.gui.fields_panel import FieldsPanel
from reviewer.gui.highlight import FieldFormats
from reviewer.gui.ingest_dialog import IngestRunner, summary_text
from reviewer.gui.label_picker import LabelPicker
from reviewer.gui.queue_panel import QueuePanel
from reviewer.gui.save_state import SaveGuard
from reviewer.gui.source_view import SourceView
from reviewer.gui.status_bar import ReviewStatus


class MainWindow(QMainWindow):
    def __init__(self, storage: Storage, reviewer: str, settings: QSettings, schema: Schema | None = None):
        super().__init__()
        self.storage = storage
        self.db_path = Path(storage.path)
        self.settings = settings
        self.schema = schema or load_schema()
        self.session = ReviewSession(storage, reviewer, self.schema)
        self._ingest: IngestRunner | None = None
        self._export = None
        self.setWindowTitle(f"Filing Reviewer — {self.db_path.name}"
                            + (" (read-only)" if storage.read_only else ""))
        self.setAcceptDrops(True)

        self.doc_fields = DocumentFields({name: i for i, name in enumerate(self.schema.names)})
        self.queue = QueuePanel(storage)
        self.source = SourceView(FieldFormats(self.schema), self.doc_fields)
        self.fields = FieldsPanel(self.schema, self.doc_fields, editor=self._edit_value)
        self.review_area = QSplitter(Qt.Horizontal)
        self.review_area.addWidget(self.source)
        self.review_area.addWidget(self.fields)
        self.review_area.setStretchFactor(0, 3)
        self.review_area.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(self.review_area)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.setCentralWidget(self.splitter)

        self.actions = build_actions(self, self.review_area)
        self.status = ReviewStatus(self.statusBar(), storage, self.doc_fields, self.session.reviewer)
        self.saving = SaveGuard(self, storage, self.status.saved, self.statusBar())
        self._wire()
        window_state.restore(self, settings)

    @property
    def document(self):
        """The document under review (with its text), or None."""
        return self.doc_fields.document

    # -- composition -------------------------------------------------------------
    def _wire(self) -> None:
        a = self.actions
        handlers = {
            "ingest": self.choose_and_ingest, "ingest_folder": lambda: self.choose_and_ingest(folder=True),
            "export": self.choose_and_export, "refresh": self.refresh,
            "save_copy": self.saving.save_copy,
            "quit": self.close,
            "undo": self.undo, "redo": self.redo, "find": self.source.find_bar.open,
            "next_field": lambda: self.move_field(1), "prev_field": lambda: self.move_field(-1),
            "accept": lambda: self.decide("accepted"), "reject": lambda: self.decide("rejected"),
            "edit": self.fields.edit_current, "add": self.add_field, "delete": self.delete_field,
            "absent": self.mark_absent, "approve": self.approve, "reject_doc": self.reject_document,
            "reopen_doc": self.reopen_document, "next_doc": lambda: self.move_document(1),
            "prev_doc": lambda: self.move_document(-1), "original": self.source.show_original,
            "zoom_in": lambda: self.source.zoom(1), "zoom_out": lambda: self.source.zoom(-1),
        }
        for name, action in a:
            if name in handlers:
                action.triggered.connect(lambda _checked=False, h=handlers[name], n=name: self.run_action(n, h))
        a.legend.toggled.connect(self.fields.legend_box.setVisible)
        self.session.subscribe(self._changed)
        self.queue.documentSelected.connect(self.open_document)
        self.fields.fieldSelected.connect(self._field_selected)
        self.source.fieldClicked.connect(self.fields.select_field)

    def _changed(self, change: Change) -> None:
        """A committed change: every part updates itself from it, in this order."""
        self.doc_fields.apply(change)
        self.fields.apply(change)
        self.source.apply(change)
        self.queue.apply(change)
        self.status.saved.saved()
        self.update_status()

    # -- saving ------------------------------------------------------------------
    def run_action(self, name: str, handler) -> None:
        """Run a keyboard action; a refusal is shown in the status bar, a failed save is never hidden."""
        try:
            handler()
        except ReviewError as err:
            self.statusBar().showMessage(str(err), 5000)
        except StorageError as err:
            self.saving.failed(getattr(self.actions, name).text().replace("&", "") or name, err)

    def update_status(self) -> None:
        self.status.update(self.queue.current_row(), self.queue.model.rowCount())

    # -- documents ---------------------------------------------------------------
    def open_document(self, document_id: int, field_id: int | None = None) -> None:
        doc = self.storage.get_document(document_id)
        self.doc_fields.load(doc, self.storage.fields(document_id))
        self.source.show_document(doc.id, doc.text, lambda d=doc.id: self.storage.document_source(d))
        self.fields.show_document()
        if self.queue.current_document() != document_id:
            self.queue.select_document(document_id, emit=False)
        if field_id is None or not self.fields.select_field(field_id):
            self._select_next_pending(-1)
        self.update_status()

    def move_document(self, step: int) -> None:
        row = self.queue.current_row()
        if not self.queue.select_row(row + step if row >= 0 else 0):
            self.statusBar().showMessage("No more documents in this list", 3000)

    def refresh(self) -> None:
        """Re-read everything from the database (another window may have decided)."""
        current = self.fields.current_field()
        self.queue.model.refresh()
        if self.document is not None:
            self.open_document(self.document.id, current.id if current else None)
        self.update_status()

    # -- fields ------------------------------------------------------------------
    def _field_selected(self, field_id: int) -> None:
        field = self.fields.current_field()
        self.source.select_span(field if field is not None and field.id == field_id else None)

    def move_field(self, step: int) -> None:
        index = self.fields.table.currentIndex()
        row = index.row() if index.isValid() else -1
        self.fields.select_row(max(0, min(self.fields.model.rowCount() - 1, row + step)))

    def _select_next_pending(self, after_row: int) -> None:
        row = self.doc_fields.next_pending(after_row)
        if row is not None:
            self.fields.select_row(row)

    def decide(self, decision: str) -> None:
        field = self.fields.current_field()
        if field is None:
            return
        row = self.fields.table.currentIndex().row()
        (self.session.accept if decision == "accepted" else self.session.reject)(field.id)
        self._select_next_pending(row)

    def _edit_value(self, field_id: int, text: str) -> bool:
        row = self.doc_fields.row_of(field_id)
        try:
            self.session.edit(field_id, text)
        except ReviewError as err:
            QMessageBox.warning(self, "Value not saved", str(err))
            self.fields.table.setFocus()  # back to the fields, so the next key is a review key
            return False
        except StorageError as err:
            self.saving.failed("The edited value", err)
            self.fields.table.setFocus()
            return False
        # move on as an accept does, once the editor has closed
        QTimer.singleShot(0, lambda: self._select_next_pending(row if row is not None else -1))
        return True

    def add_field(self) -> None:
        if self.document is None:
            return
        selection = self.source.selection()
        if selection is None:
            self.statusBar().showMessage("Select the text of the new field in the document first (then N)", 5000)
            return
        start, end = selection
        label = self.pick_label(self.document.text[start:end])
        if label is None:
            return
        added = self.session.add(self.document.id, label, start, end)
        self.fields.select_field(added.id)

    def pick_label(self, text: str, labels: list[str] | None = None, title: str = "Add field") -> str | None:
        """Ask for a label (tests replace this)."""
        picker = LabelPicker(self.schema, text, labels, title, self)
        return picker.chosen if picker.exec() else None

    def mark_absent(self) -> None:
        if self.document is None:
            return
        candidates = self.session.absent_choices(self.document.id, self.document.doc_type)
        if not candidates:
            self.statusBar().showMessage("Every single-valued label already has a field", 5000)
            return
        label = self.pick_label("", candidates, "Not in document")
        if label is None:
            return
        absent = self.session.mark_absent(self.document.id, label)
        self.fields.select_field(absent.id)

    def delete_field(self) -> None:
        field = self.fields.current_field()
        if field is None:
            return
        row = self.fields.table.currentIndex().row()
        self.session.delete(field.id)
        self.fields.select_row(min(row, len(self.doc_fields) - 1))

    # -- undo / redo -------------------------------------------------------------
    def undo(self) -> None:
        self._replay(self.session.undo(), "Undid")

    def redo(self) -> None:
        self._replay(self.session.redo(), "Redid")

    def _replay(self, step, verb: str) -> None:
        if step is None:
            self.statusBar().showMessage(f"Nothing to {verb.lower()[:-1]}", 3000)
            return
        self.statusBar().showMessage(f"{verb} {step.action}", 3000)
        if self.document is None or step.document_id != self.document.id:
            self.open_document(step.document_id, step.field_id)
        elif step.field_id is not None:
            self.fields.select_field(step.field_id)

    # -- document decisions ------------------------------------------------------
    def confirm_accept_all(self, pending: int) -> bool:
        """Ask whether to accept the pending fields (tests replace this)."""
        box = QMessageBox(self)
        box.setWindowTitle("Approve document")
        box.setText(f"{pending} field(s) are still pending.")
        box.setInformativeText("Accept them all and approve the document, or go back to review them?")
        accept = box.addButton("Accept all and approve", QMessageBox.AcceptRole)
        back = box.addButton("Go back", QMessageBox.RejectRole)
        box.setDefaultButton(back)
        box.exec()
        return box.clickedButton() is accept

    def approve(self) -> None:
        if self.document is None:
            return
        pending = self.session.pending_count(self.document.id)
        if pending and not self.confirm_accept_all(pending):
            return
        self.session.approve(self.document.id, accept_pending=bool(pending))
        self._document_decided("Approved")

    def reject_document(self) -> None:
        if self.document is None:
            return
        self.session.reject_document(self.document.id)
        self._document_decided("Rejected as out of scope:")

    def reopen_document(self) -> None:
        if self.document is not None:
            self.session.reopen(self.document.id)

    def _document_decided(self, verb: str) -> None:
        done = self.document.id
        nxt = self.storage.next_document(done)
        self.statusBar().showMessage(f"{verb} document {done}", 4000)
        if nxt is not None:
            if not self.queue.select_document(nxt):
                self.open_document(nxt)
        else:
            self.open_document(done)
            self.statusBar().showMessage(f"{verb} document {done}; no document is left to review", 6000)
        self.update_status()

    # -- ingest ------------------------------------------------------------------
    def choose_and_ingest(self, folder: bool = False) -> None:
        """Ask for files (or one folder, walked recursively), starting where the last ingest was."""
        start = str(self.settings.value("ingest/folder", str(Path.home())))
        if folder:
            chosen = file_dialogs.open_folder(self, "Ingest a folder of filings", start)
            paths = [chosen] if chosen else []
        else:
            paths = file_dialogs.open_files(self, "Ingest filings", start,
                                            "Filings (*.txt *.nc *.htm *.html *.xhtml *.xml);;All files (*)")
        if paths:
            self.settings.setValue("ingest/folder", paths[0] if folder else str(Path(paths[0]).parent))
            self.ingest(paths)

    def ingest(self, paths: list[str]) -> IngestRunner | None:
        if self._ingest is not None:
            self.statusBar().showMessage("An ingest is already running", 4000)
            return None
        if self.storage.read_only:
            self.statusBar().showMessage(f"Cannot ingest: the database is read-only "
                                         f"({self.storage.read_only_reason})", 6000)
            return None
        runner = IngestRunner(self, self.storage.path, paths)
        runner.documentsAdded.connect(self._documents_arrived)
        runner.done.connect(self._ingest_done)
        self._ingest = runner
        runner.start()
        return runner

    def _documents_arrived(self) -> None:
        self.queue.model.refresh()
        if self.document is None and self.queue.model.rowCount():
            self.queue.select_row(0)
        self.update_status()

    def _ingest_done(self, summary) -> None:
        self._ingest = None
        self._documents_arrived()
        if summary is not None:
            self.statusBar().showMessage(summary_text(summary).split("\n")[0], 8000)
            if summary.rejected:
                QMessageBox.information(self, "Ingest finished", summary_text(summary))

    # -- export ------------------------------------------------------------------
    def choose_and_export(self) -> None:
        from reviewer.gui.export_dialog import ExportDialog

        dialog = ExportDialog(self.schema, Path.home(), self)
        if dialog.exec():
            self.export(dialog.choice())

    def export(self, request: ExportRequest):
        from reviewer.gui.export_dialog import ExportRunner

        runner = ExportRunner(self, self.storage.path, self.schema, request)
        runner.done.connect(self._export_done)
        self._export = runner
        runner.start()
        return runner

    def _export_done(self, result) -> None:
        self._export = None
        if result is not None:
            self.statusBar().showMessage(f"Exported: {result.summary()}", 10000)

    def dragEnterEvent(self, event):  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event):  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.ingest(paths)

    def save_settings(self) -> None:
        window_state.save(self, self.settings)

    def confirm_close(self, busy: str) -> bool:
        """Ask before closing during an ingest or export (tests replace this)."""
        answer = QMessageBox.question(
            self, "Close Filing Reviewer", f"An {busy} is still running. Stop it and close?",
            QMessageBox.Close | QMessageBox.Cancel, QMessageBox.Cancel)
        return answer == QMessageBox.Close

    def closeEvent(self, event):  # noqa: N802
        running = [(name, r) for name, r in (("ingest", self._ingest), ("export", self._export)) if r is not None]
        if running and not self.confirm_close(running[0][0]):
            event.ignore()
            return
        for _, runner in running:
            runner.cancel()  # an ingest stores nothing of the file in progress; an export writes nothing
        workers.stop_all()
        self.saving.stop()
        self.queue.stop_pending_search()
        self.save_settings()
        super().closeEvent(event)
