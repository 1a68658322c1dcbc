"""Exports of reviewed work: the analyst's CSV and span-annotated training data.

Streams documents from the database a batch at a time (memory stays flat), writes
deterministic bytes to a temporary file beside the destination and renames it into
place, so a crash never leaves half a file under the final name (files.py: the temporary
file is locked while written, removed when the export fails or is cancelled, and removed
by the next export to the folder when a killed export left it). Rejected fields are
never exported as values; "not in document" marks export as an explicit absence.
"""

from __future__ import annotations

import importlib
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from reviewer.core.export.common import (
    ABSENT,
    ExportCancelled,
    ExportError,
    ExportResult,
    Run,
    paused_gc,
    safe_cell,
    value_text,
)
from reviewer.core.export.files import PartFile, remove_stale_parts, write_error
from reviewer.core.extract.schema import Schema
from reviewer.core.paths import output_problem
from reviewer.core.storage import Storage

STDOUT = "-"  # ``out`` for standard output
Format = Literal["csv", "csv-long", "xlsx", "jsonl", "prodigy", "spacy", "conll", "label-studio", "doccano", "audit"]
Selection = Literal["approved", "reviewed", "all"]
FORMATS: tuple[str, ...] = get_args(Format)
STATUSES: tuple[str, ...] = get_args(Selection)
# each format's writer (module:function, imported when first used: some need a library
# the others do not) and its output: a text file, a binary file, or a path a library writes
_WRITERS = {
    "csv": ("tables:write_csv", "text"), "csv-long": ("tables:write_csv_long", "text"),
    "xlsx": ("xlsx:write_xlsx", "path"), "jsonl": ("training:write_jsonl", "bytes"),
    "prodigy": ("prodigy:write_prodigy", "bytes"), "spacy": ("training:write_spacy", "path"),
    "conll": ("training:write_conll", "text"), "label-studio": ("labelstudio:write_label_studio", "bytes"),
    "doccano": ("doccano:write_doccano", "bytes"), "audit": ("tables:write_audit", "text"),
}


def _writer(fmt: str) -> tuple[Callable, str]:
    """The writer of ``fmt`` and its kind of output."""
    where, output = _WRITERS[fmt]
    if callable(where):  # a writer given as it is (tests)
        return where, output
    module, name = where.split(":")
    return getattr(importlib.import_module(f"reviewer.core.export.{module}"), name), output

__all__ = ["ABSENT", "FORMATS", "STATUSES", "STDOUT", "ExportCancelled", "ExportError", "ExportRequest", "ExportResult", "export",
           "safe_cell", "value_text"]


@dataclass(frozen=True)
class ExportRequest:
    """What to export, where: what the export dialog and the export command ask for."""

    fmt: Format
    out: str
    status: Selection = "approved"
    labels: tuple[str, ...] | None = None  # None: every label of the schema
    excel: bool = False  # UTF-8 with a BOM, for spreadsheet programs
    audit: bool = False  # xlsx: an audit sheet too

    def run(self, storage: Storage, schema: Schema, *, progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> ExportResult:
        return export(storage, schema, self.fmt, self.out, status=self.status, labels=self.labels,
                      excel=self.excel, audit=self.audit, progress=progress, cancelled=cancelled)


def export(
    storage: Storage, schema: Schema, fmt: str, out: str | os.PathLike, *, status: str = "approved",
    labels: Iterable[str] | None = None, excel: bool = False, audit: bool = False,
    progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
    stdout=None,
) -> ExportResult:
    """Write the documents of ``status`` (approved, reviewed or all) in ``fmt`` to ``out``.
    ``out`` "-" (STDOUT) writes to ``stdout`` (a binary stream; standard output unless
    given), as the bytes would be in the file.
    ``progress(done, total)`` is called after each batch (total 0 when unknown); when
    ``cancelled()`` turns true the export stops and nothing is written (ExportCancelled).
    Raises ExportError, with a one-line message, for whatever cannot be exported or
    written ("cannot write <out>: No space left on device"); the destination is then
    left as it was."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    if status not in STATUSES:
        raise ExportError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
    wanted = None
    if labels:
        wanted = sorted(set(labels))
        unknown = set(wanted) - set(schema.names)
        if unknown:
            raise ExportError(f"unknown label(s): {', '.join(sorted(unknown))}")
    to_stdout = str(out) == STDOUT
    out = Path(out)
    problem = None if to_stdout else output_problem(out)
    if problem:
        raise ExportError(problem)
    # progress needs a total: cheap to count for "approved" and "all", not for "reviewed"
    total = None if status == "reviewed" else storage.count_documents(status=None if status == "all" else status)
    result = ExportResult(path="standard output" if to_stdout else str(out), format=fmt)
    run = Run(storage, schema, status, wanted, result, progress, cancelled, total, audit=audit)
    if to_stdout:
        _to_stream(run, fmt, excel, stdout if stdout is not None else sys.stdout.buffer)
        return result
    remove_stale_parts(out.parent)  # left by exports killed before they could clean up
    try:
        part = PartFile.create(out)
    except OSError as err:
        raise ExportError(write_error(out, err)) from err
    try:
        with paused_gc():
            _write(run, fmt, excel, part.path, part.fd)
        if run.is_cancelled():
            raise ExportCancelled("export cancelled; nothing was written")
        part.commit()
    except OSError as err:  # disk full, quota, I/O error, folder gone...: one line, no half file
        part.discard()
        raise ExportError(write_error(out, err)) from err
    except BaseException:
        part.discard()
        raise
    return result


def _write(run: Run, fmt: str, excel: bool, path: Path, fd: int) -> None:
    """Run the writer of ``fmt`` on the open file ``fd`` at ``path``."""
    writer, output = _writer(fmt)
    if output == "path":
        writer(run, str(path))
        return
    encoding = ("utf-8-sig" if excel else "utf-8") if output == "text" else None
    # closefd=False: the descriptor keeps the file's lock until it is renamed
    with open(fd, "w" if output == "text" else "wb", encoding=encoding,
              newline="" if output == "text" else None, closefd=False) as handle:
        writer(run, handle)


def _to_stream(run: Run, fmt: str, excel: bool, stream) -> None:
    """Write to a binary stream (standard output). Text and JSON lines go out as they
    are made, so a pipe into ``head`` or ``jq`` starts at once; a format a library
    writes to a path is made in a private temporary folder, then copied. A cancelled
    or failed export may leave part of its output in the stream: it raises as ever."""
    with paused_gc():
        writer, output = _writer(fmt)
        try:
            if output == "path":
                with tempfile.TemporaryDirectory(prefix="filing-reviewer-") as folder:
                    path = os.path.join(folder, "export")
                    writer(run, path)
                    if not run.is_cancelled():
                        with open(path, "rb") as made:
                            shutil.copyfileobj(made, stream)
            elif output == "text":
                handle = io.TextIOWrapper(stream, encoding="utf-8-sig" if excel else "utf-8", newline="")
                try:
                    writer(run, handle)
                    handle.flush()
                finally:
                    handle.detach()  # the stream stays open: it is not ours
            else:
                writer(run, stream)
            stream.flush()
        except BrokenPipeError:  # the reader stopped reading (head): not an error of ours
            raise ExportError("standard output was closed before the export ended") from None
        except OSError as err:
            raise ExportError(write_error("to standard output", err)) from err
    if run.is_cancelled():
        raise ExportCancelled("export cancelled; the output is incomplete")
