"""Decisions made in another window or by the CLI appear without F5.

A cheap timer asks SQLite's data_version (one pragma, no file access of our own) and,
only when another connection committed, which documents the audit log says changed.
The window then refreshes the queue and, when the open document was among them, its
fields in place: the text is not laid out again, and nothing happens while idle.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from reviewer.core.storage import Storage, StorageError


class ExternalChanges(QObject):
    """Emits ``changed(document_ids)`` after another connection committed; ``document_ids``
    is the set of documents the audit log names, or None when any may have changed."""

    changed = Signal(object)
    INTERVAL_MS = 1000

    def __init__(self, storage: Storage, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self.storage = storage
        self._version = storage.data_version()
        self._audit = storage.last_audit_id()
        self._documents = storage.count_documents()
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def own_commit(self) -> None:
        """Our own commits do not move data_version, but they do add audit rows: skip them."""
        try:
            self._audit = self.storage.last_audit_id()
        except StorageError:
            pass

    def poll(self) -> bool:
        """Look once; True when something changed (and ``changed`` was emitted)."""
        try:
            with self.storage.database_errors():
                version = self.storage.data_version()
                if version == self._version:
                    return False
                self._version = version
                self._audit, documents = self.storage.audited_documents_since(self._audit)
                count = self.storage.count_documents()
        except StorageError:
            return False  # a vanished or unreadable file: the save guard says so
        if count == self._documents and documents is not None and not documents:
            return False  # a commit that decided nothing here (a checkpoint, a migration)
        self._documents = count
        self.changed.emit(documents)
        return True
