"""reviewer ingest --predictions: spaCy/Prodigy JSONL, Label Studio JSON and LangExtract JSONL
(invented texts in tests/predictions), matched by text or added, misaligned spans said."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.ingest import ingest_file, ingest_predictions
from reviewer.core.learn.predictions import PredictionsError, read_predictions
from reviewer.core.storage import Storage

DATA = Path(__file__).resolve().parents[1] / "predictions"  # apart from tests/data, which tests ingest whole
FIRST = DATA.joinpath("prodigy.jsonl").read_text().splitlines()
T1 = json.loads(FIRST[0])["text"]
T2 = json.loads(FIRST[1])["text"]


def spans(pred):
    return [[(s.label, d.text[s.start:s.end]) for s in d.spans] for d in pred.documents]


def test_prodigy_spans():
    pred = read_predictions(DATA / "prodigy.jsonl")
    assert pred.format == "prodigy"
    assert spans(pred) == [[("person", "Hollis Varga"), ("email", "hollis@brindlecove.example")],
                           [("counterparty", "Ormond Diagnostics LLC"), ("person", "Ada Quint")]]
    assert pred.documents[0].spans[1].score == 0.91
    assert pred.problems == [
        "prodigy.jsonl line 1: company 0-7 'Brindle Cove': the text there is 'Brindle'; left out, not moved",
        "prodigy.jsonl line 3: answered 'reject'; left out",
    ]


def test_label_studio_export():
    pred = read_predictions(DATA / "labelstudio.json")
    assert pred.format == "labelstudio"
    assert spans(pred) == [[("person", "Hollis Varga"), ("per_share_price", "$0.20 per unit")],
                           [("company", "Tessellate Health Inc."), ("money", "$12.5 million")]]
    assert pred.documents[0].spans[1].score == 0.6  # the prediction's score
    assert len(pred.problems) == 1 and "company 3-9 says 'Cove M'" in pred.problems[0]


def test_langextract_annotated_documents():
    pred = read_predictions(DATA / "langextract.jsonl")
    assert pred.format == "langextract"
    assert spans(pred) == [[("share_count", "4,500,000 units"), ("person", "Hollis Varga")],
                           [("person", "Ada Quint"), ("job_title", "chief executive")]]
    assert pred.problems == [
        "langextract.jsonl line 1: company None-None 'Brindle Cove Minerals Corporation': offsets outside its "
        f"text of {len(T1)} characters (or unaligned); left out",
        "langextract.jsonl line 1: money 80-85 '$0.20': the text there is '20 pe'; left out, not moved",
    ]


def test_a_file_of_no_known_format_is_refused_in_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"rows": [1, 2]}\n')
    with pytest.raises(PredictionsError, match="not spaCy/Prodigy spans, Label Studio tasks or LangExtract"):
        read_predictions(bad)
    bad.write_text("not json at all\n")
    with pytest.raises(PredictionsError, match="neither JSON nor JSON lines"):
        read_predictions(bad)


def test_a_stored_text_gets_the_spans_and_a_new_text_is_added(tmp_path, extractor):
    source = tmp_path / "brindle.txt"
    source.write_text(T1, encoding="utf-8")
    with Storage(tmp_path / "r.db") as storage:
        (doc_id,) = ingest_file(storage, str(source), extractor=extractor).added
        assert storage.get_document(doc_id).text == T1
        before = {(f.label, f.start, f.end): f.extractor for f in storage.fields(doc_id)}
        result = ingest_predictions(storage, DATA / "prodigy.jsonl", extractor=extractor)
        assert result.matched == 1 and len(result.added_documents) == 1
        after = {(f.label, f.start, f.end): f.extractor for f in storage.fields(doc_id)}
        email = (("email",) + (T1.index("hollis@"), T1.index("hollis@") + len("hollis@brindlecove.example")))
        assert before[email].startswith("rules") and after[email] == before[email] + "+predictions"
        person = ("person", T1.index("Hollis"), T1.index("Hollis") + len("Hollis Varga"))
        assert "predictions" in after[person].split("+")
        assert len(after) == len(before) + (person not in before)
        (new_id,) = result.added_documents
        new = storage.get_document(new_id)
        assert new.text == T2 and storage.get_filing(new.filing_id).kind == "predictions"
        new_fields = storage.fields(new_id)
        assert all(T2[f.start:f.end] == f.text for f in new_fields)
        assert {f.text for f in new_fields if "predictions" in f.extractor} == {"Ormond Diagnostics LLC", "Ada Quint"}
        again = ingest_predictions(storage, DATA / "prodigy.jsonl", extractor=extractor)
        assert again.matched == 2 and again.added_documents == [] and again.added_fields == 0
        assert {(f.label, f.start, f.end): f.extractor for f in storage.fields(doc_id)} == after


def test_labels_outside_the_schema_are_said(tmp_path):
    with Storage(tmp_path / "r.db") as storage:
        result = ingest_predictions(storage, DATA / "langextract.jsonl")
    assert result.problems[-1] == "langextract.jsonl: 1 span(s) labelled 'job_title', not a label of the schema; left out"
    assert len(result.added_documents) == 2 and result.added_fields == 3


def test_cli_ingest_predictions_reports_each_misaligned_span(tmp_path):
    db = tmp_path / "r.db"
    runner = CliRunner()
    r = runner.invoke(cli, ["ingest", "--db", str(db), "--predictions", str(DATA / "labelstudio.json")],
                      catch_exceptions=False)
    assert r.exit_code == 1
    assert "Predictions (labelstudio): 0 document(s) matched by text, 2 added" in r.output
    assert "company 3-9 says 'Cove M'" in r.output
    r = runner.invoke(cli, ["ingest", "--db", str(db), "--format", "jsonl", "--predictions",
                            str(DATA / "labelstudio.json")], catch_exceptions=False)
    record = json.loads(r.output.splitlines()[-1])
    assert record["matched_documents"] == 2 and record["added_documents"] == 0 and record["left_out"] == 1
    r = runner.invoke(cli, ["ingest", "--db", str(db)], catch_exceptions=False)
    assert r.exit_code == 2 and "--predictions FILE" in r.output
