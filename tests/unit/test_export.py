import csv
import json

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.export import ABSENT, ExportError, export, safe_cell
from reviewer.core.extract import default_extractor, load_schema
from reviewer.core.ingest import ingest_paths
from reviewer.core.review import ReviewSession

SCHEMA = load_schema()


@pytest.fixture
def reviewed(storage, data_dir):
    """Six documents: the press release approved with one rejection, one edit, one addition,
    one absence and a formula-looking value; the 8-K seed reviewed but not approved."""
    list(ingest_paths(storage, [data_dir], extractor=default_extractor()))
    session = ReviewSession(storage, "ana", SCHEMA)
    docs = {d.source_path.rsplit("/", 1)[-1]: d for d in storage.list_documents()}
    release = docs["tecogen-press-release-2013.txt"]
    fields = storage.fields(release.id)
    money = [f for f in fields if f.label == "money"]
    session.reject(money[0].id)  # "$4.3 Million"
    session.edit(next(f for f in fields if f.label == "share_count").id, "212,751")
    text = storage.get_document(release.id).text
    start = text.index("Tecogen CHP systems")
    session.add(release.id, "organization", start, start + len("Tecogen"))
    session.mark_absent(release.id, "signatory")
    storage.record_decision(next(f for f in fields if f.label == "location").id, status="edited",
                            reviewer="ana", value="=HYPERLINK(\"http://x\")\nline two")
    session.approve(release.id, accept_pending=True)
    session.accept(storage.fields(docs["tecogen-8k-item-1.02-2017.txt"].id)[0].id)
    return storage, release, docs


def _export(storage, fmt, path, **kw):
    return export(storage, SCHEMA, fmt, path, **kw)


def test_csv_one_row_per_approved_document(reviewed, tmp_path):
    storage, release, _ = reviewed
    out = tmp_path / "out.csv"
    result = _export(storage, "csv", out)
    assert result.documents == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert len(rows) == 1
    row = rows[0]
    assert row["document_id"] == str(release.id) and row["reviewer"] == "ana" and row["approved_at"]
    assert "$4.3 Million" not in row["money"]  # rejected: never exported as a value
    assert row["money"] == "$957,375; $64,623; $892,752; $4,307,075"
    assert row["money_value"] == "957375; 64623; 892752; 4307075"  # amounts: plain numbers
    assert row["money_currency"] == "USD"  # one currency when the amounts share it
    assert [float(a) for a in row["money_value"].split("; ")] == [957375.0, 64623.0, 892752.0, 4307075.0]
    assert row["share_count_value"] == "212751"  # the reviewer's value
    assert "Tecogen" in row["organization"].split("; ")  # added fields export like the others
    assert row["signatory"] == ABSENT and row["signatory_value"] == ABSENT and "signatory_currency" not in row
    assert row["location_value"] == "'=HYPERLINK(\"http://x\")\nline two"  # neutralized, newline kept
    header = next(csv.reader(out.open(encoding="utf-8", newline="")))
    assert header[9:11] == ["company", "company_value"] and len(header) == len(set(header))
    money = header.index("money")
    assert header[money:money + 4] == ["money", "money_value", "money_currency", "share_count"]


def test_csv_long_round_trip(reviewed, tmp_path):
    storage, release, _ = reviewed
    out = tmp_path / "long.csv"
    _export(storage, "csv-long", out)
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    text = storage.get_document(release.id).text
    assert {r["status"] for r in rows} == {"accepted", "edited", "added", "absent"}
    header = next(csv.reader(out.open(encoding="utf-8", newline="")))
    assert header[2:5] == ["text", "value", "currency"]
    money = [r for r in rows if r["label"] == "money"]
    assert [(r["value"], r["currency"]) for r in money] == [
        ("957375", "USD"), ("64623", "USD"), ("892752", "USD"), ("4307075", "USD")]
    assert all(isinstance(float(r["value"]), float) for r in money)
    assert {r["currency"] for r in rows if SCHEMA[r["label"]].type != "money"} == {""}
    assert all(r["currency"] for r in rows if SCHEMA[r["label"]].type == "money")
    for r in rows:
        if r["status"] == "absent":
            assert r["text"] == ABSENT and r["start"] == ""
            continue
        assert text[int(r["start"]):int(r["end"])] == r["text"].removeprefix("'")


def test_jsonl_spans_equal_stored_offsets(reviewed, tmp_path):
    storage, release, _ = reviewed
    out = tmp_path / "train.jsonl"
    _export(storage, "jsonl", out)
    [line] = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["answer"] == "accept" and record["text"] == storage.get_document(release.id).text
    for span in record["spans"]:
        assert record["text"][span["start"]:span["end"]] == span["text"]
    stored = {(f.start, f.end, f.label) for f in storage.fields(release.id)
              if f.status in ("accepted", "edited", "added")}
    assert {(s["start"], s["end"], s["label"]) for s in record["spans"]} == stored
    assert record["record"]["share_count"] == [212751]
    assert record["record"]["signatory"] is None and record["meta"]["absent"] == ["signatory"]
    statuses = dict(zip([(s["start"], s["label"]) for s in record["spans"]], record["meta"]["span_status"]))
    assert {f.status for f in storage.fields(release.id) if f.status not in ("rejected", "absent")} == \
        set(statuses.values()) == {"accepted", "edited", "added"}


def test_reviewed_and_all(reviewed, tmp_path):
    storage, _, docs = reviewed
    out = tmp_path / "r.csv"
    assert _export(storage, "csv", out, status="reviewed").documents == 2
    assert _export(storage, "csv", out, status="all").documents == 6
    rows = list(csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8", newline="")))
    assert {r["status"] for r in rows} == {"approved", "pending"}
    long = tmp_path / "all-long.csv"
    _export(storage, "csv-long", long, status="all")
    statuses = {r["status"] for r in csv.DictReader(long.open(encoding="utf-8", newline=""))}
    assert "pending" in statuses and "rejected" not in statuses


def test_labels_filter_and_unknown_label(reviewed, tmp_path):
    storage, _, _ = reviewed
    out = tmp_path / "m.csv"
    _export(storage, "csv", out, labels=["money", "date"])
    header = next(csv.reader(out.open(encoding="utf-8", newline="")))
    assert header[-5:] == ["money", "money_value", "money_currency", "date", "date_value"]
    with pytest.raises(ExportError, match="unknown label"):
        _export(storage, "csv", out, labels=["nope"])


def test_empty_selection_writes_a_header_only(storage, tmp_path):
    result = CliRunner().invoke(cli, ["export", "--db", str(storage.path), "--format", "csv",
                                      "--out", str(tmp_path / "e.csv")])
    assert result.exit_code == 0 and "0 documents" in result.output
    assert (tmp_path / "e.csv").read_text(encoding="utf-8").count("\n") == 1


def test_deterministic_excel_bom_and_atomic(reviewed, tmp_path):
    storage, _, _ = reviewed
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    _export(storage, "jsonl", a)
    _export(storage, "jsonl", b)
    assert a.read_bytes() == b.read_bytes()
    x = tmp_path / "x.csv"
    _export(storage, "csv", x, excel=True)
    assert x.read_bytes().startswith(b"\xef\xbb\xbf")
    with pytest.raises(ExportError, match="cancelled"):
        _export(storage, "csv", tmp_path / "never.csv", cancelled=lambda: True)
    assert not (tmp_path / "never.csv").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("value", ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_injection_is_neutralized(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell("plain") == "plain" and safe_cell(None) == ""


def test_conll_and_audit(reviewed, tmp_path):
    storage, release, _ = reviewed
    out = tmp_path / "t.conll"
    _export(storage, "conll", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "-DOCSTART- -X- -X- O"
    tags = [line.split()[-1] for line in lines if line and not line.startswith("-DOCSTART-")]
    assert "B-money" in tags and all(t == "O" or t[:2] in ("B-", "I-") for t in tags)
    for i, t in enumerate(tags):  # IOB2: I- follows B- or I- of the same label
        if t.startswith("I-"):
            assert tags[i - 1][2:] == t[2:]
    sequences = "\n".join(lines[2:]).split("\n\n")  # a blank line after each sequence
    assert max(len(s.splitlines()) for s in sequences) <= 512
    assert all(len(line.split(" ")) == 4 for line in lines if line)
    audit = tmp_path / "audit.csv"
    result = _export(storage, "audit", audit)
    rows = list(csv.DictReader(audit.open(encoding="utf-8", newline="")))
    assert len(rows) == result.fields == len(storage.audit_log())
    assert rows[0]["who"] == "ana" and rows[0]["action"] == "rejected"


def test_spacy_docbin_round_trip(reviewed, tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    storage, release, _ = reviewed
    out = tmp_path / "train.spacy"
    result = _export(storage, "spacy", out)
    [doc] = list(DocBin().from_disk(out).get_docs(spacy.blank("en").vocab))
    stored = {(f.start, f.end, f.label, f.text) for f in storage.fields(release.id)
              if f.status in ("accepted", "edited", "added")}
    got = {(s.start_char, s.end_char, s.label_, s.text) for s in doc.spans["sc"]}
    assert got == {(s.start_char, s.end_char, s.label_, s.text) for s in doc.spans["fields"]}
    warned = "\n".join(result.warnings)
    for start, end, label, text in stored - got:  # each field not kept as it is was reported
        assert f"{label} {start}-{end} {text!r}" in warned
    assert len(doc.spans["sc"]) == len(stored) - warned.count("covers no token")
    assert stored & got and doc.ents


def test_cli_errors(reviewed, tmp_path):
    storage, _, _ = reviewed
    runner = CliRunner()
    missing = runner.invoke(cli, ["export", "--db", str(storage.path), "--format", "csv",
                                  "--out", str(tmp_path / "no" / "such" / "x.csv")])
    assert missing.exit_code == 1 and "does not exist" in missing.output
    bad = runner.invoke(cli, ["export", "--db", str(storage.path), "--format", "xml", "--out", "x"])
    assert bad.exit_code == 2
