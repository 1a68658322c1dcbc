"""What other connections have changed: SQLite's data_version and the audit log's tail,
so that a window can follow another window's or the CLI's decisions without re-reading
everything, at the cost of one pragma when nothing happened."""

from __future__ import annotations


class Activity:
    """A part of Storage (uses its connection)."""

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the database
        (never for this connection's own commits)."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def last_audit_id(self) -> int:
        return self.conn.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0]

    def audited_documents_since(self, after_id: int, limit: int = 10_000) -> tuple[int, set[int] | None]:
        """(the newest audit id, the documents audited after ``after_id``), or None for the
        documents when more than ``limit`` rows came (treat every document as changed)."""
        rows = self.conn.execute("SELECT id, document_id FROM audit WHERE id > ? ORDER BY id LIMIT ?",
                                 (after_id, limit + 1)).fetchall()
        if not rows:
            return after_id, set()
        if len(rows) > limit:
            return self.last_audit_id(), None
        return rows[-1][0], {doc for _, doc in rows}
