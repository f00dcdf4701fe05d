"""One writer per data folder: a lock file the OS releases when the holder dies."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from sponsordesk.store import layout, tomlio


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
