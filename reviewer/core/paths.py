"""Where things live: the default database and the bundled resources (samples, schemas, icons);
durable renames."""

from __future__ import annotations

import os
import sys
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
    """resources/ of the bundled application, of an installed wheel, else of the source tree."""
    package = Path(__file__).resolve().parent.parent
    candidates = [package / "resources", package.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)  # a PyInstaller application unpacks its data here
    if getattr(sys, "frozen", False) and bundle:
        candidates.insert(0, Path(bundle) / "reviewer" / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the resources folder of Filing Reviewer is missing")


def samples_dir() -> Path:
    return resources_dir() / "samples"


def icon_path(size: int | None = None) -> Path:
    """The application icon: its SVG source, or the PNG of ``size`` pixels (16 to 512)."""
    icons = resources_dir() / "icons"
    return icons / ("filing-reviewer.svg" if size is None else f"filing-reviewer-{size}.png")


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
