"""Corpus scale from the command line: `extract --engine dask` and `ingest --from-parquet`.

extract.py and documents.py declare the options; what they do is here, on
reviewer/core/scale (the optional extra ``filing-reviewer[scale]``).
"""

from __future__ import annotations

import json
import os
import sys

import click

from reviewer.cli.common import EXIT_REJECTED, open_storage, verbosity

ENGINES = ("local", "dask")


def engine_options(f):
    """--engine, --scheduler, --workers, --out and --form of `reviewer extract`."""
    f = click.option("--form", "forms", multiple=True, metavar="FORM",
                     help="With --engine dask: keep only these forms (repeat it: --form 8-K --form 8-K/A); a "
                          "submission of another form is passed over unread.")(f)
    f = click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
                     help="With --engine dask: the folder of the Parquet tables (documents, fields, errors).")(f)
    f = click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
                     help="With --engine dask: local workers [default: one per core].")(f)
    f = click.option("--scheduler", default=None, metavar="ADDRESS",
                     help="With --engine dask: a Dask scheduler (tcp://host:8786) instead of a local cluster.")(f)
    return click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                        help="local: one JSON object per document on standard output; dask: a corpus into "
                             "Parquet on a Dask cluster (resumable).")(f)


def sample_options(f):
    """--from-parquet, --sample, --where, --stratify and --seed of `reviewer ingest`."""
    f = click.option("--seed", type=int, default=0, show_default=True, help="With --from-parquet: the sample's seed.")(f)
    f = click.option("--stratify", type=click.Choice(["form", "company", "confidence"]), default=None,
                     help="With --from-parquet: spread the sample over forms, companies or confidence bands.")(f)
    f = click.option("--where", default=None, metavar="SQL",
                     help="With --from-parquet: DuckDB SQL over documents and fields, e.g. "
                          "\"form = '8-K' and label = 'money'\".")(f)
    f = click.option("--sample", "sample_n", type=click.IntRange(min=1), default=None, metavar="N",
                     help="With --from-parquet: how many documents [default: every one that qualifies].")(f)
    return click.option("--from-parquet", "parquet_dir", type=click.Path(file_okay=False, exists=True), default=None,
                        help="Ingest a sample of a corpus extracted with `extract --engine dask`, with its "
                             "fields (no extraction again).")(f)


def _need_extra() -> None:
    from reviewer.core.scale import missing_extra

    problem = missing_extra()
    if problem:
        raise click.ClickException(problem)


def extract_dask(paths, out_dir, scheduler, workers, schema_path, fmt, forms=()) -> None:
    """`reviewer extract --engine dask`: exit 0 when every input was read, 1 otherwise."""
    _need_extra()
    from reviewer.core.scale.run import run

    level = verbosity()
    say = (lambda text: None) if level.quiet else (lambda text: click.echo(text, err=True))

    def on_plan(plan, todo):
        if level.verbose:
            for path, reason in plan.passed:
                say(f"passed    {path}: {reason}")
        say(f"{len(plan.batches)} batch(es) of {plan.files} file(s) and {plan.archives} archive(s); "
            f"{len(plan.batches) - todo} done already, {todo} to run"
            + (f" on {scheduler}" if scheduler and todo else ""))

    try:
        summary = run([os.fspath(p) for p in paths], out_dir, scheduler=scheduler, workers=workers,
                      schema_path=schema_path, on_plan=on_plan, forms=forms,
                      show_progress=sys.stderr.isatty() and not level.quiet)
    except OSError as err:  # a scheduler that does not answer
        raise click.ClickException(f"cannot reach the Dask scheduler {scheduler}: {err}" if scheduler
                                   else str(err)) from None
    if summary.dashboard and level.verbose:
        say(f"dashboard: {summary.dashboard}")
    errors = _new_errors(out_dir, summary)
    for row in errors:
        if fmt == "jsonl":
            click.echo(json.dumps({"source": row["source"], "stage": row["stage"], "reason": row["reason"]},
                                  ensure_ascii=False))
        else:
            click.echo(f"rejected  {row['source']}: {row['reason']}", err=True)
    record = {"summary": True, "out": os.path.abspath(out_dir), "batches": summary.batches,
              "skipped_batches": summary.skipped_batches, "inputs": summary.inputs, "documents": summary.documents,
              "fields": summary.fields, "errors": summary.errors, "passed": summary.passed_inputs,
              "seconds": summary.seconds}
    if fmt == "jsonl":
        click.echo(json.dumps(record, ensure_ascii=False))
    else:
        click.echo(f"Summary: {summary.inputs} input(s) read in {summary.batches - summary.skipped_batches} "
                   f"batch(es) ({summary.skipped_batches} done before), {summary.documents} document(s), "
                   f"{summary.fields} field(s), {summary.errors} error(s)"
                   + (f", {summary.passed_inputs} of other forms passed over" if forms else "")
                   + f", {summary.seconds:.1f} s; tables in "
                   f"{os.path.abspath(out_dir)}")
    sys.exit(EXIT_REJECTED if summary.errors else 0)


def _new_errors(out_dir, summary) -> list[dict]:
    """The rows of the errors table written by this run (the batches it ran)."""
    if not summary.errors:
        return []
    import glob

    import pyarrow.parquet as pq

    rows = []
    for batch in summary.ran:
        for path in sorted(glob.glob(os.path.join(out_dir, "errors", f"part-{batch}-*.parquet"))):
            rows.extend(pq.read_table(path).to_pylist())
    return rows


def ingest_sample(db_path, parquet_dir, sample_n, where, stratify, seed, fmt, level) -> None:
    """`reviewer ingest --from-parquet`: exit 0 when the sample was stored, 1 when no
    document qualifies."""
    _need_extra()
    from reviewer.core.scale.sample import SampleError
    from reviewer.core.scale.sample import ingest_sample as ingest

    def on_filing(filing, added, duplicates):
        if fmt == "jsonl":
            click.echo(json.dumps({"path": filing.path, "outcome": "added" if added else "duplicate",
                                   "documents": len(added), "duplicates": duplicates}, ensure_ascii=False))
        elif not level.quiet:
            if added:
                extra = f" ({duplicates} duplicate)" if duplicates else ""
                click.echo(f"added     {filing.path}: {len(added)} document(s){extra}")
            else:
                click.echo(f"duplicate {filing.path}: already in the database")

    with open_storage(db_path) as storage:
        try:
            result = ingest(storage, parquet_dir, sample_n, where=where, stratify=stratify, seed=seed,
                            on_filing=on_filing)
        except SampleError as err:
            raise click.ClickException(str(err)) from None
    sample = result.sample
    if fmt == "jsonl":
        click.echo(json.dumps({"summary": True, "eligible": sample.eligible, "chosen": len(sample.chosen),
                               "added_documents": result.added, "duplicates": result.duplicates,
                               "fields": result.fields, "seed": seed,
                               "strata": {k: {"chosen": c, "of": n} for k, (c, n) in sample.strata.items()}},
                              ensure_ascii=False))
    else:
        click.echo(f"Summary: {len(sample.chosen)} of {sample.eligible} qualifying document(s) drawn (seed {seed}), "
                   f"{result.added} added with {result.fields} field(s), {result.duplicates} already there")
        if stratify and not level.quiet:
            shown = [(k, c, n) for k, (c, n) in sample.strata.items() if c or level.verbose]
            for k, c, n in shown:
                click.echo(f"  {stratify} {k}: {c} of {n}")
            if len(shown) < len(sample.strata):
                click.echo(f"  ({len(sample.strata) - len(shown)} more {stratify} stratum(s) with none drawn)")
    if sample.eligible == 0:
        click.echo("No document qualifies" + (f" for --where {where!r}" if where else ""), err=True)
        sys.exit(EXIT_REJECTED)
