"""A block copied by hand keeps its id: two assignments or two suggestions with one id never stop a screen."""

from datetime import date

from sponsordesk.model import Suggestion
from sponsordesk.store import Store, layout
from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.screens.step_detail import StepDetailScreen
from sponsordesk.tui.screens.suggestions import SuggestionsScreen

from tests.conftest import TODAY
from tests.seed import put_suggestions
from tests.tui.notices import listen
from tests.tui.screens.board_fixtures import early_dir, saved_board, steps_file  # noqa: F401
from tests.tui.screens.helpers_log import app_for, sam
from tests.tui.settle import opened, settled


async def test_a_step_with_a_copied_assignment_opens_and_refuses_to_guess(early_dir, config_dir):
    path = steps_file(early_dir)
    path.write_text(path.read_text() + '\n[[step.assignment]]\nid = "a-11"\ntext = "Pray about it"\ndone = false\n')
    store = Store(early_dir)
    store.load(TODAY)
    assert any("two assignments of step 1 share the id 'a-11'" in p.message for p in store.problems)
    app = SponsorDeskApp(data_dir=early_dir, config_dir=config_dir, today=TODAY)
    told = listen(app)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("b")
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, StepDetailScreen)
        before = path.read_bytes()
        await pilot.press("space")  # tick the first one: which of the two? sponsordesk does not guess
        await settled(pilot)
        assert told.any("two assignments with id 'a-11'", "error") and path.read_bytes() == before


async def test_open_suggestions_with_a_copied_suggestion_block(data_dir, config_dir):
    sam(data_dir)
    put_suggestions(Store(data_dir), "sam-r", [Suggestion(id="s-1", text="Read pages 58-60", given=date(2026, 11, 14))])
    path = layout.suggestions_path(data_dir, "sam-r")
    path.write_text(path.read_text() + '\n[[suggestion]]\nid = "s-1"\ntext = "Call before the party"\ngiven = 2026-11-14\n')
    app = app_for(data_dir, config_dir)
    async with opened(app, (100, 30)) as pilot:
        await pilot.press("u")  # the roster's key for open suggestions
        await settled(pilot)
        assert isinstance(app.screen, SuggestionsScreen)
        assert app.screen.query_one("#suggestions").row_count == 2
