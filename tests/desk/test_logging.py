"""Logging through the desk: a contact with everything decided in it, all or nothing; edit, delete, undo."""

from datetime import date, datetime

import pytest

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.desk.errors import ConflictError, StoreError
from sponsordesk.model import Contact, SobrietyDate, Sponsee, Suggestion, SuggestionStatus
from sponsordesk.rules.followthrough import LogEntry, NewSuggestion, Resolution, entry_suggestions, with_new_sobriety
from sponsordesk.store import Store, layout
from tests.seed import put_profile, put_suggestions

TODAY = date(2026, 11, 21)
OLD_DATE = date(2026, 6, 1)


@pytest.fixture
def desk(data_dir, config_dir):
    store = Store(data_dir)
    put_profile(store, Sponsee(id="sam-r", name="Sam Rivera", sobriety=[SobrietyDate(date=OLD_DATE)]))
    put_suggestions(store, "sam-r", [Suggestion(id="s-old", text="Call before the party", given=date(2026, 11, 1))])
    desk = Desk.open(Context.build(data_dir=data_dir, config_dir=config_dir, today=TODAY))
    yield desk
    desk.close()


def call(cid="c-1", day=TODAY, **kw) -> Contact:
    return Contact(id=cid, at=datetime.combine(day, datetime.min.time()).astimezone(), summary="Talked.", **kw)


def test_entry_gives_new_suggestions_and_resolves_open_ones(desk):
    entry = LogEntry(call(), [NewSuggestion("Read p. 58", date(2026, 11, 25)), NewSuggestion("Pray in the morning")],
                     [Resolution("s-old", SuggestionStatus.FOLLOWED, "called from the car")])
    desk.log("sam-r", entry)
    fresh = Store(desk.ctx.data_dir).load_sponsee("sam-r", TODAY)
    old = next(s for s in fresh.suggestions if s.id == "s-old")
    assert old.status == "followed" and old.resolved == TODAY and old.outcome == "called from the car"
    assert [s.text for s in fresh.open_suggestions] == ["Read p. 58", "Pray in the morning"]
    assert all(s.contact == "c-1" and s.given == TODAY for s in fresh.open_suggestions)
    assert fresh.last_connected.id == "c-1"


def test_relapse_keeps_the_previous_sobriety_date(desk):
    desk.log("sam-r", LogEntry(call(relapse=True), new_sobriety=date(2026, 11, 20)))
    sponsee = Store(desk.ctx.data_dir).load_sponsee("sam-r", TODAY).sponsee
    assert [s.date for s in sponsee.sobriety] == [date(2026, 11, 20), OLD_DATE]
    assert sponsee.sobriety_date == date(2026, 11, 20)
    assert with_new_sobriety(sponsee, TODAY).sobriety[-1].date == OLD_DATE


def test_editing_a_contact_updates_its_suggestions(desk):
    desk.log("sam-r", LogEntry(call(), [NewSuggestion("Read p. 58")]))
    record = desk.record("sam-r")
    shown = next(desk.iter_contacts("sam-r"))
    given = next(s for s in record.suggestions if s.contact == "c-1")
    edited = call(day=date(2026, 11, 20))
    edited.summary = "Talked a long time."
    desk.log("sam-r", LogEntry(edited, [NewSuggestion("Read p. 58-60", None, given.id)]), shown, record.suggestions)
    fresh = Store(desk.ctx.data_dir).load_sponsee("sam-r", TODAY)
    assert [c.id for c in fresh.recent] == ["c-1"]
    assert [c.summary for c in Store(desk.ctx.data_dir).iter_contacts("sam-r")] == ["Talked a long time."]
    assert [s.text for s in fresh.suggestions if s.contact == "c-1"] == ["Read p. 58-60"]


def test_delete_then_undo_restores_the_contact(desk):
    desk.log("sam-r", LogEntry(call(minutes=20)))
    contact = next(desk.iter_contacts("sam-r"))
    saved = desk.delete_contact("sam-r", contact)
    assert "Nov 21 call" in saved.undo.description
    assert desk.record("sam-r").recent == []
    desk.undo(saved.undo)
    assert [c.id for c in desk.record("sam-r").recent] == ["c-1"]
    assert next(desk.iter_contacts("sam-r")) == contact


def test_resolve_directly_and_undo_reopens(desk):
    shown = desk.record("sam-r").suggestions[0]
    saved = desk.resolve("sam-r", shown, SuggestionStatus.DROPPED, "not now")
    assert desk.record("sam-r").open_suggestions == []
    desk.undo(saved.undo)
    assert [s.id for s in desk.record("sam-r").open_suggestions] == ["s-old"]


def test_an_undo_never_overwrites_an_edit_made_since(desk):
    shown = desk.record("sam-r").suggestions[0]
    saved = desk.resolve("sam-r", shown, SuggestionStatus.DROPPED, "not now")
    path = layout.suggestions_path(desk.ctx.data_dir, "sam-r")
    path.write_text(path.read_text().replace('outcome = "not now"', 'outcome = "changed my mind, in the editor"'))
    with pytest.raises(ConflictError):
        desk.undo(saved.undo)
    assert "changed my mind" in path.read_text()


def test_entry_suggestions_leave_the_input_list_untouched():
    before = [Suggestion(id="s-1", text="x", given=TODAY)]
    ((was, now),) = entry_suggestions(before, LogEntry(call(), [], [Resolution("s-1", SuggestionStatus.NOT_FOLLOWED)]))
    assert before[0].is_open and was is before[0] and now.status == "not_followed"


def test_a_failed_save_writes_nothing_and_a_retry_logs_once(desk, monkeypatch):
    """The contact, its suggestions and a new sobriety date land together or not at all."""
    root = desk.ctx.data_dir
    files = [layout.contacts_path(root, "sam-r", 2026), layout.suggestions_path(root, "sam-r"),
             layout.profile_path(root, "sam-r")]
    before = [p.read_bytes() if p.exists() else None for p in files]
    entry = LogEntry(call(relapse=True), [NewSuggestion("Read p. 58")], new_sobriety=date(2026, 11, 20))
    real = desk.store.commit

    def full_disk(changes):
        raise StoreError("could not save sponsees/sam-r/suggestions.toml (No space left on device)")

    monkeypatch.setattr(desk.store, "commit", full_disk)
    with pytest.raises(StoreError):
        desk.log("sam-r", entry)
    assert [p.read_bytes() if p.exists() else None for p in files] == before
    monkeypatch.setattr(desk.store, "commit", real)
    desk.log("sam-r", entry)
    desk.log("sam-r", entry)  # the same entry again (a retry after the first one landed): nothing twice
    fresh = Store(root).load_sponsee("sam-r", TODAY)
    assert len(fresh.recent) == 1 and [s.text for s in fresh.open_suggestions] == ["Call before the party", "Read p. 58"]
    assert [s.date for s in fresh.sponsee.sobriety] == [date(2026, 11, 20), OLD_DATE]
