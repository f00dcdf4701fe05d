"""Open suggestions across sponsees: soonest due first, resolved right there, undoable."""

from __future__ import annotations

from datetime import date

from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.model import SobrietyDate, Sponsee, Status, Suggestion
from sponsordesk.tui.screens.log import LogScreen
from sponsordesk.tui.dialogs.resolve import ResolveScreen
from sponsordesk.store import Store
from tests.tui.screens.helpers_log import app_for, type_into
from tests.seed import put_profile, put_suggestions
from tests.tui.settle import opened, settled


def seed(data_dir) -> None:
    store = Store(data_dir)
    for sid, name in [("sam-r", "Sam Rivera"), ("ana-p", "Ana Perez")]:
        put_profile(store, Sponsee(id=sid, name=name, sobriety=[SobrietyDate(date=date(2026, 1, 1))]))
    put_profile(store, Sponsee(id="jo-k", name="Jo Kim", status=Status(state="ended", ended=date(2026, 9, 1))))
    given = date(2026, 11, 10)
    put_suggestions(store, "sam-r", [Suggestion(id="s-a", text="Pray in the morning", given=given),
                                     Suggestion(id="s-b", text="Read pages 58-60", given=given, due=date(2026, 11, 20))])
    put_suggestions(store, "ana-p", [Suggestion(id="s-c", text="Call before the party", given=given,
                                                due=date(2026, 11, 21))])
    put_suggestions(store, "jo-k", [Suggestion(id="s-d", text="Ended sponsorship", given=given)])


def texts(app) -> list[str]:
    table = app.screen.query_one("#suggestions", PlainTable)
    return [str(table.get_row_at(i)[3]) for i in range(table.row_count)]


async def test_sorted_by_due_and_resolved_directly_with_undo(data_dir, config_dir):
    seed(data_dir)
    app = app_for(data_dir, config_dir)
    async with opened(app, (100, 30)) as pilot:
        await pilot.press("u")
        await settled(pilot)
        assert texts(app) == ["Read pages 58-60", "Call before the party", "Pray in the morning"]
        await pilot.press("f")
        assert texts(app) == ["Call before the party", "Pray in the morning"]
        assert Store(data_dir).suggestions("sam-r")[1].status == "followed"
        await pilot.press("u")
        assert texts(app)[0] == "Read pages 58-60"
        assert Store(data_dir).suggestions("sam-r")[1].is_open

        await pilot.press("down", "enter")
        assert isinstance(app.screen, ResolveScreen)
        app.screen.query_one("#status").focus()
        await pilot.press("enter", "down", "down", "enter")  # dropped
        await type_into(pilot, "#note", "party was cancelled")
        await pilot.press("enter")
        assert texts(app) == ["Read pages 58-60", "Pray in the morning"]
        dropped = Store(data_dir).suggestions("ana-p")[0]
        assert (dropped.status, dropped.outcome, dropped.resolved) == ("dropped", "party was cancelled",
                                                                        date(2026, 11, 21))
        await pilot.press("l")
        assert isinstance(app.screen, LogScreen) and app.screen.sponsee_id == "sam-r"


async def test_at_80_columns_a_long_suggestion_is_cut_never_the_dates(data_dir, config_dir):
    seed(data_dir)
    store = Store(data_dir)
    long = "Read the whole of chapter five aloud with someone from the home group, then call me about it"
    put_suggestions(store, "ana-p", [Suggestion(id="s-long", text=long, given=date(2026, 11, 10))])
    app = app_for(data_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("u")
        await settled(pilot)
        table = app.screen.query_one("#suggestions", PlainTable)
        assert list(table.columns) == ["due", "who", "given", "text"], "the words last"
        dates = sum(list(table.column_widths.values())[:3])
        assert dates <= table.scrollable_content_region.width, "due, sponsee and given show whole"
        assert long in texts(app), "the words are all there, to scroll to or open"


async def test_the_log_forms_stylesheet_does_not_reach_the_open_suggestions(data_dir, config_dir):
    """Both screens have a #suggestions; the form's `height: auto` once made this table as tall as its rows."""
    seed(data_dir)
    app = app_for(data_dir, config_dir)
    async with opened(app, (80, 24)) as pilot:
        for key in ("u", "escape", "L", "escape", "u"):  # the form's stylesheet loaded after this screen's
            await pilot.press(key)
            await settled(pilot)
        table = app.screen.query_one("#suggestions", PlainTable)
        assert str(table.styles.height) == "1fr", "the table fills the screen and scrolls within itself"
        assert app.screen.query_one("#suggestions-intro").region.height == 1


async def test_a_refused_save_keeps_the_note_typed_in_the_resolve_dialog(data_dir, config_dir):
    from sponsordesk.store import layout

    seed(data_dir)
    app = app_for(data_dir, config_dir)
    async with opened(app, (100, 30)) as pilot:
        await pilot.press("u")
        await settled(pilot)
        await pilot.press("enter")  # "Read pages 58-60", Sam's
        assert isinstance(app.screen, ResolveScreen)
        path = layout.suggestions_path(data_dir, "sam-r")
        good = path.read_text()
        path.write_text(good + "\noops = [\n")  # broken in an editor meanwhile
        await type_into(pilot, "#note", "read them twice")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, ResolveScreen), "still open, with the note"
        assert app.screen.query_one("#note").value == "read them twice"
        assert path.read_text().endswith("oops = [\n"), "never overwritten"
        path.write_text(good)
        await pilot.press("enter")
        await settled(pilot)
        assert not isinstance(app.screen, ResolveScreen)
        assert Store(data_dir).suggestions("sam-r")[1].outcome == "read them twice", "on the suggestion it was typed for"
        assert Store(data_dir).suggestions("ana-p")[0].is_open, "not on the row that took its place meanwhile"
