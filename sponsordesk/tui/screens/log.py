"""One sponsee's contact log: newest first, loaded a year file at a time."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Header, Static
from textual.worker import Worker, WorkerState

from sponsordesk.rules.cleantime import clean_time_text
from sponsordesk.desk.undo import Undo
from sponsordesk.rules.followthrough import suggestions_of
from sponsordesk.tui.saving import save
from sponsordesk.desk.pager import PAGE_ROWS, LogPager
from sponsordesk.rules.logfilter import LogFilter
from sponsordesk.model import ContactKind
from sponsordesk.rules.rhythm import is_ninety_in_ninety, meeting_totals, ninety_progress, weekly_counts
from sponsordesk.tui.screens.base import UndoScreen, report_help
from sponsordesk.views.log import COLUMNS, FLAGS, LogRows
from sponsordesk.wording.dates import time_of_day, weekday_date
from sponsordesk.wording.days import days_ago
from sponsordesk.wording.numbers import plural
from sponsordesk.wording.program import time_words
from sponsordesk.tui.widgets.log_filters import LogFilters
from sponsordesk.tui.widgets.rhythm import RhythmChart
from sponsordesk.tui.widgets.desk_footer import DeskFooter
from sponsordesk.tui.widgets.plain_table import PlainTable
from sponsordesk.wording.labels import kind_noun

if TYPE_CHECKING:
    from sponsordesk.model import Contact


LOAD_AHEAD = 15
"""Read the next year file when the cursor is this close to the last row."""

OLDER_YEARS = "older-years"
"""The worker group reading year files past the first one."""


class LogScreen(UndoScreen):
    """Every contact with one sponsee; search, filter, edit, delete with undo."""

    WIDGET_KEYS = (PlainTable,)
    ROW_ACTION = "open"

    HELP_TITLE = "The contact log"

    CSS_PATH = "log.tcss"

    @property
    def HELP(self) -> str:  # noqa: N802 (the help screen reads HELP from every screen)
        return ("Every contact with one sponsee, newest first, with the meetings they reported and the "
                "rhythm of your contact. / searches, k filters by kind. " + report_help(self.app.ctx.reports_dir))
    BINDINGS = [
        Binding("escape", "back", "Back", id="log.back"),
        Binding("n", "new", "Log contact", id="log.new"),
        Binding("enter", "open", "Open entry", id="log.open", show=False),
        Binding("e", "edit", "Edit", id="log.edit"),
        Binding("delete,x", "delete", "Delete", id="log.delete", show=False),
        Binding("u,ctrl+z", "undo", "Undo", id="log.undo", show=False),
        Binding("slash", "search", "Search", id="log.search"),
        Binding("R", "report", "Report", id="log.report",
                tooltip="Write a Markdown report on this sponsee to read or print (see help for where)"),
        Binding("k", "next_kind", "Kind", id="log.kind", show=False),
        Binding("o", "suggestions", "Open suggestions", id="log.suggestions", show=False),
        Binding("i", "card", "Card", id="log.card", show=False),
    ]

    def __init__(self, sponsee_id: str) -> None:
        super().__init__()
        self.sponsee_id = sponsee_id
        self.filter = LogFilter()
        self.pager: LogPager | None = None
        self.undo: Undo | None = None
        self.rows: LogRows | None = None
        self._reading: LogPager | None = None
        """The pager whose next year file a worker is reading (one at a time)."""
        self._file_year: dict[str, int] = {}
        """Row key -> the year file its entry was read from (a contact may be dated in another year)."""
        self._seek: tuple[str, int, str | None] | None = None
        """After a redraw, a row to put the cursor back on once its year file is read again: (key, year, the
        row the cursor was left on meanwhile). Dropped as soon as the sponsor moves the cursor."""
        self._who: tuple[list[str], str] = ([], "")
        """The line naming the sponsee, in parts, and their phone (``_draw_who``)."""
        self.plain = False
        """The header or the first page came from the plain reading (``Desk.read_plainly``), the models not
        built yet: drawn again from them once the app has built them (``models_built``), and read through
        them before an entry is opened, edited or deleted."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="who")
        yield Static(id="meetings")
        yield RhythmChart(id="rhythm")
        yield LogFilters(id="log-filters")
        yield PlainTable(id="log")
        yield Static(id="more")
        yield DeskFooter()

    def on_mount(self) -> None:
        table = self.query_one("#log", PlainTable)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._colour_flags())
        self.refresh_data()
        table.focus()

    # ------------------------------------------------------------ drawing

    def _draw_who(self) -> None:
        """Who, with the phone where there is room for it on the line."""
        parts, phone = self._who
        if phone and cell_len(" · ".join([*parts, phone])) + 2 <= self.app.size.width:
            parts = [parts[0], phone, *parts[1:]]
        self.query_one("#who", Static).update(Content.assemble((parts[0], "bold"), " · " + " · ".join(parts[1:])))

    def on_resize(self) -> None:
        if self._who[0]:
            self._draw_who()  # the phone shows when the window is wide enough for it, and goes when it is not
        # The summary and suggestion columns take the room there is: drawn again from the entries already
        # read, so a wider window shows more of each summary without reading a file again.
        width = max(self.app.size.width, 80)
        if self.rows is None or width == self.rows.width:
            return
        table = self.query_one("#log", PlainTable)
        keys, keep, top = list(table.rows), table.cursor_row, table.scroll_y
        self.rows = self.rows.at_width(width)
        table.clear()
        table.add_rows((key, self.rows.cells(contact)) for key in keys if (contact := self.rows.contact(key)))
        table.scroll_to(y=top, animate=False, immediate=True)  # the view where it was, the cursor on its line
        table.move_cursor(keep)

    def on_unmount(self) -> None:
        # the signal holds the subscription's callback, and with it this screen, until it next fires
        self.app.theme_changed_signal.unsubscribe(self)

    def refresh_data(self, plainly: bool = True) -> None:
        desk = self.desk
        # Opened before the models are built (a moment after start, when a sponsor goes straight to a log):
        # the header from the index's record and the first page read without pydantic, about 200 ms sooner at
        # 100 sponsees; drawn again from the models when the app has built them.
        plain = desk.read_plainly(self.sponsee_id) if plainly else None
        if plain is not None:
            record, suggestions = plain
            ninety = record.recent  # read_plainly: no "90 in 90" open from before the record's contacts
        else:
            record = desk.record(self.sponsee_id)
            if record is None:
                self.query_one("#who", Static).update("This sponsee is no longer in the data folder.")
                return
            suggestions, ninety = record.suggestions, desk.contacts_for_ninety(record.id)
        self.plain = plain is not None
        s, today = record.sponsee, desk.today
        self.title = f"Contact log · {desk.name(s)}"
        last = next((c for c in record.recent if c.connected), None)
        words, since = time_words(desk.program(s).counts_sobriety), s.sobriety_date
        if since is None:
            counted = f"no {words.date} yet"
        elif since > today:  # a date from a file typed by hand, or --today set back
            counted = f"{words.time} {clean_time_text(since, today)}"  # 'clean time starts Mar 3, 2027'
        else:
            counted = f"{clean_time_text(since, today)} {words.after}"  # '9 days clean'
        parts = [desk.name(s), s.program, counted,
                 f"last talked {days_ago(last.day if last else None, today)}", _count(sum(x.is_open for x in suggestions))]
        self._who = parts, desk.note(s.phone.strip())
        self._draw_who()
        meetings = f"Meetings: {meeting_totals(record.recent, today).text()}"
        progress = ninety_progress(suggestions, ninety, today)
        if progress:
            meetings += f"   [b]{progress.text()}[/b]"
        self.query_one("#meetings", Static).update(meetings)
        week_starts = self.desk.ctx.settings.first_day_of_week
        self.query_one("#rhythm", RhythmChart).show(weekly_counts(record.recent, today, week_starts=week_starts))
        self.rows = LogRows(desk, suggestions, max(self.app.size.width, 80))
        self._colour_flags()
        self._reload_table(plainly=self.plain)

    def models_built(self) -> None:
        """The app has built the models: a page drawn from the plain reading is drawn again from them (the
        same rows, unless a file changed meanwhile), the cursor on the same entry."""
        if self.plain:
            self.refresh_data(plainly=False)

    def _colour_flags(self) -> None:
        """Relapse and crisis in the theme's colour: again when the theme changes (ctrl+p)."""
        colour = self.app.get_css_variables().get("sd-relapse", "magenta")
        self.query_one("#log", PlainTable).style_column(COLUMNS[FLAGS][0], f"bold {colour}")


    def _reload_table(self, plainly: bool = False) -> None:
        """The table from the newest year file (read without pydantic when ``plainly`` and it can be)."""
        if self.rows is None or (not plainly and self.desk.record(self.sponsee_id) is None):
            return
        table = self.query_one("#log", PlainTable)
        # at the top, stay at the top (a newly logged entry lands there); else keep the entry
        keep = self._current_key() if table.cursor_row > 0 else None
        kept_year = self._file_year.get(keep) if keep is not None else None
        if self._seek is not None and table.cursor_key == self._seek[2]:
            keep, kept_year, _ = self._seek  # drawn again while still seeking, the cursor not moved: seek on
        table.clear()
        self._file_year, self._seek = {}, None
        suggestions = self.rows.suggestions
        extra = {c: " ".join(s.text for s in suggestions_of(c, suggestions))
                 for c in {s.contact for s in suggestions if s.contact}}
        self.pager, self._reading = self.desk.pager(self.sponsee_id, self.filter, extra), None
        # The newest year file here, so the log opens with its rows; the rest in a worker.
        first = self.pager.read_year_plainly() if plainly else None
        self._add(first if first is not None else self.pager.read_year())
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        elif keep is not None and kept_year is not None and not self.pager.done and self.pager.next_year >= kept_year:
            # an entry from an older year file (read as the cursor went down): the years down to its own are read
            # again in the background, and the cursor goes back to it then (the models built, a save, a reload)
            self._seek = (keep, kept_year, table.cursor_key)
        self._read_on()

    def _add(self, contacts: list[Contact]) -> None:
        """The entries of the year file the pager read last."""
        table = self.query_one("#log", PlainTable)
        year = self.pager.years_read[-1] if self.pager and self.pager.years_read else None
        added: dict[str, list[str]] = {}
        for contact in contacts:
            key, copy = contact.id, 1
            # One id in two year files: a move to another year met an edit on another computer in a sync. Both
            # are shown, so either can be read, kept or deleted (`doctor` names them); the same one read again
            # is not.
            while (key in table.rows or key in added) and self.rows.contact(key) != contact:
                copy += 1
                key = f"{contact.id} ({copy})"
            if key in table.rows or key in added:
                continue
            added[key] = self.rows.cells(contact)
            self.rows.remember(contact, key)
            if year is not None:
                self._file_year[key] = year
        table.add_rows(added.items())
        self._show_more()

    def _show_more(self) -> None:
        table, pager = self.query_one("#log", PlainTable), self.pager
        count = table.row_count
        found = "entry" if count == 1 else "entries"
        if self.filter.active:
            found += f" matching {self.filter.describe()} (esc clears)"
        if pager and self._reading is pager:
            text = f"{count} {found} · loading older years…"
        elif pager and not pager.done:
            text = f"{count} {found} · {pager.next_year} and older load as you scroll"
        elif count:
            text = f"{count} {found} · that is the whole log"
        else:
            text = "Nothing logged yet: press n to log a contact" if not self.filter.active else f"No {found}"
        self.query_one("#more", Static).update(text)

    def _current_key(self) -> str | None:
        return self.query_one("#log", PlainTable).cursor_key

    def _current(self) -> Contact | None:
        key = self._current_key()
        shown = self.rows.contact(key) if key and self.rows else None
        if shown is None or not self.plain:
            return shown
        # Read plainly: to open, edit or delete it, the entry as the models read it from its file now, the one
        # highlighted and no other (the page is not drawn again first: that would move the cursor).
        entry = self.desk.as_read(self.sponsee_id, shown)
        if entry is None:
            self.notify("That entry changed on disk since the log was drawn. The log is drawn again: choose it "
                        "again.", title="Changed on disk", severity="warning", timeout=8)
            self.refresh_data(plainly=False)
            return None
        self.rows.remember(entry, key)
        return entry

    @on(PlainTable.RowHighlighted, "#log")
    def _load_ahead(self) -> None:
        if self._seek is not None and self.query_one("#log", PlainTable).cursor_key != self._seek[2]:
            self._seek = None  # moved by the sponsor: no jump back later
        self._read_on()

    @property
    def reading_on(self) -> bool:
        """An older year file is being read, or read and not yet shown (its worker done, its rows on the
        way): the page may still grow."""
        return self._reading is not None

    def _read_on(self) -> None:
        """Read the next year file in a worker while the page is short or the cursor nears the end."""
        pager, table = self.pager, self.query_one("#log", PlainTable)
        if pager is None or pager.done or self._reading is pager:
            return
        if self._seek is None and table.row_count >= PAGE_ROWS and table.cursor_row < table.row_count - LOAD_AHEAD:
            return
        self._reading = pager
        self._show_more()
        self._read_year(pager, self.plain)

    @work(thread=True, exclusive=True, group=OLDER_YEARS, name="reading an older year of the log")
    def _read_year(self, pager: LogPager, plainly: bool) -> tuple[LogPager, list[Contact]]:
        # Only the worker touches this pager until it is done (the screen waits on _reading);
        # the year files it reads are ones no row on screen comes from. On a plain page (a newest year of
        # few entries, opened before the models were built) read plainly too, when the file allows it.
        found = pager.read_year_plainly() if plainly else None
        return pager, found if found is not None else pager.read_year()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != OLDER_YEARS or event.state != WorkerState.SUCCESS:
            return
        pager, contacts = event.worker.result  # type: ignore[misc]
        if pager is not self.pager:
            return  # the filter changed or the data was reloaded meanwhile: that table is gone
        self._reading = None
        self._add(contacts)
        if self._seek is not None:
            key, year, left_at = self._seek
            table = self.query_one("#log", PlainTable)
            if table.cursor_key != left_at:
                self._seek = None  # the sponsor has moved on: the cursor stays where they put it
            elif key in table.rows:
                table.move_cursor(row=table.get_row_index(key), animate=False)
                self._seek = None
            elif pager.done or pager.next_year < year:
                self._seek = None  # no longer in its file: the cursor stays where it is
        self._read_on()

    # ------------------------------------------------------------ actions

    def action_back(self) -> None:
        filters = self.query_one(LogFilters)
        if filters.has_focus_within:
            self.query_one("#log", PlainTable).focus()
        elif self.filter.active or filters.display:
            filters.clear()
            self.query_one("#log", PlainTable).focus()
        else:
            self.app.pop_screen()

    def action_new(self) -> None:
        if not self.writable("Logging a contact"):
            return
        self.sd_app.open_contact_form(self.sponsee_id)

    def action_open(self) -> None:
        contact = self._current()
        if contact is None:
            return
        from sponsordesk.tui.dialogs.contact_detail import ContactDetailScreen

        def after(answer: str | None) -> None:
            if answer == "edit":
                self._edit(contact)  # the entry shown, wherever the cursor is now (the log may have been redrawn)

        self.app.push_screen(ContactDetailScreen(self.sponsee_id, contact), after)

    def action_edit(self) -> None:
        self._edit(self._current())

    def _edit(self, contact: Contact | None) -> None:
        if contact is None or not self.writable("Editing an entry"):
            return
        from sponsordesk.tui.screens.contact_form import ContactFormScreen

        self.app.push_screen(ContactFormScreen(self.sponsee_id, contact))

    def action_delete(self) -> None:
        contact = self._current()
        if contact is None or not self.writable("Deleting an entry"):
            return
        from sponsordesk.tui.dialogs.confirm import ConfirmScreen

        at = contact.at.astimezone()
        when = f"{weekday_date(at.date(), self.desk.today)}, {time_of_day(at, self.desk.ctx.settings.time_format)}"
        question = (f"Delete the {kind_noun(contact.kind)} on {when}?\n"
                    "Suggestions given in it are kept. You can undo right after (u).")

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(contact)

        self.app.push_screen(ConfirmScreen(question, yes="Delete"), answered)

    def _delete(self, contact: Contact) -> None:
        def deleted(saved) -> None:
            if saved is not None and saved.undo is not None:
                self.undo = saved.undo
                self.notify(f"{saved.undo.description}. Press u to undo.")

        save(self, lambda: self.desk.delete_contact(self.sponsee_id, contact), done=deleted)

    def undone(self, undo: Undo) -> None:
        self.notify(undo.undone or "Undone.")

    def action_report(self) -> None:
        if self.desk.record(self.sponsee_id) is not None:
            self.sd_app.write_report(self.sponsee_id)

    def action_suggestions(self) -> None:
        self.sd_app.open_suggestions()

    def action_card(self) -> None:
        if self.desk.record(self.sponsee_id) is not None:
            self.sd_app.open_card(self.sponsee_id)

    # ------------------------------------------------------------ search and filters

    async def action_search(self) -> None:
        await self.query_one(LogFilters).open()

    async def action_next_kind(self) -> None:
        await self.query_one(LogFilters).cycle_kind()

    @on(LogFilters.Changed)
    def _filters_changed(self, event: LogFilters.Changed) -> None:
        self.filter = event.filter
        self._reload_table()


def _count(n: int) -> str:
    return "no open suggestions" if n == 0 else f"{plural(n, 'open suggestion')}"
