"""Predictions made elsewhere, read back: spaCy/Prodigy span JSONL, Label Studio's exported
JSON, LangExtract's JSONL. Each becomes texts with character spans; a span whose offsets
do not hold its text in that text is reported (one line) and never moved. As an
extractor (entry point "predictions") they give their spans to the document whose text is
the same, character for character."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.extract.engine import Extraction
from reviewer.core.extract.schema import Schema, load_schema
from reviewer.core.model import Field
from reviewer.core.values import parse_value

FORMATS = ("prodigy", "labelstudio", "langextract")


class PredictionsError(ValueError):
    """A file that is none of the formats read here; the message, one line, says why."""


@dataclass(frozen=True)
class PredictedSpan:
    label: str
    start: int
    end: int
    text: str | None  # as the file gives it, when it does
    score: float | None = None


@dataclass
class PredictedDocument:
    where: str  # "FILE line N" or "FILE task N", for messages
    text: str
    spans: list[PredictedSpan] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Predictions:
    format: str
    documents: list[PredictedDocument]
    problems: list[str] = field(default_factory=list)  # one line each: misaligned spans, bad records


def read_predictions(path: str | Path, fmt: str | None = None) -> Predictions:
    """Read a predictions file; ``fmt`` one of FORMATS, or None to tell from its content."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise PredictionsError(f"{path} is not UTF-8 text") from None
    except OSError as err:
        raise PredictionsError(f"cannot read {path}: {err.strerror or err}") from None
    fmt = fmt or _sniff(path, raw)
    if fmt == "labelstudio":
        return _label_studio(path, raw)
    if fmt not in FORMATS:
        raise PredictionsError(f"unknown predictions format {fmt!r} (known: {', '.join(FORMATS)})")
    out = Predictions(fmt, [])
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            out.problems.append(f"{where}: not JSON ({err.msg}); left out")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            out.problems.append(f"{where}: no \"text\"; left out")
            continue
        doc = PredictedDocument(where, record["text"])
        if fmt == "prodigy":
            if record.get("answer") in ("reject", "ignore"):
                out.problems.append(f"{where}: answered {record['answer']!r}; left out")
                continue
            items = [(s, s.get("start"), s.get("end"), s.get("label"), s.get("text"), s.get("score"))
                     for s in record.get("spans") or [] if isinstance(s, dict)]
        else:
            items = []
            for e in record.get("extractions") or []:
                if not isinstance(e, dict):
                    continue
                interval = e.get("char_interval") or {}
                items.append((e, interval.get("start_pos"), interval.get("end_pos"), e.get("extraction_class"),
                              e.get("extraction_text"), None))
        for _raw, start, end, label, text, score in items:
            _add(out, doc, start, end, label, text, score)
        out.documents.append(doc)
    return out


def _sniff(path: Path, raw: str) -> str:
    head = raw.lstrip()[:1]
    if head == "[":
        return "labelstudio"
    first = next((line for line in raw.splitlines() if line.strip()), "")
    try:
        record = json.loads(first)
    except json.JSONDecodeError:
        if head == "{":
            return "labelstudio"  # one task, pretty-printed
        raise PredictionsError(f"{path.name}: neither JSON nor JSON lines") from None
    if isinstance(record, dict):
        if "extractions" in record:
            return "langextract"
        if "data" in record:
            return "labelstudio"
        if "spans" in record or "text" in record:
            return "prodigy"
    raise PredictionsError(f"{path.name}: not spaCy/Prodigy spans, Label Studio tasks or LangExtract output")


def _label_studio(path: Path, raw: str) -> Predictions:
    from reviewer.core.export.labelstudio import LabelStudioError, read_label_studio

    try:
        tasks = read_label_studio(json.loads(raw))
    except json.JSONDecodeError as err:
        raise PredictionsError(f"{path.name} is not JSON: line {err.lineno}: {err.msg}") from None
    except LabelStudioError as err:
        raise PredictionsError(f"{path.name}: {err}") from None
    out = Predictions("labelstudio", [])
    for i, task in enumerate(tasks, 1):
        doc = PredictedDocument(f"{path.name} task {task.id if task.id is not None else i}", task.text)
        for s in task.spans:
            _add(out, doc, s.start, s.end, s.label, s.text, s.score)
        out.problems.extend(f"{path.name}: {p}" for p in task.problems)
        out.documents.append(doc)
    return out


def _add(out: Predictions, doc: PredictedDocument, start, end, label, text, score) -> None:
    shown = f"{label} {start}-{end}" + (f" {text!r}" if isinstance(text, str) else "")
    if not isinstance(label, str) or not label:
        out.problems.append(f"{doc.where}: span {start}-{end} has no label; left out")
    elif not (type(start) is int and type(end) is int and 0 <= start < end <= len(doc.text)):
        out.problems.append(f"{doc.where}: {shown}: offsets outside its text of {len(doc.text)} characters"
                            " (or unaligned); left out")
    elif isinstance(text, str) and doc.text[start:end] != text:
        out.problems.append(f"{doc.where}: {shown}: the text there is {doc.text[start:end]!r}; left out, not moved")
    else:
        good = isinstance(score, (int, float)) and not isinstance(score, bool)
        doc.spans.append(PredictedSpan(label, start, end, text, float(score) if good else None))


class PredictionsExtractor:
    """The spans of a predictions file as fields of the document whose text they were made
    on (same text, same hash). Labels outside the schema are left out (``unknown`` counts
    them)."""

    name = "predictions"
    version = "1"

    def __init__(self, predictions: Predictions, schema: Schema | None = None):
        self.schema = schema or load_schema()
        self.by_text = {d.sha256: d for d in predictions.documents}
        self.unknown: dict[str, int] = {}

    def extract(self, text: str, *, doc_type: str | None = None, metadata: dict | None = None,
                part: str | None = None) -> Extraction:
        doc = self.by_text.get(hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
        fields = []
        for s in doc.spans if doc is not None else []:
            if s.label not in self.schema:
                self.unknown[s.label] = self.unknown.get(s.label, 0) + 1
                continue
            try:
                value = parse_value(self.schema[s.label].type, text[s.start:s.end])
            except ValueError:
                value = None
            fields.append(Field(None, None, s.label, s.start, s.end, text[s.start:s.end], value=value,
                                confidence=None if s.score is None else round(s.score, 3), extractor=self.name))
        fields.sort(key=lambda f: (f.start, f.end, self.schema.order(f.label)))
        return Extraction(doc_type or "other", fields, [])

    def __call__(self, text: str, doc_type: str, metadata: dict) -> tuple[list[Field], list[dict]]:
        result = self.extract(text, doc_type=doc_type, metadata=metadata)
        return result.fields, result.checks
