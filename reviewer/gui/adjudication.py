"""Adjudication: the conflicts of a merged database, both reviewers' decisions side by side.

The panel lists the documents with conflicts and the conflicts of the one shown; for the
selected conflict each reviewer's decision is shown on the document's text (its span
highlighted, its status and value above). Keys: 1, 2 (… 9) take that reviewer's decision;
E opens the value for editing (Enter saves it as the adjudicator's, Escape leaves it);
N / P go to the next / previous conflict; PgDown / PgUp to the next / previous document.
Every decision is written with the adjudicator's name to the audit log (core/team/adjudicate.py).
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.storage import StorageError
from reviewer.core.team import TeamError
from reviewer.core.team.adjudicate import Adjudicator, Conflict

CONTEXT = 400  # characters of text shown on either side of the spans
SIDE_COLOURS = ("#ffe08a", "#a8d8ff", "#c8f0c0", "#f4c0f0")


def _value(state: dict | None) -> str:
    if not state:
        return ""
    value = state.get("value")
    return "" if value is None else value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def side_title(index: int, side) -> str:
    if side.deletion:
        return f"{index + 1} · {side.reviewer}: deleted the field"
    state = side.state or {}
    title = f"{index + 1} · {side.reviewer}: {state.get('status')}"
    if "label" in state and state.get("status") != "rejected":
        title += f" — {_value(state) or state.get('text', '')!r}"
    return title


class SidePane(QWidget):
    """One reviewer's decision on the text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFocusPolicy(Qt.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.text)

    def show_side(self, title: str, excerpt: str, span: tuple[int, int] | None, colour: str) -> None:
        self.title.setText(title)
        self.text.setPlainText(excerpt)
        selections = []
        if span is not None and span[1] > span[0]:
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(colour))
            sel.format = fmt
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(_utf16(excerpt, span[0]))
            cursor.setPosition(_utf16(excerpt, span[1]), QTextCursor.KeepAnchor)
            sel.cursor = cursor
            selections.append(sel)
            shown = QTextCursor(cursor)
            shown.clearSelection()
            self.text.setTextCursor(shown)
            self.text.centerCursor()
        self.text.setExtraSelections(selections)


class ValueEditor(QLineEdit):
    """The adjudicator's value: Enter saves (returnPressed), Escape leaves (cancelled)."""

    cancelled = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


def _utf16(text: str, offset: int) -> int:
    """A Python offset into ``text`` as Qt's (UTF-16) position."""
    head = text[:offset]
    return len(head) + sum(1 for ch in head if ord(ch) > 0xFFFF)


class AdjudicationPanel(QWidget):
    """Given the storage, the adjudicator's name and the schema; ``show_document`` opens a
    document (by default the first with conflicts)."""

    decided = Signal(int)  # a document whose field or status the adjudicator just decided
    conflicts_changed = Signal(int)  # conflicts left in the database

    def __init__(self, storage, adjudicator: str, schema, parent=None):
        super().__init__(parent)
        self.adjudicator = Adjudicator(storage, adjudicator, schema)
        self.storage = storage
        self.document_id: int | None = None
        self.items: list[Conflict] = []
        self.documents = QComboBox()
        self.documents.currentIndexChanged.connect(self._document_chosen)
        self.summary = QLabel()
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show_conflict)
        self.list.setFocusPolicy(Qt.NoFocus)
        self.sides = [SidePane(), SidePane()]
        self.editor = ValueEditor()
        self.editor.setPlaceholderText("the adjudicator's value; Enter saves, Escape leaves")
        self.editor.hide()
        self.editor.returnPressed.connect(self._save_edit)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.compare = QSplitter(Qt.Horizontal)
        for pane in self.sides:
            self.compare.addWidget(pane)
        top = QHBoxLayout()
        top.addWidget(QLabel("Document:"))
        top.addWidget(self.documents, 1)
        top.addWidget(self.summary)
        body = QSplitter(Qt.Horizontal)
        body.addWidget(self.list)
        body.addWidget(self.compare)
        body.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)
        layout.addWidget(self.editor)
        layout.addWidget(self.message)
        layout.addWidget(QLabel("1, 2: take that decision · E: edit the value · N / P: next / previous conflict"
                                " · PgDown / PgUp: next / previous document"))
        self.setFocusPolicy(Qt.StrongFocus)
        self.documents.setFocusPolicy(Qt.ClickFocus)
        self.editor.cancelled.connect(self._cancel_edit)
        self.reload()

    def keyPressEvent(self, event) -> None:
        """The panel's keys (they reach it from any child that has no use for them)."""
        key, text = event.key(), event.text()
        if event.modifiers() & ~Qt.KeypadModifier & ~Qt.ShiftModifier:
            super().keyPressEvent(event)
        elif text and text in "123456789":
            self.pick(int(text) - 1)
        elif key == Qt.Key_E:
            self.start_edit()
        elif key == Qt.Key_N:
            self._step(1)
        elif key == Qt.Key_P:
            self._step(-1)
        elif key == Qt.Key_PageDown:
            self._step_document(1)
        elif key == Qt.Key_PageUp:
            self._step_document(-1)
        else:
            super().keyPressEvent(event)

    # -- what is shown -----------------------------------------------------------
    def count(self) -> int:
        return self.adjudicator.count()

    def reload(self, document_id: int | None = None) -> None:
        """Read the documents with conflicts again; show ``document_id`` (or the one shown,
        or the first with conflicts)."""
        docs = self.adjudicator.documents()
        want = document_id if document_id is not None else self.document_id
        self.documents.blockSignals(True)
        self.documents.clear()
        for doc, n in docs:
            self.documents.addItem(f"document {doc} — {n} conflict{'s' if n != 1 else ''}", doc)
        self.documents.blockSignals(False)
        ids = [d for d, _ in docs]
        total = sum(n for _, n in docs)
        self.summary.setText(f"{total} conflict{'s' if total != 1 else ''} left in {len(ids)} "
                             f"document{'s' if len(ids) != 1 else ''}")
        if want in ids:
            self.documents.setCurrentIndex(ids.index(want))
            self.show_document(want)
        elif ids:
            self.documents.setCurrentIndex(0)
            self.show_document(ids[0])
        else:
            self.show_document(None)
        self.conflicts_changed.emit(total)

    def _document_chosen(self, index: int) -> None:
        if index >= 0:
            self.show_document(self.documents.itemData(index))

    def show_document(self, document_id: int | None, row: int = 0) -> None:
        self.document_id = document_id
        self.items = self.adjudicator.conflicts(document_id) if document_id is not None else []
        self._text = self.storage.get_document(document_id).text if document_id is not None else ""
        self.list.blockSignals(True)
        self.list.clear()
        for c in self.items:
            where = f"{c.field.start}-{c.field.end}" if c.field else "status"
            QListWidgetItem(f"{c.label}  {where}  ({', '.join(s.reviewer for s in c.sides)})", self.list)
        self.list.blockSignals(False)
        if self.items:
            self.list.setCurrentRow(min(row, len(self.items) - 1))
            self._show_conflict(self.list.currentRow())
        else:
            for pane in self.sides:
                pane.show_side("", "", None, SIDE_COLOURS[0])
            self.message.setText("No conflict left." if document_id is None else "No conflict in this document.")

    @property
    def current(self) -> Conflict | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show_conflict(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        c = self.items[row]
        while len(self.sides) < len(c.sides):  # a third reviewer: a third pane
            pane = SidePane()
            self.sides.append(pane)
            self.compare.addWidget(pane)
        spans = [(s.state or {}).get("start") for s in c.sides] + [(s.state or {}).get("end") for s in c.sides]
        known = [x for x in spans if isinstance(x, int)]
        lo = max(0, min(known) - CONTEXT) if known else 0
        hi = min(len(self._text), max(known) + CONTEXT) if known else min(len(self._text), 2 * CONTEXT)
        excerpt = self._text[lo:hi]
        for i, pane in enumerate(self.sides):
            pane.setVisible(i < len(c.sides))
            if i >= len(c.sides):
                continue
            state = c.sides[i].state or {}
            span = (state["start"] - lo, state["end"] - lo) if "start" in state else None
            pane.show_side(side_title(i, c.sides[i]), excerpt, span, SIDE_COLOURS[i % len(SIDE_COLOURS)])
        self.message.setText(f"{c.label}: {len(c.sides)} reviewers decided differently; "
                             f"1-{len(c.sides)} takes one" + (", E edits" if c.field else ""))

    # -- decisions -----------------------------------------------------------------
    def pick(self, index: int) -> bool:
        c = self.current
        if c is None or self.editor.isVisible():
            return False
        return self._decide(lambda: self.adjudicator.pick(c, index), c)

    def start_edit(self) -> None:
        c = self.current
        if c is None or c.field is None:
            self.message.setText("A document's status is taken from a reviewer, not edited.")
            return
        first = c.sides[0].state if c.sides else None
        self.editor.setText(_value(first) or c.field.text)
        self.editor.show()
        self.editor.setFocus()
        self.editor.selectAll()

    def _save_edit(self) -> None:
        c = self.current
        if c is None:
            return
        text = self.editor.text()
        if self._decide(lambda: self.adjudicator.edit(c, text), c):
            self._cancel_edit()

    def _cancel_edit(self) -> None:
        self.editor.hide()
        self.setFocus()

    def _decide(self, action, c: Conflict) -> bool:
        row = self.list.currentRow()
        try:
            action()
        except TeamError as err:
            self.message.setText(f"✗ {err}")
            return False
        except StorageError as err:  # said; nothing moves
            self.message.setText(f"✗ not saved: {err}")
            return False
        self.decided.emit(c.document_id)
        self.reload(c.document_id)
        if self.document_id == c.document_id and self.items:
            self.show_document(c.document_id, row)
        return True

    def _step(self, delta: int) -> None:
        if self.items:
            self.list.setCurrentRow((self.list.currentRow() + delta) % len(self.items))

    def _step_document(self, delta: int) -> None:
        n = self.documents.count()
        if n:
            self.documents.setCurrentIndex((self.documents.currentIndex() + delta) % n)
