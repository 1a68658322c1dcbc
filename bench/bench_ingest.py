"""Ingest throughput (MB/s and documents/s) over corpus/dev and corpus/large."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from reviewer.core.ingest import find_files, ingest
from reviewer.core.sources import read_file
from reviewer.core.storage import Storage


def _files(folder: Path) -> list[str]:
    return [p for p, problem in find_files([folder]) if not problem]


def measure(folder: Path, extractor=None) -> tuple[float, float, float, int]:
    files = _files(folder)
    size = sum(Path(p).stat().st_size for p in files)
    t = time.perf_counter()
    for p in files:
        read_file(p)
    read_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp, Storage(Path(tmp) / "bench.db") as storage:
        t = time.perf_counter()
        docs = ingest(storage, files, extractor=extractor).added_documents
        ingest_s = time.perf_counter() - t
    return size / 1e6, read_s, ingest_s, docs


def run(corpus: Path) -> None:
    from reviewer.core.extract import default_extractor

    print(f"{'set':<8}{'files MB':>10}{'docs':>6}{'read s':>9}{'ingest s':>10}{'MB/s':>8}{'docs/s':>8}"
          f"{'+extract s':>12}{'MB/s':>8}")
    for name in ("dev", "large"):
        mb, read_s, ingest_s, docs = measure(corpus / name)
        _, _, with_extract_s, _ = measure(corpus / name, default_extractor())
        print(f"{name:<8}{mb:>10.2f}{docs:>6}{read_s:>9.2f}{ingest_s:>10.2f}{mb / ingest_s:>8.1f}"
              f"{docs / ingest_s:>8.1f}{with_extract_s:>12.2f}{mb / with_extract_s:>8.1f}")
    print("(MB are bytes of the files on disk; 'ingest' reads, parses and stores without extraction,\n"
          " through the one ingest pipeline: each file read in a worker process within a time budget)")
