"""Ingest stays linear in the number of documents of one submission (a filing of thousands
of exhibits once scanned its new documents for every document)."""

from __future__ import annotations

import gc
import os
import time

from reviewer.core.ingest import ingest
from reviewer.core.storage import Storage

LONG = os.environ.get("REVIEWER_LONG") == "1"


def submission(n: int) -> str:
    head = ("<SEC-DOCUMENT>x.txt\n<SEC-HEADER>\nACCESSION NUMBER: 0000000000-26-000001\n"
            "CONFORMED SUBMISSION TYPE: 8-K\n</SEC-HEADER>\n")
    docs = "".join(f"<DOCUMENT>\n<TYPE>EX-99.{i}\n<SEQUENCE>{i}\n<FILENAME>ex{i}.txt\n<TEXT>\n"
                   f"Exhibit {i}: the company sold {i} shares on May 3, 2021.\n</TEXT>\n</DOCUMENT>\n"
                   for i in range(n))
    return head + docs + "</SEC-DOCUMENT>\n"


def cpu_seconds(tmp_path, n: int) -> float:
    path = tmp_path / f"s{n}.txt"
    path.write_text(submission(n))
    assert path.stat().st_size >= 100_000
    best = float("inf")
    for attempt in range(2):
        with Storage(tmp_path / f"r{n}-{attempt}.db") as storage:
            gc.disable()
            try:
                start = time.process_time()
                summary = ingest(storage, [path], isolate=False)
                best = min(best, time.process_time() - start)
            finally:
                gc.enable()
        assert summary.added_documents == n
    return best


def test_a_submission_of_many_documents_is_ingested_in_linear_time(tmp_path):
    n = 12_000 if LONG else 4_000
    small, large = cpu_seconds(tmp_path, n), cpu_seconds(tmp_path, 2 * n)
    assert large / small < 2.6, (small, large)
