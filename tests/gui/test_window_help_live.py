"""Help over the window (F1, ?), decisions from elsewhere without F5, a first window that fits the screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from reviewer.core.review import ReviewSession
from reviewer.core.storage import Storage
from reviewer.gui.actions import SPECS

README = Path(__file__).resolve().parents[2] / "README.md"


def test_f1_and_question_mark_show_the_keys_over_the_window(qtbot, window):
    window.fields.table.setFocus()
    qtbot.keyClick(window.fields.table, Qt.Key_F1)
    assert window.help.isVisible()
    assert window.help.geometry() == window.rect()
    text = window.help.card.text()
    for spec in SPECS:
        if spec.keys:
            assert spec.text.replace("&", "") in text, spec.name
    qtbot.keyClick(window.help, Qt.Key_Escape)
    assert not window.help.isVisible()
    assert window.fields.table.hasFocus()  # back where the reviewer was: the next key reviews
    qtbot.keyClick(window.fields.table, "?")
    assert window.help.isVisible()
    qtbot.keyClick(window.help, "?")
    assert not window.help.isVisible()


def test_question_mark_types_in_the_search_box(qtbot, window):
    window.queue.search.setFocus()
    qtbot.keyClicks(window.queue.search, "?")
    assert not window.help.isVisible()


def test_a_help_menu_lists_the_keys_and_about(window):
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    names = [a.objectName() for a in menus["Help"].actions()]
    assert names == ["help", "about"]


def test_the_readme_key_table_names_every_key_of_the_menus(window):
    """The README's key table is complete: every shortcut of every action appears in it."""
    table = README.read_text(encoding="utf-8").split("## Keys in the review window", 1)[1].split("\n## ", 1)[0]
    for spec in SPECS:
        for key in spec.keys:
            assert key in table, f"{key} ({spec.name}) is missing from the README's key table"


def test_decisions_made_elsewhere_appear_without_f5(qtbot, window, db_path):
    doc = window.document
    pending = [f for f in window.doc_fields.by_label if f.status == "pending"]
    target = pending[-1]
    with Storage(db_path) as other:
        ReviewSession(other, "colleague", window.schema).reject(target.id)
    assert window.live.poll()
    assert window.doc_fields.by_label[window.doc_fields.row_of(target.id)].status == "rejected"
    row = window.fields.view_row_of(target.id)
    assert "rejected" in window.fields.model.data(window.fields.model.index(row, 4))
    assert window.document.id == doc.id
    assert not window.live.poll()  # nothing new: no work


def test_own_decisions_are_not_taken_for_changes_elsewhere(qtbot, window):
    window.fields.table.setFocus()
    qtbot.keyClick(window.fields.table, Qt.Key_A)
    assert not window.live.poll()


def test_the_first_window_fits_a_small_screen(make_window):
    window = make_window()
    free = (window.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    assert free.contains(window.frameGeometry()), (free, window.frameGeometry())
