"""Export speed on the 100,000-document benchmark database (a third of it approved)."""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

from bench_db import build

from reviewer.core.export import FORMATS, export
from reviewer.core.extract import load_schema
from reviewer.core.storage import Storage


def run(corpus: Path) -> None:
    db = build(corpus)
    schema = load_schema()
    with Storage(db) as storage, tempfile.TemporaryDirectory() as tmp:
        for fmt in [f for f in FORMATS if f != "audit"]:
            out = Path(tmp) / f"out.{fmt}"
            t = time.perf_counter()
            result = export(storage, schema, fmt, out)
            seconds = time.perf_counter() - t
            target = " (target >= 5000)" if fmt in ("csv", "jsonl") else ""
            print(f"{fmt:<12} {result.documents:>7} approved documents, {result.fields:>8} fields, "
                  f"{out.stat().st_size / 1e6:7.1f} MB in {seconds:6.2f} s = "
                  f"{result.documents / seconds:8.0f} documents/s{target}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process after the exports: {peak:.0f} MB (streamed: flat in documents)")
