"""A lock keeper: a small child process that holds a read connection to the database.

Why: SQLite's POSIX advisory locks belong to a process and a file, and any close()
of any descriptor on the database file inside the process drops all of that
process's locks (a file dialog sniffing file types, an icon provider, reading the
file by mistake). Another process's connection then believes it is the last one
when it closes: it checkpoints, deletes the WAL and the shared-memory index the
window still writes to, and the window's later decisions are lost.

The keeper's locks on the database file live in another process, so a descriptor
closed in the window's process cannot drop them: while the keeper runs, no other
connection is ever the last one, and the WAL stays in place. The keeper's
connection is read-only, so even its own close never checkpoints or deletes the
WAL; it runs in its own session (Ctrl+C in the terminal that started the window
does not reach it) and ends when its standard input closes (the window closed the
database, or died). The WAL index (-shm) is another file with locks of its own:
the window's file dialogs never show or read -wal and -shm files (gui/file_dialogs.py).

Run as ``python -I guard.py DB``; prints "ready" once it holds its locks.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from urllib.parse import quote

READY = "ready"
START_TIMEOUT = 5.0  # seconds to wait for a keeper to hold its locks
RETRY_AFTER = 30.0  # seconds between attempts to start a keeper that failed


def command(db_path: str) -> list[str]:
    """How to start a keeper from this program (a frozen app runs itself with a flag)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--lock-keeper", db_path]
    # this file alone, isolated: the keeper needs only the standard library (about 10 MB)
    return [sys.executable, "-I", os.path.abspath(__file__), db_path]


class LockKeeper:
    """Starts, watches and stops the keeper process of one database file."""

    def __init__(self, db_path: str):
        self.db_path = db_path
        self.process: subprocess.Popen | None = None
        self._failed_at: float | None = None

    def start(self) -> bool:
        """Start the keeper and wait (a few seconds at most) until it holds its locks;
        False if it could not start."""
        self.stop()
        try:
            self.process = subprocess.Popen(
                command(self.db_path), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, text=True, close_fds=True, start_new_session=True,
            )
            ready, _, _ = select.select([self.process.stdout], [], [], START_TIMEOUT)
            line = self.process.stdout.readline().strip() if ready else ""
        except OSError:
            line = ""
        if line != READY:
            self.stop()
            self._failed_at = time.monotonic()
            return False
        self._failed_at = None
        return True

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def ensure(self) -> bool:
        """Restart the keeper if it died (killed from outside), trying at most every
        RETRY_AFTER seconds when it cannot start; True when one runs."""
        if self.alive:
            return True
        if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_AFTER:
            return False
        return self.start()

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        try:
            if process.stdin:
                process.stdin.close()
            process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()


def main(argv: list[str]) -> int:
    import sqlite3

    (db_path,) = argv
    try:
        # read-only: the keeper never creates the file, and its close never checkpoints
        # or removes the WAL, whoever else has closed meanwhile
        uri = "file:" + quote(os.path.abspath(db_path)) + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=START_TIMEOUT)
        # a read: the connection now holds its shared lock on the database file
        # and its lock on the WAL index, as every WAL connection does while open
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as err:
        print(f"error: {err}", flush=True)
        return 1
    print(READY, flush=True)
    try:
        while sys.stdin.read(4096):
            pass
    except (OSError, KeyboardInterrupt):
        os._exit(0)  # not asked to stop: leave without a close
    conn.close()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main(sys.argv[1:]))
