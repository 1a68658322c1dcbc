"""The training exports fed to their consumers: spaCy (train, spancat), seqeval, pyarrow,
and Prodigy's documented task format. Documents are invented here, with their fields and
decisions written directly, so each case is exact; the corpus gives realistic sizes."""

import json
import subprocess
import sys

import pytest

from reviewer.core.export import export
from reviewer.core.extract import load_schema
from reviewer.core.model import FilingMetadata, Field, OffsetMap, SourceDocument, SourceFiling

SCHEMA = load_schema()
ORDER = {name: i for i, name in enumerate(SCHEMA.names)}

# (text, document status, [(label, the field's text, occurrence, status[, value])])
RELEASE = ("Northwind Widgets Inc. said today it raised $4.3 million in gross proceeds.\n\n"
           "Contact: Jane Roe, jane@northwind.example, +1 555 0100.")
DOCUMENTS = [
    (RELEASE, "approved", [
        ("company", "Northwind Widgets Inc.", 0, "accepted"),
        ("organization", "orthwind", 0, "accepted"),  # not on token edges: widened to "Northwind"
        ("money", "$4.3 million", 0, "accepted"),
        ("gross_proceeds", "$4.3 million", 0, "edited"),  # the same span as money
        ("person", "Jane Roe", 0, "added"),
        ("person", "Contact", 0, "rejected"),  # never exported
        ("email", "jane@northwind.example", 0, "accepted"),
        ("phone", "\n\n", 0, "accepted"),  # nothing but whitespace: no token, left out
    ]),
    ("Bramble Foods Corp. priced 2,000,000 shares at $5.00 per share.", "rejected", [
        ("company", "Bramble Foods Corp.", 0, "accepted"),
        ("share_count", "2,000,000", 0, "accepted"),
    ]),
    ("Quill Labs LLC entered into an Agreement with Harbor Bank on March 3, 2025.", "pending", [
        ("company", "Quill Labs LLC", 0, "accepted"),
        ("counterparty", "Harbor Bank", 0, "pending"),
        ("date", "March 3, 2025", 0, "pending"),
    ]),
]


def _add(storage, text, status, fields, n):
    doc = SourceDocument(text=text, source=text, source_format="text", offset_map=OffsetMap.identity())
    rows = []
    for label, field_text, occurrence, field_status, *value in fields:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(field_text, start + 1)
        decided = field_status != "pending"
        rows.append(Field(None, None, label, start, start + len(field_text), field_text,
                          (value or [None])[0], 0.9, "test", status=field_status, reviewer="ana" if decided else None,
                          decided_at="2026-01-01T00:00:00.000+00:00" if decided else None))
    meta = FilingMetadata(accession=f"0000000000-26-{n:06d}", cik="0000000001", form_type="8-K", company="Test")
    _, [doc_id], _ = storage.add_filing(SourceFiling(f"/invented/{n}.txt", "file", meta, [doc]),
                                        doc_types=["press_release"], fields=[rows], checks=[[]])
    if status != "pending":
        storage.set_document_status(doc_id, status, reviewer="ana")
    return doc_id


@pytest.fixture
def invented(storage):
    ids = [_add(storage, text, status, fields, n) for n, (text, status, fields) in enumerate(DOCUMENTS)]
    return storage, ids


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- Prodigy -------------------------------------------------------------------------

def _check_prodigy_task(task):
    """A task as Prodigy's ner/spans interfaces document it."""
    text, tokens = task["text"], task["tokens"]
    assert set(task) >= {"text", "tokens", "spans", "answer", "meta", "_input_hash", "_task_hash"}
    assert task["answer"] in ("accept", "reject", "ignore")
    for key in ("_input_hash", "_task_hash"):
        assert isinstance(task[key], int) and -2**31 <= task[key] < 2**31
    assert [t["id"] for t in tokens] == list(range(len(tokens)))  # contiguous ids
    previous_end = 0
    for t in tokens:
        assert set(t) == {"text", "start", "end", "id", "ws"} and isinstance(t["ws"], bool)
        assert text[t["start"]:t["end"]] == t["text"] and t["text"]
        assert t["start"] >= previous_end and text[previous_end:t["start"]].strip() == ""
        assert t["ws"] == (text[t["end"]:t["end"] + 1] == " ")
        previous_end = t["end"]
    assert text[previous_end:].strip() == ""
    for s in task["spans"]:
        assert set(s) == {"start", "end", "text", "label", "token_start", "token_end"}
        assert s["label"] in ORDER and text[s["start"]:s["end"]] == s["text"]
        assert 0 <= s["token_start"] <= s["token_end"] < len(tokens)  # token_end inclusive
        assert tokens[s["token_start"]]["start"] == s["start"] and tokens[s["token_end"]]["end"] == s["end"]
        assert not s["text"][:1].isspace() and not s["text"][-1:].isspace()
    assert len(task["meta"]["span_status"]) == len(task["spans"])
    assert set(task["meta"]["span_status"]) <= {"accepted", "edited", "added", "pending"}


def test_prodigy_tasks_follow_the_documented_format(invented, tmp_path):
    storage, (approved, rejected, pending) = invented
    out = tmp_path / "tasks.jsonl"
    result = export(storage, SCHEMA, "prodigy", out, status="all")
    tasks = {t["meta"]["document_id"]: t for t in _lines(out)}
    assert result.documents == 3 and set(tasks) == {approved, rejected, pending}
    for task in tasks.values():
        _check_prodigy_task(task)
    assert [tasks[i]["answer"] for i in (approved, rejected, pending)] == ["accept", "reject", "ignore"]
    release = tasks[approved]
    got = {(s["label"], s["text"]) for s in release["spans"]}
    assert ("organization", "Northwind") in got  # widened to the token
    assert ("person", "Contact") not in got and not any(s["label"] == "phone" for s in release["spans"])
    assert ("money", "$4.3 million") in got and ("gross_proceeds", "$4.3 million") in got  # overlaps kept
    status = dict(zip([(s["label"], s["text"]) for s in release["spans"]], release["meta"]["span_status"]))
    assert status[("gross_proceeds", "$4.3 million")] == "edited" and status[("person", "Jane Roe")] == "added"
    assert tasks[pending]["meta"]["span_status"].count("pending") == 2
    warned = "\n".join(result.warnings)
    assert "organization" in warned and "'orthwind'" in warned and "'Northwind'" in warned
    assert "phone" in warned and "left out" in warned
    assert len(result.warnings) == 2  # nothing else moved


def test_prodigy_hashes_are_stable_and_follow_input_and_task(invented, tmp_path):
    from reviewer.core.export.prodigy import task_hashes

    storage, (approved, _, _) = invented
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    export(storage, SCHEMA, "prodigy", a, status="all")
    export(storage, SCHEMA, "prodigy", b, status="all")
    assert a.read_bytes() == b.read_bytes()
    for task in _lines(a):
        assert (task["_input_hash"], task["_task_hash"]) == task_hashes(task)
    task = next(t for t in _lines(a) if t["meta"]["document_id"] == approved)
    fewer = dict(task, spans=task["spans"][1:])
    other_text = dict(task, text=task["text"] + " ")
    assert task_hashes(fewer)[0] == task["_input_hash"] and task_hashes(fewer)[1] != task["_task_hash"]
    assert task_hashes(other_text)[0] != task["_input_hash"]
    assert task_hashes(dict(task, answer="reject", meta={})) == task_hashes(task)  # neither is hashed


def test_prodigy_on_corpus_documents(storage, shared_corpus, tmp_path, extractor):
    """Realistic documents: every task still follows the format, every moved span is reported."""
    from reviewer.core.ingest import ingest_paths

    list(ingest_paths(storage, [shared_corpus / "dev"], extractor=extractor))
    out = tmp_path / "dev.jsonl"
    result = export(storage, SCHEMA, "prodigy", out, status="all")
    tasks = _lines(out)
    assert len(tasks) == result.documents == storage.count_documents() > 5
    for task in tasks:
        _check_prodigy_task(task)
        assert task["answer"] == "ignore"  # nothing decided yet
    stored = sum(1 for d in storage.list_documents() for f in storage.fields(d.id) if f.status == "pending")
    assert sum(len(t["spans"]) for t in tasks) + sum("left out" in w for w in result.warnings) == stored


# --- JSONL ---------------------------------------------------------------------------

def test_jsonl_answers_by_decision_and_pyarrow_reads_it(invented, tmp_path):
    pa_json = pytest.importorskip("pyarrow.json")
    storage, (approved, rejected, pending) = invented
    out = tmp_path / "all.jsonl"
    export(storage, SCHEMA, "jsonl", out, status="all")
    records = {r["meta"]["document_id"]: r for r in _lines(out)}
    assert [records[i]["answer"] for i in (approved, rejected, pending)] == ["accept", "reject", "ignore"]
    for r in records.values():
        assert "tokens" not in r and len(r["meta"]["span_status"]) == len(r["spans"])
        for s in r["spans"]:
            assert r["text"][s["start"]:s["end"]] == s["text"]  # stored offsets, unchanged
    assert records[pending]["meta"]["span_status"] == ["accepted", "pending", "pending"]
    table = pa_json.read_json(out)
    assert table.num_rows == 3
    assert table.column("answer").to_pylist() == [records[i]["answer"] for i in (approved, rejected, pending)]
    assert table.schema.field("spans").type.value_type.get_field_index("start") >= 0


def test_jsonl_of_the_corpus_reads_in_pyarrow(storage, shared_corpus, tmp_path, extractor):
    """Every document of the corpus, every label with the values the rules give it."""
    pa_json = pytest.importorskip("pyarrow.json")
    from reviewer.core.ingest import ingest_paths

    list(ingest_paths(storage, [shared_corpus / "dev", shared_corpus / "seeds"], extractor=extractor))
    out = tmp_path / "corpus.jsonl"
    result = export(storage, SCHEMA, "jsonl", out, status="all")
    table = pa_json.read_json(out)
    assert table.num_rows == result.documents > 10


def test_jsonl_with_an_agreement_stored_as_text_reads_in_pyarrow(storage, tmp_path):
    """An agreement stored as its text alone (as reviewers' edits were before the type
    defined_name) is exported in the shape extraction gives, {name, alias?}: mixed types
    within a label would break Arrow's JSON reader ("changed from object to string")."""
    pa_json = pytest.importorskip("pyarrow.json")
    text = "The Supply Agreement (the \u201cAgreement\u201d) was signed."
    _add(storage, text, "approved", [("agreement", "Supply Agreement", 0, "accepted",
                                      {"name": "Supply Agreement", "alias": "Agreement"})], 0)
    _add(storage, text + " ", "approved", [("agreement", "Supply Agreement", 0, "edited", "Supply Agreement")], 1)
    out = tmp_path / "mixed.jsonl"
    export(storage, SCHEMA, "jsonl", out)
    table = pa_json.read_json(out)
    assert table.num_rows == 2
    values = [r["record"]["agreement"] for r in _lines(out)]  # a label of many values
    expected = [[{"alias": "Agreement", "name": "Supply Agreement"}], [{"name": "Supply Agreement"}]]
    assert sorted(values, key=str) == sorted(expected, key=str)


# --- spaCy DocBin --------------------------------------------------------------------

def _docs(path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def test_docbin_spans_under_sc_and_fields_and_ents_by_priority(invented, tmp_path):
    storage, (approved, _, _) = invented
    out = tmp_path / "train.spacy"
    result = export(storage, SCHEMA, "spacy", out)
    [doc] = _docs(out)
    assert doc.user_data["document_id"] == approved and doc.user_data["answer"] == "accept"
    sc = [(s.label_, s.text) for s in doc.spans["sc"]]
    assert sc == [(s.label_, s.text) for s in doc.spans["fields"]]
    assert ("organization", "Northwind") in sc and ("gross_proceeds", "$4.3 million") in sc
    assert ("person", "Contact") not in sc and len(sc) == 6
    ents = {(e.label_, e.text) for e in doc.ents}
    # one entity per token: the schema's earlier label wins (company before organization,
    # money before gross_proceeds), then the longer span
    assert ("money", "$4.3 million") in ents and ("company", "Northwind Widgets Inc.") in ents
    assert not any(label in ("gross_proceeds", "organization") for label, _ in ents)
    assert all(not e[0].is_space and not e[-1].is_space for e in doc.ents)
    warned = "\n".join(result.warnings)
    assert "moved to token edges" in warned and "left out of doc.ents" in warned and "phone" in warned


def test_ents_priority_is_the_same_in_every_document(storage, tmp_path):
    """The same two labels on the same span give the same entity, whatever the order of
    the fields or the document."""
    text = "It sold $2 million of notes."
    _add(storage, text, "approved", [("gross_proceeds", "$2 million", 0, "accepted"),
                                     ("money", "$2 million", 0, "accepted")], 0)
    _add(storage, text + " ", "approved", [("money", "$2 million", 0, "accepted"),
                                           ("gross_proceeds", "$2 million", 0, "added")], 1)
    out = tmp_path / "p.spacy"
    export(storage, SCHEMA, "spacy", out)
    assert [[(e.label_, e.text) for e in d.ents] for d in _docs(out)] == [[("money", "$2 million")]] * 2


def test_spancat_reads_the_spans(invented, tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.training import Example

    storage, _ = invented
    out = tmp_path / "train.spacy"
    export(storage, SCHEMA, "spacy", out, status="all")
    nlp = spacy.blank("en")
    spancat = nlp.add_pipe("spancat")  # spans_key "sc" by default
    examples = [Example(nlp.make_doc(d.text), d) for d in _docs(out)]
    nlp.initialize(lambda: examples)
    exported = {s.label_ for d in _docs(out) for s in d.spans["sc"]}
    assert set(spancat.labels) == exported and {"company", "money", "gross_proceeds"} <= exported


@pytest.mark.parametrize("component", ["spancat", "ner"])
def test_spacy_train_runs_on_the_docbin_without_warnings(invented, tmp_path, component):
    """A few steps of `spacy train`, with the config spaCy generates for the component
    (spancat reads doc.spans["sc"], ner doc.ents), on the export; no warning."""
    pytest.importorskip("spacy")
    storage, _ = invented
    data = tmp_path / "train.spacy"
    export(storage, SCHEMA, "spacy", data, status="all")
    config = tmp_path / "config.cfg"
    spacy_cli = [sys.executable, "-W", "always", "-m", "spacy"]
    subprocess.run(spacy_cli + ["init", "config", str(config), "--lang", "en", "--pipeline", component,
                                "--optimize", "efficiency"], check=True, capture_output=True, timeout=120)
    run = subprocess.run(spacy_cli + ["train", str(config), "--paths.train", str(data), "--paths.dev", str(data),
                                      "--training.max_steps", "4", "--training.eval_frequency", "2"],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "Warning" not in output and "[W" not in output, output
    assert "Training pipeline" in output and "E    #" in output, output  # it trained and logged steps


# --- CoNLL ---------------------------------------------------------------------------

def _sequences(path):
    """(tokens, tags) of each sequence of a CoNLL file."""
    sequences, tokens, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("-DOCSTART-"):
            continue
        if not line:
            if tokens:
                sequences.append((tokens, tags))
            tokens, tags = [], []
            continue
        columns = line.split(" ")
        assert len(columns) == 4 and columns[1:3] == ["_", "_"], line
        tokens.append(columns[0])
        tags.append(columns[3])
    return sequences


def _valid_iob2(tag_sequences):
    """seqeval reads the tags as IOB2, and its strict entities cover every tagged token
    (a stray I- would be left outside them)."""
    from seqeval.metrics.sequence_labeling import get_entities
    from seqeval.scheme import IOB2, Entities, auto_detect

    assert auto_detect(tag_sequences) is IOB2
    entities = Entities(tag_sequences, IOB2)
    covered = {(e.sent_id, i) for sentence in entities.entities for e in sentence for i in range(e.start, e.end)}
    tagged = {(n, i) for n, tags in enumerate(tag_sequences) for i, t in enumerate(tags) if t != "O"}
    assert covered == tagged
    assert len(get_entities(tag_sequences)) == sum(len(e) for e in entities.entities)


def test_conll_is_iob2_on_the_docbin_tokens(invented, tmp_path):
    pytest.importorskip("seqeval")
    storage, (approved, _, _) = invented
    out = tmp_path / "t.conll"
    result = export(storage, SCHEMA, "conll", out)
    sequences = _sequences(out)
    _valid_iob2([tags for _, tags in sequences])
    [doc] = _docs(_spacy(storage, tmp_path))
    assert [t for tokens, _ in sequences for t in tokens] == [t.text for t in doc if not t.is_space]
    tagged = [(tok, tag) for tokens, tags in sequences for tok, tag in zip(tokens, tags) if tag != "O"]
    assert tagged[:3] == [("Northwind", "B-company"), ("Widgets", "I-company"), ("Inc.", "I-company")]
    assert ("$", "B-money") in tagged and ("million", "I-money") in tagged
    assert "left out of CoNLL tags" in "\n".join(result.warnings)
    assert len(sequences) == 2  # a sentence each


def _spacy(storage, tmp_path):
    out = tmp_path / "same.spacy"
    export(storage, SCHEMA, "spacy", out)
    return out


def test_conll_sequences_stop_at_512_tokens_and_keep_fields_whole(storage, tmp_path):
    pytest.importorskip("seqeval")
    words = " ".join(f"w{i}" for i in range(1300))  # one sentence of 1,300 tokens; w508 is the 513th
    text = f"Acme Inc. Holdings said {words} and Beta Corp. agreed.\n\nNext paragraph"
    _add(storage, text, "approved", [("company", "Acme Inc. Holdings", 0, "accepted"),
                                     ("organization", "w506 w507 w508 w509", 0, "accepted"),
                                     ("organization", "Beta Corp.", 0, "accepted")], 0)
    out = tmp_path / "long.conll"
    result = export(storage, SCHEMA, "conll", out)
    sequences = _sequences(out)
    assert max(len(tokens) for tokens, _ in sequences) == 512
    _valid_iob2([tags for _, tags in sequences])
    first = sequences[0]
    assert first[0][:4] == ["Acme", "Inc.", "Holdings", "said"]  # no cut after "Inc."
    assert first[1][:3] == ["B-company", "I-company", "I-company"]
    assert sequences[-1][0] == ["Next", "paragraph"]  # a blank line ends a sentence
    assert any("cut by the 512-token limit" in w for w in result.warnings)


def test_conll_of_a_10k_never_passes_512_tokens(storage, shared_corpus, tmp_path, extractor):
    pytest.importorskip("seqeval")
    from reviewer.core.ingest import ingest_paths

    list(ingest_paths(storage, [shared_corpus / "dev"], extractor=extractor))
    out = tmp_path / "dev.conll"
    export(storage, SCHEMA, "conll", out, status="all")
    sequences = _sequences(out)
    assert len(sequences) > 100 and max(len(tokens) for tokens, _ in sequences) <= 512
    _valid_iob2([tags for _, tags in sequences])


def test_formats_needing_spacy_say_how_to_get_it(invented, tmp_path, monkeypatch):
    from reviewer.core.export import ExportError

    storage, _ = invented
    monkeypatch.setitem(sys.modules, "spacy", None)  # import spacy raises ImportError
    for fmt in ("prodigy", "spacy", "conll"):
        with pytest.raises(ExportError, match=r"needs spaCy: pip install 'filing-reviewer\[spacy\]'"):
            export(storage, SCHEMA, fmt, tmp_path / f"x.{fmt}")
        assert not (tmp_path / f"x.{fmt}").exists()
    export(storage, SCHEMA, "jsonl", tmp_path / "x.jsonl")  # needs no spaCy
