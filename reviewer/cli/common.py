"""What the commands share: the database option, opening storage, errors as one line,
the global --quiet/--verbose, and the one spelling of output formats."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from reviewer.core.paths import default_db_path
from reviewer.core.storage import DatabaseError, Storage, StorageError, describe_error

EXIT_REJECTED = 1


def db_option(f):
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


@dataclass
class Verbosity:
    """-q/--quiet and -v/--verbose, given before the command (``reviewer -q ingest``) or,
    for the commands that print per file, after it. Quiet: results and errors only;
    verbose: every warning and detail."""

    quiet: bool = False
    verbose: bool = False


def verbosity(quiet: bool = False, verbose: bool = False) -> Verbosity:
    """The verbosity of the running command: its own flags over the global ones."""
    ctx = click.get_current_context(silent=True)
    outer = ctx.find_object(Verbosity) if ctx else None
    outer = outer or Verbosity()
    if verbose:
        return Verbosity(False, True)
    if quiet:
        return Verbosity(True, False)
    return outer


class FormatChoice(click.Choice):
    """An output format: "text" for people; "json" (one object) or "jsonl" (one object a
    line) for programs, the same spelling in every command. Earlier spellings are still
    read ("table" for text), never shown."""

    ALIASES = {"table": "text"}

    def convert(self, value, param, ctx):
        if isinstance(value, str):
            value = self.ALIASES.get(value.lower(), value)
        return super().convert(value, param, ctx)


def format_option(*choices: str, default: str = "text"):
    names = {"text": "text for people", "json": "one JSON object", "jsonl": "one JSON object a line"}
    return click.option("--format", "fmt", type=FormatChoice(list(choices)), default=default, show_default=True,
                        help="Output: " + "; ".join(f"{c}, {names[c]}" for c in choices) + ".")


def load_extractor(schema_path=None):
    """The default extractor, or one for the schema at ``schema_path``; a bad schema ends
    the command with its one-line reason."""
    from reviewer.core.extract import SchemaError, default_extractor

    try:
        return default_extractor(schema_path)
    except SchemaError as err:
        raise click.ClickException(str(err)) from None
