"""One writer per data folder: a lock file the OS releases when the holder dies."""

from __future__ import annotations

import errno
import functools
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sponsordesk.store import layout, tomlio
from sponsordesk.store.problems import LockedError, locked_message

try:
    import fcntl
except ImportError:  # Windows: filelock's lock (msvcrt) does it
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from filelock import FileLock


SAVING = threading.RLock()
"""One writer at a time within this process: saves, merges of sync copies and the start-up chores.

The file lock keeps other programs out; this keeps the app's own threads
apart: the chores (run in a worker) remove leftover temp files and a merge
of sync copies rewrites files, while a save on the UI thread reads a file,
writes temp files before its journal names them, and renames them. One
lock for all of them, so no two ever interleave and none can wait on another
in a circle.
"""


def one_at_a_time(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method`` holding ``SAVING`` (one writer at a time in this process) for the whole of its run."""

    @functools.wraps(method)
    def locked(*args: Any, **kwargs: Any) -> Any:
        with SAVING:
            return method(*args, **kwargs)

    return locked


_HELD = frozenset({errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK})
"""What flock answers when another process holds the lock (some filesystems say EACCES), as filelock reads it."""

_NO_FLOCK = frozenset({errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOLCK})
"""What flock answers on a filesystem that cannot lock this way: filelock then keeps a lock of its own kind."""


class DataLock:
    """Non-blocking lock on ``<data>/.sponsordesk.lock``.

    ``acquire()`` returns False (instead of waiting) when another sponsordesk
    holds it; that window then opens read-only.

    Where the system has ``flock`` (Linux, macOS, the BSDs), this takes it itself, on its own descriptor, as
    filelock's Unix lock does: the same call on the same file, so it and sponsordesk versions that used filelock
    keep each other out. filelock is imported only where that does not work (Windows, a filesystem without
    ``flock``, where filelock falls back to a lock file of its own kind): its import is 21 modules and about
    12 ms of processor time, 5% of a bare Textual app's whole start, paid on every start for one system call.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.path = self.root / layout.LOCK
        self._fd: int | None = None
        self._lock: FileLock | None = None

    def acquire(self) -> bool:
        tomlio.ensure_dir(self.root)
        if fcntl is not None:
            fd, created = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                os.close(fd)
                if error.errno in _HELD:
                    return False
                if error.errno not in _NO_FLOCK:
                    raise
                if created:  # filelock's own kind of lock would take the file left here for a holder's
                    with suppress(FileNotFoundError):
                        os.unlink(self.path)
            else:
                with suppress(OSError):  # another user's file, or a filesystem without modes: as filelock did
                    os.fchmod(fd, tomlio.FILE_MODE)
                self._fd = fd
                return True
        return self._acquire_with_filelock()

    def _open(self) -> tuple[int, bool]:
        """The lock file's descriptor, and whether this made the file.

        O_NOFOLLOW: a link put in its place is refused (an OSError: the window opens read-only and says why),
        never followed out of the folder. O_CLOEXEC: a program this one starts does not inherit the lock and
        keep holding it after sponsordesk has quit.
        """
        flags = os.O_RDWR | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
        for _ in range(3):
            try:
                return os.open(self.path, flags | os.O_CREAT | os.O_EXCL, tomlio.FILE_MODE), True
            except FileExistsError:
                pass
            try:
                return os.open(self.path, flags), False
            except FileNotFoundError:
                continue  # removed between the two: make it again
        return os.open(self.path, flags | os.O_CREAT, tomlio.FILE_MODE), False

    def _acquire_with_filelock(self) -> bool:
        from filelock import FileLock, Timeout

        lock = FileLock(self.path, timeout=0, mode=tomlio.FILE_MODE)
        try:
            lock.acquire()
        except Timeout:
            return False
        self._lock = lock
        return True

    @property
    def held(self) -> bool:
        return self._fd is not None or (self._lock is not None and self._lock.is_locked)

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)  # closing alone would release it too; unlocking first says so
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "DataLock":
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


@contextmanager
def writer(root: Path) -> Iterator[DataLock]:
    """Hold the lock for a command that writes; LockedError if the app has the folder open."""
    lock = DataLock(root)
    if not lock.acquire():
        raise LockedError(locked_message(Path(root)))
    try:
        yield lock
    finally:
        lock.release()
