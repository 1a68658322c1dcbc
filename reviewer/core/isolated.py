"""Reading and extracting one file in a child process, within a time budget.

Every reader and rule is meant to be linear in its input, but a pathological file
nobody foresaw must not hang a folder of thousands: each file is read and
extracted in a worker process, and one that takes longer than its budget, or
crashes the worker, is rejected with a reason while the run goes on with a fresh
worker. Cancel stops the file in progress at once. Storing stays in the caller's
process (SQLite connections stay where they were made).
"""

from __future__ import annotations

import os
import pickle
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

from reviewer.core.model import Field, SourceFiling

# seconds for one file: a floor for small ones, plus an allowance per MB read
BASE_BUDGET = 60.0
BUDGET_PER_MB = 10.0
_POLL = 0.05


def budget_for(size_bytes: int, base: float = BASE_BUDGET) -> float:
    return base + BUDGET_PER_MB * size_bytes / 1e6


@dataclass
class Prepared:
    """A file read and extracted, ready to store; or the reason it cannot be."""

    filing: SourceFiling | None = None
    doc_types: list[str] | None = None
    fields: list[list[Field]] | None = None
    checks: list[list[dict]] | None = None
    reason: str | None = None


def prepare(path: str, extractor, max_bytes: int) -> Prepared:
    """Read one file, classify its documents and extract their fields (no storage)."""
    from reviewer.core.sources import SourceError, read_file

    try:
        filing = read_file(path, max_bytes=max_bytes)
    except SourceError as err:
        return Prepared(reason=str(err))
    return extracted(filing, extractor)


def extracted(filing: SourceFiling, extractor) -> Prepared:
    """A filing read: its documents classified and, with an extractor, their fields and checks."""
    from reviewer.core.extract.doctype import classify

    doc_types = [classify(d.part, filing.metadata.form_type, d.text) for d in filing.documents]
    fields = checks = None
    if extractor is not None:
        meta = filing.metadata.as_dict()
        fields, checks = [], []
        for doc, doc_type in zip(filing.documents, doc_types):
            doc_fields, doc_checks = extractor(doc.text, doc_type, {**meta, **doc.metadata})
            fields.append(doc_fields)
            checks.append(doc_checks)
    return Prepared(filing, doc_types, fields, checks)


def _serve(conn, extractor, max_bytes: int) -> None:
    """The worker's loop: a path in, a Prepared out, until the pipe closes."""
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = prepare(path, extractor, max_bytes)
        except MemoryError:
            result = Prepared(reason="reading it needed more memory than the machine has")
        except Exception as err:  # noqa: BLE001 - a bug on one file must not stop the run
            result = Prepared(reason=f"the reader failed on it ({type(err).__name__}: {err})")
        try:
            conn.send(result)
        except (OSError, EOFError):
            return


class Cancelled(Exception):
    """The run was cancelled while a file was being read."""


def worker_command(fd: int) -> list[str]:
    """How to start a worker from this program (a frozen app runs itself with a flag)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--reader-worker", str(fd)]
    return [sys.executable, "-m", "reviewer.core.isolated", str(fd)]


class IsolatedReader:
    """A worker process that prepares files one at a time, with a time budget each.

    The worker is a fresh interpreter (not a fork of a threaded Qt process, and not
    multiprocessing's spawn, which re-runs the caller's main script): it gets the
    extractor and the size limit, then paths, over a socket, and answers Prepared."""

    def __init__(self, extractor, max_bytes: int, base_budget: float = BASE_BUDGET):
        self.extractor = extractor
        self.max_bytes = max_bytes
        self.base_budget = base_budget
        self._process: subprocess.Popen | None = None
        self._conn: Connection | None = None

    @staticmethod
    def usable(extractor) -> bool:
        try:
            pickle.dumps(extractor)
        except Exception:  # noqa: BLE001 - e.g. a local function: prepare in this process instead
            return False
        return True

    def _start(self) -> None:
        ours, theirs = socket.socketpair()
        fd = theirs.fileno()
        # the worker imports what this process can (the extractor's classes among them)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        try:
            self._process = subprocess.Popen(worker_command(fd), pass_fds=(fd,), stdin=subprocess.DEVNULL,
                                             env=env, close_fds=True)
        finally:
            theirs.close()
        self._conn = Connection(ours.detach())
        self._conn.send((self.extractor, self.max_bytes))

    def _alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def prepare(self, path: str, size: int, cancelled: Callable[[], bool] | None = None) -> Prepared:
        if not self._alive():
            self.stop()
            self._start()
        budget = budget_for(size, self.base_budget)
        try:
            self._conn.send(path)
        except OSError:
            self.stop()
            return Prepared(reason="the reader crashed before reading it")
        deadline = time.monotonic() + budget
        while not self._conn.poll(_POLL):
            if cancelled is not None and cancelled():
                self.stop()
                raise Cancelled()
            if not self._alive():
                code = self._process.returncode
                self.stop()
                return Prepared(reason=f"the reader crashed on it (exit code {code})")
            if time.monotonic() > deadline:
                self.stop()
                return Prepared(reason=f"reading and extracting it took over {budget:.0f} s, "
                                       "the limit for a file of this size")
        try:
            return self._conn.recv()
        except (EOFError, OSError):
            self.stop()
            return Prepared(reason="the reader crashed on it")

    def stop(self) -> None:
        process, self._process = self._process, None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if process is not None:
            try:
                process.wait(timeout=0.5)  # it ends by itself once the socket closes
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str]) -> int:
    conn = Connection(int(argv[0]))
    try:
        extractor, max_bytes = conn.recv()
    except (EOFError, OSError):
        return 0
    _serve(conn, extractor, max_bytes)
    return 0


if __name__ == "__main__":
    # run as the module itself, so that what it sends back unpickles as reviewer.core.isolated.Prepared
    from reviewer.core import isolated

    sys.exit(isolated.main(sys.argv[1:]))
