"""What the writers share: the result, CSV safety, value texts, and the run that reads
document batches for them (ahead, in a reader thread, with progress and cancel)."""

from __future__ import annotations

import gc
import json
import os
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from reviewer.core.extract.schema import Schema
from reviewer.core.storage import Storage, decode_value
from reviewer.core.values import format_value

ABSENT = "[not in document]"
POSITIVE = ("accepted", "edited", "added")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(_FORMULA_START)  # one character each: a set look-up of the first


class ExportError(Exception):
    """An export that cannot be written; the message, one line, says why."""


class ExportCancelled(ExportError):
    """An export stopped by its ``cancelled`` callback; nothing was written."""


@dataclass
class ExportResult:
    documents: int = 0
    fields: int = 0  # audit entries, for the audit format
    path: str = ""
    format: str = ""
    warnings: list[str] = field(default_factory=list)
    also: list[str] = field(default_factory=list)  # files written beside the export

    def summary(self) -> str:
        if self.format == "audit":
            text = f"{self.fields} audit entries written to {self.path}"
        else:
            text = f"{self.documents} documents, {self.fields} fields written to {self.path}"
        if self.also:
            text += f", and {', '.join(self.also)}"
        if self.warnings:
            text += f" ({len(self.warnings)} warning(s))"
        return text


def safe_cell(value) -> str:
    """A CSV cell a spreadsheet will not run as a formula (=, +, -, @, tab, CR first)."""
    if value is None:
        return ""
    text = value if value.__class__ is str else str(value)  # a million cells a second: no call for a str
    if text and text[0] in _FORMULA_FIRST:
        return "'" + text
    return text


def value_text(json_text: str | None) -> str:
    """A stored value as the text a CSV cell shows (format_value of the parsed value)."""
    if json_text is None:
        return ""
    value = decode_value(json_text)
    return value if isinstance(value, str) else format_value(value)


def document_meta(document: list) -> dict:
    """A document's metadata for exports, from a document of a batch (EXPORT_DOCUMENT_FIELDS)."""
    doc_id, doc_type, source_path, m, status, reviewer, decided_at = document[:7]
    return {
        "document_id": doc_id, "accession": m.get("accession") or "", "cik": m.get("cik") or "",
        "doc_type": doc_type, "form_type": m.get("form_type") or "", "exhibit": m.get("exhibit") or "",
        "filing_company": m.get("company") or "", "source_file": os.path.basename(source_path),
        "reviewer": reviewer or "", "approved_at": decided_at if status == "approved" else "",
        "status": status,
    }


@dataclass
class Run:
    """One export: what to export, where its counts go, how it reports and is cancelled."""

    storage: Storage
    schema: Schema
    status: str  # approved | reviewed | all
    labels: list[str] | None  # the labels asked for, or None for all
    result: ExportResult
    progress: Callable[[int, int], None] | None = None
    cancelled: Callable[[], bool] | None = None
    total: int | None = None
    audit: bool = False  # formats with room for it (xlsx) add the audit log

    @property
    def statuses(self) -> tuple[str, ...]:
        """The field statuses exported: never rejected ones; pending ones only for "all"."""
        return POSITIVE + ("absent",) + (("pending",) if self.status == "all" else ())

    def is_cancelled(self) -> bool:
        return bool(self.cancelled and self.cancelled())

    def batches(self, query: Callable[[Storage], Iterator[str]]) -> Iterator[list]:
        """The documents of each batch ``query`` yields, read ahead (see read_ahead) and
        parsed, counted into the result, with progress; stops when cancelled."""
        for text in read_ahead(self.storage, query):
            if self.is_cancelled():
                return
            # the standard library parses: orjson is faster but rounds integers beyond 64 bits
            batch = json.loads(text)
            yield batch
            self.result.documents += len(batch)
            if self.progress:
                self.progress(self.result.documents, self.total or 0)


_DONE = object()


def read_ahead(storage: Storage, query: Callable[[Storage], Iterator], depth: int = 3) -> Iterator:
    """Run ``query`` on a second connection in a reader thread while the caller formats
    the batches it already has: SQLite does its work outside the GIL, so on two cores
    reading and writing overlap. The reader sees one snapshot of the database from the
    first batch to the last, however the review goes on meanwhile. Its connection stays
    in its thread."""
    if storage.path == ":memory:":  # a second connection would open another database
        yield from query(storage)
        return
    path = storage.path
    batches: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                batches.put(item, timeout=0.05)
                return True
            except queue.Full:
                pass
        return False

    def read() -> None:
        try:
            with Storage(path, create=False) as reader, reader.snapshot():
                for batch in query(reader):
                    if not put(batch):
                        return
        except BaseException as err:  # handed over and raised in the caller's thread
            put(err)
            return
        put(_DONE)

    thread = threading.Thread(target=read, name="export-reader", daemon=True)
    thread.start()
    try:
        while True:
            item = batches.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """Exports make millions of short-lived objects without cycles, which reference
    counting frees; the cyclic collector's passes over the program's whole heap meanwhile
    cost up to half an export's time. Paused while any export runs, then restored."""
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()
