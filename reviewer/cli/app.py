"""The commands that open the window (`demo`, `open`) and `completion`, the shell's."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reviewer.cli.common import db_option, load_extractor, open_storage
from reviewer.core.paths import default_db_path, demo_db_path, samples_dir

SHELLS = ("bash", "zsh", "fish")


def register(group: click.Group) -> None:
    @group.command("demo")
    @db_option
    @click.option("--no-open", is_flag=True, help="Build the demo database but do not open the window.")
    def demo_cmd(db_path, no_open):
        """Build the demo database from the bundled samples (once) and open it."""
        from reviewer.core.ingest import ingest

        path = db_path or demo_db_path()
        storage = open_storage(path)
        with storage:
            if storage.count_documents() == 0:
                summary = ingest(storage, [samples_dir()], extractor=load_extractor())
                click.echo(f"Demo database {path}: {summary.added_documents} document(s) from "
                           f"{summary.files} sample file(s)")
            else:
                click.echo(f"Demo database {path}: {storage.count_documents()} document(s)")
        if not no_open:
            _open_window(path, None)

    @group.command("open")
    @db_option
    @click.option("--reviewer", "reviewer_name", default=None, help="Name written with every decision.")
    def open_cmd(db_path=None, reviewer_name=None):
        """Open the review window on a database."""
        _open_window(db_path or default_db_path(), reviewer_name)

    @group.command("completion")
    @click.argument("shell", type=click.Choice(SHELLS))
    def completion_cmd(shell):
        """Print the shell's completion script for `reviewer`: commands, options, choices and
        file names complete with Tab. Load it from the shell's start-up file, e.g. for bash:
        eval "$(reviewer completion bash)"."""
        from click.shell_completion import get_completion_class

        root = click.get_current_context().find_root()
        complete = get_completion_class(shell)(root.command, {}, "reviewer", "_REVIEWER_COMPLETE")
        click.echo(complete.source())


def _open_window(path: Path, reviewer_name: str | None) -> None:
    try:
        from reviewer.gui.app import run
    except ImportError as err:  # Qt missing or its system libraries absent
        raise click.ClickException(f"the window cannot start: {err}") from None
    sys.exit(run(path, reviewer_name))
