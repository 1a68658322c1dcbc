"""A merge's reads and writes of outcomes: each field's and document's decisions (its audit
rows), and what they come to: the fields' and documents' new states, the conflicts, the
fields whose deletion won (reviewer/core/team/decisions.py decides; merge.py's ``settle``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from reviewer.core.storage.common import decode_value, dumps_value


def field_decisions(storage, field_ids: Iterable[int], *, decoded: bool = True,
                    ) -> Iterator[tuple[int, list[tuple]]]:
    """(field id, its audit rows as (reviewer, action, at, after, before)) in time order, per
    field; ``decoded=False``: after and before as stored (JSON text)."""
    conn = storage.conn
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM temp.wanted")
    conn.executemany("INSERT OR IGNORE INTO temp.wanted (id) VALUES (?)", ((i,) for i in field_ids))
    # only the rows about the field's own document: a database written before field ids were
    # kept unique may hold a deleted field's rows under the id of a field of another document
    rows = conn.execute("SELECT a.field_id, a.reviewer, a.action, a.at, a.after, a.before FROM audit a INDEXED BY"
                        " team_audit_field JOIN fields f ON f.id = a.field_id"
                        " WHERE a.field_id IN (SELECT id FROM temp.wanted) AND a.document_id = f.document_id"
                        " ORDER BY a.field_id, a.at, a.id")
    current, batch = None, []
    for field_id, reviewer, action, at, after, before in rows.fetchall():
        if field_id != current:
            if batch:
                yield current, batch
            current, batch = field_id, []
        batch.append((reviewer, action, at, decode_value(after), decode_value(before)) if decoded
                     else (reviewer, action, at, after, before))
    if batch:
        yield current, batch
    conn.execute("DELETE FROM temp.wanted")


def document_decisions(storage, document_ids: Iterable[int]) -> dict[int, list[tuple]]:
    """Per document, its own audit rows (status changes) as (reviewer, action, at, after)."""
    out: dict[int, list[tuple]] = {}
    for doc in document_ids:
        rows = storage.conn.execute(
            "SELECT reviewer, action, at, after FROM audit WHERE document_id = ? AND field_id IS NULL"
            " ORDER BY at, id", (doc,))
        for reviewer, action, at, after in rows:
            state = decode_value(after)
            if isinstance(state, dict) and "label" in state:
                continue  # a field's row whose field is gone
            out.setdefault(doc, []).append((reviewer, action, at, state))
    return out


def field_rows(storage, field_ids: list[int]) -> dict[int, dict]:
    out = {}
    for i in range(0, len(field_ids), 500):
        chunk = field_ids[i:i + 500]
        rows = storage.rows('SELECT id, document_id, label, start, "end", text, value, status, reviewer, decided_at'
                            f" FROM fields WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
        for r in rows:
            d = dict(r)
            d["value"] = decode_value(d["value"])
            out[d["id"]] = d
    return out


def apply_fields(storage, updates: list[tuple], decided: list[tuple[int | None, int]],
                 conflicts: list[tuple[int, int]]) -> None:
    """Inside the caller's transaction: the fields' new states (id, status, value, start, end,
    text, reviewer, decided_at) and the conflicts (document id, field id) among ``decided``,
    the (document id, field id) of the fields whose decisions were read again (document None:
    a field gone, its conflict looked for by field alone)."""
    conn = storage.conn
    conn.executemany('UPDATE fields SET status = ?, value = ?, start = ?, "end" = ?, text = ?, reviewer = ?,'
                     " decided_at = ? WHERE id = ?",
                     [(s, dumps_value(v), a, b, t, r, at, i) for i, s, v, a, b, t, r, at in updates])
    # by the whole key: by field alone is a scan of the table for each field
    conn.executemany("DELETE FROM team_conflicts WHERE document_id = ? AND field_id = ?",
                     [(d, f) for d, f in decided if d is not None])
    conn.executemany("DELETE FROM team_conflicts WHERE field_id = ?", [(f,) for d, f in decided if d is None])
    conn.executemany("INSERT OR IGNORE INTO team_conflicts (document_id, field_id) VALUES (?, ?)", conflicts)


def conflicted_documents(storage, document_ids: Iterable[int]) -> set[int]:
    """Those of the documents with a field in conflict."""
    found = set()
    for doc in document_ids:
        if storage.conn.execute("SELECT 1 FROM team_conflicts WHERE document_id = ? AND field_id != 0 LIMIT 1",
                                (doc,)).fetchone():
            found.add(doc)
    return found


def apply_documents(storage, updates: list[tuple], decided: list[int], conflicts: list[int]) -> None:
    """Inside the caller's transaction: the documents' new states (id, status, reviewer,
    decided_at) and those of ``decided`` whose own status is in conflict."""
    conn = storage.conn
    conn.executemany("UPDATE documents SET status = ?, reviewer = ?, decided_at = ? WHERE id = ?",
                     [(s, r, at, i) for i, s, r, at in updates])
    conn.executemany("DELETE FROM team_conflicts WHERE document_id = ? AND field_id = 0", ((d,) for d in decided))
    conn.executemany("INSERT OR IGNORE INTO team_conflicts (document_id, field_id) VALUES (?, 0)",
                     ((d,) for d in conflicts))


def document_rows(storage, document_ids: list[int]) -> dict[int, dict]:
    out = {}
    for doc in document_ids:
        r = storage.rows("SELECT id, status, reviewer, decided_at FROM documents WHERE id = ?", (doc,)).fetchone()
        if r is not None:
            out[doc] = dict(r)
    return out


def delete_fields(storage, field_ids: list[int]) -> None:
    """Inside the caller's transaction: remove fields whose deletion won. An added field's key
    stays known (``team_field_alias``), so a later merge finds the field it names here (and
    brings it back when its decisions say so): its audit rows stay, naming it."""
    conn = storage.conn
    for i in range(0, len(field_ids), 500):
        chunk = field_ids[i:i + 500]
        marks = ", ".join("?" * len(chunk))
        conn.execute("INSERT OR IGNORE INTO team_field_alias (key, field_id) SELECT 'a:' || extractor || '@' ||"
                     f" created_at, id FROM fields WHERE id IN ({marks}) AND extractor LIKE 'reviewer:%'", chunk)
        conn.execute(f"DELETE FROM fields WHERE id IN ({marks})", chunk)
