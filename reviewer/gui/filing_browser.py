"""The Filing tab's safe parts: a QTextDocument and a QTextBrowser that load nothing and
never navigate, and what its worker builds (sanitised HTML in slices, inline images)."""

from __future__ import annotations

import base64
import binascii

from PySide6.QtCore import QByteArray, QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QTextDocument, QTextDocumentFragment
from PySide6.QtWidgets import QTextBrowser

from reviewer.gui.filing_overlay import Overlay, visible_range

from reviewer.core.render_html import Sanitised, preformatted, render, sanitise
from reviewer.core.sources.html_rules import holds_plain_text

MAX_DEPTH = 256  # nesting Qt's rich text is given at most
MAX_TABLE_CELLS = 20_000  # cells of one table (one slice: it cannot be cut)
MAX_BLOCK = 2_000_000  # characters of HTML one slice may need
SLICE = 16 * 1024  # characters of HTML per slice: Qt lays a slice out as it goes in (about 15 ms)
PREVIEW_DONE = "preview done"  # sent after the slices of a long filing's start
PREVIEW = 96 * 1024  # characters of HTML of a long source sanitised first, to show its start early

_SHORTCUT_OVERRIDE = QEvent.Type.ShortcutOverride
_LEFT_RIGHT = (Qt.Key.Key_Left.value, Qt.Key.Key_Right.value)
_CONTROL = Qt.KeyboardModifier.ControlModifier
_LEFT_BUTTON = Qt.MouseButton.LeftButton


def _refusal(kind):
    """What a refused resource is: a blank pixel for an image (given nothing, Qt's image
    handler would read a local file itself), no bytes for anything else."""
    if int(getattr(kind, "value", kind)) == QTextDocument.ResourceType.ImageResource.value:
        image = QImage(1, 1, QImage.Format.Format_ARGB32)
        image.fill(0)
        return image
    return QByteArray()


class FilingDocument(QTextDocument):
    """A document that loads no resource: every request is noted and refused (``_refusal``)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.requests: list[str] = []
        self.setUndoRedoEnabled(False)

    def loadResource(self, kind, url):  # noqa: N802 (Qt's name)
        self.requests.append(url.toString())
        return _refusal(kind)


class FilingBrowser(QTextBrowser):
    """Read-only rich text that never navigates or loads; reports clicks by position; draws
    the field highlights of ``overlay`` over the text (gui/filing_overlay.py)."""

    clicked = Signal(int)  # position of a click that selected nothing

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.requests: list[str] = []
        self._press = None
        self.overlay = Overlay()
        self.painted = 0  # highlight rectangles drawn by the last paint

    def set_spans(self, spans, keys=None) -> None:
        """(start, end, QTextCharFormat) highlights in Qt positions, in paint order."""
        self.overlay.set_spans(spans, keys)
        self.viewport().update()

    def paintEvent(self, event):  # noqa: N802
        super().paintEvent(event)
        if not self.overlay._spans:
            self.painted = 0
            return
        first, last = visible_range(self)
        painter = QPainter(self.viewport())
        offset = QPointF(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        self.painted = self.overlay.paint(painter, self.document(), first, last, offset, QRectF(event.rect()))
        painter.end()

    def loadResource(self, kind, url):  # noqa: N802
        self.requests.append(url.toString())
        return _refusal(kind)

    def doSetSource(self, name, kind=QTextDocument.UnknownResource):  # noqa: N802: links never navigate
        self.requests.append(name.toString())

    def event(self, event):
        # Ctrl+Left/Right belong to the window (previous/next document), as in the Text tab
        if event.type() is _SHORTCUT_OVERRIDE and event.key() in _LEFT_RIGHT and event.modifiers() == _CONTROL:
            event.ignore()
            return False
        return super().event(event)

    def mousePressEvent(self, event):  # noqa: N802
        self._press = event.position().toPoint() if event.button() == _LEFT_BUTTON else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event):  # noqa: N802
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if press is None or (event.position().toPoint() - press).manhattanLength() >= 4:
            return
        if not self.textCursor().hasSelection():
            self.clicked.emit(self.cursorForPosition(event.position().toPoint()).position())


def _limits(sanitised: Sanitised) -> str | None:
    """Why Qt should not be given this HTML, or None."""
    if sanitised.depth > MAX_DEPTH:
        return f"nested {sanitised.depth:,} elements deep"
    if sanitised.table_cells > MAX_TABLE_CELLS:
        return f"a table of {sanitised.table_cells:,} cells"
    if sanitised.largest_block() > MAX_BLOCK:
        return f"one block of {sanitised.largest_block() / 1e6:.1f} MB"
    return None


def _image(uri: str) -> QImage | None:
    head, _, data = uri.partition(",")
    try:
        raw = base64.b64decode(data, validate=False) if ";base64" in head.lower() else data.encode()
    except (binascii.Error, ValueError):
        return None
    image = QImage.fromData(raw)
    return None if image.isNull() else image


def _fragment(html: str) -> QTextDocumentFragment:
    """A slice parsed here, in the worker. Its inner document's root frame must be made here
    too: Qt would otherwise make it in the GUI thread, as the child of an object of another
    thread. A table makes it while parsing; reading a slice without one out makes it."""
    fragment = QTextDocumentFragment.fromHtml(html)
    if "<table" not in html:
        fragment.toHtml()
    return fragment


def _images(sanitised: Sanitised) -> dict[str, QImage]:
    images = {}
    for n, uri in enumerate(sanitised.images):
        image = _image(uri)
        if image is not None:
            images[f"inline-image:{n}"] = image
    return images


def build_fragments(source: str, source_format: str, text: str, progress, item, cancelled) -> str | None:
    """In a worker: the filing's HTML in slices, each emitted by ``item`` as a
    QTextDocumentFragment, after a dict of images (``images``), a notice and whether what
    was sent before is to be dropped (``restart``). Returns the notice.

    A long HTML source is first sanitised in part (until ``PREVIEW`` characters of output):
    the slices before the last one of that part are the first slices of the whole (the
    sanitiser only reads forward), so they are sent at once and the view is readable while
    the rest is sanitised; the whole's slices then go on from there (or start over, should
    the whole be too large for Qt)."""
    sent: list[str] = []
    if source_format == "html" and len(source) > 2 * PREVIEW and not holds_plain_text(source):
        preview = sanitise(source, until=PREVIEW)
        item({"images": _images(preview), "notice": None, "restart": False})
        for chunk in preview.chunks(SLICE)[:-1]:
            if cancelled():
                return None
            item(_fragment(chunk))
            sent.append(chunk)
        item(PREVIEW_DONE)
    sanitised = render(source, source_format, text)
    reason = _limits(sanitised)
    notice = None
    if reason:
        notice = f"This filing is too large for the rendered view ({reason}): its text is shown instead."
        sanitised = preformatted(text)
    chunks = sanitised.chunks(SLICE)
    restart = chunks[:len(sent)] != sent
    item({"images": _images(sanitised), "notice": notice, "restart": restart})
    first = 0 if restart else len(sent)
    for n in range(first, len(chunks)):
        if cancelled():
            return notice
        item(_fragment(chunks[n]))
        progress(n + 1, len(chunks), "")
    return notice
