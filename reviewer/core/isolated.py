"""Reading and extracting one file in a child process, within a time budget.

Every reader and rule is meant to be linear in its input, but a pathological file
nobody foresaw must not hang a folder of thousands: each file is read and
extracted in a worker process, and one that takes longer than its budget, or
crashes the worker, is rejected with a reason while the run goes on with a fresh
worker. Cancel stops the file in progress at once. Storing stays in the caller's
process (SQLite connections stay where they were made).
"""

from __future__ import annotations

import multiprocessing
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass

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
    from reviewer.core.extract.doctype import classify
    from reviewer.core.sources import SourceError, read_file

    try:
        filing = read_file(path, max_bytes=max_bytes)
    except SourceError as err:
        return Prepared(reason=str(err))
    doc_types = [classify(d.part, filing.metadata.form_type, d.text) for d in filing.documents]
    fields = checks = None
    if extractor is not None:
        meta = filing.metadata.as_dict()
        fields, checks = [], []
        for doc, doc_type in zip(filing.documents, doc_types):
            doc_fields, doc_checks = extractor(doc.text, doc_type, meta)
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
        conn.send(result)


class Cancelled(Exception):
    """The run was cancelled while a file was being read."""


class IsolatedReader:
    """A worker process that prepares files one at a time, with a time budget each."""

    def __init__(self, extractor, max_bytes: int, base_budget: float = BASE_BUDGET):
        self.extractor = extractor
        self.max_bytes = max_bytes
        self.base_budget = base_budget
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded (Qt) process
        self._process = None
        self._conn = None

    @staticmethod
    def usable(extractor) -> bool:
        try:
            pickle.dumps(extractor)
        except Exception:  # noqa: BLE001 - e.g. a local function: prepare in this process instead
            return False
        return True

    def _start(self) -> None:
        parent, child = self._context.Pipe()
        self._process = self._context.Process(target=_serve, args=(child, self.extractor, self.max_bytes),
                                              daemon=True, name="filing-reviewer-reader")
        self._process.start()
        child.close()
        self._conn = parent

    def prepare(self, path: str, size: int, cancelled: Callable[[], bool] | None = None) -> Prepared:
        if self._process is None or not self._process.is_alive():
            self._start()
        budget = budget_for(size, self.base_budget)
        self._conn.send(path)
        deadline = time.monotonic() + budget
        while not self._conn.poll(_POLL):
            if cancelled is not None and cancelled():
                self.stop()
                raise Cancelled()
            if not self._process.is_alive():
                code = self._process.exitcode
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
            process.join(timeout=0.2)
            if process.is_alive():
                process.kill()
                process.join()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
