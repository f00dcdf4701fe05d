import os
import stat
from datetime import date, datetime, timedelta

import pytest

from sponsordesk.model import Contact, SobrietyDate, Sponsee, StepBoard, Suggestion
from sponsordesk.store import BrokenFileError, ConflictError, ReadOnlyError, Store, StoreError, new_id
from sponsordesk.store import layout
from sponsordesk.store.changes import contact_changes, profile_change

TODAY = date(2026, 11, 21)


def make(store: Store, name="Sam Rivera") -> Sponsee:
    sponsee = Sponsee(id=store.new_sponsee_id(name), name=name, sobriety=[SobrietyDate(date=date(2026, 1, 2))])
    store.add_entries(sponsee.id, profile=sponsee)
    return sponsee


def save_profile(store: Store, base: Sponsee, **changes) -> Sponsee:
    new = base.model_copy(update=changes)
    store.commit([profile_change(base, new)])
    return new


def test_round_trip_profile_steps_suggestions_contacts(data_dir):
    store = Store(data_dir)
    sponsee = make(store)
    board = StepBoard()
    board.get(1).status = "working"
    board.get(1).notes = 'line one\nline "two" \\ back'
    at = datetime(2026, 11, 20, 19, 30).astimezone()
    store.add_entries(sponsee.id, steps=board,
                      suggestions=[Suggestion(id="s-1", text="Read p. 58", given=TODAY, due=TODAY)],
                      contacts=[Contact(id="c-1", at=at, summary="Talked.\nGood call.", minutes=20)])

    records = Store(data_dir).load(TODAY)
    assert [r.id for r in records] == ["sam-r"]
    record = records[0]
    assert record.sponsee == sponsee
    assert record.steps == board
    assert record.open_suggestions[0].due == TODAY
    assert record.last_connected.at == at and record.last_connected.minutes == 20
    assert next(Store(data_dir).iter_contacts("sam-r")).summary == "Talked.\nGood call."


def test_files_are_private(data_dir):
    store = Store(data_dir)
    sponsee = make(store)
    for path in [data_dir, layout.sponsee_dir(data_dir, sponsee.id), layout.profile_path(data_dir, sponsee.id)]:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def test_no_none_is_written(data_dir):
    store = Store(data_dir)
    sponsee = make(store)
    text = layout.profile_path(data_dir, sponsee.id).read_text()
    assert "None" not in text and "schema_version = 1" in text and "cadence_days" not in text


def test_failed_replace_keeps_old_file_and_no_temp(data_dir, monkeypatch):
    store = Store(data_dir)
    sponsee = make(store)
    path = layout.profile_path(data_dir, sponsee.id)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(StoreError, match="No space left"):
        save_profile(store, sponsee, notes="changed")
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


def test_syntax_error_is_reported_with_line_and_never_overwritten(data_dir):
    store = Store(data_dir)
    good, bad = make(store, "Sam Rivera"), make(store, "Ana Lopez")
    path = layout.profile_path(data_dir, bad.id)
    path.write_text('schema_version = 1\nid = "ana-l"\nname = "Ana\n')
    store = Store(data_dir)
    records = store.load(TODAY)
    assert [r.id for r in records] == [good.id]
    problem = store.problems[0]
    assert problem.path == path and problem.line == 3 and "TOML" in problem.message
    with pytest.raises(BrokenFileError, match="ana-l/profile.toml does not load"):
        save_profile(store, bad, notes="mine")
    assert path.read_text().endswith('"Ana\n')


def _profile_edited(data_dir, old: str, new: str):
    """A sponsee made, then ``old`` replaced by ``new`` in its profile.toml as in an editor: the file's path."""
    sponsee = make(Store(data_dir))
    path = layout.profile_path(data_dir, sponsee.id)
    path.write_text(path.read_text().replace(old, new))
    return path


def test_validation_error_names_field_and_line(data_dir):
    _profile_edited(data_dir, 'name = "Sam Rivera"', 'name = "Sam Rivera"\ncadence_days = "often"')
    store = Store(data_dir)
    assert store.load(TODAY) == []
    problem = store.problems[0]
    assert problem.field == "cadence_days" and problem.line == 5


def test_unknown_keys_are_kept_and_warned(data_dir):
    path = _profile_edited(data_dir, 'program =', 'favourite_meeting = "noon"\nprogram =')
    store = Store(data_dir)
    record = store.load(TODAY)[0]
    assert store.problems[0].severity == "warning" and store.problems[0].field == "favourite_meeting"
    save_profile(store, record.sponsee, notes="changed")
    assert 'favourite_meeting = "noon"' in path.read_text()


def test_a_warning_fixed_in_an_editor_goes_at_the_next_read_of_that_file(data_dir):
    # a sponsee read again after a save dropped its file's errors but kept its warnings, so an unknown key
    # fixed in an editor was still reported until the next whole reading
    path = _profile_edited(data_dir, 'program =', 'favourite_meeting = "noon"\nprogram =')
    store = Store(data_dir)
    store.load(TODAY)
    assert [p.field for p in store.problems] == ["favourite_meeting"]
    path.write_text(path.read_text().replace('favourite_meeting = "noon"\n', ""))
    store.load_sponsee(path.parent.name, TODAY)
    assert store.problems == []
    path.write_text(path.read_text().replace('program =', 'favorite_meeting = "noon"\nprogram ='))
    store.load_sponsee(path.parent.name, TODAY)
    assert [p.field for p in store.problems] == ["favorite_meeting"], "one still there is said again"


def test_outside_edit_to_the_same_field_is_not_overwritten(data_dir):
    store = Store(data_dir)
    record_id = make(store).id
    record = store.load(TODAY)[0]
    path = layout.profile_path(data_dir, record_id)
    # same size, same mtime resolution: only the content differs
    path.write_text(path.read_text().replace("Sam Rivera", "Sam Riverb"))
    before = path.read_bytes()
    with pytest.raises(ConflictError, match="name"):
        save_profile(store, record.sponsee, name="Sam Rivers")
    assert path.read_bytes() == before
    save_profile(store, record.sponsee, notes="mine")  # another field: merged, the edit kept
    assert "Riverb" in path.read_text() and Store(data_dir).load(TODAY)[0].sponsee.notes == "mine"


def test_contacts_split_by_year_and_recent_reads_only_what_is_needed(data_dir):
    store = Store(data_dir)
    sid = make(store).id
    old = datetime(2024, 6, 1, 10).astimezone()
    store.add_entries(sid, contacts=[Contact(id="c-old", at=old)])
    store.add_entries(sid, contacts=[Contact(id="c-try", at=datetime(2026, 11, 20, 10).astimezone(), kind="attempt")])
    assert store.contact_years(sid) == [2026, 2024]
    recent = store.recent_contacts(sid, TODAY - timedelta(days=91))
    assert [c.id for c in recent] == ["c-try", "c-old"]
    assert [c.id for c in store.iter_contacts(sid)] == ["c-try", "c-old"]


def test_update_and_delete_contact(data_dir):
    store = Store(data_dir)
    sid = make(store).id
    contact = Contact(id=new_id("c"), at=datetime(2025, 12, 31, 23).astimezone(), summary="late")
    store.add_entries(sid, contacts=[contact])
    moved = contact.model_copy(update={"at": datetime(2026, 1, 1, 9).astimezone()})
    written = store.commit(contact_changes(sid, contact, moved)).written
    assert sorted(p.name for p in written) == ["2025.toml", "2026.toml"]
    assert [c.id for c in store.contacts_in_year(sid, 2026)] == [contact.id]
    assert store.contacts_in_year(sid, 2025) == []
    store.commit(contact_changes(sid, moved, None))
    assert list(store.iter_contacts(sid)) == []


def test_leftover_temp_files_are_cleaned(data_dir):
    store = Store(data_dir)
    sid = make(store).id
    leftover = layout.sponsee_dir(data_dir, sid) / ".profile.toml.deadbeef.sdtmp"
    leftover.write_text("half")
    assert store.cleanup_temp_files() == 1 and not leftover.exists()


def test_conflict_copies_are_not_loaded_but_reported(data_dir):
    store = Store(data_dir)
    sid = make(store).id
    copy = layout.sponsee_dir(data_dir, sid) / "profile.sync-conflict-20261120-123456-ABCDEF.toml"
    copy.write_text(layout.profile_path(data_dir, sid).read_text())
    store = Store(data_dir)
    assert len(store.load(TODAY)) == 1
    assert any("sync-conflict" in p.message for p in store.problems)


def test_newer_schema_is_shown_read_only_and_never_overwritten(data_dir):
    store = Store(data_dir)
    sponsee = make(store)
    path = layout.profile_path(data_dir, sponsee.id)
    path.write_text(path.read_text().replace("schema_version = 1", "schema_version = 99"))
    before = path.read_bytes()
    store = Store(data_dir)
    records = store.load(TODAY)
    assert [r.id for r in records] == [sponsee.id], "the sponsee stays visible"
    problem = store.problems[0]
    assert "newer sponsordesk" in problem.message and "read-only" in problem.message
    assert problem.field == "schema_version" and "upgrade sponsordesk" in problem.hint
    with pytest.raises(ReadOnlyError, match="profile.toml was written by a newer sponsordesk"):
        save_profile(store, records[0].sponsee, notes="mine")
    assert path.read_bytes() == before


def test_newer_schema_that_does_not_validate_is_not_loaded(data_dir):
    store = Store(data_dir)
    sponsee = make(store)
    path = layout.profile_path(data_dir, sponsee.id)
    path.write_text('schema_version = 2\nid = "sam-r"\nname = { first = "Sam" }\n')
    store = Store(data_dir)
    assert store.load(TODAY) == [] and "newer sponsordesk" in store.problems[0].message
    with pytest.raises(ReadOnlyError, match="newer sponsordesk"):
        save_profile(store, sponsee, notes="mine")


def test_add_entries_writes_each_year_file_once_with_the_bytes_of_one_by_one_adds(data_dir, tmp_path):
    contacts = [Contact(id=f"c-{n}", at=datetime(2025 + n % 2, 1 + n % 12, 1 + n % 28, 19).astimezone(),
                        summary=f"talk {n}") for n in range(40)]
    one_by_one = Store(tmp_path / "one")
    sid = make(one_by_one).id
    for contact in contacts:  # each goes in its place by time, between the ones already there
        one_by_one.commit(contact_changes(sid, None, contact))
    store = Store(data_dir)
    make(store)
    commit = store.add_entries(sid, contacts=contacts)
    assert sorted(p.name for p in commit.written) == ["2025.toml", "2026.toml"]  # not 40 rewrites
    for year in (2025, 2026):
        assert layout.contacts_path(data_dir, sid, year).read_bytes() == \
            layout.contacts_path(tmp_path / "one", sid, year).read_bytes()
    assert [c.id for c in store.iter_contacts(sid)] == [c.id for c in one_by_one.iter_contacts(sid)]


def test_add_entries_refuses_a_broken_file_and_writes_nothing_first(data_dir):
    store = Store(data_dir)
    sid = make(store).id
    store.add_entries(sid, contacts=[Contact(id="c-2025", at=datetime(2025, 3, 1, 10).astimezone())])
    kept = layout.contacts_path(data_dir, sid, 2025).read_bytes()
    broken = layout.contacts_path(data_dir, sid, 2026)
    broken.write_text("[[contact]\n")
    fresh = Store(data_dir)
    new = [Contact(id="c-a", at=datetime(2025, 4, 1, 10).astimezone()),
           Contact(id="c-b", at=datetime(2026, 4, 1, 10).astimezone())]
    with pytest.raises(BrokenFileError):
        fresh.add_entries(sid, contacts=new)
    assert layout.contacts_path(data_dir, sid, 2025).read_bytes() == kept
    assert broken.read_text() == "[[contact]\n"
    with pytest.raises(ReadOnlyError):
        Store(data_dir, read_only=True).add_entries(sid, contacts=new[:1])


def test_an_empty_file_is_never_filled(data_dir):
    store = Store(data_dir)
    sid = make(store).id
    path = layout.contacts_path(data_dir, sid, 2026)
    path.parent.mkdir()
    path.write_bytes(b"\n")
    with pytest.raises(BrokenFileError, match="contacts/2026.toml is empty"):
        store.add_entries(sid, contacts=[Contact(id="c-a", at=datetime(2026, 4, 1, 10).astimezone())])
    assert path.read_bytes() == b"\n"


def test_an_unknown_key_in_the_second_contact_is_named_at_its_own_line(data_dir):
    from datetime import datetime, timezone

    from sponsordesk.model import Contact
    from tests.seed import add_contacts

    store = Store(data_dir)
    make(store)
    add_contacts(store, "sam-r", [Contact(id=f"c-{n}", at=datetime(2026, 11, 1 + n, 9, tzinfo=timezone.utc),
                                          summary="x") for n in range(3)])
    path = layout.contacts_path(data_dir, "sam-r", 2026)
    text = path.read_text()
    path.write_text(text.replace('id = "c-1"', 'mood = "ok"\nid = "c-1"').replace('id = "c-2"', 'mood = "low"\nid = "c-2"'))
    store = Store(data_dir)
    list(store.iter_contacts("sam-r"))
    lines = {p.field: path.read_text().splitlines()[p.line - 1] for p in store.problems if p.field.endswith("mood")}
    assert set(lines.values()) == {'mood = "ok"', 'mood = "low"'}, f"each at its own line, not the first: {lines}"


def test_one_id_in_two_year_files_each_copy_changes_in_its_own_file(data_dir):
    """After a sync met a move to another year with an edit elsewhere, the log shows both copies; an edit or a
    deletion of either goes to the file it was read from (an edit of the older went to the newer, a conflict)."""
    store = Store(data_dir)
    store.commit([profile_change(None, Sponsee(id="sam-r", name="Sam Rivera"))])
    newer = Contact(id="c-dup", at=datetime(2026, 1, 2, 19).astimezone(), summary="moved on the laptop")
    older = Contact(id="c-dup", at=datetime(2025, 12, 30, 19).astimezone(), summary="edited on the desktop")
    store.commit(contact_changes("sam-r", None, newer))
    store.commit(contact_changes("sam-r", None, older))
    reader = Store(data_dir)
    reader.load(date(2026, 1, 5))
    assert [c.summary for c in reader.contacts_in_year("sam-r", 2026)] == ["moved on the laptop"]
    assert [c.summary for c in reader.contacts_in_year("sam-r", 2025)] == ["edited on the desktop"]
    kept = older.model_copy(update={"summary": "edited on the desktop, and kept"})
    reader.commit(contact_changes("sam-r", older, kept))
    assert [c.summary for c in Store(data_dir).contacts_in_year("sam-r", 2025)] == ["edited on the desktop, and kept"]
    reader.commit(contact_changes("sam-r", newer, None))
    assert Store(data_dir).contacts_in_year("sam-r", 2026) == []
    assert [c.summary for c in Store(data_dir).contacts_in_year("sam-r", 2025)] == ["edited on the desktop, and kept"]


def test_the_reading_after_a_save_takes_what_the_save_checked_once_and_sees_an_edit_made_in_between(
        data_dir, monkeypatch):
    """A save parses its new bytes to check them; the reading of the sponsee after it takes that instead of
    parsing the year file again. Only for those very bytes, and only once (the reading changes what it takes)."""
    from sponsordesk.store import tomlio

    store = Store(data_dir)
    sid = make(store).id
    at = datetime(2026, 11, 20, 19, 30).astimezone()
    store.commit(contact_changes(sid, None, Contact(id="c-1", at=at, summary="First.", minutes=20)))
    year_file = layout.contacts_path(data_dir, sid, 2026)
    parsed: list[bytes] = []
    real_parse = tomlio.parse
    monkeypatch.setattr(tomlio, "parse", lambda data: parsed.append(data) or real_parse(data))

    def year_file_parses() -> int:
        return sum(1 for data in parsed if b"[[contact]]" in data)

    store.commit(contact_changes(sid, None, Contact(id="c-2", at=at, summary="Second.", minutes=5)))
    checked = year_file_parses()  # the file as it was (to merge into) and the new bytes (to check them)
    assert [c.id for c in store.contacts_in_year(sid, 2026)] == ["c-1", "c-2"]
    assert year_file_parses() == checked, "read without parsing the bytes the save had just checked"
    assert [c.summary for c in store.contacts_in_year(sid, 2026)] == ["First.", "Second."]
    assert year_file_parses() == checked + 1, "taken once: the next reading parses the file"

    store.commit(contact_changes(sid, None, Contact(id="c-3", at=at, summary="Third.", minutes=5)))
    stat_before = os.stat(year_file)
    text = year_file.read_text()
    edited = text.replace('summary = "Third."', 'summary = "Thurd."')  # same size: an editor's typo, same second
    year_file.write_text(edited)
    os.utime(year_file, ns=(stat_before.st_atime_ns, stat_before.st_mtime_ns))
    assert [c.summary for c in store.contacts_in_year(sid, 2026)] == ["First.", "Second.", "Thurd."]
