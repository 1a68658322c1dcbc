"""Where an export writes: a temporary file beside the destination, renamed into place.

The temporary file is named ``.<destination name>.<random>.filing-reviewer.part``, so it
is recognisably this program's, and it is locked (flock, exclusive) from the moment it is
made until it is renamed or removed. A cancelled or failed export removes its own file; a
killed one cannot, so every export first removes the temporary files in its folder whose
lock it can take: the kernel drops a lock when its process dies, however it dies, so a
file whose lock can be taken is not being written by anyone (any process, any user, any
program version that locks) and is stale. Nothing depends on pids (reused, and
meaningless across machines sharing a folder) or on ages (a slow export stays safe).

flock, not fcntl/lockf: an flock belongs to the open file description, so a library that
opens the path again and closes its own descriptor (spaCy's DocBin.to_disk) does not
drop it, as it would drop a POSIX record lock. On Windows, without flock, the file
cannot be deleted while the writer has it open, which serves the same purpose.

The file is created with mode 0o666, as any program creates a file: the kernel applies
the umask (or the folder's default ACL) to it, so the export gets the user's normal
permissions, with no umask to read or change (os.umask is process-wide and racy).
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from reviewer.core.paths import sync_folder

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

SUFFIX = ".filing-reviewer.part"
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
_INSPECT_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def is_part_name(name: str) -> bool:
    """Whether ``name`` is a temporary file of an export of this program."""
    return name.startswith(".") and name.endswith(SUFFIX) and len(name) > len(SUFFIX) + 1


def write_error(out: str | os.PathLike, err: OSError) -> str:
    """One line for an OSError met writing ``out``: "cannot write <out>: <reason>"."""
    reason = err.strerror or (os.strerror(err.errno) if err.errno else "") or str(err) or type(err).__name__
    return f"cannot write {out}: {' '.join(reason.split())}"


def _try_lock(fd: int) -> bool:
    if fcntl is None:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as err:
        if err.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        raise
    return True


class PartFile:
    """The temporary file of one export: made and locked by ``create``, then either
    ``commit`` (fsync, rename over the destination) or ``discard`` (remove)."""

    def __init__(self, out: Path, path: Path, fd: int):
        self.out = out
        self.path: Path | None = path
        self.fd: int | None = fd

    @classmethod
    def create(cls, out: Path) -> PartFile:
        """A new, empty, locked temporary file beside ``out`` (OSError when it cannot be made)."""
        for _ in range(100):
            path = out.parent / f".{out.name}.{secrets.token_hex(6)}{SUFFIX}"
            try:
                fd = os.open(path, _CREATE_FLAGS, 0o666)
            except FileExistsError:
                continue
            try:
                locked = _try_lock(fd)
            except BaseException:
                os.close(fd)
                _unlink(path)
                raise
            if locked:
                return cls(out, path, fd)
            # another export's clean-up locked it between our open and our lock: it
            # takes the file as stale and removes it; make another
            os.close(fd)
        raise FileExistsError(errno.EEXIST, "no free temporary file name", str(out.parent))

    def commit(self) -> None:
        """Sync the file, rename it over the destination, sync the folder. The lock is
        held until the file has its final name."""
        assert self.fd is not None and self.path is not None
        os.fsync(self.fd)
        if fcntl is None:  # Windows renames no file that is open
            self._close()
        os.replace(self.path, self.out)
        self.path = None
        self._close()
        sync_folder(self.out.parent)

    def discard(self) -> None:
        """Remove the temporary file (idempotent; never raises for a file already gone)."""
        if self.path is None:
            return
        try:
            if fcntl is None:  # Windows deletes no file that is open
                self._close()
            _unlink(self.path)
        finally:
            self._close()
            self.path = None

    def _close(self) -> None:
        fd, self.fd = self.fd, None
        if fd is not None:
            os.close(fd)


def remove_stale_parts(folder: str | os.PathLike) -> list[Path]:
    """Remove the temporary files of exports in ``folder`` that nobody is writing (their
    lock can be taken): those left by killed exports. Returns what was removed. Files
    of other programs, links, folders, and files being written are left alone; any error
    leaves the file where it is."""
    removed = []
    try:
        entries = [e for e in os.scandir(folder) if is_part_name(e.name)]
    except OSError:
        return removed
    for entry in entries:
        path = Path(entry.path)
        try:
            if fcntl is None:  # Windows: a file open in a running export cannot be deleted
                if entry.is_file(follow_symlinks=False):
                    os.unlink(path)
                    removed.append(path)
                continue
            fd = os.open(path, _INSPECT_FLAGS)
        except OSError:
            continue
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or not _try_lock(fd):
                continue
            # still the file we locked under that name (not one moved or made since)?
            now = os.lstat(path)
            if (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino):
                continue
            os.unlink(path)
            removed.append(path)
        except OSError:
            continue
        finally:
            os.close(fd)
    return removed


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
