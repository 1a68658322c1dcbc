"""The benchmark database: 100,000 synthetic documents built from the corpus (cached in bench/out)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from reviewer.core.extract import default_extractor
from reviewer.core.model import FilingMetadata, Field, OffsetMap, SourceDocument, SourceFiling
from reviewer.core.sources import read_file
from reviewer.core.storage import Storage

OUT = Path(__file__).resolve().parent / "out"
N_DOCUMENTS = 100_000
DECIDED = "2026-11-23T00:00:00.000+00:00"


def build(corpus: Path, n: int = N_DOCUMENTS) -> Path:
    path = OUT / f"bench-{n}.db"
    if path.exists():
        with Storage(path) as s:
            if s.count_documents() == n:
                return path
    # built under a name of this process's own, renamed when whole: a build running beside it
    # (another benchmark) never sees a half-built file nor has its own removed
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    for suffix in ("", "-wal", "-shm"):  # a log left beside another file would be replayed into this one
        Path(f"{part}{suffix}").unlink(missing_ok=True)
    OUT.mkdir(exist_ok=True)
    extractor = default_extractor()
    templates = []
    for p in sorted((corpus / "dev").iterdir()) + sorted((corpus / "seeds").iterdir()):
        filing = read_file(p)
        doc = filing.documents[0]
        result = extractor.extract(doc.text, metadata=filing.metadata.as_dict(), part=doc.part)
        templates.append((filing, doc, result))
    t = time.perf_counter()
    with Storage(part, synchronous="OFF") as s:  # a benchmark fixture, rebuilt when lost
        with s.transaction():
            for i in range(n):
                filing, doc, result = templates[i % len(templates)]
                text = doc.text + f"\n\n[synthetic copy {i}]"
                copy = SourceDocument(text=text, source=doc.source, source_format=doc.source_format,
                                      offset_map=OffsetMap.identity(), part=doc.part)
                meta = FilingMetadata(accession=f"9999999999-26-{i:06d}", cik=filing.metadata.cik,
                                      form_type=filing.metadata.form_type, company=filing.metadata.company)
                approved = i % 3 == 0  # a third approved, with accepted fields
                fields = [Field(None, None, f.label, f.start, f.end, f.text, f.value, f.confidence, f.extractor,
                                status="accepted" if approved else "pending", reviewer="bench" if approved else None,
                                decided_at=DECIDED if approved else None) for f in result.fields]
                _, [doc_id], _ = s.add_filing(SourceFiling(f"/bench/{i}.txt", "file", meta, [copy]),
                                              doc_types=[result.doc_type], fields=[fields],
                                              checks=[result.checks])
                if approved:
                    s.set_document_status(doc_id, "approved", reviewer="bench")
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(part, path)  # closed above: its log is checkpointed into it
    print(f"(built {path.name}: {n} documents in {time.perf_counter() - t:.0f} s)")
    return path
