"""`sponsordesk sync`, `sponsordesk merge-file` and what `doctor` says about copies and kept versions."""

from __future__ import annotations

import shutil

from sponsordesk.cli import main
from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.store import layout
from sponsordesk.store.lock import DataLock

from tests.conftest import TODAY

DAY = ["--today", TODAY.isoformat()]
COPY = "2026.sync-conflict-20261121-101010-7QK2M1A.toml"


def other_machine(tmp_path, demo_dir, config_dir) -> Desk:
    """A second machine with the same notebook (its own folder and machine id)."""
    shutil.copytree(demo_dir, tmp_path / "other")
    return Desk.open(Context.build(data_dir=tmp_path / "other", today=TODAY, config_dir=config_dir,
                                   cache_dir=tmp_path / "other-cache"))


def test_sync_merges_every_copy_and_says_what_it_took(demo_dir, config_dir, tmp_path, capsys):
    other = other_machine(tmp_path, demo_dir, config_dir)
    from sponsordesk.rules.followthrough import LogEntry
    from sponsordesk.model import Contact

    other.log("marcus-b", LogEntry(Contact(id="c-other", at=other.ctx.clock.at(TODAY, 7), summary="Elsewhere")))
    other.close()
    target = layout.contacts_path(demo_dir, "marcus-b", 2026)
    shutil.copy(layout.contacts_path(tmp_path / "other", "marcus-b", 2026), target.with_name(COPY))
    assert main([*DAY, "sync"]) == 0
    out = capsys.readouterr().out
    assert "merged      sponsees/marcus-b/contacts/2026.toml" in out and "1 entry from the other machine" in out
    assert "before-sync.zip" in out and not target.with_name(COPY).exists()
    assert main([*DAY, "sync"]) == 0 and "No sync conflict copies" in capsys.readouterr().out


def test_sync_names_an_entry_changed_on_both_machines_as_both_versions_kept(demo_dir, capsys):
    profile = layout.profile_path(demo_dir, "marcus-b")
    text = profile.read_text()
    profile.with_name("profile.sync-conflict-20261121-101010-7QK2M1A.toml").write_text(
        text.replace('phone = "555-0142"', 'phone = "555-0999"'))
    profile.write_text(text.replace('phone = "555-0142"', 'phone = "555-0100"'))
    assert main([*DAY, "sync"]) == 0
    out = capsys.readouterr().out
    # it read "kept both the profile"
    assert "kept both versions of the profile: changed on both machines; choose one in the app" in out


def test_sync_is_refused_while_the_app_has_the_folder_and_changes_nothing(demo_dir, capsys):
    copy = layout.contacts_path(demo_dir, "marcus-b", 2026).with_name(COPY)
    shutil.copy(layout.contacts_path(demo_dir, "marcus-b", 2026), copy)
    lock = DataLock(demo_dir)
    assert lock.acquire()
    try:
        assert main([*DAY, "sync"]) == 1
    finally:
        lock.release()
    assert "merges sync copies itself" in capsys.readouterr().err and copy.exists()


def test_a_copy_that_cannot_be_merged_is_listed_with_why_and_the_exit_says_so(demo_dir, capsys):
    bad = layout.profile_path(demo_dir, "marcus-b").with_name("profile (1).toml")
    bad.write_text("schema_version = 1\nid = [\n")
    assert main([*DAY, "sync"]) == 1
    out = capsys.readouterr().out
    assert "not merged  sponsees/marcus-b/profile (1).toml" in out and "not valid TOML" in out and bad.exists()


def test_doctor_calls_a_google_drive_copy_a_copy_to_merge_never_a_file_to_move_out(demo_dir, capsys):
    copy = layout.profile_path(demo_dir, "marcus-b").with_name("profile (1).toml")
    shutil.copy(layout.profile_path(demo_dir, "marcus-b"), copy)
    assert main([*DAY, "doctor"]) == 1
    out = capsys.readouterr().out
    block = next(b for b in out.split("\n\n") if "profile (1).toml" in b)
    assert "sync-conflict copy of profile.toml made by Google Drive" in block and "sponsordesk sync" in block
    assert "not a sponsordesk file" not in out and "move it out" not in block


def test_merge_file_merges_two_versions_over_their_base_in_place(tmp_path, capsys):
    base = tmp_path / "base.toml"
    ours = tmp_path / "ours.toml"
    theirs = tmp_path / "theirs.toml"
    head = 'schema_version = 1\n\n[[contact]]\nid = "c-1"\nat = 2026-11-20T19:00:00Z\nsummary = "One"\n'
    base.write_text(head)
    ours.write_text("# mine\n" + head + '\n[[contact]]\nid = "c-2"\nat = 2026-11-21T08:00:00Z\nsummary = "Two"\n')
    theirs.write_text(head + '\n[[contact]]\nid = "c-3"\nat = 2026-11-21T09:00:00Z\nsummary = "Three"\n')
    assert main(["merge-file", str(base), str(ours), str(theirs), "sponsees/sam-r/contacts/2026.toml"]) == 0
    text = ours.read_text()
    assert text.startswith("# mine\n") and all(f'id = "c-{n}"' in text for n in (1, 2, 3))


def test_setup_git_outside_a_repository_says_what_to_do(data_dir, capsys):
    data_dir.mkdir()
    assert main(["sync", "--setup-git"]) == 1
    assert "not in a git repository; run `git init` there first" in capsys.readouterr().err
