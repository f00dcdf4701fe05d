"""A disposable summary of what the roster needs, so start-up does not parse years of contacts.

One JSON file per data folder in the user cache folder. A sponsee's entry is
used only while every file it summarises (profile, steps, suggestions and
each contacts year file) has the same size, mtime_ns, ctime_ns and inode as
when the entry was made; a file changed within ``RACY_NS`` of that moment is
also compared by content hash (git's "racily clean" rule, for filesystems
with coarse timestamps). Anything else (an edit, a new year file, a cache
from another version, a cache that does not parse) means the sponsee is read
from its files as if there were no cache. Sponsees whose files had any
problem are never cached, so every warning is reported on every start.
Deleting the cache loses nothing.
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import fields
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sponsordesk.model import Contact, Sponsee, StepBoard, Suggestion
from sponsordesk.store import layout, tomlio

if TYPE_CHECKING:
    from sponsordesk.store.store import SponseeRecord, Store

FORMAT = 2
"""Bump when an entry's shape or the store's loading rules change; old caches are then ignored."""

MARGIN_DAYS = 35
"""Entries keep contacts from this many days before the recent window, so ``--today`` a month back still hits.

Later days always hit while the files are unchanged: a sponsee nobody logs
to keeps their entry, and one who gets contacts gets a fresh entry anyway."""

RACY_NS = 2_000_000_000
"""Files modified this close to when an entry was made are also checked by content."""

_FILES = (layout.PROFILE, layout.STEPS, layout.SUGGESTIONS)
_YEAR_FILE = re.compile(r"^\d{4}\.toml$")  # the names layout.year_of accepts


def cache_file(cache_dir: Path, root: Path) -> Path:
    """Where the summaries of data folder ``root`` live."""
    key = tomlio.digest(str(Path(root).resolve()).encode())[:24]
    return Path(cache_dir) / "summaries" / f"{key}.json"


def _signature(folder: Path) -> dict[str, list[int] | None]:
    """Stat data of every file ``load_sponsee`` may read; None for a file that is absent."""
    out: dict[str, list[int] | None] = {}
    base = str(folder) + os.sep  # plain strings: this runs for every sponsee on every start
    for name in _FILES:
        try:
            st = os.stat(base + name)
            out[name] = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        except FileNotFoundError:
            out[name] = None
    try:
        with os.scandir(base + layout.CONTACTS) as entries:
            for entry in entries:
                if _YEAR_FILE.match(entry.name):
                    st = entry.stat()
                    out[f"{layout.CONTACTS}/{entry.name}"] = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
    except (FileNotFoundError, NotADirectoryError):
        pass
    return out


def record_fields_known() -> bool:
    """Whether a SponseeRecord is still the four things an entry holds.

    A field added to SponseeRecord turns the cache off (every start reads
    the files, correct but slow) until the entry learns it and FORMAT is bumped.
    """
    from sponsordesk.store.store import SponseeRecord

    return tuple(f.name for f in fields(SponseeRecord)) == ("sponsee", "steps", "suggestions", "recent")


def recent_since(newest_first: list[Contact], since: date) -> list[Contact]:
    """The store's recent-contacts rule applied to a longer list (see ``Store.recent_contacts``)."""
    out: list[Contact] = []
    connected = False
    for contact in newest_first:
        if contact.day >= since or not connected:
            out.append(contact)
            connected = connected or contact.connected
        elif connected:
            break
    return out


class SummaryCache:
    """Serves ``Store.load`` from summaries while the files match them."""

    def __init__(self, cache_dir: Path, root: Path) -> None:
        self.path = cache_file(cache_dir, root)
        self._entries: dict[str, Any] | None = None
        self._seen: set[str] = set()
        self._changed = False

    def _open(self) -> dict[str, Any]:
        if self._entries is None:
            self._entries, self._seen, self._changed = {}, set(), False
            try:
                raw = json.loads(self.path.read_bytes())
                if raw.get("format") == FORMAT and isinstance(raw.get("sponsees"), dict):
                    self._entries = raw["sponsees"]
            except (OSError, ValueError, AttributeError):
                self._changed = True  # absent or unreadable: write a fresh one
        return self._entries

    def load_sponsee(self, store: "Store", folder_id: str, today: date) -> "SponseeRecord | None":
        """What ``store.load_sponsee`` returns, from the summary when it is still true."""
        from sponsordesk.store.store import RECENT_DAYS

        entries = self._open()
        self._seen.add(folder_id)
        since = today - timedelta(days=RECENT_DAYS)
        folder = layout.sponsee_dir(store.root, folder_id)
        before = _signature(folder)
        entry = entries.get(folder_id)
        if entry is not None:
            record = self._from_entry(store, folder, entry, before, since)
            if record is not None:
                return record
        problems, broken = len(store.problems), set(store._broken)
        record = store.load_sponsee(folder_id, today)  # exactly what an uncached load gives
        if record is None:
            self._changed |= entries.pop(folder_id, None) is not None
            return None
        if len(store.problems) == problems and store._broken == broken and record_fields_known():
            wide_since = since - timedelta(days=MARGIN_DAYS)
            wide = store.recent_contacts(folder_id, wide_since)  # usually the same year file, read again
            if len(store.problems) == problems and _signature(folder) == before:
                entries[folder_id] = self._entry(store, folder, record, wide, before, wide_since)
                self._changed = True
        return record

    def _from_entry(self, store: "Store", folder: Path, entry: dict[str, Any], signature: dict[str, Any],
                    since: date) -> "SponseeRecord | None":
        from sponsordesk.store.store import SponseeRecord

        if not record_fields_known():
            return None
        try:
            cached_since = date.fromisoformat(entry["since"])
            # Any later day is answered exactly (see recent_since); only an earlier one needs the files.
            if entry["files"] != signature or since < cached_since:
                return None
            for name in entry.get("racy", ()):
                data = tomlio.read_bytes(folder / name)
                if data is None or tomlio.digest(data) != entry["digests"][name]:
                    return None
            record = SponseeRecord(
                Sponsee.model_validate(entry["sponsee"]),
                StepBoard.model_validate(entry["steps"]),
                [Suggestion.model_validate(s) for s in entry["suggestions"]],
                recent_since([Contact.model_validate(c) for c in entry["recent"]], since),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            return None  # a cache from elsewhere or damaged: read the files instead
        # What the store would have remembered had it read the files, so saves check against them.
        for name, value in entry["digests"].items():
            store._fingerprints[folder / name] = value
        return record

    def _entry(self, store: "Store", folder: Path, record: "SponseeRecord", wide: list[Contact],
               signature: dict[str, Any], since: date) -> dict[str, Any]:
        digests = {}
        for path, value in store._fingerprints.items():
            if path.parent == folder or path.parent.parent == folder:
                digests[path.relative_to(folder).as_posix()] = value
        now = time.time_ns()
        racy = [name for name, st in signature.items() if st is not None and st[1] > now - RACY_NS and name in digests]
        return {
            "since": since.isoformat(),
            "files": signature,
            "digests": digests,
            "racy": racy,
            # defaults are left out (validation puts them back): a third smaller, faster to read
            "sponsee": record.sponsee.model_dump(mode="json", exclude_defaults=True),
            "steps": record.steps.model_dump(mode="json", exclude_defaults=True),
            "suggestions": [s.model_dump(mode="json", exclude_defaults=True) for s in record.suggestions],
            "recent": [c.model_dump(mode="json", exclude_defaults=True) for c in wide],
        }

    def finish(self) -> None:
        """Write the summaries if anything changed; forget sponsees that are gone. Never fails a load."""
        entries = self._open()
        gone = set(entries) - self._seen
        for folder_id in gone:
            del entries[folder_id]
        if self._changed or gone:
            try:
                tomlio.ensure_dir(self.path.parent)
                payload = json.dumps({"format": FORMAT, "sponsees": entries}, separators=(",", ":")).encode()
                tomlio.write_atomic(self.path, payload)
            except OSError:
                pass  # a cache that cannot be written only costs the next start its speed
        # Kept for the next reload in this process (still checked against the files on every use).
        self._seen, self._changed = set(), False
