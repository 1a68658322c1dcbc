"""What the window remembers between sessions: geometry, splitters, the legend, and the
document and field the reviewer was on in each database."""

from __future__ import annotations

from PySide6.QtCore import QSettings

DEFAULT_SIZE = (1500, 900)
DEFAULT_SPLITS = {"main": [420, 1080], "review": [570, 470], "fields": [430, 330]}


def _splitters(window) -> dict:
    return {"main": window.splitter, "review": window.review_area, "fields": window.fields.splitter}


def _position_key(window) -> str:
    return "position/" + str(window.db_path.resolve()).replace("/", "|")


def restore(window, s: QSettings) -> None:
    """Lay the window out as it was, and reopen the document and field it was on."""
    geometry = s.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        window.resize(*DEFAULT_SIZE)
    for name, splitter in _splitters(window).items():
        state = s.value(f"splitter/{name}")
        if state is None or not splitter.restoreState(state):
            splitter.setSizes(DEFAULT_SPLITS[name])
    window.actions.legend.setChecked(s.value("view/legend", True, type=bool))
    doc_id = field_id = None
    try:
        doc_id, field_id = (int(x) if x not in (None, "", "None") else None
                            for x in s.value(_position_key(window)) or ())
    except (TypeError, ValueError):
        doc_id = field_id = None
    if doc_id is not None and window.queue.select_document(doc_id, emit=False):
        window.open_document(doc_id, field_id)
    elif window.queue.model.rowCount():
        window.queue.select_row(0)
    if window.document is not None:
        window.fields.table.setFocus()  # the review keys work from the first press
    window.update_status()


def save(window, s: QSettings) -> None:
    s.setValue("window/geometry", window.saveGeometry())
    for name, splitter in _splitters(window).items():
        s.setValue(f"splitter/{name}", splitter.saveState())
    s.setValue("view/legend", window.actions.legend.isChecked())
    field = window.fields.current_field()
    s.setValue(_position_key(window), [str(window.document.id if window.document else ""),
                                       str(field.id if field else "")])
    s.sync()
