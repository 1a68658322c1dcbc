"""The fields panel: the table sorts and filters, navigation follows what is shown, a check
selects the fields it reads, and the table has a right-click menu."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication

from reviewer.gui.common import TOOLTIP
from reviewer.gui.fields_model import CONFIDENCE, LABEL, STATUS, TEXT


def open_release(window):
    doc = next(d for d in window.storage.list_documents() if d.source_path.endswith("press-release-2013.txt"))
    assert window.queue.select_document(doc.id)
    window.fields.table.setFocus()
    return doc


def shown(panel) -> list:
    return [panel.field_at_view_row(r) for r in range(panel.model.rowCount())]


def click_header(qtbot, panel, column):
    header = panel.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=QPoint(x, header.height() // 2))


def test_header_clicks_sort_and_keep_the_current_field(qtbot, window):
    open_release(window)
    panel = window.fields
    header = panel.table.horizontalHeader()
    assert header.isSortIndicatorShown() and header.sortIndicatorSection() == LABEL
    assert [f.id for f in shown(panel)] == [f.id for f in window.doc_fields.by_label]  # label order by default
    url = next(f for f in window.doc_fields.by_label if f.label == "url")
    assert panel.select_field(url.id)
    click_header(qtbot, panel, CONFIDENCE)
    confidences = [f.confidence for f in shown(panel)]
    assert confidences == sorted(confidences) and confidences[0] < confidences[-1]
    assert header.sortIndicatorSection() == CONFIDENCE
    assert panel.current_field().id == url.id  # still selected, wherever it went
    click_header(qtbot, panel, CONFIDENCE)  # again: reversed
    assert [f.confidence for f in shown(panel)] == sorted(confidences, reverse=True)
    click_header(qtbot, panel, TEXT)  # the text column sorts by position
    assert [f.start for f in shown(panel)] == sorted(f.start for f in window.doc_fields.by_label)
    panel.sort_by(STATUS)
    window.session.accept(url.id)
    assert shown(panel)[-1].id == url.id  # the accepted field sorts after the pending ones


def test_j_and_k_follow_the_view_order(qtbot, window):
    open_release(window)
    panel = window.fields
    panel.sort_by(TEXT)
    panel.select_row(0)
    qtbot.keyClick(panel.table, Qt.Key_J)
    assert panel.current_field().id == shown(panel)[1].id
    assert panel.view_row_of(panel.current_field().id) == 1
    qtbot.keyClick(panel.table, Qt.Key_K)
    qtbot.keyClick(panel.table, Qt.Key_K)
    assert panel.table.currentIndex().row() == 0


def test_a_label_filter_shows_one_label_and_its_combo_lists_the_labels_present(qtbot, window):
    open_release(window)
    panel = window.fields
    offered = [panel.filter.labels.itemData(i) for i in range(panel.filter.labels.count())]
    present = {f.label for f in window.doc_fields.by_label}
    assert offered[0] is None and set(offered[1:]) == present
    panel.filter.labels.setCurrentIndex(panel.filter.labels.findData("money"))
    assert {f.label for f in shown(panel)} == {"money"} and len(shown(panel)) == 5
    assert panel.current_field().label == "money"
    # a field the filter hides is shown by clearing the filter, and the panel says so
    company = next(f for f in window.doc_fields.by_label if f.label == "company")
    with qtbot.waitSignal(panel.notice):
        assert panel.select_field(company.id)
    assert panel.current_field().id == company.id and panel.filter.label is None
    assert panel.model.rowCount() == len(window.doc_fields)


def test_accepting_under_the_pending_filter_moves_to_the_next_pending_row(qtbot, window):
    open_release(window)
    panel = window.fields
    panel.filter.statuses.setCurrentIndex(panel.filter.statuses.findData("pending"))
    panel.select_row(3)
    third, fourth, fifth = (panel.field_at_view_row(r) for r in (3, 4, 5))
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key_A)
    assert window.storage.get_field(third.id).status == "accepted"
    assert panel.view_row_of(third.id) is None  # gone from the view
    assert panel.current_field().id == fourth.id and panel.table.currentIndex().row() == 3  # not row 0
    qtbot.keyClick(panel.table, Qt.Key_X)
    assert panel.current_field().id == fifth.id
    assert all(f.status == "pending" for f in shown(panel))


def test_next_pending_follows_the_order_shown_when_the_order_moves_the_decided_field(qtbot, window):
    open_release(window)
    panel = window.fields
    panel.sort_by(STATUS)  # an accepted field moves to the end
    panel.select_row(2)
    after = panel.field_at_view_row(3)
    qtbot.keyClick(panel.table, Qt.Key_A)
    assert shown(panel)[-1].status == "accepted"
    assert panel.current_field().id == after.id


def test_select_next_pending_wraps_and_falls_back_to_the_first_row(qtbot, window):
    open_release(window)
    panel = window.fields
    panel.sort_by(CONFIDENCE, descending=True)
    last = panel.field_at_view_row(panel.model.rowCount() - 1)
    assert panel.select_next_pending(last.id)
    assert panel.table.currentIndex().row() == 0  # wrapped round
    for f in window.doc_fields.by_label:
        window.session.accept(f.id)
    panel.table.clearSelection()
    panel.table.setCurrentIndex(panel.model.index(-1, -1))
    assert panel.current_field() is None
    assert panel.select_next_pending(None) and panel.table.currentIndex().row() == 0
    assert not panel.select_next_pending(panel.current_field().id)


def test_a_resorting_change_keeps_the_order_the_filter_and_the_current_field(qtbot, window):
    doc = open_release(window)
    panel = window.fields
    panel.sort_by(CONFIDENCE)
    panel.filter.statuses.setCurrentIndex(panel.filter.statuses.findData("pending"))
    current = panel.field_at_view_row(4)
    panel.select_row(4)
    added = window.session.add(doc.id, "person", 2800, 2816)  # fields came: DocumentFields re-sorts
    assert window.doc_fields.resorted
    assert panel.current_field().id == current.id
    assert panel.filter.status == "pending" and all(f.status == "pending" for f in shown(panel))
    assert panel.view_row_of(added.id) is None  # an added field is not pending
    confidences = [f.confidence for f in shown(panel)]
    assert confidences == sorted(confidences)


def test_clicking_a_check_selects_the_fields_it_compared(qtbot, window):
    open_release(window)
    panel = window.fields
    row = next(i for i, c in enumerate(panel.checks.shown) if c.name == "shares_x_price")
    check = panel.checks.shown[row]
    item = panel.checks.item(row)
    with qtbot.waitSignal(panel.checkSpans) as spans, qtbot.waitSignal(panel.checkActivated) as ids:
        qtbot.mouseClick(panel.checks.viewport(), Qt.LeftButton, pos=panel.checks.visualItemRect(item).center())
    assert spans.args[0] == [tuple(s) for s in check.spans]
    chosen = [window.storage.get_field(i) for i in ids.args[0]]
    assert [f.label for f in chosen] == ["shares_sold", "offering_price", "gross_proceeds"]
    assert panel.current_field().label == "shares_sold"
    assert (panel.current_field().start, panel.current_field().end) == check.spans[0]
    text = window.document.text
    shown = [(window.source._offsets.from_qt(s.cursor.selectionStart()),
              window.source._offsets.from_qt(s.cursor.selectionEnd())) for s in window.source.text.extraSelections()]
    assert shown == [tuple(s) for s in check.spans]  # the text shows every span the check compared
    assert [text[a:b] for a, b in shown] == [f.text for f in chosen]
    panel.select_row(0)
    panel.checks.setFocus()
    panel.checks.setCurrentRow(row)
    with qtbot.waitSignal(panel.checkSpans):
        qtbot.keyClick(panel.checks, Qt.Key_Return)  # Enter does the same
    assert panel.current_field().label == "shares_sold"


def test_right_click_selects_the_row_and_offers_the_actions(qtbot, window):
    open_release(window)
    panel = window.fields
    accept, reject = QAction("Accept", panel), QAction("Reject", panel)
    panel.set_context_actions([accept, None, reject])
    rect = panel.table.visualRect(panel.model.index(2, 1))
    panel.table.customContextMenuRequested.emit(rect.center())
    assert panel.table.currentIndex().row() == 2
    assert panel.menu.isVisible()
    assert [a.text() if not a.isSeparator() else None for a in panel.menu.actions()] == [
        "Accept", None, "Reject", None, "&Copy value"]
    panel.menu.close()
    panel.copy_value_action.trigger()
    assert QGuiApplication.clipboard().text() == panel.model.data(panel.model.index(2, 2))


def test_filter_row_is_reachable_and_escape_goes_back_to_the_table(qtbot, window):
    open_release(window)
    panel = window.fields
    panel.filter.labels.setFocus()
    assert QApplication.focusWidget() is panel.filter.labels
    qtbot.keyClick(panel.filter.labels, Qt.Key_Escape)
    assert QApplication.focusWidget() is panel.table
    first = panel.current_field()
    qtbot.keyClick(panel.table, Qt.Key_A)  # a review key, not a keyboard search of the table
    assert window.storage.get_field(first.id).status == "accepted"


def test_the_model_passes_the_model_tester_sorted_and_filtered(qtmodeltester, window):
    open_release(window)
    window.fields.sort_by(CONFIDENCE, descending=True)
    window.fields.set_filter("money", None)
    qtmodeltester.check(window.fields.model)


def test_columns_fit_and_a_long_text_has_a_tooltip(qtbot, window):
    open_release(window)
    panel = window.fields
    panel.sort_by(CONFIDENCE)
    header = panel.table.horizontalHeader()
    # the sort arrow leaves room for the narrowest column's title
    assert header.sectionSize(CONFIDENCE) >= header.fontMetrics().horizontalAdvance("Conf.") + 12
    url = next(r for r in range(panel.model.rowCount()) if panel.field_at_view_row(r).label == "url")
    tip = panel.model.data(panel.model.index(url, TEXT), TOOLTIP)
    assert panel.field_at_view_row(url).text in tip


def test_an_edit_in_the_table_under_the_pending_filter_leaves_the_view_once_the_editor_closes(qtbot, window,
                                                                                            monkeypatch):
    open_release(window)
    panel = window.fields
    panel.set_filter(None, "pending")
    shares = next(f for f in window.doc_fields.by_label if f.label == "share_count")
    assert panel.select_field(shares.id)
    calls = []
    rows_changed = panel.model.rows_changed
    monkeypatch.setattr(panel.model, "rows_changed",
                        lambda rows, rearrange=True: calls.append(rearrange) or rows_changed(rows, rearrange))
    qtbot.keyClick(panel.table, Qt.Key_E)
    editor = panel.table.focusWidget()
    assert editor is not panel.table
    editor.selectAll()
    qtbot.keyClicks(editor, "212,751")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: panel.view_row_of(shares.id) is None)
    assert window.storage.get_field(shares.id).status == "edited"
    assert calls[0] is False  # the rows did not move under the open editor
    assert panel.current_field() is not None and panel.current_field().status == "pending"
    assert all(f.status == "pending" for f in shown(panel))


def test_the_menu_acts_on_the_row_right_clicked(qtbot, window):
    open_release(window)
    panel = window.fields
    panel.set_context_actions([window.actions.accept, window.actions.reject])
    panel.select_row(0)
    target = panel.field_at_view_row(4)
    panel.table.customContextMenuRequested.emit(panel.table.visualRect(panel.model.index(4, 0)).center())
    menu_accept = next(a for a in panel.menu.actions() if a is window.actions.accept)
    panel.menu.close()
    menu_accept.trigger()
    assert window.storage.get_field(target.id).status == "accepted"


def test_a_confidence_threshold_shows_only_the_less_certain_fields_and_j_stays_among_them(qtbot, window):
    open_release(window)
    panel = window.fields
    confidences = sorted({f.confidence for f in window.doc_fields.by_label if f.confidence is not None})
    assert len(confidences) > 2
    threshold = confidences[len(confidences) // 2]
    # the reviewer types the threshold in the filter row (Enter applies it)
    panel.filter.below.setFocus()
    panel.filter.below.selectAll()
    qtbot.keyClicks(panel.filter.below, f"{threshold:.2f}")
    qtbot.keyClick(panel.filter.below, Qt.Key_Return)
    below = [f for f in window.doc_fields.by_label if f.confidence is not None and f.confidence < round(threshold, 2)
             and f.status not in ("added", "absent")]
    assert below and len(below) < len(window.doc_fields.by_label)
    assert sorted(f.id for f in shown(panel)) == sorted(f.id for f in below)
    assert panel.filter.clear_button.isEnabled()
    panel.table.setFocus()
    panel.select_row(0)
    first = panel.current_field()
    qtbot.keyClick(panel.table, Qt.Key_A)  # accept moves on to the next pending field shown
    assert window.storage.get_field(first.id).status == "accepted"
    assert panel.current_field() is None or panel.current_field().confidence < round(threshold, 2)
    # a field the threshold hides, picked in the text, clears the filter
    hidden = next(f for f in window.doc_fields.by_label if f.confidence is not None and f.confidence >= threshold)
    assert panel.select_field(hidden.id)
    assert panel.filter.threshold is None and panel.model.rowCount() == len(window.doc_fields.by_label)


def test_the_by_column_says_who_proposed_each_field(qtbot, window):
    from reviewer.gui.fields_model import BY, proposed_by
    from reviewer.core.model import Field

    open_release(window)
    panel = window.fields
    assert panel.model.headerData(BY, Qt.Horizontal) == "By"
    row = 0
    field = panel.field_at_view_row(row)
    assert field.extractor.startswith("rules")
    assert panel.model.data(panel.model.index(row, BY)) == "rules"
    made = Field(id=1, document_id=1, label="money", text="$5", start=0, end=2, value=None, confidence=0.9,
                 extractor="rules.money+spacy+predictions", status="pending")
    assert proposed_by(made) == "rules+model+imported"
    made = Field(id=2, document_id=1, label="money", text="$5", start=0, end=2, value=None, confidence=None,
                 extractor="manual", status="added")
    assert proposed_by(made) == "you"
