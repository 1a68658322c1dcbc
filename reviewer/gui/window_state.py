"""What the window remembers between sessions: geometry, splitters, the legend, and the
document and field the reviewer was on in each database."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QGuiApplication

DEFAULT_SIZE = (1500, 900)
DEFAULT_SPLITS = {"main": [420, 1080], "review": [570, 470], "fields": [430, 330]}


def _splitters(window) -> dict:
    return {"main": window.splitter, "review": window.review_area, "fields": window.fields.splitter}


def _position_key(window) -> str:
    return "position/" + str(window.db_path.resolve()).replace("/", "|")


def restore(window, s: QSettings) -> None:
    """Lay the window out as it was, and reopen the document and field it was on."""
    geometry = s.value("window/geometry")
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(*DEFAULT_SIZE)
    fit_to_screen(window, centre=geometry is None)
    for name, splitter in _splitters(window).items():
        state = s.value(f"splitter/{name}")
        if state is None or not splitter.restoreState(state):
            splitter.setSizes(DEFAULT_SPLITS[name])
    window.actions.legend.setChecked(s.value("view/legend", True, type=bool))
    kept = s.value("queue/filter")
    if kept and kept != window.queue.filter_name():
        window.queue.set_filter_name(str(kept))
    sort = s.value("queue/sort")
    if sort and sort != window.queue.sort_key():
        try:
            window.queue.set_sort(str(sort), s.value("queue/descending", False, type=bool))
        except ValueError:
            pass  # a sort this version does not know
    doc_id = field_id = None
    try:
        doc_id, field_id = (int(x) if x not in (None, "", "None") else None
                            for x in s.value(_position_key(window)) or ())
    except (TypeError, ValueError):
        doc_id = field_id = None
    if doc_id is not None and (window.queue.select_document(doc_id, emit=False)
                               or window.storage.has_document(doc_id)):
        window.open_document(doc_id, field_id)  # outside the list (in progress, say): the status bar says so
    elif window.queue.model.rowCount():
        window.queue.select_row(0)
    if window.document is not None:
        window.fields.table.setFocus()  # the review keys work from the first press
    window.update_status()


def fit_to_screen(window, centre: bool = False) -> None:
    """Keep the window on a screen and no larger than its free area (the first window of a
    small or scaled screen, or a geometry saved on a screen that is gone)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    free: QRect = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    width = min(window.width(), int(free.width() * 0.96) - extra_w)
    height = min(window.height(), int(free.height() * 0.94) - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, 320), max(height, 240))
    frame = window.frameGeometry()
    if centre or not free.intersects(frame):
        frame.moveCenter(free.center())
    if not free.contains(frame):
        x = min(max(frame.left(), free.left()), free.right() - frame.width() + 1)
        y = min(max(frame.top(), free.top()), free.bottom() - frame.height() + 1)
        frame.moveTo(x, y)
    window.move(frame.topLeft())


def save(window, s: QSettings) -> None:
    s.setValue("window/geometry", window.saveGeometry())
    for name, splitter in _splitters(window).items():
        s.setValue(f"splitter/{name}", splitter.saveState())
    s.setValue("view/legend", window.actions.legend.isChecked())
    s.setValue("queue/filter", window.queue.filter_name())
    s.setValue("queue/sort", window.queue.sort_key())
    s.setValue("queue/descending", window.queue.sort_descending())
    field = window.fields.current_field()
    s.setValue(_position_key(window), [str(window.document.id if window.document else ""),
                                       str(field.id if field else "")])
    s.sync()
