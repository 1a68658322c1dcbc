"""The doccano export, checked against doccano's sequence-labelling JSONL import. Every
text here is invented."""

import json

import pytest

from reviewer.core.export import export
from reviewer.core.extract import load_schema
from reviewer.core.model import Field, FilingMetadata, OffsetMap, SourceDocument, SourceFiling

SCHEMA = load_schema()
WHEN = "2026-03-04T05:06:07.000+00:00"

APPROVED = "Orrin Castlebrook Inc. will pay $88,000 to Sallow Creek LLC; Orrin Castlebrook signed."
OTHER = "Dunmere Textiles bought 1,200 units from Quay & Pell on 2 April 2026."


def _field(text, label, words, status, start=None, confidence=0.8):
    start = text.index(words) if start is None else start
    decided = WHEN if status != "pending" else None
    return Field(None, None, label, start, start + len(words), words, words, confidence, "rules", status=status,
                 reviewer="ana" if decided else None, decided_at=decided)


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
    t = APPROVED
    absent = Field(None, None, "signatory_title", 0, 0, "", None, 1.0, "reviewer:ana", status="absent",
                   reviewer="ana", decided_at=WHEN)
    approved = _add(storage, "000001", t, [
        _field(t, "organization", "Orrin Castlebrook Inc.", "accepted"),
        _field(t, "company", "Orrin Castlebrook", "edited"),  # overlaps the organization
        _field(t, "money", "$88,000", "accepted"),
        _field(t, "counterparty", "Sallow Creek LLC", "added"),
        _field(t, "date", "Sallow", "rejected"),
        absent], status="approved")
    other = _add(storage, "000002", OTHER, [
        _field(OTHER, "organization", "Dunmere Textiles", "accepted"),
        _field(OTHER, "share_count", "1,200", "pending", confidence=0.9),
        _field(OTHER, "date", "2 April 2026", "pending")])
    return storage, approved, other


# -- a validator of doccano's import (JSONL, sequence labelling) ----------------------
# https://github.com/doccano/doccano: backend/data_import/pipeline/examples/sequence_labeling/
# (one JSON object a line, "text" and "label": [[start, end, label], ...]), pipeline/data.py
# (TextData: text must not be empty; every other key becomes the example's meta),
# pipeline/label.py (SpanLabel: start and end non-negative integers, start < end, a
# non-empty label; a span that fails is dropped without a word) and pipeline/readers.py
# (names its reader sets itself, which a line must not use).
_RESERVED = {"filename", "upload_name", "example_uuid", "#line_number"}


def check_doccano(lines, labels):
    assert lines, "one line per document"
    for line in lines:
        record = json.loads(line)
        assert isinstance(record, dict) and not (set(record) & _RESERVED)
        text = record["text"]
        assert isinstance(text, str) and text
        assert isinstance(record["label"], list)
        for span in record["label"]:
            assert isinstance(span, list) and len(span) == 3
            start, end, label = span
            assert type(start) is int and type(end) is int and 0 <= start < end <= len(text)
            assert isinstance(label, str) and label in labels
    return True


def _lines(storage, tmp_path, status):
    out = tmp_path / f"doccano-{status}.jsonl"
    result = export(storage, SCHEMA, "doccano", out, status=status)
    return out.read_text(encoding="utf-8").splitlines(), result


@pytest.mark.parametrize("status", ["approved", "reviewed", "all"])
def test_lines_follow_doccanos_import(corpus, tmp_path, status):
    storage, _, _ = corpus
    lines, result = _lines(storage, tmp_path, status)
    assert check_doccano(lines, set(SCHEMA.names))
    assert result.documents == len(lines) == {"approved": 1, "reviewed": 2, "all": 2}[status]


def test_the_validator_catches_what_doccano_drops(corpus, tmp_path):
    storage, _, _ = corpus
    [line], _ = _lines(storage, tmp_path, "approved")
    for broken in ({"label": [[5, 5, "money"]]}, {"label": [[-1, 3, "money"]]}, {"text": ""},
                   {"label": [[0, 3, ""]]}, {"filename": "x"}, {"label": [[0, 10_000, "money"]]}):
        with pytest.raises((AssertionError, ValueError)):
            check_doccano([json.dumps({**json.loads(line), **broken})], set(SCHEMA.names))


def test_spans_are_the_reviewed_fields_at_their_offsets(corpus, tmp_path):
    storage, approved, _ = corpus
    [line], result = _lines(storage, tmp_path, "approved")
    record = json.loads(line)
    assert record["text"] == storage.get_document(approved).text
    assert [(record["text"][a:b], label) for a, b, label in record["label"]] == [
        ("Orrin Castlebrook", "company"), ("Orrin Castlebrook Inc.", "organization"), ("$88,000", "money"),
        ("Sallow Creek LLC", "counterparty")]  # by start, then end; the rejected date is not there
    assert record["absent"] == ["signatory_title"] and "pending" not in record
    assert record["document_id"] == approved and record["reviewer"] == "ana" and record["status"] == "approved"
    assert record["accession"] == "0000000000-26-000001" and record["source_file"] == "000001.txt"
    assert result.fields == 5  # four spans and the absence
    # the overlap is said: doccano drops it unless the project allows overlapping spans
    assert any("overlapping" in w and "Allow overlapping entity" in w for w in result.warnings)


def test_pending_fields_go_out_with_all_and_are_named(corpus, tmp_path):
    storage, _, other = corpus
    lines, _ = _lines(storage, tmp_path, "all")
    record = next(json.loads(line) for line in lines if json.loads(line)["document_id"] == other)
    text = record["text"]
    assert [text[a:b] for a, b, _ in record["label"]] == ["Dunmere Textiles", "1,200", "2 April 2026"]
    assert [text[a:b] for a, b, _ in record["pending"]] == ["1,200", "2 April 2026"]
    reviewed, _ = _lines(storage, tmp_path, "reviewed")
    record = next(json.loads(line) for line in reviewed if json.loads(line)["document_id"] == other)
    assert [text[a:b] for a, b, _ in record["label"]] == ["Dunmere Textiles"] and "pending" not in record


def test_what_doccano_would_drop_is_said(storage, tmp_path):
    text = "Pellworth Mining"
    doc = _add(storage, "000009", text, [_field(text, "organization", "", "added", start=4),
                                         _field(text, "organization", "Pellworth", "accepted")], status="approved")
    empty = _add(storage, "000010", "", [], status="approved")
    lines, result = _lines(storage, tmp_path, "approved")
    assert json.loads(lines[0])["label"] == [[0, 9, "organization"]] and json.loads(lines[1])["text"] == ""
    assert result.warnings == [f"document {doc}: organization at 4 is empty; doccano takes no empty span, "
                               "so it was left out",
                               f"document {empty}: its text is empty; doccano refuses such a line"]
