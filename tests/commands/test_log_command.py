from datetime import date

import pytest
from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.cli import main
from sponsordesk.store import Store
from sponsordesk.store.lock import DataLock

from tests.conftest import TODAY
from tests.tui.settle import opened, settled

DAY = ["--today", TODAY.isoformat()]


def test_log_writes_contact_and_suggestions_through_the_store(demo_dir, capsys):
    assert main([*DAY, "log", "marc", "--kind", "step-work", "--summary", "Read step 1 together", "--minutes", "40",
                 "--by", "sponsor", "--suggest", "Read pages 58-60", "--due", "2026-11-25",
                 "--suggest", "Call before the party"]) == 0
    out = capsys.readouterr().out
    assert "Logged a contact (step-work session) with Marcus B. on 2026-11-21." in out
    store = Store(demo_dir)
    newest = next(store.iter_contacts("marcus-b"))
    assert (newest.day, newest.kind, newest.by, newest.minutes, newest.summary) == (
        TODAY, "step_work", "sponsor", 40, "Read step 1 together")
    new = [s for s in store.suggestions("marcus-b") if s.contact == newest.id]
    assert [(s.text, s.due, s.given) for s in new] == [
        ("Read pages 58-60", date(2026, 11, 25), TODAY), ("Call before the party", None, TODAY)]


def test_log_on_an_earlier_day(demo_dir):
    assert main([*DAY, "log", "dana-o", "--summary", "Texted", "--kind", "text", "--on", "2026-11-20"]) == 0
    assert any(c.summary == "Texted" and c.day == date(2026, 11, 20) for c in Store(demo_dir).iter_contacts("dana-o"))


@pytest.mark.parametrize("argv, message", [
    (["marcus-b", "--kind", "chat", "--summary", "x"], "'chat' is not a kind of contact; use one of: call,"),
    (["marcus-b", "--summary", "x", "--suggest", "y", "--due", "2026-02-30"], "'2026-02-30' is not a date"),
    (["marcus-b", "--summary", "x", "--due", "2026-12-01"], "give --suggest TEXT first"),
    (["marcus-b", "--summary", "x", "--minutes", "-5"], "Minutes cannot be negative"),
])
def test_bad_input_exits_with_a_clear_message(demo_dir, capsys, argv, message):
    with pytest.raises(SystemExit) as exit:
        main([*DAY, "log", *argv])
    assert exit.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("argv, message", [
    (["nobody", "--summary", "x"], "no sponsee matches 'nobody'"),
    (["marcus-b", "--summary", "x", "--on", "2026-12-01"], "is in the future"),
    (["marcus-b", "--summary", "x", "--suggest", "y", "--due", "2026-11-01"], "is before the contact"),
    (["marcus-b", "--kind", "call"], "--summary is needed"),
])
def test_unknown_sponsee_and_impossible_dates_write_nothing(demo_dir, capsys, argv, message):
    before = len(list(Store(demo_dir).iter_contacts("marcus-b")))
    assert main([*DAY, "log", *argv]) == 2
    assert message in capsys.readouterr().err
    assert len(list(Store(demo_dir).iter_contacts("marcus-b"))) == before


def test_ambiguous_name_lists_the_matches(data_dir, capsys):
    main([*DAY, "import", "csv", "--apply", _two_sams(data_dir)])
    capsys.readouterr()
    assert main([*DAY, "log", "sam", "--summary", "x"]) == 2
    err = capsys.readouterr().err
    assert "'sam' matches 2 sponsees" in err and "sam-r " in err and "sam-r-2" in err


def _two_sams(data_dir):
    path = data_dir.parent / "sams.csv"
    path.write_text("name\nSam Rivera\nSam Ross\n")
    return str(path)


def test_log_is_refused_while_the_app_has_the_folder(demo_dir, capsys):
    lock = DataLock(demo_dir)
    assert lock.acquire()
    try:
        assert main([*DAY, "log", "marcus-b", "--summary", "x"]) == 1
    finally:
        lock.release()
    assert "the sponsordesk app has" in capsys.readouterr().err
    assert next(Store(demo_dir).iter_contacts("marcus-b")).summary != "x"


async def test_a_contact_logged_from_the_shell_shows_in_the_app(demo_dir, config_dir):
    assert main([*DAY, "log", "marcus", "--summary", "Called from the bus"]) == 0
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        await settled(pilot)
        table = app.screen.query_one(PlainTable)
        assert str(table.get_cell("marcus-b", "last")).strip() == "today"
        assert str(table.get_cell("dana-o", "last")).strip() == "yesterday"


def test_an_attempt_needs_no_summary(demo_dir):
    assert main([*DAY, "log", "marcus-b", "--kind", "attempt"]) == 0
    newest = next(Store(demo_dir).iter_contacts("marcus-b"))
    assert (newest.kind, newest.summary, newest.by) == ("attempt", "", "sponsor"), "a try with no answer was yours"


def test_a_retry_of_a_logged_contact_adds_nothing_unless_asked(demo_dir, capsys):
    argv = [*DAY, "log", "marcus-b", "--summary", "Rough day", "--suggest", "Call before the party"]
    assert main(argv) == 0
    capsys.readouterr()
    assert main(argv) == 0, "the contact is there: that is what was asked for"
    assert "Already logged" in capsys.readouterr().out
    store = Store(demo_dir)
    assert sum(c.summary == "Rough day" for c in store.iter_contacts("marcus-b")) == 1
    assert sum(s.text == "Call before the party" for s in store.suggestions("marcus-b")) == 1
    assert main([*argv, "--again"]) == 0
    assert sum(c.summary == "Rough day" for c in Store(demo_dir).iter_contacts("marcus-b")) == 2


@pytest.mark.parametrize("broken, extra", [
    ("suggestions.toml", ["--suggest", "y"]),
    ("suggestions.toml", []),  # nothing it would write, but an open suggestion it cannot see
    ("steps.toml", []),
])
def test_a_broken_file_means_nothing_is_logged(demo_dir, capsys, broken, extra):
    (demo_dir / "sponsees" / "marcus-b" / broken).write_text("[[suggestion]\n")
    before = len(list(Store(demo_dir).iter_contacts("marcus-b")))
    assert main([*DAY, "log", "marcus-b", "--summary", "x", *extra]) == 1
    err = capsys.readouterr().err
    assert broken in err and "nothing was logged" in err
    assert len(list(Store(demo_dir).iter_contacts("marcus-b"))) == before


def test_a_lock_file_that_cannot_be_opened_is_not_called_an_open_app(demo_dir, capsys):
    (demo_dir / ".sponsordesk.lock").mkdir()  # as a read-only disk would: opening it for writing fails
    code = main(["--today", TODAY.isoformat(), "log", "luis", "--summary", "short call"])
    err = capsys.readouterr().err
    assert code == 1 and "could not open" in err and "for writing" in err
    assert "app has" not in err
