"""The queue at 100,000 documents: for each filter and order, the time to the first page (the
ids of the whole list in its order, then the first page's rows, as the window's model does),
a document's position in SQL (Storage.document_position) and in the model's list (row_of),
and the next document to review.

    .venv/bin/python bench/run.py bench_queue          # on the cached bench database
    .venv/bin/python bench/bench_queue.py DB           # on another database
"""

from __future__ import annotations

import sys
import time
from array import array
from pathlib import Path

SORTS = ("ingest", "date", "company", "form", "pending", "confidence")
FILTERS = (("All", None), ("To review", "to_review"))


def _best(f, n=3):
    best, out = float("inf"), None
    for _ in range(n):
        t = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t)
    return best * 1000, out


def measure(db: Path) -> None:
    from reviewer.core.storage import Storage

    with Storage(db) as s:
        print(f"{s.count_documents():,} documents; queue index: {s.fields_status_index()}")
        print(f"{'filter':<10}{'sort':<11}{'rows':>7}{'first page ms':>15}{'position ms':>13}"
              f"{'row_of ms':>11}{'next ms':>9}")
        for name, status in FILTERS:
            for sort in SORTS:
                def first_page():
                    ids = array("q", s.queue_ids(status=status, sort=sort))
                    s.queue_rows(ids=ids[:200].tolist())
                    return ids
                page_ms, ids = _best(first_page)
                mid = ids[len(ids) // 2]
                pos_ms, pos = _best(lambda: s.document_position(mid, status=status, sort=sort))
                assert pos == len(ids) // 2
                row_ms, _ = _best(lambda: ids.index(mid))
                next_ms, _ = _best(lambda: s.next_in_queue(mid, status=status, sort=sort))
                print(f"{name:<10}{sort:<11}{len(ids):>7}{page_ms:>15.0f}{pos_ms:>13.0f}{row_ms:>11.1f}"
                      f"{next_ms:>9.0f}")


def run(corpus: Path) -> None:
    from bench_db import build

    measure(build(corpus))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    if len(sys.argv) > 1:
        measure(Path(sys.argv[1]))
    else:
        run(Path(__file__).resolve().parents[2] / "shared" / "corpus")
