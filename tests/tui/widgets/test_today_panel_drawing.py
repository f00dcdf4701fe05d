"""The Today panel draws each line on show itself (AgendaText.render_line): cell for cell, style for style, the
same as Textual draws the panel's whole text, down to where each cell sits in the text ("offset" in its meta),
which the mouse's text selection goes by."""

import pytest
from textual.app import App, ComposeResult
from textual.visual import Visual, visualize
from textual.widget import Widget

from sponsordesk.store.themes import load_themes
from sponsordesk.tui.app import SponsorDeskApp
from sponsordesk.tui.theming import to_textual
from sponsordesk.tui.widgets.today_panel import AgendaText, TodayPanel
from sponsordesk.views.today import TodayLine

from tests.conftest import TODAY
from tests.tui.settle import opened
from tests.tui.widgets.test_today_panel import agenda

LONG = ("a relapse came up when you talked yesterday; check in · call due today (every day) · 3 suggestions due, "
        "the first 2 weeks ago · 1 year on Tuesday")

AGENDAS = {
    "many": agenda(40),
    "odd names": [
        TodayLine("a", "Maximiliana Alexandra Featherstonehaugh-Worthington", "!!", "overdue", [LONG], "555-0101"),
        TodayLine("b", "王小明 Wang", "●", "due", ["call due today (every 3 days)", LONG], "090-1234-5678"),
        TodayLine("c", "山田 太郎", "★", "milestone", ["1 year on Tuesday"], ""),
        TodayLine("d", "Luis\tR.", "!!", "relapse", ["a relapse came up", "call due\ttoday"], "55\t0166"),
        TodayLine("e", "José", "●", "due", [], "555-0177"),  # an accent that takes no cell; no reasons at all
        TodayLine("f", "Bell\x07e\rC.", "!!", "overdue", ["tried once since yesterday"], "555\x080180"),
    ],
    "no phones": [TodayLine(f"n{i}", f"Person {i}", "●", "due", [LONG[: 20 * i + 5]]) for i in range(8)],
    "a line break in a name": [TodayLine("g", "Ann\nBee", "!!", "overdue", [LONG], "555\n0190"),
                               TodayLine("h", "Cy", "★", "milestone", ["1 year on Tuesday"], "555-0191")],
    "nobody": [],
}
WIDTHS = (24, 50, 70, 100, 130)
THEMES = ("sponsordesk-dark", "sponsordesk-light", "sponsordesk-high-contrast", "textual-light")


class PanelApp(App[None]):
    # A colour and a background of its own: the widget's style (visual_style) is under every cell.
    CSS = """TodayPanel { height: 12; } AgendaText { height: auto; color: $text-accent; background: $boost; }
    AgendaText.plain { color: initial; background: initial; }
    AgendaText.centred { text-align: center; } AgendaText.right { content-align: right top; }
    AgendaText.padded { line-pad: 1; } AgendaText.nowrap { text-wrap: nowrap; text-align: justify; }"""

    def on_mount(self) -> None:
        for spec in load_themes(None).themes.values():
            self.register_theme(to_textual(spec))

    def compose(self) -> ComposeResult:
        yield TodayPanel()


def cells(strip) -> list[tuple]:
    """Each segment: its text, its style (Rich compares them by colour, background, attributes, link and
    meta), the meta itself (the cell's offset in the text) and any control codes."""
    return [(seg.text, seg.style, None if seg.style is None else dict(seg.style.meta), seg.control)
            for seg in strip]


def textual_draws(text: AgendaText) -> list:
    """Every line as Textual draws the widget's whole text (Widget._render_content), made afresh here."""
    visual = visualize(text, text.render())
    return Visual.to_strips(text, visual, text.size.width, text.size.height, text.visual_style)


def drawn_alike(text: AgendaText, where: str) -> None:
    whole = textual_draws(text)
    assert len(whole) == text.size.height
    for y, expected in enumerate(whole):
        drawn = text.render_line(y)
        assert cells(drawn) == cells(expected), f"{where}, line {y}"
        assert drawn.cell_length == expected.cell_length, f"{where}, line {y}"
    below = text.render_line(len(whole))  # under the text, as Textual draws it there
    assert cells(below) == cells(Widget.render_line(text, len(whole))), where


def never_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Drawing the whole text (Textual's render_line) fails the test: the lines were to be drawn one by one."""
    def whole(self, y):
        raise AssertionError(f"{self!r} drew its whole text for line {y}")
    monkeypatch.setattr(Widget, "render_line", whole)


@pytest.mark.parametrize("name", AGENDAS)
async def test_each_line_is_drawn_as_textual_draws_the_whole_text(name, monkeypatch):
    lines = AGENDAS[name]
    drawn_by_line = 0
    for width in WIDTHS:
        app = PanelApp()
        async with app.run_test(size=(width, 20)) as pilot:
            panel = app.query_one(TodayPanel)
            text = panel.query_one(AgendaText)
            for theme in THEMES:
                for plain in (False, True):
                    app.theme = theme
                    text.set_class(plain, "plain")
                    panel.show(f"Today · {len(lines)}", lines, "Nobody needs a call today.")
                    await pilot.pause()
                    where = f"{name} at {width} columns in {theme}{' without CSS colours' if plain else ''}"
                    drawn_alike(text, where)
                    if text._lines(text.size.width) is not None:
                        drawn_by_line += 1
                        with monkeypatch.context() as patched:
                            never_whole(patched)
                            for y in range(text.size.height):
                                text.render_line(y)
    assert drawn_by_line, "at some width every agenda's lines fit and are drawn one by one"


async def test_a_theme_changes_every_line_drawn_after_it():
    app = PanelApp()
    async with app.run_test(size=(100, 20)) as pilot:
        panel = app.query_one(TodayPanel)
        text = panel.query_one(AgendaText)
        drawn = {}
        for theme in ("sponsordesk-dark", "sponsordesk-light", "sponsordesk-dark"):
            app.theme = theme
            panel.show("Today", agenda(10), "Nobody needs a call today.")
            await pilot.pause()
            drawn_alike(text, theme)
            drawn.setdefault(theme, []).append([cells(text.render_line(y)) for y in range(text.size.height)])
        assert drawn["sponsordesk-dark"][0] == drawn["sponsordesk-dark"][1]
        assert drawn["sponsordesk-dark"][0] != drawn["sponsordesk-light"][0]


@pytest.mark.parametrize("rule", ["centred", "right", "padded", "nowrap"])
async def test_lines_placed_by_the_css_are_left_to_textual(rule):
    app = PanelApp()
    async with app.run_test(size=(100, 20)) as pilot:
        panel = app.query_one(TodayPanel)
        text = panel.query_one(AgendaText)
        text.add_class(rule)
        panel.show("Today", agenda(10), "Nobody needs a call today.")
        await pilot.pause()
        assert not text._drawn_as_written()
        drawn_alike(text, rule)


@pytest.mark.parametrize("size, theme", [((120, 40), "sponsordesk-dark"), ((80, 24), "sponsordesk-light")])
async def test_the_roster_s_panel_is_drawn_as_textual_draws_it(demo_dir, config_dir, size, theme, monkeypatch):
    app = SponsorDeskApp(data_dir=demo_dir, config_dir=config_dir, today=TODAY)
    async with opened(app, size) as pilot:
        app.theme = theme
        await pilot.pause()
        text = app.screen.query_one(AgendaText)
        assert text.size.height > 1 and text._lines(text.size.width) is not None
        drawn_alike(text, f"the roster at {size} in {theme}")
        with monkeypatch.context() as patched:
            never_whole(patched)
            for y in range(text.size.height):
                text.render_line(y)


async def test_the_mouse_selects_the_text_under_it_scrolled_or_not():
    """A drag across lines drawn one by one selects what is under the mouse (each cell's offset in the text),
    and the selection is drawn as Textual draws it on the whole text."""
    app = PanelApp()
    async with app.run_test(size=(100, 20)) as pilot:
        panel = app.query_one(TodayPanel)
        text = panel.query_one(AgendaText)
        panel.show("Today", agenda(30), "Nobody needs a call today.")
        await pilot.pause()
        for scrolled in (False, True):
            if scrolled:
                panel.scroll_to(y=17, animate=False)
                await pilot.pause()
            top = round(panel.scroll_y)
            lines = text.render().plain.split("\n")
            await pilot.mouse_down(text, offset=(3, top + 2))
            await pilot.hover(text, offset=(10, top + 5))
            await pilot.mouse_up(text, offset=(10, top + 5))
            await pilot.pause()
            assert text.text_selection is not None
            expected = "\n".join([lines[top + 2][3:], *lines[top + 3: top + 5], lines[top + 5][:11]])
            assert app.screen.get_selected_text() == expected, f"scrolled to {top}"
            drawn_alike(text, f"selected, scrolled to {top}")
            app.screen.clear_selection()
            await pilot.pause()
            assert text.text_selection is None


async def test_lines_with_the_same_spans_share_their_cuts_only_where_textual_cuts_them_alike():
    """``_parts`` keeps Textual's cuts and styles by the line's spans: a line whose spans reach its end (or
    that has a style of its own) is cut at its length too, so it shares them only with lines as long."""
    from rich.style import Style as RichStyle
    from rich.text import Span, Text
    from textual.content import Content

    def textual_parts(line: Text, style) -> list:
        parts, x = [], 0
        for part, part_style in Content.from_rich_text(line, console=app.console).render(style, end=""):
            parts.append((x, part, style + part_style))
            x += len(part)
        return parts

    lines = [Text("!! Ann  call"), Text("!! Bo"), Text("!! Cyd"), Text("!! Cyd and more"), Text(""), Text("   x"),
             Text("Nobody today", style="#88aa88"), Text("Nobody", style="#88aa88"), Text("Nobody"),
             Text("Nobody", style="bold"), Text("", style="bold"), Text("x", style="bold")]
    for line in lines[:4]:
        line.spans = [Span(0, 3, "bold #e5c07b"), Span(3, 6, "bold")]
    lines.append(Text("!!", spans=[Span(0, 3, "bold #e5c07b")]))  # a span past the end of its line
    app = PanelApp()
    async with app.run_test(size=(60, 20)) as pilot:
        text = app.query_one(AgendaText)
        styles = set()
        for order in (lines, lines[::-1]):  # whichever line is cut first
            text._cuts.clear()
            for theme in ("sponsordesk-dark", "sponsordesk-light"):  # kept by the widget's style too
                app.theme = theme
                await pilot.pause()
                style = text.visual_style
                styles.add(style)
                for line in order:
                    cuts = text._parts(line, style)
                    ends = [start for start, _ in cuts[1:]] + [None]
                    mine = [(start, line.plain[start:end], drawn) for (start, drawn), end in zip(cuts, ends)]
                    assert mine == textual_parts(line, style), repr(line)
        link = Text("a link", spans=[Span(0, 6, RichStyle.from_meta({"@click": "app.bell"}))])
        assert text._parts(link, text.visual_style) is None, "a link is left to Textual, which styles it"
        assert len(styles) == 2, "the themes draw the widget in colours of their own"
