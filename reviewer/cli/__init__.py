"""The `reviewer` command. What the window does that makes sense headless is a command too.

One module per family of commands: documents.py (ingest, list, show), extract.py
(extract, eval), export.py (export, label-config), backup.py (backup, backups,
restore), app.py (demo, open, completion), train.py (train), diff.py (diff, eval
--db); common.py holds what they share.

Conventions, the same in every command: errors end it with a one-line reason and exit
status 1, never a traceback; --format text (for people) or json / jsonl (for programs);
-q/--quiet and -v/--verbose before the command (or after it where it prints per file);
"-" as --out is standard output, and what is said then goes to standard error.
"""

from __future__ import annotations

import click

from reviewer import __version__
from reviewer.cli import app, backup, diff, documents, export, extract, train
from reviewer.cli import team as team_commands
from reviewer.cli.common import EXIT_REJECTED, Commands, Verbosity, db_option, open_storage

__all__ = ["EXIT_REJECTED", "cli", "main", "open_storage"]


@click.group(cls=Commands, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reviewer")
@click.option("--quiet", "-q", is_flag=True, help="Print only results and errors.")
@click.option("--verbose", "-v", is_flag=True, help="Print every detail and warning.")
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Filing Reviewer: check fields extracted from SEC filings and press releases.

    Without a command, opens the review window on the default database.
    Shell completion: eval "$(reviewer completion bash)" (or zsh, fish).
    """
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose cannot be given together")
    ctx.obj = Verbosity(quiet, verbose)
    if ctx.invoked_subcommand is None:
        ctx.invoke(cli.commands["open"])


for family in (documents, extract, export, app, train, diff):
    family.register(cli)
backup.register(cli, db_option)
team_commands.register(cli)


def main() -> None:
    cli(prog_name="reviewer")


if __name__ == "__main__":
    main()
