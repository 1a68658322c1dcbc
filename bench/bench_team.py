"""Team review at scale: the 100,000-document benchmark corpus shared out as 10 shards with 5%
overlap, every field decided in every shard (reviewers disagreeing on some shared fields),
then merged into one database; and one shard merged again (idempotent: adds nothing).

Target: the 10-shard merge under a minute. Shards and their decisions are cached in
bench/out/team (rebuilt when missing); decisions are written in bulk with SQL shaped
like the review session's (a field update and its audit row), since a benchmark fixture
of two million decisions through the session would take longer than the merge it feeds.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bench_db import OUT, build

from reviewer.core.storage import Storage
from reviewer.core.storage import team_reads
from reviewer.core.team import merge, shard

SHARDS = 10
OVERLAP = 5
TEAM = OUT / "team"
READY = TEAM / "ready"

_STATE = ("json_object('end', \"end\", 'label', label, 'start', start, 'status', {status}, 'text', text,"
          " 'value', json(value))")


def _decide(path: Path, k: int) -> int:
    """Reviewer r<k> decides every pending field of the shard: most accepted, some rejected
    (which ones depends on the reviewer, so two reviewers of a shared document disagree),
    and approves every pending document."""
    status = f"CASE WHEN (id + {k}) % 9 = 0 THEN 'rejected' ELSE 'accepted' END"
    at = ("strftime('%Y-%m-%dT%H:%M:%f', '2026-11-23 08:00:00', '+' || (id % 400000) || ' seconds')"
          " || '+00:00'")
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN IMMEDIATE")
        cur = conn.execute(
            "INSERT INTO audit (at, reviewer, action, document_id, field_id, before, after)"
            f" SELECT {at}, 'r{k}', {status}, document_id, id, {_STATE.format(status=repr('pending'))},"
            f" {_STATE.format(status=status)} FROM fields WHERE status = 'pending' ORDER BY id")
        conn.execute(f"UPDATE fields SET status = {status}, reviewer = 'r{k}', decided_at = {at}"
                     " WHERE status = 'pending'")
        done = cur.rowcount
        cur = conn.execute(
            "INSERT INTO audit (at, reviewer, action, document_id, field_id, before, after)"
            f" SELECT {at}, 'r{k}', 'document approved', id, NULL, '{{\"status\": \"pending\"}}',"
            " '{\"status\": \"approved\"}' FROM documents WHERE status = 'pending' ORDER BY id")
        conn.execute(f"UPDATE documents SET status = 'approved', reviewer = 'r{k}', decided_at = {at}"
                     " WHERE status = 'pending'")
        conn.execute("COMMIT")
        return done + cur.rowcount
    finally:
        conn.close()


def _shards(corpus: Path) -> list[Path]:
    paths = sorted(TEAM.glob("*-shard-*.db"))
    if READY.exists() and len(paths) == SHARDS:
        return paths
    source = build(corpus)
    t = time.perf_counter()
    report = shard(source, SHARDS, TEAM, overlap=OVERLAP, by="filing", seed=1, overwrite=True)
    shard_s = time.perf_counter() - t
    decisions = sum(_decide(p, k) for k, p in enumerate(report.paths, 1))
    READY.write_text("ok\n")
    print(f"(sharded {source.name} into {SHARDS}: {min(report.documents)}-{max(report.documents)} documents each,"
          f" {report.shared} shared, in {shard_s:.0f} s; {decisions} decisions written)")
    return report.paths


def run(corpus: Path) -> None:
    paths = _shards(corpus)
    out = TEAM / "merged.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)
    t = time.perf_counter()
    report = merge(out, paths)
    seconds = time.perf_counter() - t
    with Storage(out) as s:
        docs = s.count_documents()
        audit = s.last_audit_id()
        conflicts = team_reads.conflict_count(s)
    print(f"merge {SHARDS} shards ({OVERLAP}% overlap) into a new database: {seconds:.1f} s "
          f"({docs} documents, {audit} audit rows, {conflicts} conflicts; target < 60 s: "
          f"{'ok' if seconds < 60 else 'MISSED'})")
    t = time.perf_counter()
    again = merge(out, paths[:1])
    print(f"merge one shard again (adds nothing): {time.perf_counter() - t:.1f} s "
          f"({again.audit} audit rows, {again.fields} fields added)")
    back = TEAM / "back.db"  # a reviewer's shard, to take the merged decisions back into
    with Storage(paths[0]) as s:
        s.copy_to(back)
    t = time.perf_counter()
    into = merge(back, [out])
    print(f"merge the result back into a shard (in place, synced): {time.perf_counter() - t:.1f} s "
          f"({into.documents} documents, {into.audit} audit rows added; {into.conflicts} conflicts)")
    back.unlink()


if __name__ == "__main__":
    import sys

    run(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus")
