"""Each reviewer's undo and redo history (table undo_steps), kept beside the decisions.

A step is pushed, moved or dropped inside the transaction of the action it belongs to,
so a decision is never committed without its undo entry, nor the other way round.
``position`` numbers a reviewer's steps: the "undo" stack holds consecutive positions, its
top the highest; every "redo" entry lies above them (a push clears the redo stack), its top
the lowest. So a push finds its position, and trims to the last N, with one seek each.
"""

from __future__ import annotations

import json
from typing import Any

from reviewer.core.storage.common import now

UNDO_LIMIT = 500  # steps kept per reviewer, at most
TRIM_EVERY = 50  # a push at a position divisible by this trims to the last UNDO_LIMIT - 49 (see push_undo_step)


class UndoSteps:
    """The persisted undo history (a part of Storage; uses its connection)."""

    def push_undo_step(self, reviewer: str, step: dict[str, Any], *, limit: int = UNDO_LIMIT) -> int:
        """Push a step onto the reviewer's undo stack, clear their redo stack and keep at most
        the last ``limit`` steps; inside the caller's transaction (or one of its own).

        Every ``every``-th position trims the stack to its last ``limit - every + 1`` steps, so
        it never holds more than ``limit`` (a stack of more must have climbed through such a
        position) and the oldest pages are rewritten once per batch, not on every push."""
        with self.transaction():
            conn = self.conn
            conn.execute("DELETE FROM undo_steps WHERE reviewer = ? AND stack = 'redo'", (reviewer,))
            top = conn.execute("SELECT max(position) FROM undo_steps WHERE reviewer = ? AND stack = 'undo'",
                               (reviewer,)).fetchone()[0]
            position = (top or 0) + 1
            cur = conn.execute(
                "INSERT INTO undo_steps (reviewer, stack, position, step, at) VALUES (?, 'undo', ?, ?, ?)",
                (reviewer, position, json.dumps(step, ensure_ascii=False, separators=(",", ":")), now()),
            )
            every = max(1, min(TRIM_EVERY, limit // 10))
            if position % every == 0:  # trimmed in batches: most pushes write no old page
                conn.execute("DELETE FROM undo_steps WHERE reviewer = ? AND stack = 'undo' AND position <= ?",
                             (reviewer, position - limit + every - 1))
        return cur.lastrowid

    def top_undo_step(self, reviewer: str, stack: str) -> tuple[int, dict[str, Any]] | None:
        """(id, step) on top of the reviewer's "undo" or "redo" stack, or None when it is empty."""
        order = "DESC" if stack == "undo" else "ASC"
        row = self.conn.execute(
            f"SELECT id, step FROM undo_steps WHERE reviewer = ? AND stack = ? ORDER BY position {order} LIMIT 1",
            (reviewer, stack),
        ).fetchone()
        return None if row is None else (row[0], json.loads(row[1]))

    def has_undo_step(self, reviewer: str, stack: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM undo_steps WHERE reviewer = ? AND stack = ? LIMIT 1",
                                (reviewer, stack)).fetchone()
        return row is not None

    def count_undo_steps(self, reviewer: str, stack: str) -> int:
        return self.conn.execute("SELECT count(*) FROM undo_steps WHERE reviewer = ? AND stack = ?",
                                 (reviewer, stack)).fetchone()[0]

    def move_undo_step(self, step_id: int, stack: str) -> None:
        """Move a step to the other stack (undone: to "redo"; redone: back to "undo")."""
        with self.transaction():
            self.conn.execute("UPDATE undo_steps SET stack = ? WHERE id = ?", (stack, step_id))

    def drop_undo_step(self, step_id: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM undo_steps WHERE id = ?", (step_id,))

    def last_audit(self, document_id: int, field_id: int | None) -> tuple[str | None, str, str] | None:
        """(reviewer, action, at) of the last audit row of a field, or of the document itself
        when ``field_id`` is None: who changed it last."""
        where = "field_id = ?" if field_id is not None else "field_id IS NULL"
        params = (document_id, field_id) if field_id is not None else (document_id,)
        row = self.conn.execute(
            f"SELECT reviewer, action, at FROM audit WHERE document_id = ? AND {where} ORDER BY id DESC LIMIT 1",
            params,
        ).fetchone()
        return None if row is None else (row[0], row[1], row[2])
