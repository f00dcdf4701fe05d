"""A disposable, text-free cache of each sponsee's recent contact facts.

Start-up needs, per sponsee, the recent contacts' facts (when, kind, who
reached out, minutes, relapse, crisis, meetings); finding them means parsing
contacts year files, the slow part at thousands of contacts. This cache keeps
only those facts, in the user cache folder, as ``ContactFacts``: never a
name, note, summary, meeting note, suggestion, phone number or any other text
the sponsor typed (the data folder is the only place words live). Profiles,
steps and suggestions are small and always read from the data folder.

Entries are keyed by the sponsee folder's inode (a folder name is a slug of
the name) and used only while every contacts year file has the same size,
mtime_ns, ctime_ns and inode as when the entry was made; a file changed
within ``RACY_NS`` of that moment is also compared by content hash (git's
"racily clean" rule, for filesystems with coarse timestamps). Anything else
(an edit, a new year file, a cache from another version, a cache that does
not parse) means the contacts are read from the files as if there were no
cache. Contacts files with any problem are never cached, so every warning is
reported on every start. Deleting the cache loses nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sponsordesk.model import ContactFacts
from sponsordesk.store.facts import RACY_NS, fact_row, facts_of_row, local_zone, recent_since
from sponsordesk.store import layout, tomlio

if TYPE_CHECKING:
    from sponsordesk.store.store import Store

FORMAT = 3
"""Bump when an entry's shape or the store's loading rules change; old caches are then ignored."""

MARGIN_DAYS = 35
"""Entries keep contacts from this many days before the recent window, so ``--today`` a month back still hits.

Later days always hit while the files are unchanged: a sponsee nobody logs
to keeps their entry, and one who gets contacts gets a fresh entry anyway."""

_YEAR_FILE = re.compile(r"^\d{4}\.toml$")  # the names layout.year_of accepts
def cache_file(cache_dir: Path, root: Path) -> Path:
    """Where the contact facts of data folder ``root`` live."""
    key = tomlio.digest(str(Path(root).resolve()).encode())[:24]
    return Path(cache_dir) / "facts" / f"{key}.json"


LEGACY = ("parsed", "summaries")
"""Cache folders older versions wrote: contact text ("parsed"), or these facts under their old name."""


def remove_legacy(cache_dir: Path) -> None:
    """Delete what older sponsordesk versions cached: text (parsed contact files), or facts under an old name."""
    for name in LEGACY:
        folder = Path(cache_dir) / name
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)


def _signature(folder: Path) -> dict[str, list[int]]:
    """Stat data of every contacts year file, by name relative to the sponsee folder."""
    out: dict[str, list[int]] = {}
    base = str(folder) + os.sep  # plain strings: this runs for every sponsee on every start
    if os.path.islink(base + layout.CONTACTS):
        # scandir would follow it; the store reports such a folder and reads nothing from it, so no entry
        # is ever made with this signature, and none is used
        return {layout.CONTACTS: [-1]}
    try:
        with os.scandir(base + layout.CONTACTS) as entries:
            for entry in entries:
                if _YEAR_FILE.match(entry.name):
                    st = entry.stat()
                    out[f"{layout.CONTACTS}/{entry.name}"] = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
    except (FileNotFoundError, NotADirectoryError):
        pass
    return out


def _key(folder: Path) -> str | None:
    """The entry key: the folder's inode, not its name (a slug of the sponsee's name)."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return f"{st.st_dev}:{st.st_ino}"


STALE_TEMP_S = 600
"""A temp file in the cache folder this old was left by a run that was killed mid-write (one write takes ms)."""


def _remove_stale_temps(folder: Path) -> None:
    """Delete temp files killed runs left in the cache folder; a younger one may be another run's, mid-write."""
    cutoff = time.time() - STALE_TEMP_S
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(tomlio.TEMP_SUFFIX) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                    os.unlink(entry.path)
    except OSError:
        pass  # a cache folder that cannot be tidied only costs a little space


class FactsCache:
    """Serves a sponsee's recent contact facts from the cache while the files match it."""

    def __init__(self, cache_dir: Path, root: Path) -> None:
        self.path = cache_file(cache_dir, root)
        self._entries: dict[str, Any] | None = None
        self._seen: set[str] = set()
        self._changed = False
        self._kept: list[Path] = []
        """Folders of sponsees not read this time (``keep``), their entries to be kept if the cache is opened."""

    def _open(self) -> dict[str, Any]:
        if self._entries is None:
            self._entries, self._seen, self._changed = {}, set(), False
            try:
                raw = json.loads(self.path.read_bytes())
                if (raw.get("format") == FORMAT and isinstance(raw.get("sponsees"), dict)
                        and raw.get("zone") == local_zone()):
                    self._entries = raw["sponsees"]
                else:
                    self._changed = True  # an older format (format 2 held notes), or another time zone: replace it
            except (OSError, ValueError, AttributeError):
                self._changed = True  # absent or unreadable: write a fresh one
        return self._entries

    def recent(self, store: "Store", folder_id: str, since: date) -> list[ContactFacts]:
        """What ``Store.recent_contacts`` gives, as facts, from the cache when it is still true."""
        entries = self._open()
        folder = layout.sponsee_dir(store.root, folder_id)
        key = _key(folder)
        before = _signature(folder)
        if key is not None:
            self._seen.add(key)
            entry = entries.get(key)
            if entry is not None:
                found = self._from_entry(store, folder, entry, before, since)
                if found is not None:
                    return found
        wide_since = since - timedelta(days=MARGIN_DAYS)
        wide = [ContactFacts.of(c) for c in store.recent_contacts(folder_id, wide_since)]
        if key is not None:
            year_files = {folder / name for name in before}
            # a file with a warning is read every time, so the warning shows on every start
            clean = not any(p.path in year_files for p in store.problems) and _signature(folder) == before
            if clean:
                entries[key] = self._entry(store, folder, wide, before, wide_since)
            elif key in entries:
                del entries[key]
            self._changed = True
        return recent_since(wide, since)

    def keep(self, store: "Store", folder_id: str) -> None:
        """A sponsee not read this time (an ended sponsorship left for later): its entry is not gone.

        Noted only: when every sponsee of a reading is left for later or taken from the index (the app's
        start, the index answering), nothing reads the cache, and opening it (a megabyte of JSON at a
        thousand sponsees) and signing every folder only to keep all its entries was about 15 ms of the
        reading. The entries of sponsees gone since are then forgotten by the next reading that opens it."""
        self._kept.append(layout.sponsee_dir(store.root, folder_id))

    def _from_entry(self, store: "Store", folder: Path, entry: dict[str, Any], signature: dict[str, Any],
                    since: date) -> list[ContactFacts] | None:
        try:
            cached_since = date.fromisoformat(entry["since"])
            # Any later day is answered exactly (see recent_since); only an earlier one needs the files.
            if entry["files"] != signature or since < cached_since:
                return None
            for name in entry["racy"]:
                data = tomlio.read_bytes(folder / name)
                if data is None or tomlio.digest(data) != entry["digests"][name]:
                    return None
            found = recent_since([facts_of_row(row) for row in entry["recent"]], since)
            digests = {folder / name: value for name, value in entry["digests"].items() if isinstance(value, str)}
        except (KeyError, TypeError, ValueError, AttributeError):
            return None  # a cache from elsewhere or damaged: read the files instead
        # What the store would have remembered had it read the files, so saves check against them.
        store._fingerprints.update(digests)
        return found

    def _entry(self, store: "Store", folder: Path, wide: list[ContactFacts], signature: dict[str, Any],
               since: date) -> dict[str, Any]:
        # Looked up per year file: a scan of every fingerprint the store holds (thousands at 1,000
        # sponsees) made each save at that size about 6 ms slower than the same save at 8.
        found = ((name, store._fingerprints.get(folder / name)) for name in signature)
        digests = {name: value for name, value in found if value is not None}
        now = time.time_ns()
        racy = [name for name, st in signature.items() if st[1] > now - RACY_NS and name in digests]
        return {
            "since": since.isoformat(),
            "files": signature,
            "digests": digests,
            "racy": racy,
            "recent": [fact_row(c) for c in wide],  # facts only: no summary, no meeting notes, no unknown keys
        }

    def finish(self) -> None:
        """Write the cache if anything changed; forget sponsees that are gone. Never fails a load."""
        kept, self._kept = self._kept, []
        if self._entries is None and not self._changed:
            _remove_stale_temps(self.path.parent)
            return  # not opened by this reading: nothing in it changed, nothing to forget
        entries = self._open()
        self._seen.update(key for key in map(_key, kept) if key is not None)
        gone = set(entries) - self._seen
        for key in gone:
            del entries[key]
        _remove_stale_temps(self.path.parent)
        if self._changed or gone:
            try:
                tomlio.ensure_dir(self.path.parent)
                payload = json.dumps({"format": FORMAT, "zone": local_zone(), "sponsees": entries},
                                     separators=(",", ":")).encode()
                tomlio.write_atomic(self.path, payload)
            except OSError:
                pass  # a cache that cannot be written only costs the next start its speed
        # Kept for the next reload in this process (still checked against the files on every use).
        self._seen, self._changed = set(), False

