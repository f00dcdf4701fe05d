"""The summary cache speeds start-up and is never trusted over the files it summarises."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from bench.generate import generate
from sponsordesk.store import ConflictError, Store, layout
from sponsordesk.store.summary_cache import MARGIN_DAYS, SummaryCache, cache_file

from tests.conftest import TODAY


def cached_store(data: Path, cache: Path) -> Store:
    store = Store(data)
    store.summary_cache = SummaryCache(cache, data)
    return store


def summary(records) -> list:
    return [(r.sponsee, r.steps, r.suggestions, [c.model_dump() for c in r.recent]) for r in records]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    generate(tmp_path / "data", sponsees=6, contacts=400, seed=2)
    return tmp_path / "data"


def test_a_cached_start_shows_exactly_what_the_files_say(data, tmp_path):
    truth = summary(Store(data).load(TODAY))
    first = cached_store(data, tmp_path / "cache")
    assert summary(first.load(TODAY)) == truth
    assert cache_file(tmp_path / "cache", data).exists()
    second = cached_store(data, tmp_path / "cache")
    assert summary(second.load(TODAY)) == truth and second.problems == []


def test_other_days_match_an_uncached_load(data, tmp_path):
    cached_store(data, tmp_path / "cache").load(TODAY)
    for days in (1, 7, MARGIN_DAYS, 400, -MARGIN_DAYS, -MARGIN_DAYS - 30):
        day = TODAY + timedelta(days=days)
        assert summary(cached_store(data, tmp_path / "cache").load(day)) == summary(Store(data).load(day)), days


def test_unchanged_files_are_not_parsed_again_even_months_later(data, tmp_path, monkeypatch):
    from sponsordesk.store import tomlio

    cached_store(data, tmp_path / "cache").load(TODAY)
    monkeypatch.setattr(tomlio, "parse", lambda data: pytest.fail("a file was parsed"))
    assert len(cached_store(data, tmp_path / "cache").load(TODAY + timedelta(days=200))) == 6


def test_an_edit_outside_sponsordesk_wins_over_the_cache(data, tmp_path):
    cached_store(data, tmp_path / "cache").load(TODAY)
    sponsee_id = Store(data).sponsee_ids()[0]
    path = layout.profile_path(data, sponsee_id)
    before = path.stat()
    text = path.read_text()
    name = text.split('name = "')[1].split('"')[0]
    path.write_text(text.replace(f'name = "{name}"', f'name = "{name[::-1]}"'))  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same mtime
    records = cached_store(data, tmp_path / "cache").load(TODAY)
    assert next(r for r in records if r.id == sponsee_id).sponsee.name == name[::-1]


def test_a_new_contact_file_is_seen(data, tmp_path):
    store = cached_store(data, tmp_path / "cache")
    store.load(TODAY)
    sponsee_id = store.sponsee_ids()[0]
    year = store.contact_years(sponsee_id)[0]
    src = layout.contacts_path(data, sponsee_id, year)
    (src.parent / f"{TODAY.year + 1}.toml").write_bytes(src.read_bytes().replace(f"{year}-".encode(), f"{TODAY.year + 1}-".encode()))
    day = TODAY
    assert summary(cached_store(data, tmp_path / "cache").load(day)) == summary(Store(data).load(day))


def test_deleting_or_damaging_the_cache_loses_nothing(data, tmp_path):
    truth = summary(Store(data).load(TODAY))
    cached_store(data, tmp_path / "cache").load(TODAY)
    path = cache_file(tmp_path / "cache", data)
    path.write_text('{"format": 1, "sponsees": {"x": 1}')
    assert summary(cached_store(data, tmp_path / "cache").load(TODAY)) == truth
    path.unlink()
    assert summary(cached_store(data, tmp_path / "cache").load(TODAY)) == truth


def test_the_cache_holds_every_field_of_a_record():
    from sponsordesk.store.summary_cache import record_fields_known

    # A new SponseeRecord field switches the cache off; teach summary_cache.py the field, then bump FORMAT.
    assert record_fields_known()


def test_problems_are_reported_on_every_start(data, tmp_path):
    sponsee_id = Store(data).sponsee_ids()[0]
    steps = layout.steps_path(data, sponsee_id)
    steps.write_text("surprise = 1\n" + steps.read_text())
    for _ in range(2):
        store = cached_store(data, tmp_path / "cache")
        store.load(TODAY)
        assert any(p.field == "surprise" for p in store.problems)


def test_saves_after_a_cached_start_still_refuse_to_overwrite_outside_edits(data, tmp_path):
    cached_store(data, tmp_path / "cache").load(TODAY)
    store = cached_store(data, tmp_path / "cache")
    record = store.load(TODAY)[0]
    store.save_sponsee(record.sponsee.model_copy(update={"notes": "saved from a cached start"}))
    path = layout.profile_path(data, record.id)
    path.write_text(path.read_text() + "\n# edited elsewhere\n")
    with pytest.raises(ConflictError):
        store.save_sponsee(record.sponsee.model_copy(update={"notes": "again"}))


def test_a_reload_in_the_same_process_sees_an_edit(data, tmp_path):
    store = cached_store(data, tmp_path / "cache")
    store.load(TODAY)
    sponsee_id = store.sponsee_ids()[0]
    path = layout.profile_path(data, sponsee_id)
    path.write_text(path.read_text().replace('phone = "', 'phone = "call ', 1))
    record = next(r for r in store.load(TODAY) if r.id == sponsee_id)
    assert record.sponsee.phone.startswith("call ")
