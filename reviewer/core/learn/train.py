"""Train a spaCy pipeline on approved documents (``reviewer train``).

A blank English pipeline with a span categorizer (the default: overlapping fields of
different labels all survive) or an entity recognizer (``component="ner"``: one label per
token, overlaps reduced to the longest). CPU only, nothing downloaded.

Candidates. By default a span finder (spaCy's span_finder) learns where fields start and
end and proposes candidate spans; the categorizer labels them. ``suggester="ngram"``
scores every n-gram up to ``max_span_tokens`` instead (slower, see TrainConfig).

Negatives. The categorizer scores every candidate against every label, and a candidate
with no annotation of a label is a negative for that label: a rejected field's span (when
it is proposed, as an extractor once proposed it), and any span of a label marked "not in
document", are negatives without further ado; the span finder reads every token that
starts or ends no approved field as a negative. Their counts are reported. The entity
recognizer reads every token outside an entity as outside (O), so the same holds for it.
No component takes a negative as an explicit target: a rejected span is simply never a
positive.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from reviewer import __version__
from reviewer.core.extract.evaluate import Counts
from reviewer.core.extract.schema import load_schema
from reviewer.core.learn.data import Approved, split_by_filing
from reviewer.core.learn.model import META_KEY, SpacyExtractor
from reviewer.core.learn.spans import CANDIDATES_KEY, SPANS_KEY, reference_doc, spacy_or_reason, split_document

Progress = Callable[[int, int, float], None]  # (step, steps, loss so far this epoch)


@dataclass
class TrainConfig:
    component: str = "spancat"  # or "ner"
    epochs: int = 10
    max_steps: int | None = None  # stop after this many updates, whatever the epochs
    batch_size: int = 8
    width: int = 96  # the token vectors' width
    depth: int = 4  # convolution layers over them
    embed_rows: int = 5000
    max_span_tokens: int = 12  # the longest span proposed, in tokens
    held_out: float = 0.2  # the share of filings kept apart for scoring
    seed: int = 0
    dropout: float = 0.1
    threshold: float = 0.5  # a span scored at least this is a field
    # which spans the categorizer scores: those a span finder proposes from token start and
    # end scores ("finder": a few per sentence), or every n-gram up to max_span_tokens
    # ("ngram": ten per token, about five times slower to train on the corpus)
    suggester: str = "finder"
    finder_threshold: float = 0.3


@dataclass
class TrainResult:
    out: str
    component: str
    labels: list[str]
    train_documents: int
    held_out_documents: int
    pieces: int
    spans: int
    rejected_spans: int
    absent_marks: int
    crossed: int  # spans across a cut between pieces, left out
    too_long: int  # spans longer than the categorizer proposes
    steps: int
    seconds: float
    scores: dict[str, dict] = field(default_factory=dict)  # label -> tp, fp, fn, precision, recall, f1

    def table(self) -> str:
        rows = [f"{'label':<18}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}"]
        for label, s in self.scores.items():
            rows.append(f"{label:<18}{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}"
                        f"{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}")
        return "\n".join(rows)


def _span_model(config: TrainConfig) -> dict:
    return {
        "@architectures": "spacy.SpanCategorizer.v1",
        "reducer": {"@layers": "spacy.mean_max_reducer.v1", "hidden_size": 2 * config.width},
        "scorer": {"@layers": "spacy.LinearLogistic.v1"},
        "tok2vec": _tok2vec(config),
    }


def _tok2vec(config: TrainConfig) -> dict:
    return {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None, "width": config.width,
            "depth": config.depth, "embed_size": config.embed_rows, "window_size": 1, "maxout_pieces": 3,
            "subword_features": True}


def build_pipeline(labels: list[str], config: TrainConfig, sizes: list[int]):
    spacy = spacy_or_reason()
    nlp = spacy.blank("en")
    if config.component == "ner":
        pipe = nlp.add_pipe("ner", config={"model": {
            "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
            "hidden_width": 64, "maxout_pieces": 2, "use_upper": True, "nO": None, "tok2vec": _tok2vec(config)}})
    elif config.component == "spancat":
        if config.suggester == "finder":
            nlp.add_pipe("span_finder", config={
                "spans_key": CANDIDATES_KEY, "threshold": config.finder_threshold, "max_length": sizes[-1],
                "model": {"@architectures": "spacy.SpanFinder.v1", "tok2vec": _tok2vec(config),
                          "scorer": {"@layers": "spacy.LinearLogistic.v1", "nO": 2}}})
            suggester = {"@misc": "spacy.preset_spans_suggester.v1", "spans_key": CANDIDATES_KEY}
        else:
            suggester = {"@misc": "spacy.ngram_suggester.v1", "sizes": sizes}
        pipe = nlp.add_pipe("spancat", config={
            "spans_key": SPANS_KEY, "threshold": config.threshold, "model": _span_model(config),
            "suggester": suggester})
    else:
        raise ValueError(f"unknown component {config.component!r}: spancat or ner")
    for label in labels:
        pipe.add_label(label)
    return nlp


def train(docs: list[Approved], out: str | Path, config: TrainConfig | None = None,
          progress: Progress | None = None, say: Callable[[str], None] | None = None) -> TrainResult:
    """Train on ``docs`` (held-out filings apart), save the pipeline to ``out``, score it on
    the held-out documents. ValueError when there is nothing to learn from."""
    config = config or TrainConfig()
    spacy_or_reason()
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    say = say or (lambda _line: None)
    started = time.perf_counter()
    train_docs, test_docs = split_by_filing(docs, config.held_out, config.seed)
    labels = sorted({label for d in train_docs for *_, label in d.spans})
    if not labels:
        raise ValueError("no approved document with an accepted, edited or added field to learn from")
    fix_random_seed(config.seed)
    pieces, crossed = [], 0
    for d in train_docs:
        mine, lost = split_document(d.document_id, d.text, d.spans)
        pieces.extend(mine)
        crossed += lost
    probe = spacy_or_reason().blank("en")
    lengths = [len(probe.make_doc(p.text[s - p.offset:e - p.offset])) for p in pieces for s, e, _ in p.spans]
    longest = min(config.max_span_tokens, max(lengths, default=1))
    too_long = sum(n > longest for n in lengths)
    nlp = build_pipeline(labels, config, list(range(1, longest + 1)))
    order = {name: i for i, name in enumerate(load_schema().names)}
    examples = [Example(nlp.make_doc(p.text), reference_doc(nlp, p, config.component, order)) for p in pieces]
    say(f"training a {config.component} on {len(train_docs)} document(s) ({len(pieces)} piece(s), "
        f"{len(lengths)} span(s), {len(labels)} label(s)); {len(test_docs)} held out")
    optimizer = nlp.initialize(lambda: examples)
    per_epoch = max(1, math.ceil(len(examples) / config.batch_size))
    steps = per_epoch * config.epochs if config.max_steps is None else min(config.max_steps, per_epoch * config.epochs)
    rng = random.Random(config.seed)
    annotates = ["span_finder"] if "span_finder" in nlp.pipe_names else []
    step = 0
    while step < steps:
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=config.batch_size):
            nlp.update(batch, sgd=optimizer, drop=config.dropout, losses=losses, annotates=annotates)
            step += 1
            if progress is not None:
                progress(step, steps, losses.get(config.component, 0.0))
            if step >= steps:
                break
    result = TrainResult(str(out), config.component, labels, len(train_docs), len(test_docs), len(pieces),
                         len(lengths), sum(len(d.rejected) for d in train_docs),
                         sum(len(d.absent) for d in train_docs), crossed, too_long, step, 0.0)
    out = Path(out)
    nlp.meta.update({"name": "filing_reviewer_fields", "version": __version__,
                     "description": "Fields learnt from approved documents (reviewer train)"})
    nlp.meta[META_KEY] = {"component": config.component, "labels": labels, "config": asdict(config),
                          "documents": len(train_docs)}
    nlp.to_disk(out)
    if test_docs:
        model = SpacyExtractor(out)
        model._nlp = nlp
        result.scores = score_spans(model, test_docs, labels)
    result.seconds = round(time.perf_counter() - started, 2)
    (out / "training.json").write_text(json.dumps(asdict(result), indent=2), encoding="utf-8")
    return result


def score_spans(extractor, docs: list[Approved], labels: list[str]) -> dict[str, dict]:
    """Per-label precision, recall and F1 of an extractor's spans against the documents'
    approved ones, exact spans; "micro" over all labels."""
    counts = {label: Counts() for label in labels}
    for d in docs:
        predicted = {(f.start, f.end, f.label) for f in extractor.extract(d.text, doc_type=d.doc_type,
                                                                           metadata=d.metadata).fields}
        gold = set(d.spans)
        for label in labels:
            p = {s for s in predicted if s[2] == label}
            g = {s for s in gold if s[2] == label}
            counts[label].add(Counts(len(p & g), len(p - g), len(g - p)))
    micro = Counts()
    for c in counts.values():
        micro.add(c)
    counts["micro"] = micro
    return {label: {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4), "f1": round(c.f1, 4)} for label, c in counts.items()}
