"""Turning merged changes into file contents, and writing them.

``plan`` renders one file's new bytes from the file as it is now and the
ops the merge decided; ``write_plans`` writes a set of files, all or none.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sponsordesk.store import layout, merge, tomlio


@dataclass(frozen=True)
class Current:
    """A data file as it is on disk now: its bytes (None: absent), parsed as written, and checked by its model."""

    data: bytes | None
    raw: dict[str, Any]
    normal: dict[str, Any]


@dataclass(frozen=True)
class FilePlan:
    path: Path
    payload: bytes
    before: bytes | None = None
    """The file's bytes the plan was made from (None: a new file)."""


def _when(value: Any) -> datetime:
    # a hand-written time may have no offset: it is local time, as the model reads it
    return value.astimezone() if isinstance(value, datetime) else datetime.max.astimezone()


def plan(path: Path, kind: str, current: Current, ops: list[merge.Op]) -> FilePlan:
    """The file's new bytes with ``ops`` applied."""
    after = merge.apply(copy.deepcopy(current.raw) or {"schema_version": 1}, ops)
    after.setdefault("schema_version", 1)
    if kind == "contacts" and isinstance(after.get("contact"), list):
        after["contact"] = sorted(after["contact"], key=lambda c: _when(c.get("at")))
    if kind == "steps" and isinstance(after.get("step"), list):
        after["step"] = sorted(after["step"], key=lambda s: s.get("number", 0))
    return FilePlan(path, tomlio.dumps(after, layout.HEADERS[kind]), current.data)


def write_plans(root: Path, plans: list[FilePlan]) -> None:
    """Write every planned file."""
    for item in plans:
        tomlio.write_atomic(item.path, item.payload)
