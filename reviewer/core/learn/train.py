"""Train a spaCy pipeline on approved documents (``reviewer train``).

A blank English pipeline with a span categorizer (the default: overlapping fields of
different labels all survive) or an entity recognizer (``component="ner"``: one label per
token, overlaps reduced to the longest). CPU only, nothing downloaded.

Candidates. By default a span finder (spaCy's span_finder) learns where fields start and
end and proposes candidate spans; the categorizer labels them. ``suggester="ngram"``
scores every n-gram up to the longest span length instead (slower, see TrainConfig). The
finder and the categorizer read one shared token-to-vector layer (spaCy's tok2vec
component with listeners), computed once per batch.

What is read. A document is trained on as windows of at most ``window_chars`` characters
cut at paragraph breaks: every window holding an approved field, and a seeded share
(``negatives``) of the others. The longest span proposed is the 98th percentile of the
approved span lengths in tokens (at most ``max_span_tokens``); longer spans are counted.
Training stops early when the held-out windows' F1 has not improved for ``patience``
epochs, and the best epoch's weights are kept.

Negatives. The categorizer scores every candidate against every label, and a candidate
with no annotation of a label is a negative for that label: a rejected field's span (when
it is proposed, as an extractor once proposed it), and any span of a label marked "not in
document", are negatives without further ado; the span finder reads every token that
starts or ends no approved field as a negative. Their counts are reported. The entity
recognizer reads every token outside an entity as outside (O), so the same holds for it.
No component takes a negative as an explicit target: a rejected span is simply never a
positive.

What it proposes. On the held-out documents each label's threshold is chosen and the
label kept only where the model, merged with the rules, beats the rules alone
(reviewer/core/learn/gate.py); the choice is saved in the model's meta.json.
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
from reviewer.core.learn.gate import choose_labels
from reviewer.core.learn.model import META_KEY, SpacyExtractor
from reviewer.core.learn.spans import (CANDIDATES_KEY, SPANS_KEY, reference_doc, spacy_or_reason,
                                       training_windows)

CANDIDATES_PER_TOKEN = 1  # the most finder candidates a window gives the categorizer while training
Progress = Callable[[int, int, float], None]  # (step, steps, loss so far this epoch)


@dataclass
class TrainConfig:
    component: str = "spancat"  # or "ner"
    epochs: int = 10  # at most; see patience
    patience: int = 3  # stop when the held-out F1 has not improved for this many epochs (0: never)
    min_epochs: int = 3  # never stopped before this many
    max_steps: int | None = None  # stop after this many updates, whatever the epochs
    batch_size: int = 8
    width: int = 64  # the token vectors' width
    depth: int = 2  # convolution layers over them
    embed_rows: int = 5000
    max_span_tokens: int = 12  # the longest span proposed, in tokens, at most
    window_chars: int = 1000  # trained on windows of at most this many characters
    negatives: float = 0.2  # the share of windows without a field that are read too
    held_out: float = 0.2  # the share of filings kept apart for scoring
    seed: int = 0
    dropout: float = 0.1
    learn_rate: float = 0.001  # Adam's
    threshold: float = 0.5  # a span scored at least this is a field
    # which spans the categorizer scores: those a span finder proposes from token start and
    # end scores ("finder": a few per sentence), or every n-gram up to the longest span
    # ("ngram": ten per token, about five times slower to train on the corpus)
    suggester: str = "finder"
    finder_threshold: float = 0.3
    gate: str = "rules"  # labels proposed where the model beats the rules on held-out ("rules"),
    # or reaches gate.MIN_F1 alone ("f1"), or every label ("none")


@dataclass
class TrainResult:
    out: str
    component: str
    labels: list[str]
    train_documents: int
    held_out_documents: int
    pieces: int  # windows trained on
    spans: int
    rejected_spans: int
    absent_marks: int
    crossed: int  # spans across a cut between windows, left out
    too_long: int  # spans longer than the categorizer proposes
    steps: int
    seconds: float
    scores: dict[str, dict] = field(default_factory=dict)  # label -> tp, fp, fn, precision, recall, f1
    epochs: int = 0  # run
    best_epoch: int = 0  # whose weights were kept
    longest: int = 0  # the longest span proposed, in tokens
    proposes: dict[str, dict] = field(default_factory=dict)  # label -> threshold, f1, precision, baseline_f1

    def table(self) -> str:
        rows = [f"{'label':<18}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}  proposes"]
        for label, s in self.scores.items():
            gate = self.proposes.get(label)
            said = "" if label == "micro" else (f"  from {gate['threshold']:.2f}" if gate else "  no")
            rows.append(f"{label:<18}{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}"
                        f"{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}{said}")
        return "\n".join(rows)


def _span_model(config: TrainConfig, tok2vec: dict) -> dict:
    return {
        "@architectures": "spacy.SpanCategorizer.v1",
        "reducer": {"@layers": "spacy.mean_max_reducer.v1", "hidden_size": 2 * config.width},
        "scorer": {"@layers": "spacy.LinearLogistic.v1"},
        "tok2vec": tok2vec,
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
            nlp.add_pipe("tok2vec", config={"model": _tok2vec(config)})
            listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": config.width, "upstream": "tok2vec"}
            nlp.add_pipe("span_finder", config={
                "spans_key": CANDIDATES_KEY, "threshold": config.finder_threshold, "max_length": sizes[-1],
                "model": {"@architectures": "spacy.SpanFinder.v1", "tok2vec": listener,
                          "scorer": {"@layers": "spacy.LinearLogistic.v1", "nO": 2}}})
            suggester = {"@misc": "spacy.preset_spans_suggester.v1", "spans_key": CANDIDATES_KEY}
            tok2vec = listener
        else:
            suggester = {"@misc": "spacy.ngram_suggester.v1", "sizes": sizes}
            tok2vec = _tok2vec(config)
        pipe = nlp.add_pipe("spancat", config={
            "spans_key": SPANS_KEY, "threshold": config.threshold, "model": _span_model(config, tok2vec),
            "suggester": suggester})
    else:
        raise ValueError(f"unknown component {config.component!r}: spancat or ner")
    for label in labels:
        pipe.add_label(label)
    return nlp


def _windows(docs: list[Approved], config: TrainConfig, rng: random.Random):
    out, crossed = [], 0
    for d in docs:
        mine, lost = training_windows(d.document_id, d.text, d.spans, config.window_chars, config.negatives, rng)
        out.extend(mine)
        crossed += lost
    return out, crossed


def _longest(lengths: list[int], config: TrainConfig) -> int:
    """The 98th percentile of the span lengths, at most max_span_tokens."""
    if not lengths:
        return 1
    ordered = sorted(lengths)
    return max(1, min(config.max_span_tokens, ordered[min(len(ordered) - 1, math.ceil(0.98 * len(ordered)) - 1)]))


def _update_with_gold_candidates(nlp, batch, optimizer, drop: float, losses: dict, rng: random.Random) -> None:
    """``nlp.update`` for the finder pipeline, the shared tok2vec and the span finder
    annotating the batch for the categorizer as spaCy's ``annotates`` does, and the
    approved spans added to the finder's candidates: the categorizer learns every label
    from the first step, where on its own it waits (epochs, on a few hundred windows) for
    the finder to propose anything, and still learns its negatives from the finder (a
    seeded sample of at most CANDIDATES_PER_TOKEN per token while it proposes more)."""
    for name, proc in nlp.pipeline:
        proc.update(batch, sgd=None, losses=losses, drop=drop)
        proc.finish_update(optimizer)
        if name == "spancat":
            continue
        if name == "tok2vec" and _reuse_vectors(proc, batch):
            continue
        for eg, doc in zip(batch, proc.pipe(eg.predicted for eg in batch)):
            eg.predicted = doc
        if name == "span_finder":
            for eg in batch:
                found = list(eg.predicted.spans.get(CANDIDATES_KEY, []))
                most = CANDIDATES_PER_TOKEN * len(eg.predicted)
                if len(found) > most:  # an untrained finder's flood: a sample
                    found = sorted(rng.sample(found, most), key=lambda s: (s.start, s.end))
                have = {(s.start, s.end) for s in found}
                found += [eg.predicted[s.start:s.end] for s in eg.reference.spans.get(SPANS_KEY, [])
                          if (s.start, s.end) not in have]
                eg.predicted.spans[CANDIDATES_KEY] = found


def _reuse_vectors(tok2vec, batch) -> bool:
    """The token vectors the tok2vec's update just computed for its listeners, set on the
    batch's docs for the finder to propose from, instead of a second forward pass (a
    seventh of the training time). False (and nothing set) when spaCy keeps them otherwise."""
    listeners = getattr(tok2vec, "listeners", None) or []
    outputs = getattr(listeners[0], "_outputs", None) if listeners else None
    if not isinstance(outputs, list) or len(outputs) != len(batch):
        return False
    if any(getattr(t, "shape", (None,))[0] != len(eg.predicted) for t, eg in zip(outputs, batch)):
        return False
    for t, eg in zip(outputs, batch):
        eg.predicted.tensor = t
    return True


def _window_f1(nlp, windows, component: str) -> float:
    """Micro F1 of the pipeline's spans on windows, exact spans (for early stopping)."""
    total = Counts()
    for w, doc in zip(windows, nlp.pipe(w.text for w in windows)):
        spans = doc.ents if component == "ner" else doc.spans.get(SPANS_KEY, [])
        got = {(w.offset + s.start_char, w.offset + s.end_char, s.label_) for s in spans}
        gold = set(w.spans)
        total.add(Counts(len(got & gold), len(got - gold), len(gold - got)))
    return total.f1


def train(docs: list[Approved], out: str | Path, config: TrainConfig | None = None,
          progress: Progress | None = None, say: Callable[[str], None] | None = None,
          baseline=None) -> TrainResult:
    """Train on ``docs`` (held-out filings apart), save the pipeline to ``out``, score it on
    the held-out documents and choose there what it proposes (against ``baseline``, an
    extractor; the rules when None and ``config.gate`` is "rules"). ValueError when there
    is nothing to learn from."""
    config = config or TrainConfig()
    spacy = spacy_or_reason()
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    say = say or (lambda _line: None)
    started = time.perf_counter()
    train_docs, test_docs = split_by_filing(docs, config.held_out, config.seed)
    labels = sorted({label for d in train_docs for *_, label in d.spans})
    if not labels:
        raise ValueError("no approved document with an accepted, edited or added field to learn from")
    fix_random_seed(config.seed)
    rng = random.Random(config.seed)
    pieces, crossed = _windows(train_docs, config, rng)
    probe = spacy.blank("en")
    lengths = [len(probe.make_doc(p.text[s - p.offset:e - p.offset])) for p in pieces for s, e, _ in p.spans]
    longest = _longest(lengths, config)
    too_long = sum(n > longest for n in lengths)
    nlp = build_pipeline(labels, config, list(range(1, longest + 1)))
    order = {name: i for i, name in enumerate(load_schema().names)}
    examples = [Example(nlp.make_doc(p.text), reference_doc(nlp, p, config.component, order)) for p in pieces]
    checks = _windows(test_docs, config, random.Random(config.seed + 1))[0] if config.patience else []
    say(f"training a {config.component} on {len(train_docs)} document(s) ({len(pieces)} window(s), "
        f"{len(lengths)} span(s), {len(labels)} label(s)); {len(test_docs)} held out")
    optimizer = nlp.initialize(lambda: examples[:200])
    optimizer.learn_rate = config.learn_rate
    per_epoch = max(1, math.ceil(len(examples) / config.batch_size))
    steps = per_epoch * config.epochs if config.max_steps is None else min(config.max_steps, per_epoch * config.epochs)
    annotates = "span_finder" in nlp.pipe_names
    step = epoch = best_epoch = 0
    best_f1, best_weights = -1.0, None
    while step < steps:
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=config.batch_size):
            if annotates:
                _update_with_gold_candidates(nlp, batch, optimizer, config.dropout, losses, rng)
            else:
                nlp.update(batch, sgd=optimizer, drop=config.dropout, losses=losses)
            step += 1
            if progress is not None:
                progress(step, steps, losses.get(config.component, 0.0))
            if step >= steps:
                break
        epoch += 1
        if checks:
            last_f1 = _window_f1(nlp, checks, config.component)
            say(f"epoch {epoch}: loss {losses.get(config.component, 0.0):.1f}, held-out windows F1 {last_f1:.3f}")
            if last_f1 > best_f1:
                best_f1, best_epoch, best_weights = last_f1, epoch, nlp.to_bytes()
            elif epoch - best_epoch >= config.patience and epoch >= config.min_epochs:
                break
    if best_weights is not None and best_epoch < epoch:
        nlp.from_bytes(best_weights)
    else:
        best_epoch = epoch
    result = TrainResult(str(out), config.component, labels, len(train_docs), len(test_docs), len(pieces),
                         len(lengths), sum(len(d.rejected) for d in train_docs),
                         sum(len(d.absent) for d in train_docs), crossed, too_long, step, 0.0,
                         epochs=epoch, best_epoch=best_epoch, longest=longest)
    out = Path(out)
    nlp.meta.update({"name": "filing_reviewer_fields", "version": __version__,
                     "description": "Fields learnt from approved documents (reviewer train)"})
    nlp.meta[META_KEY] = {"component": config.component, "labels": labels, "config": asdict(config),
                          "documents": len(train_docs)}
    nlp.to_disk(out)
    if test_docs:
        model = SpacyExtractor(out, gated=False)
        model._nlp = nlp
        predicted = [model.extract(d.text, doc_type=d.doc_type, metadata=d.metadata).fields for d in test_docs]
        gold = [set(d.spans) for d in test_docs]
        result.scores = _scores(predicted, gold, labels)
        if config.gate != "none":
            if baseline is None and config.gate == "rules":
                from reviewer.core.extract import default_extractor

                baseline = default_extractor()
            base = None if config.gate != "rules" else [
                baseline.extract(d.text, doc_type=d.doc_type, metadata=d.metadata).fields for d in test_docs]
            result.proposes = choose_labels(predicted, gold, labels, base)
            nlp.meta[META_KEY]["proposes"] = result.proposes
            nlp.meta[META_KEY]["gate"] = config.gate
            (out / "meta.json").write_text(json.dumps(nlp.meta, indent=2), encoding="utf-8")
    result.seconds = round(time.perf_counter() - started, 2)
    (out / "training.json").write_text(json.dumps(asdict(result), indent=2), encoding="utf-8")
    return result


def score_spans(extractor, docs: list[Approved], labels: list[str]) -> dict[str, dict]:
    """Per-label precision, recall and F1 of an extractor's spans against the documents'
    approved ones, exact spans; "micro" over all labels."""
    predicted = [extractor.extract(d.text, doc_type=d.doc_type, metadata=d.metadata).fields for d in docs]
    return _scores(predicted, [set(d.spans) for d in docs], labels)


def _scores(predicted, gold, labels: list[str]) -> dict[str, dict]:
    counts = {label: Counts() for label in labels}
    for fields, spans in zip(predicted, gold):
        got = {(f.start, f.end, f.label) for f in fields}
        for label in labels:
            p = {s for s in got if s[2] == label}
            g = {s for s in spans if s[2] == label}
            counts[label].add(Counts(len(p & g), len(p - g), len(g - p)))
    micro = Counts()
    for c in counts.values():
        micro.add(c)
    counts["micro"] = micro
    return {label: {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4), "f1": round(c.f1, 4)} for label, c in counts.items()}
