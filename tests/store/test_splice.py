"""A save rewrites only the lines of what changed: comments, blank lines, key order, quoting, BOM and CRLF stay."""

from __future__ import annotations

import difflib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sponsordesk.model import Assignment, Contact, Suggestion
from sponsordesk.store import ConflictError, Store, layout
from sponsordesk.store.changes import contact_changes, keep_mine, profile_change, step_change, suggestion_change

from tests.conftest import TODAY

TZ = timezone(timedelta(hours=-5))

PROFILE = """\
# Sam's profile, kept by hand.
id = 'sam-r'
name = "Sam Rivera"            # as Sam says it
schema_version = 1

# reach them after work
phone = '555-0142'
program = "AA"
sobriety = [
    { date = 2026-01-02, note = "" },
]
notes = '''
Works early shifts.
Likes walks.
'''

# how things stand
[status]
reason = ""   # none yet
state = "active"
"""

STEPS = (
    "# step board\r\n"
    "schema_version = 1\r\n"
    "\r\n"
    "# the first one, done in spring\r\n"
    "[[step]]\r\n"
    "status = \"done\"\r\n"
    "number = 1\r\n"
    "\r\n"
    "[[step]]\r\n"
    "number = 4          # inventory\r\n"
    "status = \"working\"\r\n"
    "notes = 'C:\\inventory\\resentments'\r\n"
    "\r\n"
    "    # written together on Tuesday\r\n"
    "    [[step.assignment]]\r\n"
    "    id = \"a-1\"\r\n"
    "    text = \"Write the resentment column\"\r\n"
    "    done = false\r\n"
)

CONTACTS = """\ufeff# 2026, oldest first
schema_version = 1

[[contact]]
# the first call
at = 2026-01-05T07:30:00-05:00
id = "c-1"
summary = \"\"\"
Rough day at work.
Went to the noon meeting.\"\"\"

[[contact]]
id = "c-2"
at = 2026-02-05 19:00:00-05:00
kind = 'text'
summary = "checked in"   # short one
meeting_notes = ""

# ---- March ----

[[contact]]
id = "c-3"
at = 2026-03-01T08:00:00-05:00
summary = "coffee"
"""


def write(data_dir: Path, files: dict[str, str | bytes]) -> dict[str, Path]:
    paths = {}
    for rel, text in files.items():
        path = data_dir / "sponsees" / "sam-r" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        paths[rel] = path
    return paths


@pytest.fixture
def hand(data_dir: Path) -> dict[str, Path]:
    """profile.toml (LF, literal strings), steps.toml (CRLF, indented assignment), contacts/2026.toml (BOM)."""
    return write(data_dir, {"profile.toml": PROFILE, "steps.toml": STEPS, "contacts/2026.toml": CONTACTS})


def changed_lines(before: bytes, after: bytes) -> list[tuple[list[bytes], list[bytes]]]:
    """Each run of lines that differ: (lines before, lines after)."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def load(store: Store):
    record = store.load(TODAY)[0]
    return record, {c.id: c for c in store.contacts_in_year("sam-r", 2026)}


def test_one_field_changed_in_each_file_changes_only_that_line(data_dir, hand):
    before = {rel: path.read_bytes() for rel, path in hand.items()}
    store = Store(data_dir)
    record, contacts = load(store)
    assert store.problems == []
    step = record.steps.get(4)
    changes = [profile_change(record.sponsee, record.sponsee.model_copy(update={"phone": "555-0199"})),
               step_change("sam-r", step, step.model_copy(update={"status": "done"})),
               *contact_changes("sam-r", contacts["c-2"], contacts["c-2"].model_copy(update={"summary": "all good"}))]
    commit = store.commit(changes)  # three files, all or none
    assert set(commit.how.values()) == {"splice"}
    after = {rel: path.read_bytes() for rel, path in hand.items()}
    assert changed_lines(before["profile.toml"], after["profile.toml"]) == [
        ([b"phone = '555-0142'\n"], [b'phone = "555-0199"\n'])]
    assert changed_lines(before["steps.toml"], after["steps.toml"]) == [
        ([b'status = "working"\r\n'], [b'status = "done"\r\n'])]
    assert changed_lines(before["contacts/2026.toml"], after["contacts/2026.toml"]) == [
        ([b'summary = "checked in"   # short one\n'], [b'summary = "all good"   # short one\n'])]
    assert after["contacts/2026.toml"].startswith(b"\xef\xbb\xbf#")
    record, contacts = load(Store(data_dir))
    assert record.sponsee.phone == "555-0199" and record.steps.get(4).status == "done"
    assert contacts["c-2"].summary == "all good" and record.sponsee.notes == "Works early shifts.\nLikes walks.\n"


def test_a_multi_line_value_a_new_key_and_a_dropped_key(data_dir, hand):
    store = Store(data_dir)
    record, contacts = load(store)
    before = hand["contacts/2026.toml"].read_bytes()
    c1 = contacts["c-1"]
    new = c1.model_copy(update={"summary": "Rough day.\nBetter now.", "minutes": 25})
    store.commit(contact_changes("sam-r", c1, new))
    after = hand["contacts/2026.toml"].read_bytes()
    assert changed_lines(before, after) == [
        ([b"Rough day at work.\n", b'Went to the noon meeting."""\n'],
         [b"Rough day.\n", b'Better now."""\n', b"minutes = 25\n"])]
    store.commit(contact_changes("sam-r", new, new.model_copy(update={"minutes": None, "summary": c1.summary})))
    assert hand["contacts/2026.toml"].read_bytes() == before


def test_a_new_contact_goes_in_time_order_and_deleting_it_gives_back_the_same_bytes(data_dir, hand):
    store = Store(data_dir)
    load(store)
    path = hand["contacts/2026.toml"]
    before = path.read_bytes()
    feb = Contact(id="c-feb", at=datetime(2026, 2, 10, 9, tzinfo=TZ), summary="quick call")
    late = Contact(id="c-late", at=datetime(2026, 11, 20, 9, tzinfo=TZ), summary="last one")
    store.commit([*contact_changes("sam-r", None, feb), *contact_changes("sam-r", None, late)])
    text = path.read_text("utf-8-sig")
    assert text.index('"c-2"') < text.index('"c-feb"') < text.index("# ---- March ----") < text.index('"c-3"')
    assert text.endswith('summary = "coffee"\n\n[[contact]]\nid = "c-late"\nat = 2026-11-20 09:00:00-05:00\n'
                         'kind = "call"\nby = "sponsee"\nsummary = "last one"\nrelapse = false\ncrisis = false\n'
                         'meeting_notes = ""\n')
    assert [c.id for c in store.contacts_in_year("sam-r", 2026)] == ["c-late", "c-3", "c-feb", "c-2", "c-1"]
    store.commit([*contact_changes("sam-r", late, None), *contact_changes("sam-r", feb, None)])
    assert path.read_bytes() == before


def test_deleting_a_contact_takes_the_comment_above_it_and_leaves_one_set_apart(data_dir, hand):
    store = Store(data_dir)
    _, contacts = load(store)
    path = hand["contacts/2026.toml"]
    store.commit(contact_changes("sam-r", contacts["c-1"], None))
    text = path.read_text("utf-8-sig")
    assert "# the first call" not in text and "Rough day" not in text
    assert text.startswith("# 2026, oldest first\nschema_version = 1\n\n[[contact]]\nid = \"c-2\"")
    store.commit(contact_changes("sam-r", contacts["c-3"], None))
    text = path.read_text("utf-8-sig")
    assert text.endswith('summary = "checked in"   # short one\nmeeting_notes = ""\n\n# ---- March ----\n')
    store.commit(contact_changes("sam-r", contacts["c-2"], None))
    assert path.read_text("utf-8-sig") == "# 2026, oldest first\nschema_version = 1\n\n# ---- March ----\n"
    assert list(store.iter_contacts("sam-r")) == []


def test_assignments_added_toggled_and_removed_in_their_step(data_dir, hand):
    store = Store(data_dir)
    record, _ = load(store)
    path = hand["steps.toml"]
    step = record.steps.get(4)
    added = step.model_copy(update={"assignment": [*step.assignment, Assignment(id="a-2", text="Read p. 64")]})
    store.commit([step_change("sam-r", step, added)])
    text = path.read_bytes().decode()
    assert text.startswith(STEPS) and text[len(STEPS):] == (
        '\r\n[[step.assignment]]\r\nid = "a-2"\r\ntext = "Read p. 64"\r\ndone = false\r\n')
    toggled = added.model_copy(update={"assignment": [added.assignment[0].model_copy(update={"done": True}),
                                                       added.assignment[1]]})
    store.commit([step_change("sam-r", added, toggled)])
    assert changed_lines(text.encode(), path.read_bytes()) == [([b"    done = false\r\n"], [b"    done = true\r\n"])]
    removed = toggled.model_copy(update={"assignment": toggled.assignment[:1]})
    store.commit([step_change("sam-r", toggled, removed)])
    assert path.read_bytes() == STEPS.replace("done = false", "done = true").encode()
    gone = removed.model_copy(update={"assignment": []})
    store.commit([step_change("sam-r", removed, gone)])
    assert path.read_bytes() == STEPS[:STEPS.index("\r\n    # written together")].encode()
    assert Store(data_dir).load(TODAY)[0].steps.get(4).assignment == []


def test_a_step_absent_from_the_file_is_added_in_number_order(data_dir, hand):
    store = Store(data_dir)
    record, _ = load(store)
    step = record.steps.get(2)  # not in the file: not started
    store.commit([step_change("sam-r", step, step.model_copy(update={"status": "working", "started": TODAY}))])
    text = hand["steps.toml"].read_bytes().decode()
    assert text.index("number = 1") < text.index("number = 2") < text.index("number = 4          # inventory")
    assert text.count("[[step]]") == 3 and "step = [" not in text and "\n\n" not in text.replace("\r\n", "")
    assert Store(data_dir).load(TODAY)[0].steps.get(2).status == "working"


def test_the_app_written_step_board_keeps_its_inline_assignments(data_dir):
    """Files an older sponsordesk wrote hold assignments as inline arrays: they stay so, line for line."""
    text = ('schema_version = 1\n\n[[step]]\nnumber = 4\nstatus = "working"\nnotes = ""\nassignment = [\n'
            '    { id = "a-1", text = "Write it", done = false },\n]\n')
    path = write(data_dir, {"profile.toml": 'schema_version = 1\nid = "sam-r"\nname = "Sam"\n',
                            "steps.toml": text})["steps.toml"]
    store = Store(data_dir)
    step = store.load(TODAY)[0].steps.get(4)
    new = step.model_copy(update={"assignment": [step.assignment[0], Assignment(id="a-2", text="Call")]})
    assert store.commit([step_change("sam-r", step, new)]).how == {path: "splice"}
    assert path.read_text() == text.replace("},\n]\n", '},\n    { id = "a-2", text = "Call", done = false },\n]\n')


def test_a_new_file_and_a_contact_moved_to_another_year(data_dir, hand):
    store = Store(data_dir)
    _, contacts = load(store)
    c1 = contacts["c-1"]
    moved = c1.model_copy(update={"at": datetime(2025, 12, 30, 20, tzinfo=TZ)})
    commit = store.commit(contact_changes("sam-r", c1, moved))  # a delete and an add, two files, one save
    new_file = layout.contacts_path(data_dir, "sam-r", 2025)
    assert commit.how == {hand["contacts/2026.toml"]: "splice", new_file: "new"}
    assert new_file.read_text().startswith(layout.HEADERS["contacts"] + "schema_version = 1\n\n[[contact]]\n")
    assert [c.id for c in store.contacts_in_year("sam-r", 2025)] == ["c-1"]
    assert [c.id for c in store.contacts_in_year("sam-r", 2026)] == ["c-3", "c-2"]
    assert not (data_dir / ".sponsordesk-journal.toml").exists()


def test_a_new_suggestion_goes_at_the_end(data_dir, hand):
    text = "schema_version = 1\n\n[[suggestion]]   # the big one\nid = 's-1'\ntext = \"90 in 90\"\ngiven = 2026-10-29\n"
    path = write(data_dir, {"suggestions.toml": text})["suggestions.toml"]
    store = Store(data_dir)
    load(store)
    store.commit([suggestion_change("sam-r", None, Suggestion(id="s-2", text="Call first", given=TODAY))])
    assert path.read_text() == text + (
        '\n[[suggestion]]\nid = "s-2"\ntext = "Call first"\ngiven = 2026-11-21\nstatus = "open"\noutcome = ""\n')


def test_an_outside_edit_to_another_entry_is_kept(data_dir, hand):
    store = Store(data_dir)
    _, contacts = load(store)
    path = hand["contacts/2026.toml"]
    path.write_bytes(path.read_bytes().replace(b'summary = "coffee"', b'summary = "coffee, edited elsewhere"'))
    commit = store.commit(contact_changes("sam-r", contacts["c-2"], contacts["c-2"].model_copy(update={"minutes": 5})))
    assert commit.kept_outside == [path]
    text = path.read_text("utf-8-sig")
    assert "coffee, edited elsewhere" in text and 'meeting_notes = ""\nminutes = 5\n' in text


def test_an_outside_edit_to_the_same_field_is_a_conflict_and_keep_mine_keeps_the_rest(data_dir, hand):
    store = Store(data_dir)
    _, contacts = load(store)
    path = hand["contacts/2026.toml"]
    edited = (path.read_bytes().replace(b'summary = "checked in"', b'summary = "theirs"')
              .replace(b'summary = "coffee"', b'summary = "coffee too"'))
    path.write_bytes(edited)
    c2 = contacts["c-2"]
    changes = contact_changes("sam-r", c2, c2.model_copy(update={"summary": "mine", "minutes": 5}))
    with pytest.raises(ConflictError) as refused:
        store.commit(changes)
    assert path.read_bytes() == edited, "nothing written"
    conflict = refused.value.conflicts[0]
    assert conflict.fields == ["summary"] and conflict.theirs["summary"] == "theirs"
    assert "theirs" not in str(refused.value) and "mine" not in str(refused.value)
    store.commit([keep_mine(refused.value.changes[0], conflict)])
    text = path.read_text("utf-8-sig")
    assert 'summary = "mine"   # short one' in text and "coffee too" in text and "minutes = 5" in text


def test_an_inline_contact_array_is_edited_with_tomlkit_keeping_its_comments(data_dir):
    text = ('schema_version = 1\ncontact = [\n  # the first\n  { id = "c-1", at = 2026-01-01T10:00:00-05:00 },\n'
            ']\n# end\n')
    path = write(data_dir, {"profile.toml": 'schema_version = 1\nid = "sam-r"\nname = "Sam"\n',
                            "contacts/2026.toml": text})["contacts/2026.toml"]
    store = Store(data_dir)
    (c1,) = store.contacts_in_year("sam-r", 2026)
    commit = store.commit(contact_changes("sam-r", c1, c1.model_copy(update={"summary": "hi"})))
    assert commit.how == {path: "tomlkit"}
    written = path.read_text()
    assert "# the first" in written and written.endswith("# end\n") and "[[contact]]" not in written
    assert store.contacts_in_year("sam-r", 2026)[0].summary == "hi"


def test_dotted_keys_are_edited_with_tomlkit(data_dir):
    text = 'schema_version = 1\nid = "sam-r"\nname = "Sam"   # first\nstatus.state = "active"  # dotted\n'
    path = write(data_dir, {"profile.toml": text})["profile.toml"]
    store = Store(data_dir)
    sponsee = store.load(TODAY)[0].sponsee
    commit = store.commit([profile_change(sponsee, sponsee.model_copy(update={"notes": "n"}))])
    assert commit.how == {path: "tomlkit"}
    assert 'name = "Sam"   # first\nstatus.state = "active"  # dotted\n' in path.read_text()


def test_when_no_way_keeps_the_style_the_file_is_written_whole_with_the_right_data(data_dir, hand, monkeypatch):
    from sponsordesk.store import splice, tomlkit_edit

    def fail(*args):
        raise ValueError("pretend")

    monkeypatch.setattr(splice, "splice", fail)
    monkeypatch.setattr(tomlkit_edit, "edit", fail)
    store = Store(data_dir)
    record, _ = load(store)
    commit = store.commit([profile_change(record.sponsee, record.sponsee.model_copy(update={"phone": "1"}))])
    assert commit.how == {hand["profile.toml"]: "whole"}
    assert Store(data_dir).load(TODAY)[0].sponsee == record.sponsee.model_copy(update={"phone": "1"})


def test_a_result_that_does_not_read_back_is_never_written(data_dir, hand, monkeypatch):
    from sponsordesk.store import render, splice, tomlkit_edit

    monkeypatch.setattr(splice, "splice", lambda text, *a: text.replace("Sam Rivera", "Sam Wrong"))
    monkeypatch.setattr(tomlkit_edit, "edit", lambda text, *a: text + "\nbroken = \n")
    monkeypatch.setattr(render, "fresh", lambda *a, **k: "id = 'nobody'\n")
    store = Store(data_dir)
    record, _ = load(store)
    before = hand["profile.toml"].read_bytes()
    with pytest.raises(Exception, match="could not save sponsees/sam-r/profile.toml.*Nothing was written"):
        store.commit([profile_change(record.sponsee, record.sponsee.model_copy(update={"phone": "1"}))])
    assert hand["profile.toml"].read_bytes() == before


def test_a_new_sponsee_is_written_as_the_store_writes_new_files(data_dir):
    from sponsordesk.model import Sponsee, StepBoard

    store = Store(data_dir)
    board = StepBoard()
    board.get(3).status = "working"
    board.get(3).assignment = [Assignment(id="a-1", text="Pray")]
    commit = store.add_entries("sam-r", profile=Sponsee(id="sam-r", name="Sam"), steps=board,
                               contacts=[Contact(id="c-1", at=datetime(2026, 1, 1, tzinfo=TZ))])
    assert set(commit.how.values()) == {"new"}
    steps = layout.steps_path(data_dir, "sam-r").read_text()
    assert steps == (layout.HEADERS["steps"] + 'schema_version = 1\n\n[[step]]\nnumber = 3\nstatus = "working"\n'
                     'notes = ""\n\n[[step.assignment]]\nid = "a-1"\ntext = "Pray"\ndone = false\n')
    profile = layout.profile_path(data_dir, "sam-r").read_text()
    assert profile.endswith('notes = ""\n\n[status]\nstate = "active"\nreason = ""\n')


def test_a_new_sobriety_date_keeps_the_dates_written_as_tables_where_they_are(data_dir):
    """An older sponsordesk wrote sobriety dates as [[sobriety]] tables when a note was long."""
    from sponsordesk.model import SobrietyDate

    text = ('schema_version = 1\nid = "sam-r"\nname = "Sam"\n\n# the first time\n[[sobriety]]\ndate = 2025-04-12\n'
            'note = "relapsed after a funeral; came back to the meeting the next day, and kept coming"\n\n'
            '[status]\nstate = "active"\n')
    path = write(data_dir, {"profile.toml": text})["profile.toml"]
    store = Store(data_dir)
    sponsee = store.load(TODAY)[0].sponsee
    dates = [SobrietyDate(date=date(2026, 10, 29)), *sponsee.sobriety]
    assert store.commit([profile_change(sponsee, sponsee.model_copy(update={"sobriety": dates}))]).how == {
        path: "splice"}
    assert path.read_text() == text.replace("# the first time\n", '[[sobriety]]\ndate = 2026-10-29\nnote = ""\n\n'
                                                                  "# the first time\n")
