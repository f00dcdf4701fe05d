from datetime import date, datetime

from sponsordesk.rules.followthrough import (
    LogEntry,
    NewSuggestion,
    Resolution,
    apply_entry,
    delete_contact,
    resolve_and_save,
    save_entry,
    with_new_sobriety,
)
from sponsordesk.model import Contact, SobrietyDate, Sponsee, Suggestion, SuggestionStatus
from sponsordesk.store import Store

TODAY = date(2026, 11, 21)
OLD_DATE = date(2026, 6, 1)


def setup(data_dir):
    store = Store(data_dir)
    store.save_sponsee(Sponsee(id="sam-r", name="Sam Rivera", sobriety=[SobrietyDate(date=OLD_DATE)]))
    store.save_suggestions("sam-r", [Suggestion(id="s-old", text="Call before the party", given=date(2026, 11, 1))])
    return store


def call(cid="c-1", day=TODAY, **kw) -> Contact:
    return Contact(id=cid, at=datetime.combine(day, datetime.min.time()).astimezone(), summary="Talked.", **kw)


def test_entry_gives_new_suggestions_and_resolves_open_ones(data_dir):
    store = setup(data_dir)
    record = store.load_sponsee("sam-r", TODAY)
    entry = LogEntry(call(), [NewSuggestion("Read p. 58", date(2026, 11, 25)), NewSuggestion("Pray in the morning")],
                     [Resolution("s-old", SuggestionStatus.FOLLOWED, "called from the car")])
    save_entry(store, record, entry)

    fresh = Store(data_dir).load_sponsee("sam-r", TODAY)
    old = next(s for s in fresh.suggestions if s.id == "s-old")
    assert old.status == "followed" and old.resolved == TODAY and old.outcome == "called from the car"
    assert [s.text for s in fresh.open_suggestions] == ["Read p. 58", "Pray in the morning"]
    assert all(s.contact == "c-1" and s.given == TODAY for s in fresh.open_suggestions)
    assert fresh.last_connected.id == "c-1"


def test_relapse_keeps_the_previous_sobriety_date(data_dir):
    store = setup(data_dir)
    record = store.load_sponsee("sam-r", TODAY)
    save_entry(store, record, LogEntry(call(relapse=True), new_sobriety=date(2026, 11, 20)))
    sponsee = Store(data_dir).load_sponsee("sam-r", TODAY).sponsee
    assert [s.date for s in sponsee.sobriety] == [date(2026, 11, 20), OLD_DATE]
    assert sponsee.sobriety_date == date(2026, 11, 20)
    assert with_new_sobriety(sponsee, TODAY).sobriety[-1].date == OLD_DATE


def test_editing_a_contact_updates_its_suggestions(data_dir):
    store = setup(data_dir)
    save_entry(store, store.load_sponsee("sam-r", TODAY), LogEntry(call(), [NewSuggestion("Read p. 58")]))
    record = store.load_sponsee("sam-r", TODAY)
    given = next(s for s in record.suggestions if s.contact == "c-1")
    edited = call(day=date(2026, 11, 20))
    edited.summary = "Talked a long time."
    save_entry(store, record, LogEntry(edited, [NewSuggestion("Read p. 58-60", None, given.id)]), old_year=2026)
    fresh = Store(data_dir).load_sponsee("sam-r", TODAY)
    assert [c.id for c in fresh.recent] == ["c-1"]
    assert [c.summary for c in Store(data_dir).iter_contacts("sam-r")] == ["Talked a long time."]
    assert [s.text for s in fresh.suggestions if s.contact == "c-1"] == ["Read p. 58-60"]


def test_delete_then_undo_restores_the_contact(data_dir):
    store = setup(data_dir)
    save_entry(store, store.load_sponsee("sam-r", TODAY), LogEntry(call(minutes=20)))
    contact = store.load_sponsee("sam-r", TODAY).recent[0]
    undo = delete_contact(store, "sam-r", contact)
    assert "Nov 21 call" in undo.description
    assert Store(data_dir).load_sponsee("sam-r", TODAY).recent == []
    undo.restore()
    assert Store(data_dir).load_sponsee("sam-r", TODAY).recent == [contact]


def test_resolve_directly_and_undo_reopens(data_dir):
    store = setup(data_dir)
    record = store.load_sponsee("sam-r", TODAY)
    undo = resolve_and_save(store, record, "s-old", SuggestionStatus.DROPPED, "not now", TODAY)
    assert Store(data_dir).load_sponsee("sam-r", TODAY).open_suggestions == []
    undo.restore()
    assert [s.id for s in Store(data_dir).load_sponsee("sam-r", TODAY).open_suggestions] == ["s-old"]


def test_apply_entry_leaves_the_input_list_untouched():
    before = [Suggestion(id="s-1", text="x", given=TODAY)]
    after = apply_entry(before, LogEntry(call(), [], [Resolution("s-1", SuggestionStatus.NOT_FOLLOWED)]))
    assert before[0].is_open and after[0].status == "not_followed"


def test_a_retry_after_a_failed_save_does_not_log_the_contact_twice(data_dir, monkeypatch):
    from sponsordesk.store import StoreError

    store = setup(data_dir)
    record = store.load_sponsee("sam-r", TODAY)
    entry = LogEntry(call(), [NewSuggestion("Read p. 58")])
    real = store.save_suggestions

    def fail(*args):
        raise StoreError("suggestions.toml changed outside sponsordesk")

    monkeypatch.setattr(store, "save_suggestions", fail)
    done: set[str] = set()
    try:
        save_entry(store, record, entry, done=done)
    except StoreError:
        pass
    assert done == {"contact"}
    monkeypatch.setattr(store, "save_suggestions", real)
    save_entry(store, record, entry, done=done)
    fresh = Store(data_dir).load_sponsee("sam-r", TODAY)
    assert len(fresh.recent) == 1 and [s.text for s in fresh.open_suggestions] == ["Call before the party", "Read p. 58"]
