"""The start-up chores list the data folder once for the temp files and the permission check."""

import os
from datetime import datetime

from sponsordesk.store import Store, backup, layout, startup, store as store_module, tomlio

from sponsordesk.model import Sponsee

from tests.seed import put_profile

NOW = datetime(2026, 11, 21, 9)


def _folder_with_a_leftover_and_a_loose_file(data_dir):
    put_profile(Store(data_dir), Sponsee(id="sam-r", name="Sam Rivera", program="AA"))
    folder = layout.sponsee_dir(data_dir, "sam-r")
    leftover = folder / f"profile.toml.123{tomlio.TEMP_SUFFIX}"
    leftover.write_text("half a save")
    loose = folder / "notes.txt"
    loose.write_text("mine")
    os.chmod(loose, 0o644)
    return leftover, loose


def _walks(monkeypatch) -> list[str]:
    """The roots of the whole-folder listings (``tree_paths``) made from now on."""
    walked: list[str] = []
    real = store_module.tree_paths

    def counting(root, skip=frozenset()):
        walked.append(str(root))
        return real(root, skip)

    monkeypatch.setattr(store_module, "tree_paths", counting)
    monkeypatch.setattr(startup, "tree_paths", counting)
    return walked


def test_one_walk_removes_the_leftover_and_finds_the_loose_file(data_dir, monkeypatch):
    leftover, loose = _folder_with_a_leftover_and_a_loose_file(data_dir)
    backup.daily_backup(data_dir, NOW, keep=5)  # today's is made: this start makes none
    walked = _walks(monkeypatch)
    found = startup.start_writing(Store(data_dir), NOW, keep=5)
    assert walked == [str(data_dir)]
    assert not leftover.exists()
    assert any("readable by other users" in p.message for p in found.problems)
    assert loose.read_text() == "mine"


def test_the_apps_opening_leaves_the_permission_check_for_later_with_its_listing(data_dir, monkeypatch):
    leftover, loose = _folder_with_a_leftover_and_a_loose_file(data_dir)
    backup.daily_backup(data_dir, NOW, keep=5)
    walked = _walks(monkeypatch)
    checked: list[int] = []
    real = startup.private_dir_problems
    monkeypatch.setattr(startup, "private_dir_problems", lambda root, tree: checked.append(1) or real(root, tree))
    opening = startup.start_writing(Store(data_dir), NOW, keep=5, check_permissions=False)
    assert walked == [str(data_dir)] and not leftover.exists(), "the temp files still go before anything writes"
    assert checked == [] and not opening.problems, "no stat of every file before the first reading"
    assert opening.tree is not None and str(loose) in opening.tree
    found = startup.loose_permissions(data_dir, opening.tree)
    assert walked == [str(data_dir)], "the chores' listing, not a second one"
    assert [p.message for p in found] == ["1 file or folder here is readable by other users"]
    assert loose.read_text() == "mine"
    assert startup.loose_permissions(data_dir) == found and walked.count(str(data_dir)) == 2, "None: listed again"


def test_a_start_that_makes_the_days_backup_checks_it_too(data_dir, monkeypatch):
    _folder_with_a_leftover_and_a_loose_file(data_dir)
    walked = _walks(monkeypatch)
    startup.start_writing(Store(data_dir), NOW, keep=5)
    made = backup.list_backups(data_dir)
    assert [b.day for b in made] == [NOW.date()]
    assert walked.count(str(data_dir)) == 2, "listed again after the backup, so the new file is checked"
    assert tomlio.is_private(made[0].path)


def test_a_link_to_a_folder_named_like_a_temp_file_is_not_removed(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = tmp_path / "data"
    Store(root).ensure_root()
    link = root / f"notes{tomlio.TEMP_SUFFIX}"
    os.symlink(elsewhere, link)
    startup.start_writing(Store(root), NOW, keep=5)
    assert os.path.lexists(link), "only files a save left are temp files"


def test_the_data_folder_itself_is_never_taken_for_a_temp_file(tmp_path):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    root = tmp_path / f"notebook{tomlio.TEMP_SUFFIX}"
    os.symlink(real, root)
    Store(root).ensure_root()
    startup.start_writing(Store(root), NOW, keep=5)
    assert os.path.lexists(root)


def test_a_restore_that_fails_half_way_still_has_what_it_moved_checked(tmp_path, monkeypatch):
    import shutil
    from pathlib import Path

    root = tmp_path / "data"
    Store(root).ensure_root()
    staging, replaced = root / ".restore-x", root / ".replaced-x"
    (staging / "sponsees" / "sam-r").mkdir(parents=True)
    for folder in (staging, staging / "sponsees", staging / "sponsees" / "sam-r"):
        os.chmod(folder, 0o700)
    replaced.mkdir(mode=0o700)
    loose = staging / "sponsees" / "sam-r" / "profile.toml"
    loose.write_text('schema_version = 1\nid = "sam-r"\nname = "Sam Rivera"\nprogram = "AA"\n')
    os.chmod(loose, 0o644)
    backup.make_backup(root, NOW.replace(hour=8), backup.DAILY)  # today's is made: this start makes none
    real_rmtree = shutil.rmtree

    def failing(path, *args, **kwargs):
        if Path(path).name.startswith(".replaced-"):
            raise PermissionError(13, "Permission denied")
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(backup.shutil, "rmtree", failing)
    found = startup.start_writing(Store(root), NOW, keep=5)
    assert (root / "sponsees" / "sam-r" / "profile.toml").exists(), "moved in before the restore failed"
    assert any("readable by other users" in p.message for p in found.problems)


# ------------------------------------------------------------ whether the chores wrote (the app's first reading)


def _quiet_folder(data_dir) -> None:
    """A sponsee and today's backup: a start with nothing to do."""
    put_profile(Store(data_dir), Sponsee(id="sam-r", name="Sam Rivera", program="AA"))
    backup.daily_backup(data_dir, NOW, keep=5)


def test_a_start_with_nothing_to_do_says_it_wrote_nothing(data_dir):
    _quiet_folder(data_dir)
    assert not startup.start_writing(Store(data_dir), NOW, keep=5).wrote


def test_a_leftover_temp_file_removed_is_a_write(data_dir):
    """Even one under backups/ (a backup cut short), which no index signs: the glance could not see it go."""
    _quiet_folder(data_dir)
    (backup.backups_dir(data_dir) / f"2026-11-20-090000-daily.zip.1{tomlio.TEMP_SUFFIX}").write_bytes(b"half")
    assert startup.start_writing(Store(data_dir), NOW, keep=5).wrote


def test_the_days_backup_is_a_write(data_dir):
    put_profile(Store(data_dir), Sponsee(id="sam-r", name="Sam Rivera", program="AA"))
    assert startup.start_writing(Store(data_dir), NOW, keep=5).wrote


def test_an_interrupted_save_finished_is_a_write(data_dir):
    from tests.store.test_journal import _pending

    _pending(data_dir)
    backup.daily_backup(data_dir, NOW, keep=5)
    found = startup.start_writing(Store(data_dir), NOW, keep=5)
    assert found.wrote and found.notices
