"""The team's statistics in the window: the charts `reviewer stats --html` writes (progress
per reviewer, decisions per hour, acceptance rate per label, most-corrected labels), drawn
by matplotlib into pixmaps, with their figures as a table beside. Without matplotlib the
figures alone are shown, and why."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.team import charts
from reviewer.core.team.stats import Stats, stats

COLUMNS = ("label", "accepted", "edited", "rejected", "added", "acceptance")


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.0%}"


class StatsView(QWidget):
    """Given the storage; ``refresh`` reads and draws again (also the R key and the button)."""

    def __init__(self, storage, parent=None):
        super().__init__(parent)
        self.storage = storage
        self.stats: Stats | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.charts: dict[str, QLabel] = {}
        grid = QGridLayout()
        for i, name in enumerate(charts.CHARTS):
            label = QLabel()
            label.setAlignment(Qt.AlignCenter)
            label.setMinimumSize(320, 160)
            self.charts[name] = label
            grid.addWidget(label, i // 2, i % 2)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        again = QPushButton("Refresh")
        again.clicked.connect(self.refresh)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        layout.addLayout(grid)
        layout.addWidget(self.table)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.addWidget(again, 0, Qt.AlignRight)
        outer.addWidget(scroll)
        self.refresh()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_R and not event.modifiers():
            self.refresh()
        else:
            super().keyPressEvent(event)

    def refresh(self) -> None:
        s = self.stats = stats(self.storage)
        people = ", ".join(f"{r}: {s.total(r)} decisions, {s.pace(r):.0f}/hour" for r in s.reviewers)
        self.summary.setText(people or "No decisions yet.")
        self._fill_table(s)
        try:
            for name, make in charts.CHARTS.items():
                pixmap = QPixmap()
                pixmap.loadFromData(charts.png(make(s), dpi=int(72 * self.devicePixelRatioF())))
                pixmap.setDevicePixelRatio(self.devicePixelRatioF())
                self.charts[name].setPixmap(pixmap)
                self.charts[name].setToolTip(make.__doc__ or "")
            self.note.setText("")
        except charts.ChartsUnavailable as err:
            for label in self.charts.values():
                label.clear()
            self.note.setText(str(err))

    def _fill_table(self, s: Stats) -> None:
        rows = sorted(s.labels.values(), key=lambda o: o.label)
        self.table.setRowCount(len(rows))
        for r, o in enumerate(rows):
            for c, value in enumerate((o.label, o.accepted, o.edited, o.rejected, o.added, _pct(o.acceptance))):
                item = QTableWidgetItem(str(value))
                if c:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(r, c, item)
