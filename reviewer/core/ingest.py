"""Ingest: find files, read them, classify and extract, and store what is new.

``ingest`` is the one way in, for the CLI, the window's worker, the demo and the
benchmarks: it reports progress, honours cancel (the file in progress is never
stored), reads each file in a worker process within a time budget, and goes on
with the next file whatever one file does.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.isolated import Cancelled, IsolatedReader, Prepared, prepare
from reviewer.core.model import Field, SkippedPart
from reviewer.core.sources import DEFAULT_MAX_BYTES, MARKDOWN_SUFFIXES
from reviewer.core.storage import ReadOnlyError, Storage, StorageError

# In folders, only files that can be filings are read (a file named on the command
# line is always read). EDGAR ships submissions as .txt and .nc; wire archives keep
# press releases as Markdown.
FILING_SUFFIXES = frozenset({"", ".txt", ".nc", ".htm", ".html", ".xhtml", ".xml", ".sgml", ".sgm"}
                            | MARKDOWN_SUFFIXES)
# (text, doc_type, metadata) -> (fields, checks)
Extractor = Callable[[str, str, dict], tuple[list[Field], list[dict]]]
Progress = Callable[[int, int, str], None]


def shown_path(path: str) -> str:
    """A path as text that can be stored and printed: bytes that are not UTF-8 in a file
    name become backslash escapes (the file itself is still read by its real name)."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


@dataclass
class FileResult:
    path: str
    outcome: str  # "added", "duplicate", "rejected" or "passed" (not a filing, in a folder)
    reason: str | None = None
    added: list[int] = field(default_factory=list)
    duplicates: int = 0
    skipped: list[SkippedPart] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Summary:
    files: int = 0
    added_files: int = 0
    added_documents: int = 0
    duplicate_files: int = 0
    skipped_parts: int = 0
    passed_files: int = 0
    rejected: list[FileResult] = field(default_factory=list)
    cancelled: bool = False

    def count(self, result: FileResult) -> None:
        self.files += 1
        self.added_documents += len(result.added)
        self.skipped_parts += len(result.skipped)
        if result.outcome == "added":
            self.added_files += 1
        elif result.outcome == "duplicate":
            self.duplicate_files += 1
        elif result.outcome == "passed":
            self.passed_files += 1
        else:
            self.rejected.append(result)

    @property
    def ok(self) -> bool:
        return not self.rejected


def find_files(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[str, str | None]]:
    """(path, None) for every file to read; (path, reason) for what is not read.

    Folders are walked recursively in sorted order, following links but never
    twice into the same folder (symlink loops); hidden entries (files and folders)
    are passed over, and so are files whose suffix no filing has: each is yielded
    with a reason starting "passed over", so that no file is left out silently.
    """
    for raw in paths:
        path = os.fspath(raw)
        if os.path.isdir(path):
            yield from _walk(path)
        elif os.path.lexists(path):
            yield path, None
        else:
            yield path, "no such file or folder"


def _walk(top: str) -> Iterator[tuple[str, str | None]]:
    seen: set[tuple[int, int]] = set()
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
        except OSError as err:
            yield folder, _reason(err)
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield folder, "symlink loop: folder already visited"
            continue
        seen.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            yield folder, _reason(err)
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                yield entry.path, "passed over: hidden"
                continue
            try:
                is_dir = entry.is_dir()
            except OSError as err:
                yield entry.path, _reason(err)
                continue
            if is_dir:
                subfolders.append(entry.path)
            elif Path(entry.name).suffix.lower() in FILING_SUFFIXES:
                yield entry.path, None
            else:
                yield entry.path, f"passed over: {Path(entry.name).suffix} files are not filings"
        stack.extend(reversed(subfolders))


def _reason(err: OSError) -> str:
    import errno

    if err.errno == errno.ELOOP:
        return "symlink loop"
    return f"unreadable: {err.strerror or err}"


def problem_result(path: str, problem: str) -> FileResult:
    return FileResult(path, "passed" if problem.startswith("passed over") else "rejected", problem)


def store(storage: Storage, path: str, prepared: Prepared) -> FileResult:
    if prepared.reason is not None:
        return FileResult(shown_path(path), "rejected", prepared.reason)
    filing = prepared.filing
    filing.path = shown_path(filing.path)
    for doc in filing.documents:
        doc.filename = doc.filename and shown_path(doc.filename)
    try:
        _, added, duplicates = storage.add_filing(filing, doc_types=prepared.doc_types, fields=prepared.fields,
                                                  checks=prepared.checks)
    except ReadOnlyError:
        raise
    except StorageError as err:
        return FileResult(filing.path, "rejected", f"not stored: {err}")
    warnings = [w for d in filing.documents for w in d.warnings]
    return FileResult(
        filing.path, "added" if added else "duplicate", None, added, duplicates, filing.skipped, warnings
    )


def ingest_file(
    storage: Storage, path: str, *, extractor: Extractor | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FileResult:
    """One file, read in this process (no time budget): for tests and tools."""
    if storage.is_own_file(path):
        return FileResult(shown_path(path), "rejected", "this is the review database itself")
    return store(storage, path, prepare(path, extractor, max_bytes))


def ingest(
    storage: Storage, paths: Iterable[str | os.PathLike], *, extractor: Extractor | None = None,
    progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
    on_result: Callable[[FileResult], None] | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
    isolate: bool = True, base_budget: float | None = None,
) -> Summary:
    """Ingest files and folders; returns what happened to each file, counted.

    ``progress(done, total, name)`` before each file and once at the end;
    ``cancelled()`` is asked between and during files: a cancelled file is never
    stored. ``isolate``: read and extract in a worker process, rejecting a file
    that takes longer than its time budget (``base_budget`` seconds plus an
    allowance per MB) instead of hanging the run. Raises ReadOnlyError at once on a
    read-only database; any other storage error rejects that file and goes on.
    """
    if storage.read_only:
        raise ReadOnlyError(f"cannot ingest: {storage.path} is open read-only ({storage.read_only_reason})")
    summary = Summary()
    files = list(find_files(paths))
    reader = None
    if isolate and IsolatedReader.usable(extractor):
        reader = IsolatedReader(extractor, max_bytes, **({"base_budget": base_budget} if base_budget else {}))
    try:
        for i, (path, problem) in enumerate(files):
            if cancelled is not None and cancelled():
                summary.cancelled = True
                break
            if progress is not None:
                progress(i, len(files), os.path.basename(shown_path(path)))
            if problem is None and storage.is_own_file(path):
                problem = "this is the review database itself"
            if problem is not None:
                result = problem_result(shown_path(path), shown_path(problem))
            else:
                try:
                    prepared = (reader.prepare(path, _size(path), cancelled) if reader is not None
                                else prepare(path, extractor, max_bytes))
                except Cancelled:
                    summary.cancelled = True
                    break
                if cancelled is not None and cancelled():
                    summary.cancelled = True
                    break
                result = store(storage, path, prepared)
            summary.count(result)
            if on_result is not None:
                on_result(result)
        else:
            if progress is not None:
                progress(len(files), len(files), "")
    finally:
        if reader is not None:
            reader.stop()
    return summary


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def ingest_paths(storage: Storage, paths: Iterable[str | os.PathLike], **options) -> list[FileResult]:
    """Ingest in this process and return each file's result (tests and small tools)."""
    results: list[FileResult] = []
    ingest(storage, paths, on_result=results.append, isolate=False, **options)
    return results


@dataclass
class PredictionsResult:
    """What importing a predictions file did: documents matched (same text) and added,
    fields added and merged into existing ones, and a line per span left out."""

    format: str
    matched: int = 0
    added_documents: list[int] = field(default_factory=list)
    added_fields: int = 0
    merged_fields: int = 0
    problems: list[str] = field(default_factory=list)


def ingest_predictions(storage: Storage, path: str | os.PathLike, *, extractor: Extractor | None = None,
                       fmt: str | None = None, schema=None) -> PredictionsResult:
    """Import a predictions file (reviewer/core/learn/predictions.py). A document whose text
    is stored already gets the spans beside its fields (same label and span: provenance
    merged); a text not stored yet is added as a document of its own (kind "predictions"),
    with ``extractor``'s fields (the rules) merged with the predicted ones. Spans that do not
    align with their text are reported, never moved. PredictionsError for a file that is
    no predictions file; ReadOnlyError on a read-only database."""
    from reviewer.core.extract import merge_fields
    from reviewer.core.extract.doctype import classify
    from reviewer.core.learn.predictions import PredictionsExtractor, read_predictions
    from reviewer.core.model import FilingMetadata, OffsetMap, SourceDocument, SourceFiling

    if storage.read_only:
        raise ReadOnlyError(f"cannot import: {storage.path} is open read-only ({storage.read_only_reason})")
    predictions = read_predictions(path, fmt)
    predicted = PredictionsExtractor(predictions, schema)
    result = PredictionsResult(predictions.format, problems=list(predictions.problems))
    name = shown_path(os.fspath(path))
    for doc in predictions.documents:
        fields = predicted.extract(doc.text).fields
        document_id = storage.document_for_text(doc.sha256)
        if document_id is not None:
            added, merged = storage.add_proposed_fields(document_id, fields)
            result.matched += 1
            result.added_fields += added
            result.merged_fields += merged
            continue
        doc_type = classify(None, None, doc.text)
        checks: list[dict] = []
        if extractor is not None:
            own, checks = extractor(doc.text, doc_type, {})
            fields = merge_fields([own, fields])
        source = SourceDocument(doc.text, doc.text, "text", OffsetMap.identity(), filename=doc.where,
                                description=f"imported with {predictions.format} predictions")
        filing = SourceFiling(name, "predictions", FilingMetadata(), [source])
        _, ids, _ = storage.add_filing(filing, doc_types=[doc_type], fields=[fields], checks=[checks])
        result.added_documents.extend(ids)
        result.added_fields += sum(f.extractor and "predictions" in f.extractor.split("+") for f in fields)
    for label, n in sorted(predicted.unknown.items()):
        result.problems.append(f"{Path(name).name}: {n} span(s) labelled {label!r}, not a label of the schema; left out")
    return result
