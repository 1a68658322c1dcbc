"""The window's actions: one table of name, text, shortcuts and menu, built once.

Single-letter keys (J, K, A, X, E, N) act only while the review area has focus, so
that typing in the search box or the find bar types letters.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence


@dataclass(frozen=True)
class Spec:
    name: str
    text: str
    keys: tuple[str, ...]
    menu: str
    review_only: bool = False  # shortcut active only while the review area has focus
    tip: str = ""


SPECS = (
    Spec("ingest", "&Ingest files…", ("Ctrl+O",), "&File"),
    Spec("ingest_folder", "Ingest a &folder…", ("Ctrl+Shift+O",), "&File"),
    Spec("export", "&Export…", ("Ctrl+E",), "&File"),
    Spec("save_copy", "Save a &copy of the database…", (), "&File",
         tip="A consistent copy of everything saved so far (SQLite's backup)"),
    Spec("refresh", "&Refresh", ("F5",), "&File", tip="Re-read the database (decisions made in another window)"),
    Spec("quit", "&Quit", ("Ctrl+Q",), "&File"),
    Spec("undo", "&Undo", ("Ctrl+Z",), "&Edit"),
    Spec("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "&Edit"),
    Spec("find", "&Find in document…", ("Ctrl+F",), "&Edit"),
    Spec("next_field", "&Next field", ("J",), "F&ield", review_only=True),
    Spec("prev_field", "&Previous field", ("K",), "F&ield", review_only=True),
    Spec("accept", "&Accept and go to next pending", ("A",), "F&ield", review_only=True),
    Spec("reject", "Re&ject and go to next pending", ("X",), "F&ield", review_only=True),
    Spec("edit", "&Edit value", ("E", "F2"), "F&ield", review_only=True),
    Spec("reanchor", "&Re-anchor to the text selection", ("R",), "F&ield", review_only=True,
         tip="Move the field's span to the selected text; its value is read again from that text"),
    Spec("add", "Add field from &selection…", ("N",), "F&ield", review_only=True),
    Spec("delete", "&Delete added field", ("Delete",), "F&ield", review_only=True),
    Spec("absent", "Mark label as not in document…", ("Ctrl+Shift+N",), "F&ield"),
    Spec("accept_label", "Accept every pending field of this &label", ("Shift+A",), "F&ield", review_only=True,
         tip="One step: Ctrl+Z undoes all of them"),
    Spec("accept_confident", "Accept every pending field with &confidence at least…", ("Ctrl+Shift+A",),
         "F&ield", tip="One step: Ctrl+Z undoes all of them"),
    Spec("approve", "&Approve document", ("Ctrl+Return", "Ctrl+Enter"), "&Document"),
    Spec("reject_doc", "&Reject document (out of scope)", ("Ctrl+Delete",), "&Document"),
    Spec("reopen_doc", "Re&open document", (), "&Document"),
    Spec("compare", "&Compare with a fresh extraction…", ("Ctrl+Shift+D",), "&Document",
         tip="What the rules would add, drop or change in this document"),
    Spec("next_doc", "&Next document", ("Ctrl+Right",), "&Document"),
    Spec("prev_doc", "&Previous document", ("Ctrl+Left",), "&Document"),
    Spec("original", "Switch between text and &original source", ("Ctrl+U",), "&View"),
    Spec("filing", "Switch between text and the &filing as filed", ("Ctrl+Shift+U",), "&View",
         tip="The filing laid out (tables, headings) with the same highlights"),
    Spec("zoom_in", "Zoom &in", ("Ctrl+=", "Ctrl++"), "&View"),
    Spec("zoom_out", "Zoom &out", ("Ctrl+-",), "&View"),
    Spec("legend", "Show &legend", ("Ctrl+L",), "&View"),
    Spec("help", "&Keyboard shortcuts", ("F1",), "&Help", tip="Every key of the window, over the window"),
    Spec("about", "&About Filing Reviewer", (), "&Help"),
)
MENUS = ("&File", "&Edit", "F&ield", "&Document", "&View", "&Help")


@dataclass(frozen=True)
class Actions:
    """Every action of the window, by name (a test checks that it matches SPECS)."""

    ingest: QAction
    ingest_folder: QAction
    export: QAction
    save_copy: QAction
    refresh: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find: QAction
    next_field: QAction
    prev_field: QAction
    accept: QAction
    reject: QAction
    edit: QAction
    reanchor: QAction
    add: QAction
    delete: QAction
    absent: QAction
    accept_label: QAction
    accept_confident: QAction
    approve: QAction
    reject_doc: QAction
    reopen_doc: QAction
    compare: QAction
    next_doc: QAction
    prev_doc: QAction
    original: QAction
    filing: QAction
    zoom_in: QAction
    zoom_out: QAction
    legend: QAction
    help: QAction
    about: QAction

    def __iter__(self):
        return iter(vars(self).items())


def build_actions(window, review_area) -> Actions:
    actions: dict[str, QAction] = {}
    menus = {name: window.menuBar().addMenu(name) for name in MENUS}
    for spec in SPECS:
        action = QAction(spec.text, window)
        action.setObjectName(spec.name)
        if spec.keys:
            action.setShortcuts([QKeySequence(k) for k in spec.keys])
        if spec.tip:
            action.setStatusTip(spec.tip)
        if spec.review_only:
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            review_area.addAction(action)
        else:
            action.setShortcutContext(Qt.WindowShortcut)
            window.addAction(action)
        menus[spec.menu].addAction(action)
        actions[spec.name] = action
    actions["legend"].setCheckable(True)
    actions["legend"].setChecked(True)
    return Actions(**actions)
