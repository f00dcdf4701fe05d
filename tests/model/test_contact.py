from datetime import datetime

import pytest
from pydantic import ValidationError

from sponsordesk.model import Contact, ContactKind, Suggestion


def test_attempt_does_not_connect():
    at = datetime(2026, 11, 20, 19, 0).astimezone()
    assert not Contact(id="c-1", at=at, kind="attempt").connected
    assert Contact(id="c-1", at=at, kind=ContactKind.CALL).connected


def test_local_datetime_is_read_as_local_time():
    contact = Contact(id="c-1", at=datetime(2026, 11, 20, 19, 0))
    assert contact.at.tzinfo is not None and contact.at.hour == 19


def test_negative_duration_refused():
    with pytest.raises(ValidationError) as info:
        Contact(id="c-1", at=datetime(2026, 11, 20).astimezone(), minutes=-5)
    assert info.value.errors()[0]["loc"] == ("minutes",)


def test_suggestion_open_by_default():
    s = Suggestion(id="s-1", text="90 meetings in 90 days", given=datetime(2026, 11, 1).date())
    assert s.is_open and s.status == "open"


def test_day_is_the_date_on_the_sponsors_clock(monkeypatch):
    import time
    from datetime import date, timezone

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        # written by a machine in UTC at 03:30; for a sponsor in New York it was the evening before
        contact = Contact(id="c-1", at=datetime(2026, 11, 21, 3, 30, tzinfo=timezone.utc))
        assert contact.day == date(2026, 11, 20)
    finally:
        monkeypatch.undo()
        time.tzset()
