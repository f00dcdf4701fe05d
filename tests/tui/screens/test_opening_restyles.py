"""Opening the step board and the two long forms styles their widgets once, and shows them from the top.

Textual styles a widget when it is mounted; a class or the focus changed
after that styles the widget and everything inside it again. On the board
that was twelve rows of eight widgets, their twelve segments and then the
whole screen (its narrow class); on the forms, the focus went to the
scrolling form first and then to the first field, styling every field
twice. These pin that the look is right from the start, and that the ways
of getting there did not scroll anything away.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Label

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.screens.board import BoardScreen, StepRow

from tests.conftest import TODAY
from tests.tui.screens.board_fixtures import mid_dir, write_board  # noqa: F401
from tests.tui.settle import opened, settled


@contextmanager
def restyled(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[DOMNode]]:
    """Every node styled again (with what it holds) while the block runs."""
    nodes: list[DOMNode] = []
    update = DOMNode.update_node_styles

    def recording(node: DOMNode, animate: bool = True) -> None:
        nodes.append(node)
        update(node, animate)

    with monkeypatch.context() as patch:
        patch.setattr(DOMNode, "update_node_styles", recording)
        yield nodes


@pytest.mark.parametrize("width", [80, 120])
async def test_the_board_opens_with_each_rows_look_and_styles_no_row_again(mid_dir, config_dir, monkeypatch,
                                                                          width):
    app = SponsorDeskApp(data_dir=mid_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (width, 30)) as pilot:
        with restyled(monkeypatch) as nodes:
            await pilot.press("b")
            await settled(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert board.has_class("-narrow") == (width < 110)
        assert board.query_one("#step-4").has_class("-working") and board.query_one("#seg-2").has_class("-done")
        again = {node.id for node in nodes if isinstance(node, (StepRow, Label))}
        # only the rows the highlight moves over as the board opens on the step being worked (one widget each)
        assert again <= {"step-1", "step-4"}, f"rows or segments styled again after they were mounted: {again}"
        whole = [node for node in nodes if isinstance(node, BoardScreen)]
        assert len(whole) <= 2, f"the whole board styled {len(whole)} times (Textual does it once as it shows)"

        # a change still restyles the row it changes, and only that row
        with restyled(monkeypatch) as nodes:
            await pilot.press("down", "right_square_bracket")  # step 5 starts: step 4 stays being worked
            await settled(pilot)
        assert board.query_one("#step-5").has_class("-working")
        assert {node.id for node in nodes if isinstance(node, StepRow)} <= {"step-4", "step-5"}


@pytest.mark.parametrize(("key", "field"), [("e", "name"), ("L", "kind")])
async def test_a_long_form_opens_with_its_first_field_focused_and_never_focuses_the_form(
        mid_dir, config_dir, monkeypatch, key, field):
    app = SponsorDeskApp(data_dir=mid_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        with restyled(monkeypatch) as nodes:
            await pilot.press(key)
            await settled(pilot)
        assert app.focused is not None and app.focused.id == field
        scrolled = [node for node in nodes if isinstance(node, VerticalScroll)]
        assert not scrolled, "the scrolling form took the focus first, and every field was styled again"


async def test_a_board_taller_than_the_window_opens_at_its_top(data_dir, config_dir):
    write_board(data_dir, 3, [4, 6])  # two steps side by side: the gentle note makes the board too tall
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("b")
        await settled(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen) and board.max_scroll_y > 0
        assert board.scroll_y == 0, "the line with the name and the progress was scrolled away"
        assert board.query_one("#board-head").region.y == 1


async def test_editing_a_contact_opens_the_form_at_its_heading(demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (80, 24)) as pilot:
        for key in ("c", "e"):
            await pilot.press(key)
            await settled(pilot)
        form = app.screen.query_one("#form", VerticalScroll)
        assert app.focused is not None and app.focused.id == "summary"
        assert form.scroll_y == 0, "the heading was scrolled away"
