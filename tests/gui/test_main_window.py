"""Drive the real window with keys, then check the database."""

from pathlib import Path


import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from reviewer.core.export import ExportRequest
from reviewer.core.storage import Storage


def open_release(window):
    doc = next(d for d in window.storage.list_documents() if d.source_path.endswith("tecogen-press-release-2013.txt"))
    assert window.queue.select_document(doc.id)
    assert window.document.id == doc.id
    window.fields.table.setFocus()
    return doc


def press(qtbot, window, key, modifier=Qt.NoModifier):
    qtbot.keyClick(window.fields.table, key, modifier)


def current(window):
    return window.fields.current_field()


def test_title_and_layout(window, db_path):
    assert window.windowTitle() == db_path.name  # Qt adds the application's name once
    assert window.queue.model.rowCount() == 6
    assert window.document is not None
    assert window.status.reviewer.text() == "Reviewer: tester"


def test_accept_and_reject_keys_write_the_database(qtbot, window):
    doc = open_release(window)
    first = current(window)
    assert first.status == "pending"
    press(qtbot, window, Qt.Key_A)
    assert window.storage.get_field(first.id).status == "accepted"
    second = current(window)
    assert second.id != first.id and second.status == "pending"
    press(qtbot, window, Qt.Key_X)
    assert window.storage.get_field(second.id).status == "rejected"
    log = window.storage.audit_log(doc.id)
    assert [(e.action, e.field_id, e.reviewer) for e in log] == [
        ("accepted", first.id, "tester"), ("rejected", second.id, "tester")]
    assert "Fields 2/" in window.status.fields.text()
    model = window.queue.model
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0), model.IdRole) == doc.id)
    assert model.headerData(4, Qt.Horizontal) == "Decided"
    assert model.data(model.index(row, 4)).startswith("2/")  # decided of all, like the status bar


def test_next_and_previous_field(qtbot, window):
    open_release(window)
    start = window.fields.table.currentIndex().row()
    press(qtbot, window, Qt.Key_J)
    assert window.fields.table.currentIndex().row() == start + 1
    press(qtbot, window, Qt.Key_K)
    assert window.fields.table.currentIndex().row() == start
    selected = current(window)
    cursor = window.source.text.textCursor()
    assert cursor.selectionStart() == selected.start and cursor.selectionEnd() == selected.end


def test_letters_typed_in_the_search_box_are_text(qtbot, window):
    open_release(window)
    first = current(window)
    qtbot.keyClicks(window.queue.search, "ax")
    assert window.queue.search.text() == "ax"
    assert window.storage.get_field(first.id).status == "pending"


def test_edit_in_place(qtbot, window):
    open_release(window)
    shares = next(f for f in window.fields.model.fields if f.label == "share_count")
    window.fields.select_field(shares.id)
    press(qtbot, window, Qt.Key_E)
    editor = window.fields.table.focusWidget()
    assert editor is not window.fields.table
    editor.selectAll()
    qtbot.keyClicks(editor, "212,751")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.wait(10)
    stored = window.storage.get_field(shares.id)
    assert stored.status == "edited" and stored.value == 212751


def test_edit_cancelled_with_escape(qtbot, window):
    open_release(window)
    field = current(window)
    press(qtbot, window, Qt.Key_F2)
    editor = window.fields.table.focusWidget()
    qtbot.keyClicks(editor, "nonsense")
    qtbot.keyClick(editor, Qt.Key_Escape)
    assert window.storage.get_field(field.id).status == "pending"


def test_add_field_from_selection_and_delete_it(qtbot, window, monkeypatch):
    doc = open_release(window)
    text = window.document.text
    start = text.index("Tecogen CHP systems")
    cursor = window.source.text.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("Tecogen"), QTextCursor.KeepAnchor)
    window.source.text.setTextCursor(cursor)
    window.source.text.setFocus()
    monkeypatch.setattr(window, "pick_label", lambda text, labels=None, title="": "organization")
    qtbot.keyClick(window.source.text, Qt.Key_N)
    added = current(window)
    assert added.status == "added" and added.label == "organization"
    assert (added.start, added.end, added.text) == (start, start + 7, "Tecogen")
    assert window.storage.audit_log(doc.id)[-1].action == "added"
    window.fields.table.setFocus()
    press(qtbot, window, Qt.Key_Delete)
    with pytest.raises(KeyError):
        window.storage.get_field(added.id)


def test_undo_redo_keys(qtbot, window):
    open_release(window)
    field = current(window)
    press(qtbot, window, Qt.Key_A)
    press(qtbot, window, Qt.Key_Z, Qt.ControlModifier)
    assert window.storage.get_field(field.id).status == "pending"
    press(qtbot, window, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.storage.get_field(field.id).status == "accepted"
    actions = [e.action for e in window.storage.audit_log()]
    assert actions[-3:] == ["accepted", "undo accepted", "redo accepted"]


def test_approve_asks_then_moves_on(qtbot, window, monkeypatch):
    doc = open_release(window)
    asked = []
    monkeypatch.setattr(window, "confirm_accept_all", lambda n: asked.append(n) or False)
    press(qtbot, window, Qt.Key_Return, Qt.ControlModifier)
    assert asked and window.storage.get_document(doc.id).status == "pending"
    monkeypatch.setattr(window, "confirm_accept_all", lambda n: True)
    press(qtbot, window, Qt.Key_Return, Qt.ControlModifier)
    assert window.storage.get_document(doc.id).status == "approved"
    assert set(window.storage.field_counts(doc.id)) == {"accepted"}
    assert window.document.id != doc.id and window.document.status == "pending"


def test_reject_document(qtbot, window, monkeypatch):
    doc = open_release(window)
    asked = []
    monkeypatch.setattr(window, "confirm_reject_document", lambda: asked.append(1) or False)
    press(qtbot, window, Qt.Key_Delete, Qt.ControlModifier)
    assert asked and window.storage.get_document(doc.id).status == "pending"  # it asks first
    monkeypatch.setattr(window, "confirm_reject_document", lambda: True)
    press(qtbot, window, Qt.Key_Delete, Qt.ControlModifier)
    assert window.storage.get_document(doc.id).status == "rejected"


def test_document_navigation(qtbot, window):
    window.queue.select_row(0)
    first = window.document.id
    press(qtbot, window, Qt.Key_Right, Qt.ControlModifier)
    assert window.document.id != first
    press(qtbot, window, Qt.Key_Left, Qt.ControlModifier)
    assert window.document.id == first


def test_filter_and_search(qtbot, window):
    doc = open_release(window)
    press(qtbot, window, Qt.Key_A)
    window.queue.set_filter_name("In progress")
    assert window.queue.model.rowCount() == 1
    assert window.queue.model.document_id(0) == doc.id
    window.queue.set_filter_name("To review")
    assert window.queue.model.rowCount() == 6  # started documents stay to review
    window.queue.set_filter_name("Not started")
    assert window.queue.model.rowCount() == 5
    window.queue.set_filter_name("All")
    window.queue.search.setText("Hatsopoulos")
    qtbot.waitUntil(lambda: window.queue.model.rowCount() == 1)


def test_click_on_a_span_selects_its_field(qtbot, window):
    open_release(window)
    money = next(f for f in window.fields.model.fields if f.label == "money")
    window.source._click(money.start + 1)
    assert current(window).id == money.id


def test_find_bar(qtbot, window):
    open_release(window)
    press(qtbot, window, Qt.Key_F, Qt.ControlModifier)
    assert window.source.find_bar.isVisible()
    qtbot.keyClicks(window.source.find_bar.edit, "balance sheet")
    assert window.source.text.textCursor().selectedText() == "balance sheet"


def test_resume_position(qtbot, make_window):
    first = make_window()
    open_release(first)
    press(qtbot, first, Qt.Key_J)
    press(qtbot, first, Qt.Key_J)
    doc, field = first.document.id, current(first).id
    first.close()
    second = make_window()
    assert second.document.id == doc and current(second).id == field


def test_two_windows_stay_consistent(qtbot, make_window):
    a = make_window()
    b = make_window(reviewer="other")
    a.activateWindow()
    qtbot.waitUntil(a.isActiveWindow)
    open_release(a)
    field = current(a)
    press(qtbot, a, Qt.Key_A)
    assert a.storage.get_field(field.id).status == "accepted"
    open_release(b)
    b.refresh()
    assert next(f for f in b.fields.model.fields if f.id == field.id).status == "accepted"


def test_decisions_are_committed_at_once(qtbot, window, db_path):
    open_release(window)
    field = current(window)
    press(qtbot, window, Qt.Key_X)
    with Storage(db_path) as other:  # what another process would see after a crash
        assert other.get_field(field.id).status == "rejected"


def test_ingest_from_the_window(qtbot, window, shared_corpus):
    before = window.queue.model.rowCount()
    window.ingest([str(shared_corpus / "dev" / "nordstrom-8k.html")])  # jobs run at once in tests
    assert window.queue.model.rowCount() == before + 1
    assert "1 document(s) added" in window.statusBar().currentMessage()


def test_original_source_tab(qtbot, window):
    doc = next(d for d in window.storage.list_documents() if d.source_format == "html")
    window.queue.select_document(doc.id)
    window.source.show_original()
    assert "<" in window.source.original.toPlainText()
    field = current(window)
    qtbot.waitUntil(lambda: window.source.original.textCursor().hasSelection())
    assert window.source.original.textCursor().selectedText().replace("\u2029", "\n").split()[0] in field.text


def test_models_pass_the_model_tester(qtmodeltester, window):
    open_release(window)
    qtmodeltester.check(window.queue.model)
    qtmodeltester.check(window.fields.model)


def test_export_from_the_window(qtbot, window, monkeypatch, tmp_path):
    import csv

    doc = open_release(window)
    monkeypatch.setattr(window, "confirm_accept_all", lambda n: True)
    press(qtbot, window, Qt.Key_Return, Qt.ControlModifier)
    out = tmp_path / "out.csv"
    window.export(ExportRequest("csv", str(out)))
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert rows[0]["document_id"] == str(doc.id)
    assert "1 documents" in window.statusBar().currentMessage()


def test_label_studio_export_writes_its_labelling_config_beside(qtbot, window, tmp_path):
    import json
    import xml.etree.ElementTree as ET

    open_release(window)
    out = tmp_path / "tasks.json"
    window.export(ExportRequest("label-studio", str(out), status="all"))
    tasks = json.loads(out.read_text(encoding="utf-8"))
    config = ET.fromstring((tmp_path / "tasks.label-config.xml").read_text(encoding="utf-8"))
    names = {e.get("value") for e in config.iter("Label")}
    proposed = {label for t in tasks for p in t.get("predictions", []) for r in p["result"]
                for label in r["value"]["labels"]}
    assert proposed and proposed <= names  # the pending fields, under labels the config knows
    assert "tasks.label-config.xml" in window.statusBar().currentMessage()


def test_export_dialog_choice(qtbot, window):
    from reviewer.core.export import FORMATS as CORE_FORMATS
    from reviewer.gui.export_dialog import FORMATS, ExportDialog

    assert sorted(f for _, f, _ in FORMATS) == sorted(CORE_FORMATS)  # every format the core writes
    dialog = ExportDialog(window.schema, Path("/tmp"))
    qtbot.addWidget(dialog)
    assert dialog.choice().fmt == "xlsx" and dialog.choice().out.endswith(".xlsx")  # the analyst's first
    dialog.audit.setChecked(True)
    assert dialog.choice().audit
    dialog.format.setCurrentIndex([f for _, f, _ in FORMATS].index("jsonl"))
    choice = dialog.choice()
    assert choice.fmt == "jsonl" and choice.out.endswith(".jsonl") and choice.labels is None
    assert not choice.audit and not dialog.audit.isEnabled()  # an audit sheet is for xlsx only
    dialog.labels.item(0).setCheckState(Qt.Unchecked)
    assert "company" not in dialog.choice().labels
