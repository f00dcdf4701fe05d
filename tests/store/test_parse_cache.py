"""The parse cache gives exactly what the TOML parser gives, and only for the bytes it was made from."""

from __future__ import annotations

import math
import stat
import tomllib
from datetime import datetime
from pathlib import Path

import pytest

from sponsordesk.store import Store, layout
from sponsordesk.store.parse_cache import ParseCache, dumps, loads

from tests.conftest import TODAY

TRICKY = '''
schema_version = 1
"odd key" = "line\\nbreak, tab\\t, é, 🙂"
big = 9223372036854775807
ratio = 0.1
forever = inf
flags = [true, false]
[[contact]]
id = "c-1"
at = 2026-11-20T19:30:00-05:00
utc = 2026-11-20T19:30:00Z
local = 2026-11-20T19:30:00.123456
day = 2026-11-20
clock = 07:45:00
nested = { deep = [1, 2, { at = 1999-12-31 }] }
''' + "\n".join(f'[[contact]]\nid = "c-{n}"\nsummary = "{"x" * 60}"' for n in range(2, 80))


def contacts_file(root: Path, text: str) -> Path:
    path = layout.contacts_path(root, "sam-r", 2026)
    path.parent.mkdir(parents=True)
    path.write_text(text)
    return path


def test_every_toml_value_comes_back_the_same():
    parsed = tomllib.loads(TRICKY)
    back = loads(dumps(parsed))
    assert back == parsed
    assert back["contact"][0]["utc"].utcoffset() == parsed["contact"][0]["utc"].utcoffset()
    assert back["contact"][0]["local"].tzinfo is None and math.isinf(back["forever"])


def test_a_cached_parse_matches_and_an_edit_is_parsed_afresh(tmp_path: Path):
    path = contacts_file(tmp_path / "data", TRICKY)
    cache = ParseCache(tmp_path / "cache", tmp_path / "data")
    first = cache.parse(path, path.read_bytes())
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 1 and stat.S_IMODE(entries[0].stat().st_mode) == 0o600
    assert cache.parse(path, path.read_bytes()) == first == tomllib.loads(TRICKY)
    path.write_text(TRICKY.replace('id = "c-1"', 'id = "c-one"'))
    assert cache.parse(path, path.read_bytes())["contact"][0]["id"] == "c-one"


def test_a_damaged_entry_or_a_broken_file_behaves_as_without_a_cache(tmp_path: Path):
    path = contacts_file(tmp_path / "data", TRICKY)
    cache = ParseCache(tmp_path / "cache", tmp_path / "data")
    cache.parse(path, path.read_bytes())
    entry = next((tmp_path / "cache").rglob("*.json"))
    entry.write_bytes(entry.read_bytes()[:200])
    assert cache.parse(path, path.read_bytes()) == tomllib.loads(TRICKY)
    path.write_text(TRICKY + "\nbroken = \n")
    with pytest.raises(tomllib.TOMLDecodeError):
        cache.parse(path, path.read_bytes())


def test_the_store_reads_contacts_through_it(tmp_path: Path):
    from bench.generate import generate

    manifest = generate(tmp_path / "data", sponsees=1, contacts=600, seed=4)
    plain = Store(tmp_path / "data")
    cached = Store(tmp_path / "data")
    cached.parse_cache = ParseCache(tmp_path / "cache", tmp_path / "data")
    heavy = manifest["heavy"]["id"]
    for _ in range(2):  # the second time from the cache
        assert list(cached.iter_contacts(heavy)) == list(plain.iter_contacts(heavy))
    assert list((tmp_path / "cache").rglob("*.json"))
    assert cached.load(TODAY) and cached.problems == []
