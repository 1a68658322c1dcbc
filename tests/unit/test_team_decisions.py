"""The merge's shortcut for fields every reviewer left alike gives what resolve_field gives."""

from __future__ import annotations

import random

from reviewer.core.storage.common import decode_value, dumps_value
from reviewer.core.team.decisions import agreed, decisions, resolve_field


def _state(rng: random.Random) -> dict | None:
    if rng.random() < 0.1:
        return None  # a deletion
    return {"label": "company", "start": rng.choice([3, 4]), "end": 9, "text": "Acme",
            "value": rng.choice(["Acme", None, 7]), "status": rng.choice(["accepted", "rejected", "pending"])}


def test_agreed_is_resolve_field_where_it_answers():
    rng = random.Random(5)
    answered = 0
    for _ in range(3000):
        rows = []
        for k in range(rng.randint(1, 5)):
            state = _state(rng) if rng.random() < 0.5 or not rows else rows[0][3]
            before = {"label": "company", "start": 3, "end": 9, "text": "Acme", "value": None, "status": "pending"}
            action = "adjudicated: x" if rng.random() < 0.05 else "accepted"
            rows.append((rng.choice(["alice", "bob", None]), action, f"2026-01-0{k + 1}T00:00:00+00:00",
                         state if isinstance(state, (dict, type(None))) else None, before))
        raw = [(r[0], r[1], r[2], dumps_value(r[3]), dumps_value(r[4])) for r in rows]
        quick = agreed(raw, decode_value)
        if quick is not None:
            answered += 1
            assert quick == resolve_field(decisions(rows))
    assert answered > 300


def test_a_fields_history_is_its_own_documents_rows(tmp_path, data_dir, extractor):
    """A database written before field ids were kept unique may name a deleted field of one
    document by the id of a field of another: the merge reads only the rows of the field's own
    document."""
    from reviewer.core.ingest import ingest_paths
    from reviewer.core.storage import Storage
    from reviewer.core.storage.common import field_state, insert_audit
    from reviewer.core.storage.team_outcome import field_decisions

    with Storage(tmp_path / "old.db") as s:
        list(ingest_paths(s, [data_dir], extractor=extractor))
        docs = [d.id for d in s.list_documents()]
        field = s.fields(docs[1])[0]
        with s.transaction():  # an earlier, deleted field of the first document under the same id
            gone = dict(field_state(field), text="elsewhere")
            insert_audit(s.conn, "2026-01-01T00:00:00", "lead", "added", docs[0], field.id, None, gone)
            insert_audit(s.conn, "2026-01-01T00:01:00", "lead", "deleted", docs[0], field.id, gone, None)
        s.record_decision(field.id, status="accepted", reviewer="bob")
        [(field_id, rows)] = list(field_decisions(s, [field.id]))
    assert field_id == field.id and [r[0] for r in rows] == ["bob"]
