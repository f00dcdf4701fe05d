"""The roster's first frame is drawn as it stays: the footer with its keys, the table with focus. Each of
these, changed after the first frame, made Textual lay out, style or render again (start-up work that
`python -m bench` measures; these tests pin what it depends on)."""

from textual.screen import Screen
from sponsordesk.tui.widgets.plain_table import PlainTable

from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.screens.roster import RosterScreen

from tests.conftest import TODAY
from tests.tui.footer import footer_keys
from tests.tui.settle import opened, settled


def record_frames(monkeypatch) -> list[dict]:
    """What each render of the roster showed: its footer's keys, whether the table had focus and rows."""
    frames: list[dict] = []
    render = Screen._compositor_refresh

    def recording(screen: Screen) -> None:
        render(screen)
        if isinstance(screen, RosterScreen) and screen.is_mounted:
            table = screen.query_one("#roster", PlainTable)
            frames.append({"keys": list(footer_keys(screen)),  # as drawn in this frame
                           "focus": table.has_focus, "rows": table.row_count})

    monkeypatch.setattr(Screen, "_compositor_refresh", recording)
    return frames


async def test_the_first_frame_has_the_footers_keys_and_the_focused_table(demo_dir, config_dir, monkeypatch):
    async with opened(SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY), (120, 40)):
        pass  # the first start leaves the index: the second shows the rows from it before its first frame
    frames = record_frames(monkeypatch)
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:
        await settled(pilot)
        assert frames and frames[0]["rows"], "the roster was rendered, with rows from the index"
        first = frames[0]
        assert "Help" in first["keys"] and "Steps" in first["keys"], \
            f"the keys are there from the first frame, not added after it: {first}"
        assert frames[0]["focus"], "the table is focused when its rows are first rendered"
        assert frames[-1]["keys"] == first["keys"]


async def test_the_footer_is_one_widget_and_drawn_once_at_start(demo_dir, config_dir, monkeypatch):
    # Textual's footer made a widget of every key, each styled, laid out and drawn apart, and rebuilt them
    # when the bindings were refreshed: about 90 ms of a start at 100 sponsees.
    from sponsordesk.tui.widgets.desk_footer import DeskFooter

    drawn: list[int] = []
    render_line = DeskFooter.render_line

    def counting(footer, y: int):
        drawn.append(y)
        return render_line(footer, y)

    monkeypatch.setattr(DeskFooter, "render_line", counting)
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, (120, 40)) as pilot:
        await settled(pilot)
        footer = app.screen.query_one(DeskFooter)
        assert not footer.children, "no widget per key"
        assert "Help" in [key.description for key in footer.keys]
        assert len(drawn) <= 2, f"the footer's line was drawn {len(drawn)} times in a start"
