"""The facts cache speeds start-up, holds no words, and is never trusted over the files it was made from."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from bench.generate import generate
from sponsordesk.desk.context import Context
from sponsordesk.model import ContactFacts
from sponsordesk.store import ConflictError, Store, layout
from sponsordesk.store.changes import profile_change
from sponsordesk.store.facts_cache import MARGIN_DAYS, FactsCache, cache_file, remove_legacy

from tests.conftest import TODAY


def cached_store(data: Path, cache: Path) -> Store:
    store = Store(data)
    store.facts_cache = FactsCache(cache, data)
    return store


def summary(records) -> list:
    return [(r.sponsee, r.steps, r.suggestions, r.recent) for r in records]


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


def test_unchanged_contact_files_are_not_parsed_again_even_months_later(data, tmp_path, monkeypatch):
    from sponsordesk.store import tomlio

    cached_store(data, tmp_path / "cache").load(TODAY)
    parse = tomlio.parse

    def only_small_files(data: bytes):
        assert b"[[contact]]" not in data, "a contacts file was parsed"
        return parse(data)

    monkeypatch.setattr(tomlio, "parse", only_small_files)
    assert len(cached_store(data, tmp_path / "cache").load(TODAY + timedelta(days=200))) == 6


def test_records_hold_contact_facts_without_words_cached_or_not(data, tmp_path):
    cached_store(data, tmp_path / "cache").load(TODAY)
    for store in (Store(data), cached_store(data, tmp_path / "cache")):
        recent = [c for r in store.load(TODAY) for c in r.recent]
        assert recent and all(type(c) is ContactFacts for c in recent)
        assert not any(hasattr(c, "summary") or hasattr(c, "meeting_notes") for c in recent)


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


def test_a_same_size_same_mtime_edit_to_a_contact_is_seen(data, tmp_path):
    cached_store(data, tmp_path / "cache").load(TODAY)
    store = Store(data)
    sponsee_id = next(r.id for r in store.load(TODAY) if r.recent)
    year = store.contact_years(sponsee_id)[0]
    path = layout.contacts_path(data, sponsee_id, year)
    before = path.stat()
    text = path.read_text()
    assert "relapse = false" in text
    path.write_text(text[::-1].replace("eslaf = espaler", "eurt  = espaler", 1)[::-1])  # the newest: same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    truth = summary(Store(data).load(TODAY))
    assert any(c.relapse for r in Store(data).load(TODAY) if r.id == sponsee_id for c in r.recent)
    assert summary(cached_store(data, tmp_path / "cache").load(TODAY)) == truth


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


def test_the_cache_folder_holds_no_name_note_summary_or_phone(data, tmp_path):
    from sponsordesk.store.store import SponseeRecord

    truth = Store(data)
    records: list[SponseeRecord] = truth.load(TODAY)
    cache = tmp_path / "private-cache"
    for _ in range(2):  # the first start writes the cache, the second reads it; wired as the app wires it
        store = Context.build(data_dir=data, today=TODAY, cache_dir=cache).store()
        assert store.facts_cache is not None
        assert summary(store.load(TODAY)) == summary(records)
    words: set[str] = set()
    for r in records:
        s = r.sponsee
        words |= {s.name, s.id, s.phone, s.reach, s.home_group, s.notes, s.status.reason or ""}
        words |= {part for part in s.name.split()}
        words |= {d.note for d in s.sobriety if d.note}
        words |= {step.notes for step in r.steps.step} | {a.text for step in r.steps.step for a in step.assignment}
        words |= {x.text for x in r.suggestions} | {x.outcome for x in r.suggestions}
        words |= {c.summary for c in truth.iter_contacts(r.id)} | {c.meeting_notes for c in truth.iter_contacts(r.id)}
    words = {w for w in words if w and len(w) >= 3}
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert files and len(words) > 40
    for path in files:
        data = path.read_bytes()  # as written: "tom" is in ".toml", "Tom" is a name; ids are the slugs
        found = [w for w in words if w.encode() in data or w.encode("unicode_escape") in data]
        assert not found, f"{path.name} holds {found[:3]}"
    for path in [cache, *cache.rglob("*")]:
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path


def test_an_older_cache_with_words_in_it_is_removed(tmp_path):
    old = tmp_path / "cache" / "parsed" / "abc"
    old.mkdir(parents=True)
    (old / "x.json").write_text('{"summary": "Talked through a rough day"}')
    remove_legacy(tmp_path / "cache")
    assert not (tmp_path / "cache" / "parsed").exists()


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
    saved = record.sponsee.model_copy(update={"notes": "saved from a cached start"})
    store.commit([profile_change(record.sponsee, saved)])
    path = layout.profile_path(data, record.id)
    path.write_text(path.read_text().replace("saved from a cached start", "edited elsewhere"))
    with pytest.raises(ConflictError):
        store.commit([profile_change(saved, saved.model_copy(update={"notes": "again"}))])
    assert "edited elsewhere" in path.read_text()


def test_a_reload_in_the_same_process_sees_an_edit(data, tmp_path):
    store = cached_store(data, tmp_path / "cache")
    store.load(TODAY)
    sponsee_id = store.sponsee_ids()[0]
    path = layout.profile_path(data, sponsee_id)
    path.write_text(path.read_text().replace('phone = "', 'phone = "call ', 1))
    record = next(r for r in store.load(TODAY) if r.id == sponsee_id)
    assert record.sponsee.phone.startswith("call ")


def test_contact_facts_are_every_contact_field_but_the_words():
    from sponsordesk.model import Contact

    # A new Contact field is either words (add it here, it stays out of the cache) or a fact
    # (add it to ContactFacts and the cache row, and bump facts_cache.FORMAT).
    words = {"summary", "meeting_notes"}
    assert set(ContactFacts._fields) == set(Contact.model_fields) - words


def test_temp_files_left_by_killed_runs_are_removed_and_a_fresh_one_is_kept(demo_dir, tmp_path):
    cache = tmp_path / "cache"
    cached_store(demo_dir, cache).load(TODAY)
    folder = cache_file(cache, demo_dir).parent
    stale, fresh = folder / ".x.json.dead0001.sdtmp", folder / ".x.json.live0002.sdtmp"
    stale.write_bytes(b"{")
    fresh.write_bytes(b"{")
    os.utime(stale, (1, 1))
    cached_store(demo_dir, cache).load(TODAY)
    assert not stale.exists() and fresh.exists(), "a young one may be another run's, mid-write"


def test_the_cache_never_changes_an_answer_when_the_time_zone_changes(data_dir, tmp_path, zone):
    folder = data_dir / "sponsees" / "sam-r"
    (folder / "contacts").mkdir(parents=True)
    (folder / "profile.toml").write_text('schema_version = 1\nid = "sam-r"\nname = "Sam Rivera"\n')
    (folder / "contacts" / "2026.toml").write_text(
        'schema_version = 1\n\n[[contact]]\nid = "c-1"\nat = 2026-11-20T23:30:00\nkind = "call"\n')
    cache = tmp_path / "cache"
    zone("America/Los_Angeles")
    assert cached_store(data_dir, cache).load(TODAY)[0].recent[0].day.isoformat() == "2026-11-20"
    zone("Pacific/Auckland")
    uncached = Store(data_dir).load(TODAY)[0].recent[0].day
    assert cached_store(data_dir, cache).load(TODAY)[0].recent[0].day == uncached


def test_a_reading_that_leaves_everyone_for_later_does_not_open_the_cache_and_forgets_no_entry(data, tmp_path,
                                                                                             monkeypatch):
    cache = tmp_path / "cache"
    cached_store(data, cache).load(TODAY)  # every sponsee read: an entry each
    kept = cache_file(cache, data).read_bytes()
    opened: list[int] = []
    real = FactsCache._open
    monkeypatch.setattr(FactsCache, "_open", lambda self: opened.append(1) or real(self))
    store = cached_store(data, cache)
    for folder_id in store.sponsee_ids():  # as the app's start does when the index answers for all of them
        store.facts_cache.keep(store, folder_id)
    store.facts_cache.finish()
    assert opened == [], "nothing read the cache: it is not opened (a megabyte of JSON at 1,000 sponsees)"
    assert cache_file(cache, data).read_bytes() == kept
    # a reading that does open it, leaving one sponsee for later: that one's entry is kept, not forgotten
    store = cached_store(data, cache)
    first, *rest = store.sponsee_ids()
    store.facts_cache.keep(store, first)
    for folder_id in rest:
        store.facts_cache.recent(store, folder_id, TODAY - timedelta(days=91))
    store.facts_cache.finish()
    assert opened and cache_file(cache, data).read_bytes() == kept, "every entry still there, none rewritten"
