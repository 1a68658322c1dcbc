"""The `reviewer` command. What the window does that makes sense headless is a command too."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reviewer import __version__
from reviewer.cli_backup import register as register_backup_commands
from reviewer.core.model import Check
from reviewer.core.paths import default_db_path, demo_db_path, samples_dir
from reviewer.core.storage import DatabaseError, Storage, StorageError, describe_error

EXIT_REJECTED = 1


def _db_option(f):
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Review database [default: $REVIEWER_DB, else reviewer.db in the user data folder].",
    )(f)


def open_storage(db_path: Path | None, *, create: bool = True) -> Storage:
    path = db_path or default_db_path()
    try:
        return Storage(path, create=create)
    except StorageError as err:
        raise click.ClickException(str(err)) from None


class Commands(click.Group):
    """Database and system errors end a command with the one-line reason, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except StorageError as err:
            raise click.ClickException(str(err)) from None
        except DatabaseError as err:
            raise click.ClickException(describe_error(err)) from None
        except OSError as err:
            where = f" ({err.filename})" if err.filename else ""
            raise click.ClickException(f"{err.strerror or err}{where}") from None


@click.group(cls=Commands, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reviewer")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Filing Reviewer: check fields extracted from SEC filings and press releases.

    Without a command, opens the review window on the default database.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(open_cmd)


@cli.command("ingest")
@_db_option
@click.option("--max-size", "max_mb", type=click.FloatRange(min=0.001), default=64.0, show_default=True,
              help="Reject files larger than this many MB.")
@click.option("--time-limit", "time_limit", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds one file may take to read and extract (plus 10 s per MB) before it is "
                   "rejected and the run goes on.")
@click.option("--no-extract", is_flag=True, help="Store documents without extracting fields.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
def ingest_cmd(db_path, max_mb, time_limit, no_extract, quiet, paths):
    """Add filings from files or folders (recursive): text, HTML, EDGAR submissions.

    Exit status: 0 when every file was added or was a duplicate, 1 when any was rejected.
    """
    from reviewer.core.ingest import ingest

    extractor = None if no_extract else _default_extractor()
    show_bar = sys.stderr.isatty() and not quiet
    bar = {"shown": None}

    def progress(done, total, name):
        if show_bar and total > 5:
            bar["shown"] = True
            click.echo(f"\r[{done}/{total}] {name[:40]:<40}", err=True, nl=False)

    def on_result(result):
        if bar["shown"]:
            click.echo("\r" + " " * 60 + "\r", err=True, nl=False)
        if not quiet:
            _print_result(result)

    with open_storage(db_path) as storage:
        summary = ingest(storage, paths, extractor=extractor, progress=progress, on_result=on_result,
                         max_bytes=int(max_mb * 1e6), base_budget=time_limit)
    if bar["shown"]:
        click.echo("", err=True)
    _print_summary(summary)
    sys.exit(0 if summary.ok else EXIT_REJECTED)


def _default_extractor():
    from reviewer.core.extract import default_extractor

    return default_extractor()


def _print_result(result) -> None:
    if result.outcome == "rejected":
        click.echo(f"rejected  {result.path}: {result.reason}", err=True)
        return
    if result.outcome == "passed":
        click.echo(f"passed    {result.path}: {result.reason}")
        return
    if result.outcome == "added":
        extra = f" ({result.duplicates} duplicate)" if result.duplicates else ""
        click.echo(f"added     {result.path}: {len(result.added)} document(s){extra}")
    else:
        click.echo(f"duplicate {result.path}: already in the database")
    for part in result.skipped:
        click.echo(f"  skipped {part.part or '?'} {part.filename or ''}: {part.reason}".rstrip())
    for warning in result.warnings:
        click.echo(f"  warning: {warning}")


def _print_summary(s) -> None:
    parts = [
        f"{s.files} file(s)",
        f"{s.added_documents} document(s) added from {s.added_files} file(s)",
        f"{s.duplicate_files} duplicate file(s)",
        f"{s.skipped_parts} part(s) skipped",
        f"{s.passed_files} non-filing file(s) passed over",
        f"{len(s.rejected)} rejected",
    ]
    click.echo("Summary: " + ", ".join(parts))
    if s.added_documents == 0 and s.files and not s.rejected:
        click.echo("Nothing new: every document was already in the database.")
    for r in s.rejected:
        click.echo(f"  rejected {r.path}: {r.reason}")


def _load_extractor(schema_path):
    from reviewer.core.extract import SchemaError, default_extractor

    try:
        return default_extractor(schema_path)
    except SchemaError as err:
        raise click.ClickException(str(err)) from None


def _extract_files(paths, extractor):
    """(path, part, metadata, Extraction) for every document of every readable file, read,
    classified and extracted exactly as ingest does (without storing)."""
    from reviewer.core.extract.engine import Extraction
    from reviewer.core.ingest import find_files, shown_path
    from reviewer.core.isolated import prepare
    from reviewer.core.sources import DEFAULT_MAX_BYTES

    for path, problem in find_files(paths):
        if problem:  # never silently: say what was passed over, and why
            kind = "passed   " if problem.startswith("passed over") else "rejected "
            click.echo(f"{kind} {shown_path(path)}: {shown_path(problem)}", err=True)
            continue
        prepared = prepare(path, extractor, DEFAULT_MAX_BYTES)
        if prepared.reason is not None:
            click.echo(f"rejected  {shown_path(path)}: {prepared.reason}", err=True)
            yield path, None, None, None
            continue
        meta = prepared.filing.metadata.as_dict()
        for doc, doc_type, fields, checks in zip(prepared.filing.documents, prepared.doc_types,
                                                 prepared.fields, prepared.checks):
            yield path, doc.part, {**meta, "part": doc.part, "filename": doc.filename}, \
                Extraction(doc_type, fields, checks)


@cli.command("extract")
@click.option("--schema", "schema_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A field schema (TOML) instead of the default one.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
def extract_cmd(schema_path, fmt, paths):
    """Extract fields from files without a database: one JSON object per document."""
    extractor = _load_extractor(schema_path)
    failed = False
    for path, part, meta, result in _extract_files(paths, extractor):
        if result is None:
            failed = True
            continue
        if fmt == "table":
            click.echo(f"== {path}{' ' + part if part else ''} ({result.doc_type}, {len(result.fields)} fields)")
            for f in result.fields:
                value = json.dumps(f.value, ensure_ascii=False)
                click.echo(f"  {f.label:<16} {f.start:>7}-{f.end:<7} {f.text[:60]!r:<64} {value[:60]}")
            for c in map(Check.from_dict, result.checks):
                click.echo(f"  check {c.verdict}: {c.description} (expected {c.expected}, found {c.actual})")
            continue
        meta = {k: v for k, v in meta.items() if v not in (None, [], "")}
        click.echo(json.dumps({
            "source": str(path), "part": part, "doc_type": result.doc_type, "metadata": meta,
            "fields": [{"label": f.label, "text": f.text, "start": f.start, "end": f.end, "value": f.value,
                        "confidence": f.confidence, "extractor": f.extractor} for f in result.fields],
            "checks": result.checks,
        }, ensure_ascii=False))
    sys.exit(EXIT_REJECTED if failed else 0)


@cli.command("eval")
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of gold JSON files named after the source files.")
@click.option("--schema", "schema_path", type=click.Path(exists=True, dir_okay=False), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON, with every error.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
def eval_cmd(gold_dir, schema_path, as_json, paths):
    """Score extraction against gold files: P/R/F1 per label, micro-averaged, doc-type accuracy."""
    from reviewer.core.extract.evaluate import Report, load_gold, score_document

    try:
        gold = load_gold(gold_dir)
    except ValueError as err:
        raise click.ClickException(str(err)) from None
    extractor = _load_extractor(schema_path)
    by_file: dict[str, tuple[list, str | None]] = {}
    for path, part, _meta, result in _extract_files(paths, extractor):
        stem = Path(path).stem
        if result is None or stem not in gold:
            continue
        if part and not (part == "EX-99" or part.upper().startswith("EX-99")) and stem in by_file:
            continue
        fields, doc_type = by_file.get(stem, ([], None))
        by_file[stem] = (fields + result.fields, doc_type or result.doc_type)
    if not by_file:
        raise click.ClickException("no file has a gold file of the same name in " + str(gold_dir))
    report = Report([score_document(stem, gold[stem], fields, doc_type)
                     for stem, (fields, doc_type) in sorted(by_file.items())])
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.table())


@cli.command("export")
@_db_option
@click.option("--format", "fmt", required=True,
              type=click.Choice(["csv", "csv-long", "jsonl", "spacy", "conll", "audit"]))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write (written to a temporary file, then renamed).")
@click.option("--status", type=click.Choice(["approved", "reviewed", "all"]), default="approved",
              show_default=True, help="approved documents; reviewed: any decision; all, with each field's status.")
@click.option("--labels", default=None, help="Comma-separated labels to export (default: all of the schema).")
@click.option("--excel", is_flag=True, help="Write UTF-8 with a BOM so spreadsheet programs keep accents.")
@click.option("--schema", "schema_path", type=click.Path(exists=True, dir_okay=False), default=None)
def export_cmd(db_path, fmt, out, status, labels, excel, schema_path):
    """Export reviewed work: CSV for analysts, JSONL/spaCy/CoNLL for training, or the audit log."""
    from reviewer.core.export import ExportError, ExportRequest

    schema = _load_extractor(schema_path).schema
    label_list = [x.strip() for x in labels.split(",") if x.strip()] if labels else None
    with open_storage(db_path, create=False) as storage:
        try:
            request = ExportRequest(fmt, str(out), status, tuple(label_list) if label_list else None, excel)
            result = request.run(storage, schema)
        except ExportError as err:
            raise click.ClickException(str(err)) from None
    for warning in result.warnings[:20]:
        click.echo(f"warning: {warning}", err=True)
    if len(result.warnings) > 20:
        click.echo(f"warning: … and {len(result.warnings) - 20} more", err=True)
    click.echo(result.summary())


@cli.command("list")
@_db_option
@click.option("--status", type=click.Choice(["pending", "approved", "rejected"]), default=None)
@click.option("--search", default=None, help="Full-text search over document text.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def list_cmd(db_path, status, search, fmt):
    """List the documents in a database."""
    with open_storage(db_path, create=False) as storage:
        docs = storage.list_documents(status=status, search=search)
        counts = {d.id: storage.field_counts(d.id) for d in docs}
    if fmt == "jsonl":
        for d in docs:
            c = counts[d.id]
            click.echo(json.dumps({
                "id": d.id, "filing_id": d.filing_id, "status": d.status, "doc_type": d.doc_type,
                "part": d.part, "company": d.metadata.get("company"), "cik": d.metadata.get("cik"),
                "accession": d.metadata.get("accession"), "source": d.source_path,
                "chars": d.text_length, "fields": sum(c.values()), "pending": c.get("pending", 0),
            }, ensure_ascii=False))
        return
    rows = [("ID", "STATUS", "TYPE", "PART", "DECIDED", "COMPANY", "SOURCE")]
    for d in docs:
        c = counts[d.id]
        rows.append((str(d.id), d.status, d.doc_type, d.part or "", f"{sum(c.values()) - c.get('pending', 0)}/{sum(c.values())}",
                     (d.metadata.get("company") or "")[:32], Path(d.source_path).name))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        click.echo("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip())
    click.echo(f"{len(docs)} document(s)")


@cli.command("show")
@_db_option
@click.option("--text/--no-text", "with_text", default=False, help="Print the document text too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.argument("document_id", type=int)
def show_cmd(db_path, with_text, fmt, document_id):
    """Show one document: metadata, checks and fields."""
    with open_storage(db_path, create=False) as storage:
        try:
            doc = storage.get_document(document_id)
        except KeyError:
            raise click.ClickException(f"no document {document_id}") from None
        fields = storage.fields(document_id)
    if fmt == "json":
        out = {
            "id": doc.id, "filing_id": doc.filing_id, "doc_type": doc.doc_type, "part": doc.part,
            "status": doc.status, "source": doc.source_path, "metadata": doc.metadata,
            "checks": [c.as_dict() for c in doc.checks],
            "fields": [{"id": f.id, "label": f.label, "text": f.text, "start": f.start, "end": f.end,
                        "value": f.value, "confidence": f.confidence, "extractor": f.extractor,
                        "status": f.status} for f in fields],
        }
        if with_text:
            out["text"] = doc.text
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    click.echo(f"Document {doc.id} ({doc.doc_type}, {doc.status})  source: {doc.source_path}")
    for key in ("company", "cik", "accession", "form_type", "filed_date", "period", "exhibit", "items"):
        value = doc.metadata.get(key)
        if value:
            click.echo(f"  {key}: {', '.join(value) if isinstance(value, list) else value}")
    click.echo(f"  text: {doc.text_length} characters")
    for check in doc.checks:
        click.echo(f"  check {check.verdict}: {check.description}")
    click.echo(f"{len(fields)} field(s)")
    for f in fields:
        value = "" if f.value is None else f" = {json.dumps(f.value, ensure_ascii=False)}"
        click.echo(f"  [{f.status}] {f.label} {f.start}-{f.end} {f.text!r}{value}")
    if with_text:
        click.echo("")
        click.echo(doc.text)


@cli.command("demo")
@_db_option
@click.option("--no-open", is_flag=True, help="Build the demo database but do not open the window.")
def demo_cmd(db_path, no_open):
    """Build the demo database from the bundled samples (once) and open it."""
    from reviewer.core.ingest import ingest

    path = db_path or demo_db_path()
    storage = open_storage(path)
    with storage:
        if storage.count_documents() == 0:
            summary = ingest(storage, [samples_dir()], extractor=_default_extractor())
            click.echo(f"Demo database {path}: {summary.added_documents} document(s) from "
                       f"{summary.files} sample file(s)")
        else:
            click.echo(f"Demo database {path}: {storage.count_documents()} document(s)")
    if not no_open:
        _open_window(path, None)


@cli.command("open")
@_db_option
@click.option("--reviewer", "reviewer_name", default=None, help="Name written with every decision.")
def open_cmd(db_path=None, reviewer_name=None):
    """Open the review window on a database."""
    _open_window(db_path or default_db_path(), reviewer_name)


def _open_window(path: Path, reviewer_name: str | None) -> None:
    try:
        from reviewer.gui.app import run
    except ImportError as err:  # Qt missing or its system libraries absent
        raise click.ClickException(f"the window cannot start: {err}") from None
    sys.exit(run(path, reviewer_name))


register_backup_commands(cli, _db_option)


def main() -> None:
    cli(prog_name="reviewer")


if __name__ == "__main__":
    main()
