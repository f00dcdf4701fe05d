"""Text a sponsor types may hold square brackets: every screen shows it as typed, none crashes."""

from datetime import date, datetime

from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.model import Assignment, Contact, SobrietyDate, Sponsee, StepBoard, Suggestion
from sponsordesk.store import Store

from tests.conftest import TODAY
from tests.seed import add_contact, put_profile, put_steps, put_suggestions
from tests.tui.settle import opened, settled

NAME = "Sam [b]Rivera"
SUGGESTION = "Read [Big Book] p. 58"
ASSIGNMENT = "[x] write the [/] column"
SUMMARY = "Talked about [step 4] and [/b] things"


def bracketed(data_dir) -> str:
    store = Store(data_dir)
    sponsee = Sponsee(id="sam-r", name=NAME, display_name="Sam [b]R.", notes="notes [red]here", sobriety=[SobrietyDate(date=date(2026, 1, 5))])
    put_profile(store, sponsee)
    board = StepBoard()
    board.get(1).status = "working"
    board.get(1).notes = "[i]not italic"
    board.get(1).assignment = [Assignment(id="a-1", text=ASSIGNMENT, due=TODAY)]
    put_steps(store, sponsee.id, board)
    put_suggestions(store, sponsee.id, [Suggestion(id="s-1", text=SUGGESTION, given=TODAY, due=TODAY)])
    add_contact(store, sponsee.id, Contact(id="c-1", at=datetime(2026, 11, 20, 19).astimezone(), summary=SUMMARY))
    return sponsee.id


async def test_brackets_show_as_typed_on_every_screen(data_dir, config_dir):
    sid = bracketed(data_dir)
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (160, 50)) as pilot:
        await settled(pilot)
        roster = app.screen.query_one(PlainTable)
        assert roster.get_cell(sid, "name").strip() == "Sam [b]R."
        assert " Sam [b]R. " in roster.drawn_row(roster.get_row_index(sid)), "drawn as typed, not read as markup"
        for opener in ("b", "c"):  # the step board, the contact log
            await pilot.press(opener)
            await settled(pilot)
            await pilot.press("enter")
            await settled(pilot)
            await pilot.press("escape")
            await settled(pilot)
            await pilot.press("escape")
            await settled(pilot)
        await pilot.press("u")
        await settled(pilot)
        table = app.screen.query_one(PlainTable)
        assert SUGGESTION in table.get_row_at(0)
        assert f" {SUGGESTION} " in table.drawn_row(0), "drawn as typed, not read as markup"
        await pilot.press("escape")
        await settled(pilot)
        await pilot.press("L")
        await settled(pilot)
        shown = [str(w.content) for w in app.screen.query("Static")]
        assert any(SUGGESTION in text for text in shown)
