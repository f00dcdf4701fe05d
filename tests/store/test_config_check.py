"""The app's record of config files validated before (store/config_check.py): trusted only for the very bytes
that validated with no problem, and a record that lies, is garbage or is gone never makes a wrong value win."""

from __future__ import annotations

import json
import os

import pytest

from sponsordesk.desk.context import Context
from sponsordesk.model.program import Program
from sponsordesk.model.settings import Settings, TimeFormat
from sponsordesk.store import config_check
from sponsordesk.store.config_check import NAME, ConfigCheck, _seal, from_values, schema_key, values_of
from sponsordesk.store.programs import load_programs, shipped_programs
from sponsordesk.store.settings import load_settings
from sponsordesk.store.themes import load_themes

SETTINGS = b'theme = "sponsordesk-light"\nhide_names = true\ntime_format = "12h"\n\n[cadence]\nunder_90_days = 2\n'


def _settings_file(config_dir):
    path = config_dir / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(SETTINGS)
    return path


def _load(path, cache_dir):
    check = ConfigCheck(cache_dir)
    found = load_settings(path, check)
    check.save(("settings",))
    return found


def _record(cache_dir) -> dict:
    return json.loads((cache_dir / NAME).read_text())


def test_settings_that_validated_are_taken_from_the_record_while_their_bytes_are_the_same(
        config_dir, isolated_folders, validations):
    path, cache = _settings_file(config_dir), isolated_folders["cache"]
    first, problems = _load(path, cache)
    assert problems == [] and validations == ["settings.toml"]
    again, problems = _load(path, cache)
    assert problems == [] and validations == ["settings.toml"], "not validated again"
    assert again == first and again.theme == "sponsordesk-light" and again.hide_names is True
    assert again.time_format is TimeFormat.H12 and again.cadence.under_90_days == 2
    path.write_bytes(SETTINGS.replace(b"= 2", b"= 3"))  # one byte: validated, and that value used
    changed, _ = _load(path, cache)
    assert validations == ["settings.toml"] * 2 and changed.cadence.under_90_days == 3


def test_the_record_holds_no_text_of_the_file(config_dir, isolated_folders):
    path, cache = _settings_file(config_dir), isolated_folders["cache"]
    path.write_bytes(b"# call Sam on Sundays\n" + SETTINGS)
    _load(path, cache)
    assert b"Sam" not in (cache / NAME).read_bytes()
    assert oct((cache / NAME).stat().st_mode & 0o777) == "0o600"


def test_a_file_with_a_problem_is_never_recorded_and_is_reported_at_every_load(
        config_dir, isolated_folders, validations):
    path, cache = _settings_file(config_dir), isolated_folders["cache"]
    path.write_bytes(b"backups_keep = 0\n" + SETTINGS)  # below 1: a warning, the default used
    for _ in range(2):
        found, problems = _load(path, cache)
        assert [(p.line, p.field) for p in problems] == [(1, "backups_keep")] and found.backups_keep == 14
        assert found.theme == "sponsordesk-light", "the rest of the file is used"
    assert validations == ["settings.toml"] * 2
    assert not (cache / NAME).exists() or not any(key.startswith("settings:") for key in _record(cache)["files"])
    path.write_bytes(SETTINGS)  # fixed: recorded; broken again: the entry goes, the file is reported again
    _load(path, cache)
    assert f"settings:{path}" in _record(cache)["files"]
    path.write_bytes(b"backups_keep = 0\n" + SETTINGS)
    assert [p.field for p in _load(path, cache)[1]] == ["backups_keep"]
    assert f"settings:{path}" not in _record(cache)["files"]


def test_values_edited_by_hand_in_the_record_are_not_used(config_dir, isolated_folders, validations):
    path, cache = _settings_file(config_dir), isolated_folders["cache"]
    _load(path, cache)
    record = _record(cache)
    entry = record["files"][f"settings:{path}"]
    entry["values"]["theme"] = "sponsordesk-dusk"  # the digest still matches the file; the seal does not
    (cache / NAME).write_text(json.dumps(record))
    found, _ = _load(path, cache)
    assert found.theme == "sponsordesk-light" and validations == ["settings.toml"] * 2
    assert _record(cache)["files"][f"settings:{path}"]["values"]["theme"] == "sponsordesk-light", "made again"
    _load(path, cache)
    assert len(validations) == 2, "trusted again once made again"


def test_values_that_no_validation_could_give_are_not_used_even_when_sealed(config_dir, isolated_folders, validations):
    path, cache = _settings_file(config_dir), isolated_folders["cache"]
    _load(path, cache)
    where = f"settings:{path}"
    for bad in ({"hide_names": "yes"}, {"backups_keep": 0}, {"time_format": "13h"}, {"cadence": {"x": 1}},
                {"keymap": {"app.help": 2}}, {"milestone_lookahead_days": True}, {"theme": None}):
        record = _record(cache)
        entry = record["files"][where]
        entry["values"] = {**entry["values"], **bad}
        entry["seal"] = _seal(f"{schema_key()}|{where}", entry["digest"], entry["values"])  # a careful forger
        (cache / NAME).write_text(json.dumps(record))
        found, problems = _load(path, cache)
        assert problems == [] and found == from_values(Settings, values_of(found)), bad
        assert found.hide_names is True and found.backups_keep == 14 and found.cadence.under_90_days == 2, bad
    assert len(validations) == 8


@pytest.mark.parametrize("record", [b"{not json", b"[]", b'{"format": 1, "files": []}', b"\xff\xfe", b"",
                                    b'{"format": 1, "files": {"settings:x": 5}}', b"[" * 100_000])
def test_a_garbage_record_is_passed_over_and_made_again(config_dir, isolated_folders, validations, record):
    path, cache = _settings_file(config_dir), isolated_folders["cache"]
    cache.mkdir(parents=True, exist_ok=True)
    (cache / NAME).write_bytes(record)
    found, problems = _load(path, cache)
    assert problems == [] and found.theme == "sponsordesk-light" and validations == ["settings.toml"]
    assert f"settings:{path}" in _record(cache)["files"]


def test_a_deleted_record_or_one_that_is_not_a_file_loses_nothing(config_dir, isolated_folders, validations):
    path, cache = _settings_file(config_dir), isolated_folders["cache"]
    _load(path, cache)
    (cache / NAME).unlink()
    assert _load(path, cache)[0].theme == "sponsordesk-light" and len(validations) == 2
    (cache / NAME).unlink()
    (cache / NAME).mkdir()  # a folder by its name: never a crash, never trusted
    assert _load(path, cache)[0].theme == "sponsordesk-light" and len(validations) == 3
    (cache / NAME).rmdir()
    os.mkfifo(cache / NAME)  # never waited on
    assert _load(path, cache)[0].theme == "sponsordesk-light" and len(validations) == 4


def test_a_record_of_another_version_or_schema_is_not_used(config_dir, isolated_folders, validations, monkeypatch):
    path, cache = _settings_file(config_dir), isolated_folders["cache"]
    _load(path, cache)
    monkeypatch.setattr(config_check, "__version__", "99.0")
    _load(path, cache)
    monkeypatch.setattr(config_check, "SCHEMA_SOURCES", config_check.SCHEMA_SOURCES[1:])  # a module changed
    _load(path, cache)
    assert len(validations) == 3


def test_one_files_entry_never_answers_for_another_with_the_same_bytes(config_dir, isolated_folders, validations):
    path, cache = _settings_file(config_dir), isolated_folders["cache"]
    _load(path, cache)
    other = config_dir / "elsewhere" / "settings.toml"
    other.parent.mkdir()
    other.write_bytes(SETTINGS)
    _load(other, cache)
    assert validations == ["settings.toml"] * 2


def test_programs_and_themes_validated_before_are_the_same_taken_from_the_record(
        config_dir, isolated_folders, validations):
    cache = isolated_folders["cache"]
    mine = config_dir / "programs"
    mine.mkdir(parents=True)
    (mine / "aa.toml").write_text('schema_version = 1\nkey = "AA"\nname = "Alcoholics Anonymous"\nyearly = false\n'
                                  '[[step]]\nnumber = 1\ntitle = "Mine"\nwording = "all of it"\n')
    (mine / "broken.toml").write_text('key = "XA"\nname = "X"\nmilestones = ["3 weeks"]\n')
    theirs = config_dir / "themes"
    theirs.mkdir()
    (theirs / "ocean.toml").write_text('name = "ocean"\n[colors]\nprimary = "#0077be"\n[sponsordesk]\ndue = "#ffcc00"\n'
                                       '[variables]\nfooter-key-foreground = "#0077be 50%"\n')
    found = []
    for _ in range(2):
        check = ConfigCheck(cache)
        loaded, problems = load_programs(mine, check)
        theme_set = load_themes(theirs, None, check, "basic")
        check.save(("program", "theme"))
        assert [p.path.name for p in problems] == ["broken.toml"] and theme_set.problems == []
        found.append((loaded, theme_set.themes))
    assert validations.count("broken.toml") == 2, "a file with a problem is validated every time"
    assert len(validations) == 2 + 2, "the others once (the shipped files come from their own record: store/shipped.py)"
    assert found[0] == found[1]
    loaded, shown = found[1]
    assert loaded["aa"].title(1) == "Mine" and loaded["aa"].title(2) == shipped_programs()["aa"].title(2)
    assert loaded["aa"].yearly is False and shown["ocean"].app_variables()["sd-due"] == "#ffcc00"


def test_a_theme_validated_with_another_colour_check_is_validated_again(config_dir, isolated_folders, validations):
    cache = isolated_folders["cache"]
    theirs = config_dir / "themes"
    theirs.mkdir(parents=True)
    (theirs / "ocean.toml").write_text('name = "ocean"\n[colors]\nprimary = "#0077be"\n')
    for checked_with in ("textual 8.2.8", "textual 8.2.8", "textual 9.0.0"):
        check = ConfigCheck(cache)
        load_themes(theirs, None, check, checked_with)
        check.save(("theme",))
    assert validations == ["ocean.toml"] * 2


def test_the_commands_validate_every_file_and_never_touch_the_record(config_dir, isolated_folders, validations):
    path, cache = _settings_file(config_dir), isolated_folders["cache"]
    Context.build(checked=True)
    before = (cache / NAME).read_bytes()
    count = len(validations)
    ctx = Context.build()  # doctor, today, log, export ...
    assert ctx.config_check is None and ctx.settings.theme == "sponsordesk-light"
    assert len(validations) == 2 * count and (cache / NAME).read_bytes() == before
    assert Context.build(checked=True).programs == ctx.programs and len(validations) == 2 * count, "app: trusted"


def test_values_of_and_from_values_agree_on_every_shipped_program():
    for program in shipped_programs().values():
        assert from_values(Program, json.loads(json.dumps(values_of(program)))) == program
