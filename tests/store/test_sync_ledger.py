"""A machine never gives one count of an entry twice, even when a sync tool moved its versions about.

Each machine is a data folder saved through a store stamping as that machine,
with a cache folder of its own (the ledger of counts given). A sync tool's
conflict copy is the other machine's file put beside this one's under the name
Syncthing gives it.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, timezone
from pathlib import Path

from sponsordesk.model import Contact, Sponsee
from sponsordesk.store import Store, layout, tomlio
from sponsordesk.store.changes import contact_changes, profile_change
from sponsordesk.store.sync_folder import choose, merge_copies, read_kept
from sponsordesk.store.sync_ledger import Ledger
from sponsordesk.store.sync_stamps import Stamp, counted

from tests.conftest import NOW, TODAY

SYNCTHING = ".sync-conflict-20261121-101010-{}"
YEAR = 2025


class Machine:
    """A stamping source with a known id and a ledger in its own cache folder."""

    def __init__(self, machine: str, cache: Path) -> None:
        self.machine = machine
        self.ledger = Ledger(cache, machine)

    def today(self) -> date:
        return TODAY


def machine(tmp_path: Path, name: str) -> Store:
    """The notebook on ``name`` as a new process opens it (the ledger read afresh from its file)."""
    store = Store(tmp_path / name)
    store.stamps = Machine(name, tmp_path / f"cache-{name}")
    store.load(TODAY)  # as the app does: it saves what it has read
    return store


def two(tmp_path: Path) -> tuple[Store, Store]:
    """The laptop and the desktop, both holding Sam with one call."""
    laptop = machine(tmp_path, "laptop")
    laptop.ensure_root()
    laptop.commit([profile_change(None, Sponsee(id="sam-r", name="Sam Rivera"))])
    laptop.commit(contact_changes("sam-r", None, call()))
    shutil.copytree(tmp_path / "laptop", tmp_path / "desktop")
    return machine(tmp_path, "laptop"), machine(tmp_path, "desktop")


def call(**change) -> Contact:
    return Contact(id="c-1", at=datetime(YEAR, 12, 30, 19, tzinfo=timezone.utc), summary="Talked about step 4.",
                   **change)


def year_file(store: Store) -> Path:
    return layout.contacts_path(store.root, "sam-r", YEAR)


def shown(store: Store) -> Contact:
    [contact] = machine(store.root.parent, store.root.name).contacts_in_year("sam-r", YEAR)
    return contact


def save(store: Store, before: Contact, **change) -> Contact:
    after = before.model_copy(update=change)
    machine(store.root.parent, store.root.name).commit(contact_changes("sam-r", before, after))
    return after


def arrives(here: Store, data: bytes, tag: str) -> None:
    """Another machine's version of the year file arrives as a conflict copy and is merged (`sponsordesk sync`)."""
    copy = year_file(here).with_name(f"{YEAR}{SYNCTHING.format(tag)}.toml")
    copy.write_bytes(data)
    result = merge_copies(machine(here.root.parent, here.root.name), NOW, keep=9)
    assert not result.refused, [p.message for p in result.refused]
    assert not copy.exists(), "merged"


def every_summary(store: Store) -> set[str]:
    """The summaries of the call in its place and in every version kept for a choice."""
    reader = machine(store.root.parent, store.root.name)
    out = {c.summary for c in reader.contacts_in_year("sam-r", YEAR)}
    for kept in read_kept(reader, year_file(reader)):
        out |= {v.content.get("summary") for v in kept.versions if not v.deleted}
    return out


def test_a_version_the_sync_tool_put_aside_is_not_dropped_by_this_machines_next_save(tmp_path):
    """The desktop's window saves again after Syncthing put the laptop's file in place of the desktop's newest
    (the desktop's version coming back later as a copy): that save must not count the version put aside."""
    laptop, desktop = two(tmp_path)
    words = "He talked about his father for the first time."
    mine = save(desktop, call(), summary=words)
    save(laptop, call(), minutes=30)
    put_aside = year_file(desktop).read_bytes()
    year_file(desktop).write_bytes(year_file(laptop).read_bytes())  # Syncthing: the laptop's file wins here
    save(desktop, mine, relapse=True)  # the window, open since before, saves the call it shows
    arrives(desktop, put_aside, "DESKTOP")
    assert words in every_summary(desktop), "the words of the version put aside are kept, in place or for a choice"


def test_an_edit_of_the_other_machines_version_is_not_dropped_by_a_choice_made_there(tmp_path):
    """The desktop edits the laptop's version kept in the call's place after a merge, its own newer one kept
    beside it; then the laptop chooses an older desktop version: the edit must survive the next merge."""
    laptop, desktop = two(tmp_path)
    a = save(laptop, call(), summary="Laptop A.")
    a = save(laptop, a, minutes=20)
    save(laptop, a, meetings=3)
    b = save(desktop, call(), summary="Desktop B.")
    early = year_file(desktop).read_bytes()  # this version reaches the laptop
    save(desktop, b, summary="Desktop C.")
    arrives(laptop, early, "DESKTOP")  # laptop: Laptop A in place, Desktop B kept
    arrives(desktop, year_file(laptop).read_bytes(), "LAPTOPX")  # desktop: Laptop A in place, Desktop C kept
    in_place = shown(desktop)
    assert in_place.summary == "Laptop A."
    words = "Desktop D: the words that must not be lost."
    save(desktop, in_place, summary=words)
    on_laptop = machine(tmp_path, "laptop")
    [kept] = read_kept(on_laptop, year_file(on_laptop))
    chosen = next(i for i, v in enumerate(kept.versions) if v.content["summary"] == "Desktop B.")
    choose(on_laptop, kept, chosen, "laptop", TODAY)
    arrives(laptop, year_file(desktop).read_bytes(), "DESKTOP")
    assert words in every_summary(laptop)


def test_a_choice_does_not_count_this_machines_version_the_sync_tool_put_aside(tmp_path):
    """A choice counts every version shown, one more of this machine's among them; not this machine's newer
    version that a sync tool put aside meanwhile, which the choice never saw."""
    laptop, desktop = two(tmp_path)
    save(laptop, call(), summary="Laptop A.")
    b = save(desktop, call(), summary="Desktop B.")
    arrives(laptop, year_file(desktop).read_bytes(), "DESKTOP")  # laptop: Laptop A in place, Desktop B kept
    words = "Desktop X: written before the laptop's merge reached this machine."
    save(desktop, b, summary=words)
    put_aside = year_file(desktop).read_bytes()
    year_file(desktop).write_bytes(year_file(laptop).read_bytes())  # Syncthing: the laptop's merged file wins
    on_desktop = machine(tmp_path, "desktop")
    [kept] = read_kept(on_desktop, year_file(on_desktop))
    choose(on_desktop, kept, next(i for i, v in enumerate(kept.versions) if v.content["summary"] == "Desktop B."),
           "desktop", TODAY)
    arrives(desktop, put_aside, "DESKTOP")
    assert words in every_summary(desktop)


def test_counts_go_on_under_the_machines_id_while_it_holds_its_latest(tmp_path):
    """The ledger does not change what a plain history writes: one machine's saves count 1, 2, 3."""
    laptop, _ = two(tmp_path)
    c = save(laptop, call(), summary="one")
    save(laptop, c, summary="two")
    assert Stamp.parse(tomlio.parse(year_file(laptop).read_bytes())["contact"][0]["rev"]).vector == {"laptop": 3}


def test_a_save_from_a_version_behind_this_machines_latest_counts_under_an_id_of_its_own(tmp_path):
    ledger = Ledger(tmp_path, "lap001")
    entry = ledger.scope(tmp_path, "contacts/2025.toml").entry("contact", "c-1")
    assert counted({"lap001": 1}, "lap001", [], entry) == {"lap001": 2}
    assert counted({"lap001": 2}, "lap001", [], entry) == {"lap001": 3}
    behind = counted({"lap001": 1, "dsk001": 4}, "lap001", [], entry)  # lap001:2 and :3 are given already
    [own_id] = set(behind) - {"lap001", "dsk001"}
    assert behind == {"lap001": 1, "dsk001": 4, own_id: 1}
    assert counted(behind, "lap001", [], entry) == {**behind, own_id: 2}, "its next save goes on under that id"
    entry.scope.write()
    again = Ledger(tmp_path, "lap001").scope(tmp_path, "contacts/2025.toml").entry("contact", "c-1")
    assert again.given == {"lap001": 3, own_id: 2}, "remembered by the next process"
    other = Ledger(tmp_path, "lap001").scope(tmp_path, "contacts/2026.toml").entry("contact", "c-1")
    assert counted({"lap001": 1}, "lap001", [], other) == {"lap001": 2}, "another file's entry is its own"


def test_the_ledger_holds_no_names_and_is_private(tmp_path):
    laptop, _ = two(tmp_path)
    save(laptop, call(), summary="Sam's words")
    text = (tmp_path / "cache-laptop" / "stamps-laptop.txt").read_text()
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert lines and all(len(line.split()[0]) == 32 for line in lines)
    assert "sam" not in text.lower() and "c-1" not in text and "2025" not in text
    assert (tmp_path / "cache-laptop" / "stamps-laptop.txt").stat().st_mode & 0o077 == 0
