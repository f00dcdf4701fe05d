"""Which machine this is, and which other machines have the notebook open.

Each machine gets a short random id the first time it saves (kept in the
user cache folder, which is never synced: ``machine.toml``), used in every
entry's stamp (store/sync_stamps.py). Deleting it is harmless: the next save
makes a new id, and stamps simply count one more machine.

While a sponsordesk window can save, it keeps a small marker in the data
folder, ``.sponsordesk-machines/<id>.toml``: the computer's name, since when
the notebook is open there, and when it was last seen (refreshed every few
minutes). Each machine writes only its own marker, so syncing them never
makes a conflict; the loader never reads them. Another machine's marker seen
within ``SEEN_WITHIN`` says the notebook is open there now.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sponsordesk.store import layout, tomlio
from sponsordesk.store.this_machine import ID_FILE, ID_PATTERN, computer_name

if TYPE_CHECKING:
    from sponsordesk.store.sync_ledger import Ledger

MACHINES = layout.MACHINES
SEEN_WITHIN = timedelta(minutes=10)
"""A marker refreshed this recently means the notebook is open on that machine."""
REFRESH = timedelta(minutes=4)
"""How often an open window refreshes its marker (well within SEEN_WITHIN)."""

_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o, 1/l: easy to read aloud


def _new_id() -> str:
    import secrets

    return "".join(secrets.choice(_ALPHABET) for _ in range(6))


def machine_id(cache_dir: Path) -> str:
    """This machine's id, made on first use; a fresh one each run if the cache folder cannot be written.

    The id is kept with the computer's name it was made on: a home folder
    copied to a new laptop brings the cache along, and two machines with one
    id would count each other's saves as their own, so one machine's change
    could silently win over the other's. On another computer a new id is made.
    """
    path = Path(cache_dir) / ID_FILE
    host = computer_name()
    try:
        found = tomlio.parse(path.read_bytes())
        ident, made_on = found.get("id"), found.get("host")
        if isinstance(ident, str) and ID_PATTERN.match(ident) and made_on in (None, host):
            if made_on is None:
                _write_id(path, ident, host)  # an id from before names were kept: this computer's from now on
            return ident
    except (OSError, ValueError):
        pass
    ident = _new_id()
    _write_id(path, ident, host)
    return ident


def _write_id(path: Path, ident: str, host: str) -> None:
    import tomli_w

    try:
        tomlio.ensure_dir(path.parent)
        text = ("# sponsordesk: this machine's id in the stamps of the entries it saves (see the README, "
                "\"Syncing between machines\"). Safe to delete.\n" + tomli_w.dumps({"id": ident, "host": host}))
        tomlio.write_atomic(path, text.encode())
    except OSError:
        pass


class Stamping:
    """What the store needs to stamp a save: this machine's id (read on the first save) and today's date."""

    def __init__(self, cache_dir: Path, today: Callable[[], date]) -> None:
        self.cache_dir = Path(cache_dir)
        self.today = today
        self._machine: str | None = None
        self._ledger: "Ledger | None" = None

    @property
    def machine(self) -> str:
        if self._machine is None:
            self._machine = machine_id(self.cache_dir)
        return self._machine

    @property
    def ledger(self) -> "Ledger":
        """The counts this machine gave in stamps (store/sync_ledger.py), kept beside its id."""
        if self._ledger is None:  # the id is read once per Stamping, so one ledger serves it
            from sponsordesk.store.sync_ledger import Ledger

            self._ledger = Ledger(self.cache_dir, self.machine)
        return self._ledger


# ------------------------------------------------------------------ open here, open elsewhere


@dataclass(frozen=True)
class Marker:
    """A computer's "open here" marker, as read from the data folder."""

    machine: str
    name: str
    open: bool
    since: datetime | None
    seen: datetime | None

    def open_at(self, now: datetime) -> bool:
        """Open there now: marked open and seen within SEEN_WITHIN (a machine that slept or crashed is not)."""
        return (self.open and self.seen is not None
                and now - SEEN_WITHIN <= self.seen <= now + SEEN_WITHIN)


def marker_path(root: Path, machine: str) -> Path:
    return Path(root) / MACHINES / f"{machine}.toml"


def read_markers(root: Path) -> list[Marker]:
    """Every machine's marker that reads; others are skipped (a marker is never worth an error)."""
    folder = Path(root) / MACHINES
    out = []
    try:
        names = sorted(n for n in _listdir(folder) if n.endswith(".toml") and not n.startswith("."))
    except OSError:
        return []
    for name in names:
        marker = _read_marker(folder / name, name[:-5])
        if marker is not None:
            out.append(marker)
    return out


def _read_marker(path: Path, machine: str) -> Marker | None:
    try:
        # never through a link, never waiting on a FIFO (NotAFile is an OSError): a marker a sync tool or
        # a person left as one held the folder's first reading, and so the window, open for good
        data = tomlio.read_bytes(path)
        if data is None:
            return None
        raw = tomlio.parse(data)
    except (OSError, ValueError):
        return None
    since, seen = raw.get("since"), raw.get("seen")
    return Marker(machine, str(raw.get("name") or machine), raw.get("open") is True,
                  since if isinstance(since, datetime) and since.tzinfo else None,
                  seen if isinstance(seen, datetime) and seen.tzinfo else None)


def own_marker(root: Path, machine: str) -> Marker | None:
    """This machine's marker, if it reads: its one file, not every machine's (the app refreshes it every few
    minutes, and a data folder synced between many computers holds a marker for each)."""
    return _read_marker(marker_path(root, machine), machine)


def _listdir(folder: Path) -> list[str]:
    return os.listdir(folder) if folder.is_dir() else []


def write_marker(root: Path, machine: str, now: datetime, open_: bool, since: datetime | None) -> None:
    """This machine's marker (raises OSError when it cannot be written)."""
    import tomli_w

    path = marker_path(root, machine)
    tomlio.ensure_dir(path.parent)
    data: dict[str, object] = {"name": computer_name(), "open": open_}
    if since is not None:
        data["since"] = since.replace(microsecond=0)
    data["seen"] = now.replace(microsecond=0)
    text = ("# sponsordesk: whether the notebook is open on this computer, for your other computers to say so.\n"
            "# Written only by sponsordesk on this computer; safe to delete.\n" + tomli_w.dumps(data))
    tomlio.write_atomic(path, text.encode())


def keep_open(root: Path, machine: str, now: datetime) -> None:
    """Mark this machine open (or refresh the mark when it is getting old); OSError when it cannot."""
    mine = own_marker(root, machine)
    if mine is not None and mine.open and mine.seen is not None and now - REFRESH < mine.seen <= now:
        return
    since = mine.since if mine is not None and mine.open_at(now) else now
    write_marker(root, machine, now, True, since)


def mark_closed(root: Path, machine: str, now: datetime) -> None:
    mine = own_marker(root, machine)
    if mine is not None and mine.open:
        write_marker(root, machine, now, False, None)


def open_elsewhere(root: Path, machine: str, now: datetime) -> list[Marker]:
    """Other machines with the notebook open now."""
    return [m for m in read_markers(root) if m.machine != machine and m.open_at(now)]


def names(root: Path) -> dict[str, str]:
    """Each machine id that left a marker, with its computer's name."""
    return {m.machine: m.name for m in read_markers(root)}
