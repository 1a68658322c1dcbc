"""The status bar: who reviews, where they are, how far the review is, and whether it is saved."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar

from reviewer.core.changes import DocumentFields
from reviewer.core.storage import Storage
from reviewer.gui.save_state import SaveIndicator


class ReviewStatus:
    """The permanent labels of the window's status bar, updated from the current state."""

    def __init__(self, bar: QStatusBar, storage: Storage, doc_fields: DocumentFields, reviewer: str):
        self.bar = bar
        self.storage = storage
        self.doc_fields = doc_fields
        self.reviewer = QLabel(f"Reviewer: {reviewer}")
        self.position = QLabel()
        self.fields = QLabel()
        self.overall = QLabel()
        self.saved = SaveIndicator()
        for w in (self.reviewer, self.position, self.fields, self.overall):
            w.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(w)
        bar.addPermanentWidget(self.saved)
        if storage.read_only:
            self.saved.show_read_only(storage.read_only_reason)
            bar.showMessage(f"Opened read-only: {storage.read_only_reason}. You can browse and export; "
                            "decisions cannot be saved.", 15000)

    def update(self, row: int, total_docs: int) -> None:
        """``row``: the open document's row in the queue's list as filtered, searched and sorted
        (-1: not in it), of ``total_docs`` in that list (QueuePanel.position gives both)."""
        count = f"{total_docs} document{'' if total_docs == 1 else 's'}"
        if self.doc_fields.document is None:
            self.position.setText(count)
        elif row >= 0:
            self.position.setText(f"Document {row + 1} of {total_docs}")
        else:
            self.position.setText(f"Document not in this list · {count}")
        if self.doc_fields.document is not None:
            self.fields.setText(f"Fields {self.doc_fields.decided()}/{len(self.doc_fields)} decided")
        else:
            self.fields.setText("")
        done, all_fields = self.storage.decided_counts()
        docs = self.storage.document_counts()
        if not sum(docs.values()):
            self.overall.setText("No documents yet: Ctrl+O, or drop files or folders here")
            return
        finished = docs.get("approved", 0) + docs.get("rejected", 0)
        fields = f"{100 * done / all_fields:.0f}% of fields" if all_fields else "no fields"
        self.overall.setText(f"Overall {fields}, {finished}/{sum(docs.values())} documents")
