"""What team review reads: conflicts, each reviewer's latest decisions on the documents
several reviewers shared (for agreement), and the activity and outcomes statistics show."""

from __future__ import annotations

from reviewer.core.storage.common import decode_value
from reviewer.core.storage.team import has_team_tables

_REVIEW = "action NOT LIKE 'adjudicated%'"  # a reviewer's own decisions, not an adjudicator's


def conflict_count(storage) -> int:
    """Fields (and document statuses) in conflict."""
    if not has_team_tables(storage.conn):
        return 0
    return storage.conn.execute("SELECT count(*) FROM team_conflicts").fetchone()[0]


def conflict_documents(storage) -> list[tuple[int, int]]:
    """(document id, its conflicts) for every document with one, in id order."""
    if not has_team_tables(storage.conn):
        return []
    return [(r[0], r[1]) for r in storage.conn.execute(
        "SELECT document_id, count(*) FROM team_conflicts GROUP BY document_id ORDER BY document_id")]


def document_conflicts(storage, document_id: int) -> list[int]:
    """The conflicting field ids of a document, by position (0 first: its own status)."""
    if not has_team_tables(storage.conn):
        return []
    rows = storage.conn.execute(
        'SELECT c.field_id FROM team_conflicts c LEFT JOIN fields f ON f.id = c.field_id'
        ' WHERE c.document_id = ? ORDER BY c.field_id != 0, f.start, f."end", c.field_id', (document_id,))
    return [r[0] for r in rows]


def shared_documents(storage) -> list[int]:
    """The documents on which two reviewers or more decided fields."""
    return [r[0] for r in storage.conn.execute(
        f"SELECT document_id FROM audit WHERE field_id IS NOT NULL AND {_REVIEW} AND document_id IS NOT NULL"
        " GROUP BY document_id HAVING count(DISTINCT reviewer) >= 2 ORDER BY document_id")]


def latest_states(storage, document_ids: list[int]) -> list[tuple[int, int, str, dict | None]]:
    """(document id, field id, reviewer, the state their latest decision left) on the given
    documents, for every field a reviewer decided (adjudications left out)."""
    out = []
    for doc in document_ids:
        rows = storage.conn.execute(
            f"""SELECT field_id, reviewer, after FROM (
                    SELECT field_id, reviewer, after,
                           row_number() OVER (PARTITION BY field_id, reviewer ORDER BY at DESC, id DESC) AS k
                    FROM audit WHERE document_id = ? AND field_id IS NOT NULL AND {_REVIEW})
                WHERE k = 1 ORDER BY field_id, reviewer""", (doc,))
        out.extend((doc, f, r or "", decode_value(a)) for f, r, a in rows)
    return out


def activity(storage) -> list[tuple[str, str, int]]:
    """(reviewer, hour as 'YYYY-MM-DDTHH', field decisions in it), in time order."""
    return [(r[0] or "", r[1], r[2]) for r in storage.conn.execute(
        "SELECT reviewer, substr(at, 1, 13) AS hour, count(*) FROM audit WHERE field_id IS NOT NULL"
        " GROUP BY reviewer, hour ORDER BY hour, reviewer")]


def label_outcomes(storage) -> list[tuple[str, str, int]]:
    """(label, status, fields) over the extracted fields (the reviewers' own additions apart)."""
    return [(r[0], r[1], r[2]) for r in storage.conn.execute(
        "SELECT label, status, count(*) FROM fields WHERE coalesce(extractor, '') NOT LIKE 'reviewer:%'"
        " GROUP BY label, status ORDER BY label, status")]


def added_by_label(storage) -> list[tuple[str, int]]:
    """(label, fields the reviewers added: what the extractor missed)."""
    return [(r[0], r[1]) for r in storage.conn.execute(
        "SELECT label, count(*) FROM fields WHERE extractor LIKE 'reviewer:%' AND status = 'added'"
        " GROUP BY label ORDER BY label")]


def document_progress(storage) -> list[tuple[str, str, int]]:
    """(reviewer, day, documents they approved or rejected that day)."""
    return [(r[0] or "", r[1], r[2]) for r in storage.conn.execute(
        "SELECT reviewer, substr(at, 1, 10) AS day, count(*) FROM audit WHERE field_id IS NULL"
        " AND action IN ('document approved', 'document rejected') GROUP BY reviewer, day ORDER BY day, reviewer")]
