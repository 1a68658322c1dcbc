import pytest

from reviewer.core.review import ReviewError
from reviewer.core.values import format_value, parse_value


def _doc(session):
    return session.storage.list_documents()[0].id


def _field(session, label):
    return next(f for f in session.storage.fields(_doc(session)) if f.label == label)


def test_accept_reject_edit_with_audit(session):
    s = session.storage
    money = _field(session, "money")
    assert session.accept(money.id).status == "accepted"
    date = _field(session, "date")
    assert session.reject(date.id).status == "rejected"
    edited = session.edit(_field(session, "share_count").id, "212,751")
    assert edited.status == "edited" and edited.value == 212751 and edited.original_value == 212750
    log = s.audit_log(_doc(session))
    assert [e.action for e in log] == ["accepted", "rejected", "edited"]
    assert all(e.reviewer == "ana" for e in log)
    with pytest.raises(ReviewError, match="not an amount"):
        session.edit(money.id, "lots")


def test_undo_and_redo_are_persisted(session):
    s = session.storage
    money = _field(session, "money")
    session.accept(money.id)
    session.undo()
    assert s.get_field(money.id).status == "pending"
    session.redo()
    assert s.get_field(money.id).status == "accepted"
    assert [e.action for e in s.audit_log()][-3:] == ["accepted", "undo accepted", "redo accepted"]
    assert not session.can_redo and session.can_undo


def test_add_delete_and_undo(session):
    s = session.storage
    doc = s.get_document(_doc(session))
    start = doc.text.index("Melinda M. Furse")
    added = session.add(doc.id, "person", start, start + len("Melinda M. Furse"))
    assert added.status == "added" and added.text == "Melinda M. Furse"
    assert doc.text[added.start:added.end] == added.text
    session.delete(added.id)
    with pytest.raises(KeyError):
        s.get_field(added.id)
    session.undo()  # the delete
    assert s.get_field(added.id).status == "added"
    session.undo()  # the add
    with pytest.raises(KeyError):
        s.get_field(added.id)
    with pytest.raises(ReviewError, match="only fields you added"):
        session.delete(_field(session, "money").id)
    with pytest.raises(ReviewError, match="select some text"):
        session.add(doc.id, "person", 5, 5)


def test_not_in_document(session):
    doc_id = _doc(session)
    absent = session.mark_absent(doc_id, "signatory")
    assert absent.status == "absent" and absent.text == "" and absent.start == absent.end == 0
    with pytest.raises(ReviewError, match="already has"):
        session.mark_absent(doc_id, "company")
    with pytest.raises(ReviewError, match="many times"):
        session.mark_absent(doc_id, "money")
    session.delete(absent.id)


def test_approve_with_pending_fields(session):
    s = session.storage
    doc_id = _doc(session)
    with pytest.raises(ReviewError, match="pending"):
        session.approve(doc_id)
    doc = session.approve(doc_id, accept_pending=True)
    assert doc.status == "approved" and doc.reviewer == "ana"
    assert set(s.field_counts(doc_id)) == {"accepted"}
    session.undo()
    assert s.get_document(doc_id).status == "pending"
    assert set(s.field_counts(doc_id)) == {"pending"}
    session.redo()
    assert s.get_document(doc_id).status == "approved"
    session.reject_document(doc_id)
    assert s.get_document(doc_id).status == "rejected"


@pytest.mark.parametrize(
    "kind, text, value",
    [
        ("money", "$4.3 million", {"amount": "4300000", "currency": "USD"}),
        ("money", "4300000 USD", {"amount": "4300000", "currency": "USD"}),
        ("money", "$4.50 per share", {"amount": "4.5", "currency": "USD"}),
        ("integer", "212,750 shares", 212750),
        ("decimal", "3.2 percent", "0.032"),
        ("date", "Dec. 3, 2013", "2013-12-03"),
        ("date", "2013-12", "2013-12"),
        ("item", "Item 1.02 Termination", "1.02"),
        ("email", "A@B.COM", "a@b.com"),
        ("text", " two  words ", "two words"),
    ],
)
def test_parse_value(kind, text, value):
    assert parse_value(kind, text) == value


def test_format_value():
    assert format_value({"amount": "4300000", "currency": "USD"}) == "4300000 USD"
    assert format_value({"name": "joint venture agreement", "alias": "JVA"}) == "joint venture agreement (JVA)"
    assert format_value(None) == "" and format_value(5) == "5"


def test_an_agreement_added_or_edited_has_the_extracted_shape(session):
    """{name, alias?} whoever wrote it: exports then hold one type of value per label."""
    doc = session.storage.get_document(_doc(session))
    words = doc.text.split()[0] + " " + doc.text.split()[1]
    start = doc.text.index(words)
    added = session.add(doc.id, "agreement", start, start + len(words))
    assert session.storage.get_field(added.id).value == {"name": words}
    edited = session.edit(added.id, "Supply Agreement (the “Agreement”)")
    assert session.storage.get_field(edited.id).value == {"name": "Supply Agreement", "alias": "Agreement"}
