"""The key a form's Save button names saves from every field of the form, and enter on the button saves."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Button, Select

from sponsordesk.store import Store
from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.dialogs.quick_log import QuickLogScreen
from sponsordesk.tui.screens.roster import RosterScreen
from tests.conftest import TODAY
from tests.tui.settle import opened, settled

FORMS = {
    "add": ("a",), "edit": ("e",), "quick log": ("l",), "full log form": ("L",), "snooze": ("s",),
    "pause": ("p",), "end": ("x",), "sobriety history": ("i", "h"), "assignment": ("b", "n"),
    "step dates": ("b", "d"), "how a suggestion went": ("u", "enter"),
}
"""Each form and the keys that open it from the roster (Luis, first on the demo's agenda)."""


def save_key(screen) -> str:
    """'ctrl+s' from 'Save (ctrl+s)': the key the button tells the person to press."""
    label = str(screen.query_one("#save", Button).label)
    named = re.search(r"\(([^)]+)\)$", label)
    assert named, f"the Save button names no key: {label!r}"
    return named.group(1)


@pytest.mark.parametrize("form", list(FORMS))
async def test_the_key_on_the_save_button_saves_from_every_field(demo_dir, config_dir, form):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (100, 40)) as pilot:
        await pilot.press(*FORMS[form])
        await settled(pilot)
        screen = app.screen
        key = save_key(screen)
        saves: list[str] = []
        screen.action_save = lambda *args, **kwargs: saves.append("saved")  # what the form would save is not the point
        missed = []
        for control in screen.query("Input, Select, TextArea, Checkbox"):
            if not control.focusable:
                continue
            control.focus()
            await settled(pilot)
            saves.clear()
            await pilot.press(key)
            await settled(pilot)
            if not saves:
                missed.append(control.id)
            if isinstance(control, Select) and control.expanded:
                await pilot.press("escape")  # the list it opened instead
                await settled(pilot)
        assert not missed, f"{key} on the {form} form's Save button, but not in {missed}"


async def test_enter_on_the_quick_logs_save_button_saves(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("l", "tab", "tab", "tab")  # kind: call, who: they did, minutes -> summary
        await pilot.press(*"Checked", "space", *"in")
        await pilot.press("tab")  # -> Save
        await settled(pilot)
        assert app.screen.focused is app.screen.query_one("#save"), "on the Save button"
        before = len(list(Store(demo_dir).iter_contacts("luis-r")))
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, RosterScreen), "saved and closed, no list opened"
        contacts = list(Store(demo_dir).iter_contacts("luis-r"))
        assert len(contacts) == before + 1 and any(c.summary == "Checked in" for c in contacts)


async def test_enter_on_the_quick_logs_save_button_with_no_line_says_what_is_missing(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("l", "shift+tab", "shift+tab")  # kind -> cancel -> save
        await settled(pilot)
        assert app.screen.focused is app.screen.query_one("#save")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, QuickLogScreen) and not app.screen.query_one("#kind", Select).expanded
        assert app.screen.focused is app.screen.query_one("#summary"), "the cursor goes to the line it needs"
