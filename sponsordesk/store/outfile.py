"""Files the user asks for (calendar, report, spreadsheets): whole or not at all.

Data files go through :class:`~sponsordesk.store.Store`; these are outputs,
but they hold the same private details, so they get the same atomic write and
owner-only permissions.
"""

from __future__ import annotations

import stat
from pathlib import Path

from sponsordesk.store import tomlio
from sponsordesk.store.problems import StoreError


def write_output(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically; raises StoreError with a user-ready message."""
    path = Path(path).expanduser().absolute()  # say exactly where it went
    data = text.encode(encoding)
    # A rename replaces a symlink itself, and would replace a device such as
    # /dev/null with a plain file: follow links, and write devices and pipes in place.
    target = path.resolve() if path.is_symlink() else path
    try:
        if target.exists() and not stat.S_ISREG(target.stat().st_mode):
            if target.is_dir():
                raise StoreError(f"{path} is a folder; give a file name, e.g. {path / 'sponsordesk.ics'}")
            with open(target, "wb") as handle:
                handle.write(data)
        else:
            tomlio.write_atomic(target, data)
    except OSError as error:
        raise StoreError(f"could not write {path}: {error.strerror or error}; nothing was written") from error
    return path
