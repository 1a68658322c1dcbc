"""The queue panel: its start filter, its orders, its position in the status bar, the search
terms it gives the text view, and the next document to review."""

from PySide6.QtCore import Qt

from reviewer.core.storage import Storage


def _ids(window):
    m = window.queue.model
    return [m.document_id(r) for r in range(m.rowCount())]


def _open(window, row):
    assert window.queue.select_row(row)
    return window.document.id


def test_a_started_document_stays_in_to_review(qtbot, window):
    doc = window.document
    window.fields.table.setFocus()
    qtbot.keyClick(window.fields.table, Qt.Key_A)
    window.refresh()
    assert doc.id in _ids(window) and window.queue.current_document() == doc.id


def test_a_fresh_window_starts_on_to_review(window):
    assert window.queue.filter_name() == "To review"
    assert window.queue.model.status == "to_review"
    n = window.storage.count_documents(status="to_review")
    assert n > 0 and window.queue.model.rowCount() == n and window.document is not None


def test_an_empty_to_review_falls_back_to_all_at_start(make_window, db_path):
    with Storage(db_path) as s:
        for doc in s.list_documents():  # every document decided
            s.set_document_status(doc.id, "approved", reviewer="t")
    window = make_window()
    assert window.queue.filter_name() == "All"
    assert window.queue.model.rowCount() == window.storage.count_documents() and window.document is not None


def test_header_click_sorts_and_keeps_the_document_selected(qtbot, window):
    queue = window.queue
    doc = _open(window, 4)
    with qtbot.waitSignals([queue.sortChanged, queue.listChanged]):
        queue.table.horizontalHeader().sectionClicked.emit(2)  # Company
        queue.table.sortByColumn(2, Qt.AscendingOrder)
    assert queue.sort_key() == "company" and not queue.sort_descending()
    companies = [window.storage.queue_key(i, "company") for i in _ids(window)]
    assert companies == sorted(companies, key=lambda c: (c is None, c or ""))
    assert queue.current_document() == doc and window.document.id == doc
    queue.table.sortByColumn(2, Qt.DescendingOrder)
    assert queue.sort_descending() and _ids(window) == window.storage.queue_ids(
        status="to_review", sort="company", descending=True)
    assert queue.sort_box.currentText() == "Company" and queue.sort_order.isChecked()
    assert queue.model.row_of(doc) == window.storage.document_position(
        doc, status="to_review", sort="company", descending=True)


def test_set_sort_and_the_combo(qtbot, window):
    queue = window.queue
    for key in ("date", "form", "pending", "confidence", "ingest"):
        for descending in (False, True):
            queue.set_sort(key, descending)
            assert (queue.sort_key(), queue.sort_descending()) == (key, descending)
            assert _ids(window) == window.storage.queue_ids(status="to_review", sort=key, descending=descending)
    with qtbot.waitSignal(queue.sortChanged) as signal:
        queue.sort_box.setCurrentIndex(queue.sort_box.findText("Lowest confidence"))
    assert signal.args == ["confidence", True] and queue.sort_key() == "confidence"
    section = queue.table.horizontalHeader().sortIndicatorSection()
    assert section == -1  # no column shows the triage order


def test_status_bar_counts_the_filtered_list(qtbot, window):
    """Defect: "Document N of M" counted the whole list and the table's row, whatever the
    filter and search."""
    release = next(d for d in window.storage.list_documents() if "tecogen-press-release" in d.source_path)
    assert window.queue.select_document(release.id)
    s, n = window.storage, window.storage.count_documents()
    row = s.document_position(release.id, status="to_review")
    assert window.status.position.text() == f"Document {row + 1} of {n}"
    window.fields.table.setFocus()
    qtbot.keyClick(window.fields.table, Qt.Key_A)  # now in progress
    window.queue.set_filter_name("In progress")
    assert window.status.position.text() == "Document 1 of 1"
    window.queue.set_filter_name("All")
    window.queue.search.setText("AAR")  # the Form 4, not the press release
    hits = s.count_documents(search="AAR")
    assert s.document_position(release.id, search="AAR") is None
    qtbot.waitUntil(lambda: window.queue.model.rowCount() == hits)
    assert window.status.position.text() == f"Document not in this list · {hits} document{'s' * (hits != 1)}"
    window.queue.search.clear()
    qtbot.waitUntil(lambda: window.queue.model.rowCount() == n)
    window.queue.set_sort("ingest", descending=True)
    row = s.document_position(release.id, sort="ingest", descending=True)
    assert window.status.position.text() == f"Document {row + 1} of {n}"


def test_search_terms(qtbot, window):
    queue = window.queue
    with qtbot.waitSignal(queue.searchTermsChanged, timeout=2000) as signal:
        queue.search.setText('"Tecogen" shares* shares (Hatsop')
    assert signal.args == [["Tecogen", "shares", "Hatsop"]]
    assert queue.search_terms() == ["Tecogen", "shares", "Hatsop"]
    with qtbot.waitSignal(queue.searchTermsChanged, timeout=2000) as signal:
        queue.search.clear()
    assert signal.args == [[]] and queue.search_terms() == []


def test_next_to_review_in_the_queue_order(window):
    queue = window.queue
    queue.set_sort("company")
    order = _ids(window)
    doc = _open(window, 1)
    window.session.approve(doc, accept_pending=True)  # it leaves "To review"
    assert doc not in _ids(window)
    assert queue.next_to_review(doc) == order[2]
    assert queue.next_to_review(order[-1]) == order[0]  # wraps
    queue.set_filter_name("Approved")
    assert queue.next_to_review(doc) is None  # nothing pending in this list


def test_next_to_review_after_a_document_that_moved(window):
    queue = window.queue
    queue.set_filter_name("All")
    queue.set_sort("pending")
    order = _ids(window)
    doc = _open(window, 2)
    window.session.approve(doc, accept_pending=True)  # 0 pending now: it moves to the top
    assert _ids(window)[0] == doc
    assert queue.next_to_review(doc) == order[3]


def test_approve_moves_to_the_next_in_the_queue_order(qtbot, window):
    queue = window.queue
    queue.set_sort("company")
    order = _ids(window)
    _open(window, 1)
    assert window.storage.next_document(order[1]) != order[2]  # ingest order would go elsewhere
    window.confirm_accept_all = lambda pending: True
    window.fields.table.setFocus()
    qtbot.keyClick(window.fields.table, Qt.Key_Return, Qt.ControlModifier)
    assert window.storage.get_document(order[1]).status == "approved"
    assert window.document.id == order[2]
    assert window.status.position.text() == f"Document 2 of {len(order) - 1}"


def test_a_document_decided_elsewhere_leaves_the_list_without_moving_the_reviewer(make_window):
    a = make_window()
    b = make_window(reviewer="other")
    b.queue.set_filter_name("Not started")
    doc = _open(b, 2)
    field = a.storage.fields(doc)[0]
    a.session.accept(field.id)  # in progress now: it leaves b's "Not started" on refresh
    before = b.queue.model.rowCount()
    b.refresh()
    assert b.document.id == doc and doc not in _ids(b)
    assert b.status.position.text() == f"Document not in this list · {before - 1} documents"


def test_no_other_row_looks_selected_when_the_open_document_leaves_the_list(qtbot, window, db_path):
    from reviewer.core.review import ReviewSession
    from reviewer.core.storage import Storage

    window.queue.set_filter_name("Not started")
    doc = window.document
    assert window.queue.current_document() == doc.id
    with Storage(db_path) as other:  # another window starts on it: it is "in progress" now
        ReviewSession(other, "colleague", window.schema).reject(other.fields(doc.id)[0].id)
    assert window.live.poll()
    assert window.document.id == doc.id  # still open
    assert not window.queue.table.selectionModel().selectedRows()
    assert "not in this list" in window.status.position.text()


def test_the_queue_order_is_remembered(make_window):
    window = make_window()
    window.queue.set_sort("company", True)
    window.close()
    window.storage.close()
    again = make_window()
    assert (again.queue.sort_key(), again.queue.sort_descending()) == ("company", True)
