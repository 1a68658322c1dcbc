"""Decisions in bulk for benchmarks of team review: every pending field and document of a
shard decided by reviewer r<k>, with SQL shaped like the review session's (a field update and
its audit row), since two million decisions through the session would take longer than the
merge they feed. Never used by the application."""

from __future__ import annotations

import sqlite3
from pathlib import Path

_STATE = ("json_object('end', \"end\", 'label', label, 'start', start, 'status', {status}, 'text', text,"
          " 'value', json(value))")


def decide_all(path: Path, k: int) -> int:
    """Reviewer r<k> decides every pending field of the shard: most accepted, some rejected
    (which ones depends on the reviewer, so two reviewers of a shared document disagree),
    and approves every pending document."""
    status = f"CASE WHEN (id + {k}) % 9 = 0 THEN 'rejected' ELSE 'accepted' END"
    at = ("strftime('%Y-%m-%dT%H:%M:%f', '2026-11-23 08:00:00', '+' || (id % 400000) || ' seconds')"
          " || '+00:00'")
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN IMMEDIATE")
        cur = conn.execute(
            "INSERT INTO audit (at, reviewer, action, document_id, field_id, before, after)"
            f" SELECT {at}, 'r{k}', {status}, document_id, id, {_STATE.format(status=repr('pending'))},"
            f" {_STATE.format(status=status)} FROM fields WHERE status = 'pending' ORDER BY id")
        conn.execute(f"UPDATE fields SET status = {status}, reviewer = 'r{k}', decided_at = {at}"
                     " WHERE status = 'pending'")
        done = cur.rowcount
        cur = conn.execute(
            "INSERT INTO audit (at, reviewer, action, document_id, field_id, before, after)"
            f" SELECT {at}, 'r{k}', 'document approved', id, NULL, '{{\"status\": \"pending\"}}',"
            " '{\"status\": \"approved\"}' FROM documents WHERE status = 'pending' ORDER BY id")
        conn.execute(f"UPDATE documents SET status = 'approved', reviewer = 'r{k}', decided_at = {at}"
                     " WHERE status = 'pending'")
        conn.execute("COMMIT")
        return done + cur.rowcount
    finally:
        conn.close()
