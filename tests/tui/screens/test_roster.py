"""The roster driven by keys: add, quick-log, snooze, pause, end, filter, sort."""

from __future__ import annotations

import re

from datetime import date, datetime, time, timedelta

import pytest
from textual import events
from textual.widgets import Input
from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.model import Contact, SobrietyDate, Sponsee
from sponsordesk.tui.screens.roster import RosterScreen
from sponsordesk.store import Store, layout, locations
from sponsordesk.tui.dialogs.conflict import ConflictScreen
from sponsordesk.tui.widgets.form_field import FormField
from sponsordesk.tui.widgets.today_panel import TodayPanel

from tests.conftest import TODAY
from tests.seed import add_contact, put_profile
from tests.tui.notices import listen
from tests.tui.settle import from_palette, opened, settled


def app_for(data_dir, config_dir) -> SponsorDeskApp:
    return SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def roster(app) -> RosterScreen:
    return next(s for s in app.screen_stack if isinstance(s, RosterScreen))


def agenda_text(app) -> str:
    return roster(app).query_one(TodayPanel).plain


def agenda_names(app) -> list[str]:
    return [app.desk.name(f.record.sponsee) for f in app.desk.agenda()]


def names_in_table(app) -> list[str]:
    table = roster(app).query_one("#roster", PlainTable)
    return [str(table.get_row_at(i)[1]).strip() for i in range(table.row_count)]


def status_of(app, name: str) -> str:
    table = roster(app).query_one("#roster", PlainTable)
    row = next(i for i in range(table.row_count) if str(table.get_row_at(i)[1]).strip() == name)
    return str(table.get_row_at(row)[0]).strip()


def one_overdue_sponsee(data_dir) -> None:
    """Sam: talked 5 days ago, calls every 3 days, nothing else due."""
    store = Store(data_dir)
    put_profile(store, Sponsee(id="sam-r", name="Sam Rivera", cadence_days=3,
                               sobriety=[SobrietyDate(date=date(2020, 1, 10))]))
    at = datetime.combine(TODAY - timedelta(days=5), time(19)).astimezone()
    add_contact(store, "sam-r", Contact(id="c-1", at=at, summary="Talked about work."))


async def choose(pilot, name: str) -> None:
    """Select a sponsee the way a user would: filter by typing, then back to the table."""
    await pilot.press("slash")
    await type_text(pilot, name)
    await pilot.press("enter")


async def test_add_refuses_a_bad_field_with_its_message_then_saves(data_dir, config_dir):
    app = app_for(data_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("a")
        await pilot.press("tab", "tab")  # name -> program -> sobriety date
        await type_text(pilot, "2026-11-31")
        await pilot.press("ctrl+s")
        await settled(pilot)
        form = app.screen
        assert "name is needed" in form.query_one("#field-name", FormField).error
        assert "not a date" in form.query_one("#field-sobriety", FormField).error
        assert not (data_dir / "sponsees").exists(), "nothing saved until every field is good"
        await type_text(pilot, "Sam Rivera")  # the first bad field has the focus
        await pilot.press("tab", "tab", "ctrl+u")  # the cursor lands at the end; ctrl+u clears to the start
        await type_text(pilot, "2026-11-01")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert (data_dir / "sponsees" / "sam-r" / "profile.toml").exists()
        assert names_in_table(app) == ["Sam R."]
        assert "no contact logged yet" in agenda_text(app)
        assert Store(data_dir).load(TODAY)[0].sponsee.sobriety_date == date(2026, 11, 1)


async def test_escape_on_a_typed_profile_asks_before_the_typing_is_lost(demo_dir, config_dir):
    from sponsordesk.tui.dialogs.confirm import ConfirmScreen
    from sponsordesk.tui.dialogs.sponsee_form import SponseeFormScreen

    before = layout.profile_path(demo_dir, "marcus-b").read_bytes()
    app = app_for(demo_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await choose(pilot, "Marcus")
        await pilot.press("e")
        await settled(pilot)
        await pilot.press("escape")  # nothing typed: closes at once
        await settled(pilot)
        assert isinstance(app.screen, RosterScreen)
        await pilot.press("e")
        await settled(pilot)
        await type_text(pilot, " Jr")
        await pilot.press("escape")
        await settled(pilot)
        assert isinstance(app.screen, ConfirmScreen), "escape asks first, as the log form does"
        await pilot.press("n")
        await settled(pilot)
        assert isinstance(app.screen, SponseeFormScreen) and app.screen.query_one("#name", Input).value == "Marcus Bell Jr"
        await pilot.press("escape", "y")
        await settled(pilot)
        assert isinstance(app.screen, RosterScreen)
    assert layout.profile_path(demo_dir, "marcus-b").read_bytes() == before


async def test_quick_log_a_call_and_they_leave_the_agenda(data_dir, config_dir):
    one_overdue_sponsee(data_dir)
    app = app_for(data_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        assert "5 days since you talked; every 3 days" in agenda_text(app)
        assert status_of(app, "Sam R.") == "!! overdue"
        await pilot.press("l", "tab", "tab")  # kind: call, who: they reached out, -> minutes
        await type_text(pilot, "ten")
        await pilot.press("enter")
        await settled(pilot)
        assert "whole number" in app.screen.query_one("#field-minutes", FormField).error
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "20")
        await pilot.press("tab")
        await type_text(pilot, "Good talk about the weekend")
        await pilot.press("enter")
        await settled(pilot)
        assert "Nobody is due today" in agenda_text(app)
        assert status_of(app, "Sam R.") == "✓ fine"
        record = Store(data_dir).load(TODAY)[0]
        saved = next(Store(data_dir).iter_contacts(record.id))
        assert record.last_connected.id == saved.id
        assert saved.minutes == 20 and saved.summary == "Good talk about the weekend"


async def test_an_attempt_is_shown_but_keeps_them_on_the_agenda(data_dir, config_dir):
    one_overdue_sponsee(data_dir)
    app = app_for(data_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("l", "enter")  # open the kind list
        await pilot.press("end", "enter")  # "tried, no answer" is last
        await settled(pilot)
        assert app.screen.query_one("#by").value == "sponsor", "a try with no answer was yours"
        await pilot.press("ctrl+s")  # no summary: an attempt needs none
        await settled(pilot)
        assert "tried once today" in agenda_text(app) and "5 days since you talked" in agenda_text(app)
    tried = next(Store(data_dir).iter_contacts("sam-r"))
    assert (tried.kind, tried.by, tried.summary) == ("attempt", "sponsor", "")


async def test_a_quick_logged_call_needs_its_line(data_dir, config_dir):
    one_overdue_sponsee(data_dir)
    app = app_for(data_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("l", "ctrl+s")  # a call, nothing typed
        await settled(pilot)
        assert "what you talked about" in app.screen.query_one("#field-summary", FormField).error
        assert app.screen.focused is app.screen.query_one("#summary"), "the cursor goes to the field to fix"
        assert len(list(Store(data_dir).iter_contacts("sam-r"))) == 1, "nothing saved"


async def test_snooze_until_tomorrow_survives_a_restart(data_dir, config_dir):
    one_overdue_sponsee(data_dir)
    app = app_for(data_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("s", "enter")  # the date field starts at tomorrow
        await settled(pilot)
        assert "Nobody is due today" in agenda_text(app)
        assert status_of(app, "Sam R.") == "z snoozed"
    again = app_for(data_dir, config_dir)
    async with opened(again, (80, 24)):
        assert "Nobody is due today" in agenda_text(again)
        assert again.desk.records[0].sponsee.snoozed_until == TODAY + timedelta(days=1)
    tomorrow = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY + timedelta(days=1))
    async with opened(tomorrow, (80, 24)):
        assert "Sam R." in agenda_text(tomorrow)


async def test_pause_end_toggle_ended_and_resume(demo_dir, config_dir):
    app = app_for(demo_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        assert "Jordan K." not in names_in_table(app), "ended sponsorships are hidden at first"
        await choose(pilot, "Dana")
        await pilot.press("p", "enter")  # back in 14 days
        await settled(pilot)
        assert status_of(app, "Dana O.") == "‖ paused" and "Dana O." not in agenda_names(app)
        await pilot.press("x", "enter")  # no reason yet
        await settled(pilot)
        assert "why" in app.screen.query_one("#field-reason", FormField).error
        await type_text(pilot, "moved away")
        await pilot.press("enter", "y")
        await settled(pilot)
        assert names_in_table(app) == [], "ended and filtered: nothing left to show"
        assert (demo_dir / "sponsees" / "dana-o" / "profile.toml").exists(), "never deleted"
        await pilot.press("escape", "E")
        await settled(pilot)
        assert status_of(app, "Dana O.") == "– ended" and status_of(app, "Jordan K.") == "– ended"
        await choose(pilot, "Dana")
        await pilot.press("r")  # found by a review: this wiped the end's date and reason, unasked
        await settled(pilot)
        assert "Resume Dana O.?" in str(app.screen.question) and "kept" in str(app.screen.question)
        await pilot.press("y")
        await settled(pilot)
        assert status_of(app, "Dana O.") != "– ended" and "Dana O." in agenda_names(app)
        (back,) = [r.sponsee for r in Store(demo_dir).load(TODAY) if r.id == "dana-o"]
        assert back.status.state == "active"
        assert back.notes.rstrip().endswith(f"Sponsorship ended {TODAY.isoformat()}: moved away; resumed "
                                            f"{TODAY.isoformat()}."), "the end is kept in the notes"


async def test_end_can_be_cancelled_at_the_confirmation(demo_dir, config_dir):
    app = app_for(demo_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await choose(pilot, "Ellen")
        await pilot.press("x")
        await type_text(pilot, "x")
        await pilot.press("tab")
        await type_text(pilot, "just testing")
        await pilot.press("enter", "n", "escape")
        await settled(pilot)
        assert status_of(app, "Ellen F.") != "– ended"


async def test_filter_and_sort_by_keys(demo_dir, config_dir):
    app = app_for(demo_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        assert names_in_table(app)[0] == "Luis R.", "most urgent first"
        await choose(pilot, "na")
        assert names_in_table(app) == ["Luis R.", "Dana O."]  # program NA, most urgent first
        await pilot.press("escape")
        assert len(names_in_table(app)) == 6 and not roster(app).query_one("#filter", Input).display
        await pilot.press("o")
        assert names_in_table(app) == sorted(names_in_table(app))
        await pilot.press("O")
        assert names_in_table(app) == sorted(names_in_table(app), reverse=True)


async def test_clicking_a_header_sorts_by_it(demo_dir, config_dir):
    app = app_for(demo_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await pilot.click("#roster", offset=(16, 0))  # the Name header
        await settled(pilot)
        assert roster(app).sort_column == "name"
        assert names_in_table(app) == sorted(names_in_table(app))


def headers(app) -> list[str]:
    table = roster(app).query_one("#roster", PlainTable)
    return [label.strip(" ▲▼") for label in table.columns.values()]


async def test_contact_rhythm_column_shows_from_100_columns_and_sorts_by_keys(demo_dir, config_dir):
    app = app_for(demo_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        assert "12 weeks" not in headers(app), "no room at 80 columns"
        for _ in range(len(headers(app))):
            await pilot.press("o")
            assert roster(app).sort_column != "rhythm", "o skips a column that is not shown"
    app = app_for(demo_dir, config_dir)
    async with opened(app, (120, 40)) as pilot:
        assert headers(app)[6] == "12 weeks"
        table = roster(app).query_one("#roster", PlainTable)
        sparks = [str(table.get_row_at(i)[6]).strip() for i in range(table.row_count)]
        assert all(len(s) == 12 for s in sparks)
        for _ in range(6):
            await pilot.press("o")
        assert roster(app).sort_column == "rhythm"


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_cursor_and_filter_stay_put_after_other_screens_and_reloads(demo_dir, config_dir, size):
    app = app_for(demo_dir, config_dir)
    async with opened(app, size) as pilot:
        await choose(pilot, "aa")
        await pilot.press("down", "down")
        table = roster(app).query_one("#roster", PlainTable)
        picked, shown = roster(app).selected_id, names_in_table(app)
        assert picked and table.cursor_row == 2
        for keys in (["b", "right_square_bracket", "escape"], ["c", "escape"], ["ctrl+r"], ["f4", "f4"]):
            await pilot.press(*keys)
            assert roster(app).selected_id == picked, f"cursor moved after {keys}"
            assert names_in_table(app) == shown, f"filter lost after {keys}"
        app.post_message(events.AppFocus())  # back from another window: the app reloads
        await settled(pilot)
        assert roster(app).selected_id == picked and table.cursor_row == 2
        assert roster(app).query_one("#filter", Input).value == "aa"


async def test_hidden_names_show_initials_in_the_table_and_the_agenda(demo_dir, config_dir):
    app = app_for(demo_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("f4")
        await settled(pilot)
        assert "L.R." in names_in_table(app) and "Luis R." not in names_in_table(app)
        assert "L.R." in agenda_text(app) and "Luis" not in agenda_text(app)


async def test_edit_a_sponsee(demo_dir, config_dir):
    app = app_for(demo_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await choose(pilot, "Marcus")
        await pilot.press("e", "ctrl+a", "ctrl+k")
        await type_text(pilot, "Marcus Bellamy")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert Store(demo_dir).load_sponsee("marcus-b", TODAY).sponsee.name == "Marcus Bellamy"


def _edit_profile_elsewhere(data_dir, **values) -> None:
    """An editor changes fields of Marcus's profile.toml, leaving the rest as written."""
    path = layout.profile_path(data_dir, "marcus-b")
    text = path.read_text()
    for key, value in values.items():
        text = re.sub(rf'(?m)^{key} = .*$', f'{key} = "{value}"', text)
    path.write_text(text)


async def test_the_profile_form_keeps_fields_edited_elsewhere_meanwhile(demo_dir, config_dir):
    app = app_for(demo_dir, config_dir)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await choose(pilot, "Marcus")
        await pilot.press("e")
        await settled(pilot)
        _edit_profile_elsewhere(demo_dir, home_group="Thursday Step Study", notes="Changed in an editor.")
        app.screen.query_one("#reach", Input).focus()
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "text first")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, RosterScreen)
        assert told.any("were kept too")
    saved = Store(demo_dir).load_sponsee("marcus-b", TODAY).sponsee
    assert (saved.reach, saved.home_group, saved.notes) == ("text first", "Thursday Step Study", "Changed in an editor.")


async def _save_reach_changed_in_both(pilot, demo_dir, **elsewhere) -> None:
    """Marcus's profile form open, his file changed in an editor meanwhile, "text first" typed as his best way
    to reach him, and saved."""
    app = pilot.app
    await choose(pilot, "Marcus")
    await pilot.press("e")
    await settled(pilot)
    _edit_profile_elsewhere(demo_dir, **elsewhere)
    app.screen.query_one("#reach", Input).focus()
    await pilot.press("ctrl+a", "ctrl+k")
    await type_text(pilot, "text first")
    await pilot.press("ctrl+s")
    await settled(pilot)


async def test_the_profile_form_asks_when_the_same_field_changed_elsewhere(demo_dir, config_dir):
    app = app_for(demo_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await _save_reach_changed_in_both(pilot, demo_dir, reach="calls after 6pm", home_group="Thursday Step Study")
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("escape")  # back: what was typed is still there
        await settled(pilot)
        assert app.screen.query_one("#reach", Input).value == "text first"
        assert app.screen.query_one("#home_group", Input).value == "Thursday Step Study", "the form shows the file now"
        await pilot.press("ctrl+s")
        await settled(pilot)
        await pilot.press("m")  # keep mine, for that field only
        await settled(pilot)
        assert isinstance(app.screen, RosterScreen)
    saved = Store(demo_dir).load_sponsee("marcus-b", TODAY).sponsee
    assert (saved.reach, saved.home_group) == ("text first", "Thursday Step Study")


async def test_keys_have_ids_and_descriptions():
    from sponsordesk.tui.screens.roster import RosterScreen

    for binding in RosterScreen.BINDINGS:
        assert binding.id and binding.id.startswith("roster.") and binding.description


async def test_a_wide_name_keeps_the_today_panels_reasons_in_line(data_dir, config_dir):
    from rich.cells import cell_len

    from sponsordesk.tui.widgets.today_panel import AgendaText

    store = Store(data_dir)
    for ident, name in (("wang-x", "王小明 Wang"), ("sam-r", "Sam Rivera")):
        put_profile(store, Sponsee(id=ident, name=name, cadence_days=3, sobriety=[SobrietyDate(date=date(2020, 1, 10))]))
    app = app_for(data_dir, config_dir)
    async with opened(app, (80, 24)):
        lines = app.screen.query_one(AgendaText).render().plain.split("\n")
        starts = {cell_len(line[: line.index("no contact")]) for line in lines if "no contact" in line}
        assert len(starts) == 1, f"a CJK name pushed its reasons out of line: {lines}"


async def test_ended_sponsorships_are_read_off_the_ui_thread(demo_dir, config_dir, monkeypatch):
    import threading

    from sponsordesk.desk.desk import Desk
    from sponsordesk.store.store import Store as RealStore

    ui = threading.get_ident()
    ended_read_on: set[str] = set()
    real = RealStore.load_sponsee

    def watched(self, folder_id, today, ended_in_full=True):
        if folder_id == "jordan-k" and ended_in_full:
            ended_read_on.add("ui" if threading.get_ident() == ui else "worker")
        return real(self, folder_id, today, ended_in_full)

    monkeypatch.setattr(RealStore, "load_sponsee", watched)
    real_read_ended = Desk.read_ended

    def read_ended(self):
        if self.ended_pending:
            pytest.fail("ended sponsorships read on the UI thread")
        real_read_ended(self)

    monkeypatch.setattr(Desk, "read_ended", read_ended)
    app = app_for(demo_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        assert app.desk.ended_pending and "Jordan K." not in names_in_table(app)
        await pilot.press("E")
        await settled(pilot)
        assert status_of(app, "Jordan K.") == "– ended" and not app.desk.ended_pending
        assert ended_read_on == {"worker"}


async def test_e_twice_before_they_are_read_leaves_them_hidden_and_says_so(demo_dir, config_dir):
    from tests.tui.notices import listen

    app = app_for(demo_dir, config_dir)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("E", "E")
        await settled(pilot)
        table = app.screen.query_one("#roster", PlainTable)
        assert "Jordan K." not in names_in_table(app) and not table.loading
        assert told.items[-1][0] == "Ended sponsorships hidden (E shows them)."


async def test_an_ended_sponsorships_broken_file_found_by_e_is_no_outside_change(demo_dir, config_dir):
    from tests.tui.notices import listen

    (demo_dir / "sponsees" / "jordan-k" / "steps.toml").write_text("this is = not [toml\n")
    app = app_for(demo_dir, config_dir)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("E")
        await settled(pilot)
        assert any(title == "Some files did not load" for _, title, _ in told.items) and "steps.toml" in told.text
        assert "Picked up changes made outside sponsordesk" not in told.text
        assert not app.screen.query_one("#roster", PlainTable).loading


async def test_a_filter_that_matches_nobody_says_so_and_how_to_clear_it(demo_dir, config_dir):
    app = app_for(demo_dir, config_dir)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("slash", *"zzzz", "enter")
        await settled(pilot)
        assert names_in_table(app) == []
        nobody = "Nobody matches “zzzz”; esc clears the filter."
        assert told.any(nobody, "warning")
        await pilot.press("b")  # the board of whom?
        await settled(pilot)
        assert told.text.count(nobody) == 2 and "add one with a" not in told.text
        await pilot.press("escape")
        await settled(pilot)
        assert "Luis R." in names_in_table(app)


async def test_f4_masks_both_versions_in_a_conflict_already_open(demo_dir, config_dir):
    from tests.tui.screens.test_privacy import on_screen

    app = app_for(demo_dir, config_dir)
    async with opened(app, (120, 40)) as pilot:
        await _save_reach_changed_in_both(pilot, demo_dir, reach="calls after 6pm")
        assert isinstance(app.screen, ConflictScreen) and "calls after 6pm" in on_screen(app)
        await pilot.press("f4")
        await settled(pilot)
        assert "calls after 6pm" not in on_screen(app) and "text first" not in on_screen(app)
        await pilot.press("f4")
        await settled(pilot)
        assert "calls after 6pm" in on_screen(app) and "text first" in on_screen(app)


async def test_a_profile_broken_in_an_editor_meanwhile_is_named_with_its_line_and_stays_said(data_dir, config_dir):
    one_overdue_sponsee(data_dir)
    app = app_for(data_dir, config_dir)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        profile = layout.profile_path(data_dir, "sam-r")
        lines = profile.read_text().splitlines()
        at = next(n for n, line in enumerate(lines) if line.startswith("name = "))
        lines[at] = "name = Sam Rivera"  # a value without quotes, as an editor leaves it
        broken = "\n".join(lines) + "\n"
        profile.write_text(broken)
        await pilot.press("s", "enter")
        await settled(pilot)
        assert told.any(f"sponsees/sam-r/profile.toml does not load (line {at + 1}, not valid TOML")
        assert profile.read_text() == broken, "never overwritten"
        await pilot.press("escape")  # the snooze dialog stayed open with what was chosen
        await settled(pilot)
        panel = app.screen.query_one(TodayPanel)
        assert panel.border_title.endswith("· 1 file did not load"), "said after the message has gone"
        told.items.clear()
        await pilot.press("ctrl+r")
        await settled(pilot)
        assert told.titled("Some files did not load"), "ctrl+r says it again, though nothing changed since"
        profile.write_text(broken.replace("name = Sam Rivera", 'name = "Sam Rivera"'))
        await pilot.press("ctrl+r")
        await settled(pilot)
        assert "did not load" not in panel.border_title, [p.describe() for p in app.desk.problems]
        assert "Sam R." in agenda_text(app)


async def test_a_new_sponsee_like_one_already_there_is_named_apart_from_the_first_message(data_dir, config_dir):
    one_overdue_sponsee(data_dir)  # Sam Rivera
    app = app_for(data_dir, config_dir)
    told = listen(app)
    async with opened(app, (120, 40)) as pilot:
        await pilot.press("a")
        await settled(pilot)
        await type_text(pilot, "Sam Reyes")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert told.any("Sam Re. saved."), told.text
        assert "Sam Ri." in agenda_text(app) and "Sam Re." in agenda_text(app)


async def test_a_broken_settings_file_is_not_counted_as_a_data_file_that_did_not_load(data_dir, config_dir):
    one_overdue_sponsee(data_dir)
    settings = locations.settings_file(config_dir)
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("hide_names = yes please\n")  # broken TOML: defaults are used, nobody is missing
    app = app_for(data_dir, config_dir)
    async with opened(app, (120, 40)) as pilot:
        await settled(pilot)
        assert "Sam R." in agenda_text(app), "everyone is on the agenda"
        title = str(app.screen.query_one(TodayPanel).border_title)
        assert "did not load" not in title, title


async def test_a_file_deleted_after_it_did_not_load_is_no_longer_counted_once_its_sponsee_is_read_again(
        data_dir, config_dir):
    one_overdue_sponsee(data_dir)
    steps = layout.steps_path(data_dir, "sam-r")
    steps.write_text("")  # 'the file is empty ... restore it from a backup or delete it'
    app = app_for(data_dir, config_dir)
    async with opened(app, (120, 40)) as pilot:
        await settled(pilot)
        panel = app.screen.query_one(TodayPanel)
        assert str(panel.border_title).endswith("1 file did not load")
        steps.unlink()  # as the hint says
        await pilot.press("s", "enter")  # a save for Sam reads Sam's files again
        await settled(pilot)
        assert app.desk.record("sam-r").sponsee.snoozed_until is not None, "the snooze was saved"
        assert "did not load" not in str(panel.border_title), [p.describe() for p in app.desk.problems]


async def _started_from_the_index(demo_dir, config_dir, monkeypatch) -> tuple[SponsorDeskApp, list]:
    """A first start (it leaves the index), then the app as a next start makes it: the profiles it parses noted."""
    first = app_for(demo_dir, config_dir)
    async with opened(first, (120, 40)) as pilot:
        await settled(pilot)
    parsed: list = []
    real = Store._read

    def noted(self, path, model):
        parsed.append(path)
        return real(self, path, model)

    monkeypatch.setattr(Store, "_read", noted)
    return app_for(demo_dir, config_dir), parsed


async def test_e_after_a_start_from_the_index_shows_ended_ones_with_their_names_and_data(demo_dir, config_dir,
                                                                                         monkeypatch):
    app, parsed = await _started_from_the_index(demo_dir, config_dir, monkeypatch)
    profile = layout.profile_path(demo_dir, "jordan-k")
    async with opened(app, (120, 40)) as pilot:
        await settled(pilot)
        assert profile not in parsed, "named from the index at start"
        await pilot.press("E")
        await settled(pilot)
        assert profile in parsed and not app.desk.ended_pending
        table = roster(app).query_one("#roster", PlainTable)
        from_index = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
    for made in (demo_dir / ".sponsordesk-index").iterdir():
        made.unlink()  # the next start reads every profile
    again = app_for(demo_dir, config_dir)
    async with opened(again, (120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("E")
        await settled(pilot)
        table = roster(again).query_one("#roster", PlainTable)
        from_files = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert status_of(again, "Jordan K.") == "– ended"
    assert from_index == from_files, "every row, ended ones too, as a start without the index shows them"


async def test_an_ended_profile_broken_after_a_start_from_the_index_is_reported_by_e(demo_dir, config_dir,
                                                                                  monkeypatch):
    app, parsed = await _started_from_the_index(demo_dir, config_dir, monkeypatch)
    profile = layout.profile_path(demo_dir, "jordan-k")
    told = listen(app)
    async with opened(app, (120, 40)) as pilot:
        await settled(pilot)
        assert profile not in parsed
        profile.write_text(profile.read_text().replace('program = "NA"', 'program = "NA'))
        await pilot.press("E")
        await settled(pilot)
        assert any(title == "Some files did not load" for _, title, _ in told.items)
        assert "sponsees/jordan-k/profile.toml" in told.text and "line 5" in told.text
        assert "Jordan K." not in names_in_table(app), "not loaded: a file that does not load is never shown"


async def test_the_palette_names_ended_ones_from_the_index_and_opens_their_card_read_in_full(demo_dir, config_dir,
                                                                                           monkeypatch):
    from sponsordesk.tui.screens.card import CardScreen
    from sponsordesk.tui.widgets.card import SponseeCard

    app, parsed = await _started_from_the_index(demo_dir, config_dir, monkeypatch)
    profile = layout.profile_path(demo_dir, "jordan-k")
    async with opened(app, (120, 40)) as pilot:
        await settled(pilot)
        assert profile not in parsed and app.desk.ended_pending
        await from_palette(pilot, "sponsee: jordan k. · card")
        await settled(pilot)
        assert isinstance(app.screen, CardScreen) and app.screen.sponsee_id == "jordan-k"
        text = app.screen.query_one(SponseeCard).plain
        assert "Jordan Kim" in text and "Phone: 555-0101" in text and "Home group: Clean and Serene" in text
        assert profile in parsed, "read in full when opened"


async def _each_palette_screen_of(pilot, name: str) -> None:
    """Open each screen the command palette offers for the sponsee shown as ``name`` ("jordan k."), then go
    back: the first reads them in full (Desk.record), the others after it."""
    first = name.split()[0]
    for text, screen in ((f"sponsee: {name} · card", "CardScreen"), (f"sponsee: {name} · log", "LogScreen"),
                         (f"contact: log a contact with {first}", "ContactFormScreen"),
                         (f"sponsee: {name}", "BoardScreen")):
        await from_palette(pilot, text)
        await settled(pilot)
        assert type(pilot.app.screen).__name__ == screen, text
        await pilot.press("escape")
        await settled(pilot)


@pytest.mark.slow
async def test_every_palette_entry_of_an_ended_sponsorship_named_from_the_index_opens_without_a_crash(
        demo_dir, config_dir):
    """Found sound in review: every screen the palette opens reads the sponsee in full first."""
    from sponsordesk.model.plain import EndedName

    async with opened(SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY), (120, 40)):
        pass  # the first start leaves the index
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:
        held = next(r for r in app.desk.records if r.id == "jordan-k")
        assert held.partial and type(held.sponsee) is EndedName, "named from the index"
        await pilot.press("f4", "f4")  # names hidden (initials of the index's name) and shown again
        await settled(pilot)
        await _each_palette_screen_of(pilot, "jordan k.")
        await pilot.press("E")
        await settled(pilot)
        assert not app.desk.ended_pending  # every ended sponsorship read in full (others may still be from the index)


@pytest.mark.slow
async def test_sponsees_from_the_index_show_in_full_on_the_card_the_board_and_every_palette_entry(
        demo_dir, config_dir):
    """A second start takes the sponsees not ended from the index (no file parsed); the card beside the
    roster, each screen the palette opens and a quick log read the highlighted sponsee in full first."""
    from sponsordesk.store.quick import QuickRecord
    from sponsordesk.tui.screens.board import BoardScreen
    from sponsordesk.tui.widgets.card import SponseeCard

    async with opened(SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY), (160, 50)):
        pass  # the first start leaves the index
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (160, 50)) as pilot:
        assert sum(isinstance(r, QuickRecord) for r in app.desk.records) >= 5, "from the index"
        first = app.screen.selected_id
        card = app.screen.query_one(SponseeCard).plain
        full = Store(demo_dir).load_sponsee(first, TODAY)
        assert full.sponsee.phone in card and full.sponsee.home_group in card, "the card reads them in full"
        await pilot.press("b")
        await settled(pilot)
        assert isinstance(app.screen, BoardScreen) and app.screen.sponsee_id == first
        await pilot.press("escape")
        await settled(pilot)
        await _each_palette_screen_of(pilot, "marcus b.")
        assert not next(r for r in app.desk.records if r.id == "marcus-b").partial
