"""A contact moved to another year's file on one machine meets what the other machine did to it.

A move leaves the old year's file with a tombstone and adds the contact to
the new year's file. The merge of two machines' copies works file by file,
so without looking across the year files a move met by an edit elsewhere
came out as two copies: the edit kept in the old file (deleted there, changed
on the other machine) and the moved one in the new file.

Each machine is a data folder saved through a stamped store of its own; a
sync tool's conflict copy is the other machine's file put beside this one's
under the name Syncthing gives it, and a file only one machine changed is
carried over as it is.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from sponsordesk.model import Contact, Sponsee
from sponsordesk.store import Store, layout, tomlio
from sponsordesk.store.changes import contact_changes, profile_change
from sponsordesk.store.sync_folder import Kept, choose, merge_copies, read_kept
from sponsordesk.store.sync_stamps import Stamp

from tests.conftest import NOW, TODAY

SYNCTHING = ".sync-conflict-20261121-101010-7QK2M1A"
OLD, NEW = 2025, 2026


class Fixed:
    """A stamping source with a known machine id."""

    def __init__(self, machine: str) -> None:
        self.machine = machine

    def today(self):
        return TODAY


def machine(root: Path, name: str) -> Store:
    store = Store(root)
    store.stamps = Fixed(name)
    return store


def call(summary: str = "Talked about step 4.", at: datetime = datetime(2025, 12, 30, 19, tzinfo=timezone.utc),
         **more) -> Contact:
    return Contact(id="c-1", at=at, summary=summary, **more)


MOVED_AT = datetime(2026, 1, 2, 19, tzinfo=timezone.utc)


@pytest.fixture
def two(tmp_path):
    """The laptop and the desktop, both holding Sam with one call dated Dec 30, 2025."""
    laptop = machine(tmp_path / "laptop", "laptop")
    laptop.ensure_root()
    laptop.commit([profile_change(None, Sponsee(id="sam-r", name="Sam Rivera"))])
    laptop.commit(contact_changes("sam-r", None, call()))
    shutil.copytree(tmp_path / "laptop", tmp_path / "desktop")
    shutil.copytree(tmp_path / "laptop", tmp_path / "base")  # as both were when they went apart
    return laptop, machine(tmp_path / "desktop", "desktop")


def save(store: Store, before: Contact | None, after: Contact | None) -> None:
    store.load(TODAY)  # as the app does: it saves what it has read
    store.commit(contact_changes("sam-r", before, after))


def year_file(store: Store, year: int) -> Path:
    return layout.contacts_path(store.root, "sam-r", year)


def meet(here: Store, there: Store) -> None:
    """``there``'s year files reach ``here`` as a sync tool brings them: a file only ``there`` changed since
    the two went apart replaces ``here``'s, one both changed comes as a conflict copy beside it."""
    base = here.root.parent / "base"
    for year in (OLD - 1, OLD, NEW):
        was, mine, theirs = (tomlio.read_bytes(year_file(store, year)) for store in (Store(base), here, there))
        if theirs is None or theirs in (was, mine):
            continue
        if mine is not None and mine != was:
            year_file(here, year).with_name(f"{year}{SYNCTHING}.toml").write_bytes(theirs)
        else:
            year_file(here, year).write_bytes(theirs)


def synced(here: Store, there: Store) -> Store:
    """``here`` after ``there``'s files arrived and the copies were merged (what `sponsordesk sync` does)."""
    meet(here, there)
    result = merge_copies(here, NOW, keep=5)
    assert not result.refused, [p.message for p in result.refused]
    reader = Store(here.root)
    reader.load(TODAY)
    return reader


def contacts(store: Store) -> dict[int, list[Contact]]:
    """Every contact by the year file it is in."""
    return {year: store.contacts_in_year("sam-r", year) for year in store.contact_years("sam-r")}


def kept(store: Store) -> list[Kept]:
    """Every entry of the sponsee's year files with more than one version kept."""
    return [k for year in store.contact_years("sam-r") for k in read_kept(store, year_file(store, year))]


def raw(path: Path) -> dict:
    return tomlio.parse(path.read_bytes())


@pytest.mark.parametrize("merged_on", ["laptop", "desktop"])
def test_an_edit_on_the_other_machine_goes_into_the_moved_contact_and_it_is_there_once(two, merged_on):
    laptop, desktop = two
    save(laptop, call(), call(at=MOVED_AT))  # moved into 2026 on the laptop
    save(desktop, call(), call(summary="Talked about step 4; he wrote his first column."))
    here, there = (laptop, desktop) if merged_on == "laptop" else (desktop, laptop)
    after = synced(here, there)
    found = contacts(after)
    assert [c.id for c in found.get(OLD, [])] == [], "gone from the old year's file"
    [moved] = found[NEW]
    assert moved.at == MOVED_AT and moved.summary == "Talked about step 4; he wrote his first column."
    assert kept(after) == [] and "[[conflict]]" not in year_file(after, OLD).read_text()
    assert [t["id"] for t in raw(year_file(after, OLD))["deleted"]] == ["c-1"], "its tombstone stays"


def test_merging_the_same_copies_again_or_on_the_other_machine_gives_the_same_files(two):
    laptop, desktop = two
    save(laptop, call(), call(at=MOVED_AT))
    save(desktop, call(), call(summary="He wrote his first column."))
    stale = year_file(desktop, OLD).read_bytes()
    on_laptop = synced(machine(laptop.root, "laptop"), desktop)
    files = {year: year_file(on_laptop, year).read_bytes() for year in (OLD, NEW)}
    year_file(laptop, OLD).with_name(f"{OLD}{SYNCTHING}.toml").write_bytes(stale)  # the old copy met again
    again = synced(machine(laptop.root, "laptop"), desktop)
    assert {year: year_file(again, year).read_bytes() for year in (OLD, NEW)} == files
    for year in (OLD, NEW):  # the merge done the other way round, on the desktop, writes the same entries
        assert _entries(year_file(again, year)) == _entries(year_file(synced(desktop, laptop), year))


def _entries(path: Path) -> dict:
    found = raw(path)
    return {name: found.get(name) for name in ("contact", "deleted", "conflict")}


def test_the_same_move_on_both_machines_is_one_contact_and_no_conflict(two):
    laptop, desktop = two
    for store in (laptop, desktop):
        save(store, call(), call(at=MOVED_AT))
    after = synced(laptop, desktop)
    found = contacts(after)
    assert found.get(OLD, []) == [] and [c.at for c in found[NEW]] == [MOVED_AT]
    assert kept(after) == [] and "[[conflict]]" not in year_file(after, NEW).read_text()


@pytest.mark.parametrize("merged_on", ["laptop", "desktop"])
def test_moved_on_one_machine_and_deleted_on_the_other_keeps_it_moved_with_the_deletion_to_choose(two, merged_on):
    laptop, desktop = two
    save(laptop, call(), call(at=MOVED_AT, summary="Moved, and typed over."))
    save(desktop, call(), None)
    here, there = (laptop, desktop) if merged_on == "laptop" else (desktop, laptop)
    after = synced(here, there)
    found = contacts(after)
    assert found.get(OLD, []) == [] and [c.summary for c in found[NEW]] == ["Moved, and typed over."]
    [both] = kept(after)
    assert both.path == year_file(after, NEW) and [v.deleted for v in both.versions] == [False, True]
    again = synced(machine(here.root, merged_on), there)  # the same copies again: nothing more
    assert len(kept(again)) == 1 and year_file(again, NEW).read_text().count("[[conflict]]") == 1


def test_choosing_the_deletion_of_a_moved_contact_deletes_it_and_choosing_the_move_keeps_it(two, tmp_path):
    laptop, desktop = two
    save(laptop, call(), call(at=MOVED_AT))
    save(desktop, call(), None)
    after = synced(laptop, desktop)
    shutil.copytree(laptop.root, tmp_path / "second")
    [both] = kept(after)
    choose(machine(laptop.root, "laptop"), both, 1, "laptop", TODAY)
    assert contacts(_read(laptop.root)).get(NEW, []) == [] and kept(_read(laptop.root)) == []
    second = _read(tmp_path / "second")
    [both] = kept(second)
    choose(machine(second.root, "laptop"), both, 0, "laptop", TODAY)
    assert [c.at for c in contacts(_read(second.root))[NEW]] == [MOVED_AT] and kept(_read(second.root)) == []


def _read(root: Path) -> Store:
    store = Store(root)
    store.load(TODAY)
    return store


@pytest.mark.parametrize("merged_on", ["laptop", "desktop"])
def test_a_field_changed_differently_on_both_machines_keeps_both_versions_in_the_new_year(two, merged_on):
    laptop, desktop = two
    save(laptop, call(), call(at=MOVED_AT, summary="Typed on the laptop.", minutes=30))
    save(desktop, call(), call(summary="Typed on the desktop.", meetings=3))
    here, there = (laptop, desktop) if merged_on == "laptop" else (desktop, laptop)
    after = synced(here, there)
    found = contacts(after)
    assert found.get(OLD, []) == [], "no second copy"
    [shown] = found[NEW]
    assert shown.at == MOVED_AT and shown.summary == "Typed on the laptop.", "the moved one is in its year's place"
    [both] = kept(after)
    assert both.path == year_file(after, NEW)
    assert {v.content["summary"] for v in both.versions} == {"Typed on the laptop.", "Typed on the desktop."}
    assert "[[conflict]]" not in year_file(after, OLD).read_text()
    assert any("was changed on two machines" in p.message for p in after.problems)


def _as_saved_before_moves_were_told(store: Store) -> None:
    """The move as sponsordesk saved it before: a tombstone without ``moved``, the contact stamped anew."""
    old, new = year_file(store, OLD), year_file(store, NEW)
    text = old.read_text()
    old.write_text("\n".join(line for line in text.splitlines() if not line.startswith("moved = ")) + "\n")
    entry = raw(new)["contact"][0]
    fresh = Stamp((("laptop", 1),), Stamp.parse(entry["rev"]).mark).text()
    new.write_text(new.read_text().replace(entry["rev"], fresh))


@pytest.mark.parametrize("merged_on", ["laptop", "desktop"])
def test_a_move_saved_before_tombstones_said_so_keeps_both_versions_in_the_new_year(two, merged_on):
    laptop, desktop = two
    save(laptop, call(), call(summary="Logged on the laptop, then edited there."))  # the laptop's count is 2
    for folder in (desktop.root, desktop.root.parent / "base"):
        shutil.rmtree(folder)
        shutil.copytree(laptop.root, folder)
    edited = call(summary="Logged on the laptop, then edited there.")
    save(laptop, edited, edited.model_copy(update={"at": MOVED_AT}))
    _as_saved_before_moves_were_told(laptop)
    save(desktop, edited, edited.model_copy(update={"summary": "Edited on the desktop."}))
    here, there = (laptop, desktop) if merged_on == "laptop" else (desktop, laptop)
    after = synced(here, there)
    found = contacts(after)
    assert found.get(OLD, []) == [] and [c.at for c in found[NEW]] == [MOVED_AT]
    [both] = kept(after)
    summaries = {v.content["summary"] for v in both.versions}
    assert summaries == {"Logged on the laptop, then edited there.", "Edited on the desktop."}, "nothing lost"


def test_moved_on_both_machines_to_two_other_years_is_one_contact_with_both_versions_to_choose(two):
    laptop, desktop = two
    save(laptop, call(), call(at=MOVED_AT))
    save(desktop, call(), call(at=datetime(2024, 12, 30, 19, tzinfo=timezone.utc)))
    after = synced(laptop, desktop)
    found = contacts(after)
    assert sum(len(found[year]) for year in found) == 1, "one copy"
    [both] = kept(after)
    assert sorted(v.content["at"].year for v in both.versions) == [2024, 2026]
    assert {year for year in found if found[year]} == {layout.year_of(both.path)}, "in the year its date says"


def test_the_settled_old_year_file_reaching_the_other_machine_first_asks_nothing(two):
    laptop, desktop = two
    save(laptop, call(), call(at=MOVED_AT))
    save(desktop, call(), call(summary="He wrote his first column."))
    shutil.copy(year_file(laptop, NEW), year_file(desktop, NEW))  # the move's new year arrived on the desktop
    synced(laptop, desktop)  # the laptop merges; its old year's file then reaches the desktop before its new one
    year_file(desktop, OLD).with_name(f"{OLD}{SYNCTHING}.toml").write_bytes(year_file(laptop, OLD).read_bytes())
    assert merge_copies(desktop, NOW, keep=5).refused == []
    found = _read(desktop.root)
    assert kept(found) == [], "no deletion to choose: the edit went into the moved contact, on its way here"
    assert [c.id for c in contacts(found).get(OLD, [])] == [] and len(contacts(found)[NEW]) == 1
    shutil.copy(year_file(laptop, NEW), year_file(desktop, NEW))  # and then it arrives
    [moved] = contacts(_read(desktop.root))[NEW]
    assert moved.summary == "He wrote his first column." and moved.at == MOVED_AT
