"""One writer per data folder: a lock file the OS releases when the holder dies."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from sponsordesk.store import layout, tomlio
from sponsordesk.store.problems import LockedError, locked_message


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


class DataLock:
    """Non-blocking lock on ``<data>/.sponsordesk.lock``.

    ``acquire()`` returns False (instead of waiting) when another sponsordesk
    holds it; that window then opens read-only.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.path = self.root / layout.LOCK
        self._lock: FileLock | None = None

    def acquire(self) -> bool:
        tomlio.ensure_dir(self.root)
        lock = FileLock(self.path, timeout=0, mode=tomlio.FILE_MODE)
        try:
            lock.acquire()
        except Timeout:
            return False
        self._lock = lock
        return True

    @property
    def held(self) -> bool:
        return self._lock is not None and self._lock.is_locked

    def release(self) -> None:
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
