"""Files a person wrote by hand, changed through the app's keys: every comment and untouched line stays."""

from __future__ import annotations

import difflib

from textual.widgets import Input

from sponsordesk.store import layout
from sponsordesk.tui.screens.board import BoardScreen
from sponsordesk.tui.screens.contact_form import ContactFormScreen
from sponsordesk.tui.screens.log import LogScreen
from sponsordesk.tui.screens.roster import RosterScreen
from tests.tui.screens.helpers_log import app_for, type_into
from tests.tui.settle import opened, run

PROFILE = """\
# Sam, sponsored since the spring retreat.
schema_version = 1
id = "sam-r"
name = "Sam Rivera"   # as he signs his texts

program = "AA"
phone = "555-0142"
reach = "text first"  # never call at work
home_group = "Tuesday Night Big Book"

# dates, newest first; the 2025 one was before the funeral
sobriety = [
    { date = 2026-06-01, note = "" },
    { date = 2025-04-12, note = "relapsed after a funeral" },
]

[status]
state = "active"
reason = ""  # nothing to say
"""

STEPS = """\
schema_version = 1

# Step 1 took a while; that is fine.
[[step]]
number = 1
status = "done"
started = 2026-06-02
completed = 2026-07-20
notes = '''
Admitted it out loud at the home group.
'''

[[step]]
number = 2
status = "working"   # since the retreat
started = 2026-07-21
notes = "Reading chapter 4."

# ---- steps 3-12 not started yet ----
"""

CONTACTS = """\
# Sam's calls this year (hand-copied from the paper notebook)
schema_version = 1

[[contact]]
id = "c-1"
at = 2026-11-18T19:00:00-05:00
kind = "call"
summary = "Talked about work."   # a good one
minutes = 15

# the last one before the trip
[[contact]]
id = "c-2"
at = 2026-11-20T08:05:30-05:00
summary = \"\"\"
Step 2 questions.
Went to the noon meeting after.
\"\"\"
minutes = 30
mood = "steady"
"""


def write_files(data_dir) -> dict:
    paths = {
        "profile": layout.profile_path(data_dir, "sam-r"),
        "steps": layout.steps_path(data_dir, "sam-r"),
        "contacts": layout.contacts_path(data_dir, "sam-r", 2026),
    }
    for key, text in (("profile", PROFILE), ("steps", STEPS), ("contacts", CONTACTS)):
        paths[key].parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        paths[key].write_text(text)
    return paths


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(lines taken out, lines put in), less the one ``rev`` stamp line each saved entry gains (for syncing)."""
    gone, new = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            gone.append(line[2:])
        elif line.startswith("+ "):
            new.append(line[2:])
    stamps = [line for line in new if line.startswith("rev = ")]
    assert len(stamps) == 1, "the saved entry is stamped, once"
    return gone, [line for line in new if line not in stamps]


async def test_changes_through_the_keys_keep_every_comment_and_untouched_line(data_dir, config_dir):
    paths = write_files(data_dir)
    app = app_for(data_dir, config_dir)
    async with opened(app, (100, 40)) as pilot:
        assert isinstance(app.screen, RosterScreen)
        await run(pilot, "e")  # the profile form: a new way to reach him
        app.screen.query_one("#reach", Input).value = "text first, calls after 6pm"
        await run(pilot, "ctrl+s", "b")  # the step board: step 2 is done
        assert isinstance(app.screen, BoardScreen)
        await run(pilot, "right_square_bracket", "escape", "c")  # the log: the newest call took longer
        assert isinstance(app.screen, LogScreen)
        await run(pilot, "e")
        assert isinstance(app.screen, ContactFormScreen)
        await type_into(pilot, "#minutes", "45")
        await run(pilot, "ctrl+s")
        assert isinstance(app.screen, LogScreen)

    gone, new = changed_lines(PROFILE, paths["profile"].read_text())
    assert gone == ['reach = "text first"  # never call at work']
    assert new == ['reach = "text first, calls after 6pm"  # never call at work']

    gone, new = changed_lines(STEPS, paths["steps"].read_text())
    assert gone == ['status = "working"   # since the retreat']
    assert new[0] == 'status = "done"   # since the retreat' and new[1].startswith("completed = ")
    assert len(new) == 2

    gone, new = changed_lines(CONTACTS, paths["contacts"].read_text())
    assert gone == ["minutes = 30"] and new == ["minutes = 45"]
