"""F1 or ?: every key of the window, drawn over the window, built from the actions' own
table so that what it says is what the menus do. Esc, F1, ? or a click closes it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QKeySequence, QPainter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from reviewer.gui.actions import MENUS, SPECS

# Keys that are not actions of the menus: the views handle them themselves.
EXTRA_KEYS = {
    "F&ield": [("Down, Up", "next / previous field (as J, K)"),
               ("Enter (while editing)", "save the edited value; Esc cancels"),
               ("Right-click", "the field's or the text's actions")],
    "&Edit": [("Enter, Shift+Enter (in Find)", "next / previous match"),
              ("Alt+C, Alt+W (in Find)", "match case, whole words")],
    "&Document": [("Ctrl+Shift+J", "Team: adjudicate conflicts (1 / 2 takes a reviewer's decision, E edits)"),
                  ("Ctrl+Shift+T", "Team: statistics")],
    "&Help": [("?", "these keys (while the review area has focus)")],
}
HOW_TO_START = ("<b>How to start.</b> Ctrl+O ingests files, Ctrl+Shift+O a folder, or drop files or folders on "
                "the window. Pick a document in the queue; the fields of the document are on the right, "
                "highlighted in the text. A accepts, X rejects, E edits, R re-anchors a field to the selected "
                "text, N adds a field from the selection; each key goes on to the next pending field. "
                "Ctrl+Return approves the document. Every decision is saved at once.")


def key_text(keys: tuple[str, ...]) -> str:
    """Keys as the menus show them on this platform (Ctrl, or ⌘ on macOS)."""
    return ", ".join(QKeySequence(k).toString(QKeySequence.NativeText) for k in keys)


def keys_html() -> str:
    """The key table, menu by menu, in the order of the menus."""
    sections = []
    for menu in MENUS:
        rows = [(key_text(s.keys), s.text.replace("&", "")) for s in SPECS if s.menu == menu and s.keys]
        rows += EXTRA_KEYS.get(menu, [])
        if not rows:
            continue
        body = "".join(f"<tr><td width='220' style='padding:1px 14px 1px 0'><b>{escape(k)}</b></td><td>{escape(t)}</td></tr>"
                       for k, t in rows)
        sections.append(f"<h3 style='margin:8px 0 2px 0'>{menu.replace('&', '')}</h3><table>{body}</table>")
    return "".join(sections)


class HelpOverlay(QWidget):
    """A translucent sheet over the whole window with the key table; closed by Esc, F1, ? or a click."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setAttribute(Qt.WA_StyledBackground, False)
        self.setFocusPolicy(Qt.StrongFocus)
        self._return_focus: QWidget | None = None
        card = QLabel(f"<h2 style='margin:0'>Keys of the review window</h2>"
                      f"<p style='margin:4px 0 0 0'>{HOW_TO_START}</p>{keys_html()}"
                      "<p style='color:#555'>Esc, F1 or a click closes this sheet.</p>")
        card.setObjectName("helpCard")
        card.setWordWrap(True)
        card.setTextFormat(Qt.RichText)
        card.setStyleSheet("#helpCard { background: #fdfdfd; color: #1a1a1a; border: 1px solid #9a9a9a;"
                           " border-radius: 6px; padding: 14px 18px; }")
        card.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.card = card
        scroll = QScrollArea()
        scroll.setWidget(card)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        scroll.setFocusPolicy(Qt.NoFocus)
        self.scroll = scroll
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, alignment=Qt.AlignHCenter)
        parent.installEventFilter(self)
        self.hide()

    def toggle(self) -> None:
        self.close_sheet() if self.isVisible() else self.open_sheet()

    def open_sheet(self) -> None:
        parent = self.parentWidget()
        self._return_focus = parent.focusWidget() if parent is not None else None
        self._fit()
        self.show()
        self.raise_()
        self.setFocus()

    def close_sheet(self) -> None:
        self.hide()
        if self._return_focus is not None:
            self._return_focus.setFocus()  # back where the reviewer was, so the next key is a review key

    def _fit(self) -> None:
        parent = self.parentWidget()
        self.setGeometry(parent.rect())
        self.scroll.setFixedWidth(min(760, max(320, parent.width() - 40)))
        self.scroll.setMaximumHeight(max(200, parent.height() - 40))

    def eventFilter(self, obj, event):  # noqa: N802
        if obj is self.parentWidget() and event.type() == QEvent.Resize and self.isVisible():
            self._fit()
        return False

    def keyPressEvent(self, event):  # noqa: N802
        if event.key() in (Qt.Key_Escape, Qt.Key_F1, Qt.Key_Question):
            self.close_sheet()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event):  # noqa: N802
        self.close_sheet()

    def paintEvent(self, event):  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(20, 20, 20, 120))
