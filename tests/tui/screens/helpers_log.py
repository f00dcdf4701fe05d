"""Shared steps for the log tests: a sponsee to talk to and typing into fields."""

from __future__ import annotations

from datetime import date, datetime

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.rules.clock import Clock
from sponsordesk.model import SobrietyDate, Sponsee
from sponsordesk.store import Store
from tests.seed import put_profile
from tests.tui.settle import settled

NOW = datetime(2026, 11, 21, 9, 30).astimezone()
FIRST_DATE = date(2026, 6, 1)


def sam(data_dir) -> None:
    put_profile(Store(data_dir), Sponsee(id="sam-r", name="Sam Rivera", sobriety=[SobrietyDate(date=FIRST_DATE)]))


def app_for(data_dir, config_dir) -> SponsorDeskApp:
    return SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, clock=Clock(NOW))


async def type_into(pilot: Pilot, selector: str, text: str, clear: bool = True) -> None:
    """Focus a field, clear it and paste ``text`` into it, as a user would.

    Pasting rather than one key press per character keeps these tests fast.
    """
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await settled(pilot)
    if clear:
        if isinstance(widget, Input):
            widget.value = ""
        elif isinstance(widget, TextArea):
            widget.clear()
    if text:
        pilot.app.post_message(events.Paste(text))  # as the terminal driver does
    await settled(pilot)
