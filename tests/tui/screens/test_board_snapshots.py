"""How the step board looks early, mid-way and complete, at 80x24 and 120x40."""

import pytest

from sponsordesk.tui.app import SponsorDeskApp

from tests.conftest import TODAY
from tests.tui.screens.board_fixtures import complete_dir, early_dir, mid_dir  # noqa: F401
from tests.tui.settle import then

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("stage", ["early_dir", "mid_dir", "complete_dir"])
def test_board_snapshot(stage, size, request, config_dir, snap_compare):
    data_dir = request.getfixturevalue(stage)
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=then("b"))  # Sam, the only sponsee


def test_step_detail_snapshot(mid_dir, config_dir, snap_compare):
    app = SponsorDeskApp(data_dir=mid_dir, config_dir=config_dir, today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=then("b", "enter"))
