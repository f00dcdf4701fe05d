"""The counts this machine has given in entries' stamps, remembered on this machine only.

A stamp's count for a machine says "this version has seen that machine's
saves of the entry up to here" (store/sync_stamps.py). That holds only while
each save a machine counts is made from its previous one, and a sync tool can
break it without the machine knowing:

- it may put another machine's version of a file in place of this machine's
  newest, the displaced one coming back later as a conflict copy (a step or
  a contact this machine had just added is then simply not in the file);
- the person may edit the other machine's version of an entry kept in the
  entry's place after a merge, with this machine's own newer version kept
  beside it for a choice, or gone to the other machine already.

Counting on from the count that version holds for this machine would give a
count this machine already gave to a version the new one never saw; the next
merge would take the new save as made from it and drop the other's words, or
the other's choice would drop the new save's, without a word.

So every count this machine gives is written down here, and a save from a
version that has not seen this machine's latest count of that entry is
counted under an id of its own (``sync_stamps.counted``).

The cache folder holds it, which no sync tool or restore reaches:
``stamps-<machine id>/<device>-<inode>.txt``, one file per sponsee folder
(named by the folder's inode, as the facts cache names it: never by its
name), a line per count given, ``<entry> <id>:<count>``. ``<entry>`` is a
SHA-256 of the file's name in the folder and the entry's id: no word of the
person's. Lines are appended and synced before the save's files are written
(a count remembered but not written only costs a one-off id later); a new
sponsee's folder gets its file once the save made the folder. A file grown
far past what it holds is written again with one line per entry.

Deleting it loses nothing that is in the data files; until the entries are
saved again the merge then knows only what the files say (as before this
existed), so it is best deleted with ``machine.toml`` or not at all.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from sponsordesk.store import tomlio

HEADER = (b"# sponsordesk: counts this computer gave in the stamps of one sponsee's entries (see the README, "
          b"\"Syncing between machines\"). Hashes only; best kept.\n")
COMPACT_OVER = 4096
"""Lines a file may hold beyond twice the entries it names before it is written again with one each."""


class Ledger:
    """This machine's counts, a file per sponsee folder, each read once and then only what was appended."""

    def __init__(self, cache_dir: Path, machine: str) -> None:
        self.folder = Path(cache_dir) / f"stamps-{machine}"
        self._shards: dict[str, _Shard] = {}

    def scope(self, folder: Path, name: str) -> "Scope":
        """The entries of one file, ``name`` inside the sponsee ``folder`` (``contacts/2026.toml``)."""
        return Scope(self, Path(folder), name)

    def shard(self, folder: Path) -> "_Shard | None":
        """The file of a sponsee folder; None while the folder does not exist (a new sponsee's first save)."""
        try:
            st = os.stat(folder)
        except OSError:
            return None
        name = f"{st.st_dev}-{st.st_ino}.txt"
        found = self._shards.get(name)
        if found is None:
            found = self._shards[name] = _Shard(self.folder / name)
        found.refresh()
        return found


class _Shard:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.counts: dict[str, dict[str, int]] = {}
        self._read_to = 0
        self._lines = 0
        self._file: tuple[int, int] | None = None

    def refresh(self) -> None:
        """Read what was appended since the last read (another process of this machine may have)."""
        try:
            st = os.stat(self.path)
        except OSError:
            return  # none yet, or unreadable: what this process gave stays remembered in memory
        if (st.st_dev, st.st_ino) != self._file or st.st_size < self._read_to:
            self._read_to, self._lines, self._file = 0, 0, (st.st_dev, st.st_ino)  # written again: read it all
        if st.st_size == self._read_to:
            return
        try:
            with open(self.path, "rb") as handle:
                handle.seek(self._read_to)
                data = handle.read()
        except OSError:
            return
        end = data.rfind(b"\n") + 1  # a line still being written is read next time
        for line in data[:end].split(b"\n"):
            key, _, said = line.partition(b" ")
            machine, _, count = said.rpartition(b":")
            if len(key) != 32 or not count.isdigit() or not machine:
                continue  # the header, or a line cut short by a crash: it can only make a count seem lower
            self._lines += 1
            self._keep(key.decode("ascii", "replace"), machine.decode("ascii", "replace"), int(count))
        self._read_to += end

    def _keep(self, key: str, machine: str, count: int) -> None:
        known = self.counts.setdefault(key, {})
        if count > known.get(machine, 0):
            known[machine] = count

    def append(self, lines: list[tuple[str, str, int]]) -> None:
        """Remember ``lines`` and append them, synced; a cache folder that cannot be written leaves them
        remembered by this process only."""
        for key, machine, count in lines:
            self._keep(key, machine, count)
        text = b"".join(f"{key} {machine}:{count}\n".encode() for key, machine, count in lines)
        try:
            tomlio.ensure_dir(self.path.parent)
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                size = os.fstat(fd).st_size
                if size == 0:
                    text = HEADER + text
                elif os.pread(fd, 1, size - 1) != b"\n":
                    text = b"\n" + text  # a line cut short before (a crash, a full disk): never glued to this one
                written = os.write(fd, text)  # one write in append mode: two processes' lines never interleave
                if written == len(text):
                    os.fsync(fd)  # as the data files are: a count must not outlive its memory
            finally:
                os.close(fd)
        except OSError:
            return
        self._lines += len(lines)
        if self._lines > 2 * len(self.counts) + COMPACT_OVER:
            self._compact()

    def _compact(self) -> None:
        """One line per entry and id (the highest count). Only a writer saves, and one writer holds a data
        folder, so no other process appends to this file meanwhile."""
        self.refresh()
        text = HEADER + b"".join(f"{key} {machine}:{count}\n".encode()
                                 for key, known in self.counts.items() for machine, count in known.items())
        try:
            tomlio.write_atomic(self.path, text)
        except OSError:
            return
        self._read_to, self._lines = len(text), sum(len(known) for known in self.counts.values())
        try:
            st = os.stat(self.path)
            self._file = (st.st_dev, st.st_ino)
        except OSError:
            self._file = None


class Scope:
    """One file's entries in the ledger; counts given are kept until ``write``."""

    def __init__(self, ledger: Ledger, folder: Path, name: str) -> None:
        self.ledger = ledger
        self.folder = folder
        self.name = name
        self.shard = ledger.shard(folder)
        self.pending: list[tuple[str, str, int]] = []

    def entry(self, array: str | None, ident: Any, step: Any = None) -> "Entry":
        text = f"{self.name}\0{array}\0{ident!r}\0{step!r}"
        return Entry(self, hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32])

    def given(self, key: str) -> dict[str, int]:
        known = dict(self.shard.counts.get(key, {})) if self.shard is not None else {}
        for pending_key, machine, count in self.pending:
            if pending_key == key and count > known.get(machine, 0):
                known[machine] = count
        return known

    def write(self) -> bool:
        """Append the counts given; False when the folder does not exist yet (call again once it does)."""
        if not self.pending:
            return True
        shard = self.shard or self.ledger.shard(self.folder)
        if shard is None:
            return False
        shard.append(self.pending)
        self.shard, self.pending = shard, []
        return True


class Entry:
    """One entry's counts given by this machine (its own id and the one-off ids it made for the entry)."""

    def __init__(self, scope: Scope, key: str) -> None:
        self.scope = scope
        self.key = key

    @property
    def given(self) -> dict[str, int]:
        return self.scope.given(self.key)

    def note(self, machine: str, count: int) -> None:
        self.scope.pending.append((self.key, machine, count))
