"""Two machines, one notebook: a sync tool's conflict copy is merged entry by entry, nothing lost.

Each "machine" is a data folder with a cache folder (and so a machine id) of
its own; a conflict copy is the other machine's file put beside this one's
under the name Syncthing gives it.
"""

from __future__ import annotations

import errno
import shutil
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.model import Contact, Sponsee, Suggestion
from sponsordesk.rules.followthrough import LogEntry, NewSuggestion
from sponsordesk.store import sync_machine, tomlio, writing

from tests.conftest import TODAY

SYNCTHING = ".sync-conflict-20261121-101010-7QK2M1A"


def machine(tmp_path: Path, name: str) -> Desk:
    ctx = Context.build(data_dir=tmp_path / name, today=TODAY, config_dir=tmp_path / "config",
                        cache_dir=tmp_path / f"cache-{name}")
    return Desk.open(ctx)


def call(ident: str, hour: int, summary: str) -> Contact:
    return Contact(id=ident, at=datetime(2026, 11, 21, hour, tzinfo=timezone.utc), summary=summary)


@pytest.fixture
def two(tmp_path):
    """Two machines that both hold Sam with two contacts and two open suggestions, then went apart."""
    laptop = machine(tmp_path, "laptop")
    laptop.add_sponsee(Sponsee(id="sam-r", name="Sam Rivera"))
    laptop.log("sam-r", LogEntry(call("c-1", 8, "First call."), suggestions=[NewSuggestion("Read p. 58")]))
    laptop.log("sam-r", LogEntry(call("c-2", 9, "Second call."), suggestions=[NewSuggestion("Call first")]))
    laptop.close()
    shutil.copytree(tmp_path / "laptop", tmp_path / "desktop")
    laptop, desktop = machine(tmp_path, "laptop"), machine(tmp_path, "desktop")
    yield laptop, desktop
    laptop.close()
    desktop.close()


def conflict_copy(source: Desk, target: Desk, rel: str) -> Path:
    """The source machine's version of ``rel`` beside the target's, named as Syncthing names it."""
    path = target.ctx.data_dir / rel
    copy = path.with_name(path.stem + SYNCTHING + path.suffix)
    shutil.copy(source.ctx.data_dir / rel, copy)
    return copy


SUGGESTIONS = "sponsees/sam-r/suggestions.toml"
CONTACTS = "sponsees/sam-r/contacts/2026.toml"


def suggestion(desk: Desk, text: str) -> Suggestion:
    return next(s for s in desk.record("sam-r").suggestions if s.text == text)


def test_both_machines_logs_and_resolutions_are_all_there_after_the_merge_and_the_copies_are_gone(two):
    laptop, desktop = two
    laptop.log("sam-r", LogEntry(call("c-l", 12, "Logged on the laptop.")))
    desktop.log("sam-r", LogEntry(call("c-d", 13, "Logged on the desktop.")))
    laptop.resolve("sam-r", suggestion(laptop, "Read p. 58"), "followed", "did it")
    desktop.resolve("sam-r", suggestion(desktop, "Call first"), "dropped")
    copies = [conflict_copy(desktop, laptop, rel) for rel in (CONTACTS, SUGGESTIONS)]
    laptop.reload()  # what start, ctrl+r and focus do
    assert not any(c.exists() for c in copies)
    ids = [c.id for c in laptop.iter_contacts("sam-r")]
    assert sorted(ids) == ["c-1", "c-2", "c-d", "c-l"]
    assert {s.text: s.status for s in laptop.record("sam-r").suggestions} == {"Read p. 58": "followed",
                                                                               "Call first": "dropped"}
    assert laptop.kept_versions() == [] and not laptop.sync_problems
    notice = "\n".join(laptop.notices)
    assert "Merged 2 copies that Syncthing made" in notice and CONTACTS in notice and "before-sync.zip" in notice


def test_a_deletion_sticks_when_the_other_machines_older_copy_is_merged(two):
    laptop, desktop = two
    first = next(c for c in laptop.iter_contacts("sam-r") if c.id == "c-1")
    laptop.delete_contact("sam-r", first)
    desktop.log("sam-r", LogEntry(call("c-d", 13, "Logged on the desktop.")))  # so the desktop's file differs
    conflict_copy(desktop, laptop, CONTACTS)
    laptop.reload()
    assert sorted(c.id for c in laptop.iter_contacts("sam-r")) == ["c-2", "c-d"]
    assert '[[deleted]]\nid = "c-1"' in (laptop.ctx.data_dir / CONTACTS).read_text(), "the tombstone stays, readable"


def test_an_entry_changed_on_both_machines_keeps_both_and_the_choice_wins_on_both(two):
    laptop, desktop = two
    laptop.resolve("sam-r", suggestion(laptop, "Read p. 58"), "followed", "read it twice")
    desktop.resolve("sam-r", suggestion(desktop, "Read p. 58"), "not_followed", "ran out of time")
    conflict_copy(desktop, laptop, SUGGESTIONS)
    laptop.reload()
    [kept] = laptop.kept_versions()
    assert kept.file == SUGGESTIONS and len(kept.kept.versions) == 2
    outcomes = {v.content["outcome"] for v in kept.kept.versions}
    assert outcomes == {"read it twice", "ran out of time"}, "never decided silently"
    assert any("was changed on two machines" in p.message for p in laptop.problems)
    index = next(n for n, v in enumerate(kept.kept.versions) if v.content["outcome"] == "ran out of time")
    laptop.choose_version(kept, index)
    assert suggestion(laptop, "Read p. 58").outcome == "ran out of time" and laptop.kept_versions() == []
    # the desktop still has its own version; the laptop's file meets it there, and the choice wins
    conflict_copy(laptop, desktop, SUGGESTIONS)
    desktop.reload()
    assert suggestion(desktop, "Read p. 58").outcome == "ran out of time" and desktop.kept_versions() == []
    # and the laptop's own earlier version (in an old copy) cannot come back either
    (laptop.ctx.data_dir / SUGGESTIONS).with_name("suggestions (1).toml").write_bytes(
        (desktop.ctx.data_dir / SUGGESTIONS).read_bytes())
    laptop.reload()
    assert suggestion(laptop, "Read p. 58").outcome == "ran out of time" and laptop.kept_versions() == []


def test_which_machine_changed_each_kept_version_is_named(two):
    laptop, desktop = two
    laptop.mark_open()
    desktop.mark_open()  # markers name the computers; both folders are one synced folder in real life
    shutil.copytree(desktop.ctx.data_dir / ".sponsordesk-machines", laptop.ctx.data_dir / ".sponsordesk-machines",
                    dirs_exist_ok=True)
    laptop.resolve("sam-r", suggestion(laptop, "Call first"), "followed")
    desktop.resolve("sam-r", suggestion(desktop, "Call first"), "dropped")
    conflict_copy(desktop, laptop, SUGGESTIONS)
    laptop.reload()
    [kept] = laptop.kept_versions()
    laptop_id, desktop_id = laptop._machine(), desktop._machine()
    where = {kept.kept.versions[n].content["status"]: kept.changed_on(n) for n in range(2)}
    names = sync_machine.names(laptop.ctx.data_dir)
    assert where == {"followed": [names[laptop_id]], "dropped": [names[desktop_id]]}


def test_a_copy_that_does_not_load_stays_with_the_reason_and_the_others_are_merged(two):
    laptop, desktop = two
    desktop.log("sam-r", LogEntry(call("c-d", 13, "Logged on the desktop.")))
    conflict_copy(desktop, laptop, CONTACTS)
    broken = laptop.ctx.data_dir / "sponsees/sam-r/profile (1).toml"
    broken.write_text("schema_version = 1\nid = \n")
    laptop.reload()
    assert broken.exists() and "c-d" in {c.id for c in laptop.iter_contacts("sam-r")}
    [problem] = laptop.sync_problems
    assert problem.path == broken and "could not be merged" in problem.message and "not valid TOML" in problem.message
    assert "compare it with profile.toml" in problem.hint
    assert [p for p in laptop.problems if p.path == broken] == [problem], "said once, with why"


def test_when_writing_fails_nothing_changes_and_every_copy_stays(two, monkeypatch):
    laptop, desktop = two
    desktop.log("sam-r", LogEntry(call("c-d", 13, "Logged on the desktop.")))
    copy = conflict_copy(desktop, laptop, CONTACTS)
    before = (laptop.ctx.data_dir / CONTACTS).read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writing, "write_plans", full)
    laptop.reload()
    assert (laptop.ctx.data_dir / CONTACTS).read_bytes() == before and copy.exists()
    assert "sync copies were not merged" in laptop.sync_problems[0].message
    monkeypatch.undo()
    laptop.reload()
    assert not copy.exists() and "c-d" in {c.id for c in laptop.iter_contacts("sam-r")}


def test_a_backup_of_the_folder_as_it_was_is_made_first(two):
    laptop, desktop = two
    desktop.log("sam-r", LogEntry(call("c-d", 13, "Logged on the desktop.")))
    copy = conflict_copy(desktop, laptop, CONTACTS)
    before = (laptop.ctx.data_dir / CONTACTS).read_bytes()
    laptop.reload()
    [made] = sorted((laptop.ctx.data_dir / "backups").glob("*-before-sync.zip"))
    with zipfile.ZipFile(made) as archive:
        assert archive.read(CONTACTS) == before
        assert archive.read(copy.relative_to(laptop.ctx.data_dir).as_posix()) == copy_bytes(desktop)


def copy_bytes(desk: Desk) -> bytes:
    return (desk.ctx.data_dir / CONTACTS).read_bytes()


def test_a_merge_stopped_before_the_copy_went_is_finished_next_time_with_the_same_result(two):
    laptop, desktop = two
    laptop.log("sam-r", LogEntry(call("c-l", 12, "Logged on the laptop.")))
    desktop.log("sam-r", LogEntry(call("c-d", 13, "Logged on the desktop.")))
    copy = conflict_copy(desktop, laptop, CONTACTS)
    kept = copy.read_bytes()
    laptop.reload()
    merged = (laptop.ctx.data_dir / CONTACTS).read_bytes()
    copy.write_bytes(kept)  # as if the process died after writing the merged file, before removing the copy
    laptop.reload()
    assert not copy.exists() and (laptop.ctx.data_dir / CONTACTS).read_bytes() == merged


def test_comments_and_layout_of_the_file_kept_stay(two):
    laptop, desktop = two
    path = laptop.ctx.data_dir / CONTACTS
    path.write_text("# Sam's calls, typed on the laptop\n" + path.read_text().replace(
        'summary = "First call."', 'summary = "First call."   # a good one'))
    laptop.reload()
    desktop.log("sam-r", LogEntry(call("c-d", 13, "Logged on the desktop.")))
    conflict_copy(desktop, laptop, CONTACTS)
    laptop.reload()
    text = path.read_text()
    assert text.startswith("# Sam's calls, typed on the laptop\n") and '"First call."   # a good one' in text
    assert "Logged on the desktop." in text


def test_a_read_only_window_merges_nothing(two, tmp_path):
    laptop, desktop = two
    desktop.log("sam-r", LogEntry(call("c-d", 13, "Logged on the desktop.")))
    copy = conflict_copy(desktop, laptop, CONTACTS)
    second = Desk.open(laptop.ctx)  # the laptop's own window has the folder
    try:
        assert second.read_only and copy.exists()
        assert any("a sync-conflict copy of 2026.toml made by Syncthing" in p.message for p in second.problems)
    finally:
        second.close()


def test_a_copy_of_a_file_the_other_machine_no_longer_has_takes_its_place(two):
    laptop, desktop = two
    desktop.log("sam-r", LogEntry(call("c-old", 9, "Last year.").model_copy(
        update={"at": datetime(2025, 12, 30, 9, tzinfo=timezone.utc)})))
    rel = "sponsees/sam-r/contacts/2025.toml"
    (laptop.ctx.data_dir / rel).parent.mkdir(exist_ok=True)
    copy = (laptop.ctx.data_dir / rel).with_name("2025" + SYNCTHING + ".toml")
    shutil.copy(desktop.ctx.data_dir / rel, copy)
    laptop.reload()
    assert not copy.exists() and tomlio.read_bytes(laptop.ctx.data_dir / rel) == (desktop.ctx.data_dir / rel).read_bytes()
    assert "c-old" in {c.id for c in laptop.iter_contacts("sam-r")}


def test_a_profile_copy_of_another_sponsee_is_never_merged(two):
    laptop, _ = two
    copy = laptop.ctx.data_dir / "sponsees/sam-r/profile (1).toml"
    copy.write_text('schema_version = 1\nid = "ana-l"\nname = "Ana Lopez"\n')
    laptop.reload()
    assert copy.exists() and laptop.record("sam-r").sponsee.name == "Sam Rivera"
    assert "another sponsee" in laptop.sync_problems[0].message


def test_a_save_that_lands_while_a_merge_is_under_way_is_never_overwritten(two, monkeypatch):
    laptop, desktop = two
    desktop.log("sam-r", LogEntry(call("c-d", 13, "Logged on the desktop.")))
    copy = conflict_copy(desktop, laptop, CONTACTS)
    from sponsordesk.store import backup

    made = backup.make_backup

    def save_meanwhile(*args, **kwargs):  # between the merge's reading of the file and its writing
        monkeypatch.setattr(backup, "make_backup", made)
        laptop.log("sam-r", LogEntry(call("c-meanwhile", 14, "Saved while the merge ran.")))
        return made(*args, **kwargs)

    monkeypatch.setattr(backup, "make_backup", save_meanwhile)
    reading = laptop.read()  # as the app's worker does, while the save lands on the UI thread
    assert not laptop.is_current(reading), "a save landed: the app reads again"
    ids = {c.id for c in laptop.iter_contacts("sam-r")}
    assert "c-meanwhile" in ids and copy.exists(), "the file changed: the merge waits for the next reading"
    laptop.apply(laptop.read())
    assert {"c-meanwhile", "c-d"} <= {c.id for c in laptop.iter_contacts("sam-r")} and not copy.exists()


PROFILE = "sponsees/sam-r/profile.toml"


def test_a_kept_version_survives_a_save_of_the_entry_on_the_machine_whose_version_it_is(two):
    """A relapse's new sobriety date kept for the person to choose must not go because that machine saved again.

    The machine whose version was kept counts it among the saves it has
    seen, so its next save (a snooze) counts it too; only a choice may
    retire a kept version, never an ordinary save.
    """
    from datetime import timedelta

    laptop, desktop = two
    laptop.log("sam-r", LogEntry(call("c-r", 10, "Used last night."), new_sobriety=TODAY))
    desktop._change("sam-r", phone="222-0000")
    conflict_copy(laptop, desktop, PROFILE)
    desktop.reload()
    shutil.copy(desktop.ctx.data_dir / PROFILE, laptop.ctx.data_dir / PROFILE)  # the merged file reaches the laptop
    laptop.reload()
    [kept] = desktop.kept_versions()
    assert len(kept.kept.versions) == 2
    relapse_kept = TODAY.isoformat() in str(kept.kept.versions[1].content)
    saver, other = (laptop, desktop) if relapse_kept else (desktop, laptop)  # the machine whose version is kept
    saver.snooze("sam-r", TODAY + timedelta(days=2))  # a save of that entry, before anyone chose
    [kept] = saver.kept_versions()
    assert len(kept.kept.versions) == 2, "the window still offers both"
    path = saver.ctx.data_dir / PROFILE
    path.with_name("profile (1).toml").write_bytes(path.read_bytes())  # its own file met again (a sync tool)
    saver.reload()
    conflict_copy(saver, other, PROFILE)  # and the snoozed file meets the other machine's
    other.reload()
    for desk in (saver, other):
        text = (desk.ctx.data_dir / PROFILE).read_text()
        assert TODAY.isoformat() in text and "222-0000" in text, "both versions are still in the file"
        [kept] = desk.kept_versions()
        assert len(kept.kept.versions) == 2


STEPS = "sponsees/sam-r/steps.toml"


def test_a_steps_versions_are_kept_once_however_often_merged_and_a_choice_clears_them(two):
    laptop, desktop = two
    laptop.step_forward("sam-r", 1)
    desktop.save_step_notes("sam-r", 1, "Notes written on the desktop", shown="")
    for _ in range(3):  # the same copy met again and again (a sync tool that makes it anew)
        conflict_copy(desktop, laptop, STEPS)
        laptop.reload()
    text = (laptop.ctx.data_dir / STEPS).read_text()
    assert text.count("[[conflict]]") == 1, text
    [kept] = laptop.kept_versions()
    laptop.choose_version(kept, 1)
    assert laptop.kept_versions() == [] and "[[conflict]]" not in (laptop.ctx.data_dir / STEPS).read_text()


def test_a_linked_sponsee_folder_is_never_merged_into(two, tmp_path):
    laptop, desktop = two
    outside = tmp_path / "outside"
    shutil.copytree(laptop.ctx.data_dir / "sponsees/sam-r", outside)
    (outside / "profile (1).toml").write_bytes((outside / "profile.toml").read_bytes().replace(b"Sam", b"Sal"))
    before = {p.name: p.read_bytes() for p in outside.iterdir() if p.is_file()}
    shutil.rmtree(laptop.ctx.data_dir / "sponsees/sam-r")
    (laptop.ctx.data_dir / "sponsees/sam-r").symlink_to(outside)
    laptop.reload()  # the app, on start, ctrl+r and focus
    laptop.close()
    from sponsordesk.desk.syncing import merge_now

    merge_now(laptop.ctx)  # `sponsordesk sync`
    assert {p.name: p.read_bytes() for p in outside.iterdir() if p.is_file()} == before, "nothing written through"
