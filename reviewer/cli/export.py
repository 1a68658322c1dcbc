"""The `export` command."""

from __future__ import annotations

import click

from reviewer.cli.common import db_option, load_extractor, open_storage, verbosity
from reviewer.core.export import FORMATS, STATUSES, STDOUT

SHOWN_WARNINGS = 20


def register(group: click.Group) -> None:
    @group.command("export")
    @db_option
    @click.option("--format", "fmt", required=True, type=click.Choice(FORMATS))
    @click.option("--out", "out", required=True, type=click.Path(dir_okay=False, allow_dash=True),
                  help='The file to write (written to a temporary file, then renamed); "-" for standard output.')
    @click.option("--status", type=click.Choice(STATUSES), default="approved", show_default=True,
                  help="approved documents; reviewed: any decision; all, with each field's status.")
    @click.option("--labels", default=None, help="Comma-separated labels to export (default: all of the schema).")
    @click.option("--excel", is_flag=True, help="CSV in UTF-8 with a BOM, for Excel (LibreOffice: see README).")
    @click.option("--audit", is_flag=True, help="xlsx: add a sheet with the audit log.")
    @click.option("--schema", "schema_path", type=click.Path(exists=True, dir_okay=False), default=None)
    @click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
    @click.option("--verbose", "-v", is_flag=True, help=f"Print every warning (else the first {SHOWN_WARNINGS}).")
    def export_cmd(db_path, fmt, out, status, labels, excel, audit, schema_path, quiet, verbose):
        """Export reviewed work: CSV or xlsx for analysts; JSONL (Prodigy), spaCy, CoNLL,
        Label Studio or doccano for training and labelling tools; or the audit log.

        With --out -, the export goes to standard output and what is said goes to
        standard error.
        """
        from reviewer.core.export import ExportError, ExportRequest

        level = verbosity(quiet, verbose)
        schema = load_extractor(schema_path).schema
        label_list = [x.strip() for x in labels.split(",") if x.strip()] if labels else None
        if audit and fmt != "xlsx":
            raise click.UsageError("--audit is for --format xlsx (the audit log alone: --format audit)")
        with open_storage(db_path, create=False) as storage:
            try:
                request = ExportRequest(fmt, out, status, tuple(label_list) if label_list else None, excel, audit)
                result = request.run(storage, schema)
            except ExportError as err:
                raise click.ClickException(str(err)) from None
        to_stderr = out == STDOUT
        if level.quiet:
            return
        shown = result.warnings if level.verbose else result.warnings[:SHOWN_WARNINGS]
        for warning in shown:
            click.echo(f"warning: {warning}", err=True)
        if len(result.warnings) > len(shown):
            click.echo(f"warning: … and {len(result.warnings) - len(shown)} more (--verbose shows them)", err=True)
        click.echo(result.summary(), err=to_stderr)

    @group.command("label-config")
    @click.option("--schema", "schema_path", type=click.Path(exists=True, dir_okay=False), default=None)
    @click.option("--out", "out", default=STDOUT, show_default=True, type=click.Path(dir_okay=False, allow_dash=True),
                  help='The file to write; "-" for standard output.')
    def label_config_cmd(schema_path, out):
        """Print Label Studio's labelling config for the schema: paste it into the project's
        Settings > Labeling Interface > Code, then import a `--format label-studio` export."""
        from pathlib import Path

        from reviewer.core.export.labelstudio import label_config
        from reviewer.core.paths import output_problem

        schema = load_extractor(schema_path).schema
        xml = label_config(schema)
        if out == STDOUT:
            click.echo(xml, nl=not xml.endswith("\n"))
            return
        problem = output_problem(Path(out))
        if problem:
            raise click.ClickException(problem)
        try:
            Path(out).write_text(xml, encoding="utf-8")
        except OSError as err:
            raise click.ClickException(f"cannot write {out}: {err.strerror or err}") from None
        click.echo(f"Label Studio config for {len(schema.labels)} labels written to {out}", err=True)
