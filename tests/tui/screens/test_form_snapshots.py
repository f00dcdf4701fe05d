"""Every form at 80x24 on the demo data: each field visibly a field, the focused one marked, as tall as it needs."""

from __future__ import annotations

import pytest

from sponsordesk.tui.app import SponsorDeskApp
from tests.conftest import TODAY
from tests.tui.settle import opened, then

FORMS = {
    "add": ("a", "tab"),
    "edit": ("e", "tab", "tab"),
    "quick_log": ("l",),
    "snooze": ("s",),
    "pause": ("p",),
    "end": ("x",),
    "step_dates": ("b", "d"),
    "assignment": ("b", "n"),
    "resolve": ("u", "enter"),
    "sobriety_fix": ("i", "h"),
}
"""Keys from the roster (Luis first) to each form; a tab or two where the focus should be seen moving."""


@pytest.mark.parametrize("keys", FORMS.values(), ids=FORMS.keys())
def test_form_snapshot(snap_compare, demo_dir, config_dir, keys):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=then(*keys))


async def test_tabbing_into_a_filled_field_keeps_its_text(demo_dir, config_dir):
    # Textual's Input selected the whole value on focus: the first key typed replaced a typed name
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("e", "tab", "tab", "shift+tab", "shift+tab")  # name, program, sobriety and back
        name = app.screen.query_one("#name")
        assert app.focused is name and name.cursor_position == len("Luis Romero")
        await pilot.press("space", "J", "r")
        assert name.value == "Luis Romero Jr"
        await pilot.press("tab", "tab", "1")
        assert app.screen.query_one("#sobriety").value == "2026-11-201", "typed at the end, nothing replaced"
