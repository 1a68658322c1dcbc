"""A trained spaCy pipeline as an extractor (entry point "spacy")."""

from __future__ import annotations

import json
from pathlib import Path

from reviewer.core.extract.engine import Extraction
from reviewer.core.extract.schema import Schema, load_schema
from reviewer.core.learn.spans import SPANS_KEY, pieces, spacy_or_reason
from reviewer.core.model import Field
from reviewer.core.values import parse_value

META_KEY = "filing_reviewer"


class ModelError(Exception):
    """A folder that is not a model this program trained (the reason is the message)."""


class SpacyExtractor:
    """Fields from a pipeline saved by ``reviewer train``: its span categorizer's spans (with
    their scores as confidence) or its entities. Only labels of the schema are kept, as with
    the rules; a single-valued label keeps its most confident span. The pipeline is loaded
    when first used, so the extractor pickles as its folder (the ingest worker loads it).

    Gated (the default): only the labels chosen on the held-out split at training
    (meta.json "proposes", reviewer/core/learn/gate.py), each from its threshold, with the
    score times the label's held-out precision as confidence, so that a model field ranks
    below the rules' in the confidence filter. A model trained with nothing held out
    proposes every label. A span is snapped to the words it covers: punctuation at its
    edges (a comma after a name, a quote or bracket not closed inside it) is left out."""

    name = "spacy"

    def __init__(self, path: str | Path, schema: Schema | None = None, *, gated: bool = True):
        self.path = Path(path)
        meta_file = self.path / "meta.json"
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            raise ModelError(f"{self.path}: not a trained model (no readable meta.json)") from None
        ours = meta.get(META_KEY)
        if not isinstance(ours, dict) or ours.get("component") not in ("spancat", "ner"):
            raise ModelError(f"{self.path}: not a model trained by `reviewer train`")
        self.component = ours["component"]
        self.version = f"{meta.get('name', 'model')} {meta.get('version', '')}".strip()
        self.schema = schema or load_schema()
        proposes = ours.get("proposes")
        self.proposes: dict[str, dict] | None = proposes if gated and isinstance(proposes, dict) else None
        self._nlp = None

    def __getstate__(self):
        return {**self.__dict__, "_nlp": None}

    @property
    def nlp(self):
        if self._nlp is None:
            spacy = spacy_or_reason()
            try:
                self._nlp = spacy.load(self.path)
            except Exception as err:  # noqa: BLE001 - any damage to the folder: one line, no traceback
                reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
                raise ModelError(f"{self.path}: the model cannot be loaded: {reason}") from None
        return self._nlp

    def extract(self, text: str, *, doc_type: str | None = None, metadata: dict | None = None,
                part: str | None = None) -> Extraction:
        if doc_type is None:
            from reviewer.core.extract.doctype import classify

            doc_type = classify(part, (metadata or {}).get("form_type"), text)
        cuts = list(pieces(text))
        found: list[Field] = []
        for (offset, _), doc in zip(cuts, self.nlp.pipe(text[s:e] for s, e in cuts)):
            if self.component == "ner":
                spans = [(span, None) for span in doc.ents]
            else:
                group = doc.spans.get(SPANS_KEY, [])
                scores = group.attrs.get("scores") if len(group) else None
                spans = [(span, float(scores[i]) if scores is not None else None) for i, span in enumerate(group)]
            for span, score in spans:
                label = self.schema[span.label_] if span.label_ in self.schema else None
                if label is None or not label.applies(doc_type):
                    continue
                if self.proposes is not None:
                    gate = self.proposes.get(span.label_)
                    if gate is None or (score is not None and score < gate["threshold"]):
                        continue
                    score = None if score is None else score * gate["precision"]
                start, end = snap(text, offset + span.start_char, offset + span.end_char)
                if start >= end:
                    continue
                found.append(Field(None, None, span.label_, start, end, text[start:end],
                                   value=_value(label.type, text[start:end]),
                                   confidence=None if score is None else round(score, 3), extractor=self.name))
        return Extraction(doc_type, _single_valued(found, self.schema), [])

    def __call__(self, text: str, doc_type: str, metadata: dict) -> tuple[list[Field], list[dict]]:
        result = self.extract(text, doc_type=doc_type, metadata=metadata)
        return result.fields, result.checks


_EDGE = " \t\n,;:!?\"'“”‘’"
_PAIRS = {"(": ")", "[": "]", "{": "}"}


def snap(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without white space and punctuation at its edges (a full stop stays: "Inc."),
    and without an opening bracket whose closing one it does not hold, or the reverse."""
    while True:
        before = (start, end)
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        piece = text[start:end]
        for opening, closing in _PAIRS.items():
            if piece.startswith(opening) and closing not in piece:
                start += 1
            elif piece.endswith(closing) and opening not in piece:
                end -= 1
            elif piece.endswith(opening):
                end -= 1
        if (start, end) == before:
            return start, end


def _value(value_type: str, text: str):
    try:
        return parse_value(value_type, text)
    except ValueError:
        return None  # never the text as a typed value


def _single_valued(fields: list[Field], schema: Schema) -> list[Field]:
    best: dict[str, Field] = {}
    kept = []
    for f in fields:
        if schema[f.label].many:
            kept.append(f)
        elif f.label not in best or (f.confidence or 0) > (best[f.label].confidence or 0):
            best[f.label] = f
    kept.extend(best.values())
    return sorted(kept, key=lambda f: (f.start, f.end, schema.order(f.label)))
