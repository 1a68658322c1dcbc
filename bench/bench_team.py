"""Team review at scale: the 100,000-document benchmark corpus shared out as 10 shards with 5%
overlap, every field decided in every shard (reviewers disagreeing on some shared fields),
then merged into one database; and one shard merged again (idempotent: adds nothing).

Target: the 10-shard merge under a minute. Beside the wall-clock time, the process's CPU
time (all its threads: the text index is built on one of its own), less sensitive to other
jobs on the machine. Shards and their decisions are cached in
bench/out/team (rebuilt when missing); decisions are written in bulk with SQL shaped
like the review session's (a field update and its audit row), since a benchmark fixture
of two million decisions through the session would take longer than the merge it feeds.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench_db import OUT, build

from reviewer.core.storage import Storage
from reviewer.core.storage import team_reads
from reviewer.core.storage.simulate import decide_all
from reviewer.core.team import merge, shard

SHARDS = 10
OVERLAP = 5
TEAM = OUT / "team"
READY = TEAM / "ready"


def _load() -> str:
    """The load average over the last minute (other jobs share the machine)."""
    return Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"


def _shards(corpus: Path) -> list[Path]:
    paths = sorted(TEAM.glob("*-shard-*.db"))
    if READY.exists() and len(paths) == SHARDS:
        return paths
    source = build(corpus)
    t = time.perf_counter()
    report = shard(source, SHARDS, TEAM, overlap=OVERLAP, by="filing", seed=1, overwrite=True)
    shard_s = time.perf_counter() - t
    decisions = sum(decide_all(p, k) for k, p in enumerate(report.paths, 1))
    READY.write_text("ok\n")
    print(f"(sharded {source.name} into {SHARDS}: {min(report.documents)}-{max(report.documents)} documents each,"
          f" {report.shared} shared, in {shard_s:.0f} s; {decisions} decisions written)")
    return report.paths


def run(corpus: Path) -> None:
    paths = _shards(corpus)
    out = TEAM / "merged.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)
    print(f"(load average before: {_load()})")
    t, cpu = time.perf_counter(), time.process_time()
    report = merge(out, paths)
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    with Storage(out) as s:
        docs = s.count_documents()
        audit = s.last_audit_id()
        conflicts = team_reads.conflict_count(s)
    print(f"merge {SHARDS} shards ({OVERLAP}% overlap) into a new database: {seconds:.1f} s, CPU {cpu:.1f} s "
          f"({docs} documents, {audit} audit rows, {conflicts} conflicts; target < 60 s: "
          f"{'ok' if seconds < 60 else 'MISSED'}; load average {_load()})")
    t, cpu = time.perf_counter(), time.process_time()
    again = merge(out, paths[:1])
    print(f"merge one shard again (adds nothing): {time.perf_counter() - t:.1f} s, CPU {time.process_time() - cpu:.1f} s"
          f" ({again.audit} audit rows, {again.fields} fields added)")
    back = TEAM / "back.db"  # a reviewer's shard, to take the merged decisions back into
    with Storage(paths[0]) as s:
        s.copy_to(back)
    t, cpu = time.perf_counter(), time.process_time()
    into = merge(back, [out])
    print(f"merge the result back into a shard (in place, synced): {time.perf_counter() - t:.1f} s, "
          f"CPU {time.process_time() - cpu:.1f} s; load average {_load()} "
          f"({into.documents} documents, {into.audit} audit rows added; {into.conflicts} conflicts)")
    back.unlink()


if __name__ == "__main__":
    import sys

    run(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus")
