"""Changes flow one way in the window: one list of fields feeds both views, and the Checks
panel follows an edited value."""

from __future__ import annotations

from PySide6.QtCore import Qt


def open_release(window):
    doc = next(d for d in window.storage.list_documents() if d.source_path.endswith("press-release-2013.txt"))
    assert window.queue.select_document(doc.id)
    window.fields.table.setFocus()
    return doc


def checks_shown(window) -> list[str]:
    return [window.fields.checks.item(i).text() for i in range(window.fields.checks.count())]


def test_the_checks_panel_follows_an_edited_value(qtbot, window):
    open_release(window)
    before = [t for t in checks_shown(window) if "shares sold" in t]
    assert before and before[0].startswith("✔")
    gross = next(f for f in window.doc_fields.by_label if f.label == "gross_proceeds")
    assert window.fields.select_field(gross.id)
    index = window.fields.model.index(window.fields.model.row_of(gross.id), window.fields.model.VALUE)
    assert window.fields.model.setData(index, "$1,000,000")  # what typing in the Value cell does
    after = [t for t in checks_shown(window) if "shares sold" in t]
    assert after[0].startswith("✘") and "found 1000000" in after[0]
    assert window.storage.get_field(gross.id).status == "edited"
    assert window.fields.current_field().status == "edited"
    qtbot.keyClick(window.fields.table, Qt.Key_Z, Qt.ControlModifier)
    assert [t for t in checks_shown(window) if "shares sold" in t][0].startswith("✔")


def test_one_list_feeds_both_views(qtbot, window):
    open_release(window)
    assert window.fields.model.fields is window.doc_fields.by_label
    first = window.fields.current_field()
    qtbot.keyClick(window.fields.table, Qt.Key_A)
    assert window.doc_fields.by_position[window.doc_fields.starts.index(first.start)].id is not None
    seen = {f.id: f.status for f in window.doc_fields.by_position}
    assert seen[first.id] == "accepted"
    assert window.source.fields_at(first.start)[0].status in ("accepted", "pending")
    assert "Fields 1/" in window.status.fields.text()
