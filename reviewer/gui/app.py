"""Start the Qt application on a review database."""

from __future__ import annotations

import sys
from pathlib import Path


def run(db_path: Path, reviewer_name: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from reviewer.core.storage import Storage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Filing Reviewer")
    storage = Storage(db_path)
    window = QMainWindow()
    window.setWindowTitle(f"Filing Reviewer — {Path(db_path).name}")
    window.setCentralWidget(QLabel(f"{storage.count_documents()} documents in {db_path}"))
    window.resize(1000, 700)
    window.show()
    return app.exec()
