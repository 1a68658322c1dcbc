"""Sharing a corpus out: which reviewer gets which filings, and the shard databases.

A filing is never split: its documents (a primary document and its exhibits) go together.
``by``: "filing" gives each shard a run of filings in ingest order; "company" keeps a
company's filings with one reviewer; "random" shuffles filings. In every case the shards
are balanced by documents and the assignment is a function of the seed. ``overlap``
percent of the documents (whole filings, chosen with the seed) also go to a second shard,
so two reviewers decide them and their agreement can be measured.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from reviewer.core.storage import Storage, now
from reviewer.core.storage import team as team_db
from reviewer.core.team.merge import TeamError

METHODS = ("filing", "company", "random")


@dataclass(frozen=True)
class Unit:
    filing_ids: tuple[int, ...]
    documents: int


def units(rows: list[tuple[int, str, int]], by: str) -> list[Unit]:
    """The indivisible units of work from (filing id, company key, documents) rows."""
    if by == "company":
        grouped: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for filing, company, docs in rows:
            grouped[company].append((filing, docs))
        return [Unit(tuple(f for f, _ in v), sum(d for _, d in v)) for _, v in sorted(grouped.items())]
    return [Unit((filing,), docs) for filing, _, docs in rows]


def assign(rows: list[tuple[int, str, int]], shards: int, *, by: str = "filing", overlap: float = 0.0,
           seed: int = 0) -> list[list[int]]:
    """The filing ids of each shard (sorted), deterministic for the seed."""
    if by not in METHODS:
        raise TeamError(f"unknown sharding {by!r} (one of {', '.join(METHODS)})")
    if shards < 1:
        raise TeamError("--into needs one shard or more")
    if not 0 <= overlap <= 100:
        raise TeamError(f"--overlap is a percentage from 0 to 100, not {overlap:g}")
    if overlap and shards < 2:
        raise TeamError("an overlap needs two shards or more")
    work = units(rows, by)
    if not work:
        raise TeamError("the database has no documents to share out")
    if len(work) < shards:
        raise TeamError(f"{len(work)} filing{'s' if len(work) != 1 else ''} cannot make {shards} shards "
                        "(a filing is never split)")
    rng = random.Random(seed)
    total = sum(u.documents for u in work)
    load = [0] * shards
    given: list[list[Unit]] = [[] for _ in range(shards)]
    primary: dict[int, int] = {}
    if by == "filing":  # runs in ingest order, cut where the running count passes each share
        running = 0
        for i, u in enumerate(work):
            k = min(shards - 1, running * shards // total)
            k = max(k, shards - (len(work) - i))  # every later shard still gets a filing
            given[k].append(u)
            load[k] += u.documents
            primary[i] = k
            running += u.documents
    else:
        order = list(range(len(work)))
        rng.shuffle(order)
        if by == "company":  # the largest companies first, so the shares come out even
            order.sort(key=lambda i: -work[i].documents)
        for i in order:
            k = min(range(shards), key=lambda s: (load[s], s))
            given[k].append(work[i])
            load[k] += work[i].documents
            primary[i] = k
    if overlap:
        wanted = total * overlap / 100
        order = list(range(len(work)))
        rng.shuffle(order)
        shared = 0
        for i in order:
            if shared >= wanted:
                break
            k = min((s for s in range(shards) if s != primary[i]), key=lambda s: (load[s], s))
            given[k].append(work[i])
            load[k] += work[i].documents
            shared += work[i].documents
    return [sorted(f for u in g for f in u.filing_ids) for g in given]


@dataclass
class ShardReport:
    paths: list[Path]
    documents: list[int]
    shared: int  # documents given to two shards
    corpus_id: str


def shard(db: str | Path, into: int, out_dir: str | Path, *, overlap: float = 0.0, by: str = "filing",
          seed: int = 0, overwrite: bool = False) -> ShardReport:
    """Write ``into`` shard databases of the corpus database ``db`` to ``out_dir``."""
    db, out_dir = Path(db), Path(out_dir)
    if not db.is_file():
        raise TeamError(f"no review database at {db}")
    with Storage(db, create=False) as source:
        rows = team_db.shard_units(source)
        plan = assign(rows, into, by=by, overlap=overlap, seed=seed)
        corpus = team_db.corpus_id(source, create=not source.read_only)
        if corpus is None:
            raise TeamError(f"{db} is read-only and has no corpus id yet: open it once where it can be written")
    out_dir.mkdir(parents=True, exist_ok=True)
    width = len(str(into))
    paths = [out_dir / f"{db.stem}-shard-{k + 1:0{width}d}-of-{into}.db" for k in range(into)]
    existing = [p for p in paths if p.exists()]
    if existing and not overwrite:
        raise TeamError(f"{existing[0]} exists; choose another folder or pass --overwrite")
    docs_of = {f: d for f, _, d in rows}
    counts = []
    stamp = now()
    for k, (path, filings) in enumerate(zip(paths, plan)):
        meta = {"corpus_id": corpus, "role": "shard", "shard": k + 1, "shards": into, "shard_by": by,
                "shard_seed": seed, "shard_overlap": overlap, "shard_source": db.name, "shard_at": stamp}
        counts.append(team_db.write_shard(db, path, filings, meta))
    total = sum(docs_of.values())
    return ShardReport(paths, counts, sum(counts) - total, corpus)
