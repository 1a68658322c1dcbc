"""Team review in the window: a Team menu with the adjudication of conflicts and the
statistics, each in a dock beside the review, and the conflicts left counted in the status bar.

``install(window)`` adds them to a MainWindow once (after its status bar and actions are
built). The adjudication dock reads and writes through the window's storage, on the GUI
thread like the rest of the review; a decision taken there refreshes the document shown
(``window.changed_elsewhere``), and a merge made meanwhile by another program is seen with
the window's own external-change watch.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel

from reviewer.core.storage import team as team_db
from reviewer.core.storage import team_reads

ADJUDICATE_KEYS = ("Ctrl+Shift+J",)
STATS_KEYS = ("Ctrl+Shift+T",)


def conflicts_text(n: int) -> str:
    return f"Conflicts left: {n}" if n else "No conflict left"


class TeamMode(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.adjudication = None
        self.stats = None
        self.conflicts = QLabel()
        self.conflicts.setContentsMargins(6, 0, 6, 0)
        self.conflicts.setToolTip(f"Fields and document statuses reviewers decided differently: "
                                  f"{ADJUDICATE_KEYS[0]} adjudicates them")
        window.statusBar().addPermanentWidget(self.conflicts)
        bar = window.menuBar()
        help_menu = next((a for a in bar.actions() if a.text() == "&Help"), None)
        menu = bar.addMenu("&Team")
        if help_menu is not None:  # Help stays the last menu
            bar.insertMenu(help_menu, menu)
        self.adjudicate_action = self._action("&Adjudicate conflicts", ADJUDICATE_KEYS, self.show_adjudication,
                                              "Both reviewers' decisions side by side; 1 / 2 takes one, E edits")
        self.stats_action = self._action("&Statistics", STATS_KEYS, self.show_stats,
                                         "Progress per reviewer, decisions per hour, acceptance per label")
        menu.addAction(self.adjudicate_action)
        menu.addAction(self.stats_action)
        live = getattr(window, "live", None)
        if live is not None:
            live.changed.connect(lambda _ids: self.changed())
        self.update_count()

    def _action(self, text: str, keys, slot, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.WindowShortcut)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    # -- the count in the status bar ----------------------------------------------------
    def update_count(self, n: int | None = None) -> int:
        storage = self.window.storage
        if n is None:
            n = team_reads.conflict_count(storage)
        merged = bool(n) or team_db.team_meta(storage).get("role") == "merged"
        self.conflicts.setText(conflicts_text(n))
        self.conflicts.setVisible(merged)  # a reviewer's own database has nothing to count
        return n

    def changed(self) -> int:
        """The database changed outside this window (a merge into it, say)."""
        n = self.update_count()
        if self.adjudication is not None:
            self.adjudication.widget().reload()
        if self.stats is not None and self.stats.isVisible():
            self.stats.widget().refresh()
        return n

    # -- the docks ---------------------------------------------------------------------
    def show_adjudication(self) -> None:
        if self.adjudication is None:
            from reviewer.gui.adjudication import AdjudicationPanel

            panel = AdjudicationPanel(self.window.storage, self.window.session.reviewer, self.window.schema)
            panel.conflicts_changed.connect(self.update_count)
            panel.decided.connect(lambda doc: self.window.changed_elsewhere({doc}))
            self.adjudication = self._dock("Adjudication", panel, Qt.BottomDockWidgetArea)
            if self.stats is not None:
                self.window.tabifyDockWidget(self.stats, self.adjudication)
        else:
            self.adjudication.widget().reload()
        self.adjudication.show()
        self.adjudication.raise_()
        self.adjudication.widget().setFocus()

    def show_stats(self) -> None:
        if self.stats is None:
            from reviewer.gui.stats_view import StatsView

            self.stats = self._dock("Statistics", StatsView(self.window.storage), Qt.BottomDockWidgetArea)
            if self.adjudication is not None:  # the width of the window for the charts, a tab each
                self.window.tabifyDockWidget(self.adjudication, self.stats)
        else:
            self.stats.widget().refresh()
        self.stats.show()
        self.stats.raise_()
        self.stats.widget().setFocus()

    def _dock(self, title: str, widget, area) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(f"team-{title.lower()}")
        dock.setWidget(widget)
        self.window.addDockWidget(area, dock)
        return dock


def install(window) -> TeamMode:
    """The Team menu, its docks and the conflicts count, added to ``window`` once."""
    found = getattr(window, "team", None)
    if isinstance(found, TeamMode):
        return found
    window.team = TeamMode(window)
    return window.team
