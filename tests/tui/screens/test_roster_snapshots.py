"""The roster with the demo data on a fixed day, at the sizes people use."""

from __future__ import annotations

import pytest

from sponsordesk.tui.app import SponsorDeskApp

from tests.conftest import TODAY
from tests.tui.settle import then


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 50)], ids=["80x24", "120x40", "160x50"])
def test_roster_with_demo_data(snap_compare, demo_dir, config_dir, size):
    assert snap_compare(SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY), terminal_size=size,
                        run_before=then())


def test_roster_showing_ended_sorted_by_name(snap_compare, demo_dir, config_dir):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=then("E", "o"))


def test_add_form_with_a_bad_field(snap_compare, data_dir, config_dir):
    app = SponsorDeskApp(data_dir=data_dir, config_dir=config_dir, today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=then("a", "tab", "tab", "2", "0", "2", "6", "ctrl+s"))
