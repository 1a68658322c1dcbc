"""Bulk accepts: every pending field of a label, or above a confidence, in one transaction,
audited field by field, undone as one step, announced as one Change."""

from __future__ import annotations

import pytest

from reviewer.core.changes import Change
from reviewer.core.extract import load_schema
from reviewer.core.review import ReviewError

SCHEMA = load_schema()


def _doc_id(session):
    return session.storage.list_documents()[0].id


def test_accept_label_accepts_only_its_pending_fields(session):
    s, doc = session.storage, _doc_id(session)
    money = [f for f in s.fields(doc) if f.label == "money"]
    assert len(money) > 1
    session.reject(money[0].id)
    seen: list[Change] = []
    session.subscribe(seen.append)
    accepted = session.accept_label(doc, "money")
    assert sorted(f.id for f in accepted) == sorted(f.id for f in money[1:])
    assert all(f.status == "accepted" for f in accepted)
    assert s.get_field(money[0].id).status == "rejected"
    assert all(f.status == "pending" for f in s.fields(doc) if f.label != "money")
    assert len(seen) == 1 and seen[0].cause.startswith("accepted") and len(seen[0].fields) == len(accepted)
    audit = [e for e in s.audit_log(doc) if e.action.startswith("accepted")]
    assert len(audit) == len(accepted) and {e.field_id for e in audit} == {f.id for f in accepted}
    assert all(e.action == "accepted (bulk: label money)" and e.reviewer == "ana" for e in audit)


def test_one_undo_reverts_them_all_and_redo_brings_them_back(session):
    s, doc = session.storage, _doc_id(session)
    session.accept(next(f for f in s.fields(doc) if f.label == "company").id)
    accepted = session.accept_label(doc, "money")
    step = session.undo()
    assert step.op == "bulk" and len(step.parts) == len(accepted)
    assert all(s.get_field(f.id).status == "pending" for f in accepted)
    assert next(f for f in s.fields(doc) if f.label == "company").status == "accepted"  # the step before
    session.redo()
    assert all(s.get_field(f.id).status == "accepted" for f in accepted)


def test_accept_confident(session):
    s, doc = session.storage, _doc_id(session)
    fields = s.fields(doc)
    threshold = sorted(f.confidence for f in fields)[len(fields) // 2]
    accepted = session.accept_confident(doc, threshold)
    assert {f.id for f in accepted} == {f.id for f in fields if f.confidence >= threshold}
    assert all(s.get_field(f.id).status == "pending" for f in fields if f.confidence < threshold)
    with pytest.raises(ReviewError, match="between 0 and 1"):
        session.accept_confident(doc, 1.5)
    with pytest.raises(ReviewError, match="between 0 and 1"):
        session.accept_confident(doc, float("nan"))


def test_no_empty_step_and_no_audit_row(session):
    s, doc = session.storage, _doc_id(session)
    session.approve(doc, accept_pending=True)  # nothing is pending any more
    audit, steps = len(s.audit_log()), s.count_undo_steps("ana", "undo")
    seen: list[Change] = []
    session.subscribe(seen.append)
    assert session.accept_label(doc, "money") == []
    assert session.accept_confident(doc, 0.0) == []
    assert len(s.audit_log()) == audit and s.count_undo_steps("ana", "undo") == steps and not seen
    assert s.get_document(doc, with_text=False).status == "approved"
    with pytest.raises(ReviewError, match="unknown label"):
        session.accept_label(doc, "no such label")


def test_a_bulk_accept_rechecks_and_reopens(session):
    s, doc = session.storage, _doc_id(session)
    gross = next(f for f in s.fields(doc) if f.label == "gross_proceeds")
    session.reject(gross.id)
    session.approve(doc, accept_pending=True)
    session.undo()  # back to pending fields, document pending
    session.reject_document(doc)
    assert s.get_document(doc, with_text=False).status == "rejected"
    seen: list[Change] = []
    session.subscribe(seen.append)
    session.accept_label(doc, "money")
    assert s.get_document(doc, with_text=False).status == "pending"
    assert seen[-1].document is not None and seen[-1].document.status == "pending"
    session.undo()
    assert s.get_document(doc, with_text=False).status == "rejected"  # undone with its reopening


def test_a_failed_bulk_accept_saves_nothing(session, monkeypatch):
    import sqlite3

    from reviewer.core.storage import StorageError

    s, doc = session.storage, _doc_id(session)
    calls = []
    real = s.record_decision

    def fail_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise sqlite3.OperationalError("database or disk is full")
        return real(*args, **kwargs)

    monkeypatch.setattr(s, "record_decision", fail_second)
    with pytest.raises(StorageError, match="disk is full"):
        session.accept_label(doc, "money")
    monkeypatch.undo()
    assert all(f.status == "pending" for f in s.fields(doc)) and not session.can_undo
    assert s.audit_log(doc) == []
