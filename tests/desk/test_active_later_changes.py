"""What a reading says changed when a sponsee came from the index before: any outside edit, not only what the
index holds (each case also with every file read at start)."""

from __future__ import annotations

import pytest

from sponsordesk.store import layout

from tests.desk.test_active_later import ACTIVE, _opened, indexed, read  # noqa: F401


@pytest.mark.parametrize("active_later", [False, True], ids=["files read at start", "from the index"])
def test_an_outside_edit_to_a_field_the_index_does_not_hold_is_announced(indexed, config_dir, read, active_later):
    """Home group, notes, a suggestion's words, a contact's summary: the index holds none of them, and a
    reading that finds such an edit still says "Picked up changes made outside sponsordesk." (the folder's
    files no longer match the index: changed, whatever changed in them)."""
    desk = _opened(indexed, config_dir, read, active_later=active_later)
    try:
        profile = layout.profile_path(indexed, ACTIVE)
        text = profile.read_text()
        assert "home_group = " in text
        profile.write_text(text.replace("home_group = ", 'home_group = "Edited in an editor" # was ', 1))
        changed = desk.apply(desk.read())
        assert next(r for r in desk.records if r.id == ACTIVE).sponsee.home_group == "Edited in an editor"
        assert changed.records, "an outside edit went unannounced"
    finally:
        desk.close()
