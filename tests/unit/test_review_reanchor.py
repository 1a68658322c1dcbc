"""Re-anchoring a field to another span: text, value and status follow the span; audited,
undoable, rechecked; DocumentFields re-sorts; exports label the new text with the new value."""

from __future__ import annotations

import csv
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.core.changes import Change, DocumentFields
from reviewer.core.export import export
from reviewer.core.extract import load_schema
from reviewer.core.review import ReviewError

SCHEMA = load_schema()


def _doc(session):
    return session.storage.get_document(session.storage.list_documents()[0].id)


def _field(session, label):
    return next(f for f in session.storage.fields(_doc(session).id) if f.label == label)


def _span(text, needle):
    start = text.index(needle)
    return start, start + len(needle)


def test_reanchor_moves_text_value_and_status_and_is_audited(session):
    s, doc = session.storage, _doc(session)
    shares = _field(session, "share_count")
    start, end = _span(doc.text, "2,000")  # "more than 2,000 units"
    seen: list[Change] = []
    session.subscribe(seen.append)
    moved = session.reanchor(shares.id, start, end)
    assert (moved.start, moved.end, moved.text, moved.value, moved.status) == (start, end, "2,000", 2000, "edited")
    assert s.get_field(shares.id) == moved
    assert doc.text[moved.start:moved.end] == moved.text
    assert len(seen) == 1 and seen[0].cause == "re-anchored" and seen[0].fields == (moved,)
    entry = s.audit_log(doc.id)[-1]
    assert entry.action == "re-anchored" and entry.reviewer == "ana"
    assert (entry.before["start"], entry.before["end"], entry.before["text"], entry.before["value"]) == (
        shares.start, shares.end, shares.text, shares.value)
    assert (entry.after["start"], entry.after["end"], entry.after["text"], entry.after["value"],
            entry.after["status"]) == (start, end, "2,000", 2000, "edited")


def test_undo_and_redo_a_reanchor(session):
    s, doc = session.storage, _doc(session)
    shares = s.get_field(_field(session, "share_count").id)
    start, end = _span(doc.text, "2,000")
    moved = session.reanchor(shares.id, start, end)
    step = session.undo()
    assert step.op == "reanchor" and step.field_id == shares.id
    back = s.get_field(shares.id)
    assert (back.start, back.end, back.text, back.value, back.status) == (
        shares.start, shares.end, shares.text, shares.value, shares.status)
    session.redo()
    again = s.get_field(shares.id)
    assert (again.start, again.end, again.text, again.value, again.status) == (
        moved.start, moved.end, moved.text, moved.value, moved.status)
    assert [e.action for e in s.audit_log(doc.id)][-3:] == ["re-anchored", "undo re-anchored", "redo re-anchored"]


def test_refusals_save_nothing(session):
    s, doc = session.storage, _doc(session)
    shares = _field(session, "share_count")
    before = s.get_field(shares.id)
    for start, end in [(-1, 3), (5, 5), (7, 3), (0, len(doc.text) + 1)]:
        with pytest.raises(ReviewError, match="not inside the document"):
            session.reanchor(shares.id, start, end)
    start, end = _span(doc.text, "WALTHAM")
    with pytest.raises(ReviewError, match="not a whole number"):
        session.reanchor(shares.id, start, end)
    absent = session.mark_absent(doc.id, "signatory")
    with pytest.raises(ReviewError, match="not in document"):
        session.reanchor(absent.id, start, end)
    assert s.get_field(shares.id) == before
    assert [e.action for e in s.audit_log(doc.id)] == ["absent"]


def test_an_added_field_stays_added_and_text_labels_take_the_text(session):
    doc = _doc(session)
    added = session.add(doc.id, "person", *_span(doc.text, "Melinda M. Furse"))
    moved = session.reanchor(added.id, *_span(doc.text, "Melinda M."))
    assert moved.status == "added" and moved.text == "Melinda M."
    city = _field(session, "location")
    moved = session.reanchor(city.id, *_span(doc.text, "WALTHAM, Mass."))
    assert moved.value == "WALTHAM, Mass." and moved.status == "edited"


def test_reanchor_rechecks_and_reopens_an_approved_document(session):
    s, doc = session.storage, _doc(session)
    session.approve(doc.id, accept_pending=True)
    gross = _field(session, "gross_proceeds")
    check = next(c for c in s.get_document(doc.id, with_text=False).checks if c.name == "shares_x_price")
    assert check.ok is True
    moved = session.reanchor(gross.id, *_span(doc.text, "$892,752"))
    stored = s.get_document(doc.id, with_text=False)
    assert stored.status == "pending"  # reopened: never approved with values nobody approved
    assert next(c for c in stored.checks if c.name == "shares_x_price").ok is False
    assert moved.value["amount"] == "892752"
    session.undo()  # the re-anchor, and the approval it undid
    stored = s.get_document(doc.id, with_text=False)
    assert stored.status == "approved"
    assert next(c for c in stored.checks if c.name == "shares_x_price").ok is True


def test_document_fields_resort_when_a_span_moves(session):
    s, doc = session.storage, _doc(session)
    view = DocumentFields({lb.name: i for i, lb in enumerate(SCHEMA.labels)})
    view.load(doc, s.fields(doc.id))
    session.subscribe(view.apply)
    money = [f for f in view.by_position if f.label == "money"][0]
    start, end = _span(doc.text, "2,000")
    session.reanchor(_field(session, "share_count").id, start, end)
    assert view.resorted
    assert [f.start for f in view.by_position] == sorted(f.start for f in view.by_position)
    assert view.starts == [f.start for f in view.by_position]
    assert any(f.text == "2,000" and f.start == start for f in view.by_label)
    session.accept(money.id)
    assert not view.resorted  # a decision in place does not re-sort


def test_exports_label_the_new_text_with_the_new_value(session, tmp_path):
    s, doc = session.storage, _doc(session)
    shares = _field(session, "share_count")
    start, end = _span(doc.text, "2,000")
    session.reanchor(shares.id, start, end)
    session.approve(doc.id, accept_pending=True)
    out = tmp_path / "out.jsonl"
    export(s, SCHEMA, "jsonl", out)
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert record["text"] == doc.text
    for span in record["spans"]:
        assert record["text"][span["start"]:span["end"]] == span["text"]
    moved = [sp for sp in record["spans"] if sp["label"] == "share_count"]
    assert moved == [{"start": start, "end": end, "label": "share_count", "text": "2,000"}]
    assert record["record"]["share_count"] == [2000]  # a label that may occur many times
    conll = tmp_path / "out.conll"
    export(s, SCHEMA, "conll", conll)
    tagged = [line.split() for line in conll.read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("-DOCSTART-")]
    share_tokens = [tok for tok, *rest in tagged if rest and rest[-1].endswith("share_count")]
    assert share_tokens == ["2,000"]
    table = tmp_path / "out.csv"
    export(s, SCHEMA, "csv", table)
    row = next(csv.DictReader(table.open(encoding="utf-8", newline="")))
    assert row["share_count"] == "2,000" and row["share_count_value"] == "2000"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_span_invariant_holds_for_random_reanchors(session, data):
    s, doc = session.storage, _doc(session)
    label = data.draw(st.sampled_from(["location", "company", "share_count", "money"]))
    f = _field(session, label)
    start = data.draw(st.integers(-3, len(doc.text) + 3))
    end = data.draw(st.integers(start - 2, start + 60))
    before = s.get_field(f.id)
    try:
        moved = session.reanchor(f.id, start, end)
    except ReviewError:
        assert s.get_field(f.id) == before  # refused: nothing saved
    else:
        assert doc.text[moved.start:moved.end] == moved.text == doc.text[start:end]
        if data.draw(st.booleans()):
            session.undo()
    for g in s.fields(doc.id):
        assert doc.text[g.start:g.end] == g.text
