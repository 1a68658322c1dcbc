"""The Filing tab: the filing rendered by Qt's rich text with the Text tab's highlights,
reached through the alignment; nothing is ever fetched; hostile HTML neither hangs nor
crashes the window."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtNetwork import QNetworkAccessManager
from PySide6.QtWidgets import QApplication

from reviewer.core.extract import default_extractor
from reviewer.core.ingest import ingest_paths
from reviewer.core.storage import Storage
from reviewer.gui.filing_overlay import span_rects
from reviewer.gui.main_window import MainWindow

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FILINGS = {
    "8-K with a cover table": CORPUS / "dev" / "oracle-8k.html",
    "SGML submission": CORPUS / "dev" / "0000943374-24-000509-8k-full-submission.txt",
    "Markdown release": CORPUS / "pool" / "001_falcon-energy-pr-private-placement.md",
    "plain-text filing": CORPUS / "seeds" / "tecogen-8k-item-1.02-2017.txt",
}


def _window(qtbot, tmp_path, files):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, body in files.items():
        if isinstance(body, Path):
            shutil.copy(body, folder / name)
        else:
            (folder / name).write_text(body, encoding="utf-8")
    with Storage(tmp_path / "f.db") as storage:
        list(ingest_paths(storage, [folder], extractor=default_extractor()))
    window = MainWindow(Storage(tmp_path / "f.db"), "tester", QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    window.resize(1300, 850)
    window.show()
    qtbot.waitExposed(window)
    return window


def _show_filing(qtbot, window):
    window.source.tabs.setCurrentWidget(window.source.filing)
    qtbot.waitUntil(window.source.filing.is_ready, timeout=20000)
    return window.source.filing


def _top(pane, position: int) -> int:
    cursor = QTextCursor(pane.document)
    cursor.setPosition(position)
    return pane.browser.cursorRect(cursor).top()


def _in_view(pane, start: int) -> bool:
    cursor = QTextCursor(pane.document)
    cursor.setPosition(start)
    rect = pane.browser.cursorRect(cursor)
    return 0 <= rect.top() and rect.bottom() <= pane.browser.viewport().height()


def _painted_there(pane, span) -> bool:
    """Whether the pixels of the span's rectangles change when the highlights are taken away."""
    browser = pane.browser
    offset = QPointF(-browser.horizontalScrollBar().value(), -browser.verticalScrollBar().value())
    rects = [r.translated(offset).toAlignedRect() for r, _, _ in span_rects(pane.document, *span)]
    rects = [r.intersected(browser.viewport().rect()) for r in rects]
    with_spans = browser.viewport().grab().toImage()
    spans = browser.overlay._spans
    browser.overlay._spans = []
    without = browser.viewport().grab().toImage()
    browser.overlay._spans = spans
    ratio = with_spans.width() / browser.viewport().width()  # device pixels
    for rect in rects:
        for x in range(rect.left(), rect.right(), 2):
            for y in range(rect.top(), rect.bottom(), 2):
                px, py = int(x * ratio), int(y * ratio)
                if with_spans.pixel(px, py) != without.pixel(px, py):
                    return True
    return False


def _drawn_where_qt_puts_the_text(pane, span) -> bool:
    """The first highlight rectangle starts where Qt draws the text cursor at the span's start."""
    rect = next(iter(span_rects(pane.document, *span)))[0]
    cursor = QTextCursor(pane.document)
    cursor.setPosition(span[0])
    caret = pane.browser.cursorRect(cursor)  # viewport coordinates
    browser = pane.browser
    x = rect.left() - browser.horizontalScrollBar().value()
    y = rect.top() - browser.verticalScrollBar().value()
    return abs(x - caret.left()) <= 2 and abs(y - caret.top()) <= 4


@pytest.mark.parametrize("kind", list(FILINGS))
def test_selecting_fields_scrolls_to_and_highlights_their_text(qtbot, tmp_path, kind):
    path = FILINGS[kind]
    if not path.exists():
        pytest.skip("the shared corpus is absent")
    window = _window(qtbot, tmp_path, {path.name: path})
    pane = _show_filing(qtbot, window)
    fields = [f for f in window.doc_fields.by_position if f.end > f.start]
    assert fields
    checked = 0
    bar = pane.browser.verticalScrollBar()
    for field in reversed(fields):  # from the end, so that each selection has to scroll
        span = pane.to_rendered(field.start, field.end)
        was_in_view = span is not None and _in_view(pane, span[0]) and _in_view(pane, span[1])
        window.fields.select_field(field.id)
        if span is None:
            assert "cannot be placed" in pane.notice_text()
            continue
        if not was_in_view and 0 < bar.value() < bar.maximum():  # scrolled: the span a third of the way down
            assert abs(_top(pane, span[0]) - pane.browser.viewport().height() // 3) <= 2
        assert pane.rendered_text(*span).split() == field.text.split()
        cursor = pane.browser.textCursor()
        assert cursor.selectionStart() == span[0]  # (across table cells Qt selects whole cells)
        assert _in_view(pane, span[0])
        # the highlight is there, in the field's colours (the first few: drawn on the screen)
        styles = pane.styles_at(span[0])
        expected = window.source.formats.format(field.label, field.status).background().color()
        assert any(s.tint is not None and s.tint.rgba() == expected.rgba() for s in styles)
        assert _drawn_where_qt_puts_the_text(pane, span)
        if checked < 5:
            assert _painted_there(pane, span)
        checked += 1
    assert checked >= max(1, len(fields) * 9 // 10)


def test_clicking_a_highlight_selects_its_field_and_tabs_keep_it(qtbot, tmp_path):
    path = FILINGS["8-K with a cover table"]
    if not path.exists():
        pytest.skip("the shared corpus is absent")
    window = _window(qtbot, tmp_path, {path.name: path})
    pane = _show_filing(qtbot, window)
    target = [f for f in window.doc_fields.by_position if f.end - f.start > 3][-1]
    start, end = pane.to_rendered(target.start, target.end)
    cursor = QTextCursor(pane.document)
    cursor.setPosition(start + 1)
    pane.browser.setTextCursor(cursor)
    point = pane.browser.cursorRect(cursor).center()
    window.fields.select_row(0)
    qtbot.mouseClick(pane.browser.viewport(), Qt.LeftButton, pos=point)
    assert window.fields.current_field().id in {f.id for f in window.source.fields_under(target.start + 1)}
    chosen = window.fields.current_field()
    window.source.tabs.setCurrentWidget(window.source.text)
    assert window.fields.current_field().id == chosen.id
    window.source.tabs.setCurrentWidget(window.source.filing)
    assert pane.browser.textCursor().selectionStart() == pane.to_rendered(chosen.start, chosen.end)[0]
    window.actions.filing.trigger()  # View > Filing: back to the text, the field still selected
    assert window.source.tabs.currentWidget() is window.source.text
    assert window.source.selection() == (chosen.start, chosen.end)
    window.actions.filing.trigger()
    assert window.source.tabs.currentWidget() is window.source.filing
    assert window.fields.current_field().id == chosen.id


def test_n_adds_a_field_from_a_selection_made_in_the_filing(qtbot, tmp_path, monkeypatch):
    path = FILINGS["8-K with a cover table"]
    if not path.exists():
        pytest.skip("the shared corpus is absent")
    window = _window(qtbot, tmp_path, {path.name: path})
    pane = _show_filing(qtbot, window)
    text = window.document.text
    word_start = text.index(" ", len(text) // 2) + 1
    word_end = text.index(" ", word_start)
    start, end = pane.to_rendered(word_start, word_end)
    cursor = QTextCursor(pane.document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.KeepAnchor)
    pane.browser.setTextCursor(cursor)
    asked = []
    monkeypatch.setattr(window, "pick_label", lambda t, *a, **k: asked.append(t) or "person")
    window.actions.add.trigger()
    assert asked == [text[word_start:word_end]]
    added = window.fields.current_field()
    assert (added.start, added.end) == (word_start, word_end) and added.status == "added"


HOSTILE = {
    "scripts.html": ('<html><body><p>Item 8.01 Other Events. Acme Corp agreed.</p><script>for(;;){}</script>'
                     '<iframe src="http://127.0.0.1:9/frame"></iframe><img src="http://127.0.0.1:9/a.png">'
                     '<img src="file:///etc/passwd"><img src="logo.jpg"><link rel=stylesheet href="http://127.0.0.1:9/s.css">'
                     '<div style="background-image:url(http://127.0.0.1:9/b.png)">Styled text.</div>'
                     '<table background="x.png"><tr><td>cell</td></tr></table>'
                     '<p><img src="data:image/png;base64,' + "A" * 3_000_000 + '"></p></body></html>'),
    "deep.html": "<html><body><p>Deep filing text.</p>" + "<div><blockquote>" * 100_000 + "x"
                 + "</blockquote></div>" * 100_000 + "</body></html>",
    "cells.html": "<html><body><p>Table filing text.</p><table>" + ("<tr>" + "<td>1</td>" * 100 + "</tr>") * 1000
                  + "</table></body></html>",
}


def test_hostile_html_fetches_nothing_and_falls_back_with_a_notice(qtbot, tmp_path):
    window = _window(qtbot, tmp_path, HOSTILE)
    seen = []
    for row in range(window.queue.model.rowCount()):
        window.queue.select_row(row)
        pane = _show_filing(qtbot, window)
        name = window.document.filename
        seen.append(name)
        assert pane.document.requests == [] and pane.browser.requests == []
        if name == "scripts.html":
            assert "Acme Corp" in pane.plain and "Styled text." in pane.plain
            assert pane.notice_text() == ""
        else:
            assert "too large for the rendered view" in pane.notice_text()
            assert "".join(pane.plain.split()) == "".join(window.document.text.split())  # its text, as read
        window.source.tabs.setCurrentWidget(window.source.text)
    assert sorted(seen) == sorted(HOSTILE)
    app = QApplication.instance()
    assert app.findChildren(QNetworkAccessManager) == [] and window.findChildren(QNetworkAccessManager) == []


def test_links_never_navigate(qtbot, tmp_path):
    window = _window(qtbot, tmp_path, {"links.html": '<html><body><p>See <a href="http://127.0.0.1:9/x">the '
                                       'exhibit</a> and <a href="file:///etc/passwd">this</a>.</p></body></html>'})
    pane = _show_filing(qtbot, window)
    before = pane.plain
    pane.browser.setSource("http://127.0.0.1:9/x")
    pane.browser.anchorClicked.emit("file:///etc/passwd")
    assert pane.plain == before and pane.document.toPlainText() == before
    assert pane.document.requests == []


@pytest.mark.threaded_jobs
def test_built_in_worker_threads_as_in_the_window(qtbot, tmp_path):
    """The same, with the slices parsed and the alignment made on Qt's thread pool."""
    path = FILINGS["8-K with a cover table"]
    if not path.exists():
        pytest.skip("the shared corpus is absent")
    hostile = {name: HOSTILE[name] for name in ("scripts.html", "cells.html")}  # a fallback too
    window = _window(qtbot, tmp_path, {path.name: path, **hostile})
    for row in range(window.queue.model.rowCount()):
        window.queue.select_row(row)
        pane = _show_filing(qtbot, window)
        assert pane.document.requests == [] and pane.browser.requests == []
        fields = [f for f in window.doc_fields.by_position if f.end > f.start]
        for field in fields[-3:]:
            window.fields.select_field(field.id)
            span = pane.to_rendered(field.start, field.end)
            if span is not None:
                assert pane.rendered_text(*span).split() == field.text.split()
                assert pane.browser.textCursor().selectionStart() == span[0]
        window.source.tabs.setCurrentWidget(window.source.text)
    assert QApplication.instance().findChildren(QNetworkAccessManager) == []


def test_a_span_the_filing_does_not_show_is_said_not_highlighted_elsewhere(qtbot):
    from reviewer.core.extract.schema import load_schema
    from reviewer.core.model import Field
    from reviewer.gui.filing_pane import FilingPane
    from reviewer.gui.highlight import FieldFormats

    text = "Acme Corp agreed to pay Beta LLC an amount in cash on closing. The parties signed it."
    html = "<html><body><p>Acme Corp agreed to pay Beta LLC.</p><p>The parties signed it.</p></body></html>"
    shown = Field(1, 1, "organization", text.index("Beta"), text.index("Beta") + 8, "Beta LLC")
    missing = Field(2, 1, "money", text.index("an amount"), text.index(" on closing"), "an amount in cash")
    pane = FilingPane(FieldFormats(load_schema()))
    qtbot.addWidget(pane)
    pane.resize(600, 400)
    pane.show()
    pane.reset(1, text, lambda: (html, "html", None), lambda: [shown, missing])
    pane.load(shown)
    qtbot.waitUntil(pane.is_ready, timeout=10000)
    span = pane.to_rendered(shown.start, shown.end)
    assert pane.rendered_text(*span) == "Beta LLC" and pane.browser.textCursor().selectionStart() == span[0]
    assert pane.notice_text() == ""
    pane.select(missing)
    assert pane.to_rendered(missing.start, missing.end) is None
    assert "cannot be placed" in pane.notice_text()
    assert not pane.browser.textCursor().hasSelection()  # the field before is no longer shown as selected
    drawn = [p for p in range(len(pane.plain)) if pane.styles_at(p)]
    assert drawn == list(range(*span))  # only the field the filing shows is highlighted


def test_no_network_request_is_made_and_no_file_is_read(qtbot, tmp_path):
    """A listening socket never sees a connection: not through the window's pipeline, and not
    even when raw, unsanitised HTML is given to the Filing tab's document directly (it is
    asked for resources and refuses every one, local files included)."""
    import socket

    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    from reviewer.gui.filing_browser import FilingBrowser, FilingDocument

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    base = f"http://127.0.0.1:{server.getsockname()[1]}"
    image = tmp_path / "secret.png"
    from PySide6.QtGui import QImage
    QImage(4, 4, QImage.Format_RGB32).save(str(image))
    hostile = (f'<html><head><link rel="stylesheet" href="{base}/s.css"><style>p {{ background: url({base}/b.png) }}'
               f'</style></head><body background="{base}/bg.png"><p>Acme Corp agreed to pay Beta LLC.</p>'
               f'<img src="{base}/a.png"><img src="{image.as_uri()}"><img src="secret.png"><iframe src="{base}/f">'
               f'</iframe><table background="{base}/t.png"><tr><td>cell</td></tr></table>'
               f'<a href="{base}/x">link</a></body></html>')
    window = _window(qtbot, tmp_path, {"hostile.html": hostile})
    pane = _show_filing(qtbot, window)
    pane.browser.viewport().grab()  # laid out and painted
    assert pane.document.requests == [] and pane.browser.requests == []

    raw = FilingDocument()
    browser = FilingBrowser()
    qtbot.addWidget(browser)
    browser.setDocument(raw)
    raw.setHtml(hostile)
    browser.resize(600, 400)
    browser.show()
    qtbot.waitExposed(browser)
    browser.viewport().grab()
    qtbot.wait(200)  # time enough for any connection to be made
    assert any("a.png" in r for r in raw.requests) and any(image.name in r for r in raw.requests)
    for url in (image.as_uri(), "secret.png", f"{base}/a.png"):  # a blank pixel, never the file's 4x4 image
        assert raw.resource(QTextDocument.ImageResource, QUrl(url)).size().width() == 1
    with pytest.raises(BlockingIOError):
        server.accept()
    server.close()
    assert QApplication.instance().findChildren(QNetworkAccessManager) == []


def test_decisions_restyle_the_highlights_shown_or_hidden(qtbot, tmp_path):
    path = FILINGS["8-K with a cover table"]
    if not path.exists():
        pytest.skip("the shared corpus is absent")
    window = _window(qtbot, tmp_path, {path.name: path})
    pane = _show_filing(qtbot, window)
    formats = window.source.formats
    fields = [f for f in window.doc_fields.by_position
              if f.end > f.start and pane.to_rendered(f.start, f.end) and len(window.source.fields_under(f.start)) == 1]
    first, second = fields[0], fields[1]

    def tint_at(field):
        styles = pane.styles_at(pane.to_rendered(field.start, field.end)[0])
        return [(s.tint.rgba() if s.tint else None, s.strike) for s in styles]

    window.fields.select_field(first.id)
    window.actions.accept.trigger()  # in the Filing tab
    accepted = formats.format(first.label, "accepted")
    assert tint_at(first) == [(accepted.background().color().rgba(), False)]
    window.source.tabs.setCurrentWidget(window.source.text)
    window.fields.select_field(second.id)
    window.actions.reject.trigger()  # in the Text tab, the Filing tab hidden
    window.source.tabs.setCurrentWidget(window.source.filing)
    assert tint_at(second) == [(None, True)]  # greyed and struck through, as in the Text tab
    window.actions.undo.trigger()
    assert tint_at(second) == [(formats.format(second.label, "pending").background().color().rgba(), False)]
