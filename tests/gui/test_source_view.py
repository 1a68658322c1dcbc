"""The source view in the window: drag selections snap to words, clicks cycle through
overlapping fields, the find bar's toggles and count, Ctrl+U's toggle, search hits and the
text's context menu."""

from __future__ import annotations

import re
import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from reviewer.core.changes import DocumentFields
from reviewer.gui import source_view, workers
from reviewer.gui.highlight import FieldFormats, Utf16Offsets


def open_doc(window, name):
    doc = next(d for d in window.storage.list_documents() if d.source_path.endswith(name))
    assert window.queue.select_document(doc.id)
    assert window.document.id == doc.id
    return window.document


def current(window):
    return window.fields.current_field()


def point_at(view, offset: int) -> QPoint:
    """The viewport point of a text offset (scrolled into view first)."""
    pane = view.text
    cursor = QTextCursor(pane.document())
    cursor.setPosition(view._offsets.to_qt(offset))
    if not pane.viewport().rect().contains(pane.cursorRect(cursor)):
        pane.setTextCursor(cursor)
        pane.centerCursor()
    return pane.cursorRect(cursor).center()


def drag(qtbot, view, start: int, end: int, modifier=Qt.NoModifier) -> None:
    viewport = view.text.viewport()
    a, b = point_at(view, start), point_at(view, end)
    qtbot.mousePress(viewport, Qt.LeftButton, modifier, a)
    qtbot.mouseMove(viewport, (a + b) / 2)
    qtbot.mouseMove(viewport, b)
    qtbot.mouseRelease(viewport, Qt.LeftButton, modifier, b)


def selected_text(view) -> str:
    return view.text.textCursor().selectedText()


# -- 1. a mouse selection snaps to words ---------------------------------------------
def test_a_drag_selection_snaps_to_whole_words(qtbot, window):
    doc = open_doc(window, "tecogen-8k-item-1.02-2017.txt")
    view = window.source
    czech = doc.text.index("Czech Republic")
    drag(qtbot, view, czech + 2, czech + len("Czech Republi"))  # from "Cz|ech" to "Republi|c"
    assert selected_text(view) == "Czech Republic"
    cursor = view.text.textCursor()
    cursor.setPosition(view._offsets.to_qt(czech))  # (a press inside a selection would drag it)
    view.text.setTextCursor(cursor)
    drag(qtbot, view, czech + len("Czech Republi"), czech + 2)  # backwards: the same words
    assert selected_text(view) == "Czech Republic"
    assert view.text.textCursor().position() < view.text.textCursor().anchor()  # and still backwards


def test_keys_and_shift_click_select_exactly_and_a_double_click_selects_a_word(qtbot, window):
    doc = open_doc(window, "tecogen-8k-item-1.02-2017.txt")
    view = window.source
    czech = doc.text.index("Czech Republic")
    cursor = view.text.textCursor()
    cursor.setPosition(view._offsets.to_qt(czech + 2))
    view.text.setTextCursor(cursor)
    view.text.setFocus()
    qtbot.keyClick(view.text, Qt.Key_Right, Qt.ShiftModifier)
    assert selected_text(view) == "e"
    # Shift+click extends the selection exactly, without snapping
    viewport = view.text.viewport()
    qtbot.mouseClick(viewport, Qt.LeftButton, Qt.ShiftModifier, point_at(view, czech + len("Czech Rep")))
    assert selected_text(view) == "ech Rep"
    qtbot.mouseDClick(viewport, Qt.LeftButton, Qt.NoModifier, point_at(view, czech + len("Czech Rep")))
    assert selected_text(view) == "Republic"


# -- 2. clicks cycle through overlapping fields --------------------------------------
def test_clicking_again_cycles_through_overlapping_fields(qtbot, window):
    doc = open_doc(window, "buckle-8k-ex99-1.html")
    view = window.source
    outer = next(f for f in window.doc_fields.by_position if f.label == "company" and f.text == "The Buckle, Inc.")
    inner = next(f for f in window.doc_fields.by_position
                 if f.label == "organization" and outer.start < f.start and f.end <= outer.end)
    where = doc.text.index("Buckle", inner.start) + 2
    assert {f.id for f in view.fields_at(where)} == {inner.id, outer.id}
    point = point_at(view, where)
    viewport = view.text.viewport()
    picked = []
    for _ in range(3):
        qtbot.mouseClick(viewport, Qt.LeftButton, Qt.NoModifier, point)
        qtbot.wait(QApplication.doubleClickInterval() + 50)  # a second click, not a double click
        picked.append(current(window).id)
    assert picked == [inner.id, outer.id, inner.id]  # and around again


# -- 3. the find bar's toggles and count ---------------------------------------------
def test_find_bar_case_and_whole_word_toggles_and_count(qtbot, window):
    doc = open_doc(window, "tecogen-press-release-2013.txt")
    bar = window.source.find_bar
    bar.open()
    qtbot.keyClicks(bar.edit, "share")
    any_case = len(re.findall("share", doc.text, re.IGNORECASE))
    assert bar.match_count() == any_case and bar.status.text() == f"1 of {any_case}"
    qtbot.keyClick(bar.edit, Qt.Key_Return)
    assert bar.status.text() == f"2 of {any_case}"
    qtbot.keyClick(bar.edit, Qt.Key_Return, Qt.ShiftModifier)
    assert bar.status.text() == f"1 of {any_case}"

    qtbot.keyClick(bar.edit, Qt.Key_W, Qt.AltModifier)
    assert bar.words.isChecked()
    whole = len(re.findall(r"\bshare\b", doc.text, re.IGNORECASE))
    assert 0 < whole < any_case and bar.match_count() == whole
    assert window.source.text.textCursor().selectedText().lower() == "share"

    bar.edit.setText("SHARE")
    qtbot.keyClick(bar.edit, Qt.Key_C, Qt.AltModifier)
    assert bar.case.isChecked() and bar.status.text() == "not found"
    qtbot.keyClick(bar.edit, Qt.Key_C, Qt.AltModifier)
    assert not bar.case.isChecked() and bar.match_count() == whole
    assert "Alt+C" in bar.case.toolTip() and "Alt+W" in bar.words.toolTip()


# -- 4. Ctrl+U's toggle ---------------------------------------------------------------
def test_toggle_original_keeps_the_field_selected_in_both(qtbot, window):
    open_doc(window, "buckle-8k-ex99-1.html")
    view = window.source
    field = current(window)
    assert view.tabs.currentWidget() is view.text
    view.toggle_original()
    assert view.tabs.currentWidget() is view.original
    qtbot.waitUntil(lambda: view.original.textCursor().hasSelection())
    assert view.original.textCursor().selectedText().split()[0] in field.text
    view.toggle_original()
    assert view.tabs.currentWidget() is view.text
    assert view.selection() == (field.start, field.end)


# -- 5. search hits -------------------------------------------------------------------
def formats_at(view, offset: int) -> list[QTextCharFormat]:
    position = view._offsets.to_qt(offset)
    block = view.text.document().findBlock(position)
    inside = position - block.position()
    layout = block.layout()
    ranges = layout.formats()
    return [QTextCharFormat(r.format) for r in ranges if r.start <= inside < r.start + r.length]


def is_hit(fmt: QTextCharFormat) -> bool:
    return fmt.underlineStyle() == QTextCharFormat.WaveUnderline


def test_search_terms_are_marked_over_field_colours_and_cleared(qtbot, window):
    doc = open_doc(window, "tecogen-press-release-2013.txt")
    view = window.source
    view.set_search_terms(["tecogen", "  "])
    expected = [m.span() for m in re.finditer(r"\btecogen\b", doc.text, re.IGNORECASE)]
    assert view.search_hits() == expected and len(expected) > 3
    company = next(f for f in window.doc_fields.by_position if f.label == "company"
                   and f.text.startswith("Tecogen"))
    plain = next(s for s, _ in expected if not view.fields_at(s))
    assert any(is_hit(f) for f in formats_at(view, plain))
    on_field = formats_at(view, company.start)
    assert any(is_hit(f) for f in on_field)
    colours = {view.formats.format(f.label, f.status).background().color().name(QColor.HexArgb)
               for f in view.fields_at(company.start)}
    hit_colours = {f.background().color().name(QColor.HexArgb) for f in on_field if is_hit(f)}
    assert hit_colours and hit_colours <= colours  # the field's colour shows through
    view.set_search_terms([])
    assert view.search_hits() == []
    assert not any(is_hit(f) for f in formats_at(view, plain) + formats_at(view, company.start))


def test_search_hits_of_a_long_text_come_from_a_worker(qtbot):
    from reviewer.core.extract.schema import load_schema

    schema = load_schema()
    view = source_view.SourceView(FieldFormats(schema), DocumentFields({n: i for i, n in enumerate(schema.names)}))
    qtbot.addWidget(view)
    text = ("The company sold 212,750 shares at $4.50 per share. Tecogen \U0001d400 said.\n" * 16000)
    assert len(text) > source_view.SEARCH_IN_WORKER
    view.set_search_terms(["tecogen"])
    started = []
    real_start = workers.start
    workers.start = lambda job: started.append(job) or real_start(job)
    try:
        t = time.perf_counter()
        view.show_document(1, text, lambda: ("", "text", None))
        shown = time.perf_counter() - t
    finally:
        workers.start = real_start
    assert started  # the hits were found off the GUI thread (at once here: tests run jobs so)
    offsets = Utf16Offsets(text)
    hits = view.search_hits()
    assert len(hits) == 16000 and text[hits[-1][0]:hits[-1][1]] == "Tecogen"
    assert hits[1][0] == text.index("Tecogen", hits[0][1])
    assert offsets.to_qt(hits[1][0]) == view.highlighter.marks()[1][0]
    print(f"show_document with {len(hits)} hits in {len(text):,} characters: {shown:.2f} s")


# -- 6. the context menu --------------------------------------------------------------
def right_click(view, offset: int, monkeypatch) -> QMenu:
    shown = []
    monkeypatch.setattr(source_view, "exec_menu", lambda menu, pos: shown.append(menu))
    point = point_at(view, offset)
    event = QContextMenuEvent(QContextMenuEvent.Mouse, point, view.text.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.text.viewport(), event)
    assert len(shown) == 1
    return shown[0]


def test_a_right_click_selects_the_field_under_it_and_shows_the_given_actions(qtbot, window, monkeypatch):
    doc = open_doc(window, "tecogen-press-release-2013.txt")
    view = window.source
    target = next(f for f in window.doc_fields.by_position if f.label == "money" and f.id != current(window).id)
    accept = QAction("Accept", window)
    calls = []
    view.set_context_actions(lambda offset, has_selection: calls.append((offset, has_selection)) or [accept, None])
    menu = right_click(view, target.start + 1, monkeypatch)
    assert calls == [(target.start + 1, False)]
    innermost = view.fields_under(target.start + 1)[0]
    assert current(window).id == innermost.id
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "Accept" and menu.actions()[1].isSeparator()
    assert any("Copy" in t for t in texts) and any("Select All" in t for t in texts)

    # a selection the reviewer made stays, and the callback hears of it
    plain = doc.text.index("manufacturer")
    cursor = view.text.textCursor()
    cursor.setPosition(plain)
    cursor.setPosition(plain + len("manufacturer"), QTextCursor.KeepAnchor)
    view.text.setTextCursor(cursor)
    before = current(window).id
    right_click(view, plain + 3, monkeypatch)
    assert calls[-1] == (plain + 3, True)
    assert view.selection() == (plain, plain + len("manufacturer")) and current(window).id == before


# -- helpers ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["plain", "a\U0001d400b\U0001d401c", "\U0001d400\U0001d400x"])
def test_utf16_offsets_round_trip(text):
    offsets = Utf16Offsets(text)
    qt = 0
    for i, ch in enumerate(text):
        assert offsets.to_qt(i) == qt and offsets.from_qt(qt) == i
        if ord(ch) > 0xFFFF:
            assert offsets.from_qt(qt + 1) == i  # inside the surrogate pair: the character's start
        qt += 2 if ord(ch) > 0xFFFF else 1
    assert offsets.from_qt(qt) == len(text)
