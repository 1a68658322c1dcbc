import json
import os

from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.ingest import Summary, ingest_paths
from reviewer.core.storage import Storage


def run(*args, env=None):
    result = CliRunner().invoke(cli, list(map(str, args)), env=env, catch_exceptions=False)
    return result


def test_every_corpus_file_ingests(shared_corpus, tmp_path):
    paths = [shared_corpus / d for d in ("seeds", "dev", "large")]
    with Storage(tmp_path / "r.db") as storage:
        summary = Summary()
        for result in ingest_paths(storage, paths):
            summary.count(result)
            assert result.outcome == "added", (result.path, result.reason)
        assert summary.files == 18
        assert storage.count_documents() == 18
        again = [r.outcome for r in ingest_paths(storage, paths)]
        assert set(again) == {"duplicate"}
        assert storage.count_documents() == 18


def test_cli_ingest_summary_and_reingest(data_dir, tmp_path):
    db = tmp_path / "r.db"
    first = run("ingest", "--db", db, data_dir)
    assert first.exit_code == 0, first.output
    assert "6 document(s) added" in first.output
    second = run("ingest", "--db", db, data_dir)
    assert second.exit_code == 0
    assert "Nothing new" in second.output and "6 duplicate file(s)" in second.output


def test_default_database_comes_from_the_environment(data_dir, tmp_path):
    db = tmp_path / "env.db"
    result = run("ingest", data_dir / "tecogen-press-release-2013.txt", env={"REVIEWER_DB": str(db)})
    assert result.exit_code == 0
    assert Storage(db).count_documents() == 1


def _bad_inputs(folder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\n ")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "undecodable.txt").write_bytes(b"Price \x81\x8d\x8f\x90 per share")
    (folder / "big.txt").write_bytes(b"x" * 3_000_000)
    (folder / "truncated.txt").write_bytes(
        b"<SEC-DOCUMENT>1.txt\n<SEC-HEADER>\nACCESSION NUMBER: 1\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n<TEXT>\ncut here"
    )
    (folder / "tags-only.html").write_bytes(b"<html><body><div><span></span></div></body></html>")
    os.symlink(folder / "missing.txt", folder / "broken.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    (folder / "sub").mkdir()
    os.symlink(folder, folder / "sub" / "back-to-top")
    (folder / "sub" / "malformed.html").write_bytes(b"<html><body><p>Good text <b>never closed <table><tr><td>cell")
    (folder / "sub" / "notes.json").write_bytes(b"{}")


EXPECTED_REASONS = {
    "empty.txt": "empty file",
    "blank.txt": "empty file",
    "binary.txt": "binary file",
    "undecodable.txt": "undecodable bytes",
    "big.txt": "file too large",
    "truncated.txt": "truncated SGML",
    "tags-only.html": "no visible text",
    "broken.txt": "unreadable file",
    "loop-a.txt": "symlink loop",
    "loop-b.txt": "symlink loop",
}


def test_bad_inputs_get_a_reason_and_never_stop_the_run(data_dir, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _bad_inputs(folder)
    (folder / "good.txt").write_bytes((data_dir / "tecogen-press-release-2013.txt").read_bytes())
    db = tmp_path / "r.db"
    result = run("ingest", "--db", db, "--max-size", "2", folder)
    assert result.exit_code == 1
    for name, reason in EXPECTED_REASONS.items():
        line = next(line for line in result.output.splitlines() if line.startswith("rejected") and name in line)
        assert reason in line, line
    assert "symlink loop" in result.output  # the folder link back to the top
    assert "added     " in result.output and "good.txt" in result.output
    assert "malformed.html: 1 document(s)" in result.output
    assert "passed    " in result.output and "notes.json" in result.output
    with Storage(db) as s:
        assert s.count_documents() == 2  # good.txt and malformed.html were kept


def test_unreadable_file_is_refused_and_the_run_goes_on(tmp_path, data_dir, unprivileged):
    import shutil
    import subprocess
    import sys

    f = tmp_path / "secret.txt"
    f.write_text("hello")
    f.chmod(0)
    good = tmp_path / "good.txt"
    shutil.copy(data_dir / "tecogen-press-release-2013.txt", good)
    result = subprocess.run([*unprivileged, sys.executable, "-m", "reviewer.cli", "ingest", "--db",
                             str(tmp_path / "r.db"), str(f), str(good)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "permission denied" in result.stdout + result.stderr
    assert f"added     {good}" in result.stdout


def test_usage_errors_exit_2(tmp_path):
    assert run("ingest", "--db", tmp_path / "r.db").exit_code == 2
    assert run("list", "--format", "xml").exit_code == 2


def test_list_and_show(data_dir, tmp_path):
    db = tmp_path / "r.db"
    run("ingest", "--db", db, data_dir)
    table = run("list", "--db", db)
    assert table.exit_code == 0 and "AAR CORP" in table.output and "6 document(s)" in table.output
    rows = [json.loads(line) for line in run("list", "--db", db, "--format", "jsonl").output.splitlines()]
    assert len(rows) == 6 and {r["doc_type"] for r in rows} >= {"8-K", "4", "press_release"}
    form4 = next(r for r in rows if r["doc_type"] == "4")
    shown = run("show", "--db", db, form4["id"])
    assert "accession: 0001127602-25-001055" in shown.output
    as_json = json.loads(run("show", "--db", db, "--format", "json", "--text", form4["id"]).output)
    assert "AAR CORP" in as_json["text"]
    assert run("show", "--db", db, 999).exit_code == 1
    assert run("list", "--db", db, "--search", "Tecogen").output.count("\n") >= 3


def test_list_on_a_missing_database_says_so(tmp_path):
    result = run("list", "--db", tmp_path / "nope.db")
    assert result.exit_code == 1 and "no review database" in result.output


def test_version_and_help():
    from reviewer import __version__

    assert __version__ in run("--version").output
    assert "ingest" in run("--help").output


def test_demo_builds_the_demo_database(tmp_path):
    db = tmp_path / "demo.db"
    result = run("demo", "--db", db, "--no-open")
    assert result.exit_code == 0, result.output
    with Storage(db) as s:
        assert s.count_documents() >= 6
        types = {d.doc_type for d in s.list_documents()}
    assert {"8-K", "press_release", "4"} <= types
    assert "document(s)" in run("demo", "--db", db, "--no-open").output


def test_ingest_extracts_pending_fields_and_checks(data_dir, tmp_path):
    db = tmp_path / "r.db"
    run("ingest", "--db", db, data_dir / "tecogen-press-release-2013.txt")
    with Storage(db) as s:
        [doc] = s.list_documents()
        fields = s.fields(doc.id)
        assert fields and {f.status for f in fields} == {"pending"}
        text = s.get_document(doc.id).text
        assert all(text[f.start:f.end] == f.text for f in fields)
        assert {c.name for c in doc.checks} == {"shares_x_price", "gross_minus_commission"}
        assert doc.doc_type == "press_release"


def test_ingest_without_extraction(data_dir, tmp_path):
    db = tmp_path / "r.db"
    run("ingest", "--db", db, "--no-extract", data_dir / "tecogen-press-release-2013.txt")
    with Storage(db) as s:
        [doc] = s.list_documents()
        assert s.fields(doc.id) == []
