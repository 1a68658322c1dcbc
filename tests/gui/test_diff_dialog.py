"""Document > Compare with a fresh extraction (Ctrl+Shift+D): what the rules would add, drop
or change in the open document against its fields as they stand, and its rows acting on the
window (a kept field selected; a proposal's text selected, so N adds it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def open_release(window):
    doc = next(d for d in window.storage.list_documents() if d.source_path.endswith("press-release-2013.txt"))
    assert window.queue.select_document(doc.id)
    window.fields.table.setFocus()
    return doc


def test_an_untouched_document_differs_in_nothing(qtbot, window):
    open_release(window)
    qtbot.keyClick(window.fields.table, Qt.Key_D, Qt.ControlModifier | Qt.ShiftModifier)
    dialog = window._diff_dialog
    assert dialog.isVisible() and dialog.differences == []
    assert "nothing to add, drop or change" in dialog.summary.text()


def test_rejected_edited_and_deleted_fields_show_as_the_rules_would_change_them(qtbot, window):
    open_release(window)
    fields = window.doc_fields.by_label
    money = next(f for f in fields if f.label == "money")
    date = next(f for f in fields if f.label == "date")
    window.session.reject(money.id)
    window.session.edit(date.id, "1999-01-01")
    qtbot.keyClick(window.fields.table, Qt.Key_D, Qt.ControlModifier | Qt.ShiftModifier)
    dialog = window._diff_dialog
    kinds = {(d.kind, d.label, d.was_rejected) for d in dialog.differences}
    assert ("add", "money", True) in kinds  # the rules propose the span a reviewer rejected
    assert ("change", "date", False) in kinds  # the edited value is not the one the rules read
    assert len(dialog.differences) == 2
    assert dialog.table.rowCount() == 2 and "rejected before" in dialog.table.item(
        next(i for i, d in enumerate(dialog.differences) if d.kind == "add"), 0).text()
    # Enter on the change selects the edited field; on the add, the text it would take
    change = next(i for i, d in enumerate(dialog.differences) if d.kind == "change")
    dialog.table.setCurrentCell(change, 0)
    qtbot.keyClick(dialog.table, Qt.Key_Return)
    assert window.fields.current_field().id == date.id
    add = next(i for i, d in enumerate(dialog.differences) if d.kind == "add")
    dialog.table.setCurrentCell(add, 0)
    qtbot.keyClick(dialog.table, Qt.Key_Return)
    assert window.source.selection() == (money.start, money.end)
    QApplication.processEvents()
