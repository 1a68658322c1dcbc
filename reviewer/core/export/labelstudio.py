"""Label Studio: the JSON task list its import reads, the labelling config for the schema,
and the way back (read_label_studio), so a team can move spans both ways.

One task per document (https://labelstud.io/guide/tasks#Basic-Label-Studio-JSON-format):
``data`` holds the text (``data.text``, shown by ``<Text name="text" value="$text"/>``) and
the document's metadata, flat, with ``absent``: the labels marked "not in document".
Label Studio keeps ``data`` as it is and gives it back in every export.

Reviewed fields (accepted, edited, added) are the task's one annotation; pending ones (only
with --status all) its one prediction, each span's confidence as its ``value.score`` and
the lowest of them as the prediction's score (https://labelstud.io/guide/predictions).
Rejected fields never go out. Result items are ``labels`` regions of the ``label``
control on the ``text`` object, with ``origin`` as Label Studio words it: an accepted
extraction "prediction", an edited one "prediction-changed", an added one "manual"; and
the decision (who, when) as the region's meta text.

The annotation carries the reviewer in its region meta and in ``data.reviewer``, not in
``completed_by``: Label Studio takes that only as the id or e-mail of one of its own users
and refuses the whole import otherwise (tasks/serializers.py, _insert_valid_completed_by);
without it the annotation belongs to whoever imports. An approved document's annotation is
its ground truth; a rejected document's is marked cancelled (skipped), as Label Studio
marks a task an annotator declined.
"""

from __future__ import annotations

import json
import os
from operator import itemgetter
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.export.common import Run, document_meta, value_text
from reviewer.core.export.training import json_line
from reviewer.core.extract.schema import Schema

FROM_NAME = "label"  # the <Labels> control of the config, every result's from_name
TO_NAME = "text"  # the <Text> object, every result's to_name, and the data key of the text
MODEL_VERSION = "filing-reviewer"
_ORIGIN = {"accepted": "prediction", "edited": "prediction-changed", "added": "manual"}
# what Label Studio's JSON-MIN export adds to a task's data, beside the spans
_POSITION = itemgetter(4, 5)  # start, end of a field row of Storage.export_field_rows
_MIN_KEYS = {"id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time", "agreement"}


def _xml_problem(name: str) -> str | None:
    """Why ``name`` cannot be an XML 1.0 attribute, or None (escaping handles the rest)."""
    for ch in name:
        code = ord(ch)
        if (code < 0x20 and ch not in "\t\n\r") or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            return f"label {name!r} holds the character U+{code:04X}, which XML cannot carry"
    return None


def label_config(schema: Schema) -> str:
    """The labelling config (XML) for ``schema``: one <Label> per label, in schema order,
    with its colour and its quick key, on the text the export writes (FROM_NAME, TO_NAME).
    Attribute values are escaped, so any label name gives well-formed XML; a name with a
    character XML cannot hold at all (a control character) raises ValueError."""
    view = ET.Element("View")
    labels = ET.SubElement(view, "Labels", {"name": FROM_NAME, "toName": TO_NAME})
    for label in schema.labels:
        problem = _xml_problem(label.name)
        if problem:
            raise ValueError(problem)
        attributes = {"value": label.name, "background": label.colour}
        if 1 <= label.key <= 9:
            attributes["hotkey"] = str(label.key)
        ET.SubElement(labels, "Label", attributes)
    ET.SubElement(view, "Text", {"name": TO_NAME, "value": f"${TO_NAME}"})
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"


def write_label_studio(run: Run, handle) -> None:
    """The task list (bytes, UTF-8) as one JSON array written a task at a time: memory
    holds one batch of documents, never the corpus."""
    def query(storage):
        return storage.export_field_rows(run.status, statuses=run.statuses, labels=run.labels,
                                         label_order=run.schema.names, value_text=value_text, meta=True)

    opened = False
    for documents in run.batches(query):
        texts = run.storage.document_texts([d[0] for d in documents])
        tasks = [json_line(_task(run, document, text)) for document, text in zip(documents, texts)]
        handle.write((b",\n" if opened else b"[\n") + b",\n".join(tasks))
        opened = True
    handle.write(b"\n]\n" if opened else b"[]\n")


def _task(run: Run, document: list, text: str) -> dict:
    meta = document_meta(document)
    doc_id = meta["document_id"]
    # [label, text, value text, currency, start, end, status, confidence, extractor, reviewer, decided_at]
    # by position: the query gives them in schema order, then position, which a stable sort keeps for ties
    fields = sorted(document[7], key=_POSITION)
    reviewed, pending, absent, scores, times = [], [], [], [], []
    for n, (label, field_text, _, _, start, end, status, confidence, _, reviewer, decided) in enumerate(fields):
        run.result.fields += 1
        if status == "absent":
            absent.append(label)
            continue
        if end <= start:
            run.result.warnings.append(f"document {doc_id}: {label} at {start} is empty; a Label Studio "
                                       "region cannot be, so it was left out")
            continue
        span = text[start:end]
        if span != field_text:  # the stored offsets are the truth; say so when the text disagrees
            run.result.warnings.append(f"document {doc_id}: {label} {start}-{end} holds {span!r}, "
                                       f"not the field's text {field_text!r}; the document's text was written")
        value = {"start": start, "end": end, "text": span, "labels": [label]}
        item = {"id": f"d{doc_id}-{n}", "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
                "value": value}
        if status == "pending":
            item["origin"] = "prediction"
            if confidence is not None:
                value["score"] = confidence
                scores.append(confidence)
            pending.append(item)
        else:
            item["origin"] = _ORIGIN[status]
            note = status + (f" by {reviewer}" if reviewer else "") + (f", {decided}" if decided else "")
            item["meta"] = {"text": [note]}
            reviewed.append(item)
            if decided:
                times.append(decided)
    data = {TO_NAME: text, **meta, "absent": sorted(set(absent))}
    task: dict = {"data": data}
    if reviewed or absent or meta["status"] != "pending":
        annotation = {"result": reviewed, "ground_truth": meta["status"] == "approved",
                      "was_cancelled": meta["status"] == "rejected"}
        if times:
            annotation["created_at"], annotation["updated_at"] = min(times), max(times)
        task["annotations"] = [annotation]
    if pending:
        prediction = {"model_version": MODEL_VERSION, "result": pending}
        if scores:
            prediction["score"] = min(scores)
        task["predictions"] = [prediction]
    return task


# -- the way back ------------------------------------------------------------------


class LabelStudioError(ValueError):
    """A file or object that is not a Label Studio export; the message, one line, says why."""


@dataclass(frozen=True)
class Span:
    label: str
    start: int
    end: int
    text: str
    source: str  # "annotation" or "prediction"
    score: float | None = None  # a prediction's confidence in the span
    origin: str | None = None  # Label Studio's: manual, prediction, prediction-changed


@dataclass
class Task:
    """One task read back: its text, its data (metadata included), its spans, the labels
    marked absent, and what did not fit: spans whose text is not text[start:end] (kept
    aside, never moved) and one line per problem."""

    text: str
    data: dict
    spans: list[Span] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    mismatched: list[Span] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    id: int | str | None = None


def read_label_studio(source, *, text_key: str = TO_NAME) -> list[Task]:
    """The tasks of a Label Studio export: a path to its JSON (the task list, or JSON-MIN),
    or the parsed object (a list of tasks, or one task). Spans come from ``labels``
    results of every annotation (cancelled ones are left out, and said) and prediction,
    and from JSON-MIN's region lists. Raises LabelStudioError, one line, for input that is
    no such export."""
    tasks = _load(source)
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise LabelStudioError(f"a Label Studio export is a JSON list of tasks, not {type(tasks).__name__}")
    return [_read_task(i, item, text_key) for i, item in enumerate(tasks)]


def _load(source):
    if not isinstance(source, (str, os.PathLike)):
        return source
    path = Path(source)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise LabelStudioError(f"cannot read {path}: {err.strerror or err}") from None
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise LabelStudioError(f"{path} is not UTF-8 text") from None
    except json.JSONDecodeError as err:
        raise LabelStudioError(f"{path} is not JSON: line {err.lineno} column {err.colno}: {err.msg}") from None


def _read_task(index: int, item, text_key: str) -> Task:
    if not isinstance(item, dict):
        raise LabelStudioError(f"task {index + 1} is a {type(item).__name__}, not a JSON object")
    full = isinstance(item.get("data"), dict)
    data = dict(item["data"]) if full else {k: v for k, v in item.items() if not _is_regions(v)}
    text = data.get(text_key)
    if not isinstance(text, str):
        raise LabelStudioError(f"task {index + 1} has no text under {text_key!r}")
    absent = data.get("absent")
    task = Task(text=text, data=data, id=item.get("id"),
                absent=[a for a in absent if isinstance(a, str)] if isinstance(absent, list) else [])
    if full:
        for annotation in item.get("annotations") or item.get("completions") or []:
            if not isinstance(annotation, dict):
                task.problems.append(f"task {_name(task, index)}: an annotation is not a JSON object; left out")
            elif annotation.get("was_cancelled"):  # skipped: Label Studio's converters leave it out too
                if annotation.get("result"):
                    task.problems.append(f"task {_name(task, index)}: a cancelled annotation's "
                                         f"{len(annotation['result'])} region(s) left out")
            else:
                _read_results(task, index, annotation.get("result") or [], "annotation", None)
        for prediction in item.get("predictions") or []:
            if isinstance(prediction, dict):
                _read_results(task, index, prediction.get("result") or [], "prediction", prediction.get("score"))
    else:  # JSON-MIN: data keys and regions side by side, one annotation per record
        for key, regions in item.items():
            if key not in _MIN_KEYS and _is_regions(regions):
                for value in regions:
                    _add_span(task, index, value, "annotation", None, None)
    return task


def _is_regions(value) -> bool:
    return (isinstance(value, list) and bool(value)
            and all(isinstance(v, dict) and "start" in v and "end" in v and "labels" in v for v in value))


def _read_results(task: Task, index: int, results, source: str, score) -> None:
    if not isinstance(results, list):
        task.problems.append(f"task {_name(task, index)}: a {source}'s result is not a list; left out")
        return
    for result in results:
        if isinstance(result, dict) and result.get("type") == "labels" and isinstance(result.get("value"), dict):
            value = result["value"]
            span_score = value.get("score", result.get("score", score))
            _add_span(task, index, value, source, span_score, result.get("origin"))


def _add_span(task: Task, index: int, value: dict, source: str, score, origin) -> None:
    start, end, labels = value.get("start"), value.get("end"), value.get("labels")
    where = f"task {_name(task, index)}"
    if not (type(start) is int and type(end) is int and 0 <= start <= end <= len(task.text)):
        task.problems.append(f"{where}: offsets {start!r}-{end!r} do not fall within its text "
                             f"of {len(task.text)} characters; left out")
        return
    if not isinstance(labels, list) or not labels or not all(isinstance(lb, str) for lb in labels):
        task.problems.append(f"{where}: region {start}-{end} has no labels; left out")
        return
    span_text = value.get("text", task.text[start:end])
    score = float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else None
    spans = [Span(label, start, end, span_text if isinstance(span_text, str) else repr(span_text),
                  source, score, origin if isinstance(origin, str) else None) for label in labels]
    if span_text == task.text[start:end]:
        task.spans.extend(spans)
        return
    task.mismatched.extend(spans)
    hint = _utf16_hint(task.text, start, end, span_text)
    task.problems.append(f"{where}: {'/'.join(labels)} {start}-{end} says {span_text!r} but the text there "
                         f"is {task.text[start:end]!r}; kept aside, not moved{hint}")


def _name(task: Task, index: int) -> str:
    doc = task.data.get("document_id")
    return f"{index + 1} (document {doc})" if doc not in (None, "") else str(index + 1)


def _utf16_hint(text: str, start: int, end: int, span_text) -> str:
    """Label Studio's browser side has counted offsets in UTF-16 code units, two for each
    character beyond U+FFFF (an emoji): say so when that reading would match."""
    if not isinstance(span_text, str) or all(ord(c) <= 0xFFFF for c in text):
        return ""
    units, points = 0, {}
    for position, ch in enumerate(text):
        points[units] = position
        units += 2 if ord(ch) > 0xFFFF else 1
    points[units] = len(text)
    a, b = points.get(start), points.get(end)
    if a is not None and b is not None and text[a:b] == span_text:
        return f" (read as UTF-16 code units, as Label Studio counts emoji, it is {a}-{b})"
    return ""
