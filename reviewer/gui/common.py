"""What the window's panels share: item-data roles as plain ints, and small Qt helpers.

Panels import this module, never one another.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap

# PySide6 enum comparisons cost microseconds each; models compare plain ints.
DISPLAY, EDIT, DECORATION, TOOLTIP, FONT, ALIGN, FOREGROUND = (
    int(r.value) for r in (Qt.DisplayRole, Qt.EditRole, Qt.DecorationRole, Qt.ToolTipRole, Qt.FontRole,
                           Qt.TextAlignmentRole, Qt.ForegroundRole)
)
USER = int(Qt.UserRole.value)


def swatch(colour: str, size: int = 12) -> QIcon:
    """A small square of a label's colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)
