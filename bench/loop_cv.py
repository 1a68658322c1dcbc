"""Does the loop pay? Approve the dev corpus and the pool from their gold files, then
cross-validate rules alone, a model alone and rules plus model, micro-F1 per label.

    .venv/bin/python bench/loop_cv.py [--folds 4] [--epochs 10] [--held-out 0.2] [--db FILE [--reuse]] [--json FILE]

Approval from gold (what a reviewer with the gold file beside them would do): each rule
field of a gold label is accepted when its text matches a gold string of the label (the
scorer's matching), else rejected; a gold string no accepted field holds is added at each
place it is written (white space between words free, case-insensitive); 8-K items are
matched by value and never added. Labels the gold files do not cover are accepted and
left out of training. Only the documents the gold covers are approved (an EDGAR
submission's first document and its EX-99s). Folds split by filing; every score is
against the gold files themselves, as `reviewer eval --gold` scores.

Columns: the rules; the model alone, every label it learnt; rules plus model as `reviewer
ingest --model` merges them, the model proposing only the labels its training chose on
a held-out share of the fold's training filings (reviewer/core/learn/gate.py; never the
fold's test filings); and rules plus every label of the model, merged the same way, to
show what the choice saves.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviewer.core.extract import default_extractor, merge_fields  # noqa: E402
from reviewer.core.extract.evaluate import GOLD_KEYS, Report, gold_strings, load_gold, matches, normalize, score_document  # noqa: E402
from reviewer.core.ingest import ingest_paths  # noqa: E402
from reviewer.core.learn.data import approved_documents  # noqa: E402
from reviewer.core.learn.model import SpacyExtractor  # noqa: E402
from reviewer.core.learn.train import TrainConfig, train  # noqa: E402
from reviewer.core.model import Field  # noqa: E402
from reviewer.core.storage import Storage  # noqa: E402
from reviewer.core.values import parse_value  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
SETS = [(SHARED / "gold", [SHARED / "dev", SHARED / "seeds"]), (ROOT / "tests" / "gold" / "pool", [SHARED / "pool"])]
LABELS = sorted(GOLD_KEYS.values())
NAME_LIKE = ("person", "organization", "counterparty", "agreement", "company", "signatory")


def labelled(doc, first: bool) -> bool:
    part = (doc.part or "").upper()
    return first or part.startswith("EX-99")


def approve_from_gold(storage: Storage, doc_id: int, gold: dict, schema) -> dict[str, int]:
    doc = storage.get_document(doc_id)
    counts = {"accepted": 0, "rejected": 0, "added": 0, "not_found": 0}
    accepted: dict[str, list[tuple[int, int]]] = {}
    wanted = {label: [normalize(g) for g in gold_strings(gold, key)] for key, label in GOLD_KEYS.items()}
    for f in storage.fields(doc_id):
        if f.label not in wanted:
            storage.record_decision(f.id, status="accepted", reviewer="gold")
            continue
        said = normalize(str(f.value) if f.label == "item" and f.value is not None else f.text)
        if said and any(matches(said, g) for g in wanted[f.label]):
            storage.record_decision(f.id, status="accepted", reviewer="gold")
            accepted.setdefault(f.label, []).append((f.start, f.end))
            counts["accepted"] += 1
        else:
            storage.record_decision(f.id, status="rejected", reviewer="gold")
            counts["rejected"] += 1
    for key, label in GOLD_KEYS.items():
        if label == "item":
            continue
        held = accepted.get(label, [])
        for g in dict.fromkeys(gold_strings(gold, key)):
            if any(matches(normalize(doc.text[s:e]), normalize(g)) for s, e in held):
                continue
            words = g.split()
            if not words:
                continue
            pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.I)
            found = 0
            for m in pattern.finditer(doc.text):
                if any(m.start() < e and s < m.end() for s, e in held):
                    continue
                try:
                    value = parse_value(schema[label].type, m.group())
                except ValueError:
                    value = None
                storage.add_decided_field(doc_id, Field(None, doc_id, label, m.start(), m.end(), m.group(),
                                                        value=value, status="added"), reviewer="gold")
                held.append((m.start(), m.end()))
                found += 1
            counts["added" if found else "not_found"] += found or 1
    storage.set_document_status(doc_id, "approved", reviewer="gold")
    return counts


def build(db_path: Path) -> dict[int, tuple[str, dict]]:
    """Ingest and approve every gold-labelled file; {filing id: (name, gold)}."""
    extractor = default_extractor()
    filings: dict[int, tuple[str, dict]] = {}
    totals: dict[str, int] = {}
    with Storage(db_path) as storage:
        for gold_dir, folders in SETS:
            gold = load_gold(gold_dir)
            files = sorted(p for folder in folders for p in folder.iterdir() if p.stem in gold)
            for result in ingest_paths(storage, [str(p) for p in files], extractor=extractor):
                if not result.added:
                    print(f"  {result.path}: {result.outcome} {result.reason or ''}", file=sys.stderr)
                    continue
                stem = Path(result.path).stem
                for i, doc_id in enumerate(result.added):
                    doc = storage.get_document(doc_id, with_text=False)
                    if labelled(doc, i == 0):
                        for k, v in approve_from_gold(storage, doc_id, gold[stem], extractor.schema).items():
                            totals[k] = totals.get(k, 0) + v
                filings[doc.filing_id] = (stem, gold[stem])
    print(f"approved from gold: {totals}", file=sys.stderr)
    return filings


def filings_of(db_path: Path) -> dict[int, tuple[str, dict]]:
    """{filing id: (name, gold)} of a database ``build`` made."""
    golds = {}
    for gold_dir, _ in SETS:
        golds.update(load_gold(gold_dir))
    out = {}
    with Storage(db_path, create=False) as storage:
        for doc in storage.list_documents(status="approved"):
            stem = Path(storage.get_document(doc.id, with_text=False).source_path or "").stem
            if stem in golds:
                out[doc.filing_id] = (stem, golds[stem])
    return out


def cross_validate(db_path: Path, filings: dict, folds: int, config: TrainConfig) -> dict[str, Report]:
    rules = default_extractor()
    with Storage(db_path, create=False) as storage:
        docs = approved_documents(storage, set(LABELS))
    ids = sorted(filings)
    random.Random(config.seed).shuffle(ids)
    groups = [set(ids[i::folds]) for i in range(folds)]
    scores: dict[str, list] = {"rules": [], "model": [], "rules+model": [], "rules+model, every label": []}
    chosen: dict[int, object] = {}
    for n, test_ids in enumerate(groups, 1):
        started = time.perf_counter()
        train_docs = [d for d in docs if d.filing_id not in test_ids]
        with tempfile.TemporaryDirectory() as out:
            result = train(train_docs, out, config, baseline=rules)
            chosen[n] = result
            model, gated = SpacyExtractor(out, gated=False), SpacyExtractor(out)
            for filing_id in sorted(test_ids):
                name, gold = filings[filing_id]
                mine = [d for d in docs if d.filing_id == filing_id]
                got = {"rules": [], "model": []}
                doc_type = mine[0].doc_type if mine else None
                got["rules+model"], got["rules+model, every label"] = [], []
                for d in mine:
                    own = rules.extract(d.text, doc_type=d.doc_type, metadata=d.metadata).fields
                    everything = model.extract(d.text, doc_type=d.doc_type, metadata=d.metadata).fields
                    proposed = gated.extract(d.text, doc_type=d.doc_type, metadata=d.metadata).fields
                    got["rules"] += own
                    got["model"] += everything
                    got["rules+model"] += merge_fields([own, proposed])
                    got["rules+model, every label"] += merge_fields([own, everything])
                for kind, fields in got.items():
                    scores[kind].append(score_document(name, gold, fields, doc_type))
        r = chosen[n]
        print(f"fold {n}/{folds}: trained on {r.train_documents} document(s) ({r.held_out_documents} held out: "
              f"{r.epochs} epoch(s), best {r.best_epoch}; proposes {', '.join(sorted(r.proposes)) or 'nothing'}), "
              f"tested on {len(test_ids)} filing(s) in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return {kind: Report(s) for kind, s in scores.items()}


def table(reports: dict[str, Report]) -> str:
    per = {kind: r.per_label() for kind, r in reports.items()}
    rows = ["| label | " + " | ".join(f"{kind} F1" for kind in reports) + " |",
            "|---|" + "---:|" * len(reports)]
    for label in list(GOLD_KEYS.values()):
        cells = [f"{per[k][label].f1:.3f}" for k in reports]
        rows.append(f"| {label}{' *' if label in NAME_LIKE else ''} | " + " | ".join(cells) + " |")
    rows.append("| **micro** | " + " | ".join(f"**{r.micro().f1:.3f}**" for r in reports.values()) + " |")
    return "\n".join(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=4)
    defaults = TrainConfig()
    ap.add_argument("--epochs", type=int, default=defaults.epochs)
    ap.add_argument("--width", type=int, default=defaults.width)
    ap.add_argument("--depth", type=int, default=defaults.depth)
    ap.add_argument("--held-out", type=float, default=defaults.held_out,
                    help="Share of a fold's training filings held out to stop early and choose what the model "
                         "proposes (never the fold's test filings).")
    ap.add_argument("--reuse", action="store_true", help="Use the approved database at --db as it is.")
    ap.add_argument("--db", type=Path, default=None, help="Keep the approved database here.")
    ap.add_argument("--json", type=Path, default=None, help="Write the reports here.")
    args = ap.parse_args(argv)
    if not SHARED.exists():
        print(f"no shared corpus at {SHARED}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "loop.db"
        started = time.perf_counter()
        if args.reuse and db.exists():
            filings = filings_of(db)
        else:
            if db.exists():
                db.unlink()
            filings = build(db)
        config = TrainConfig(epochs=args.epochs, width=args.width, depth=args.depth, held_out=args.held_out)
        reports = cross_validate(db, filings, args.folds, config)
    print(f"{len(filings)} filing(s), {args.folds}-fold cross-validation by filing, "
          f"{time.perf_counter() - started:.0f} s (* name-like labels)")
    print(table(reports))
    if args.json:
        args.json.write_text(json.dumps({k: r.as_dict() for k, r in reports.items()}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
