"""Long checks, small in `make test` and full size in `make test-long` (REVIEWER_LONG=1):
SIGKILLs during mixed work, and sessions beside other writers and readers."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections import defaultdict
from pathlib import Path

import pytest

from reviewer.core.extract import default_extractor
from reviewer.core.ingest import ingest
from reviewer.core.storage import Storage

LONG = os.environ.get("REVIEWER_LONG") == "1"
PY = sys.executable

# A review process doing mixed work: decisions (acknowledged on stdout once committed),
# ingest of new files and exports, in random order, until it is killed or done.
WORKER = """
import os, random, sys, time
from pathlib import Path
from reviewer.core.extract import default_extractor
from reviewer.core.export import export
from reviewer.core.ingest import ingest
from reviewer.core.review import ReviewSession
from reviewer.core.storage import Storage, StorageError

db, data, work, seed, rounds, keep = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]), \\
    int(sys.argv[5]), sys.argv[6] == "1"
rng = random.Random(seed)
extractor = default_extractor()
storage = Storage(db, keep_locks=keep, busy_timeout=3.0)
session = ReviewSession(storage, f"worker{seed}", extractor.schema)
sources = sorted(p for p in data.iterdir() if p.suffix in (".txt", ".html"))
latencies = []
for n in range(rounds):
    roll = rng.random()
    if roll < 0.8:
        docs = [d for d in storage.list_documents() if d.id % 2 == seed % 2]  # concurrent workers never share
        doc = rng.choice(docs)
        fields = [f for f in storage.fields(doc.id) if f.status in ("pending", "accepted", "rejected")]
        if not fields:
            continue
        f = rng.choice(fields)
        status = rng.choice(["accepted", "rejected"])
        t = time.perf_counter()
        try:
            (session.accept if status == "accepted" else session.reject)(f.id)
        except StorageError as err:
            print(f"ERROR {err}", flush=True)
            continue
        latencies.append(time.perf_counter() - t)
        print(f"ACK {f.id} {status}", flush=True)
    elif roll < 0.9:
        src = rng.choice(sources)
        new = work / f"{seed}-{n}{src.suffix}"
        new.write_bytes(src.read_bytes() + f"\\nVariant {seed}-{n}.\\n".encode())
        summary = ingest(storage, [new], extractor=extractor, isolate=False)
        print(f"INGEST {summary.added_documents}", flush=True)
    else:
        export(storage, extractor.schema, "jsonl", work / f"out-{seed}.jsonl", status="reviewed")
        print("EXPORT", flush=True)
latencies.sort()
if latencies:
    print(f"P99 {latencies[int(len(latencies) * 0.99) - 1 if len(latencies) > 1 else 0] * 1000:.2f}", flush=True)
print("DONE", flush=True)
storage.close()
"""


@pytest.fixture
def base_db(tmp_path, data_dir) -> Path:
    db = tmp_path / "soak.db"
    with Storage(db) as storage:
        ingest(storage, [data_dir], extractor=default_extractor(), isolate=False)
    return db


def start_worker(db, data_dir, work, seed, rounds, keep=False) -> subprocess.Popen:
    work.mkdir(exist_ok=True)
    return subprocess.Popen([PY, "-c", textwrap.dedent(WORKER), str(db), str(data_dir), str(work), str(seed),
                             str(rounds), "1" if keep else "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def check_acknowledged(db: Path, acks: list[tuple[int, str]]) -> None:
    """Every acknowledged decision is there, with its audit row, in the order it was made;
    the field's status is its last audited decision; the file is sound.

    A worker may be killed after a commit and before its acknowledgement, so the audit may
    hold a decision more than was acknowledged: never fewer, never in another order."""
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    acked: dict[int, list[str]] = defaultdict(list)
    for field_id, status in acks:
        acked[field_id].append(status)
    for field_id, statuses in acked.items():
        row = conn.execute("SELECT status FROM fields WHERE id = ?", (field_id,)).fetchone()
        assert row is not None, field_id
        audited = [a for (a,) in conn.execute(
            "SELECT action FROM audit WHERE field_id = ? AND action IN ('accepted', 'rejected') ORDER BY id",
            (field_id,))]
        trail = iter(audited)
        assert all(s in trail for s in statuses), (field_id, statuses, audited)  # a subsequence, in order
        assert row[0] == audited[-1], (field_id, row[0], audited)
    conn.close()


def read_acks(output: str) -> list[tuple[int, str]]:
    acks = []
    for line in output.splitlines():
        if line.startswith("ACK "):
            _, field_id, status = line.split()
            acks.append((int(field_id), status))
    return acks


def test_sigkill_during_mixed_work_loses_no_acknowledged_decision(base_db, data_dir, tmp_path):
    kills = 50 if LONG else 4
    rng = random.Random(7)
    acks: list[tuple[int, str]] = []
    for k in range(kills):
        proc = start_worker(base_db, data_dir, tmp_path / "work", seed=k, rounds=100000, keep=k % 2 == 0)
        time.sleep(rng.uniform(0.8, 2.0))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        assert "Traceback" not in err, err
        acks += read_acks(out)
        check_acknowledged(base_db, acks)
    assert len(acks) > kills  # decisions were really being made when the kills came
    print(f"{kills} kills, {len(acks)} acknowledged decisions, all present")


@pytest.mark.parametrize("other", ["session", "ingest", "export"])
def test_a_session_beside_another_writer_or_reader(base_db, data_dir, tmp_path, other):
    """No 'database is locked' reaches a user, nothing is lost; p99 decision latency printed."""
    rounds = 3000 if LONG else 300
    session = start_worker(base_db, data_dir, tmp_path / "a", seed=1, rounds=rounds, keep=True)
    if other == "session":
        neighbour = start_worker(base_db, data_dir, tmp_path / "b", seed=2, rounds=rounds)
    else:
        code = {"ingest": """
            import sys, shutil
            from pathlib import Path
            from reviewer.core.extract import default_extractor
            from reviewer.core.ingest import ingest
            from reviewer.core.storage import Storage
            db, data, work, n = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
            work.mkdir(exist_ok=True)
            files = sorted(p for p in data.iterdir() if p.suffix in (".txt", ".html"))
            with Storage(db) as s:
                for i in range(n):
                    src = files[i % len(files)]
                    new = work / f"n{i}{src.suffix}"
                    new.write_bytes(src.read_bytes() + f"\\nCopy {i}.\\n".encode())
                    summary = ingest(s, [new], extractor=default_extractor())
                    assert summary.ok, summary.rejected
            print("DONE")
        """, "export": """
            import sys
            from pathlib import Path
            from reviewer.core.extract import default_extractor
            from reviewer.core.export import export
            from reviewer.core.storage import Storage
            db, data, work, n = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
            work.mkdir(exist_ok=True)
            schema = default_extractor().schema
            with Storage(db, create=False) as s:
                for i in range(n):
                    export(s, schema, ["csv", "jsonl", "audit"][i % 3], work / f"out{i % 3}", status="all")
            print("DONE")
        """}[other]
        n = 60 if LONG else 8
        neighbour = subprocess.Popen([PY, "-c", textwrap.dedent(code), str(base_db), str(data_dir),
                                      str(tmp_path / "n"), str(n * (5 if other == "export" else 1))],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out_a, err_a = session.communicate(timeout=900)
    out_b, err_b = neighbour.communicate(timeout=900)
    for out, err in ((out_a, err_a), (out_b, err_b)):
        assert "DONE" in out, err[-2000:]
        assert "ERROR" not in out and "locked" not in out + err, (out + err)[-2000:]
    acks = read_acks(out_a) + (read_acks(out_b) if other == "session" else [])
    check_acknowledged(base_db, acks)
    p99 = [line for line in out_a.splitlines() if line.startswith("P99")]
    print(f"beside {other}: {len(acks)} decisions, decision p99 {p99[0].split()[1]} ms")
