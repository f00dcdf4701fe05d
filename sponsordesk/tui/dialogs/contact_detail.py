"""One log entry shown whole: the full summary, meetings and suggestions given."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from sponsordesk.rules.followthrough import suggestions_of
from sponsordesk.model import ContactKind, SuggestionStatus
from sponsordesk.tui.screens.base import DeskModal
from sponsordesk.wording.dates import long_date, time_of_day
from sponsordesk.wording.days import due_text
from sponsordesk.wording.labels import kind_noun, status_label

if TYPE_CHECKING:
    from sponsordesk.model import Contact


class ContactDetailScreen(DeskModal[str | None]):
    """Dismisses with "edit" when the user asks to edit it, else None."""

    HELP_TITLE = "A log entry"
    HELP = ("One contact shown whole: the full summary, the meetings they reported and the suggestions given in "
            "it, with how each went. e edits it; escape closes.")

    CSS_PATH = "contact_detail.tcss"
    BINDINGS = [
        Binding("escape,enter,q", "close", "Close", id="log.detail.close"),
        Binding("e", "edit", "Edit", id="log.detail.edit"),
    ]

    def __init__(self, sponsee_id: str, contact: Contact) -> None:
        super().__init__()
        self.sponsee_id, self.contact = sponsee_id, contact

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            yield Static(self._text(), id="detail-text")
            yield Static("[dim]e edit · esc close[/]", id="detail-keys")

    def _text(self) -> str:
        desk, c = self.desk, self.contact
        record = desk.record(self.sponsee_id)
        at = c.at.astimezone()
        name = desk.name_of(self.sponsee_id)
        lines = [f"[b]{kind_noun(c.kind).capitalize()} with {escape(name)}[/b]",
                 f"{long_date(at.date())} at {time_of_day(at, desk.ctx.settings.time_format)}"]
        who = "They reached out" if c.by == "sponsee" else "You reached out"
        lines.append(who + (f" · {c.minutes} minutes" if c.minutes is not None else ""))
        flags = [word for word, on in (("relapse mentioned", c.relapse), ("crisis", c.crisis)) if on]
        if flags:
            lines.append(f"[b $sd-relapse]{' · '.join(flags)}[/]")
        if c.meetings is not None:
            notes = f" ({escape(desk.note(c.meeting_notes))})" if c.meeting_notes else ""
            lines.append(f"Meetings since the last talk: {c.meetings}{notes}")
        lines += ["", escape(desk.note(c.summary)) or "[dim]no summary[/]"]
        given = suggestions_of(c.id, record.suggestions) if record else []
        if given:
            lines += ["", "[b]Suggested[/b]"]
            for s in given:
                due = f" · {due_text(s.due, self.desk.today)}" if s.due else ""  # "due today", "was due Friday", as elsewhere
                state = status_label(s.status)
                outcome = f": {escape(desk.note(s.outcome))}" if s.outcome else ""
                lines.append(f"• {escape(desk.note(s.text))}{due} · {state}{outcome}")
        return "\n".join(lines)

    def refresh_data(self) -> None:
        """Redraw (the privacy screen, a reload): names and notes follow F4."""
        self.query_one("#detail-text", Static).update(self._text())

    def action_close(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        self.dismiss("edit")
