from datetime import date, datetime, timedelta

from icalendar import Calendar

from sponsordesk.desk.context import Context
from sponsordesk.desk import Desk
from sponsordesk.exports.calendar import calendar_text
from sponsordesk.model import Contact, SobrietyDate, Sponsee, Status
from sponsordesk.store import Store

from tests.conftest import NOW, TODAY
from tests.seed import add_contact, put_profile


def _sponsee(sid: str, name: str, sober: date, **extra) -> Sponsee:
    return Sponsee(id=sid, name=name, program="AA", sobriety=[SobrietyDate(date=sober)], **extra)


def _write(data_dir) -> Store:
    store = Store(data_dir)
    put_profile(store, _sponsee("leap-d", "Leap Day", date(2024, 2, 29)))
    put_profile(store, _sponsee("morgan-e", "Morgan Ende", date(2026, 8, 31)))
    put_profile(store, _sponsee("sam-r", "Sam Rivera", date(2020, 5, 1), cadence_days=3))
    put_profile(store, _sponsee("gone-a", "Gone Away", date(2020, 5, 1),
                                status=Status(state="ended", ended=date(2026, 1, 1))))
    add_contact(store, "sam-r", Contact(id="c-1", at=datetime(2026, 11, 20, 19, 0).astimezone(), summary="talked"))
    return store


def _events(data_dir, config_dir, today=TODAY) -> dict[str, tuple[date, str]]:
    ctx = Context.build(data_dir=data_dir, config_dir=config_dir, today=today)
    text = calendar_text(Desk.open(ctx, read_only=True), NOW)
    parsed = Calendar.from_ical(text)
    return {str(e["uid"]): (e.decoded("dtstart"), str(e["summary"])) for e in parsed.walk("VEVENT")
            if str(e["status"]) != "CANCELLED"}


def test_milestones_are_all_day_events_with_clamped_dates(data_dir, config_dir):
    _write(data_dir)
    events = _events(data_dir, config_dir)
    # Feb 29 reaches its anniversary on Feb 28 in a common year
    assert events["milestone-3y-leap-d@sponsordesk"] == (date(2027, 2, 28), "Leap D. - 3 years")
    # Aug 31 + 6 months clamps to the end of February; 9 months is May 31
    assert events["milestone-6m-morgan-e@sponsordesk"] == (date(2027, 2, 28), "Morgan E. - 6 months")
    assert events["milestone-9m-morgan-e@sponsordesk"] == (date(2027, 5, 31), "Morgan E. - 9 months")
    assert events["milestone-90d-morgan-e@sponsordesk"] == (date(2026, 11, 29), "Morgan E. - 90 days")
    assert events["milestone-1y-morgan-e@sponsordesk"] == (date(2027, 8, 31), "Morgan E. - 1 year")
    # only what is ahead, up to a year
    assert "milestone-60d-morgan-e@sponsordesk" not in events
    assert all(TODAY <= day <= TODAY + timedelta(days=366) for day, _ in events.values())
    assert all(isinstance(day, date) and not isinstance(day, datetime) for day, _ in events.values())


def test_next_call_due_from_last_contact_and_cadence(data_dir, config_dir):
    _write(data_dir)
    events = _events(data_dir, config_dir)
    assert events["next-call-sam-r@sponsordesk"] == (date(2026, 11, 23), "Sam R. - call due")
    # never talked: due today
    assert events["next-call-leap-d@sponsordesk"][0] == TODAY
    assert not any("gone-a" in uid for uid in events), "an ended sponsorship has no events"


def test_uids_are_stable_so_reimport_updates(data_dir, config_dir):
    store = _write(data_dir)
    first = _events(data_dir, config_dir)
    assert first == _events(data_dir, config_dir)
    # a new call moves the due date but keeps the event's identity
    add_contact(store, "sam-r", Contact(id="c-2", at=datetime(2026, 11, 22, 9, 0).astimezone(), summary="again"))
    later = _events(data_dir, config_dir, today=TODAY + timedelta(days=1))
    assert later["next-call-sam-r@sponsordesk"][0] == date(2026, 11, 25)
    assert set(later) == set(first)


def test_hidden_names_show_initials_and_no_details(data_dir, config_dir):
    _write(data_dir)
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "settings.toml").write_text("hide_names = true\n")
    ctx = Context.build(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    text = calendar_text(Desk.open(ctx, read_only=True), NOW)
    assert "L.D. - 3 years" in text and "S.R. - call due" in text
    assert "Leap" not in text and "Rivera" not in text and "(AA)" not in text
    # found by a review: every event's UID held the folder id (sam-r), made from the name
    assert not [ident for ident in ("sam-r", "leap-d", "morgan-e") if ident in text]
    assert calendar_text(Desk.open(ctx, read_only=True), NOW) == text, "the UIDs stay the same: a re-import updates"


def _parsed(data_dir, config_dir, now, today=TODAY):
    """The export as vobject, a parser that did not write it, reads it (and validates it)."""
    import vobject

    ctx = Context.build(data_dir=data_dir, config_dir=config_dir, today=today)
    text = calendar_text(Desk.open(ctx, read_only=True), now)
    calendar = vobject.readOne(text, validate=True)
    return {str(e.uid.value): e for e in calendar.vevent_list}


def test_a_parser_that_did_not_write_it_reads_every_event(data_dir, config_dir):
    _write(data_dir)
    events = _parsed(data_dir, config_dir, NOW)
    assert len(events) >= 10
    for event in events.values():
        assert event.dtstart.value < event.dtend.value and int(event.sequence.value) > 0
        assert event.status.value in ("CONFIRMED", "CANCELLED")


def test_sequence_grows_with_every_export_that_moves_an_event(data_dir, config_dir):
    store = _write(data_dir)
    first = _parsed(data_dir, config_dir, NOW)
    add_contact(store, "sam-r", Contact(id="c-2", at=datetime(2026, 11, 21, 10, 0).astimezone(), summary="again"))
    later = _parsed(data_dir, config_dir, NOW + timedelta(minutes=5))  # the same day: the count once stood still
    uid = "next-call-sam-r@sponsordesk"
    assert later[uid].dtstart.value != first[uid].dtstart.value
    assert int(later[uid].sequence.value) > int(first[uid].sequence.value)


def test_ended_and_paused_sponsees_events_come_back_cancelled(data_dir, config_dir):
    store = _write(data_dir)
    before = _parsed(data_dir, config_dir, NOW)
    sam = [uid for uid in before if uid.endswith("-sam-r@sponsordesk")]
    assert all(before[uid].status.value == "CONFIRMED" for uid in sam)
    record = store.load_sponsee("sam-r", TODAY)
    put_profile(store, record.sponsee.model_copy(update={"status": Status(state="paused", until=date(2028, 1, 1))}))
    paused = _parsed(data_dir, config_dir, NOW + timedelta(hours=1))
    assert set(sam) <= set(paused), "nothing simply vanishes (calendar apps would keep showing it)"
    assert all(paused[uid].status.value == "CANCELLED" for uid in sam if uid.startswith("milestone-"))
    call = paused["next-call-sam-r@sponsordesk"]  # moved to the day the pause ends
    assert call.status.value == "CONFIRMED" and call.dtstart.value == date(2028, 1, 1)
    assert all(e.status.value == "CANCELLED" for uid, e in paused.items() if uid.endswith("-gone-a@sponsordesk"))
    assert any(uid.endswith("-gone-a@sponsordesk") for uid in paused), "ended this year: sent cancelled"


def test_an_al_anon_milestone_is_time_in_the_program_never_clean(data_dir, config_dir):
    put_profile(Store(data_dir), Sponsee(id="ana-a", name="Ana Alves", program="Al-Anon",
                                         sobriety=[SobrietyDate(date=date(2026, 8, 31))]))
    ctx = Context.build(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    parsed = Calendar.from_ical(calendar_text(Desk.open(ctx, read_only=True), NOW))
    details = [str(e["description"]) for e in parsed.walk("VEVENT") if str(e["uid"]).startswith("milestone-")]
    assert details and all("in the program" in d and "clean" not in d for d in details)
