"""The counts this machine has given in entries' stamps, remembered on this machine only.

A stamp's count for a machine says "this version has seen that machine's
saves of the entry up to here" (store/sync_stamps.py). That holds only while
each save a machine counts is made from its previous one, and a sync tool can
break it without the machine knowing:

- it may put another machine's version of a file in place of this machine's
  newest, the displaced one coming back later as a conflict copy;
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

One file per machine id in the cache folder, ``stamps-<id>.txt``, which no
sync tool or restore reaches: a line per count given,
``<entry> <id>:<count>``, appended before the save's files are written (a
count remembered but not written only costs a one-off id later). ``<entry>``
is a SHA-256 of the sponsee folder's inode, the file's name in it and the
entry's id: no name or word of the person's (the cache folder holds none).
Deleting the file loses no data; until the entries are saved again, the
merge then knows only what the files say, as before this file existed.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from sponsordesk.store import tomlio

HEADER = (b"# sponsordesk: counts this computer gave in entries' stamps (see the README, \"Syncing between "
          b"machines\"). Hashes only; safe to delete, better kept.\n")


class Ledger:
    """This machine's counts, read from its file and brought up to date before each use."""

    def __init__(self, cache_dir: Path, machine: str) -> None:
        self.path = Path(cache_dir) / f"stamps-{machine}.txt"
        self._counts: dict[str, dict[str, int]] = {}
        self._read_to = 0
        self._file: tuple[int, int] | None = None

    def scope(self, folder: Path, name: str) -> "Scope":
        """The entries of one file, ``name`` inside the sponsee ``folder`` (``contacts/2026.toml``)."""
        try:
            st = os.stat(folder)
            where = f"{st.st_dev}:{st.st_ino}"
        except OSError:
            where = ""  # a folder not made yet: its entries are all new
        self._refresh()
        return Scope(self, f"{where}/{name}")

    def _refresh(self) -> None:
        """Read what was appended since the last read (another process of this machine may have)."""
        try:
            st = os.stat(self.path)
        except OSError:
            return
        if (st.st_dev, st.st_ino) != self._file or st.st_size < self._read_to:
            self._counts, self._read_to, self._file = {}, 0, (st.st_dev, st.st_ino)
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
                continue  # the header, or a line damaged: it can only make a count seem lower
            known = self._counts.setdefault(key.decode("ascii", "replace"), {})
            name = machine.decode("ascii", "replace")
            known[name] = max(known.get(name, 0), int(count))
        self._read_to += end

    def given(self, key: str) -> dict[str, int]:
        return self._counts.get(key, {})

    def write(self, lines: list[tuple[str, str, int]]) -> None:
        """Append counts given (before the save writes them into files); a cache that cannot be written
        leaves the merge knowing only what the files say."""
        if not lines:
            return
        text = b"".join(f"{key} {machine}:{count}\n".encode() for key, machine, count in lines)
        try:
            tomlio.ensure_dir(self.path.parent)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                if os.fstat(fd).st_size == 0:
                    text = HEADER + text
                os.write(fd, text)  # one write in append mode: two processes' lines never interleave
            finally:
                os.close(fd)
        except OSError:
            return
        for key, machine, count in lines:
            known = self._counts.setdefault(key, {})
            known[machine] = max(known.get(machine, 0), count)


class Scope:
    """One file's entries in the ledger; counts given are kept until ``write``."""

    def __init__(self, ledger: Ledger, where: str) -> None:
        self.ledger = ledger
        self.where = where
        self.pending: list[tuple[str, str, int]] = []

    def entry(self, array: str | None, ident: Any, step: Any = None) -> "Entry":
        text = f"{self.where}\0{array}\0{ident!r}\0{step!r}"
        return Entry(self, hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32])

    def write(self) -> None:
        self.ledger.write(self.pending)
        self.pending = []


class Entry:
    """One entry's counts given by this machine (its own id and the one-off ids it made for the entry)."""

    def __init__(self, scope: Scope, key: str) -> None:
        self.scope = scope
        self.key = key

    @property
    def given(self) -> dict[str, int]:
        known = dict(self.scope.ledger.given(self.key))
        for key, machine, count in self.scope.pending:
            if key == self.key:
                known[machine] = max(known.get(machine, 0), count)
        return known

    def note(self, machine: str, count: int) -> None:
        self.scope.pending.append((self.key, machine, count))
