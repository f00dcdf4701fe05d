"""Older files are upgraded after a backup; newer ones open read-only."""

import zipfile
from datetime import datetime

import pytest

from sponsordesk.desk.context import Context
from sponsordesk.desk import Desk
from sponsordesk.store import Store, backup, layout, migrate

from tests.conftest import TODAY

OLD_PROFILE = 'schema_version = 0\nid = "sam-r"\nfull_name = "Sam Rivera"\nprogram = "AA"\n'


@pytest.fixture
def zero_to_one(monkeypatch):
    """A pretend version 0 that called the name 'full_name'."""
    def rename(raw, kind):
        if kind == "profile" and "full_name" in raw:
            raw["name"] = raw.pop("full_name")
        return raw
    monkeypatch.setitem(migrate.MIGRATIONS, 0, rename)


def write_old(data_dir):
    path = layout.profile_path(data_dir, "sam-r")
    path.parent.mkdir(parents=True)
    path.write_text(OLD_PROFILE)
    return path


def test_opening_the_app_backs_up_then_upgrades_older_files(data_dir, config_dir, zero_to_one):
    path = write_old(data_dir)
    desk = Desk.open(Context.build(data_dir=data_dir, config_dir=config_dir, today=TODAY))
    desk.close()
    assert [r.sponsee.name for r in desk.records] == ["Sam Rivera"]
    text = path.read_text()
    assert "schema_version = 1" in text and 'name = "Sam Rivera"' in text and "full_name" not in text
    first = backup.list_backups(data_dir)[-1]
    assert first.reason == "before-migration"
    assert zipfile.ZipFile(first.path).read("sponsees/sam-r/profile.toml").decode() == OLD_PROFILE
    assert any("Upgraded 1 file to" in n and first.name in n for n in desk.notices)


def test_a_read_only_window_upgrades_in_memory_only(data_dir, zero_to_one):
    path = write_old(data_dir)
    records = Store(data_dir, read_only=True).load(TODAY)
    assert records[0].sponsee.name == "Sam Rivera" and path.read_text() == OLD_PROFILE


def test_a_version_nothing_can_upgrade_is_reported_and_left_alone(data_dir, config_dir):
    path = write_old(data_dir)
    desk = Desk.open(Context.build(data_dir=data_dir, config_dir=config_dir, today=TODAY))
    desk.close()
    assert desk.records == [] and path.read_text() == OLD_PROFILE
    problem = next(p for p in desk.problems if p.path == path and p.severity == "error")
    assert "schema_version 0 is older" in problem.message and problem.field == "schema_version"


def test_migrate_folder_does_nothing_when_all_is_current(sample_dir):
    result = migrate.migrate_folder(sample_dir, datetime(2026, 11, 21, 9), keep=5)
    assert result.backup is None and result.migrated == [] and backup.list_backups(sample_dir) == []


def test_pending_reads_only_the_top_of_a_long_contacts_file(data_dir, monkeypatch):
    path = layout.contacts_path(data_dir, "sam-r", 2026)
    path.parent.mkdir(parents=True)
    contacts = "".join(f'\n[[contact]]\nid = "c-{n}"\nat = 2026-01-02T10:00:00Z\nsummary = "x"\n' for n in range(300))
    path.write_text("# sponsordesk contacts\nschema_version = 0\n" + contacts)
    parsed: list[int] = []
    real = migrate.tomlio.parse
    monkeypatch.setattr(migrate.tomlio, "parse", lambda data: (parsed.append(len(data)), real(data))[1])
    assert migrate.pending(data_dir) == [path]
    assert max(parsed, default=0) < 100  # the head only, or (for a plain head) no parse at all
    path.write_text("schema_version = 1\n" + contacts)
    assert migrate.pending(data_dir) == []


def test_pending_reads_the_whole_file_when_a_table_line_hides_in_a_long_string(data_dir):
    path = write_old(data_dir)
    path.write_text('notes = """\n[not a table]\n"""\n' + OLD_PROFILE)
    assert migrate.pending(data_dir) == [path]
    path.write_text('notes = """\n[not a table]\n"""\n' + OLD_PROFILE.replace("= 0", "= 1"))
    assert migrate.pending(data_dir) == []


def test_with_no_upgrade_registered_a_start_makes_no_backup_for_an_older_file(data_dir, config_dir):
    write_old(data_dir)
    assert not migrate.MIGRATIONS, "this sponsordesk has no format upgrades yet"
    assert migrate.migrate_folder(data_dir, datetime(2026, 11, 21, 9), keep=5) == migrate.MigrationResult()
    desk = Desk.open(Context.build(data_dir=data_dir, config_dir=config_dir, today=TODAY))
    desk.close()
    assert all(b.reason != "before-migration" for b in backup.list_backups(data_dir))
    assert any("schema_version 0 is older" in p.message for p in desk.problems), "still reported when read"
