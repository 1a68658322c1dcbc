import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from reviewer.core.extract import default_extractor
from reviewer.core.ingest import ingest_paths
from reviewer.core.storage import Storage


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch):
    """A test fails on an error dialog instead of hanging on it."""
    def fail(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    monkeypatch.setattr(QMessageBox, "critical", fail)
    monkeypatch.setattr(QMessageBox, "warning", fail)


@pytest.fixture(autouse=True)
def synchronous_jobs(request, monkeypatch):
    """Background jobs run at once in the test's thread, unless a test asks for threads."""
    from reviewer.gui import workers

    if "threaded_jobs" not in request.keywords:
        monkeypatch.setattr(workers, "pool", workers.Synchronous())


@pytest.fixture
def db_path(tmp_path, data_dir):
    path = tmp_path / "review.db"
    with Storage(path) as storage:
        list(ingest_paths(storage, [data_dir], extractor=default_extractor()))
    return path


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    yield s
    s.sync()


@pytest.fixture
def make_window(qtbot, db_path, settings):
    from reviewer.gui.main_window import MainWindow

    opened = []

    def make(path=None, reviewer="tester", **storage_options):
        storage = Storage(path or db_path, **storage_options)
        window = MainWindow(storage, reviewer, settings)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
        # the first window of a run is not always made active at once offscreen: keys need it
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
        opened.append(window)
        return window

    yield make
    for w in opened:
        w.close()
        w.storage.close()


@pytest.fixture
def window(make_window):
    return make_window()
