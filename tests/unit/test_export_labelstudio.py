"""The Label Studio export, its labelling config and the way back, checked against Label
Studio's documented import format. Every text here is invented."""

import io
import json
import re
import xml.etree.ElementTree as ET
from functools import partialmethod

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.export import export
from reviewer.core.export.labelstudio import (
    FROM_NAME, TO_NAME, LabelStudioError, Span, label_config, read_label_studio,
)
from reviewer.core.extract import load_schema
from reviewer.core.extract.schema import Label, Schema
from reviewer.core.model import Field, FilingMetadata, OffsetMap, SourceDocument, SourceFiling
from reviewer.core.storage import Storage

SCHEMA = load_schema()
WHEN = "2026-03-04T05:06:07.000+00:00"

APPROVED = ("Quillfeather Dynamics Ltd. agreed to pay $1,250,000 to Brindlewood Partners "
            "on 12 May 2026, signed by Oriel Vantongeren.")
REVIEWED = "Marrowgate Holdings sold 40,000 shares at $7.25 each to Tessaly Funds."
PENDING = "Ashcombe Robotics will meet Pelling & Rook on 9 June 2026 in Lowmere."
REJECTED = "This page lists nothing: it is a cover sheet for Vexford Mills."


def _span(text, label, words, status, confidence=0.8, reviewer=None):
    start = text.index(words)
    decided = WHEN if status not in ("pending",) else None
    who = reviewer or ("ana" if status != "pending" else None)
    return Field(None, None, label, start, start + len(words), words, words, confidence, "rules", status=status,
                 reviewer=who, decided_at=decided)


def _add(storage, name, text, fields, status=None):
    filing = SourceFiling(f"/invented/{name}.txt", "file", FilingMetadata(accession=f"0000000000-26-{name}"),
                          [SourceDocument(text=text, source=text, source_format="text",
                                          offset_map=OffsetMap.identity())])
    _, [doc_id], _ = storage.add_filing(filing, doc_types=["press_release"], fields=[fields])
    if status:
        storage.set_document_status(doc_id, status, reviewer="ana")
    return doc_id


@pytest.fixture
def corpus(storage):
    """Four invented documents: approved (accepted, edited, added, rejected and absent
    fields), reviewed but not approved (one accepted field, the rest pending), untouched
    (pending only) and rejected."""
    t = APPROVED
    absent = Field(None, None, "signatory_title", 0, 0, "", None, 1.0, "reviewer:ana", status="absent",
                   reviewer="ana", decided_at=WHEN)
    ids = {
        "approved": _add(storage, "000001", t, [
            _span(t, "organization", "Quillfeather Dynamics Ltd.", "accepted"),
            _span(t, "money", "$1,250,000", "edited", reviewer="bo"),
            _span(t, "counterparty", "Brindlewood Partners", "added"),
            _span(t, "date", "12 May 2026", "rejected"),
            _span(t, "signatory", "Oriel Vantongeren", "accepted"),
            absent], status="approved"),
        "reviewed": _add(storage, "000002", REVIEWED, [
            _span(REVIEWED, "organization", "Marrowgate Holdings", "accepted"),
            _span(REVIEWED, "share_count", "40,000", "pending", 0.9),
            _span(REVIEWED, "per_share_price", "$7.25", "pending", 0.6),
            _span(REVIEWED, "organization", "Tessaly Funds", "rejected")]),
        "pending": _add(storage, "000003", PENDING, [
            _span(PENDING, "organization", "Ashcombe Robotics", "pending", 0.75),
            _span(PENDING, "date", "9 June 2026", "pending", None)]),
        "rejected": _add(storage, "000004", REJECTED, [
            _span(REJECTED, "organization", "Vexford Mills", "rejected")], status="rejected"),
    }
    return storage, ids


def _tasks(storage, tmp_path, status):
    out = tmp_path / f"ls-{status}.json"
    result = export(storage, SCHEMA, "label-studio", out, status=status)
    return json.loads(out.read_text(encoding="utf-8")), result, out


# -- a validator of the documented import format --------------------------------------
# https://labelstud.io/guide/tasks#Basic-Label-Studio-JSON-format (a JSON list of tasks,
# "data" with the key the <Text> tag names; annotations and predictions lists of objects
# with a "result" list), https://labelstud.io/guide/predictions (span results: from_name,
# to_name, type "labels", value {start, end, text, labels}; a prediction's model_version and
# score; value.score per span), https://labelstud.io/guide/task_format#How-Label-Studio-saves-results-in-annotations
# (result ids of A-Za-z0-9_-, different for every result), and the import code
# (tasks/serializers.py: completed_by must be a user's id or e-mail, or absent).
_ID = re.compile(r"[A-Za-z0-9_-]+")
_ORIGINS = {"manual", "prediction", "prediction-changed"}


def check_label_studio(tasks, labels):
    assert isinstance(tasks, list) and tasks, "a JSON list of tasks"
    ids = set()
    for task in tasks:
        assert isinstance(task, dict) and set(task) <= {"data", "annotations", "predictions", "meta"}
        data = task["data"]
        assert isinstance(data, dict) and isinstance(data[TO_NAME], str)
        text = data[TO_NAME]
        groups = []
        for annotation in task.get("annotations", []):
            assert isinstance(annotation, dict) and isinstance(annotation["result"], list)
            assert "completed_by" not in annotation and "id" not in annotation
            assert isinstance(annotation.get("ground_truth", False), bool)
            assert isinstance(annotation.get("was_cancelled", False), bool)
            groups.append(annotation["result"])
        for prediction in task.get("predictions", []):
            assert isinstance(prediction, dict) and isinstance(prediction["result"], list)
            assert isinstance(prediction.get("model_version", ""), str)
            if "score" in prediction:
                assert isinstance(prediction["score"], float) and 0 <= prediction["score"] <= 1
            groups.append(prediction["result"])
        for result in (r for group in groups for r in group):
            assert _ID.fullmatch(result["id"]) and result["id"] not in ids
            ids.add(result["id"])
            assert (result["from_name"], result["to_name"], result["type"]) == (FROM_NAME, TO_NAME, "labels")
            assert result.get("origin", "manual") in _ORIGINS
            value = result["value"]
            assert set(value) <= {"start", "end", "text", "labels", "score"}
            assert type(value["start"]) is int and type(value["end"]) is int
            assert 0 <= value["start"] < value["end"] <= len(text)
            assert text[value["start"]:value["end"]] == value["text"]
            assert len(value["labels"]) == 1 and value["labels"][0] in labels
            if "score" in value:
                assert 0 <= value["score"] <= 1
    return True


def _config_labels(schema):
    return [label.get("value") for label in ET.fromstring(label_config(schema)).iter("Label")]


@pytest.mark.parametrize("status", ["approved", "reviewed", "all"])
def test_tasks_follow_the_documented_format(corpus, tmp_path, status):
    storage, _ = corpus
    tasks, result, _ = _tasks(storage, tmp_path, status)
    assert check_label_studio(tasks, set(_config_labels(SCHEMA)))
    assert result.documents == len(tasks) == {"approved": 1, "reviewed": 3, "all": 4}[status]
    assert not result.warnings


def test_the_validator_catches_what_label_studio_refuses(corpus, tmp_path):
    storage, _ = corpus
    tasks, _, _ = _tasks(storage, tmp_path, "all")
    labels = set(SCHEMA.names)
    broken = [
        lambda t: t[0]["annotations"][0].update(completed_by="ana"),
        lambda t: t[0]["annotations"][0]["result"][0]["value"].update(start=1),
        lambda t: t[0]["annotations"][0]["result"][0].update(from_name="labels"),
        lambda t: t[1]["predictions"][0]["result"][0].update(id=t[0]["annotations"][0]["result"][0]["id"]),
        lambda t: t[0]["data"].pop(TO_NAME),
    ]
    for breaking in broken:
        copy = json.loads(json.dumps(tasks))
        breaking(copy)
        with pytest.raises((AssertionError, KeyError)):
            check_label_studio(copy, labels)


def _regions(task, key):
    return [(r["value"]["labels"][0], r["value"]["text"], r.get("origin")) for group in task.get(key, [])
            for r in group["result"]]


def test_statuses_go_where_label_studio_expects_them(corpus, tmp_path):
    storage, ids = corpus
    tasks, _, _ = _tasks(storage, tmp_path, "all")
    by_id = {t["data"]["document_id"]: t for t in tasks}
    approved = by_id[ids["approved"]]
    # reviewed fields are the annotation; the rejected date is nowhere; the absence is in data
    assert _regions(approved, "annotations") == [
        ("organization", "Quillfeather Dynamics Ltd.", "prediction"), ("money", "$1,250,000", "prediction-changed"),
        ("counterparty", "Brindlewood Partners", "manual"), ("signatory", "Oriel Vantongeren", "prediction")]
    assert "predictions" not in approved and "12 May 2026" not in json.dumps(approved["annotations"])  # rejected
    assert approved["data"]["absent"] == ["signatory_title"]
    [annotation] = approved["annotations"]
    assert annotation["ground_truth"] is True and annotation["was_cancelled"] is False
    assert annotation["created_at"] == annotation["updated_at"] == WHEN
    money = annotation["result"][1]
    assert money["meta"]["text"] == [f"edited by bo, {WHEN}"]
    assert approved["data"]["reviewer"] == "ana" and approved["data"]["status"] == "approved"
    assert approved["data"]["accession"] == "0000000000-26-000001" and approved["data"]["approved_at"]
    # reviewed, not approved: its accepted field annotated, the pending ones predicted with their confidence
    reviewed = by_id[ids["reviewed"]]
    assert _regions(reviewed, "annotations") == [("organization", "Marrowgate Holdings", "prediction")]
    assert reviewed["annotations"][0]["ground_truth"] is False
    [prediction] = reviewed["predictions"]
    assert [(r["value"]["text"], r["value"]["score"]) for r in prediction["result"]] == [("40,000", 0.9),
                                                                                          ("$7.25", 0.6)]
    assert prediction["score"] == 0.6 and prediction["model_version"] == "filing-reviewer"
    assert "Tessaly Funds" not in json.dumps([reviewed["annotations"], reviewed["predictions"]])  # rejected
    # untouched: predictions only (a span without a confidence has no score); rejected document: cancelled
    pending = by_id[ids["pending"]]
    assert "annotations" not in pending and pending["data"]["absent"] == []
    assert [r["value"].get("score") for r in pending["predictions"][0]["result"]] == [0.75, None]
    rejected = by_id[ids["rejected"]]
    assert rejected["annotations"] == [{"result": [], "ground_truth": False, "was_cancelled": True}]


def test_approved_export_has_no_predictions(corpus, tmp_path):
    storage, ids = corpus
    tasks, result, _ = _tasks(storage, tmp_path, "reviewed")
    assert all("predictions" not in t for t in tasks)  # pending fields go out with --status all only
    assert ids["pending"] not in {t["data"]["document_id"] for t in tasks}
    assert result.fields == 5 + 1 + 0  # approved: 4 spans + 1 absence; reviewed: 1 accepted; rejected doc: none


def test_an_empty_span_is_left_out_and_said(storage, tmp_path):
    text = "Kestrel Yards"
    empty = Field(None, None, "organization", 3, 3, "", "", 1.0, "reviewer:ana", status="added", reviewer="ana",
                  decided_at=WHEN)
    doc = _add(storage, "000009", text, [empty, _span(text, "organization", "Kestrel", "accepted")], "approved")
    tasks, result, _ = _tasks(storage, tmp_path, "approved")
    assert check_label_studio(tasks, set(SCHEMA.names))
    assert _regions(tasks[0], "annotations") == [("organization", "Kestrel", "prediction")]
    assert result.warnings == [f"document {doc}: organization at 3 is empty; a Label Studio region cannot be, "
                               "so it was left out"]


def test_label_config_is_the_schema(corpus, tmp_path):
    storage, _ = corpus
    root = ET.fromstring(label_config(SCHEMA))
    assert root.tag == "View"
    [labels] = root.iter("Labels")
    [text] = root.iter("Text")
    assert [lb.get("value") for lb in labels.iter("Label")] == SCHEMA.names
    assert [lb.get("background") for lb in labels.iter("Label")] == [label.colour for label in SCHEMA.labels]
    hotkeys = [lb.get("hotkey") for lb in labels.iter("Label") if lb.get("hotkey")]
    assert len(hotkeys) == len(set(hotkeys))
    # the names the export writes are the config's: from_name its Labels, to_name its Text and data key
    tasks, _, _ = _tasks(storage, tmp_path, "all")
    assert labels.get("name") == FROM_NAME and labels.get("toName") == text.get("name") == TO_NAME
    assert text.get("value") == "$" + TO_NAME and all(TO_NAME in t["data"] for t in tasks)
    assert {r["from_name"] for t in tasks for g in t.get("annotations", []) + t.get("predictions", [])
            for r in g["result"]} == {FROM_NAME}


def _schema_of(names):
    return Schema("invented", tuple(Label(n, n, "#123456", "text", False, 0, ("*",), "filing") for n in names))


_XML_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff") \
    .filter(lambda c: ord(c) >= 0x20 or c in "\t\n\r")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(_XML_CHARS, min_size=1, max_size=12), min_size=1, max_size=5, unique=True))
def test_label_config_is_well_formed_for_any_name(names):
    names = [n for n in names] + ['a"b', "<c>", "d&e", "f'g", "h\ni"]
    assert _config_labels(_schema_of(dict.fromkeys(names))) == list(dict.fromkeys(names))


def test_label_config_refuses_a_name_xml_cannot_hold():
    with pytest.raises(ValueError, match="U\\+0001"):
        label_config(_schema_of(["money", "bad\x01name"]))


def _stored_spans(storage, doc_id, statuses):
    return sorted((f.label, f.start, f.end, f.text) for f in storage.fields(doc_id) if f.status in statuses)


def test_round_trip_gives_the_same_spans(corpus, tmp_path):
    storage, ids = corpus
    _, _, out = _tasks(storage, tmp_path, "all")
    back = {t.data["document_id"]: t for t in read_label_studio(out)}
    assert set(back) == set(ids.values())
    for doc_id, task in back.items():
        assert task.text == storage.get_document(doc_id).text and not task.problems and not task.mismatched
        got = lambda source: sorted((s.label, s.start, s.end, s.text) for s in task.spans if s.source == source)  # noqa: E731
        assert got("annotation") == _stored_spans(storage, doc_id, ("accepted", "edited", "added"))
        assert got("prediction") == _stored_spans(storage, doc_id, ("pending",))
        assert task.absent == sorted(f.label for f in storage.fields(doc_id) if f.status == "absent")
    reviewed = back[ids["reviewed"]]
    assert {s.text: s.score for s in reviewed.spans if s.source == "prediction"} == {"40,000": 0.9, "$7.25": 0.6}
    # the parsed list reads the same as the file
    assert read_label_studio(json.loads(out.read_text(encoding="utf-8"))) == read_label_studio(out)


def test_a_span_whose_text_does_not_match_is_reported_not_moved(corpus, tmp_path):
    storage, ids = corpus
    tasks, _, _ = _tasks(storage, tmp_path, "approved")
    value = tasks[0]["annotations"][0]["result"][0]["value"]
    value["start"] += 1
    value["end"] += 1  # as an annotator's tool that shifted it would give it back
    [task] = read_label_studio(tasks)
    [bad] = task.mismatched
    assert (bad.start, bad.text) == (value["start"], "Quillfeather Dynamics Ltd.")
    assert bad not in task.spans and len(task.spans) == 3
    [problem] = task.problems
    assert "organization" in problem and "not moved" in problem and "\n" not in problem


def test_utf16_offsets_are_named_when_they_would_match():
    text = "Thanks \U0001F600 to Corriveau Ltd for the loan."
    start16 = text.index("Corriveau") + 1  # Label Studio counted the emoji as two
    task = {"data": {"text": text}, "annotations": [{"result": [{
        "id": "x1", "from_name": "label", "to_name": "text", "type": "labels",
        "value": {"start": start16, "end": start16 + 13, "text": "Corriveau Ltd", "labels": ["organization"]}}]}]}
    [read] = read_label_studio([task])
    assert not read.spans and read.mismatched[0].start == start16
    assert f"it is {text.index('Corriveau')}-{text.index('Corriveau') + 13}" in read.problems[0]


def test_reads_json_min_and_label_studio_exports(tmp_path):
    text = "Halvorsen Freight paid $3 to Ubeda Marine."
    # JSON-MIN, as label_studio_sdk's converter writes it: data keys, then regions per control
    minimal = [{"text": text, "document_id": 7, "id": 3, "label": [
        {"start": 0, "end": 17, "text": "Halvorsen Freight", "labels": ["organization"]},
        {"start": 23, "end": 25, "text": "$3", "labels": ["money"]}],
        "annotator": 1, "annotation_id": 9, "created_at": WHEN, "updated_at": WHEN, "lead_time": 2.5}]
    [task] = read_label_studio(minimal)
    assert [(s.label, s.start, s.end, s.source) for s in task.spans] == [
        ("organization", 0, 17, "annotation"), ("money", 23, 25, "annotation")]
    assert task.id == 3 and task.data["document_id"] == 7 and "label" not in task.data
    # an annotated export: ids and user ids Label Studio adds, a cancelled annotation, a choices result
    exported = [{"id": 5, "data": {"text": text}, "annotations": [
        {"id": 11, "completed_by": 1, "was_cancelled": False, "result": [
            {"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
             "value": {"start": 29, "end": 41, "text": "Ubeda Marine", "labels": ["counterparty"]}},
            {"id": "b", "from_name": "kind", "to_name": "text", "type": "choices", "value": {"choices": ["x"]}}]},
        {"id": 12, "was_cancelled": True, "result": [
            {"id": "c", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 0, "end": 9, "text": "Halvorsen", "labels": ["person"]}}]}],
        "predictions": [{"model_version": "m", "score": 0.4, "result": [
            {"id": "d", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 23, "end": 25, "text": "$3", "labels": ["money"]}}]}]}]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    [task] = read_label_studio(path)
    assert task.spans == [Span("counterparty", 29, 41, "Ubeda Marine", "annotation", None, "manual"),
                          Span("money", 23, 25, "$3", "prediction", 0.4, None)]
    assert len(task.problems) == 1 and "cancelled" in task.problems[0]


def test_input_that_is_no_export_says_why(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"data": {"text": "x"}}', encoding="utf-8")
    with pytest.raises(LabelStudioError, match=r"not JSON: line 1"):
        read_label_studio(bad)
    with pytest.raises(LabelStudioError, match="cannot read"):
        read_label_studio(tmp_path / "missing.json")
    with pytest.raises(LabelStudioError, match="no text under 'text'"):
        read_label_studio([{"data": {"body": "x"}}])
    with pytest.raises(LabelStudioError, match="list of tasks"):
        read_label_studio(42)
    [task] = read_label_studio([{"data": {"text": "short"}, "annotations": [{"result": [
        {"type": "labels", "value": {"start": 2, "end": 40, "text": "x", "labels": ["money"]}}]}]}])
    assert not task.spans and "do not fall within" in task.problems[0]


def test_writes_task_by_task_and_an_empty_list(corpus, tmp_path, monkeypatch):
    storage, _ = corpus
    # one document per batch: the array must grow batch by batch, not be built whole
    monkeypatch.setattr(Storage, "export_field_rows", partialmethod(Storage.export_field_rows, batch=1))
    writes = []

    class Recording(io.BytesIO):
        def write(self, data):
            writes.append(bytes(data))
            return super().write(data)

    stream = Recording()
    result = export(storage, SCHEMA, "label-studio", "-", status="all", stdout=stream)
    assert result.documents == 4 and len(writes) == 5  # "[" + task, ",\n" + task three times, "\n]"
    assert len(json.loads(stream.getvalue())) == 4
    empty = tmp_path / "empty.json"
    export(Storage(tmp_path / "none.db"), SCHEMA, "label-studio", empty)
    assert json.loads(empty.read_text(encoding="utf-8")) == []
