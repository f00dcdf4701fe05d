"""The model's plain parts: the local date of a contact, remembered and still right after a zone change."""

from datetime import date, datetime, timedelta, timezone

from sponsordesk.model.plain import ContactFacts, local_day


class Counted(datetime):
    """A datetime that counts its conversions to this machine's zone."""

    conversions = 0

    def astimezone(self, tz=None):
        Counted.conversions += 1
        return super().astimezone(tz)


def test_a_contacts_day_is_worked_out_once_and_again_when_the_zone_changes(zone):
    zone("UTC")
    at = Counted(2026, 11, 21, 3, 30, tzinfo=timezone.utc)
    facts = ContactFacts("c-1", at)
    Counted.conversions = 0
    assert [facts.day for _ in range(5)] == [date(2026, 11, 21)] * 5
    assert Counted.conversions == 1, "the roster, the rhythm and the agenda each ask: converted once"
    # the same moment written in another offset is the same day
    assert local_day(datetime(2026, 11, 20, 22, 30, tzinfo=timezone(timedelta(hours=-5)))) == date(2026, 11, 21)

    zone("America/New_York")  # for a sponsor in New York it was the evening before
    assert facts.day == date(2026, 11, 20)
    zone("Asia/Tokyo")
    assert local_day(at) == date(2026, 11, 21)
    assert Counted.conversions == 3


def test_the_remembered_days_are_forgotten_after_a_minute(zone, monkeypatch):
    import sponsordesk.model.plain as plain

    zone("UTC")
    at = Counted(2026, 11, 21, 3, 30, tzinfo=timezone.utc)
    Counted.conversions = 0
    local_day(at)
    local_day(at)
    assert Counted.conversions == 1
    # a minute on: a zone the C library follows without tzset (macOS) is taken up by then
    monkeypatch.setattr(plain, "_DAYS_SINCE", plain._DAYS_SINCE - plain._DAYS_FOR - 1)
    local_day(at)
    assert Counted.conversions == 2
