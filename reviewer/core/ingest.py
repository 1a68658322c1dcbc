"""Ingest: find files, read them, classify and extract, and store what is new.

``ingest_paths`` yields one FileResult per file so that the CLI can draw a
progress bar and the GUI can run it in a worker with cancel.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.extract.doctype import classify
from reviewer.core.model import Field, SkippedPart, SourceFiling
from reviewer.core.sources import DEFAULT_MAX_BYTES, SourceError, read_file
from reviewer.core.storage import Storage

# (text, doc_type, metadata) -> (fields, checks)
# In folders, only files that can be filings are read (a file named on the command
# line is always read). EDGAR ships submissions as .txt and .nc.
FILING_SUFFIXES = frozenset({"", ".txt", ".nc", ".htm", ".html", ".xhtml", ".xml", ".sgml", ".sgm"})
Extractor = Callable[[str, str, dict], tuple[list[Field], list[dict]]]


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
    duplicate_documents: int = 0
    skipped_parts: int = 0
    passed_files: int = 0
    rejected: list[FileResult] = field(default_factory=list)

    def count(self, result: FileResult) -> None:
        self.files += 1
        self.added_documents += len(result.added)
        self.duplicate_documents += result.duplicates
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
    twice into the same folder (symlink loops); hidden entries are passed over,
    and so are files whose suffix no filing has (reason starting "passed over").
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


def ingest_file(
    storage: Storage, path: str, *, extractor: Extractor | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FileResult:
    try:
        filing = read_file(path, max_bytes=max_bytes)
    except SourceError as err:
        return FileResult(path, "rejected", str(err))
    return store_filing(storage, filing, extractor=extractor)


def store_filing(storage: Storage, filing: SourceFiling, *, extractor: Extractor | None = None) -> FileResult:
    meta = filing.metadata.as_dict()
    doc_types = [classify(d.part, filing.metadata.form_type, d.text) for d in filing.documents]
    fields = checks = None
    if extractor is not None:
        fields, checks = [], []
        for doc, doc_type in zip(filing.documents, doc_types):
            doc_fields, doc_checks = extractor(doc.text, doc_type, meta)
            fields.append(doc_fields)
            checks.append(doc_checks)
    _, added, duplicates = storage.add_filing(filing, doc_types=doc_types, fields=fields, checks=checks)
    warnings = [w for d in filing.documents for w in d.warnings]
    return FileResult(
        filing.path, "added" if added else "duplicate", None, added, duplicates, filing.skipped, warnings
    )


def ingest_paths(
    storage: Storage, paths: Iterable[str | os.PathLike], *, extractor: Extractor | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[FileResult]:
    for path, problem in find_files(paths):
        if problem:
            yield problem_result(path, problem)
        else:
            yield ingest_file(storage, path, extractor=extractor, max_bytes=max_bytes)

