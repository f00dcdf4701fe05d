"""The app left open past midnight: the index's records on the desk were made for yesterday's recent
contacts; reading one in full today (a card) or a focus reload says no "Picked up changes" for that."""

from __future__ import annotations

from datetime import date, timedelta

from sponsordesk.model.limits import RECENT_DAYS
from sponsordesk.rules.clock import Clock
from sponsordesk.store.quick import QuickRecord

from tests.conftest import TODAY
from tests.desk.test_active_later import _opened, indexed, read  # noqa: F401


def _boundary_day(desk) -> date:
    """A day D >= TODAY on which some index record's recent contact is the oldest one (D - RECENT_DAYS)."""
    days = sorted({c.day for r in desk.records if isinstance(r, QuickRecord) for c in r.recent
                   if c.day >= TODAY - timedelta(days=RECENT_DAYS)})
    return days[0] + timedelta(days=RECENT_DAYS)


def test_a_card_read_after_midnight_is_no_outside_change(indexed, config_dir, read):
    probe = _opened(indexed, config_dir, [])
    day = _boundary_day(probe)
    probe.close()
    desk = _opened(indexed, config_dir, read, today=day)
    told: list[bool] = []
    desk.found_in_files = told.append
    try:
        desk.ctx.clock = Clock(day + timedelta(days=1))  # the app left open past midnight
        for sponsee_id in [r.id for r in desk.records if isinstance(r, QuickRecord)]:
            desk.record(sponsee_id)
        assert told == [], "nothing changed on disk, yet 'Picked up changes made outside sponsordesk.'"
    finally:
        desk.close()


def test_a_focus_reload_after_midnight_is_no_outside_change(indexed, config_dir, read):
    probe = _opened(indexed, config_dir, [])
    day = _boundary_day(probe)
    probe.close()
    desk = _opened(indexed, config_dir, read, today=day)
    try:
        desk.ctx.clock = Clock(day + timedelta(days=1))
        assert not desk.apply(desk.read()).records, "nothing changed on disk, yet 'Picked up changes'"
    finally:
        desk.close()
