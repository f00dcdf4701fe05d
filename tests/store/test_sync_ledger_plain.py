"""A plain one-machine history keeps `machine:N` stamps: the ledger never makes a one-off id there (from review)."""

from __future__ import annotations

from datetime import datetime, timezone

from sponsordesk.model import Assignment
from sponsordesk.store import layout, tomlio
from sponsordesk.store.changes import contact_changes, keep_mine, keep_theirs, step_change
from sponsordesk.store.problems import ConflictError
from sponsordesk.store.sync_stamps import Stamp

from tests.conftest import TODAY
from tests.store.test_sync_ledger import call, machine, save, two, year_file


def all_ids(store) -> set[str]:
    out = set()
    for path in (store.root / "sponsees" / "sam-r").rglob("*.toml"):
        for line in path.read_text().splitlines():
            if line.startswith("rev = "):
                out |= set(Stamp.parse(line.split('"')[1]).vector)
    return out


def test_undo_redo_moves_steps_assignments_and_outside_edits_keep_plain_stamps(tmp_path):
    laptop, _ = two(tmp_path)
    c = save(laptop, call(), summary="one")
    machine(tmp_path, "laptop").commit(contact_changes("sam-r", c, None))        # delete
    machine(tmp_path, "laptop").commit(contact_changes("sam-r", None, c))        # undo
    machine(tmp_path, "laptop").commit(contact_changes("sam-r", c, None))        # redo
    machine(tmp_path, "laptop").commit(contact_changes("sam-r", None, c))        # undo again
    moved = c.model_copy(update={"at": datetime(2026, 1, 2, 19, tzinfo=timezone.utc)})
    machine(tmp_path, "laptop").commit(contact_changes("sam-r", c, moved))      # moved to 2026
    machine(tmp_path, "laptop").commit(contact_changes("sam-r", moved, c))      # and back (undo)
    machine(tmp_path, "laptop").commit(contact_changes("sam-r", c, moved))      # redo
    machine(tmp_path, "laptop").commit(contact_changes("sam-r", moved, c))      # undo
    s = machine(tmp_path, "laptop")
    step = s.load_sponsee("sam-r", TODAY).steps.get(4)
    with_a = step.model_copy(update={"notes": "n", "assignment": [Assignment(id="a-1", text="write")]})
    s.commit([step_change("sam-r", step, with_a)])
    machine(tmp_path, "laptop").commit([step_change("sam-r", with_a, step.model_copy(update={"notes": "n"}))])
    machine(tmp_path, "laptop").commit([step_change("sam-r", step.model_copy(update={"notes": "n"}), with_a)])
    # an edit in an editor, then a window saving the same field: "keep mine", then "keep the file's"
    f = year_file(laptop)
    f.write_text(f.read_text().replace('summary = "one"', 'summary = "by hand"'))
    for choice in (keep_mine, keep_theirs):
        s = machine(tmp_path, "laptop")
        shown = c
        try:
            s.commit(contact_changes("sam-r", shown, shown.model_copy(update={"summary": f"window {choice.__name__}"})))
        except ConflictError as e:
            again = [choice(ch, e.conflicts[0]) for ch in e.changes]
            s.commit([a for a in again if a is not None])
        c = s.contacts_in_year("sam-r", 2025)[0]
        f.write_text(f.read_text().replace(f'summary = "{c.summary}"', 'summary = "by hand again"'))
    assert all_ids(laptop) == {"laptop"}
