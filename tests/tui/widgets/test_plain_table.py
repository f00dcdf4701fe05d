"""The plain table: keys, mouse, the header and the cursor kept in view, cells drawn as typed."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from sponsordesk.tui.widgets.plain_table import PlainTable
from tests.tui.settle import refreshed, until

COLUMNS = [("when", "When"), ("summary", "Summary"), ("flags", "Flags")]


class TableApp(App[None]):
    def __init__(self, rows: int = 50) -> None:
        super().__init__()
        self.count = rows
        self.highlighted: list[tuple[int, str]] = []
        self.selected: list[str] = []

    def compose(self) -> ComposeResult:
        yield PlainTable(id="t")

    def on_mount(self) -> None:
        table = self.query_one(PlainTable)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        table.add_rows((f"r{n}", [f"Nov {n}", f"entry {n}", "relapse" if n == 3 else ""]) for n in range(self.count))
        table.focus()

    def on_plain_table_row_highlighted(self, event: PlainTable.RowHighlighted) -> None:
        self.highlighted.append((event.cursor_row, event.key))

    def on_plain_table_row_selected(self, event: PlainTable.RowSelected) -> None:
        self.selected.append(event.key)


def text_of(table: PlainTable, y: int) -> str:
    return table.render_line(y).text


async def started(pilot) -> PlainTable:
    table = pilot.app.query_one(PlainTable)
    await until(pilot, lambda: table.size.height > 0, "the table laid out")
    return table


async def test_the_keys_move_the_cursor_and_say_which_row_it_is_on():
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table = await started(pilot)
        await pilot.press("down", "down")
        await until(pilot, lambda: app.highlighted[-1:] == [(2, "r2")], "the cursor on the third row")
        await pilot.press("end")
        await until(pilot, lambda: table.cursor_row == 49, "the last row")
        await pilot.press("home")
        await until(pilot, lambda: table.cursor_row == 0, "the first row")
        await pilot.press("pagedown")
        page = table.scrollable_content_region.height - 1  # the rows under the header
        await until(pilot, lambda: table.cursor_row == page, "a page down")
        assert table.scroll_y == page, "the view turns the page with the cursor, which keeps its line"
        await pilot.press("pageup")
        await until(pilot, lambda: table.cursor_row == 0, "a page up")
        await pilot.press("up")  # at the top already: stays
        await pilot.press("down", "enter")
        await until(pilot, lambda: app.selected == ["r1"], "the row opened")
        assert table.cursor_key == "r1"


async def test_the_cursor_stays_in_view_under_a_header_that_stays_put():
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table = await started(pilot)
        await pilot.press("end")
        await until(pilot, lambda: table.scroll_y > 0, "the table scrolled")
        await refreshed(pilot)
        height = table.scrollable_content_region.height
        assert text_of(table, 0).split() == ["When", "Summary", "Flags"]
        assert text_of(table, height - 1).split() == ["Nov", "49", "entry", "49"], "the last row at the bottom"
        await pilot.press("home")
        await until(pilot, lambda: table.scroll_y == 0, "back at the top")
        assert text_of(table, 1).split() == ["Nov", "0", "entry", "0"]


async def test_a_click_moves_the_cursor_and_a_click_on_it_opens_the_row():
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table = await started(pilot)
        await pilot.click(PlainTable, offset=(3, 4))  # the header is line 0: line 4 is the fourth row
        await until(pilot, lambda: table.cursor_row == 3, "the cursor on the clicked row")
        assert app.selected == []
        await pilot.click(PlainTable, offset=(3, 4))
        await until(pilot, lambda: app.selected == ["r3"], "the clicked row opened")
        await pilot.click(PlainTable, offset=(3, 0))  # the header: nothing happens
        await refreshed(pilot)
        assert table.cursor_row == 3 and app.selected == ["r3"]


async def test_cells_are_drawn_as_typed_and_measured_in_terminal_cells():
    app = TableApp(rows=0)
    async with app.run_test(size=(60, 12)) as pilot:
        table = await started(pilot)
        table.add_rows([("a", ["Nov 1", "read [step 4] and [b]this[/b]", ""]),
                        ("b", ["Nov 2", "日本 trip\twith a tab", ""])])
        await refreshed(pilot)
        assert "read [step 4] and [b]this[/b]" in text_of(table, 1), "not read as markup"
        assert "日本 trip with a tab" in text_of(table, 2), "a tab would move the terminal's cursor"
        # every line as wide as the widget, the wide characters counted as two cells each
        assert {table.render_line(y).cell_length for y in range(3)} == {table.size.width}
        widths = [[segment.cell_length for segment in table.render_line(y)][:3] for y in range(3)]
        assert widths[0] == widths[1] == widths[2] == [1 + 5 + 1, 1 + 29 + 1, 1 + 5 + 1], "the columns line up"


async def test_a_coloured_column_takes_the_cursors_colours_on_the_cursor_row():
    app = TableApp(rows=6)
    async with app.run_test(size=(60, 12)) as pilot:
        table = await started(pilot)
        table.style_column("flags", "bold magenta")
        await pilot.press("down", "down")
        await until(pilot, lambda: table.cursor_row == 2, "the cursor on the third row")

        def flag_style(y: int):
            return next(s.style for s in table.render_line(y) if "relapse" in s.text)

        assert flag_style(4).color.name == "magenta" and flag_style(4).bold, "off the cursor, the column's colour"
        await pilot.press("down")
        await until(pilot, lambda: table.cursor_row == 3, "the cursor on the flagged row")
        cursor = table.get_component_rich_style("plain-table--cursor")
        assert flag_style(4).color == cursor.color, "on the cursor, the cursor's"


async def test_clear_keeps_the_columns_and_starts_again_at_the_top():
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table = await started(pilot)
        await pilot.press("end")
        await until(pilot, lambda: table.scroll_y > 0, "scrolled down")
        table.clear()
        assert table.row_count == 0 and table.cursor_key is None and table.cursor_row == 0 and table.scroll_y == 0
        table.add_row("Nov 9", "again", "", key="x")
        await refreshed(pilot)
        assert table.get_row_index("x") == 0 and table.get_row_at(0) == ["Nov 9", "again", ""]
        assert text_of(table, 0).split() == ["When", "Summary", "Flags"]
        with pytest.raises(ValueError, match="already"):
            table.add_row("Nov 9", "twice", "", key="x")
        with pytest.raises(ValueError, match="columns"):
            table.add_row("too", "few", key="y")
        assert table.row_count == 1


async def test_a_narrow_table_scrolls_sideways_with_its_header():
    app = TableApp(rows=3)
    async with app.run_test(size=(60, 12)) as pilot:
        table = await started(pilot)
        table.add_row("Nov 30", "x" * 100, "", key="long")
        await refreshed(pilot)
        await pilot.press("right", "right", "right")
        await until(pilot, lambda: table.scroll_x == 3, "scrolled three cells right")
        assert text_of(table, 0).startswith("en")  # " When" moved three cells left: "en   ..."
        assert text_of(table, 1).startswith("v 0")


async def test_the_row_under_the_mouse_is_shaded_until_a_key_moves_the_cursor():
    app = TableApp(rows=6)
    async with app.run_test(size=(60, 12)) as pilot:
        table = await started(pilot)

        def shade(y: int):
            return next(iter(table.render_line(y))).style.bgcolor

        plain = shade(3)
        await pilot.hover(PlainTable, offset=(3, 3))  # the third row
        await until(pilot, lambda: shade(3) != plain, "the hovered row shaded")
        assert shade(3) == table.get_component_rich_style("plain-table--hover").bgcolor
        await pilot.press("down")
        await until(pilot, lambda: shade(3) == plain, "the shade gone")


def in_view(table: PlainTable) -> bool:
    top, page = int(table.scroll_y), table.scrollable_content_region.height - 1
    return top <= table.cursor_row < top + page


class RedrawnOnResize(TableApp):
    """As the roster: a resize draws the rows again and puts the cursor back on the row it was on."""

    def on_resize(self) -> None:
        table = self.query_one(PlainTable)
        keep = table.cursor_row
        rows = [(key, table.get_row_at(table.get_row_index(key))) for key in table.rows]
        table.clear()
        table.add_rows(rows)
        table.move_cursor(keep)


@pytest.mark.parametrize("app_class", [TableApp, RedrawnOnResize])
async def test_a_shorter_window_keeps_the_cursor_in_view(app_class):
    app = app_class()
    async with app.run_test(size=(60, 40)) as pilot:
        table = await started(pilot)
        await pilot.press("end", *["up"] * 5)
        await until(pilot, lambda: table.cursor_row == 44 and in_view(table), "the cursor near the end")
        await pilot.resize_terminal(60, 12)
        await until(pilot, lambda: table.size.height == 12, "the shorter window")
        await until(pilot, lambda: in_view(table), "the cursor scrolled back into view")
        assert table.cursor_row == 44


async def test_joiners_and_letters_stay_and_control_characters_go():
    app = TableApp(rows=0)
    async with app.run_test(size=(80, 12)) as pilot:
        table = await started(pilot)
        family, persian, hyphenated = "👨\u200d👩\u200d👧", "می\u200cخواهم", "re\u00adcovery"
        table.add_rows([("a", ["x", f"{family} {persian} {hyphenated}", ""]),
                        ("b", ["y", "bell\x07 esc\x1b[31m tab\tline\nend", "\u202eright-to-left"])])
        assert table.get_row_at(0)[1] == f"{family} {persian} {hyphenated}", "text as typed"
        assert table.get_row_at(1)[1:] == ["bell esc[31m tab line end", "right-to-left"]
