"""The commands that extract without a database: `extract` and `eval`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reviewer.cli.common import EXIT_REJECTED, db_option, format_option, load_extractor, verbosity
from reviewer.cli.diff import eval_db, model_extractor, model_option, rules_option
from reviewer.cli.scale import engine_options
from reviewer.core.model import Check


def register(group: click.Group) -> None:
    @group.command("extract")
    @click.option("--schema", "schema_path", type=click.Path(exists=True, dir_okay=False), default=None,
                  help="A field schema (TOML) instead of the default one.")
    @model_option
    @engine_options
    @format_option("jsonl", "text", default="jsonl")
    @click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
    def extract_cmd(schema_path, model, engine, scheduler, workers, out_dir, forms, fmt, paths):
        """Extract fields from files without a database: one JSON object per document.

        --engine dask --out DIR: a whole corpus (files, folders, EDGAR daily feed .tar.gz
        archives) on a Dask cluster into Parquet; a rerun skips the batches done.

        Exit status: 0 when every file was read, 1 when any is missing, unreadable or
        rejected (each said on standard error, the others still extracted).
        """
        if engine == "dask":
            from reviewer.cli.scale import extract_dask

            if out_dir is None or model is not None:
                raise click.UsageError("--engine dask needs --out DIR (and takes no --model)")
            extract_dask(paths, out_dir, scheduler, workers, schema_path, fmt, forms)
        if scheduler or workers or out_dir or forms:
            raise click.UsageError("--scheduler, --workers, --out and --form go with --engine dask")
        extractor = load_extractor(schema_path) if model is None else model_extractor(model, schema_path)
        failed = False
        for path, part, meta, result in _extract_files(paths, extractor, verbosity().quiet):
            if result is None:
                failed = True
                continue
            if fmt == "text":
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

    @group.command("eval")
    @click.option("--gold", "gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
                  help="Folder of gold JSON files named after the source files.")
    @db_option
    @model_option
    @rules_option
    @click.option("--schema", "schema_path", type=click.Path(exists=True, dir_okay=False), default=None)
    @format_option("text", "json")
    @click.option("--json", "as_json", is_flag=True, hidden=True)  # the earlier spelling of --format json
    @click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))
    def eval_cmd(gold_dir, db_path, model, rules, schema_path, fmt, as_json, paths):
        """Score extraction against gold files: P/R/F1 per label, micro-averaged, doc-type accuracy.

        --gold GOLD_DIR PATH...: files and their gold files. --db DB: the approved documents
        as gold, scoring the rules, --model DIR, or both (--model DIR --rules).
        --format json prints the scores with every error.
        """
        from reviewer.core.extract.evaluate import Report, load_gold, score_document

        if (gold_dir is None) == (db_path is None):
            raise click.UsageError("give --gold GOLD_DIR PATH... or --db DB")
        if db_path is not None:
            if paths:
                raise click.UsageError("--db scores the approved documents: no PATH with it")
            eval_db(db_path, model, rules, schema_path, fmt == "json" or as_json)
            return
        if not paths:
            raise click.UsageError("--gold needs the files to score: PATH...")

        try:
            gold = load_gold(gold_dir)
        except ValueError as err:
            raise click.ClickException(str(err)) from None
        extractor = load_extractor(schema_path) if model is None else model_extractor(model, schema_path, rules)
        by_file: dict[str, tuple[list, str | None]] = {}
        for path, part, _meta, result in _extract_files(paths, extractor, True):
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
        if fmt == "json" or as_json:
            click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            click.echo(report.table())


def _extract_files(paths, extractor, quiet=False):
    """(path, part, metadata, Extraction) for every document of every readable file, read,
    classified and extracted exactly as ingest does (without storing); (path, None, None,
    None) for a file that cannot be read (said on standard error). Files passed over in
    a folder (not filings) are said too, unless ``quiet``."""
    from reviewer.core.extract.engine import Extraction
    from reviewer.core.ingest import find_files, shown_path
    from reviewer.core.isolated import prepare
    from reviewer.core.sources import DEFAULT_MAX_BYTES

    for path, problem in find_files(paths):
        if problem:  # never silently: say what was passed over, and why
            if problem.startswith("passed over"):
                if not quiet:
                    click.echo(f"passed    {shown_path(path)}: {shown_path(problem)}", err=True)
                continue
            click.echo(f"rejected  {shown_path(path)}: {shown_path(problem)}", err=True)
            yield path, None, None, None
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
