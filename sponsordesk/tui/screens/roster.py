"""The roster: every sponsee and today's agenda, the app's home screen.

The rules (who is due, what each cell says, sorting and filtering) live in
``agenda.py`` and ``roster_rows.py``; this screen draws them and wires keys.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.widgets import Header, Input, Static

from sponsordesk.model import SponseeState
from sponsordesk.views.roster import (
    build_row, column_widths, columns, left_out, next_sort_column, sort_rows, visible_rows,
)
from sponsordesk.tui.screens.base import DeskScreen
from sponsordesk.desk.errors import StoreError
from sponsordesk.model import SponseeRecord
from sponsordesk.tui.saving import save
from sponsordesk.tui.widgets.card import SponseeCard
from sponsordesk.tui.widgets.today_panel import TodayPanel
from sponsordesk.views.today import nobody, panel_heading, today_lines
from sponsordesk.rules.agenda import agenda_of
from sponsordesk.tui.widgets.desk_footer import DeskFooter
from sponsordesk.tui.widgets.plain_table import PlainTable

WELCOME = """\
[b]Welcome to sponsordesk[/b]

Your private notebook for the people you sponsor. Everything stays in plain \
files on this machine; nothing is sent anywhere.

  [b]a[/b]  add your first sponsee
  [b]d[/b]  try it with invented demo data
  [b]ctrl+q[/b]  quit

Then each morning the Today panel says who needs a call and why; \
[b]l[/b] logs a call, [b]s[/b] snoozes someone until tomorrow, [b]/[/b] filters the list.
"""

OPENING = "Opening your notebook…"
"""Shown while the data folder is read (a worker, begun before the first frame), unless its index answered
(Desk.take_glance): then the roster and Today panel show, and only the card says this."""

NARROW = 100
"""Below this table width columns are one space apart instead of two, so 80 columns fit."""
WIDE = 140
"""From this width the Today panel moves beside the table instead of above it."""
RHYTHM = 86
"""From this table width there may be room for the 12-week contact rhythm column (if the other cells leave it)."""
SCROLLBAR = 2
"""Cells the table's scroll bar takes when its rows do not all fit."""
TODAY_SHARE = 45
"""Percent of a wide screen the Today panel takes (roster.tcss says the same)."""


class RosterScreen(DeskScreen):
    """Every sponsee in a table, with today's agenda; the morning view."""

    WIDGET_KEYS = (PlainTable,)
    ROW_ACTION = "board"

    HELP_TITLE = "The roster"

    HELP = ("Everyone you sponsor, with their program, clean time, the step they are on, "
            "how long since you talked and their open suggestions. Pick someone to open their step "
            "board or contact log; ctrl+p jumps to anyone by name.")
    # roster.tcss is in the app's CSS_PATH: Textual reads no CSS_PATH of the app's first screen
    # The table has focus from the first frame (Textual marks it focused before painting): focus is part of
    # how a cell is drawn, and given after the first frame, every visible cell was drawn a second time.
    AUTO_FOCUS = "#roster"
    BINDINGS = [
        # left out of the footer so the card (i) fits at 80 columns; the welcome screen and help list it
        Binding("a", "add", "Add", id="roster.add", show=False),
        # An empty folder's two keys are the welcome screen's, shown in the footer; the others wait for a sponsee.
        Binding("a", "add('first')", "Add a sponsee", id="roster.add"),
        Binding("e", "edit", "Edit", id="roster.edit", show=False),
        Binding("l", "quick_log", "Quick log", id="roster.quick_log"),
        Binding("L", "log_form", "Full log form", id="roster.log_form", show=False),
        Binding("b,enter", "board", "Steps", id="roster.board"),
        Binding("c", "contacts", "Contacts", id="roster.contacts"),
        Binding("i", "card", "Card", id="roster.card"),
        Binding("y", "copy_phone", "Copy phone", id="roster.copy_phone", show=False),
        Binding("u", "suggestions", "Suggestions", id="roster.suggestions", show=False),
        Binding("s", "snooze", "Snooze", id="roster.snooze"),
        Binding("slash", "filter", "Filter", id="roster.filter", show=False),
        Binding("p", "pause", "Pause", id="roster.pause", show=False),
        Binding("x", "end", "End sponsorship", id="roster.end", show=False),
        Binding("r", "resume", "Resume", id="roster.resume", show=False),
        Binding("E", "toggle_ended", "Show/hide ended", id="roster.toggle_ended", show=False),
        Binding("o", "sort", "Sort by next column", id="roster.sort", show=False),
        Binding("O", "reverse", "Reverse the sort", id="roster.reverse", show=False),
        Binding("escape", "clear_filter", "Clear filter", id="roster.clear_filter", show=False),
        Binding("d", "demo", "Demo data", id="roster.demo", show=False),
        Binding("d", "demo('first')", "Demo data", id="roster.demo"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort_column = "status"
        """The column the sponsor chose to sort by; kept while it has given way (see ``shown_sort``)."""
        self.sort_reverse = False
        self.show_ended = False
        self.query_text = ""
        self.narrow = False
        self.left_out: tuple[str, ...] = ()
        """Columns given way so the others show whole (views.roster.GIVE_WAY): the rhythm, clean time, program."""
        self.table_room = 0
        """Cells the table has across (the terminal's width, less the Today column when it is beside it)."""
        self.widths: dict[str, int] = {}
        """Each column's widest cell, over every row a filter may show (long names, "11 days ago")."""
        self._drawn: tuple = ()
        """What the table shows (theme, layout, sort, columns, rows): drawn again only when it changes."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(OPENING, id="opening")
        yield Static(WELCOME, id="welcome")
        with Container(id="main"):
            # above the table; beside it on a wide terminal, with the card under the agenda (roster.tcss)
            with Vertical(id="side"):
                yield TodayPanel(id="today")
                yield SponseeCard(id="card")
            yield Input(placeholder="filter: type part of a name, program or status", id="filter")
            yield PlainTable(id="roster")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#filter").display = False
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_data())
        # The screen already has the terminal's size: pick the layout now, so the
        # table is built once at start, not once here and again on the first resize.
        self._set_layout(self.app.size.width)
        self.refresh_data()  # "Opening your notebook…" until the app has read the folder
        self.call_later(self.app.roster_mounted)  # type: ignore[attr-defined]  # a reading done before now

    def on_resize(self) -> None:
        if self._set_layout(self.size.width):
            self.refresh_data()

    def _set_layout(self, width: int) -> bool:
        """Fit the columns (and the card beside them) to ``width``; True when they changed."""
        self.set_class(width >= WIDE, "-wide")
        card = self.query_one(SponseeCard)
        if card.display != (width >= WIDE):
            card.display = width >= WIDE
            if card.display and self.is_mounted:
                self._draw_card()  # shown again after a narrower spell: with whoever is highlighted now
        table_width = width if width < WIDE else width - width * TODAY_SHARE // 100
        self.table_room = table_width
        narrow = table_width < NARROW
        layout = (narrow, self._left_out(narrow))
        if layout == (self.narrow, self.left_out):
            return False
        self.narrow, self.left_out = layout
        return True

    def _left_out(self, narrow: bool) -> tuple[str, ...]:
        per_cell = 1 if narrow else 2
        return left_out(self.widths, self.table_room - SCROLLBAR, per_cell, rhythm=self.table_room >= RHYTHM)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Until the notebook is open there is nothing to act on: the keys wait, greyed in the footer, so
        # the footer holds still when it opens (only their look changes, nothing is laid out again).
        if not self.desk.loaded:
            return False if parameters == ("first",) else None  # most folders have sponsees: theirs wait
        # The welcome screen (an empty folder): only its two keys, in the footer as on the screen; l, b, c,
        # i and s said "Choose a sponsee first" there. One binding of each pair is enabled at a time.
        welcome = self.desk.empty
        if action in ("add", "demo"):
            return (parameters == ("first",)) == welcome
        return not welcome

    # ------------------------------------------------------------ drawing

    def refresh_data(self) -> None:
        desk = self.desk
        opening = self.query_one("#opening")
        if not desk.loaded and not desk.glancing:
            opening.display, self.query_one("#welcome").display, self.query_one("#main").display = True, False, False
            return
        just_opened = opening.display
        opening.display = False
        # ended sponsorships (often most of them) are assessed only when shown, once read in the background
        found = desk.assessments(ended=self.show_ended and not desk.ended_pending)
        table = self.query_one("#roster", PlainTable)
        if table.loading and not desk.ended_pending:
            table.loading = False
            if self.show_ended:  # not if E hid them again meanwhile
                self.notify("Showing ended sponsorships.")
        self._draw_today(agenda_of(found))
        self._draw_table(found)
        self._draw_card()
        empty = desk.empty  # not when every sponsee's files failed to load: the roster says so instead
        welcome = self.query_one("#welcome")
        if welcome.display != empty:
            self.refresh_bindings()  # the footer's keys: the welcome screen's two, or a sponsee's
        welcome.display = empty
        self.query_one("#main").display = not empty
        if just_opened:
            self.query_one("#roster").focus()

    def notebook_opened(self) -> None:
        # The rows, the Today panel and the welcome stand as the glance drew them (the same records, no
        # problem: loading.py); of what refresh_data draws only the card depends on the files being read.
        self._draw_card()

    def _tone_style(self, tone: str) -> str:
        colour = self.app.theme_variables.get(f"sd-{tone}")
        return f"bold {colour}" if colour else "dim"

    def _draw_today(self, agenda: list) -> None:
        lines = today_lines(self.desk, agenda)
        unread = len({p.path for p in self.desk.broken_files()})  # files that may leave someone off the agenda
        self.query_one(TodayPanel).show(panel_heading(self.desk.today, len(lines), unread), lines, nobody(unread))

    def _draw_table(self, found: list) -> None:
        table = self.query_one("#roster", PlainTable)
        keep = self.selected_id
        week_starts = self.desk.ctx.settings.first_day_of_week
        rows = visible_rows([build_row(f, self.desk.name(f.record.sponsee), week_starts) for f in found],
                            self.show_ended, "")
        # The rhythm, then clean time, then the program give way while the other cells would not show whole
        # (a long-kept notebook's longer cells pushed "Next call" out of sight at 80 and at 160 columns).
        # Measured on every row a filter may show, so typing one does not make columns come and go.
        self.widths = column_widths(rows)
        self.left_out = self._left_out(self.narrow)
        shown = columns(self.left_out)
        sort = self.shown_sort
        rows = sort_rows(visible_rows(rows, True, self.query_text), sort, self.sort_reverse)
        # The same rows as drawn (the files' reading after the index's, a reload that found nothing new):
        # nothing to draw, measure or lay out again; 200 rows took about 50 ms and two frames to rebuild.
        drawn = (self.app.theme, self.narrow, sort, self.sort_reverse, tuple(shown),
                 tuple((row.id, row.tone, *(row.cells[key] for key, _ in shown)) for row in rows))
        if drawn == self._drawn and table.row_count == len(rows):
            return
        self._drawn = drawn
        top = table.scroll_y
        table.clear(columns=True)
        # narrow: no padding either side of a cell, one leading space per cell instead
        table.cell_padding = 0 if self.narrow else 1
        pad = " " if self.narrow else ""
        arrow = "▼" if self.sort_reverse else "▲"
        for key, label in shown:
            table.add_column(pad + label + (arrow if key == sort else ""), key=key)
        keys = [key for key, _ in shown]
        tones = {tone: self._tone_style(tone) for tone in {row.tone for row in rows}}  # the status in its colour
        table.add_rows((row.id, [pad + row.cells[key] for key in keys],
                        [tones[row.tone] if key == "status" else None for key in keys]) for row in rows)
        ids = [row.id for row in rows]
        if keep in ids:
            # drawn again with the chosen sponsee still there (a resize, a reload, a sort): the view stays where
            # it was and the cursor comes into it from there, not from the top
            table.scroll_to(y=top, animate=False, immediate=True)
            table.move_cursor(row=ids.index(keep))

    @property
    def shown_sort(self) -> str:
        """The column the rows are sorted by: the chosen one, or while it has given way (a narrower spell,
        longer cells with E) the next one shown; the chosen one comes back with its column."""
        shown = [key for key, _ in columns(self.left_out)]
        return self.sort_column if self.sort_column in shown else next_sort_column(self.sort_column, shown)

    def _draw_card(self) -> None:
        card = self.query_one(SponseeCard)
        if card.display:  # only beside the table: narrower, the card is its own screen (i)
            card.show(self.desk, self.selected_id, "Choose someone in the table to see their card."
                      if self.desk.loaded else OPENING)  # from the index: the card waits for the files

    @on(PlainTable.RowHighlighted, "#roster")
    def _highlighted(self) -> None:
        self._draw_card()

    @property
    def selected_id(self) -> str | None:
        return self.query_one("#roster", PlainTable).cursor_key

    def _selected(self) -> SponseeRecord | None:
        if not self.desk.loaded:
            # the rows may show from the index while the files are read; enter and a click on a row come
            # here past the greyed keys (the table's own)
            self.sd_app.still_opening()
            return None
        sponsee_id = self.selected_id
        unread = sponsee_id is not None and self.desk.from_index(sponsee_id)
        record = self.desk.record(sponsee_id) if sponsee_id else None
        # not when their row was there and their files, read just now, no longer load: the roster is drawn
        # again without them, and "Some files did not load" names the file and the line
        if record is None and not unread:
            self.notify(self._nobody_matches() or "Choose a sponsee first (add one with a).", severity="warning")
        return record

    def _nobody_matches(self) -> str | None:
        """What to say when the filter leaves no row of a roster that has some; None when it does not."""
        query = self.query_text.strip()
        if query and self.desk.records and not self.query_one("#roster", PlainTable).row_count:
            return f"Nobody matches “{query}”; esc clears the filter."
        return None

    def _after_change(self, changed: object) -> None:
        if changed:
            self.sd_app.refresh_all()
            if isinstance(changed, str):
                self._select(changed)

    def _select(self, sponsee_id: str) -> None:
        table = self.query_one("#roster", PlainTable)
        try:
            table.move_cursor(row=table.get_row_index(sponsee_id))
        except Exception:  # filtered out or ended and hidden: nothing to move to
            pass

    # ------------------------------------------------------------ sponsees

    def action_add(self, _first: str = "") -> None:
        from sponsordesk.tui.dialogs.sponsee_form import SponseeFormScreen

        if not self.writable("Adding a sponsee"):
            return
        self.app.push_screen(SponseeFormScreen(), self._after_change)

    def action_edit(self) -> None:
        from sponsordesk.tui.dialogs.sponsee_form import SponseeFormScreen

        if not self.writable("Editing a sponsee"):
            return
        if record := self._selected():
            self.app.push_screen(SponseeFormScreen(record.id), self._after_change)

    def action_pause(self) -> None:
        from sponsordesk.tui.dialogs.status_forms import PauseScreen

        if not self.writable("Pausing a sponsorship"):
            return
        if record := self._selected():
            self.app.push_screen(PauseScreen(record.id), self._after_change)

    def action_end(self) -> None:
        from sponsordesk.tui.dialogs.status_forms import EndScreen

        if not self.writable("Ending a sponsorship"):
            return
        if record := self._selected():
            if record.sponsee.state == SponseeState.ENDED:
                self.notify(f"{self.desk.name(record.sponsee)} has ended already; r resumes.")
                return
            self.app.push_screen(EndScreen(record.id), self._after_change)

    def action_resume(self) -> None:
        record = self._selected()
        if record is None:
            return
        name = self.desk.name(record.sponsee)
        if record.sponsee.state == SponseeState.ACTIVE and not record.sponsee.snoozed_until:
            self.notify(f"{name} is active already.")
            return
        if not self.writable("Resuming a sponsorship"):
            return
        shown = record.sponsee

        def resume() -> None:
            save(self, lambda: self.desk.resume(record.id, shown), f"{self.desk.name(shown)} is back on the roster "
                 "and the agenda.", lambda _saved: self._select(record.id))

        if not self.desk.resume_keeps(shown):
            resume()  # only a snooze to lift: nothing to lose, nothing to ask
            return
        from sponsordesk.tui.dialogs.confirm import ConfirmScreen

        what = "end" if shown.state == SponseeState.ENDED else "pause"

        def question() -> str:  # asked again when F4 is pressed with the question open
            return (f"Resume {self.desk.name(shown)}? The {what}'s date and reason are kept: they go to the end "
                    "of the notes (i shows them).")

        self.app.push_screen(ConfirmScreen(question, yes="Resume"), lambda yes: resume() if yes else None)

    def action_snooze(self) -> None:
        from sponsordesk.tui.dialogs.snooze import SnoozeScreen

        if not self.writable("Snoozing"):
            return
        if record := self._selected():
            self.app.push_screen(SnoozeScreen(record.id), self._after_change)

    def action_quick_log(self) -> None:
        from sponsordesk.tui.dialogs.quick_log import QuickLogScreen

        if not self.writable("Logging a contact"):
            return
        if record := self._selected():
            self.app.push_screen(QuickLogScreen(record.id), self._after_change)

    # ------------------------------------------------------------ other screens (built elsewhere)

    def action_log_form(self) -> None:
        if not self.writable("Logging a contact"):
            return
        if record := self._selected():
            self.sd_app.open_contact_form(record.id)

    def action_board(self) -> None:
        if record := self._selected():
            self.sd_app.open_board(record.id)

    def action_contacts(self) -> None:
        if record := self._selected():
            self.sd_app.open_log(record.id)

    def action_card(self) -> None:
        if record := self._selected():
            self.sd_app.open_card(record.id)

    def action_copy_phone(self) -> None:
        if record := self._selected():
            self.sd_app.copy_phone(record.id)

    def action_suggestions(self) -> None:
        self.sd_app.open_suggestions()

    # ------------------------------------------------------------ view

    def action_toggle_ended(self) -> None:
        self.show_ended = not self.show_ended
        if self.show_ended and self.desk.ended_pending:
            # Read off the UI thread: at a thousand sponsees (800 of them ended) this froze the window for
            # over a second and a half. From now on every reading reads them in full.
            self.desk.ended_later = False
            self.query_one("#roster", PlainTable).loading = True  # until they are read (refresh_data)
            self.sd_app.reload_data(quiet=True)
        else:
            self.query_one("#roster", PlainTable).loading = False  # hidden again before they were read
            self.notify("Showing ended sponsorships." if self.show_ended
                        else "Ended sponsorships hidden (E shows them).")
        self.refresh_data()

    def action_sort(self) -> None:
        self.sort_column = next_sort_column(self.shown_sort, [key for key, _ in columns(self.left_out)])
        self.refresh_data()

    def action_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.refresh_data()

    @on(PlainTable.HeaderSelected, "#roster")
    def _heading_clicked(self, event: PlainTable.HeaderSelected) -> None:
        key = event.key or "status"
        self.sort_reverse = not self.sort_reverse if key == self.shown_sort else False
        self.sort_column = key
        self.refresh_data()

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.query_text = event.value
            self.refresh_data()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.query_one("#roster").focus()
            nobody = self._nobody_matches()
            if nobody:
                self.notify(nobody, severity="warning")

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.display:
            box.value = ""
            box.display = False
            self.query_one("#roster").focus()

    def action_demo(self, _first: str = "") -> None:
        desk = self.desk
        if not desk.empty:
            self.notify("Demo data goes into an empty folder; this one has sponsees.", severity="warning")
            return
        if not self.writable("Writing demo data"):
            return
        try:
            desk.write_demo()
        except (StoreError, OSError) as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.refresh_data()
        self.query_one("#roster").focus()
        self.notify("Wrote invented demo sponsees. Delete the data folder to start fresh.")
