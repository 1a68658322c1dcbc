"""reviewer diff and reviewer eval --db: an extractor against the approved documents."""

import json

from click.testing import CliRunner
from test_train import approved_db, release

from reviewer.cli import cli
from reviewer.core.learn.compare import diff_document, gold_of
from reviewer.core.learn.data import Approved
from reviewer.core.model import Field

TEXT, _ = release(2)


def field(label, value_text, value=None, extractor="x", nth=0):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(value_text, start + 1)
    return Field(None, None, label, start, start + len(value_text), value_text, value=value, extractor=extractor)


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)), catch_exceptions=False)


def test_add_drop_and_change_against_the_approved_values():
    firm = TEXT.split(" Reports")[0]
    person = release(2)[1][0][1]
    shares = next(w for w in TEXT.split() if w[0].isdigit())
    approved = [field("person", person), field("email", release(2)[1][2][1]),
                field("share_count", shares, value=4000), field("organization", firm)]
    rejected = field("organization", firm, nth=1)
    doc = Approved(7, 1, TEXT, "press_release", {}, approved, [(rejected.start, rejected.end, "organization")])
    proposed = [
        field("person", person),  # the same: no difference
        field("share_count", shares, value=5000),  # the same span, another value: change
        field("person", person.split()[0]),  # inside the approved person, which the first matched: add
        Field(None, None, "organization", approved[3].start, approved[3].end - 2,
              approved[3].text[:-2], extractor="x"),  # overlaps the approved firm: change
        rejected,  # a span the reviewer rejected: add, marked
    ]
    got = [(d.kind, d.label, (d.proposed or d.approved).text, d.was_rejected) for d in diff_document(doc, proposed)]
    assert got == [  # in position order
        ("change", "organization", firm[:-2], False),
        ("add", "organization", firm, True),
        ("add", "person", person.split()[0], False),
        ("change", "share_count", shares, False),
        ("drop", "email", release(2)[1][2][1], False),
    ]
    assert diff_document(doc, list(approved)) == []


def test_gold_of_approved_fields_uses_the_gold_keys():
    _, fields = release(3)
    doc = Approved(1, 1, "", "press_release", {},
                   [Field(None, None, label, 0, len(v), v) for label, v in fields]
                   + [Field(None, None, "item", 0, 9, "Item 5.02", value="5.02")])
    gold = gold_of(doc)
    assert gold["persons"] == [{"name": fields[0][1]}, {"name": fields[1][1]}]
    assert gold["emails"] == [fields[2][1]] and gold["items"] == ["5.02"]


def test_cli_diff_lists_what_the_rules_would_change(tmp_path):
    db, texts = approved_db(tmp_path, 3)
    r = run("diff", "--db", db, "--rules", "--format", "json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["extractor"] == "rules" and out["documents"] == 3
    kinds = [d["kind"] for d in out["differences"]]
    assert out["counts"] == {k: kinds.count(k) for k in ("add", "drop", "change")}
    for d in out["differences"]:
        side = d["proposed"] or d["approved"]
        doc_text = texts[d["document"] - 1]
        assert doc_text[side["start"]:side["end"]] == side["text"]
    text = run("diff", "--db", db)
    assert text.exit_code == 0
    assert text.output.splitlines()[-1] == (f"rules over 3 approved document(s): {out['counts']['add']} to add, "
                                            f"{out['counts']['drop']} to drop, {out['counts']['change']} to change")


def test_cli_eval_db_scores_against_the_approved_documents(tmp_path):
    db, _ = approved_db(tmp_path, 4)
    r = run("eval", "--db", db, "--format", "json")
    assert r.exit_code == 0, r.output
    report = json.loads(r.output)
    assert report["extractor"] == "rules" and report["documents"] == 4
    email, person = report["labels"]["email"], report["labels"]["person"]
    assert email["tp"] + email["fn"] == 4 and person["tp"] + person["fn"] == 8  # the approved values
    assert "micro" in run("eval", "--db", db).output
    assert run("eval", "--db", db, tmp_path).exit_code == 2
    assert run("eval").exit_code == 2
    empty = tmp_path / "empty.db"
    run("ingest", "--db", empty, "--no-extract", tmp_path / "release-0.txt")
    r = run("eval", "--db", empty)
    assert r.exit_code == 1 and "no approved document" in r.output
