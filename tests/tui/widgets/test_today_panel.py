"""The Today panel draws only the lines on show, each exactly as drawing the whole agenda would."""

from contextlib import asynccontextmanager

from textual.app import App, ComposeResult
from textual.widget import Widget

from sponsordesk.tui.widgets.today_panel import AgendaText, TodayPanel
from sponsordesk.views.today import TodayLine


def agenda(n: int) -> list[TodayLine]:
    return [TodayLine(f"s{i}", f"Person {i:03}", "!!" if i % 3 else "★", "overdue" if i % 3 else "milestone",
                      [f"{i} days since you talked", "every day", "a suggestion due today · and a reason long "
                       "enough to wrap under the name"], f"555-{i:04}") for i in range(n)]


class PanelApp(App[None]):
    CSS = "TodayPanel { height: 12; } AgendaText { height: auto; }"

    def compose(self) -> ComposeResult:
        yield TodayPanel()


@asynccontextmanager
async def panel_showing(lines: list[TodayLine], width: int = 70):
    """A 12-line panel showing ``lines``: (pilot, panel, its text)."""
    app = PanelApp()
    async with app.run_test(size=(width, 20)) as pilot:
        panel = app.query_one(TodayPanel)
        panel.show(f"Today · {len(lines)} to reach out to", lines, "Nobody needs a call today.")
        await pilot.pause()
        yield pilot, panel, panel.query_one(AgendaText)


def whole(text: AgendaText, y: int):
    """Line ``y`` as Textual draws the widget's whole text (the path before lines were drawn one by one)."""
    return Widget.render_line(text, y)


def drawn_as_whole(text: AgendaText) -> None:
    for y in range(text.size.height):
        assert text.render_line(y) == whole(text, y), f"line {y}"


async def test_each_line_is_drawn_as_the_whole_text_draws_it_scrolled_or_not():
    async with panel_showing(agenda(60)) as (pilot, panel, text):
        height = text.size.height
        assert height > 60, "the reasons wrap: more lines than people"
        drawn_as_whole(text)
        panel.scroll_end(animate=False)
        await pilot.pause()
        assert panel.scroll_y > 0
        # what shows at the bottom of the panel is the agenda's last person, drawn from the last lines
        assert "Person 059" in "".join(text.render_line(y).text for y in range(height - 4, height))


async def test_only_the_lines_on_show_are_drawn(monkeypatch):
    drawn: list[int] = []
    render_line = AgendaText.render_line

    def counting(text: AgendaText, y: int):
        drawn.append(y)
        return render_line(text, y)

    monkeypatch.setattr(AgendaText, "render_line", counting)
    async with panel_showing(agenda(60)) as (pilot, _panel, text):
        await pilot.pause()
        assert drawn and max(drawn) < 12 < text.size.height, "the panel is 12 lines high; the agenda much longer"


async def test_a_line_wider_than_the_panel_is_left_to_textual_to_wrap():
    async with panel_showing(agenda(3)) as (_pilot, _panel, text):
        assert text._lines(text.size.width) is not None
        assert text._lines(10) is None, "at ten columns the name and the first reason do not fit"
        drawn_as_whole(text)


async def test_a_tab_typed_in_a_number_or_a_name_loses_no_words():
    """A review found a tab in a hand-edited phone number: it counts no cells when the lines are wrapped but
    is drawn wider, so a line ran past the panel and lost "(every" from the middle of the reasons."""
    lines = [TodayLine("a", "Luis\tR.", "!!", "overdue",
                       ["a relapse came up when you talked yesterday; check in", "call due today (every day)"],
                       "55\t0166"),
             TodayLine("b", "Dana O.", "★", "milestone", ["1 year on Tuesday"], "555-0178")]
    async with panel_showing(lines, width=100) as (_pilot, _panel, text):
        drawn = " ".join(text.render_line(y).text for y in range(text.size.height))
        for word in ("relapse", "check in", "(every", "day)", "Dana O.", "1 year on Tuesday", "55 0166", "Luis R."):
            assert word in drawn, word
        drawn_as_whole(text)


class HalfScreenApp(App[None]):
    CSS = "TodayPanel { height: auto; max-height: 50%; } AgendaText { height: auto; }"  # as on the roster

    def compose(self) -> ComposeResult:
        yield TodayPanel()


async def test_an_agenda_longer_than_the_terminal_has_its_scrollbar_from_the_first_layout():
    # Left to Textual, the scrollbar came only after a layout found the text too tall, and the narrower text
    # was wrapped, laid out and drawn again (about 20 ms of a start at a thousand sponsees).
    app = HalfScreenApp()
    async with app.run_test(size=(70, 20)) as pilot:
        panel, text = app.query_one(TodayPanel), app.query_one(AgendaText)
        laid_out: list[int] = []
        real = AgendaText._size_updated

        def sized(self, size, virtual_size, container_size, layout=True):
            laid_out.append(size.width)
            return real(self, size, virtual_size, container_size, layout)

        AgendaText._size_updated = sized
        try:
            panel.show("Today · 30 to reach out to", agenda(30), "Nobody needs a call today.")
            await pilot.pause()
        finally:
            AgendaText._size_updated = real
        assert panel.show_vertical_scrollbar and panel.styles.overflow_y == "scroll"
        assert laid_out and set(laid_out) == {text.size.width} == {panel.size.width - 2}, \
            "laid out at the width beside the scrollbar from the first layout, never at the whole width"
        drawn_as_whole(text)
        # a terminal tall enough for them all: Textual's own rule again, and no room kept for a scrollbar
        await pilot.resize_terminal(70, 400)
        await pilot.pause()
        assert panel.styles.overflow_y == "auto" and panel.styles.scrollbar_gutter == "auto"
        assert not panel.show_vertical_scrollbar and text.size.width == panel.size.width
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        assert panel.styles.overflow_y == "scroll" and panel.show_vertical_scrollbar


async def test_a_short_agenda_keeps_textuals_own_rule():
    async with panel_showing(agenda(3)) as (pilot, panel, text):
        assert panel.styles.overflow_y == "auto" and panel.styles.scrollbar_gutter == "auto"
        drawn_as_whole(text)


async def test_the_agenda_is_made_once_for_each_width_layout_asks_about():
    # measured beside the scrollbar's room and without it, over and over: four makes at a thousand sponsees
    app = HalfScreenApp()
    async with app.run_test(size=(70, 20)) as pilot:
        panel = app.query_one(TodayPanel)
        made: list[int] = []
        real = AgendaText._make

        def making(self, width, colours):
            made.append(width)
            return real(self, width, colours)

        AgendaText._make = making
        try:
            panel.show("Today · 30 to reach out to", agenda(30), "Nobody needs a call today.")
            await pilot.pause()
            await pilot.pause()
        finally:
            AgendaText._make = real
        assert sorted(made) == sorted(set(made)) and len(made) <= 2, made
