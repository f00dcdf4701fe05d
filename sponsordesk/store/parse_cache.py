"""A disposable cache of parsed contact files, so a long log does not wait on the TOML parser.

``tomllib`` is pure Python: fourteen years of one sponsee's contacts (5,000)
take most of a second to parse, while JSON parses in C. Each contacts year
file gets one JSON entry in the user cache folder, named after the file's
path and headed by the SHA-256 of the exact bytes it was parsed from; the
entry is used only when the bytes just read have that hash, so an edited
file is always parsed afresh. TOML dates and times, which JSON lacks, are
tagged. A damaged entry is ignored; deleting the folder loses nothing.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sponsordesk.store import layout, tomlio

FORMAT = b"sdparse1"
MIN_BYTES = 4096
"""Smaller files parse in well under a millisecond; caching them would only add files."""

_TAG = "\x00sd"  # a key no TOML file written by a person will hold
_TYPES = {"dt": datetime.fromisoformat, "d": date.fromisoformat, "t": time.fromisoformat}


def _encode(value: Any) -> dict[str, str]:
    if isinstance(value, datetime):
        return {_TAG: "dt", "v": value.isoformat()}
    if isinstance(value, date):
        return {_TAG: "d", "v": value.isoformat()}
    if isinstance(value, time):
        return {_TAG: "t", "v": value.isoformat()}
    raise TypeError(f"not a TOML value: {type(value).__name__}")


def _decode(obj: dict[str, Any]) -> Any:
    kind = obj.get(_TAG)
    return _TYPES[kind](obj["v"]) if kind is not None and len(obj) == 2 else obj


def dumps(parsed: dict[str, Any]) -> bytes:
    return json.dumps(parsed, default=_encode, ensure_ascii=False, separators=(",", ":")).encode()


def loads(payload: bytes) -> dict[str, Any]:
    return json.loads(payload, object_hook=_decode)


class ParseCache:
    """``parse(path, data)`` gives what ``tomlio.parse(data)`` gives, from the cache when the bytes match."""

    def __init__(self, cache_dir: Path, root: Path) -> None:
        self.root = Path(root)
        self.folder = Path(cache_dir) / "parsed" / tomlio.digest(str(self.root.resolve()).encode())[:24]

    def _entry(self, path: Path) -> Path:
        return self.folder / f"{tomlio.digest(str(path).encode())[:32]}.json"

    def parse(self, path: Path, data: bytes) -> dict[str, Any]:
        if len(data) < MIN_BYTES or path.parent.name != layout.CONTACTS:
            return tomlio.parse(data)
        entry = self._entry(path)
        head = FORMAT + b" " + tomlio.digest(data).encode() + b"\n"
        try:
            cached = entry.read_bytes()
            if cached.startswith(head):
                return loads(cached[len(head):])
        except (OSError, ValueError, KeyError, TypeError):
            pass  # absent or damaged: parse the file
        parsed = tomlio.parse(data)  # a syntax error is raised here, exactly as without a cache
        try:
            tomlio.ensure_dir(self.folder)
            payload = head + dumps(parsed)
            tmp = tomlio.temp_name(entry)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, tomlio.FILE_MODE)  # notes are private
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.replace(tmp, entry)  # no fsync: a lost entry costs one parse
        except (OSError, TypeError, ValueError):
            pass
        return parsed
