"""A save takes the file the last save wrote as it parsed it then, only while the file still has those bytes.

``Store._parsed``: logging contacts one after another, each save would parse
again the year file the save before had just written and checked. An edit
made meanwhile in any other program changes the bytes, and then the file is
parsed as it is now: the edit is seen, merged or refused, never overwritten.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from sponsordesk.model import Contact, SobrietyDate, Sponsee
from sponsordesk.store import ConflictError, Store, layout, tomlio
from sponsordesk.store.changes import contact_changes

from tests.conftest import TODAY


def contact(n: int, **fields) -> Contact:
    return Contact(id=f"c-{n}", at=datetime(TODAY.year, 3, 1 + n, 19).astimezone(), summary=f"call {n}", **fields)


@pytest.fixture
def logged(data_dir):
    """A store that has just saved a contact (and read the sponsee again, as the desk does), and the year file."""
    store = Store(data_dir)
    store.add_entries("sam-r", profile=Sponsee(id="sam-r", name="Sam Rivera",
                                                  sobriety=[SobrietyDate(date=TODAY.replace(month=1))]))
    store.add_entries("sam-r", contacts=[contact(1), contact(2)])
    store.load_sponsee("sam-r", TODAY)
    store.commit(contact_changes("sam-r", None, contact(3)))
    store.load_sponsee("sam-r", TODAY)
    return store, layout.contacts_path(data_dir, "sam-r", TODAY.year)


@pytest.fixture
def parses(monkeypatch):
    """Every parse of a year of contacts (what a save reads and checks), counted."""
    seen: list[bytes] = []
    real = tomlio.parse

    def counted(data):
        if b"[[contact]]" in data:
            seen.append(data)
        return real(data)

    monkeypatch.setattr(tomlio, "parse", counted)
    return seen


def test_the_next_save_takes_the_file_as_the_last_one_parsed_it(logged, parses):
    store, path = logged
    store.commit(contact_changes("sam-r", None, contact(4)))
    assert len(parses) == 1, "only the check of what it wrote: the file read was the one written before"
    assert [c.id for c in Store(path.parents[2].parent).contacts_in_year("sam-r", TODAY.year)] == \
        ["c-4", "c-3", "c-2", "c-1"]


def test_an_outside_edit_between_two_saves_is_seen_and_kept(logged, parses):
    store, path = logged
    path.write_text(path.read_text().replace('summary = "call 1"', 'summary = "call 1, edited by hand"'))
    done = store.commit(contact_changes("sam-r", None, contact(4)))
    assert len(parses) == 2, "the file as it is now, then the check"
    assert done.kept_outside == [path]
    text = path.read_text()
    assert 'summary = "call 1, edited by hand"' in text and 'id = "c-4"' in text


def test_an_outside_edit_of_the_same_entry_is_a_conflict_and_the_file_is_left_as_it_is(logged):
    store, path = logged
    three = contact(3)
    path.write_text(path.read_text().replace('summary = "call 3"', 'summary = "call 3, edited by hand"'))
    before = path.read_bytes()
    with pytest.raises(ConflictError):
        store.commit(contact_changes("sam-r", three, three.model_copy(update={"summary": "mine"})))
    assert path.read_bytes() == before
    with pytest.raises(ConflictError):  # and again: nothing it kept from the save before stands in for the file
        store.commit(contact_changes("sam-r", three, three.model_copy(update={"summary": "mine"})))
    assert path.read_bytes() == before


def test_an_edit_that_gives_back_the_same_bytes_meanwhile_changes_nothing(logged, parses):
    """Bytes written back as they were (an editor's save without a change) are the same file: reused."""
    store, path = logged
    path.write_bytes(path.read_bytes())
    store.commit(contact_changes("sam-r", None, contact(4)))
    assert len(parses) == 1


def containers(value) -> set[int]:
    if isinstance(value, dict):
        return {id(value)}.union(*(containers(v) for v in value.values()))
    if isinstance(value, list):
        return {id(value)}.union(*(containers(v) for v in value))
    return set()


def test_the_copy_a_save_keeps_shares_nothing_with_what_the_reading_takes(data_dir):
    """The reading after a save changes the parse it takes (stamps dropped, models made from it): the next
    save's copy must be its own."""
    store = Store(data_dir)
    store.add_entries("sam-r", contacts=[contact(1)])
    path = layout.contacts_path(data_dir, "sam-r", TODAY.year)
    taken, kept = store._written[path][1], store._parsed[path][1]
    assert kept == taken and not containers(kept) & containers(taken)
