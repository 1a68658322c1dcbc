"""The review window: time to open a document with its fields painted, accept latency, and
the resident memory with a 100,000-document database open. Ratios are to a bare
QPlainTextEdit.setPlainText of the same text, measured in the same run."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _painted(widget, app) -> None:
    widget.viewport().repaint()
    app.processEvents()


def run(corpus: Path) -> None:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPlainTextEdit

    from reviewer.core.extract import default_extractor
    from reviewer.core.ingest import ingest
    from reviewer.core.storage import Storage
    from reviewer.gui.app import make_application
    from reviewer.gui.main_window import MainWindow

    app = make_application()
    tmp = Path(tempfile.mkdtemp())
    storage = Storage(tmp / "gui.db")
    extractor = default_extractor()
    docs = {}
    for name, path in (("8-K (oracle, 42 KB file)", corpus / "dev" / "oracle-8k.html"),
                       ("10-K (aapl, 1.5 MB file)", corpus / "large" / "aapl-10k-2024.html"),
                       ("10-K (abbv, 3.8 MB file)", corpus / "large" / "abbv-10k-2025.html")):
        added = []
        ingest(storage, [path], extractor=extractor, on_result=lambda r: added.extend(r.added))
        docs[name] = added[0]
    window = MainWindow(storage, "bench", QSettings(str(tmp / "s.ini"), QSettings.IniFormat))
    window.resize(1500, 900)
    window.show()
    app.processEvents()
    bare = QPlainTextEdit()
    bare.resize(600, 800)
    bare.show()

    print(f"{'document':<26}{'chars':>9}{'fields':>8}{'bare ms':>9}{'open ms':>9}{'ratio':>7}")
    for name, doc_id in docs.items():
        text = storage.get_document(doc_id).text
        bare_times, open_times = [], []
        for _ in range(3):
            bare.setPlainText("")
            app.processEvents()
            t = time.perf_counter()
            bare.setPlainText(text)
            _painted(bare, app)
            bare_times.append(time.perf_counter() - t)
            ids = list(docs.values())
            window.open_document(ids[-1] if doc_id == ids[0] else ids[0])  # come from another document
            app.processEvents()
            t = time.perf_counter()
            window.open_document(doc_id)
            _painted(window.source.text, app)
            open_times.append(time.perf_counter() - t)
        b, o = min(bare_times) * 1000, min(open_times) * 1000
        n_fields = len(storage.fields(doc_id))
        print(f"{name:<26}{len(text):>9}{n_fields:>8}{b:>9.1f}{o:>9.1f}{o / b:>7.2f}")
    print("targets: the 8-K opens in <= 50 ms; the 3.8 MB 10-K in <= 3x bare setPlainText")

    # accept latency: keystroke until the next field is selected and the decision committed
    doc_id = docs["10-K (abbv, 3.8 MB file)"]
    window.open_document(doc_id)
    window.fields.table.setFocus()
    app.processEvents()
    times = []
    for _ in range(300):
        t = time.perf_counter()
        QTest.keyClick(window.fields.table, Qt.Key_A)
        app.processEvents()
        times.append(time.perf_counter() - t)
    times.sort()
    p99 = times[int(len(times) * 0.99) - 1]
    print(f"accept on the 10-K: median {statistics.median(times) * 1000:.2f} ms, "
          f"p99 {p99 * 1000:.2f} ms over {len(times)} keystrokes (target p99 <= 16 ms)")
    window.close()
    storage.close()

    from bench_db import build

    db = build(corpus)
    code = (
        "import os,sys; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
        "from PySide6.QtCore import QSettings\n"
        "from reviewer.gui.app import make_application\n"
        "from reviewer.core.storage import Storage\n"
        "from reviewer.gui.main_window import MainWindow\n"
        "app = make_application()\n"
        f"w = MainWindow(Storage({str(db)!r}), 'bench', QSettings({str(tmp / 'm.ini')!r}, QSettings.IniFormat))\n"
        "w.show(); app.processEvents()\n"
        "w.queue.set_filter_name('All'); app.processEvents()  # every document, not only those to review\n"
        "t = w.queue.table\n"
        "for row in range(0, w.queue.model.rowCount(), 2000):\n"
        "    t.scrollTo(w.queue.model.index(row, 0)); app.processEvents()\n"
        "w.queue.select_row(w.queue.model.rowCount() - 1); app.processEvents()\n"
        "rss = [l for l in open('/proc/self/status') if l.startswith('VmRSS')][0].split()[1]\n"
        "print(w.queue.model.rowCount(), int(rss) // 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    print(f"resident memory with {int(out[0]):,} documents open and scrolled end to end: "
          f"{out[1]} MB (target <= 300 MB)")
