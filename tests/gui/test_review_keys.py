"""Keys in the review flow: an edit moves on and is never downgraded by an accept; a decision
reopens an approved document; Ctrl+Left/Right work from the text; an empty database says how to start."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reviewer.core.storage import Storage


def open_release(window):
    doc = next(d for d in window.storage.list_documents() if d.source_path.endswith("press-release-2013.txt"))
    assert window.queue.select_document(doc.id)
    window.fields.table.setFocus()
    return doc


def edit_current(qtbot, window, text):
    field = window.fields.current_field()
    model = window.fields.model
    assert model.setData(model.index(model.row_of(field.id), model.VALUE), text)
    qtbot.wait(10)  # the move to the next pending field happens once the editor has closed
    return field


def test_an_edit_moves_on_and_an_accept_never_downgrades_it(qtbot, window):
    open_release(window)
    company = next(f for f in window.doc_fields.by_label if f.label == "company")
    assert window.fields.select_field(company.id)
    edit_current(qtbot, window, "Tecogen Incorporated")
    assert window.storage.get_field(company.id).status == "edited"
    assert window.fields.current_field().id != company.id  # moved on, as an accept does
    assert window.fields.select_field(company.id)
    qtbot.keyClick(window.fields.table, Qt.Key_A)
    edited = window.storage.get_field(company.id)
    assert edited.status == "edited" and edited.value == "Tecogen Incorporated"


def test_a_decision_on_an_approved_document_reopens_it(qtbot, window, monkeypatch):
    doc = open_release(window)
    monkeypatch.setattr(window, "confirm_accept_all", lambda pending: True)
    window.run_action("approve", window.approve)
    assert window.storage.get_document(doc.id, with_text=False).status == "approved"
    window.open_document(doc.id)
    window.fields.table.setFocus()
    field = window.fields.current_field()
    qtbot.keyClick(window.fields.table, Qt.Key_X)
    assert window.storage.get_field(field.id).status == "rejected"
    assert window.storage.get_document(doc.id, with_text=False).status == "pending"
    actions = [e.action for e in window.storage.audit_log(doc.id)]
    assert actions[-2:] == ["rejected", "document reopened by a field decision"]


def test_document_keys_work_from_the_text(qtbot, window):
    open_release(window)
    before = window.document.id
    window.source.text.setFocus()
    qtbot.keyClick(window.source.text, Qt.Key_Left, Qt.ControlModifier)
    assert window.document.id != before
    window.source.text.setFocus()
    qtbot.keyClick(window.source.text, Qt.Key_Right, Qt.ControlModifier)
    assert window.document.id == before


def test_an_empty_database_says_how_to_start(make_window, tmp_path):
    empty = tmp_path / "empty.db"
    Storage(empty).close()
    window = make_window(empty)
    assert "100%" not in window.status.overall.text()
    assert "Ctrl+O" in window.status.overall.text()


def test_digit_keys_in_the_picker_choose_only_listed_labels(qtbot, window):
    from reviewer.gui.label_picker import LabelPicker

    listed = [lb.name for lb in window.schema.labels if lb.key and lb.key != 1][:1]
    first_key = next(lb for lb in window.schema.labels if lb.key == 1)
    picker = LabelPicker(window.schema, "", listed, "Not in document", window)
    qtbot.addWidget(picker)
    qtbot.keyClick(picker.filter, Qt.Key_1)  # the quick key of a label that is not listed
    assert picker.chosen is None and first_key.name not in listed
    key = window.schema[listed[0]].key
    qtbot.keyClick(picker.filter, getattr(Qt, f"Key_{key}"))
    assert picker.chosen == listed[0]


def test_an_added_field_shows_no_confidence(qtbot, window):
    doc = open_release(window)
    added = window.session.add(doc.id, "person", 0, 7)
    model = window.fields.model
    assert model.data(model.index(model.row_of(added.id), 3)) == ""


def test_cancelling_the_name_prompt_falls_back_to_the_login_name(monkeypatch, settings):
    import getpass

    from PySide6.QtWidgets import QInputDialog

    from reviewer.gui.app import reviewer_name

    monkeypatch.setattr(getpass, "getuser", lambda: "analyst")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    assert reviewer_name(None, settings) == "analyst"
    assert settings.value("reviewer/name") == "analyst"


def test_ingest_a_folder_and_start_where_the_last_ingest_was(qtbot, window, monkeypatch, tmp_path, data_dir):
    import shutil

    from reviewer.gui import file_dialogs

    folder = tmp_path / "filings"
    folder.mkdir()
    text = (data_dir / "tecogen-press-release-2013.txt").read_text()
    (folder / "new.txt").write_text(text.replace("Tecogen", "Tecogenf"))
    asked = []
    monkeypatch.setattr(file_dialogs, "open_folder", lambda parent, title, start: asked.append(start) or str(folder))
    before = window.storage.count_documents()
    window.actions.ingest_folder.trigger()
    assert window.storage.count_documents() == before + 1
    window.actions.ingest_folder.trigger()
    assert asked[1] == str(folder)  # the second dialog starts where the first ingest was
    shutil.rmtree(folder)
