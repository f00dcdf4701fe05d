"""model.base: times in the data stay inside the years the app can count, in any zone."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from sponsordesk.model.base import _aware


def test_a_time_well_inside_the_years_comes_back_as_it_is():
    at = datetime(2026, 11, 21, 8, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert _aware(at) is at


@pytest.mark.parametrize("at", [
    datetime(2999, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=-12))),  # 3000 in UTC
    datetime(1900, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=14))),  # 1899 in UTC
    datetime(3000, 1, 1, tzinfo=timezone.utc),
], ids=["the last evening, far west", "the first night, far east", "past the years"])
def test_a_time_at_the_edge_of_the_years_is_still_checked_in_this_machines_zone(at, monkeypatch):
    # in UTC here, whatever the machine: one of the edge times lands outside the years there
    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()
    try:
        with pytest.raises(ValueError, match="not between 1900 and 2999"):
            _aware(at)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_local_time_is_given_this_machines_zone():
    assert _aware(datetime(2026, 11, 21, 8, 30)).tzinfo is not None
