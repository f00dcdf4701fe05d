"""A folder of the data folder that is a link is never read, saved, backed up or restored through.

Found by a review: with sponsees/ a link, every sponsee loaded and every save went through it, while every
backup was an empty zip reported as a success, and a restore took the link away, leaving an empty notebook
whose before-restore snapshot was empty too.
"""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from sponsordesk.cli import main
from sponsordesk.model import Contact
from sponsordesk.store import Store, StoreError, backup, layout
from sponsordesk.store.changes import contact_changes

from tests.conftest import TODAY


def run(capsys, *argv):
    code = main(["--today", TODAY.isoformat(), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def linked(demo_dir, tmp_path):
    """The demo notebook, its sponsees/ moved elsewhere and a link left in its place; returns (data, away)."""
    away = tmp_path / "elsewhere"
    shutil.move(str(demo_dir / "sponsees"), away)
    (demo_dir / "sponsees").symlink_to(away, target_is_directory=True)
    return demo_dir, away


def _files(folder):
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_linked_sponsees_folder_is_not_loaded_and_says_why(linked):
    data, _ = linked
    store = Store(data)
    assert store.load(TODAY) == []
    (problem,) = [p for p in store.problems if p.path == data / "sponsees"]
    assert "a link to another place" in problem.message and "in place of the link" in problem.hint


def test_no_save_goes_through_a_linked_folder(linked):
    data, away = linked
    before = _files(away)
    with pytest.raises(StoreError, match="sponsees is a link to another place.*was not saved"):
        Store(data).commit(contact_changes("luis-r", None, Contact(id="c-x", at=datetime(2026, 11, 20, 9).astimezone(),
                                                                   summary="through the link")))
    assert _files(away) == before


def test_no_save_goes_through_a_linked_contacts_folder(demo_dir, tmp_path):
    away = tmp_path / "contacts-elsewhere"
    contacts = layout.contacts_dir(demo_dir, "luis-r")
    shutil.move(str(contacts), away)
    contacts.symlink_to(away, target_is_directory=True)
    before = _files(away)
    with pytest.raises(StoreError, match="contacts is a link"):
        Store(demo_dir).commit(contact_changes("luis-r", None, Contact(
            id="c-x", at=datetime(2026, 11, 20, 9).astimezone(), summary="through the link")))
    assert _files(away) == before


def test_backup_and_restore_refuse_a_linked_sponsees_folder_and_change_nothing(linked, capsys):
    data, away = linked
    code, out, err = run(capsys, "backup")
    assert code == 1 and "sponsees/ is a link" in err and "not backed up" in err and "Backed up" not in out
    assert not backup.list_backups(data), "no empty zip passed off as a backup"
    assert backup.daily_backup(data, datetime(2026, 11, 21, 9), 3) is None
    # a backup made while the folder was real, then restored over the link
    (data / "sponsees").unlink()
    shutil.move(str(away), data / "sponsees")
    made = backup.make_backup(data, datetime(2026, 11, 21, 8))
    shutil.move(str(data / "sponsees"), away)
    (data / "sponsees").symlink_to(away, target_is_directory=True)
    before = _files(away)
    code, _, err = run(capsys, "restore", made.stem)
    assert code == 1 and "not restored" in err
    assert (data / "sponsees").is_symlink() and _files(away) == before
    code, out, _ = run(capsys, "doctor")
    assert code == 1 and "a link to another place" in out
