"""What a corpus run reads, cut into batches: files, folders, and EDGAR daily feed archives.

An EDGAR daily feed archive (``YYYYMMDD.nc.tar.gz``: one ``.nc`` submission per filing)
is one batch, read as a stream with tarfile (never unpacked to disk). Loose files are
grouped into batches of about ``batch_size``; where a batch ends depends only on the
paths (a boundary after each path whose hash falls on it), so adding a file to a corpus
changes the batch it falls in and no other. A batch's id is a hash of what it reads
(paths, sizes, modification times) and of the extractor (program version and schema):
a rerun finds the batches whose done marker exists and skips them.
"""

from __future__ import annotations

import hashlib
import os
import tarfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from reviewer.core.ingest import find_files, shown_path

ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar")
MEMBER_SEPARATOR = "!/"  # "20240102.nc.tar.gz!/0001234567-24-000001.nc"


@dataclass(frozen=True)
class Item:
    """One input: a file to read (reason None), an archive, or a path that cannot be read
    (reason says why; it becomes a row of the errors table)."""

    path: str
    kind: str  # "file", "archive" or "problem"
    size: int = 0
    mtime_ns: int = 0
    reason: str | None = None


@dataclass(frozen=True)
class Batch:
    id: str
    items: tuple[Item, ...]

    @property
    def is_archive(self) -> bool:
        return len(self.items) == 1 and self.items[0].kind == "archive"


@dataclass
class Plan:
    batches: list[Batch] = field(default_factory=list)
    passed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): not filings, in folders

    @property
    def files(self) -> int:
        return sum(len(b.items) for b in self.batches if not b.is_archive)

    @property
    def archives(self) -> int:
        return sum(b.is_archive for b in self.batches)


def is_archive(path: str) -> bool:
    return path.lower().endswith(ARCHIVE_SUFFIXES)


def _item(path: str) -> Item:
    try:
        st = os.stat(path)
    except OSError as err:
        return Item(path, "problem", reason=f"unreadable: {err.strerror or err}")
    return Item(path, "archive" if is_archive(path) else "file", st.st_size, st.st_mtime_ns)


def find_inputs(paths: Iterable[str | os.PathLike]) -> tuple[list[Item], list[tuple[str, str]]]:
    """Every input under ``paths`` (folders walked as ingest walks them, archives found in
    them too), and what was passed over with its reason."""
    items, passed = [], []
    for path, problem in find_files(paths):
        if problem is None:
            items.append(_item(os.path.abspath(path)))
        elif problem.startswith("passed over") and is_archive(path):
            items.append(_item(os.path.abspath(path)))  # a feed archive in a folder is read
        elif problem.startswith("passed over"):
            passed.append((shown_path(path), shown_path(problem)))
        else:
            items.append(Item(os.path.abspath(path), "problem", reason=problem))
    return items, passed


def _boundary(path: str, batch_size: int) -> bool:
    digest = hashlib.blake2b(os.fsencode(path), digest_size=8).digest()
    return int.from_bytes(digest, "big") % batch_size == 0


def _batch_id(items: Iterable[Item], salt: str) -> str:
    h = hashlib.sha256(salt.encode())
    for it in items:
        h.update(b"\0" + os.fsencode(it.path) + f"\0{it.kind}\0{it.size}\0{it.mtime_ns}".encode())
    return h.hexdigest()[:20]


def plan(paths: Iterable[str | os.PathLike], *, salt: str, batch_size: int = 64) -> Plan:
    """The batches to run over ``paths``. ``salt`` names the extractor (its version and
    schema), so that a run with another extractor writes batches of its own."""
    items, passed = find_inputs(paths)
    out = Plan(passed=passed)
    current: list[Item] = []

    def close():
        if current:
            out.batches.append(Batch(_batch_id(current, salt), tuple(current)))
            current.clear()

    for it in sorted(items, key=lambda i: i.path):
        if it.kind == "archive":
            out.batches.append(Batch(_batch_id([it], salt), (it,)))
            continue
        current.append(it)
        if _boundary(it.path, batch_size) or len(current) >= 4 * batch_size:
            close()
    close()
    return out


@dataclass
class Member:
    """One input read: its name (``archive!/member`` inside an archive), and its bytes or
    the reason it could not be read."""

    name: str
    data: bytes | None = None
    reason: str | None = None
    path: str | None = None  # a file on disk, read by the readers themselves


def members(item: Item, max_bytes: int) -> Iterator[Member]:
    """The inputs of one item. An archive is read as a stream, one member at a time;
    a member that is not a regular file, or is too large, is an input with a reason."""
    if item.kind == "problem":
        yield Member(item.path, reason=item.reason)
        return
    if item.kind == "file":
        yield Member(item.path, path=item.path)
        return
    try:
        with tarfile.open(item.path, mode="r|*") as archive:
            for info in archive:
                name = item.path + MEMBER_SEPARATOR + info.name
                if info.isdir():
                    continue
                if not info.isfile():
                    yield Member(name, reason="not a regular file in the archive")
                    continue
                if info.size > max_bytes:
                    yield Member(name, reason=f"file too large: {info.size / 1e6:.1f} MB over the limit of "
                                              f"{max_bytes / 1e6:.1f} MB")
                    continue
                stream = archive.extractfile(info)
                yield Member(name, data=stream.read() if stream is not None else b"")
    except (tarfile.TarError, OSError, EOFError) as err:
        yield Member(item.path, reason=f"unreadable archive: {err}")
