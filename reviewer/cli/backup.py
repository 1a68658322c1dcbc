"""The `backup`, `backups` and `restore` commands (registered on the `reviewer` group)."""

from __future__ import annotations

from pathlib import Path

import click

from reviewer.core.paths import default_db_path


def register(group: click.Group, db_option) -> None:
    @group.command("backup")
    @db_option
    @click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
                  help="The backup file to write (a self-contained database).")
    @click.option("--overwrite", is_flag=True, help="Replace an existing backup file of that name.")
    def backup_cmd(db_path, out, overwrite):
        """Copy a database consistently, even while a window or a command is using it."""
        from reviewer.core.storage.backup import backup

        db = db_path or default_db_path()
        if not Path(db).is_file():
            raise click.ClickException(f"no review database at {db}")
        written = backup(db, out, overwrite=overwrite)
        click.echo(f"Backed up {db} to {written} ({written.stat().st_size / 1e6:.1f} MB)")

    @group.command("backups")
    @db_option
    def backups_cmd(db_path):
        """List the automatic backups of a database (the window makes one when it opens it)."""
        from reviewer.core.storage.backup import backups_folder, list_backups

        db = db_path or default_db_path()
        found = list_backups(db)
        click.echo(f"Backups of {db} in {backups_folder(db)}:" if found else f"No backups of {db} yet "
                   f"(they go to {backups_folder(db)})")
        for path in found:
            click.echo(f"  {path.name}  {path.stat().st_size / 1e6:.1f} MB")

    @group.command("restore")
    @db_option
    @click.option("--overwrite", is_flag=True,
                  help="Replace the database (kept first as a backup); it must not be open anywhere.")
    @click.argument("backup_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    def restore_cmd(db_path, overwrite, backup_file):
        """Make the database a copy of BACKUP_FILE (close every window on it first)."""
        from reviewer.core.storage.restore import restore

        db = db_path or default_db_path()
        kept = restore(backup_file, db, overwrite=overwrite)
        click.echo(f"Restored {db} from {backup_file}")
        if kept is not None:
            click.echo(f"The database it replaced was kept as {kept}")
