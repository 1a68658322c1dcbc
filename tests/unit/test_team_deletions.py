"""A reviewer's deletion of a field they added is carried by merges: merged once and then
deleted in the shard, the field goes from the merged database when the shard comes again;
decided otherwise by another reviewer, it is a conflict instead (settled by picking the
deletion, or the other side); idempotent and independent of the order of the inputs. The
merged database's text index matches its documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.core.review import ReviewSession
from reviewer.core.storage import Storage
from reviewer.core.storage import team_reads
from reviewer.core.team import merge, shard
from reviewer.core.team.adjudicate import Adjudicator

from test_team_merge import corpus, separate, shared_document, states  # noqa: E402,F401 (corpus: a fixture)


@pytest.fixture
def shards(corpus, tmp_path) -> list[Path]:
    return shard(corpus, 2, tmp_path / "shards", overlap=100, seed=1).paths


def free_span(storage: Storage, doc: int) -> tuple[int, int]:
    """A span of the document's text no field of it covers."""
    taken = sorted((f.start, f.end) for f in storage.fields(doc))
    text = storage.get_document(doc).text
    start = 0
    for a, b in taken + [(len(text), len(text))]:
        if a - start >= 6:
            return start + 1, start + 5
        start = max(start, b)
    raise AssertionError("no free span")


def add_field(path: Path, who: str, schema, doc: int) -> int:
    with Storage(path) as s:
        label = next(lb.name for lb in schema.labels if lb.type == "text")
        start, end = free_span(s, doc)
        return ReviewSession(s, who, schema).add(doc, label, start, end).id


def added_fields(path: Path) -> list[tuple]:
    with Storage(path) as s:
        return s.conn.execute("SELECT label, start, \"end\", status, extractor FROM fields"
                              " WHERE extractor LIKE 'reviewer:%' ORDER BY 1, 2").fetchall()


def audit_count(path: Path) -> int:
    with Storage(path) as s:
        return s.conn.execute("SELECT count(*) FROM audit").fetchone()[0]


def test_a_deletion_by_the_author_removes_the_merged_field_and_merging_again_adds_nothing(
        shards, tmp_path, extractor):
    doc = shared_document(shards)
    field_id = add_field(shards[0], "alice", extractor.schema, doc)
    out = tmp_path / "merged.db"
    merge(out, shards)
    assert len(added_fields(out)) == 1
    merge(out, shards)  # merged again before the deletion: nothing new
    with Storage(shards[0]) as a:
        ReviewSession(a, "alice", extractor.schema).delete(field_id)
    report = merge(out, [shards[0]])
    assert report.changed_fields == 1 and report.conflicts == 0
    assert added_fields(out) == []
    rows = audit_count(out)
    again = merge(out, [shards[0]])  # idempotent
    assert again.audit == 0 and again.changed_fields == 0 and audit_count(out) == rows
    merge(out, [shards[1]])  # the other shard never saw the field: it does not bring it back
    assert added_fields(out) == []
    # the same result from scratch, in either order
    for name, inputs in (("ab.db", shards), ("ba.db", shards[::-1])):
        merge(tmp_path / name, inputs)
        assert states(tmp_path / name) == states(out)


def test_an_undone_addition_is_a_deletion_too(shards, tmp_path, extractor):
    doc = shared_document(shards)
    out = tmp_path / "merged.db"
    with Storage(shards[0]) as a:
        session = ReviewSession(a, "alice", extractor.schema)
        start, end = free_span(a, doc)
        label = next(lb.name for lb in extractor.schema.labels if lb.type == "text")
        session.add(doc, label, start, end)
        merge(out, shards)
        assert len(added_fields(out)) == 1
        session.undo()
    merge(out, [shards[0]])
    assert added_fields(out) == []


def test_a_deletion_against_another_reviewers_decision_is_a_conflict_in_either_order(shards, tmp_path, extractor):
    doc = shared_document(shards)
    field_id = add_field(shards[0], "alice", extractor.schema, doc)
    first = tmp_path / "first.db"
    merge(first, shards)
    merge(shards[1], [first])  # bob gets alice's field back in his shard and edits its value
    with Storage(shards[1]) as b:
        bobs = next(f for f in b.fields(doc) if (f.extractor or "").startswith("reviewer:"))
        ReviewSession(b, "bob", extractor.schema).edit(bobs.id, "bob's value")
    with Storage(shards[0]) as a:
        ReviewSession(a, "alice", extractor.schema).delete(field_id)
    outs = []
    for name, inputs in (("ab.db", shards), ("ba.db", shards[::-1]), ("inc.db", None)):
        out = tmp_path / name
        if inputs is None:  # the first merge, brought up to date shard by shard
            merge(out, [first])
            merge(out, [shards[0]])  # the deletion alone: the field goes
            assert added_fields(out) == []
            merge(out, [shards[1]])  # bob's edit: it comes back, in conflict
        else:
            merge(out, inputs)
        assert len(added_fields(out)) == 1
        with Storage(out) as m:
            conflicted = team_reads.document_conflicts(m, doc)
            assert len(conflicted) == 1
            (sides,) = [c.sides for c in Adjudicator(m, "carol", extractor.schema).conflicts(doc)]
            assert sorted((s.reviewer, s.deletion) for s in sides) == [("alice", True), ("bob", False)]
        merge(out, shards)  # idempotent
        outs.append(out)
    assert states(outs[0]) == states(outs[1])
    assert states(outs[0])["fields"] == states(outs[2])["fields"]
    assert states(outs[0])["conflicts"] == states(outs[2])["conflicts"]
    # the adjudicator takes the deletion: the field goes, nothing left in conflict
    with Storage(outs[0]) as m:
        judge = Adjudicator(m, "carol", extractor.schema)
        (conflict,) = judge.conflicts(doc)
        judge.pick(conflict, next(i for i, s in enumerate(conflict.sides) if s.deletion))
        assert judge.count() == 0
    assert added_fields(outs[0]) == []
    merge(outs[0], shards)  # the shards merged again do not bring it back
    assert added_fields(outs[0]) == []
    # or bob's side: the field stays, as bob left it
    with Storage(outs[1]) as m:
        judge = Adjudicator(m, "carol", extractor.schema)
        (conflict,) = judge.conflicts(doc)
        judge.pick(conflict, next(i for i, s in enumerate(conflict.sides) if not s.deletion))
        assert judge.count() == 0
        (kept,) = [f for f in m.fields(doc) if (f.extractor or "").startswith("reviewer:")]
        assert kept.value == "bob's value"


def test_the_merged_text_index_matches_the_documents(corpus, tmp_path):
    parts = shard(corpus, 3, tmp_path / "thirds", overlap=0, seed=1).paths
    out = tmp_path / "merged.db"
    merge(out, parts[::-1])
    with Storage(out) as m:
        m.conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        total = m.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        indexed = m.conn.execute("SELECT count(*) FROM documents_fts_docsize").fetchone()[0]
        assert indexed == total
        triggers = {r[0] for r in m.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert "documents_fts_insert" in triggers
        word = m.conn.execute("SELECT text FROM documents ORDER BY id LIMIT 1").fetchone()[0].split()[0]
        found = m.conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?",
                               (f'"{word}"',)).fetchone()[0]
        assert found >= 1
    assert not list(tmp_path.glob(".*part*"))


def test_a_field_known_by_two_keys_comes_back_once(corpus, tmp_path, extractor):
    """Two reviewers add the same field (one field, two keys, after a merge); one deletes it and
    the deletion is adjudicated; a database that still has both fields then merges in without
    putting the field back twice."""
    a, b = shard(corpus, 2, tmp_path / "s", overlap=100, seed=1).paths
    doc = shared_document([a, b])
    label = next(lb.name for lb in extractor.schema.labels if lb.type == "text")
    with Storage(a) as s:
        span = free_span(s, doc)
        f1 = ReviewSession(s, "alice", extractor.schema).add(doc, label, *span).id
    with Storage(b) as s:
        f2 = ReviewSession(s, "bob", extractor.schema).add(doc, label, *span).id
    out1, out2 = tmp_path / "out1.db", tmp_path / "out2.db"
    merge(out1, [a, b])
    with Storage(b) as s:
        ReviewSession(s, "bob", extractor.schema).edit(f2, "bob's value")
    merge(out2, [b, a])
    with Storage(a) as s:
        ReviewSession(s, "alice", extractor.schema).delete(f1)
    merge(out1, [a])
    with Storage(out1) as m:
        judge = Adjudicator(m, "carol", extractor.schema)
        for c in judge.conflicts(doc):
            if any(side.deletion for side in c.sides):
                judge.pick(c, next(i for i, side in enumerate(c.sides) if side.deletion))
    merge(out1, [out2])  # failed: "UNIQUE constraint failed: fields.id"
    assert len([f for f in added_fields(out1) if (f[0], f[1], f[2]) == (label, *span)]) <= 1  # adjudicated away


def test_the_text_index_matches_when_the_first_input_changes_during_the_merge(corpus, tmp_path, monkeypatch):
    """Another process writes to the first shard between its copy and the side index's start:
    the merged index still holds exactly the merged documents."""
    import sqlite3

    from reviewer.core.storage import team_fts

    parts = shard(corpus, 2, tmp_path / "s", overlap=0, seed=1).paths
    with Storage(parts[0]) as first:
        doc_ids = [d.id for d in first.list_documents()]
    real = team_fts.TextIndexBuilder.start.__func__

    def start(cls, storage, part, first):  # a reviewer's window deleting a document meanwhile
        conn = sqlite3.connect(first)
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM documents WHERE id = ?", (doc_ids[0],))
        conn.commit()
        conn.close()
        return real(cls, storage, part, first)

    monkeypatch.setattr(team_fts.TextIndexBuilder, "start", classmethod(start))
    out = tmp_path / "m.db"
    merge(out, parts)
    with Storage(out) as m:
        docs = {r[0] for r in m.conn.execute("SELECT id FROM documents")}
        indexed = {r[0] for r in m.conn.execute("SELECT id FROM documents_fts_docsize")}
        m.conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
    assert docs == indexed
