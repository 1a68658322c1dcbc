"""The Original tab: the source as read, with long lines broken before a tag and wrapped,
coloured where it is in view, the selected field's source span selected, and everything
costly done in a worker thread."""

from __future__ import annotations

import random
import re
import threading

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QPlainTextEdit

from reviewer.core.extract import default_extractor
from reviewer.core.ingest import ingest_paths
from reviewer.core.storage import Storage
from reviewer.gui import original_pane
from reviewer.gui.main_window import MainWindow
from reviewer.gui.original_pane import LINE, display_text

TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
ONE_LINE = ("<html><body>" + "".join(
    f'<p style="margin:0">Paragraph {n}: Acme Holdings Inc. agreed to pay $1,{n:03d},000 to Beta LLC.</p>'
    for n in range(400)) + "</body></html>")


def _window(qtbot, tmp_path, files: dict[str, str]):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, body in files.items():
        (folder / name).write_bytes(body.encode("utf-8"))
    with Storage(tmp_path / "o.db") as storage:
        list(ingest_paths(storage, [folder], extractor=default_extractor()))
    window = MainWindow(Storage(tmp_path / "o.db"), "tester", QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_display_text_breaks_long_lines_before_tags_and_maps_back():
    rng = random.Random(7)
    pieces = ["<p>", "</p>", "<b>", "</b>", "text ", "more words ", "\r\n", "\n", "<br/>", "<!-- c -->", "x" * 150]
    for _ in range(200):
        source = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 120)))
        display, removed, inserted = display_text(source)
        lf = source.replace("\r\n", "\n").replace("\r", "\n")
        assert display.replace("\n", "") == lf.replace("\n", "")  # only line ends added or made LF
        for p in inserted:
            assert lf[p] == "<"  # a break goes before a tag, never inside a word
        for line in display.split("\n"):  # no tag starts LINE or more characters into a line
            assert all(m.start() < LINE for m in TAG_START.finditer(line))


@pytest.mark.threaded_jobs
def test_the_source_is_prepared_off_the_gui_thread_wrapped_coloured_and_the_span_selected(qtbot, tmp_path,
                                                                                          monkeypatch):
    threads = []
    real_display, real_lex = original_pane.display_text, original_pane.lex_source
    monkeypatch.setattr(original_pane, "display_text",
                        lambda s: threads.append(threading.current_thread()) or real_display(s))
    monkeypatch.setattr(original_pane, "lex_source",
                        lambda s, f: threads.append(threading.current_thread()) or real_lex(s, f))
    window = _window(qtbot, tmp_path, {"one-line.html": ONE_LINE})
    pane = window.source.original
    fields = [f for f in window.doc_fields.by_position if f.end > f.start]
    field = fields[len(fields) // 2]
    window.fields.select_field(field.id)
    window.source.tabs.setCurrentWidget(pane)
    qtbot.waitUntil(lambda: pane.is_filled() and pane.coloured_blocks() > 0, timeout=20000)
    assert len(threads) == 2 and threading.main_thread() not in threads

    # the one 40,000-character line is shown as many, each wrapped at the window's width
    assert pane.lineWrapMode() == QPlainTextEdit.WidgetWidth
    assert pane.document().blockCount() >= len(ONE_LINE) // (LINE * 3)
    assert max(len(b) for b in pane.toPlainText().split("\n")) < 3 * LINE

    # the field's source span is selected (and tinted) in the shown text
    source, _, omap = window.storage.document_source(window.document.id)
    s, e = omap.to_source_span(field.start, field.end)
    selections = pane.extraSelections()
    assert len(selections) == 1
    assert selections[0].cursor.selectedText().replace("\u2029", "") == source[s:e].replace("\n", "")
    assert pane.textCursor().selectedText() == selections[0].cursor.selectedText()

    # colours: blocks in view carry Pygments' runs (a tag's name in the tag colour)
    block = pane.firstVisibleBlock()
    formats = block.layout().formats()
    assert formats and any(r.format.foreground().color().name() == "#22863a" for r in formats)
    assert pane.coloured_blocks() < pane.document().blockCount()  # only what is in view (and near)
