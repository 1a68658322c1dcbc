"""Where things live: the default database and the bundled resources; durable renames."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "filing-reviewer"


def default_db_path() -> Path:
    """$REVIEWER_DB, else reviewer.db in the platform's user data folder."""
    env = os.environ.get("REVIEWER_DB")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "reviewer.db"


def demo_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "demo.db"


def resources_dir() -> Path:
    """resources/ of an installed wheel, else of the source tree."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "resources", package.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the resources folder of Filing Reviewer is missing")


def samples_dir() -> Path:
    return resources_dir() / "samples"


def output_problem(out: Path) -> str | None:
    """Why ``out`` cannot be written as a new file, or None (exports, backups, restores)."""
    if out.is_dir():
        return f"{out} is a folder; give a file name"
    if not out.parent.is_dir():
        return f"the folder {out.parent} does not exist"
    return None


def sync_folder(folder: str | os.PathLike) -> None:
    """Make a rename in ``folder`` durable; not every system can open or sync a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
