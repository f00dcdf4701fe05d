"""The Today panel draws only the lines on show, each exactly as drawing the whole agenda would."""

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


def whole(text: AgendaText, y: int):
    """Line ``y`` as Textual draws the widget's whole text (the path before lines were drawn one by one)."""
    return Widget.render_line(text, y)


async def test_each_line_is_drawn_as_the_whole_text_draws_it_scrolled_or_not():
    app = PanelApp()
    async with app.run_test(size=(70, 20)) as pilot:
        panel = app.query_one(TodayPanel)
        panel.show("Today · 60 to reach out to", agenda(60), "Nobody needs a call today.")
        await pilot.pause()
        text = panel.query_one(AgendaText)
        height = text.size.height
        assert height > 60, "the reasons wrap: more lines than people"
        for y in range(height):
            assert text.render_line(y) == whole(text, y), f"line {y}"
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
    app = PanelApp()
    async with app.run_test(size=(70, 20)) as pilot:
        panel = app.query_one(TodayPanel)
        panel.show("Today · 60 to reach out to", agenda(60), "Nobody needs a call today.")
        await pilot.pause()
        text = panel.query_one(AgendaText)
        await pilot.pause()
        assert drawn and max(drawn) < 12 < text.size.height, "the panel is 12 lines high; the agenda much longer"


async def test_a_line_wider_than_the_panel_is_left_to_textual_to_wrap():
    app = PanelApp()
    async with app.run_test(size=(70, 20)) as pilot:
        panel = app.query_one(TodayPanel)
        panel.show("Today", agenda(3), "")
        await pilot.pause()
        text = panel.query_one(AgendaText)
        assert text._lines(text.size.width) is not None
        assert text._lines(10) is None, "at ten columns the name and the first reason do not fit"
        for y in range(text.size.height):
            assert text.render_line(y) == whole(text, y)


async def test_a_tab_typed_in_a_number_or_a_name_loses_no_words():
    """A review found a tab in a hand-edited phone number: it counts no cells when the lines are wrapped but
    is drawn wider, so a line ran past the panel and lost "(every" from the middle of the reasons."""
    lines = [TodayLine("a", "Luis\tR.", "!!", "overdue",
                       ["a relapse came up when you talked yesterday; check in", "call due today (every day)"],
                       "55\t0166"),
             TodayLine("b", "Dana O.", "★", "milestone", ["1 year on Tuesday"], "555-0178")]
    app = PanelApp()
    async with app.run_test(size=(100, 20)) as pilot:
        panel = app.query_one(TodayPanel)
        panel.show("Today", lines, "")
        await pilot.pause()
        text = panel.query_one(AgendaText)
        drawn = " ".join(text.render_line(y).text for y in range(text.size.height))
        for word in ("relapse", "check in", "(every", "day)", "Dana O.", "1 year on Tuesday", "55 0166", "Luis R."):
            assert word in drawn, word
        for y in range(text.size.height):
            assert text.render_line(y) == whole(text, y)
