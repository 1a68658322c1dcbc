"""Training time: the default pipeline (TrainConfig()) on N synthetic approved documents,
extrapolated to 1,000 (target: under 10 minutes on this machine, CPU only).

The documents are the corpus's press releases (pool/*.md, seeds), cycled to N and made
distinct by a reference line, ingested with the rules and approved with every proposed
field accepted. Training is linear in the number of windows for a fixed number of epochs,
so the time for 1,000 is the time per document times 1,000, in CPU seconds and in wall
seconds, each against the target (on a machine loaded by other jobs CPU is the steadier).

    .venv/bin/python bench/bench_train.py [N]        # N defaults to 60 (BENCH_TRAIN_DOCS)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from reviewer.core.extract import default_extractor  # noqa: E402
from reviewer.core.ingest import ingest_paths  # noqa: E402
from reviewer.core.learn.data import approved_documents  # noqa: E402
from reviewer.core.learn.train import TrainConfig, train  # noqa: E402
from reviewer.core.storage import Storage  # noqa: E402

TARGET_S = 600.0


def synthetic_db(corpus: Path, n: int, folder: Path) -> Path:
    sources = sorted((corpus / "pool").glob("*.md")) + sorted((corpus / "seeds").glob("*.txt"))
    paths = []
    for i in range(n):
        src = sources[i % len(sources)]
        path = folder / f"{i:05d}{src.suffix}"
        path.write_text(src.read_text(encoding="utf-8") + f"\n\nReference {i + 1}.\n", encoding="utf-8")
        paths.append(str(path))
    db = folder / "approved.db"
    with Storage(db) as storage:
        for result in ingest_paths(storage, paths, extractor=default_extractor()):
            for doc_id in result.added:
                for f in storage.fields(doc_id):
                    storage.record_decision(f.id, status="accepted", reviewer="bench")
                storage.set_document_status(doc_id, "approved", reviewer="bench")
    return db


def run(corpus: Path, n: int | None = None) -> None:
    n = n or int(os.environ.get("BENCH_TRAIN_DOCS", "60"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = synthetic_db(corpus, n, tmp)
        with Storage(db, create=False) as storage:
            docs = approved_documents(storage)
        config = TrainConfig()
        started = time.perf_counter()
        cpu = time.process_time()
        result = train(docs, tmp / "model", config)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    per_doc, cpu_per_doc = wall / len(docs), cpu / len(docs)
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"
    print(f"{'docs':>6}{'windows':>9}{'spans':>8}{'epochs':>8}{'steps':>7}{'train s':>9}{'cpu s':>8}"
          f"{'1,000 docs cpu s':>18}{'1,000 docs s':>14}{'target s':>10}{'cpu ratio':>11}{'wall ratio':>12}")
    print(f"{len(docs):>6}{result.pieces:>9}{result.spans:>8}{result.epochs:>8}{result.steps:>7}{wall:>9.1f}"
          f"{cpu:>8.1f}{cpu_per_doc * 1000:>18.0f}{per_doc * 1000:>14.0f}{TARGET_S:>10.0f}"
          f"{cpu_per_doc * 1000 / TARGET_S:>11.2f}{per_doc * 1000 / TARGET_S:>12.2f}")
    print(f"({config.component}, {config.suggester} suggester sharing one tok2vec, width {config.width}, depth "
          f"{config.depth}, windows of {config.window_chars} characters, {result.epochs} of at most "
          f"{config.epochs} epochs, best {result.best_epoch}; held-out micro F1 "
          f"{result.scores.get('micro', {}).get('f1', float('nan')):.3f} on {result.held_out_documents} "
          f"document(s) of the same releases; load average {load})")


if __name__ == "__main__":
    corpus = HERE.parent.parent / "shared" / "corpus"
    run(corpus, int(sys.argv[1]) if len(sys.argv) > 1 else None)
