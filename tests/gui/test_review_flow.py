"""The review flow through the window's keys: re-anchoring a field (R, and the text's menu),
bulk accepts (Shift+A, Ctrl+Shift+A) as one undo step, undo after a restart, Ctrl+U both ways,
and the queue's order after an approval."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtGui import QTextCursor

from reviewer.core.export import ExportRequest
from reviewer.gui import source_view


def open_doc(window, name):
    doc = next(d for d in window.storage.list_documents() if d.source_path.endswith(name))
    window.open_document(doc.id)
    window.fields.table.setFocus()
    return window.document


def select_text(window, start: int, end: int) -> None:
    view = window.source
    cursor = view.text.textCursor()
    cursor.setPosition(view._offsets.to_qt(start))
    cursor.setPosition(view._offsets.to_qt(end), QTextCursor.KeepAnchor)
    view.text.setTextCursor(cursor)


def test_r_re_anchors_the_field_to_the_selection_and_exports_follow(qtbot, window, tmp_path, monkeypatch):
    doc = open_doc(window, "tecogen-press-release-2013.txt")
    money = next(f for f in window.doc_fields.by_label if f.label == "money" and f.status == "pending")
    other = next(f for f in window.doc_fields.by_label
                 if f.label == "money" and f.text != money.text and f.start != money.start)
    assert window.fields.select_field(money.id)
    select_text(window, other.start, other.end)  # the reviewer marks the right figure in the text
    window.fields.table.setFocus()
    qtbot.keyClick(window.fields.table, Qt.Key_R)
    moved = window.storage.get_field(money.id)
    assert (moved.start, moved.end) == (other.start, other.end)
    assert moved.text == doc.text[other.start:other.end] and moved.status == "edited"
    assert moved.value == other.value
    assert window.storage.audit_log(doc.id)[-1].action == "re-anchored"
    # the highlight moved with it: the old span no longer shows this field
    assert money.id not in {f.id for f in window.source.fields_at(money.start)} or money.start == other.start
    assert money.id in {f.id for f in window.source.fields_at(other.start)}
    monkeypatch.setattr(window, "confirm_accept_all", lambda n: True)
    window.run_action("approve", window.approve)
    out = tmp_path / "out.jsonl"
    window.export(ExportRequest("jsonl", str(out), status="approved"))
    qtbot.waitUntil(lambda: out.exists(), timeout=5000)
    record = next(r for r in map(json.loads, out.read_text().splitlines()) if r["meta"]["document_id"] == doc.id)
    spans = [s for s in record["spans"] if s["label"] == "money" and (s["start"], s["end"]) == (other.start, other.end)]
    assert spans and all(record["text"][s["start"]:s["end"]] == s["text"] == moved.text for s in spans)
    assert not [s for s in record["spans"] if s["label"] == "money" and (s["start"], s["end"]) == (money.start, money.end)
                and money.start != other.start]


def test_r_without_a_selection_says_what_to_do(qtbot, window):
    open_doc(window, "tecogen-press-release-2013.txt")
    field = window.fields.current_field()
    window.source.text.setTextCursor(QTextCursor(window.source.text.document()))
    window.fields.table.setFocus()
    qtbot.keyClick(window.fields.table, Qt.Key_R)
    assert window.storage.get_field(field.id).status == field.status
    assert "Select" in window.statusBar().currentMessage()


def test_shift_a_accepts_the_label_in_one_step_and_ctrl_z_undoes_it(qtbot, window):
    doc = open_doc(window, "tecogen-press-release-2013.txt")
    money = [f for f in window.doc_fields.by_label if f.label == "money" and f.status == "pending"]
    assert len(money) >= 2
    assert window.fields.select_field(money[0].id)
    window.fields.table.setFocus()
    qtbot.keyClick(window.fields.table, Qt.Key_A, Qt.ShiftModifier)
    assert {window.storage.get_field(f.id).status for f in money} == {"accepted"}
    others = [f for f in window.storage.fields(doc.id) if f.label != "money"]
    assert "pending" in {f.status for f in others}  # only that label
    assert window.fields.current_field().status == "pending"  # moved on to a pending field
    qtbot.keyClick(window.fields.table, Qt.Key_Z, Qt.ControlModifier)
    assert {window.storage.get_field(f.id).status for f in money} == {"pending"}


def test_ctrl_shift_a_accepts_the_confident_fields(qtbot, window, monkeypatch):
    doc = open_doc(window, "tecogen-press-release-2013.txt")
    monkeypatch.setattr(window, "ask_threshold", lambda: 0.9)
    qtbot.keyClick(window.fields.table, Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)
    fields = window.storage.fields(doc.id)
    assert any(f.status == "accepted" for f in fields)
    for f in fields:
        if f.confidence is not None and f.confidence >= 0.9:
            assert f.status == "accepted", f
        else:
            assert f.status == "pending", f


def test_undo_survives_closing_the_window(qtbot, make_window, db_path):
    window = make_window()
    doc = open_doc(window, "tecogen-press-release-2013.txt")
    field = window.fields.current_field()
    qtbot.keyClick(window.fields.table, Qt.Key_X)
    assert window.storage.get_field(field.id).status == "rejected"
    window.close()
    window.storage.close()
    again = make_window()
    again.fields.table.setFocus()
    qtbot.keyClick(again.fields.table, Qt.Key_Z, Qt.ControlModifier)
    assert again.storage.get_field(field.id).status == field.status
    assert again.document.id == doc.id
    assert again.fields.current_field().id == field.id


def test_the_text_menu_re_anchors_and_adds_the_selection(qtbot, window, monkeypatch):
    doc = open_doc(window, "tecogen-press-release-2013.txt")
    shown = []
    monkeypatch.setattr(source_view, "exec_menu", lambda menu, pos: shown.append(menu))
    word = doc.text.index("Tecogen")
    select_text(window, word, word + len("Tecogen"))
    current = window.fields.current_field()
    items = window.text_menu(word, True)
    header = items[0]
    assert not header.isEnabled() and " ".join(current.text.split())[:50] in header.text()  # names its field
    names = [a.objectName() for a in items[1:] if a is not None]
    assert names[:2] == ["reanchor", "add"]  # a selection is re-anchored or added, never a decision
    assert not {"accept", "reject", "edit"} & set(names)
    add_as = items[-1].menu()
    organisation = next(a for a in add_as.actions() if a.text() == window.schema["organization"].display)
    organisation.trigger()
    added = [f for f in window.storage.fields(doc.id) if f.status == "added"]
    assert [(f.label, f.text) for f in added] == [("organization", "Tecogen")]
    assert [a.objectName() for a in window.text_menu(word, False)[1:]] == ["accept", "reject", "edit"]


def test_ctrl_u_goes_to_the_original_and_back(qtbot, window):
    open_doc(window, "tecogen-press-release-2013.txt")
    qtbot.keyClick(window.fields.table, Qt.Key_U, Qt.ControlModifier)
    assert window.source.tabs.currentWidget() is window.source.original
    qtbot.keyClick(window.fields.table, Qt.Key_U, Qt.ControlModifier)
    assert window.source.tabs.currentWidget() is window.source.text


def test_a_field_added_where_its_value_cannot_be_read_has_none_and_says_why(qtbot, window):
    doc = open_doc(window, "tecogen-press-release-2013.txt")
    word = doc.text.index("Tecogen")
    select_text(window, word, word + len("Tecogen"))
    window.commands.add_as("money")
    added = next(f for f in window.storage.fields(doc.id) if f.status == "added")
    assert added.label == "money" and added.value is None  # never the text as a money value
    assert "without a value" in window.statusBar().currentMessage()


def test_a_decision_that_reopens_an_approved_document_says_so(qtbot, window, monkeypatch):
    doc = open_doc(window, "tecogen-press-release-2013.txt")
    monkeypatch.setattr(window, "confirm_accept_all", lambda n: True)
    window.run_action("approve", window.approve)
    window.open_document(doc.id)
    window.fields.table.setFocus()
    qtbot.keyClick(window.fields.table, Qt.Key_X)
    assert window.storage.get_document(doc.id, with_text=False).status == "pending"
    assert "was approved" in window.statusBar().currentMessage()


def test_a_click_in_the_queue_leaves_the_review_keys_working(qtbot, window):
    queue = window.queue
    rect = queue.table.visualRect(queue.model.index(1, 1))
    qtbot.mouseClick(queue.table.viewport(), Qt.LeftButton, pos=rect.center())
    doc = window.document
    assert doc.id == queue.model.document_id(1)
    field = window.fields.current_field()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_X)
    assert window.storage.get_field(field.id).status == "rejected"
    assert [i.row() for i in queue.table.selectionModel().selectedRows()] == [1]


def test_undoing_a_document_rejection_shows_that_document_and_selects_only_its_row(qtbot, window, monkeypatch):
    doc = open_doc(window, "tecogen-press-release-2013.txt")
    monkeypatch.setattr(window, "confirm_reject_document", lambda: True)
    window.run_action("reject_doc", window.commands.reject_document)  # leaves "To review"
    assert window.document.id != doc.id
    qtbot.keyClick(window.fields.table, Qt.Key_Z, Qt.ControlModifier)
    assert window.document.id == doc.id
    selected = window.queue.table.selectionModel().selectedRows()
    assert [window.queue.model.document_id(i.row()) for i in selected] == [doc.id]


def test_home_and_end_go_to_the_first_and_last_field(qtbot, window):
    open_doc(window, "tecogen-press-release-2013.txt")
    qtbot.keyClick(window.fields.table, Qt.Key_End)
    assert window.fields.table.currentIndex().row() == window.fields.model.rowCount() - 1
    qtbot.keyClick(window.fields.table, Qt.Key_Home)
    assert window.fields.table.currentIndex().row() == 0


def test_the_confidence_dialog_says_how_many_fields_it_would_accept(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    open_doc(window, "tecogen-press-release-2013.txt")
    pending = [f for f in window.doc_fields.by_label if f.status == "pending" and f.confidence is not None]
    seen = []

    def exec_(dialog):
        dialog.setDoubleValue(0.9)
        seen.append(dialog.labelText())
        return True

    monkeypatch.setattr(QInputDialog, "exec", exec_)
    assert window.ask_threshold() == 0.9
    n = sum(f.confidence >= 0.9 for f in pending)
    assert f"the {n} of {len(pending)} pending fields" in seen[0]
