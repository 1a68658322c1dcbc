"""`reviewer diff` (an extractor against the approved values) and `reviewer eval --db`
(its scores with the approved documents as gold; the option lives on `eval`, in extract.py)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from reviewer.cli.common import db_option, format_option, open_storage

model_option = click.option("--model", "model", type=click.Path(exists=True, file_okay=False, path_type=Path),
                            default=None, help="A model trained by `reviewer train`.")
rules_option = click.option("--rules", "rules", is_flag=True,
                            help="The rules (the default without --model; with it, rules and model merged).")


def _extractor(model, rules, schema_path=None):
    from reviewer.core.learn.choose import chosen_extractor

    try:
        return chosen_extractor(rules=rules or model is None, model=model, schema_path=schema_path)
    except ValueError as err:
        raise click.ClickException(str(err)) from None


def model_extractor(model, schema_path=None, rules: bool = True):
    """The rules with a model's fields beside them (--model), for extract, eval and ingest."""
    return _extractor(model, rules, schema_path)


def import_predictions(storage, path, extractor, fmt):
    """`reviewer ingest --predictions FILE`: import, then say what happened (a line per span
    left out, on standard error)."""
    from reviewer.core.ingest import ingest_predictions
    from reviewer.core.learn.predictions import PredictionsError

    try:
        result = ingest_predictions(storage, path, extractor=extractor)
    except PredictionsError as err:
        raise click.ClickException(str(err)) from None
    for problem in result.problems:
        click.echo(problem, err=True)
    record = {"predictions": str(path), "format": result.format, "matched_documents": result.matched,
              "added_documents": len(result.added_documents), "added_fields": result.added_fields,
              "merged_fields": result.merged_fields, "left_out": len(result.problems)}
    if fmt == "jsonl":
        click.echo(json.dumps(record, ensure_ascii=False))
    else:
        click.echo(f"Predictions ({result.format}): {result.matched} document(s) matched by text, "
                   f"{len(result.added_documents)} added; {result.added_fields} field(s) added, "
                   f"{result.merged_fields} merged into existing ones; {len(result.problems)} left out")
    return result


def _approved(db_path):
    from reviewer.core.learn.data import approved_documents

    with open_storage(db_path, create=False) as storage:
        docs = approved_documents(storage)
    if not docs:
        raise click.ClickException("no approved document in the database")
    return docs


def register(group: click.Group) -> None:
    @group.command("diff")
    @db_option
    @model_option
    @rules_option
    @format_option("text", "json")
    def diff_cmd(db_path, model, rules, fmt):
        """What an extractor would add, drop or change against the approved documents' values.

        An add of a span a reviewer rejected is marked (rejected before).
        """
        from reviewer.core.learn.compare import diff_document

        extractor = _extractor(model, rules)
        docs = _approved(db_path)
        differences = []
        for d in docs:
            proposed = extractor.extract(d.text, doc_type=d.doc_type, metadata=d.metadata).fields
            differences.extend(diff_document(d, proposed))
        counts = {kind: sum(x.kind == kind for x in differences) for kind in ("add", "drop", "change")}
        if fmt == "json":
            click.echo(json.dumps({"extractor": extractor.name, "documents": len(docs), "counts": counts,
                                   "differences": [x.as_dict() for x in differences]},
                                  ensure_ascii=False, indent=2))
            return
        for x in differences:
            a, p = x.approved, x.proposed
            where = f"{(a or p).start}-{(a or p).end}"
            if x.kind == "add":
                what = f"+ {p.text[:50]!r}" + (" (rejected before)" if x.was_rejected else "")
            elif x.kind == "drop":
                what = f"- {a.text[:50]!r}"
            else:
                what = f"{a.text[:40]!r} {_value(a)} -> {p.start}-{p.end} {p.text[:40]!r} {_value(p)}"
            click.echo(f"{x.document_id:>6}  {x.kind:<6} {x.label:<16} {where:<13} {what}")
        click.echo(f"{extractor.name} over {len(docs)} approved document(s): {counts['add']} to add, "
                   f"{counts['drop']} to drop, {counts['change']} to change")


def _value(f) -> str:
    return "" if f.value is None else "= " + json.dumps(f.value, ensure_ascii=False)[:30]


def eval_db(db_path, model, rules, schema_path, as_json: bool) -> None:
    """`reviewer eval --db`: the approved documents as gold."""
    from reviewer.core.learn.compare import evaluate

    extractor = _extractor(model, rules, schema_path)
    report = evaluate(_approved(db_path), extractor)
    if as_json:
        click.echo(json.dumps({"extractor": extractor.name, **report.as_dict()}, ensure_ascii=False, indent=2))
    else:
        click.echo(f"{extractor.name} against the approved documents")
        click.echo(report.table())
