"""A table of one-line rows of plain text, drawn a line at a time (Textual's line API).

Why not Textual's ``DataTable``: opening the 5,000-entry log spent most of its time there. For every
row added it measured each cell through Rich with a fresh ``console.options``, and it rendered every
visible cell through Rich's console (``python -m bench`` on the large set: of about 250 ms to open the
log, about 110 went to the table). Here a cell is a string: its width is ``cell_len``, and a line is
a handful of ``Segment``s built when Textual asks for it, only for the rows on screen. Cells are
never read as markup, so a summary like "read [step 4]" keeps its brackets.

What it does is what the screens use: columns with labels, rows with keys, a row cursor with zebra
stripes, the header fixed at the top, the keys of a list (up, down, page up and down, home, end,
enter) and the mouse (a click moves the cursor, a click on the cursor's row opens it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from sponsordesk.wording.text import in_cell

PADDING = 1
"""Blank cells either side of a column's text, as DataTable's default."""

class PlainTable(ScrollView, can_focus=True):
    """Rows of plain-text cells under a fixed header, with a row cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open the row", id="table.select", show=False),
        Binding("up", "cursor_up", "Cursor up", id="table.up", show=False),
        Binding("down", "cursor_down", "Cursor down", id="table.down", show=False),
        Binding("pageup", "page_up", "Page up", id="table.page_up", show=False),
        Binding("pagedown", "page_down", "Page down", id="table.page_down", show=False),
        Binding("home,ctrl+home", "first", "First row", id="table.first", show=False),
        Binding("end,ctrl+end", "last", "Last row", id="table.last", show=False),
        Binding("left", "scroll_left", "Scroll left", id="table.left", show=False),
        Binding("right", "scroll_right", "Scroll right", id="table.right", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "plain-table--header", "plain-table--cursor", "plain-table--even-row", "plain-table--odd-row",
        "plain-table--hover",
    }

    # The look of Textual's DataTable with zebra stripes and a row cursor, so a theme styles both alike.
    DEFAULT_CSS = """
    PlainTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .plain-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .plain-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .plain-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .plain-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .plain-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .plain-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .plain-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .plain-table--hover {
            background: $block-hover-background;
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, repaint=False, init=False)
    """The row under the cursor (0 when there are no rows); only its old and new lines are drawn again."""

    class _RowMessage(Message):
        def __init__(self, table: PlainTable, cursor_row: int, key: str) -> None:
            super().__init__()
            self.table, self.cursor_row, self.key = table, cursor_row, key

        @property
        def control(self) -> PlainTable:
            return self.table

    class RowHighlighted(_RowMessage):
        """The cursor moved to another row."""

    class RowSelected(_RowMessage):
        """The row under the cursor was chosen: enter, or a click on it."""

    class HeaderSelected(Message):
        """A column's heading was clicked."""

        def __init__(self, table: PlainTable, key: str) -> None:
            super().__init__()
            self.table, self.key = table, key

        @property
        def control(self) -> PlainTable:
            return self.table

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns: dict[str, str] = {}
        """Each column's key and its label, in order."""
        self._column_styles: list[Style | None] = []
        self._widths: list[int] = []
        self._keys: list[str] = []
        self._cells: list[tuple[str, ...]] = []
        self._cell_styles: list[tuple[Style | None, ...] | None] = []
        self.rows: dict[str, int] = {}
        """Each row's key and its index, in order: ``key in table.rows``."""
        self._padding = PADDING
        self._hover: int | None = None
        """The row under the mouse pointer, if any: shaded, as DataTable shades it."""
        self._styles: dict[str, Style] = {}
        """The styles of the paint under way (``render_lines``)."""

    # ------------------------------------------------------------ columns and rows

    @property
    def cell_padding(self) -> int:
        """Blank cells either side of each column's text."""
        return self._padding

    @cell_padding.setter
    def cell_padding(self, padding: int) -> None:
        self._padding = max(0, padding)
        self._resized()

    def add_column(self, label: str, key: str) -> None:
        self.columns[key] = label
        self._column_styles.append(None)
        self._widths.append(cell_len(label))
        for row, cells in enumerate(self._cells):  # a column added to rows already there: blank in each
            self._cells[row] = (*cells, "")
            if self._cell_styles[row] is not None:
                self._cell_styles[row] = (*self._cell_styles[row], None)
        self._resized()

    def style_column(self, key: str, style: str | Style | None) -> None:
        """Draw a column's text in ``style`` (its empty cells stay blank), on each row's background."""
        self._column_styles[list(self.columns).index(key)] = Style.parse(style) if isinstance(style, str) else style
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._keys)

    def add_rows(self, rows: Iterable[tuple[str, Sequence[str]] | tuple[str, Sequence[str], Sequence[str | None]]]) \
            -> None:
        """Add ``(key, cells)`` rows at the end, or ``(key, cells, styles)`` with a style (or None) for each
        cell, over its column's; a key already there is an error, as DataTable's."""
        widths, columns = self._widths, len(self._widths)
        for key, cells, *styles in rows:
            if key in self.rows:
                raise ValueError(f"a row with the key {key!r} is already in the table")
            cells = tuple(cells)
            if len(cells) != columns:
                raise ValueError(f"a row of {len(cells)} cells in a table of {columns} columns")
            cells = tuple(in_cell(cell) for cell in cells)  # a summary typed in an editor may hold a tab
            self.rows[key] = len(self._keys)
            self._keys.append(key)
            self._cells.append(cells)
            # Style.parse keeps a cache of what it parsed: a few tones for hundreds of rows cost nothing
            self._cell_styles.append(tuple(Style.parse(style) if style else None for style in styles[0])
                                     if styles and styles[0] else None)
            for index, cell in enumerate(cells):
                width = len(cell) if cell.isascii() else cell_len(cell)
                if width > widths[index]:
                    widths[index] = width
        self._resized()

    def add_row(self, *cells: str, key: str) -> None:
        self.add_rows([(key, cells)])

    def clear(self, columns: bool = False) -> None:
        """Every row gone (and every column, with ``columns``); the cursor back on the first row, at the top."""
        self._keys, self._cells, self._cell_styles, self.rows = [], [], [], {}
        self._hover = None
        if columns:
            self.columns, self._column_styles = {}, []
        self._widths = [cell_len(label) for label in self.columns.values()]
        self.set_reactive(PlainTable.cursor_row, 0)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._resized()

    @property
    def column_widths(self) -> dict[str, int]:
        """Each column's width on screen, its padding included."""
        return {key: width + 2 * self._padding for key, width in zip(self.columns, self._widths)}

    def drawn_row(self, row: int) -> str:
        """Row ``row`` as it is drawn (its cells padded and lined up), without the scrolling."""
        return self._line(self._cells[row], Style()).text

    def get_row_at(self, row: int) -> list[str]:
        return list(self._cells[row])

    def get_cell(self, row_key: str, column_key: str) -> str:
        return self._cells[self.rows[row_key]][list(self.columns).index(column_key)]

    def get_row_index(self, key: str) -> int:
        return self.rows[key]

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor, or None when there are no rows."""
        return self._keys[self.cursor_row] if self._keys else None

    def move_cursor(self, row: int, animate: bool = False) -> None:
        if not self._keys:
            return
        self.cursor_row = row  # within the rows: validate_cursor_row
        self._scroll_to_cursor(animate)
        # and again once laid out: a table redrawn in a resize (the roster's) had the height it is leaving
        self.call_after_refresh(self._scroll_to_cursor)

    # ------------------------------------------------------------ the cursor

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self._keys) - 1)) if self._keys else 0

    def watch_cursor_row(self, before: int, row: int) -> None:
        self._refresh_row(before)
        self._refresh_row(row)
        if self._keys:
            self.post_message(self.RowHighlighted(self, row, self._keys[row]))

    @property
    def _page(self) -> int:
        """Rows that fit below the header."""
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self, animate: bool = False) -> None:
        top, row = int(self.scroll_y), self.cursor_row
        if row < top:
            self.scroll_to(y=row, animate=animate, immediate=not animate)
        elif row >= top + self._page:
            self.scroll_to(y=row - self._page + 1, animate=animate, immediate=not animate)

    def _refresh_row(self, row: int) -> None:
        self.refresh_line(row + 1)  # its line in the scrolled content, under the header

    def on_resize(self) -> None:
        self.call_after_refresh(self._scroll_to_cursor)  # a shorter window keeps the cursor in view

    def _key_move(self, row: int) -> None:
        self._hover_on(None)  # one shaded row at a time: the keys' (DataTable does the same)
        self.move_cursor(row)

    def action_cursor_up(self) -> None:
        self._key_move(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self._key_move(self.cursor_row + 1)

    def _page_move(self, rows: int) -> None:
        # the view turns a page with the cursor, as DataTable's (and a pager's): the cursor keeps its line
        self.scroll_to(y=int(self.scroll_y) + rows, animate=False, immediate=True)
        self._key_move(self.cursor_row + rows)

    def action_page_up(self) -> None:
        self._page_move(-self._page)

    def action_page_down(self) -> None:
        self._page_move(self._page)

    def action_first(self) -> None:
        self._key_move(0)

    def action_last(self) -> None:
        self._key_move(len(self._keys) - 1)

    def action_select(self) -> None:
        if self._keys:
            self.post_message(self.RowSelected(self, self.cursor_row, self._keys[self.cursor_row]))

    async def _on_click(self, event: events.Click) -> None:
        meta = event.style.meta
        if "column" in meta:
            event.stop()
            self.post_message(self.HeaderSelected(self, list(self.columns)[meta["column"]]))
            return
        row = meta.get("row")
        if row is None or not self._keys:
            return
        event.stop()
        if row == self.cursor_row:
            self.action_select()
        else:
            self.move_cursor(row)

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover_on(event.style.meta.get("row"))

    def _on_leave(self, _: events.Leave) -> None:
        self._hover_on(None)

    def _hover_on(self, row: int | None) -> None:
        if row != self._hover:
            before, self._hover = self._hover, row
            for line in (before, row):
                if line is not None:
                    self._refresh_row(line)

    # ------------------------------------------------------------ drawing

    @property
    def _table_width(self) -> int:
        return sum(self._widths) + 2 * self._padding * len(self._widths)

    def _resized(self) -> None:
        self.virtual_size = Size(self._table_width, len(self._keys) + 1)
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        # the styles once for every line of this paint: they change only with the theme, the focus or the CSS
        self._styles = {}
        return super().render_lines(crop)

    def _paint_styles(self) -> dict[str, Style]:
        component, base = self.get_component_rich_style, self.rich_style
        styles = {name: base + component(f"plain-table--{name}") for name in ("header", "even-row", "odd-row")}
        styles["cursor"], styles["hover"], styles["base"] = (
            component("plain-table--cursor"), component("plain-table--hover"), base)
        self._styles = styles
        return styles

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width, styles = self.size.width, self._styles or self._paint_styles()
        if y == 0:
            line = self._line(tuple(self.columns.values()), styles["header"], header=True)
        else:
            row = y - 1 + scroll_y
            if row >= len(self._keys):
                return Strip.blank(width, styles["base"])
            stripe = styles["odd-row" if row % 2 else "even-row"] + Style.from_meta({"row": row})
            if row == self._hover:
                stripe += styles["hover"]
            # the cursor's colours over a cell's own, as DataTable's: a coloured word stays readable on the bar
            line = self._line(self._cells[row], stripe, self._cell_styles[row] or self._column_styles,
                              styles["cursor"] if row == self.cursor_row else None)
        return line.crop(scroll_x, scroll_x + width) if scroll_x else line

    def _line(self, cells: Sequence[str], style: Style, cell_styles: Sequence[Style | None] = (),
              over: Style | None = None, header: bool = False) -> Strip:
        pad = " " * self._padding
        plain = style + over if over is not None else style
        segments = []
        for index, (cell, width) in enumerate(zip(cells, self._widths)):
            text = pad + set_cell_size(cell, width) + pad
            if header:  # which heading a click is on
                segments.append(Segment(text, style + Style.from_meta({"column": index})))
                continue
            extra = (cell_styles[index] or self._column_styles[index]) if cell_styles and cell else None
            if extra is None:
                segments.append(Segment(text, plain))
            else:
                segments.append(Segment(text, style + extra + over if over is not None else style + extra))
        total = self._table_width
        length = max(self.size.width + int(self.scroll_x), total)
        if length > total:
            segments.append(Segment(" " * (length - total), plain))  # the row's stripe or cursor to the edge
        return Strip(segments, length)
