"""Open suggestions across every sponsee, soonest due first, resolvable here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from sponsordesk.desk.undo import Undo
from sponsordesk.tui.saving import save
from sponsordesk.wording.labels import status_label
from sponsordesk.model import SuggestionStatus
from sponsordesk.tui.screens.base import UndoScreen
from sponsordesk.model import SponseeRecord
from sponsordesk.wording.days import days_until
from sponsordesk.tui.widgets.desk_footer import DeskFooter
from sponsordesk.tui.widgets.plain_table import PlainTable
from sponsordesk.wording.dates import short_date

if TYPE_CHECKING:
    from sponsordesk.model import Suggestion


class SuggestionsScreen(UndoScreen):
    """Every open suggestion; f / n / x resolve it, enter adds a note first."""

    WIDGET_KEYS = (PlainTable,)
    ROW_ACTION = "resolve_with_note"

    HELP_TITLE = "Open suggestions"
    HELP = ("Every open suggestion of everyone you sponsor, soonest due first. f, n and x mark the highlighted "
            "one followed through, not followed or dropped (dated today); enter adds a note first; u undoes the "
            "last one; l opens that sponsee's log.")

    CSS_PATH = "suggestions.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="suggestions.back"),
        Binding("f", "resolve('followed')", "Followed", id="suggestions.followed"),
        Binding("n", "resolve('not_followed')", "Not followed", id="suggestions.not_followed"),
        Binding("x", "resolve('dropped')", "Dropped", id="suggestions.dropped"),
        Binding("enter", "resolve_with_note", "With a note", id="suggestions.note", show=False),
        Binding("u,ctrl+z", "undo", "Undo", id="suggestions.undo", show=False),
        Binding("l", "log", "Log", id="suggestions.log", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.undo: Undo | None = None
        self._rows: dict[str, tuple[SponseeRecord, Suggestion]] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="suggestions-intro")
        yield PlainTable(id="suggestions")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = "Open suggestions"
        table = self.query_one("#suggestions", PlainTable)
        # The words last: a long suggestion is what a narrow window cuts, never the dates beside it.
        for key, label in [("due", "Due"), ("who", "Sponsee"), ("given", "Given"), ("text", "Suggestion")]:
            table.add_column(label, key=key)
        # the due dates' colours are the theme's: drawn again when it changes (ctrl+p)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_data())
        self.refresh_data()
        table.focus()

    def refresh_data(self) -> None:
        desk, today = self.desk, self.desk.today
        table = self.query_one("#suggestions", PlainTable)
        keep = table.cursor_row
        table.clear()
        self._rows = {}
        colours = self.app.get_css_variables()
        rows = []
        for record, suggestion in desk.open_suggestions():
            due = None
            if suggestion.due and suggestion.due < today:
                due = colours.get("sd-overdue", "yellow")
            elif suggestion.due == today:
                due = colours.get("sd-due", "yellow")
            key = f"{len(self._rows)}:{record.id}/{suggestion.id}"  # unique even for copied ids
            rows.append((key, [days_until(suggestion.due, today), desk.name(record.sponsee),
                               short_date(suggestion.given, today), desk.note(suggestion.text)], [due, None, None, None]))
            self._rows[key] = (record, suggestion)
        table.add_rows(rows)
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1), animate=False)
        count = table.row_count
        self.query_one("#suggestions-intro", Static).update(
            f"{count} open suggestion{'s' if count != 1 else ''}, soonest due first; enter adds a note."
            if count else "No open suggestions. New ones come from the log form (n on a sponsee's log)."
        )

    def on_unmount(self) -> None:
        # the signal holds the subscription's callback, and with it this screen, until it next fires
        self.app.theme_changed_signal.unsubscribe(self)

    def _current(self) -> tuple[SponseeRecord, Suggestion] | None:
        key = self.query_one("#suggestions", PlainTable).cursor_key
        return self._rows.get(key) if key is not None else None

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_resolve(self, status: str) -> None:
        current = self._current()
        if current is not None and self.writable("Marking a suggestion"):
            self._resolve(*current, status)

    def _resolve(self, record: SponseeRecord, suggestion: Suggestion, status: str, note: str = "",
                 then: Callable[[object], None] | None = None) -> None:
        def resolved(saved) -> None:
            if saved is not None:
                self.undo = saved.undo
            if then is not None:
                then(saved)

        save(self, lambda: self.desk.resolve(record.id, suggestion, status, note),
             f"Marked {status_label(status)}. Press u to undo.", resolved)

    def action_resolve_with_note(self) -> None:
        current = self._current()
        if current is None or not self.writable("Marking a suggestion"):
            return
        from sponsordesk.tui.dialogs.resolve import ResolveScreen

        record, suggestion = current  # as the dialog opens: a reload may reorder the rows under it

        def keep(answer: tuple[str, str], saved) -> None:  # while the dialog is open: a refused save keeps the note
            self._resolve(record, suggestion, *answer, then=saved)

        self.app.push_screen(ResolveScreen(self.desk.note(suggestion.text), keep))

    def undone(self, undo: Undo) -> None:
        self.notify("Reopened the suggestion.")

    def action_log(self) -> None:
        current = self._current()
        if current is not None:
            self.sd_app.open_log(current[0].id)
