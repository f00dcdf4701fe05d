"""Every broken or odd file is reported clearly, the rest loads, nothing is overwritten."""

from datetime import datetime, timezone

import pytest

from sponsordesk.model import Contact, StepBoard
from sponsordesk.store import BrokenFileError, ReadOnlyError, Store
from sponsordesk.store.changes import contact_changes, profile_change, step_change

from tests.conftest import TODAY
from tests.corpus_files import EXPECTED, LOADED, SECRETS, TEMP_FILE, contents, copy_corpus


@pytest.fixture
def corpus(tmp_path):
    return copy_corpus(tmp_path)[0]


def test_the_rest_loads_and_each_odd_file_is_reported_where_it_is(corpus):
    store = Store(corpus, read_only=True)
    records = store.load(TODAY)
    assert {r.id for r in records} == LOADED
    found = {(p.where(corpus).split(",")[0], p.severity): p for p in store.problems}
    for path, severity, words, line, field in EXPECTED:
        problem = found.get((path, severity))
        assert problem is not None, f"{path} was not reported as {severity}"
        assert words in problem.message and problem.line == line and problem.field == field, problem
    assert all(p.hint for p in store.problems), "every problem says what to do"


def test_bom_and_crlf_files_read_as_if_they_were_plain(corpus):
    records = {r.id: r for r in Store(corpus).load(TODAY)}
    assert records["ok-bom"].sponsee.name == "Bo Mills"
    assert records["ok-crlf"].sponsee.notes == "first line\nsecond line\n"
    assert records["ok-crlf"].last_connected is not None
    assert next(Store(corpus).iter_contacts("ok-crlf")).summary == "Good talk."


def test_messages_name_files_and_fields_never_values(corpus):
    store = Store(corpus)
    store.load(TODAY)
    text = "\n".join(p.describe(corpus) for p in store.problems)
    assert "cadence_days" in text and not any(secret in text for secret in SECRETS)


def test_nothing_broken_newer_or_copied_is_ever_written(corpus):
    before = contents(corpus)
    store = Store(corpus)
    records = {r.id: r for r in store.load(TODAY)}
    blank = StepBoard().get(1)
    with pytest.raises(BrokenFileError, match="steps.toml does not load"):
        store.commit([step_change("bad-steps", blank, blank.model_copy(update={"notes": "mine"}))])
    newer = records["newer"].sponsee
    with pytest.raises(ReadOnlyError, match="newer sponsordesk"):
        store.commit([profile_change(newer, newer.model_copy(update={"notes": "mine"}))])
    with pytest.raises(BrokenFileError, match="contacts/2026.toml does not load"):
        store.commit(contact_changes("bad-contacts", None,
                                     Contact(id="c-new", at=datetime(2026, 11, 21, tzinfo=timezone.utc))))
    sam = records["sam-r"].sponsee  # the good one saves; its conflict copies stay as they are
    store.commit([profile_change(sam, sam.model_copy(update={"notes": "mine"}))])

    after = contents(corpus)
    changed = {k for k in before if before[k] != after.get(k)}
    assert changed == {"sponsees/sam-r/profile.toml"}
    assert TEMP_FILE in after
