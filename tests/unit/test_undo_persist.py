"""The undo history lives in the database, per reviewer: it survives a restart, moves in the
same transaction as the action it records, refuses steps someone else overtook, is trimmed."""

from __future__ import annotations

import sqlite3

import pytest

from reviewer.core.extract import default_extractor, load_schema
from reviewer.core.ingest import ingest_file
from reviewer.core.review import ReviewError, ReviewSession
from reviewer.core.storage import SCHEMA_VERSION, UNDO_LIMIT, ReadOnlyError, Storage, StorageError

SCHEMA = load_schema()


@pytest.fixture
def db(tmp_path, data_dir):
    path = tmp_path / "review.db"
    with Storage(path) as s:
        ingest_file(s, str(data_dir / "tecogen-press-release-2013.txt"), extractor=default_extractor())
    return path


def _open(path, reviewer="ana", **kw):
    storage = Storage(path, **kw)
    return storage, ReviewSession(storage, reviewer, SCHEMA)


def _doc(storage):
    return storage.get_document(storage.list_documents()[0].id)


def _field(storage, label):
    return next(f for f in storage.fields(_doc(storage).id) if f.label == label)


def _state(storage):
    """Everything an undo must restore: each field's stored state and the document's status."""
    doc = _doc(storage)
    fields = {f.id: (f.label, f.start, f.end, f.text, f.value, f.status) for f in storage.fields(doc.id)}
    return fields, doc.status


def _span(text, needle):
    start = text.index(needle)
    return start, start + len(needle)


ACTIONS = {
    "accept": lambda st, se: se.accept(_field(st, "money").id),
    "reject": lambda st, se: se.reject(_field(st, "date").id),
    "edit": lambda st, se: se.edit(_field(st, "share_count").id, "212,751"),
    "add": lambda st, se: se.add(_doc(st).id, "person", *_span(_doc(st).text, "Melinda M. Furse")),
    "absent": lambda st, se: se.mark_absent(_doc(st).id, "signatory"),
    "delete": lambda st, se: se.delete(_field(st, "signatory").id),
    "approve": lambda st, se: se.approve(_doc(st).id, accept_pending=True),
    "reject document": lambda st, se: se.reject_document(_doc(st).id),
    "reanchor": lambda st, se: se.reanchor(_field(st, "share_count").id, *_span(_doc(st).text, "2,000")),
    "bulk label": lambda st, se: se.accept_label(_doc(st).id, "money"),
    "bulk confident": lambda st, se: se.accept_confident(_doc(st).id, 0.5),
}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_undo_and_redo_after_reopening(db, name):
    storage, session = _open(db)
    if name == "delete":
        session.mark_absent(_doc(storage).id, "signatory")
    before = _state(storage)
    ACTIONS[name](storage, session)
    after = _state(storage)
    assert after != before
    storage.close()

    storage, session = _open(db)  # a new window: the history is still there
    assert session.can_undo and not session.can_redo
    session.undo()
    assert _state(storage) == before
    storage.close()

    storage, session = _open(db)
    assert session.can_redo
    session.redo()
    assert _state(storage) == after
    assert not session.can_redo
    storage.close()


def test_the_history_belongs_to_its_reviewer(db):
    storage, ana = _open(db)
    ana.accept(_field(storage, "money").id)
    bob = ReviewSession(storage, "bob", SCHEMA)
    assert not bob.can_undo and bob.undo() is None
    assert _field(storage, "money").status == "accepted"
    assert ana.can_undo
    storage.close()


def test_a_step_someone_else_overtook_is_refused_with_a_reason(db):
    storage, ana = _open(db)
    money = _field(storage, "money")
    ana.accept(_field(storage, "company").id)
    ana.accept(money.id)
    storage.close()
    storage, bob = _open(db, "bob")
    bob.reject(money.id)
    storage.close()

    storage, ana = _open(db)
    with pytest.raises(ReviewError, match=r"was changed since \(by bob, rejected at .*\).*not undone"):
        ana.undo()
    assert storage.get_field(money.id).status == "rejected"  # bob's decision stands
    assert not ana.can_redo
    ana.undo()  # the step taken off was said so; the one before it still undoes
    assert _field(storage, "company").status == "pending"
    storage.close()


def test_stale_adds_approvals_and_redos(db):
    storage, ana = _open(db)
    bob = ReviewSession(storage, "bob", SCHEMA)
    doc = _doc(storage)
    added = ana.add(doc.id, "person", *_span(doc.text, "Melinda M. Furse"))
    bob.delete(added.id)
    with pytest.raises(ReviewError, match="was deleted since .*by bob"):
        ana.undo()

    ana.approve(doc.id, accept_pending=True)
    bob.reopen(doc.id)
    with pytest.raises(ReviewError, match="document .* was changed since .*by bob.*now pending"):
        ana.undo()
    assert _doc(storage).status == "pending"

    date = _field(storage, "date")
    ana.reject(date.id)
    ana.undo()
    bob.edit(date.id, "2013-12-04")
    with pytest.raises(ReviewError, match="by bob, edited at .*not redone"):
        ana.redo()
    assert storage.get_field(date.id).value == "2013-12-04"
    storage.close()


def test_the_history_moves_in_the_actions_transaction(db, monkeypatch):
    storage, session = _open(db)
    money = _field(storage, "money")

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(storage, "push_undo_step", full)
    with pytest.raises(StorageError, match="disk is full"):
        session.accept(money.id)
    assert storage.get_field(money.id).status == "pending"  # no decision without its undo entry
    assert storage.audit_log() == []
    monkeypatch.undo()
    session.accept(money.id)
    monkeypatch.setattr(storage, "move_undo_step", full)
    with pytest.raises(StorageError, match="disk is full"):
        session.undo()
    assert storage.get_field(money.id).status == "accepted" and session.can_undo and not session.can_redo
    storage.close()


def test_a_new_action_clears_the_redo_history_for_good(db):
    storage, session = _open(db)
    session.accept(_field(storage, "money").id)
    session.undo()
    session.reject(_field(storage, "date").id)
    storage.close()
    storage, session = _open(db)
    assert not session.can_redo and session.redo() is None
    storage.close()


def test_the_history_is_trimmed(db):
    storage, session = _open(db, synchronous="OFF")
    money = _field(storage, "money").id
    for i in range(UNDO_LIMIT + 5):
        (session.accept if i % 2 else session.reject)(money)
    assert UNDO_LIMIT - 50 < storage.count_undo_steps("ana", "undo") <= UNDO_LIMIT
    assert storage.count_undo_steps("ana", "redo") == 0
    kept = storage.count_undo_steps("ana", "undo")
    for _ in range(3):
        storage.push_undo_step("bob", {"op": "decision"}, limit=2)
    assert storage.count_undo_steps("bob", "undo") == 2
    assert storage.count_undo_steps("ana", "undo") == kept  # another reviewer's trim leaves ana's
    session.undo()
    assert storage.get_field(money).status == "accepted"  # the last step (a reject) undone
    storage.close()


def test_the_history_never_exceeds_its_limit(storage):
    import random

    rng = random.Random(7)
    limit = 30
    for _ in range(600):
        if rng.random() < 0.3:
            top = storage.top_undo_step("ana", "undo")
            if top:
                storage.move_undo_step(top[0], "redo")
        else:
            storage.push_undo_step("ana", {"n": 1}, limit=limit)
        assert storage.count_undo_steps("ana", "undo") + storage.count_undo_steps("ana", "redo") <= limit
    assert storage.count_undo_steps("ana", "undo") > limit // 2


def test_a_read_only_database_loads_the_history_and_writes_nothing(db):
    storage, session = _open(db)
    session.accept(_field(storage, "money").id)
    storage.close()
    storage, session = _open(db, read_only=True)
    assert session.can_undo and not session.can_redo
    assert session.redo() is None
    with pytest.raises(ReadOnlyError):
        session.undo()
    assert _field(storage, "money").status == "accepted" and session.can_undo
    storage.close()


def test_a_database_from_before_the_history_migrates(db):
    with Storage(db) as s:  # make it look like a version 3 database
        s.conn.execute("DROP TABLE undo_steps")
        s.conn.execute("PRAGMA user_version = 3")
    storage, session = _open(db)
    assert storage.schema_version == SCHEMA_VERSION
    assert not session.can_undo
    session.accept(_field(storage, "money").id)
    assert session.can_undo
    storage.close()
