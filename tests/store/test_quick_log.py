"""The log's first page read without pydantic says what the models say, or nothing: for every file of the
demo, the corpus of odd and broken files, and entries made up of any values, the plain reading is the
models' reading field by field, or None (and the models read the file)."""

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sponsordesk.model import ContactFile, SuggestionFile
from sponsordesk.store import Store, layout, quick_log, tomlio
from sponsordesk.store.quick import QuickContact, QuickSuggestion
from sponsordesk.store.sync_stamps import without_sync

from tests.conftest import TODAY
from tests.corpus_files import copy_corpus

PLUS_TWO = timezone(timedelta(hours=2))


def contact_fields(contact) -> tuple:
    return tuple(getattr(contact, name) for name in QuickContact._fields)


def suggestion_fields(suggestion) -> tuple:
    return tuple(getattr(suggestion, name) for name in QuickSuggestion._fields)


def models_read(path: Path, model):
    """What the models make of a file, the store's way (stamps and tombstones left out); None if they refuse."""
    try:
        return model.model_validate(without_sync(tomlio.parse(path.read_bytes())))
    except Exception:  # noqa: BLE001 - refused: the plain reading must refuse too
        return None


def same_as_the_models(root: Path, sponsee_id: str) -> int:
    """Every year file and the suggestions file of one sponsee: the plain reading, when it answers, is the
    models'. Returns how many files it answered for."""
    answered = 0
    store = Store(root, read_only=True)
    for year in store.contact_years(sponsee_id):
        plain = quick_log.read_year(root, sponsee_id, year)
        if plain is None:
            continue
        answered += 1
        models = store.contacts_in_year(sponsee_id, year)
        assert sorted(map(contact_fields, plain), key=repr) == sorted(map(contact_fields, models), key=repr), year
    plain_suggestions = quick_log.read_suggestions(root, sponsee_id)
    if plain_suggestions is not None:
        answered += 1
        found = models_read(layout.suggestions_path(root, sponsee_id), SuggestionFile)
        models = found.suggestion if found is not None else []
        assert layout.suggestions_path(root, sponsee_id).exists() or plain_suggestions == []
        assert list(map(suggestion_fields, plain_suggestions)) == list(map(suggestion_fields, models))
    return answered


def test_every_file_of_the_demo_reads_plainly_as_the_models_read_it(demo_dir):
    ids = Store(demo_dir).sponsee_ids()
    answered = sum(same_as_the_models(demo_dir, sponsee_id) for sponsee_id in ids)
    years = sum(len(Store(demo_dir).contact_years(i)) for i in ids)
    assert answered == years + len(ids), "the demo's files are plain: every one read without the models"


def test_odd_and_broken_files_are_read_as_the_models_read_them_or_left_to_them(tmp_path):
    root = copy_corpus(tmp_path)[0]
    store = Store(root, read_only=True)
    store.load(TODAY)
    ids = store.sponsee_ids()
    refused = answered = 0
    for sponsee_id in ids:
        answered += same_as_the_models(root, sponsee_id)
        years = store.contact_years(sponsee_id)
        refused += sum(quick_log.read_year(root, sponsee_id, y) is None for y in years)
        refused += quick_log.read_suggestions(root, sponsee_id) is None
    broken = {p.path for p in store.problems}
    for sponsee_id in ids:
        for year in store.contact_years(sponsee_id):
            if layout.contacts_path(root, sponsee_id, year) in broken:
                assert quick_log.read_year(root, sponsee_id, year) is None, f"{sponsee_id}/{year}: a problem"
        if layout.suggestions_path(root, sponsee_id) in broken:
            assert quick_log.read_suggestions(root, sponsee_id) is None, f"{sponsee_id}: a problem"
    assert refused and answered, "the corpus has files only the models can say what is wrong with, and others"


def write(root: Path, name: str, text: str) -> Path:
    path = (layout.contacts_path(root, "ann", 2026) if name == "contacts"
            else layout.suggestions_path(root, "ann"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


GOOD_CONTACT = 'id = "c1"\nat = 2026-11-20T19:30:00+02:00\nkind = "call"\nby = "sponsor"\nminutes = 20\n'


@pytest.mark.parametrize("text", [
    "schema_version = 1\n",  # no contacts yet: an empty list
    f"schema_version = 1\nrev = 3\n[[contact]]\n{GOOD_CONTACT}rev = 2\n",  # a synced file's stamps
    f'deleted = [{{id = "c0", rev = 1}}]\n[[contact]]\n{GOOD_CONTACT}',  # and its tombstones
    f'[[contact]]\n{GOOD_CONTACT}summary = """Two\nlines"""\nrelapse = true\ncrisis = false\nmeetings = 3\n'
    'meeting_notes = "home group"\n',
    '[[contact]]\nid = "c1"\nat = 2026-01-01T00:30:00-08:00\n',  # defaults; another offset
], ids=["version only", "stamps", "tombstones", "every field", "defaults"])
def test_files_the_plain_reading_answers_for(tmp_path, text):
    path = write(tmp_path, "contacts", text)
    plain = quick_log.read_year(tmp_path, "ann", 2026)
    assert plain is not None
    models = models_read(path, ContactFile)
    assert list(map(contact_fields, plain)) == list(map(contact_fields, models.contact))


@pytest.mark.parametrize("entry", [
    GOOD_CONTACT + "mood = 3\n",  # a key the models keep and the store reports
    'id = "c1"\nat = 2026-11-20T19:30:00\n',  # no zone: the models read it in this machine's
    'id = "c1"\nat = 2026-11-20\n',
    'id = "c1"\nat = 1900-06-01T10:00:00+00:00\n',  # the first year: the models check its day here
    GOOD_CONTACT.replace("20\n", "20.0\n"),
    GOOD_CONTACT.replace("20\n", "true\n"),
    GOOD_CONTACT.replace("20\n", "-1\n"),
    GOOD_CONTACT.replace("20\n", "1441\n"),
    GOOD_CONTACT.replace('"call"', '"Call"'),
    GOOD_CONTACT.replace('"sponsor"', '"them"'),
    GOOD_CONTACT + "relapse = 1\n",
    GOOD_CONTACT + "summary = 5\n",
    GOOD_CONTACT + "meetings = 501\n",
    'id = 7\nat = 2026-11-20T19:30:00+02:00\n',
    'at = 2026-11-20T19:30:00+02:00\n',
    'id = "c1"\nat = 2025-11-20T19:30:00+02:00\n',  # in 2026's file: the store says so
], ids=["unknown key", "no zone", "a date", "year 1900", "float minutes", "bool minutes", "negative",
        "over a day", "kind's case", "unknown by", "int flag", "number summary", "meetings", "number id",
        "no id", "another year"])
def test_an_entry_the_plain_reading_is_not_sure_of_leaves_the_file_to_the_models(tmp_path, entry):
    write(tmp_path, "contacts", f"[[contact]]\n{entry}")
    assert quick_log.read_year(tmp_path, "ann", 2026) is None


@pytest.mark.parametrize("text", [
    f"schema_version = 2\n[[contact]]\n{GOOD_CONTACT}",  # newer: shown read-only, with a warning
    f"schema_version = 0\n[[contact]]\n{GOOD_CONTACT}",  # older: upgraded first
    f'schema_version = "1"\n[[contact]]\n{GOOD_CONTACT}',
    f'conflict = [{{id = "c1"}}]\n[[contact]]\n{GOOD_CONTACT}',  # versions kept by a sync merge
    f"[[contact]]\n{GOOD_CONTACT}[[contact]]\n{GOOD_CONTACT}",  # one id twice
    "",  # emptied by a sync tool or a full disk: the store says so
    "   \n",
    "[[contact]\n",  # broken
    "contact = [1, 2]\n",
    "[contact]\nid = \"c1\"\n",
    "notes = \"mine\"\n",
], ids=["newer", "older", "text version", "kept versions", "one id twice", "empty", "blank", "broken", "numbers",
        "a table", "unknown file key"])
def test_a_file_the_plain_reading_is_not_sure_of_is_left_to_the_models(tmp_path, text):
    write(tmp_path, "contacts", text)
    assert quick_log.read_year(tmp_path, "ann", 2026) is None


def test_a_year_file_that_is_a_folder_or_not_utf8_is_left_to_the_models(tmp_path):
    path = write(tmp_path, "contacts", "")
    path.unlink()
    path.mkdir()
    assert quick_log.read_year(tmp_path, "ann", 2026) is None
    path.rmdir()
    path.write_bytes(b'[[contact]]\nid = "\xff"\n')
    assert quick_log.read_year(tmp_path, "ann", 2026) is None
    path.unlink()
    assert quick_log.read_year(tmp_path, "ann", 2026) == [], "no such year: nothing to show"


GOOD_SUGGESTION = 'id = "s1"\ntext = "Read chapter 5"\ngiven = 2026-11-01\n'


def test_suggestions_the_plain_reading_answers_for(tmp_path):
    path = write(tmp_path, "suggestions", f'[[suggestion]]\n{GOOD_SUGGESTION}contact = "c1"\ndue = 2026-12-01\n'
                 'status = "followed"\nresolved = 2026-11-10\noutcome = "Done"\nrev = 4\n'
                 f'[[suggestion]]\n{GOOD_SUGGESTION.replace("s1", "s2")}')
    plain = quick_log.read_suggestions(tmp_path, "ann")
    models = models_read(path, SuggestionFile)
    assert plain is not None and list(map(suggestion_fields, plain)) == list(map(suggestion_fields, models.suggestion))
    assert [s.is_open for s in plain] == [False, True]


@pytest.mark.parametrize("entry", [
    GOOD_SUGGESTION.replace('"Read chapter 5"', '""'),
    GOOD_SUGGESTION.replace("2026-11-01", "2026-11-01T10:00:00"),
    GOOD_SUGGESTION.replace("2026-11-01", "3000-01-01"),
    GOOD_SUGGESTION.replace("given = 2026-11-01\n", ""),
    GOOD_SUGGESTION + 'status = "done"\n',
    GOOD_SUGGESTION + "contact = 5\n",
    GOOD_SUGGESTION + "due = \"soon\"\n",
    GOOD_SUGGESTION + "priority = 1\n",
], ids=["empty text", "a time", "year 3000", "no date given", "unknown status", "number contact", "text due",
        "unknown key"])
def test_a_suggestion_the_plain_reading_is_not_sure_of_leaves_the_file_to_the_models(tmp_path, entry):
    write(tmp_path, "suggestions", f"[[suggestion]]\n{entry}")
    assert quick_log.read_suggestions(tmp_path, "ann") is None


# Any values, right or wrong, in any of a contact's keys and a few others: whatever the plain reading answers is
# what the models read.
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 1500), st.floats(allow_nan=False, allow_infinity=False, width=16),
    st.sampled_from(["call", "text", "in_person", "meeting", "step_work", "attempt", "sponsee", "sponsor", "",
                     " call", "Call", "x"]),
    st.text(max_size=5), st.dates(date(1899, 12, 25), date(3000, 1, 2)),
    st.datetimes(datetime(1899, 12, 25), datetime(3000, 1, 2), timezones=st.sampled_from([None, timezone.utc, PLUS_TWO])),
)
KEYS = st.sampled_from(["id", "at", "kind", "by", "minutes", "summary", "relapse", "crisis", "meetings",
                        "meeting_notes", "rev", "mood"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(st.dictionaries(KEYS, VALUES, max_size=6).map(
    lambda e: {"id": "c", "at": datetime(2026, 5, 1, 9, tzinfo=timezone.utc), **e}), max_size=3))
def test_whatever_the_plain_reading_answers_is_what_the_models_read(tmp_path, entries):
    import tomli_w

    entries = [{k: v for k, v in e.items() if v is not None} for e in entries]
    for n, entry in enumerate(entries):
        if isinstance(entry.get("id"), str):
            entry["id"] += str(n)
    path = write(tmp_path, "contacts", tomli_w.dumps({"contact": entries}))
    plain = quick_log.read_year(tmp_path, "ann", 2026)
    if plain is None:
        return
    models = models_read(path, ContactFile)
    assert models is not None, "the plain reading took what the models refuse"
    assert list(map(contact_fields, plain)) == list(map(contact_fields, models.contact))
    assert not any(c.model_extra for c in models.contact), "an unknown key the plain reading let through"
