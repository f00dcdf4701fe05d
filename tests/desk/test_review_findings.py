"""Found in review: one contact in two year files, a save after a conflict and its undo, doctor's line for a
date after today, an unreadable sponsee folder. Each failed before its fix, but the undo of an edit of
either copy: it held, and is kept beside the deletions' as their check."""

from __future__ import annotations

import os
from datetime import datetime

import pytest

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.desk.errors import ConflictError, StoreError
from sponsordesk.model import Sponsee, SobrietyDate, StepStatus
from sponsordesk.rules.followthrough import LogEntry, resolved
from sponsordesk.store import Store, layout
from sponsordesk.store.changes import contact_changes

from tests.conftest import TODAY
from tests.desk.test_one_door import _one_id_in_two_year_files, _summary_edited_outside
from tests.desk.test_steps import SPONSEE as STEPS_SPONSEE
from tests.desk.test_steps import _edit as _edit_steps
from tests.desk.test_steps import _moved_back_while_changed_outside, _saved
from tests.seed import put_profile, put_suggestions


@pytest.fixture
def desk(demo_dir, config_dir):
    desk = Desk.open(Context.build(data_dir=demo_dir, config_dir=config_dir, today=TODAY))
    yield desk
    desk.close()


def _copies(desk, ident="c-twice"):
    """The copies of ``ident`` as the log reads them (newest year file first), as its rows are."""
    pager = desk.pager("ellen-f")
    out = []
    while not pager.done:
        out += [c for c in pager.read_year() if c.id == ident]
    return out


def _where(desk, ident="c-twice"):
    root = desk.ctx.data_dir
    return sorted((year, c.summary) for year in (2025, 2026)
                  for c in Store(root).contacts_in_year("ellen-f", year) if c.id == ident)


# ---------------------------------------------------------------- one id in two year files (e8a1983, cf5b771)


def _misplaced_and_home_copies(desk):
    """c-twice dated Dec 30, 2025 twice: in 2026.toml (misplaced: 'laptop') and in 2025.toml ('desktop')."""
    _one_id_in_two_year_files(desk, laptop="laptop", desktop="desktop")


def test_undo_of_deleting_the_misplaced_copy_puts_it_back_where_it_was(desk):
    _misplaced_and_home_copies(desk)
    laptop, desktop = _copies(desk)
    assert (laptop.summary, desktop.summary) == ("laptop", "desktop")
    saved = desk.delete_contact("ellen-f", laptop)  # row "c-twice" of the log, x then y
    assert _where(desk) == [(2025, "desktop")]
    _copies(desk)  # the log redraws after the save: it reads both year files again
    # u: it used to go by id and date to 2025.toml ("this contact is already there, written differently"),
    # whose "keep mine" (m) overwrote the desktop's copy
    desk.undo(saved.undo)
    assert _where(desk) == [(2025, "desktop"), (2026, "laptop")]


def test_undo_of_deleting_the_home_copy_puts_it_back_where_it_was(desk):
    # the other row: its id and date name the other copy's file too (the newer one, where the log reads it)
    _misplaced_and_home_copies(desk)
    laptop, desktop = _copies(desk)
    saved = desk.delete_contact("ellen-f", desktop)  # row "c-twice (2)", x then y
    assert _where(desk) == [(2026, "laptop")]
    _copies(desk)
    desk.undo(saved.undo)  # u: it used to go to 2026.toml (a conflict), whose "keep mine" overwrote the laptop's
    assert _where(desk) == [(2025, "desktop"), (2026, "laptop")]


@pytest.mark.parametrize("row", [0, 1], ids=["misplaced copy", "home copy"])
def test_undo_of_deleting_either_copy_in_conflict_stays_in_its_file(desk, row):
    # an editor put one back meanwhile: the conflict is in that copy's file, and "keep mine" writes there (it
    # used to go to the other copy's file, or there at "keep mine": a conflict whose "keep mine" overwrote it)
    _misplaced_and_home_copies(desk)
    shown = _copies(desk)[row]
    saved = desk.delete_contact("ellen-f", shown)
    _copies(desk)  # the log redraws after the save
    year = 2025 if row else 2026
    path = layout.contacts_path(desk.ctx.data_dir, "ellen-f", year)
    path.write_text(path.read_text() + '\n[[contact]]\nid = "c-twice"\nat = 2025-12-30T19:00:00-05:00\n'
                    'summary = "typed again in an editor"\n')
    with pytest.raises(ConflictError) as refused:
        desk.undo(saved.undo)
    assert [c.file for c in refused.value.conflicts] == [f"sponsees/ellen-f/contacts/{year}.toml"]
    desk.keep_mine(refused.value)  # m: this window's copy, in the file it was deleted from
    assert _where(desk) == [(2025, "desktop"), (2026, "laptop")]


@pytest.mark.parametrize("row", [0, 1], ids=["misplaced copy", "home copy"])
def test_undo_of_an_edit_of_either_copy_changes_that_copy_back(desk, row):
    # the log offers no undo for an edit; the desk's door does (Desk.save with an undo's name)
    _misplaced_and_home_copies(desk)
    shown = _copies(desk)[row]
    edited = shown.model_copy(update={"summary": "edited"})
    saved = desk.save("ellen-f", contact_changes("ellen-f", shown, edited), undo="Edited")
    assert _where(desk) == [(2025, "edited" if row else "desktop"), (2026, "laptop" if row else "edited")]
    desk.undo(saved.undo)
    assert _where(desk) == [(2025, "desktop"), (2026, "laptop")]


def test_undo_of_dating_the_misplaced_copy_in_its_files_year_changes_it_back_there(desk):
    # a date in 2026 for the copy in 2026.toml is an edit where it is; its undo was a move into 2025.toml,
    # where the other copy is: refused ("already holds this contact"), so it could not be undone
    _misplaced_and_home_copies(desk)
    laptop, _ = _copies(desk)
    redated = laptop.model_copy(update={"at": datetime(2026, 1, 3, 19).astimezone()})
    saved = desk.save("ellen-f", contact_changes("ellen-f", laptop, redated), undo="Edited")
    assert _where(desk) == [(2025, "desktop"), (2026, "laptop")]
    desk.undo(saved.undo)
    assert _where(desk) == [(2025, "desktop"), (2026, "laptop")]
    assert [c.at for c in _copies(desk)] == [laptop.at, laptop.at]


def test_moving_one_copy_into_the_other_copys_year_and_keeping_the_files_loses_nothing(desk):
    _misplaced_and_home_copies(desk)
    laptop, desktop = _copies(desk)
    moved = desktop.model_copy(update={"at": datetime(2026, 1, 3, 19).astimezone()})  # the row "c-twice (2)", e
    before = sorted(_where(desk))
    with pytest.raises(StoreError, match="already holds this contact"):  # refused outright, not a conflict
        desk.log("ellen-f", LogEntry(moved), editing=desktop)  # whose "keep the file's" lost the moved copy
    assert sorted(_where(desk)) == before, "both copies as they were"


# ---------------------------------------------------------------- a save after a conflict, with its undo (cf5b771)


@pytest.mark.parametrize("mine", [True, False], ids=["keep mine", "keep the file's"])
def test_undo_after_a_conflicted_resolve_leaves_the_outside_resolution_whole(desk, mine):
    sid = "dana-o"
    shown = next(s for s in desk.record(sid).suggestions if s.is_open)
    store = Store(desk.ctx.data_dir)  # another machine marks it followed today (a sync brings it)
    put_suggestions(store, sid, [resolved(s, "followed", "", TODAY) if s.id == shown.id else s
                                 for s in store.suggestions(sid)])
    with pytest.raises(ConflictError) as refused:
        desk.resolve(sid, shown, "not_followed")  # Open suggestions, n
    saved = (desk.keep_mine if mine else desk.keep_theirs)(refused.value)
    if saved.undo is None:
        return  # as before cf5b771: nothing offered to undo
    desk.undo(saved.undo)  # u, as the Open suggestions screen offers ("Press u to undo")
    now = next(s for s in Store(desk.ctx.data_dir).suggestions(sid) if s.id == shown.id)
    assert (str(now.status), now.resolved) == ("followed", TODAY), (now.status, now.resolved)


def test_a_conflicted_delete_kept_by_the_file_has_nothing_to_undo(desk):
    contact = next(desk.iter_contacts("ellen-f"))
    path = _summary_edited_outside(desk, contact, "Edited in an editor.")
    with pytest.raises(ConflictError) as refused:
        desk.delete_contact("ellen-f", contact)
    saved = desk.keep_theirs(refused.value)
    assert not saved.wrote and contact.id in path.read_text()
    assert saved.undo is None, "the log screen announces a deletion and offers u for it"


def test_plus_after_a_move_back_kept_through_two_conflicts_puts_back_the_files_dates(desk):
    refused, _ = _moved_back_while_changed_outside(desk, "done-on corrected")
    _edit_steps(desk, "completed = 2026-06-20", "completed = 2026-06-25")  # the editor again, before m
    with pytest.raises(ConflictError) as again:
        desk.keep_mine(refused)
    desk.keep_mine(again.value)
    assert _saved(desk, 3).status == StepStatus.WORKING
    desk.step_forward(STEPS_SPONSEE, 3)
    step = _saved(desk, 3)
    assert step.status == StepStatus.DONE and step.completed != TODAY, step.completed


def test_plus_after_a_move_back_kept_by_the_file_moves_the_step_forward(desk):
    refused, in_file = _moved_back_while_changed_outside(desk, "done-on corrected")
    saved = desk.keep_theirs(refused)
    assert not saved.wrote and _saved(desk, 3).status == StepStatus.DONE
    desk.step_forward(STEPS_SPONSEE, 3)  # + on a done step: a revisit begins today
    assert _saved(desk, 3).status == StepStatus.REVISITING


# ---------------------------------------------------------------- doctor: a current date after today (bdf9cb9)


PROFILES = {  # the current date typed last, as a person adds a line at the end of a list in an editor
    "tables": '[[sobriety]]\ndate = 2020-01-01\n\n[[sobriety]]\ndate = 2996-01-01\n',
    "inline, as the app writes it": 'sobriety = [\n    { date = 2020-01-01, note = "" },\n    { date = 2996-01-01 },\n]\n',
}


@pytest.mark.parametrize("written", PROFILES)
def test_doctor_names_the_line_of_the_future_date(data_dir, config_dir, written):
    from sponsordesk.store.doctor import check

    path = layout.profile_path(data_dir, "sam-r")
    path.parent.mkdir(parents=True)
    path.write_text('schema_version = 1\nid = "sam-r"\nname = "Sam Rivera"\n' + PROFILES[written])
    wanted = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "2996-01-01" in text)
    report = check(data_dir, config_dir, TODAY)
    [problem] = [p for p in report.problems if "after today" in p.message]
    assert problem.line == wanted, (problem.line, wanted)


# ---------------------------------------------------------------- Store.sponsee_ids with scandir (46cfc6f)


def test_an_unreadable_sponsee_folder_is_not_called_one_without_a_profile(data_dir, monkeypatch):
    # As root the folder cannot be made unreadable; EACCES from stat is what a non-root user gets for
    # chmod 000 (or 600) on sponsees/sam-r (reproduced as nobody: see the review's report).
    put_profile(Store(data_dir), Sponsee(id="sam-r", name="Sam Rivera"))
    blocked = str(layout.profile_path(data_dir, "sam-r"))
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        if os.fspath(path) == blocked:
            raise PermissionError(13, "Permission denied", blocked)
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    store = Store(data_dir, read_only=True)
    try:
        store.load(TODAY)
    except PermissionError:
        return  # as before 46cfc6f: never a wrong diagnosis (a crash, though)
    assert not any("has no profile.toml" in p.message for p in store.problems), \
        [p.message for p in store.problems]
