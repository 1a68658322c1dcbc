"""The main window: composes the queue, the source view and the fields panel, and wires
the actions to the review session. It holds no review logic of its own.

Changes flow one way: an action asks the session; the session commits and announces
a Change; DocumentFields, the panels, the queue and the status bar each update
themselves from it. The window only decides what to select next.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QMainWindow, QMenu, QMessageBox, QSplitter

from reviewer.core.changes import Change, DocumentFields
from reviewer.core.export import ExportRequest
from reviewer.core.extract.schema import Schema, load_schema
from reviewer.core.review import ReviewError, ReviewSession
from reviewer.core.storage import Storage, StorageError
from reviewer.gui import diff_dialog, team_mode, window_state, workers
from reviewer.gui.actions import build_actions
from reviewer.gui.field_commands import FieldCommands
from reviewer.gui.fields_panel import FieldsPanel
from reviewer.gui.help_overlay import HelpOverlay
from reviewer.gui.highlight import FieldFormats
from reviewer.gui.file_jobs import FileJobs
from reviewer.gui.label_picker import LabelPicker
from reviewer.gui.live import ExternalChanges
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
        self.jobs = FileJobs(self)
        # Qt adds " — Filing Reviewer", the application's display name
        self.setWindowTitle(self.db_path.name + (" (read-only)" if storage.read_only else ""))
        self.setAcceptDrops(True)

        self.doc_fields = DocumentFields({name: i for i, name in enumerate(self.schema.names)})
        self.queue = QueuePanel(storage)
        self.source = SourceView(FieldFormats(self.schema), self.doc_fields)
        self.commands = FieldCommands(self)
        self.fields = FieldsPanel(self.schema, self.doc_fields, editor=self.commands.edit_value)
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
        self.help = HelpOverlay(self)
        self.live = ExternalChanges(storage, self)
        self._wire()
        team_mode.install(self)
        window_state.restore(self, settings)

    @property
    def document(self):
        """The document under review (with its text), or None."""
        return self.doc_fields.document

    # -- composition -------------------------------------------------------------
    def _wire(self) -> None:
        a, c = self.actions, self.commands
        handlers = {
            "ingest": self.jobs.choose_and_ingest, "ingest_folder": lambda: self.jobs.choose_and_ingest(folder=True),
            "export": self.jobs.choose_and_export, "refresh": self.refresh,
            "save_copy": self.saving.save_copy,
            "quit": self.close,
            "undo": c.undo, "redo": c.redo, "find": self.source.find_bar.open,
            "next_field": lambda: self.fields.move(1), "prev_field": lambda: self.fields.move(-1),
            "accept": lambda: c.decide("accepted"), "reject": lambda: c.decide("rejected"),
            "edit": self.fields.edit_current, "reanchor": c.reanchor, "add": c.add, "delete": c.delete,
            "absent": c.mark_absent, "accept_label": c.accept_label, "accept_confident": c.accept_confident,
            "approve": c.approve, "reject_doc": c.reject_document,
            "reopen_doc": c.reopen_document, "compare": lambda: diff_dialog.open_for(self),
            "next_doc": lambda: self.move_document(1),
            "prev_doc": lambda: self.move_document(-1), "original": self.source.toggle_original,
            "filing": self.source.toggle_filing,
            "zoom_in": lambda: self.source.zoom(1), "zoom_out": lambda: self.source.zoom(-1),
            "help": self.help.toggle, "about": self.about,
        }
        for name, action in a:
            if name in handlers:
                action.triggered.connect(lambda _checked=False, h=handlers[name], n=name: self.run_action(n, h))
        a.legend.toggled.connect(self.fields.legend_box.setVisible)
        question = QShortcut(QKeySequence("?"), self.review_area, context=Qt.WidgetWithChildrenShortcut)
        question.activated.connect(self.help.toggle)
        for key, row in (("Home", lambda: 0), ("End", lambda: self.fields.model.rowCount() - 1)):
            jump = QShortcut(QKeySequence(key), self.fields.table, context=Qt.WidgetShortcut)
            jump.activated.connect(lambda row=row: self.fields.select_row(row()))
        self.live.changed.connect(self.changed_elsewhere)
        self.session.subscribe(self._changed)
        self.queue.documentSelected.connect(self.open_document)
        self.queue.table.clicked.connect(lambda _index: self.fields.table_focus())  # a click, then A, X, J…
        self.queue.listChanged.connect(self.update_status)
        self.queue.searchTermsChanged.connect(self.source.set_search_terms)
        self.fields.fieldSelected.connect(self._field_selected)
        self.fields.notice.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.source.notice.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.source.fieldClicked.connect(self.fields.select_field)
        self.fields.checkSpans.connect(self.source.show_spans)
        self.fields.set_context_actions([a.accept, a.reject, a.edit, a.reanchor, None, a.accept_label, a.delete])
        self.source.set_context_actions(self.text_menu)

    def text_menu(self, offset: int, has_selection: bool) -> list:
        """The text's right-click menu, headed by the field it acts on. Without a selection:
        the decisions on the field under the pointer (the click selected it); with one made
        by the reviewer: re-anchor the current field to it, or add it as a new field."""
        a, field = self.actions, self.fields.current_field()
        header = None
        if field is not None:
            label = self.schema[field.label].display if field.label in self.schema else field.label
            header = QAction(f"{label}: {' '.join(field.text.split())[:50] or '(not in document)'}", self)
            header.setEnabled(False)
        if has_selection:
            return ([header, a.reanchor, None] if header else []) + [a.add, self._add_as_menu()]
        return [header, a.accept, a.reject, a.edit] if header else []

    def _add_as_menu(self):
        menu = QMenu("Add selection &as", self)
        for label in self.schema.labels:
            action = menu.addAction(label.display)
            action.triggered.connect(lambda _=False, n=label.name: self.run_action("add", lambda: self.commands.add_as(n)))
        return menu.menuAction()

    def _changed(self, change: Change) -> None:
        """A committed change: every part updates itself from it, in this order."""
        was = self.document.status if self.document is not None and self.document.id == change.document_id else None
        self.doc_fields.apply(change)
        self.fields.apply(change)
        self.source.apply(change)
        self.queue.apply(change)
        self.status.saved.saved()
        self.live.own_commit()
        self.update_status()
        if was in ("approved", "rejected") and change.fields and change.document is not None \
                and change.document.status == "pending":
            self.statusBar().showMessage(f"This document was {was}: the decision reopened it (Ctrl+Z undoes "
                                         "both)", 8000)

    def changed_elsewhere(self, document_ids: set[int] | None) -> None:
        """Another window or the CLI committed: follow it without F5 (never under an open editor)."""
        if self.fields.table.state() == QAbstractItemView.EditingState:
            QTimer.singleShot(500, lambda: self.changed_elsewhere(document_ids))
            return
        self.queue.refresh()
        doc = self.document
        if doc is not None and (document_ids is None or doc.id in document_ids):
            fields = self.storage.fields(doc.id)
            kept = {f.id for f in fields}
            shown = {f.id: f for f in self.doc_fields.by_label}
            stored = self.storage.get_document(doc.id, with_text=False)
            change = Change("changed elsewhere", doc.id, fields=tuple(f for f in fields if shown.get(f.id) != f),
                            removed=tuple(f.id for f in self.doc_fields.by_label if f.id not in kept),
                            document=stored, checks=tuple(stored.checks))
            self.doc_fields.apply(change)
            self.fields.apply(change)
            self.source.apply(change)
        self.update_status()

    # -- saving ------------------------------------------------------------------
    def run_action(self, name: str, handler) -> None:
        """Run a keyboard action; a refusal is shown in the status bar, a failed save is never hidden."""
        try:
            handler()
        except ReviewError as err:
            self.statusBar().showMessage(str(err), 5000 if len(str(err)) < 80 else 12000)  # time to read it
        except StorageError as err:
            self.saving.failed(getattr(self.actions, name).text().replace("&", "") or name, err)

    def update_status(self) -> None:
        self.status.update(*self.queue.position(self.document.id if self.document else None))

    # -- documents ---------------------------------------------------------------
    def open_document(self, document_id: int, field_id: int | None = None) -> None:
        doc = self.storage.get_document(document_id)
        self.doc_fields.load(doc, self.storage.fields(document_id))
        self.source.show_document(doc.id, doc.text, lambda d=doc.id: self.storage.document_source(d))
        self.fields.show_document()
        if self.queue.current_document() != document_id and not self.queue.select_document(document_id, emit=False):
            self.queue.table.selectionModel().clearSelection()  # not in the list: no other row looks open
        self.source.set_search_terms(self.queue.search_terms())
        if field_id is None or not self.fields.select_field(field_id):
            self.fields.select_next_pending(None)
        self.update_status()

    def move_document(self, step: int) -> None:
        row = self.queue.current_row()
        if not self.queue.select_row(row + step if row >= 0 else 0):
            self.statusBar().showMessage("No more documents in this list", 3000)

    def refresh(self) -> None:
        """Re-read everything from the database (another window may have decided)."""
        current = self.fields.current_field()
        self.queue.refresh()
        if self.document is not None:
            self.open_document(self.document.id, current.id if current else None)
        self.update_status()

    # -- fields ------------------------------------------------------------------
    def _field_selected(self, field_id: int) -> None:
        field = self.fields.current_field()
        self.source.select_span(field if field is not None and field.id == field_id else None)

    def pick_label(self, text: str, labels: list[str] | None = None, title: str = "Add field") -> str | None:
        """Ask for a label (tests replace this)."""
        picker = LabelPicker(self.schema, text, labels, title, self)
        return picker.chosen if picker.exec() else None

    def ask_threshold(self) -> float | None:
        """Ask for the confidence of a bulk accept, starting from the last one, saying how many
        pending fields each value would accept (tests replace this)."""
        pending = [f.confidence for f in self.doc_fields.by_label if f.status == "pending" and f.confidence is not None]
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Accept confident fields")
        dialog.setInputMode(QInputDialog.DoubleInput)
        dialog.setDoubleRange(0.0, 1.0)
        dialog.setDoubleDecimals(2)
        dialog.setDoubleStep(0.05)

        def say(value: float) -> None:
            n = sum(c >= value - 1e-9 for c in pending)
            dialog.setLabelText(f"Accept the {n} of {len(pending)} pending fields of this document with a "
                                f"confidence of at least (Ctrl+Z undoes them all):")

        dialog.doubleValueChanged.connect(say)
        dialog.setDoubleValue(float(self.settings.value("review/bulk_confidence", 0.9)))
        say(dialog.doubleValue())
        if not dialog.exec():
            return None
        value = dialog.doubleValue()
        self.settings.setValue("review/bulk_confidence", value)
        return value

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

    def confirm_reject_document(self) -> bool:
        """Ask before rejecting a whole document as out of scope (tests replace this)."""
        answer = QMessageBox.question(self, "Reject document", "Reject this document as out of scope? Its "
                                      "fields are kept; Ctrl+Z undoes it.", QMessageBox.Yes | QMessageBox.Cancel,
                                      QMessageBox.Yes)
        return answer == QMessageBox.Yes

    def approve(self) -> None:
        self.commands.approve()

    # -- ingest and export (in the background) ----------------------------------
    def ingest(self, paths: list[str]):
        return self.jobs.ingest(paths)

    def export(self, request: ExportRequest):
        return self.jobs.export(request)

    def dragEnterEvent(self, event):  # noqa: N802
        self.jobs.accepts_drag(event)

    def dropEvent(self, event):  # noqa: N802
        self.jobs.drop(event)

    def about(self) -> None:
        from reviewer import __version__

        QMessageBox.about(self, "About Filing Reviewer",
                          f"<b>Filing Reviewer</b> {__version__}<p>Review fields extracted from SEC filings and "
                          f"press releases. Every decision is saved at once to<br><code>{self.db_path}</code>"
                          "</p><p>F1 shows every key.</p>")

    def save_settings(self) -> None:
        window_state.save(self, self.settings)

    def confirm_close(self, busy: str) -> bool:
        """Ask before closing during an ingest or export (tests replace this)."""
        answer = QMessageBox.question(
            self, "Close Filing Reviewer", f"An {busy} is still running. Stop it and close?",
            QMessageBox.Close | QMessageBox.Cancel, QMessageBox.Cancel)
        return answer == QMessageBox.Close

    def closeEvent(self, event):  # noqa: N802
        running = self.jobs.running
        if running and not self.confirm_close(running[0][0]):
            event.ignore()
            return
        for _, runner in running:
            runner.cancel()  # an ingest stores nothing of the file in progress; an export writes nothing
        workers.stop_all()
        self.saving.stop()
        self.live.stop()
        self.queue.stop_pending_search()
        self.save_settings()
        super().closeEvent(event)
