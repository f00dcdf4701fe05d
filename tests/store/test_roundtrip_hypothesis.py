"""Round-trips are lossless for any text a sponsor might type."""

from datetime import date, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sponsordesk.model import Contact, Sponsee
from sponsordesk.store import Store
from sponsordesk.store.changes import contact_changes

TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=TEXT.filter(lambda s: s.strip()), notes=TEXT, summary=TEXT,
       offset=st.integers(min_value=-12 * 60, max_value=14 * 60))
def test_any_text_round_trips(tmp_path_factory, name, notes, summary, offset):
    root = tmp_path_factory.mktemp("rt")
    store = Store(root)
    sponsee = Sponsee(id="x", name=name, notes=notes, phone='"quoted"', reach="a\r\nb")
    store.add_entries("x", profile=sponsee)
    at = datetime(2026, 11, 20, 19, 30, tzinfo=timezone(timedelta(minutes=offset)))
    store.commit(contact_changes("x", None, Contact(id="c-1", at=at, summary=summary)))
    record = Store(root).load(date(2026, 11, 21))[0]
    assert record.sponsee == sponsee
    assert record.recent[0].at == at
    assert next(Store(root).iter_contacts("x")).summary == summary  # the words come from the file, not the record
