"""The commands that open the window (`demo`, `open`) and `completion`, the shell's.
`open FILE...` (the desktop entry's %F) ingests the files before the window opens."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
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
    @click.option("--quit-after", type=click.FloatRange(min=0), default=None, hidden=True,
                  help="Close the window after this many seconds (a smoke test of a build).")
    @click.argument("files", nargs=-1, type=click.Path(path_type=Path))
    def open_cmd(db_path=None, reviewer_name=None, quit_after=None, files=()):
        """Open the review window on a database; with FILES, ingest them first (files already
        in the database are not added twice) and show the first of them. A file that cannot be
        read is named with its reason; the others still open."""
        path = db_path or default_db_path()
        opened = open_files(path, files) if files else Opened()
        _open_window(path, reviewer_name, document_id=opened.document_id, notice=opened.notice,
                     problems=opened.problems, quit_after=quit_after)

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


def _open_window(path: Path, reviewer_name: str | None, **shown) -> None:
    try:
        from reviewer.gui.app import run
    except ImportError as err:  # Qt missing or its system libraries absent
        raise click.ClickException(f"the window cannot start: {err}") from None
    sys.exit(run(path, reviewer_name, **shown))


@dataclass
class Opened:
    """What `open FILE...` gives the window: the first file's document, a one-line notice for
    the status bar, and one line per file that could not be opened."""

    document_id: int | None = None
    notice: str | None = None
    problems: list[str] = field(default_factory=list)


def open_files(db_path: Path, files) -> Opened:
    """Ingest ``files`` into the database at ``db_path`` (a file already there is not added
    again) and find the document to show: the first document of the first file that opened.
    Each file is reported on one line; a file that cannot be opened gives its reason."""
    from reviewer.core.ingest import ingest
    from reviewer.core.storage import ReadOnlyError

    opened = Opened()
    results = []

    def on_result(result) -> None:
        results.append(result)
        _say(result)

    with open_storage(db_path) as storage:
        try:
            summary = ingest(storage, [str(f) for f in files], extractor=load_extractor(), on_result=on_result)
        except ReadOnlyError as err:
            click.echo(f"not opened: {err}", err=True)
            opened.problems.append(str(err))
            return opened
        for result in results:
            if result.outcome == "added":
                opened.document_id = result.added[0]
            elif result.outcome == "duplicate":
                opened.document_id = _stored_document(storage, result.path)
            if opened.document_id is not None:
                break
    opened.problems = [f"{Path(r.path).name}: {r.reason}" for r in summary.rejected]
    opened.notice = (f"Opened {summary.added_files + summary.duplicate_files} of {summary.files} file(s): "
                     f"{summary.added_documents} document(s) added, {summary.duplicate_files} already here"
                     + (f", {len(summary.rejected)} could not be opened" if summary.rejected else ""))
    return opened


def _say(result) -> None:
    if result.outcome == "rejected":
        click.echo(f"rejected  {result.path}: {result.reason}", err=True)
    elif result.outcome == "added":
        click.echo(f"added     {result.path}: {len(result.added)} document(s)")
    elif result.outcome == "duplicate":
        click.echo(f"opened    {result.path}: already in the database")


def _stored_document(storage, path: str) -> int | None:
    """The stored document with the text of ``path``'s first document (a file ingested
    before), found by the digest of its text; None if it cannot be read again."""
    from reviewer.core.isolated import prepare
    from reviewer.core.sources import DEFAULT_MAX_BYTES
    from reviewer.core.storage import text_sha256

    prepared = prepare(path, None, DEFAULT_MAX_BYTES)
    if prepared.filing is None:
        return None
    digests = [text_sha256(d.text) for d in prepared.filing.documents]
    found: dict[str, int] = {}
    page, offset = 1000, 0
    while digests[0] not in found:
        docs = storage.list_documents(limit=page, offset=offset)
        found.update((d.sha256, d.id) for d in docs if d.sha256 in digests)
        if len(docs) < page:
            break
        offset += page
    return next((found[d] for d in digests if d in found), None)
