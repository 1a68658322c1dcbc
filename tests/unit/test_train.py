"""reviewer train: a spaCy pipeline from approved documents (invented ones), run as an extractor."""

import json
import shutil

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.ingest import ingest_file
from reviewer.core.learn.data import approved_documents, split_by_filing
from reviewer.core.learn.model import ModelError, SpacyExtractor
from reviewer.core.learn.train import TrainConfig, train
from reviewer.core.model import Field
from reviewer.core.storage import Storage

pytest.importorskip("spacy")

FIRST = ["Mira", "Tobias", "Anneke", "Ravi", "Selma", "Corin", "Yusuf", "Ilse", "Dario", "Priya", "Lennart", "Odile"]
LAST = ["Okonkwo", "Haverford", "Lindqvist", "Castellano", "Brightwater", "Morozova", "Achterberg", "Delacroix"]
FIRMS = ["Harbor Lane Robotics", "Quillfeather Mining", "Saltmarsh Analytics", "Copperleaf Foods", "Northgate Optics",
         "Bramblewood Energy", "Kestrel Biologics", "Tidewater Freight"]
TINY = TrainConfig(width=32, depth=1, epochs=30, max_steps=60, batch_size=4, max_span_tokens=3, seed=1, patience=0)


def release(i: int) -> tuple[str, list[tuple[str, str]]]:
    """An invented release and its fields: (label, text) in reading order."""
    person = f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}"
    contact = f"{FIRST[(i + 5) % len(FIRST)]} {LAST[(i + 3) % len(LAST)]}"
    firm = FIRMS[i % len(FIRMS)]
    email = f"{contact.split()[0].lower()}@{firm.split()[0].lower()}.example"
    text = (f"{firm} Reports Progress\n\n{firm} said today that {person}, its chief executive, will speak at "
            f"the annual meeting. The company sold {1000 * (i + 2):,} shares in the quarter.\n\n"
            f"Contact: {contact}, {email}\n")
    return text, [("person", person), ("person", contact), ("email", email)]


def approved_db(tmp_path, n: int = 8, *, reject: bool = True):
    """A database of ``n`` invented releases, each its own filing, approved with their
    people and emails added by a reviewer; one wrong proposal rejected and one label marked
    absent in each. Returns the database path and the documents' texts."""
    db = tmp_path / "approved.db"
    texts = []
    with Storage(db) as storage:
        for i in range(n):
            text, fields = release(i)
            path = tmp_path / f"release-{i}.txt"
            path.write_text(text, encoding="utf-8")
            (doc_id,) = ingest_file(storage, str(path), extractor=None).added
            texts.append(text)
            for label, value in fields:
                start = text.index(value)
                storage.add_decided_field(doc_id, Field(None, doc_id, label, start, start + len(value), value,
                                                        status="added"), reviewer="ana")
            if reject:
                start = text.index("Reports")
                (wrong,) = storage.add_fields(doc_id, [Field(None, doc_id, "person", start, start + 16,
                                                             text[start:start + 16], extractor="rules.person")])
                storage.record_decision(wrong, status="rejected", reviewer="ana")
                storage.add_decided_field(doc_id, Field(None, doc_id, "ticker", 0, 0, "", status="absent"),
                                          reviewer="ana")
            storage.set_document_status(doc_id, "approved", reviewer="ana")
    return db, texts


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("trained")
    db, texts = approved_db(tmp)
    with Storage(db, create=False) as storage:
        docs = approved_documents(storage)
    result = train(docs, tmp / "model", TINY)
    return tmp / "model", result, docs, texts


def test_approved_documents_split_positives_and_negatives(tmp_path):
    db, _ = approved_db(tmp_path, 3)
    with Storage(db, create=False) as storage:
        docs = approved_documents(storage)
    assert len(docs) == 3
    assert all(len(d.fields) == 3 and len(d.rejected) == 1 and d.absent == ["ticker"] for d in docs)
    assert all(d.text[f.start:f.end] == f.text for d in docs for f in d.fields)


def test_the_held_out_split_is_by_filing_and_the_same_for_a_seed(trained):
    _, _, docs, _ = trained
    train_docs, test_docs = split_by_filing(docs, 0.25, 3)
    assert {d.filing_id for d in train_docs}.isdisjoint({d.filing_id for d in test_docs})
    assert len(test_docs) == 2 and len(train_docs) == 6
    again = split_by_filing(docs, 0.25, 3)
    assert [d.document_id for d in again[1]] == [d.document_id for d in test_docs]
    assert split_by_filing(docs[:1], 0.5, 3) == (docs[:1], [])


def test_training_saves_a_model_with_held_out_scores(trained):
    out, result, _, _ = trained
    assert result.train_documents + result.held_out_documents == 8 and result.held_out_documents == 2
    assert result.labels == ["email", "person"]
    assert result.rejected_spans == 6 and result.absent_marks == 6  # the training side's negatives
    assert result.steps == 60
    assert set(result.scores) == {"email", "person", "micro"}
    meta = json.loads((out / "meta.json").read_text())
    assert meta["filing_reviewer"]["component"] == "spancat"
    assert json.loads((out / "training.json").read_text())["steps"] == 60


def test_the_model_is_an_extractor_that_learnt_something(trained):
    out, result, _, _ = trained
    text, fields = release(11)  # names and a firm it never saw
    model = SpacyExtractor(out, gated=False)  # every label it learnt
    found = model.extract(text, doc_type="press_release").fields
    assert found, "a model trained for 60 steps proposes nothing"
    assert all(text[f.start:f.end] == f.text and f.extractor == "spacy" for f in found)
    assert all(0 <= f.confidence <= 1 for f in found)
    assert {(f.label, f.text) for f in found} >= set(fields[1:])  # the contact and the email, exactly
    assert result.scores["micro"]["f1"] >= 0.8  # on the two held-out filings (1.0 when written)


def test_the_model_proposes_only_labels_where_it_beats_the_rules_on_held_out(trained):
    out, result, _, _ = trained
    proposes = json.loads((out / "meta.json").read_text())["filing_reviewer"]["proposes"]
    assert proposes == result.proposes
    assert "email" not in proposes  # the rules find every email of the held-out filings
    assert all(p["f1"] > p["baseline_f1"] and 0.5 <= p["threshold"] < 1 for p in proposes.values())
    text, _ = release(11)
    gated = SpacyExtractor(out).extract(text, doc_type="press_release").fields
    assert {f.label for f in gated} <= set(proposes)
    everything = {(f.label, f.start, f.end): f for f in SpacyExtractor(out, gated=False).extract(text).fields}
    for f in gated:  # from the label's threshold, the score times the label's held-out precision
        raw = everything[(f.label, f.start, f.end)].confidence
        assert raw >= proposes[f.label]["threshold"]
        assert f.confidence == pytest.approx(raw * proposes[f.label]["precision"], abs=0.002)


def test_a_folder_that_is_no_model_is_refused(tmp_path, trained):
    with pytest.raises(ModelError, match="not a trained model"):
        SpacyExtractor(tmp_path)
    damaged = tmp_path / "damaged"
    shutil.copytree(trained[0], damaged)
    (damaged / "config.cfg").write_text("[nlp]\nlang = \"en\"\npipeline = [\"spancat\"]\n")
    path = tmp_path / "a.txt"
    path.write_text(release(1)[0], encoding="utf-8")
    r = CliRunner().invoke(cli, ["extract", "--model", str(damaged), str(path)], catch_exceptions=False)
    assert r.exit_code == 1 and "the model cannot be loaded" in r.output and len(r.output.splitlines()) == 1


def test_train_ner_option(tmp_path):
    db, _ = approved_db(tmp_path, 4)
    with Storage(db, create=False) as storage:
        docs = approved_documents(storage)
    config = TrainConfig(component="ner", width=16, depth=1, max_steps=3, batch_size=4, held_out=0)
    result = train(docs, tmp_path / "ner", config)
    assert result.held_out_documents == 0 and result.scores == {}
    text, _ = release(9)
    fields = SpacyExtractor(tmp_path / "ner").extract(text, doc_type="press_release").fields
    assert all(text[f.start:f.end] == f.text for f in fields)


def test_cli_train_then_extract_and_ingest_with_the_model(tmp_path):
    db, _ = approved_db(tmp_path, 4)
    out = tmp_path / "cli-model"
    runner = CliRunner()
    r = runner.invoke(cli, ["train", "--db", str(db), "--out", str(out), "--max-steps", "3", "--width", "16",
                            "--depth", "1", "--held-out", "0.25"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert "Saved spancat model" in r.output and "Held out: 1 document(s)" in r.output
    assert "Negatives: 3 rejected span(s), 3 \"not in document\" mark(s)" in r.output  # the held-out filing apart
    text, _ = release(10)
    path = tmp_path / "new.txt"
    path.write_text(text, encoding="utf-8")
    r = runner.invoke(cli, ["extract", "--model", str(out), str(path)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    record = json.loads(r.output)
    assert all(text[f["start"]:f["end"]] == f["text"] for f in record["fields"])
    assert any(f["extractor"].startswith("rules") for f in record["fields"])
    r = runner.invoke(cli, ["ingest", "--db", str(tmp_path / "new.db"), "--model", str(out), str(path)],
                      catch_exceptions=False)
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["train", "--db", str(db), "--out", str(tmp_path)], catch_exceptions=False)
    assert r.exit_code == 1 and "not a model" in r.output


def test_cli_train_defaults_are_the_trainers(tmp_path, monkeypatch):
    import reviewer.core.learn.train as train_module
    from reviewer.core.learn.train import TrainConfig as Config

    db, _ = approved_db(tmp_path, 4)
    seen = {}

    def fake_train(docs, out, config, **kwargs):
        seen["config"] = config
        raise SystemExit(0)

    monkeypatch.setattr(train_module, "train", fake_train)
    CliRunner().invoke(cli, ["train", "--db", str(db), "--out", str(tmp_path / "m")])
    assert (seen["config"].width, seen["config"].depth) == (Config().width, Config().depth)
    CliRunner().invoke(cli, ["train", "--db", str(db), "--out", str(tmp_path / "m"), "--width", "32"])
    assert seen["config"].width == 32
