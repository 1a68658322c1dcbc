"""One set of conventions across commands: --out - is standard output, a missing file is an
error, --format text|json|jsonl everywhere, -q/-v, and shell completion."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.export import FORMATS

RELEASE = "tecogen-press-release-2013.txt"


def run(*args, env=None):
    result = CliRunner().invoke(cli, list(map(str, args)), env=env)
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def db(tmp_path, data_dir):
    path = tmp_path / "r.db"
    assert run("ingest", "--db", path, "-q", data_dir).exit_code == 0
    return path


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "spacy", "label-studio", "doccano", "audit"])
def test_out_dash_writes_the_same_bytes_to_standard_output(db, tmp_path, fmt, monkeypatch):
    monkeypatch.chdir(tmp_path)
    to_file = run("export", "--db", db, "--format", fmt, "--status", "all", "--out", tmp_path / "x")
    assert to_file.exit_code == 0, to_file.output
    to_stdout = run("export", "--db", db, "--format", fmt, "--status", "all", "--out", "-")
    assert to_stdout.exit_code == 0, to_stdout.stderr
    assert to_stdout.stdout_bytes == (tmp_path / "x").read_bytes()
    assert "written to standard output" in to_stdout.stderr  # what is said goes to stderr
    assert not (tmp_path / "-").exists()


def test_out_dash_keeps_the_excel_bom(db):
    result = run("export", "--db", db, "--format", "csv", "--status", "all", "--excel", "--out", "-")
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbfdocument_id,")


def test_extract_of_a_missing_file_fails_and_extracts_the_others(data_dir, tmp_path):
    result = run("extract", tmp_path / "missing.html", data_dir / RELEASE)
    assert result.exit_code == 1
    assert "missing.html: no such file or folder" in result.stderr
    assert [json.loads(line)["doc_type"] for line in result.stdout.splitlines()] == ["press_release"]


def test_extract_of_readable_files_succeeds(data_dir):
    assert run("extract", data_dir / RELEASE).exit_code == 0


def _format_choices(command: click.Command) -> list[str] | None:
    for param in command.params:
        if param.name == "fmt":
            return list(param.type.choices)
    return None


def test_one_spelling_of_output_formats_across_commands():
    seen = {}
    for name, command in cli.commands.items():
        choices = _format_choices(command)
        if choices is not None and name != "export":
            assert set(choices) <= {"text", "json", "jsonl"}, name
            seen[name] = choices
    assert {"ingest", "extract", "eval", "list", "show"} <= set(seen)
    assert _format_choices(cli.commands["export"]) == list(FORMATS)
    for command in cli.commands.values():  # no --json flag shown anywhere
        assert all(not (p.opts == ["--json"] and not p.hidden) for p in command.params)


def test_earlier_spellings_still_read(db, data_dir, shared_corpus):
    assert run("list", "--db", db, "--format", "table").output.endswith("document(s)\n")
    assert "check PASS" in run("extract", "--format", "table", data_dir / RELEASE).output
    scores = run("eval", "--json", "--gold", shared_corpus / "gold", shared_corpus / "seeds")
    assert json.loads(scores.output)["documents"] == 2


def test_ingest_jsonl_is_one_object_per_file_then_the_summary(tmp_path, data_dir):
    result = run("ingest", "--db", tmp_path / "r.db", "--format", "jsonl", data_dir / RELEASE,
                 tmp_path / "missing.txt")
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [x.get("outcome") for x in lines[:2]] == ["added", "rejected"]
    assert lines[0]["documents"] == 1 and lines[1]["reason"] == "no such file or folder"
    assert lines[-1] == {**lines[-1], "summary": True, "files": 2, "added_documents": 1, "rejected": 1}


def test_quiet_and_verbose(tmp_path, data_dir):
    release = data_dir / RELEASE
    plain = run("ingest", "--db", tmp_path / "a.db", release)
    assert "added     " in plain.output and "document 1:" not in plain.output
    quiet = run("-q", "ingest", "--db", tmp_path / "b.db", release)
    assert quiet.output.startswith("Summary:") and "added     " not in quiet.output
    verbose = run("-v", "ingest", "--db", tmp_path / "c.db", release)
    assert "document 1: press_release, " in verbose.output
    assert run("-q", "-v", "list").exit_code == 2
    silent = run("-q", "export", "--db", tmp_path / "c.db", "--format", "csv", "--status", "all",
                 "--out", tmp_path / "x.csv")
    assert silent.exit_code == 0 and silent.output == "" and (tmp_path / "x.csv").is_file()


def test_shell_completion_script_and_completions():
    script = run("completion", "bash")
    assert script.exit_code == 0 and "_REVIEWER_COMPLETE=bash_complete" in script.output
    env = {"_REVIEWER_COMPLETE": "bash_complete", "COMP_WORDS": "reviewer ex", "COMP_CWORD": "1"}
    completed = CliRunner().invoke(cli, [], prog_name="reviewer", env=env, standalone_mode=True)
    assert completed.output.split() == ["plain,export", "plain,extract"]
    env = {"_REVIEWER_COMPLETE": "bash_complete", "COMP_WORDS": "reviewer export --format c", "COMP_CWORD": "3"}
    completed = CliRunner().invoke(cli, [], prog_name="reviewer", env=env)
    assert completed.output.split() == ["plain,csv", "plain,csv-long", "plain,conll"]


def test_xlsx_to_standard_output_is_a_workbook(db, tmp_path):
    import io

    import openpyxl

    shown = run("export", "--db", db, "--format", "xlsx", "--status", "all", "--out", "-")
    assert shown.exit_code == 0, shown.stderr
    book = openpyxl.load_workbook(io.BytesIO(shown.stdout_bytes), read_only=True)
    assert "Documents" in book.sheetnames and "Fields" in book.sheetnames


def test_label_config_to_standard_output_and_to_a_file(tmp_path):
    import xml.etree.ElementTree as ET

    from reviewer.core.extract import load_schema

    shown = run("label-config")
    assert shown.exit_code == 0
    labels = [e.get("value") for e in ET.fromstring(shown.stdout).iter("Label")]
    assert labels == [label.name for label in load_schema().labels]
    written = run("label-config", "--out", tmp_path / "config.xml")
    assert written.exit_code == 0 and (tmp_path / "config.xml").read_text(encoding="utf-8") == shown.stdout
    assert "written to" in written.stderr
    missing = run("label-config", "--out", tmp_path / "no" / "config.xml")
    assert missing.exit_code == 1 and "does not exist" in missing.stderr
