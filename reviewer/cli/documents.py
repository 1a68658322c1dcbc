"""The commands on documents: `ingest`, `list` and `show`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reviewer.cli.common import EXIT_REJECTED, db_option, format_option, load_extractor, open_storage, verbosity
from reviewer.cli.diff import import_predictions, model_extractor
from reviewer.cli.scale import sample_options


def register(group: click.Group) -> None:
    @group.command("ingest")
    @db_option
    @click.option("--max-size", "max_mb", type=click.FloatRange(min=0.001), default=64.0, show_default=True,
                  help="Reject files larger than this many MB.")
    @click.option("--time-limit", "time_limit", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
                  help="Seconds one file may take to read and extract (plus 10 s per MB) before it is "
                       "rejected and the run goes on.")
    @click.option("--no-extract", is_flag=True, help="Store documents without extracting fields.")
    @click.option("--predictions", "predictions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                  default=None, help="Import spans predicted elsewhere: spaCy/Prodigy JSONL, Label Studio JSON or "
                                     "LangExtract JSONL (documents matched by text, or added).")
    @click.option("--model", "model", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
                  help="Add the fields of a model trained by `reviewer train` beside the rules' fields.")
    @click.option("--quiet", "-q", is_flag=True, help="Print only the summary and what was rejected.")
    @click.option("--verbose", "-v", is_flag=True, help="Also print each document added: its id, type and fields.")
    @sample_options
    @format_option("text", "jsonl")
    @click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))
    def ingest_cmd(db_path, max_mb, time_limit, no_extract, predictions, model, quiet, verbose, parquet_dir,
                   sample_n, where, stratify, seed, fmt, paths):
        """Add filings from files or folders (recursive): text, HTML, EDGAR submissions.

        --from-parquet DIR --sample N: a sample of a corpus extracted with `extract --engine
        dask`, with its fields as extracted.

        Exit status: 0 when every file was added or was a duplicate, 1 when any was rejected.
        With --format jsonl, one JSON object per file, then one for the summary.
        """
        from reviewer.core.ingest import ingest

        if parquet_dir is not None:
            from reviewer.cli.scale import ingest_sample

            if paths or predictions is not None or model is not None or no_extract:
                raise click.UsageError("--from-parquet takes no PATH, --predictions, --model or --no-extract")
            ingest_sample(db_path, parquet_dir, sample_n, where, stratify, seed, fmt, verbosity(quiet, verbose))
            return
        if sample_n is not None or where is not None or stratify is not None:
            raise click.UsageError("--sample, --where and --stratify go with --from-parquet DIR")

        if not paths and predictions is None:
            raise click.UsageError("give the files or folders to ingest, or --predictions FILE")
        level = verbosity(quiet, verbose)
        quiet = level.quiet
        if no_extract and model is not None:
            raise click.UsageError("--model extracts: it cannot go with --no-extract")
        extractor = None if no_extract else load_extractor() if model is None else model_extractor(model)
        show_bar = sys.stderr.isatty() and not quiet
        bar = {"shown": None}

        def progress(done, total, name):
            if show_bar and total > 5:
                bar["shown"] = True
                click.echo(f"\r[{done}/{total}] {name[:40]:<40}", err=True, nl=False)

        def on_result(result):
            if bar["shown"]:
                click.echo("\r" + " " * 60 + "\r", err=True, nl=False)
            if fmt == "jsonl":
                click.echo(json.dumps(_result_record(result), ensure_ascii=False))
            elif not quiet or result.outcome == "rejected":
                _print_result(result)
                if level.verbose:
                    for doc_id in result.added:
                        doc = storage.get_document(doc_id)
                        click.echo(f"  document {doc_id}: {doc.doc_type}{' ' + doc.part if doc.part else ''}, "
                                   f"{sum(storage.field_counts(doc_id).values())} field(s)")

        with open_storage(db_path) as storage:
            summary = ingest(storage, paths, extractor=extractor, progress=progress, on_result=on_result,
                             max_bytes=int(max_mb * 1e6), base_budget=time_limit)
            imported = None if predictions is None else import_predictions(storage, predictions, extractor, fmt)
        if bar["shown"]:
            click.echo("", err=True)
        if paths and fmt == "jsonl":
            click.echo(json.dumps(_summary_record(summary), ensure_ascii=False))
        elif paths:  # (with only --predictions, what was imported is said above)
            _print_summary(summary, quiet)
        sys.exit(0 if summary.ok and not (imported and imported.problems) else EXIT_REJECTED)

    @group.command("list")
    @db_option
    @click.option("--status", type=click.Choice(["pending", "approved", "rejected"]), default=None)
    @click.option("--search", default=None, help="Full-text search over document text.")
    @format_option("text", "jsonl")
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

    @group.command("show")
    @db_option
    @click.option("--text/--no-text", "with_text", default=False, help="Print the document text too.")
    @format_option("text", "json")
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


def _print_summary(s, quiet: bool) -> None:
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
    if not quiet:  # quiet: already printed, file by file
        for r in s.rejected:
            click.echo(f"  rejected {r.path}: {r.reason}")


def _result_record(r) -> dict:
    return {"path": str(r.path), "outcome": r.outcome, "reason": r.reason,
            "documents": len(r.added or []), "duplicates": r.duplicates,
            "skipped": [{"part": p.part, "filename": p.filename, "reason": p.reason} for p in r.skipped],
            "warnings": list(r.warnings)}


def _summary_record(s) -> dict:
    return {"summary": True, "files": s.files, "added_documents": s.added_documents, "added_files": s.added_files,
            "duplicate_files": s.duplicate_files, "skipped_parts": s.skipped_parts, "passed_files": s.passed_files,
            "rejected": len(s.rejected)}
