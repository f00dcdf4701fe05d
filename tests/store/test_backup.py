"""Backups: private snapshots, once a day on start, the last N kept, never loaded as data."""

import stat
import zipfile
from datetime import datetime, timedelta

import pytest

from sponsordesk.desk.context import Context
from sponsordesk.desk import Desk
from sponsordesk.model import Settings
from sponsordesk.store import Store, StoreError, backup, layout
from sponsordesk.store.changes import profile_change

from tests.conftest import TODAY

NOW = datetime(2026, 11, 21, 9, 30)


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_a_backup_is_a_private_zip_of_the_data_and_is_never_loaded_as_a_sponsee(sample_dir):
    path = backup.make_backup(sample_dir, NOW)
    assert path.name == "2026-11-21-093000-manual.zip"
    assert mode(path) == 0o600 and mode(path.parent) == 0o700
    names = zipfile.ZipFile(path).namelist()
    assert "sponsees/sam-r/profile.toml" in names or any(n.endswith("profile.toml") for n in names)
    assert not any(n.startswith(("backups/", ".sponsordesk.lock")) for n in names)
    assert len(Store(sample_dir).load(TODAY)) == 3


def test_daily_backup_on_start_once_a_day_keeping_the_last_n(sample_dir, config_dir):
    for day in range(5):
        clock_now = NOW + timedelta(days=day)
        assert backup.daily_backup(sample_dir, clock_now, keep=3) is not None
        assert backup.daily_backup(sample_dir, clock_now + timedelta(hours=2), keep=3) is None, "once a day"
    days = [b.day.isoformat() for b in backup.list_backups(sample_dir)]
    assert days == ["2026-11-25", "2026-11-24", "2026-11-23"]


def test_opening_the_desk_makes_the_days_backup(sample_dir, config_dir):
    ctx = Context.build(data_dir=sample_dir, config_dir=config_dir, today=TODAY)
    ctx.settings = Settings(backups_keep=2)
    desk = Desk.open(ctx)
    desk.close()
    Desk.open(ctx).close()
    found = backup.list_backups(sample_dir)
    assert [b.reason for b in found] == ["daily"] and found[0].day == TODAY


def test_a_zip_named_like_a_snapshot_on_a_day_that_does_not_exist_is_passed_over(sample_dir, config_dir):
    # strptime refused it with a ValueError the start-up chores did not catch: the notebook did not open
    made = backup.make_backup(sample_dir, NOW)
    (made.parent / "2026-02-30-101010-daily.zip").write_bytes(made.read_bytes())
    assert [b.path for b in backup.list_backups(sample_dir)] == [made]
    assert made.name == "2026-11-21-093000-manual.zip" and backup.list_backups(sample_dir)[0].made == NOW
    desk = Desk.open(Context.build(data_dir=sample_dir, config_dir=config_dir, today=TODAY))
    assert desk.records and not desk.read_only
    desk.close()


def test_an_empty_folder_is_not_backed_up(data_dir):
    assert backup.daily_backup(data_dir, NOW, keep=3) is None


def test_restore_brings_back_the_snapshot_after_saving_the_present(sample_dir):
    store = Store(sample_dir)
    record = store.load(TODAY)[0]
    snapshot = backup.make_backup(sample_dir, NOW)
    store.commit([profile_change(record.sponsee, record.sponsee.model_copy(update={"notes": "written after the backup"}))])
    layout.sponsee_dir(sample_dir, "new-one").mkdir()
    chosen, safety = backup.restore_backup(sample_dir, snapshot.stem, NOW + timedelta(minutes=5), keep=10)
    assert chosen.path == snapshot and safety.name == "2026-11-21-093500-before-restore.zip"
    restored = {r.id: r for r in Store(sample_dir).load(TODAY)}
    assert restored[record.id].sponsee.notes != "written after the backup"
    assert not layout.sponsee_dir(sample_dir, "new-one").exists()
    for path in [sample_dir, *sample_dir.rglob("*")]:
        assert mode(path) & 0o077 == 0, path
    assert not [p for p in sample_dir.iterdir() if p.name.startswith((".restore-", ".replaced-"))]
    # and the restore itself can be undone
    backup.restore_backup(sample_dir, safety.name, NOW + timedelta(minutes=6), keep=10)
    assert {r.id: r for r in Store(sample_dir).load(TODAY)}[record.id].sponsee.notes == "written after the backup"


def test_a_damaged_or_unknown_backup_is_refused_and_nothing_changes(sample_dir):
    before = sorted(p.relative_to(sample_dir) for p in layout.sponsees_dir(sample_dir).rglob("*"))
    with pytest.raises(StoreError, match="no backup named 'nope'.*sponsordesk restore"):
        backup.restore_backup(sample_dir, "nope", NOW, keep=10)
    damaged = backup.make_backup(sample_dir, NOW)
    damaged.write_bytes(b"PK not really")
    with pytest.raises(StoreError, match="not a readable zip"):
        backup.restore_backup(sample_dir, damaged.name, NOW, keep=10)
    evil = backup.backups_dir(sample_dir) / "2026-11-20-100000-manual.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../outside.toml", "x")
    with pytest.raises(StoreError, match="unexpected path"):
        backup.restore_backup(sample_dir, evil.name, NOW, keep=10)
    assert sorted(p.relative_to(sample_dir) for p in layout.sponsees_dir(sample_dir).rglob("*")) == before
    assert not (sample_dir.parent / "outside.toml").exists()
