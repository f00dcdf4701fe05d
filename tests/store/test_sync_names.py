"""Every sync tool's name for a conflict copy is known, with the file it copies; other files are not copies."""

import pytest

from sponsordesk.store import Store, layout
from sponsordesk.store.sync_names import copy_of

from tests.conftest import TODAY

COPIES = [
    ("profile.sync-conflict-20261121-101010-7QK2M1A.toml", "profile.toml", "Syncthing"),
    ("2026.sync-conflict-20261121-101010-ABCDEFG.toml", "2026.toml", "Syncthing"),
    ("suggestions (conflicted copy 2026-11-21 101010).toml", "suggestions.toml", "Nextcloud, ownCloud or Dropbox"),
    ("steps (Sam's conflicted copy 2026-11-21).toml", "steps.toml", "Nextcloud, ownCloud or Dropbox"),
    ("profile_conflict-20261121-101010.toml", "profile.toml", "ownCloud or Nextcloud"),
    ("profile-DESKTOP-7QK2M1.toml", "profile.toml", "OneDrive"),
    ("2026-LAPTOP.toml", "2026.toml", "OneDrive"),
    ("steps-Sams-MacBook.toml", "steps.toml", "OneDrive"),
    ("profile (1).toml", "profile.toml", "Google Drive"),
    ("2025 (2).toml", "2025.toml", "Google Drive"),
    ("steps.Conflict.toml", "steps.toml", "Resilio Sync"),
    ("2026 (conflict - unfinished save).toml", "2026.toml", "an interrupted sponsordesk save"),
    ("profile (conflict - unfinished save 2).toml", "profile.toml", "an interrupted sponsordesk save"),
]

NOT_COPIES = ["profile.toml", "2026.toml", "steps.toml~", ".profile.toml.swp", "profile.toml.bak", "notes (1).toml",
              "2026-11.toml", "profile-.toml", "readme.md",
              "steps-archive.toml", "profile-old.toml", "suggestions-v2.toml"]  # a person's own files


@pytest.mark.parametrize("name, original, tool", COPIES)
def test_each_tools_copy_names_the_file_it_copies(name, original, tool):
    found = copy_of(name)
    assert found is not None and (found.original, found.tool) == (original, tool)
    assert layout.is_conflict_name(name), "never loaded as data"


@pytest.mark.parametrize("name", NOT_COPIES)
def test_other_files_are_not_sync_copies(name):
    assert copy_of(name) is None


@pytest.mark.parametrize("name", [*layout.DATA_FILES, layout.CONTACTS, "2026.toml", "1999.toml"])
def test_sponsordesks_own_names_are_never_copies_though_their_look_alikes_are(name):
    """Own names skip the patterns (a start lists thousands); one character more and they are tried again."""
    assert not layout.is_conflict_name(name)
    stem = name.removesuffix(".toml")
    assert layout.is_conflict_name(f"{stem}.sync-conflict-20261121-101010-7QK2M1A{name[len(stem):]}")
    if name.endswith(".toml"):
        assert layout.is_conflict_name(f"{stem} (1).toml")


@pytest.mark.parametrize("name, tool", [("profile-DESKTOP-7QK2M1.toml", "OneDrive"), ("profile (1).toml", "Google Drive"),
                                        ("profile_conflict-20261121-101010.toml", "ownCloud or Nextcloud")])
def test_onedrive_google_drive_and_old_owncloud_copies_are_reported_as_copies_to_merge(data_dir, name, tool):
    folder = layout.sponsee_dir(data_dir, "sam-r")
    folder.mkdir(parents=True)
    (folder / "profile.toml").write_text('schema_version = 1\nid = "sam-r"\nname = "Sam Rivera"\n')
    (folder / name).write_text('schema_version = 1\nid = "sam-r"\nname = "Sam Rivera"\nphone = "555"\n')
    store = Store(data_dir, read_only=True)
    assert [r.id for r in store.load(TODAY)] == ["sam-r"]
    problem = next(p for p in store.problems if p.path.name == name)
    assert f"a sync-conflict copy of profile.toml made by {tool}" in problem.message
    assert "sponsordesk sync" in problem.hint and "move it out" not in problem.hint


def test_the_copy_an_interrupted_save_keeps_is_named_as_a_copy_to_merge():
    """The journal's own name for it (store/journal.py), not a name only the tests used."""
    from sponsordesk.store.sync_names import unfinished_copy

    for n in (1, 2):
        found = copy_of(unfinished_copy("suggestions", ".toml", n))
        assert found is not None and found.original == "suggestions.toml"
