"""The three-way merge of one entry: fields that say one thing together are in conflict together."""

import copy
from datetime import date

from sponsordesk.store.changes import Change, keep_mine, keep_theirs
from sponsordesk.store.merge import Conflict, apply, merge_entry

STARTED, DONE_ON, CORRECTED = date(2026, 3, 29), date(2026, 6, 15), date(2026, 6, 20)
DONE = {"number": 3, "status": "done", "started": STARTED, "completed": DONE_ON, "notes": "", "assignment": []}
MOVED_BACK = {"number": 3, "status": "working", "started": STARTED, "notes": "", "assignment": []}
PATH = (("step", 3),)


def _settled(base: dict, mine: dict, theirs: dict, keep) -> dict:
    """The entry the file holds after the conflict is settled with ``keep`` (keep_mine or keep_theirs)."""
    result = merge_entry(PATH, base, mine, theirs, {"assignment": "id"})
    assert not result.clean
    conflict = Conflict(("step", 3), "changed", result.conflict_fields, base, mine, theirs)
    change = keep(Change("sam-r", "steps", ("step", 3), base, mine), conflict)
    again = merge_entry(PATH, change.base, change.new, theirs, {"assignment": "id"})
    assert again.clean
    return apply({"step": [copy.deepcopy(theirs)]}, again.ops)["step"][0]


def test_a_step_moved_back_while_its_done_on_date_was_corrected_is_in_conflict_on_its_status_too():
    theirs = {**DONE, "completed": CORRECTED}
    result = merge_entry(PATH, DONE, MOVED_BACK, theirs, {"assignment": "id"})
    assert result.conflict_fields == ["status", "completed"]
    assert _settled(DONE, MOVED_BACK, theirs, keep_theirs) == theirs, "the file's step, not working with a done-on date"
    assert _settled(DONE, MOVED_BACK, theirs, keep_mine) == MOVED_BACK


def test_a_field_of_the_status_the_file_left_alone_is_shown_only_where_the_versions_differ():
    theirs = {**DONE, "completed": CORRECTED, "notes": "edited"}
    mine = {**MOVED_BACK, "notes": "typed"}
    result = merge_entry(PATH, DONE, mine, theirs, {"assignment": "id"})
    assert result.conflict_fields == ["notes", "status", "completed"], "started is the same on both sides"


def test_a_conflict_outside_the_status_and_dates_leaves_them_to_merge_field_by_field():
    theirs = {**DONE, "notes": "edited"}
    mine = {**DONE, "notes": "typed", "revisited": date(2026, 11, 21), "status": "revisiting"}
    assert merge_entry(PATH, DONE, mine, theirs, {"assignment": "id"}).conflict_fields == ["notes"]


def test_an_assignment_unticked_while_its_done_day_was_corrected_keeps_both_from_one_side():
    ticked = {"id": "a-1", "text": "Read p. 64", "done": True, "done_on": DONE_ON}
    unticked = {"id": "a-1", "text": "Read p. 64", "done": False}
    base, mine = {**DONE, "assignment": [ticked]}, {**DONE, "assignment": [unticked]}
    theirs = {**DONE, "assignment": [{**ticked, "done_on": CORRECTED}]}
    result = merge_entry(PATH, base, mine, theirs, {"assignment": "id"})
    assert result.conflict_fields == ["assignment.a-1.done", "assignment.a-1.done_on"]
    assert _settled(base, mine, theirs, keep_theirs) == theirs
    assert _settled(base, mine, theirs, keep_mine) == mine
