"""Changes flow one way: each committed action is announced once, as a typed Change, and a
check is recomputed from the reviewed values whenever a field it reads changes."""

from __future__ import annotations


from reviewer.core.changes import Change, DocumentFields
from reviewer.core.ingest import ingest_paths


def field_of(session, label):
    doc = session.storage.list_documents()[0]
    return next(f for f in session.storage.fields(doc.id) if f.label == label)


def check(session, name):
    doc = session.storage.list_documents()[0]
    return next(c for c in session.storage.get_document(doc.id, with_text=False).checks if c.name == name)


def test_each_action_announces_one_change(session):
    seen: list[Change] = []
    session.subscribe(seen.append)
    f = field_of(session, "company")
    session.accept(f.id)
    assert len(seen) == 1 and seen[0].cause == "accepted" and seen[0].fields[0].status == "accepted"
    assert seen[0].checks is None  # the company feeds no check
    session.undo()
    assert seen[-1].cause == "undo accepted" and seen[-1].fields[0].status == "pending"
    doc = f.document_id
    session.reject_document(doc)
    assert seen[-1].document.status == "rejected" and seen[-1].document_id == doc


def test_editing_a_value_recomputes_the_check_in_storage_and_the_change(session):
    seen: list[Change] = []
    session.subscribe(seen.append)
    assert check(session, "shares_x_price").ok is True
    gross = field_of(session, "gross_proceeds")
    session.edit(gross.id, "$1,000,000")
    assert seen[-1].checks is not None
    announced = next(c for c in seen[-1].checks if c.name == "shares_x_price")
    assert announced.ok is False and announced.actual == "1000000"
    assert check(session, "shares_x_price").ok is False  # stored, so `show` and exports agree
    session.undo()
    assert check(session, "shares_x_price").ok is True
    assert next(c for c in seen[-1].checks if c.name == "shares_x_price").ok is True


def test_rejecting_an_input_drops_its_check(session):
    session.reject(field_of(session, "commission").id)
    names = {c.name for c in session.storage.get_document(field_of(session, "commission").document_id).checks}
    assert "gross_minus_commission" not in names and "shares_x_price" in names


def test_document_fields_follow_changes(session):
    doc = session.storage.list_documents()[0]
    order = {name: i for i, name in enumerate(session.schema.names)}
    fields = DocumentFields(order)
    fields.load(session.storage.get_document(doc.id), session.storage.fields(doc.id))
    session.subscribe(fields.apply)
    n = len(fields)
    first = fields.by_label[0]
    session.accept(first.id)
    assert fields.by_label[0].status == "accepted"
    assert fields.by_position[fields.starts.index(first.start)].status in ("accepted", "pending")
    assert fields.decided() == 1
    added = session.add(doc.id, "person", 0, 5)
    assert len(fields) == n + 1 and fields.row_of(added.id) is not None
    session.delete(added.id)
    assert len(fields) == n and fields.row_of(added.id) is None
    assert fields.document.text is not None  # the document text stays
    gross = next(f for f in fields.by_label if f.label == "gross_proceeds")
    session.edit(gross.id, "$1")
    assert any(c.ok is False for c in fields.document.checks)
    assert fields.next_pending(-1) == 1  # row 0 was accepted


def test_an_unknown_check_shows_as_unknown_not_as_failed(tmp_path, data_dir):
    from click.testing import CliRunner

    from reviewer.cli import cli
    from reviewer.core.model import Check
    from reviewer.core.storage import Storage

    unknown = Check("shares_x_price", "shares sold × offering price ≈ gross proceeds", None)
    assert unknown.verdict == "?" and unknown.mark == "?"
    assert Check.from_dict(unknown.as_dict()) == unknown
    db = tmp_path / "r.db"
    with Storage(db) as s:
        ingest_paths(s, [data_dir / "tecogen-press-release-2013.txt"])
        s.set_checks(s.list_documents()[0].id, [unknown])
        doc_id = s.list_documents()[0].id
    out = CliRunner().invoke(cli, ["show", "--db", str(db), str(doc_id)]).output
    assert "check ?: shares sold" in out and "FAIL" not in out
