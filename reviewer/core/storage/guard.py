"""A lock keeper: a small child process that holds a read connection to the database.

Why: SQLite's POSIX advisory locks belong to a process and a file, and any close()
of any descriptor on the database file inside the process drops all of that
process's locks (a file dialog sniffing file types, an icon provider, reading the
file by mistake). Another process's connection then believes it is the last one
when it closes: it checkpoints, deletes the WAL and the shared-memory index the
window still writes to, and the window's later decisions are lost.

The keeper's locks live in another process, so nothing the window's process does
to its descriptors can drop them: while the keeper runs, no other connection is
ever the last one, and the WAL stays in place. The keeper never writes. It ends
when its standard input closes (the window closed the database, or died), and its
connection then closes like any other.

Run as ``python -m reviewer.core.storage.guard DB``; prints "ready" once it holds
its locks.
"""

from __future__ import annotations

import os
import subprocess
import sys

READY = "ready"


def command(db_path: str) -> list[str]:
    """How to start a keeper from this program (a frozen app runs itself with a flag)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--lock-keeper", db_path]
    return [sys.executable, "-m", "reviewer.core.storage.guard", db_path]


class LockKeeper:
    """Starts, watches and stops the keeper process of one database file."""

    def __init__(self, db_path: str):
        self.db_path = db_path
        self.process: subprocess.Popen | None = None

    def start(self) -> bool:
        """Start the keeper and wait until it holds its locks; False if it could not start."""
        self.stop()
        try:
            self.process = subprocess.Popen(
                command(self.db_path), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, text=True, close_fds=True,
            )
            line = self.process.stdout.readline().strip()
        except OSError:
            self.process = None
            return False
        if line != READY:
            self.stop()
            return False
        return True

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def ensure(self) -> bool:
        """Restart the keeper if it died (killed from outside); True when one runs."""
        return self.alive or self.start()

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
        conn = sqlite3.connect(db_path, isolation_level=None, timeout=30)
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
        pass
    conn.close()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main(sys.argv[1:]))
