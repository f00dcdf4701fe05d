"""After a conflict: keeping mine or theirs takes the file's version of the fields in conflict, and only those."""

import copy

from sponsordesk.store.changes import Change, keep_mine, keep_theirs
from sponsordesk.store.merge import Conflict

BASE = {"number": 4, "status": "working", "notes": "inventory",
        "assignment": [{"id": "a-1", "text": "list resentments", "done": False},
                       {"id": "a-2", "text": "list fears", "done": False}]}


def _step(**changes) -> dict:
    entry = {**BASE, "assignment": [dict(a) for a in BASE["assignment"]]}
    for name, value in changes.items():
        if name == "a1_text":
            entry["assignment"][0]["text"] = value
        elif name == "drop_a2":
            entry["assignment"] = entry["assignment"][:1]
        else:
            entry[name] = value
    return entry


def _change(new: dict) -> Change:
    return Change("sam-r", "steps", ("step", 4), _step(), new)


def test_a_field_in_conflict_keeping_mine_puts_theirs_in_the_base_only():
    mine = _step(notes="mine", status="done")
    theirs = _step(notes="theirs")
    kept = keep_mine(_change(mine), Conflict(("step", 4), "changed", ["notes"], theirs=theirs))
    assert kept.base["notes"] == "theirs" and kept.new == mine
    assert kept.base["status"] == "working", "other fields of the base stay what this window saw"


def test_a_field_in_conflict_keeping_theirs_leaves_it_as_the_file_has_it_and_saves_the_rest():
    mine = _step(notes="mine", status="done")
    theirs = _step(notes="theirs")
    kept = keep_theirs(_change(mine), Conflict(("step", 4), "changed", ["notes"], theirs=theirs))
    assert kept.base["notes"] == kept.new["notes"] == "theirs"
    assert kept.new["status"] == "done" and kept.base["status"] == "working", "the rest of my change is still saved"


def test_an_assignments_field_in_conflict_is_taken_inside_that_assignment_only():
    mine = _step(a1_text="list resentments, all of them")
    theirs = _step(a1_text="list resentments (4 columns)")
    conflict = Conflict(("step", 4), "changed", ["assignment.a-1.text"], theirs=theirs)
    kept = keep_mine(_change(mine), conflict)
    assert kept.base["assignment"][0]["text"] == "list resentments (4 columns)"
    assert kept.new["assignment"][0]["text"] == "list resentments, all of them"
    kept = keep_theirs(_change(mine), conflict)
    assert [a["text"] for a in kept.new["assignment"]] == ["list resentments (4 columns)", "list fears"]
    assert kept.base["assignment"] == kept.new["assignment"]


def test_an_assignment_deleted_outside_comes_back_with_mine_and_stays_gone_with_theirs():
    mine = _step(a1_text="changed here")
    theirs = _step(drop_a2=True)
    conflict = Conflict(("step", 4), "changed", ["assignment.a-2"], theirs=theirs)
    kept = keep_mine(_change(mine), conflict)
    assert [a["id"] for a in kept.base["assignment"]] == ["a-1"], "the base lacks it: the merge adds mine back"
    assert [a["id"] for a in kept.new["assignment"]] == ["a-1", "a-2"]
    kept = keep_theirs(_change(mine), conflict)
    assert [a["id"] for a in kept.new["assignment"]] == ["a-1"]
    assert kept.new["assignment"][0]["text"] == "changed here"


def test_an_entry_deleted_outside():
    mine = _step(notes="mine")
    conflict = Conflict(("step", 4), "deleted", [], theirs=None)
    assert keep_theirs(_change(mine), conflict) is None, "it stays deleted: nothing of the change is left"
    kept = keep_mine(_change(mine), conflict)
    assert kept.base is None and kept.new == mine, "added back as mine"


def test_the_callers_change_is_never_changed_in_place():
    change = _change(_step(notes="mine"))
    before = copy.deepcopy((change.base, change.new))
    conflict = Conflict(("step", 4), "changed", ["notes", "assignment.a-1.text"], theirs=_step(notes="x", a1_text="y"))
    keep_mine(change, conflict)
    keep_theirs(change, conflict)
    assert (change.base, change.new) == before
