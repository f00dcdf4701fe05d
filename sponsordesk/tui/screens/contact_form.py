"""The log form: a new or edited contact, its suggestions, and "since we last talked"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.events import DescendantFocus
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Header, Input, Label, Select, Static, TextArea

from sponsordesk.forms.contact import (
    ContactInput, ResolutionRow, SuggestionRow, expand_today, read_contact, suggestion_field,
)
from sponsordesk.forms.quick_contact import default_by
from sponsordesk.rules.followthrough import open_in_order, suggestions_of
from sponsordesk.model import ContactKind, Initiator, SuggestionStatus
from sponsordesk.tui.screens.base import PRIVACY_COVER, DeskScreen, FocusUnderCover, cover_for_privacy, focus_field
from sponsordesk.model import SponseeRecord, new_id
from sponsordesk.tui.saving import save
from sponsordesk.wording.days import due_text
from sponsordesk.tui.widgets.field_error import FieldError
from sponsordesk.tui.widgets.desk_footer import DeskFooter
from sponsordesk.wording.dates import dated, short_date
from sponsordesk.wording.labels import KINDS, REACHED_OUT, SUGGESTION_STATUS, kind_noun, options
from sponsordesk.tui.widgets.fields import TextField, Tick

if TYPE_CHECKING:
    from sponsordesk.model import Contact, Suggestion


RESOLVE_LABELS = options(SUGGESTION_STATUS, first={"open": "still open"})


class ContactFormScreen(FocusUnderCover, DeskScreen):
    """Log a new contact (``contact`` None) or edit one; nothing is saved until it all checks out."""

    HELP_TITLE = "Logging a contact"
    HELP = ("A contact, new or edited: when, what kind, who reached out, minutes, the meetings they reported, "
            "what you talked about, a relapse or crisis mentioned, and suggestions with due dates. Under \"Since we "
            "last talked\", mark how each open suggestion went. Nothing is saved until every field checks out: "
            "ctrl+s saves, ctrl+n adds a suggestion row, escape asks before leaving what you typed.")

    CSS_PATH = "contact_form.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="contact_form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="contact_form.cancel"),
        Binding("ctrl+n", "add_suggestion", "Another suggestion", id="contact_form.add_suggestion"),
    ]

    def __init__(self, sponsee_id: str, contact: Contact | None = None) -> None:
        super().__init__()
        self.sponsee_id, self.contact = sponsee_id, contact
        self.suggestion_rows = 0
        self.open_ids: list[str] = []
        self.contact_id = contact.id if contact else new_id("c")
        """Kept for the whole form: a retry of a save that landed adds nothing twice."""
        self._opened_as: ContactInput | None = None
        """The form as it opened, to tell whether anything was typed."""
        self._by_default = default_by(ContactKind.CALL.value)
        """"Reached out" as the kind set it; once the person picks another, it is theirs."""
        self.shown_suggestions: list[Suggestion] = []
        """The suggestions as this form listed them: the "before" of what it saves (set in compose)."""

    @property
    def record(self) -> SponseeRecord | None:
        return self.desk.record(self.sponsee_id)

    @property
    def first_field(self) -> str | None:
        # An edited contact's summary, further down, is focused once the form is laid out (on_mount): focused
        # before, it scrolled the heading away.
        return "#kind" if self.contact is None else None

    # ------------------------------------------------------------ building

    def compose(self) -> ComposeResult:
        record, c = self.record, self.contact
        self.shown_suggestions = list(record.suggestions) if record else []
        now = self.desk.ctx.clock.now()
        at = c.at.astimezone() if c else now
        name = self.desk.name_of(self.sponsee_id)
        yield Header()
        yield Static(PRIVACY_COVER, classes="privacy-cover")
        with VerticalScroll(id="form", classes="private-content"):
            title = f"Edit the {short_date(at.date(), self.desk.today)} entry with {name}" if c else f"Log a contact with {name}"
            yield Static(f"[b]{escape(title)}[/b]", id="form-title")
            with Horizontal(classes="row"):
                yield Label("Date", id="label-date", classes="label")
                yield TextField(f"{at:%Y-%m-%d}", id="date", classes="short", compact=True)
                yield Label("Time", id="label-time", classes="label-narrow")
                yield TextField(f"{at:%H:%M}", id="time", classes="tiny", compact=True)
            yield FieldError(id="date-error")
            yield FieldError(id="time-error")
            with Horizontal(classes="row"):
                yield Label("Kind", id="label-kind", classes="label")
                yield Select(options(KINDS), value=c.kind if c else ContactKind.CALL.value,
                             allow_blank=False, id="kind", compact=True)
                yield Label("Reached out", id="label-by", classes="label-narrow")
                yield Select(options(REACHED_OUT), value=c.by if c else Initiator.SPONSEE.value, allow_blank=False, id="by", compact=True)
            with Horizontal(classes="row"):
                yield Label("Minutes", id="label-minutes", classes="label")
                yield TextField("" if c is None or c.minutes is None else str(c.minutes), placeholder="opt.",
                            id="minutes", classes="tiny", compact=True)
                yield Label("Meetings", id="label-meetings", classes="label-narrow")
                yield TextField("" if c is None or c.meetings is None else str(c.meetings), placeholder="how many",
                            id="meetings", classes="short", compact=True)
                yield TextField(c.meeting_notes if c else "", placeholder="which kinds or groups", id="meeting-notes", compact=True)
            yield FieldError(id="minutes-error")
            yield FieldError(id="meetings-error")
            yield Label("Summary", id="label-summary", classes="label")
            yield TextArea(c.summary if c else "", id="summary", placeholder="What you talked about", compact=True)
            yield FieldError(id="summary-error")
            with Horizontal(classes="row"):
                yield Tick("Relapse mentioned", c.relapse if c else False, id="relapse", compact=True)
                yield Tick("Crisis", c.crisis if c else False, id="crisis", compact=True)
            yield from self._sobriety_box(record)
            yield from self._since_we_talked(record)
            yield Static("[b]Suggestions[/b] [dim](empty rows are left out; ctrl+n adds a row)[/]", classes="section")
            with Vertical(id="suggestions"):
                given = suggestions_of(c.id, self.shown_suggestions) if c else []
                for suggestion in given:
                    yield from self._suggestion_row(suggestion)
                yield from self._suggestion_row(None)
            with Horizontal(id="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield DeskFooter()

    def _sobriety_box(self, record: SponseeRecord | None) -> ComposeResult:
        current = record.sponsee.sobriety_date if record else None
        # Empty at first: a relapse mentioned is not always a new clean date, so
        # saving without a look must never reset it (the sponsor types it on purpose).
        keep = f"keep {dated(current)}" if current else "set none"
        kept = " (the earlier one stays in the history)" if current else ""
        with Vertical(id="sobriety-box"):
            yield Static(f"Leave the date empty to {keep}. To record a new sobriety date, type it, "
                         f"or type t for today{kept}.", id="sobriety-help")
            with Horizontal(classes="row"):
                yield Label("New sobriety date", id="label-sobriety", classes="label-wide")
                yield TextField("", placeholder="empty: keep", id="sobriety", classes="short", compact=True)
            yield FieldError(id="sobriety-error")

    def _suggestion_row(self, suggestion: Suggestion | None) -> list[Widget]:
        """Built without ``with`` so ctrl+n can mount another row after compose."""
        index = self.suggestion_rows
        self.suggestion_rows += 1
        text = TextField(suggestion.text if suggestion else "", placeholder="e.g. Read pages 58-60",
                     id=f"suggestion-text-{index}", classes="suggestion-text", compact=True)
        row = Horizontal(
            text,
            TextField(f"{suggestion.due:%Y-%m-%d}" if suggestion and suggestion.due else "",
                  placeholder="due (optional)", id=f"suggestion-due-{index}", classes="short", compact=True),
            classes="row suggestion-row",
        )
        row.suggestion_id = suggestion.id if suggestion else None  # type: ignore[attr-defined]
        self.last_suggestion_input = text
        return [row, FieldError(id=f"{suggestion_field(index)}-error")]

    def _since_we_talked(self, record: SponseeRecord | None) -> ComposeResult:
        if self.contact is not None or record is None or not open_in_order(self.shown_suggestions):
            return
        yield Static("[b]Since we last talked[/b] [dim]how did the open suggestions go?[/]", classes="section")
        today = self.desk.today
        for index, suggestion in enumerate(open_in_order(self.shown_suggestions)):
            self.open_ids.append(suggestion.id)
            due = f" · {due_text(suggestion.due, today)}" if suggestion.due else ""
            yield Static(f"• {escape(self.desk.note(suggestion.text))} [dim](given {short_date(suggestion.given, today)}{due})[/]",
                         classes="open-suggestion")
            with Horizontal(classes="row"):
                yield Select(RESOLVE_LABELS, value=SuggestionStatus.OPEN.value, allow_blank=False,
                             id=f"resolve-{index}", classes="resolve", compact=True)
                yield TextField(placeholder="a note on how it went", id=f"resolve-note-{index}", classes="resolve-note", compact=True)

    def on_mount(self) -> None:
        self._show_sobriety()
        self.refresh_data()
        focus_field(self, self.query_one("#summary" if self.contact else "#kind"))
        opened = self.read_form()
        opened.suggestions = [r for r in opened.suggestions if r.id or r.text.strip() or r.due.strip()]
        self._opened_as = opened

    def refresh_data(self) -> None:
        """Keep what the user typed when the data reloads underneath; follow the privacy screen."""
        name = self.desk.name_of(self.sponsee_id)
        self.title = f"Edit entry · {name}" if self.contact else f"Log a contact · {name}"
        c = self.contact
        heading = f"Edit the {short_date(c.at.astimezone().date(), self.desk.today)} entry with {name}" if c else f"Log a contact with {name}"
        self.query_one("#form-title", Static).update(f"[b]{escape(heading)}[/b]")
        cover_for_privacy(self, self.desk.hidden)

    # ------------------------------------------------------------ reacting

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # the focused field's label in reverse, as in the small forms: a colour alone is lost in 16 colours
        for label in self.query(".-focused-label"):
            label.remove_class("-focused-label")
        for label in self.query(f"#label-{event.widget.id}"):
            label.add_class("-focused-label")

    @on(Input.Changed, "#sobriety")
    def _today_shortcut(self, event: Input.Changed) -> None:
        filled = expand_today(event.value, self.desk.today)
        if filled != event.value:
            event.input.value = filled
            event.input.cursor_position = len(filled)

    @on(Select.Changed, "#kind")
    def _kind_chosen(self, event: Select.Changed) -> None:
        # a try with no answer was yours: "they did" stayed as the default (an entry being edited keeps its own)
        by = self.query_one("#by", Select)
        if self.contact is None and by.value == self._by_default:
            self._by_default = default_by(str(event.value))
            by.value = self._by_default

    @on(Checkbox.Changed, "#relapse")
    def _show_sobriety(self) -> None:
        record = self.record
        # in Al-Anon a relapse talked about is usually someone else's: no new date of theirs is offered
        counts = record is not None and self.desk.program(record.sponsee).counts_sobriety
        offer = counts and self.query_one("#relapse", Checkbox).value and not (self.contact and self.contact.relapse)
        self.query_one("#sobriety-box").display = offer

    def action_add_suggestion(self) -> None:
        widgets = self._suggestion_row(None)
        self.query_one("#suggestions", Vertical).mount_all(widgets)
        self.call_after_refresh(self.last_suggestion_input.focus)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        if not self._typed_something():
            self.dismiss(False)
            return
        from sponsordesk.tui.dialogs.confirm import ConfirmScreen

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(False)

        self.app.push_screen(ConfirmScreen("Leave without saving? What you typed here is not kept.",
                                           yes="Leave", no="Keep editing"), answered)

    def _typed_something(self) -> bool:
        """Anything on the form differs from how it opened (a field, a row, a choice, a note)."""
        form, opened = self.read_form(), self._opened_as
        # a new suggestion row with nothing in it is no typing; everything else compares as a whole
        form.suggestions = [r for r in form.suggestions if r.id or r.text.strip() or r.due.strip()]
        return opened is None or form != opened

    # ------------------------------------------------------------ saving

    def read_form(self) -> ContactInput:
        value = lambda selector: self.query_one(selector, Input).value  # noqa: E731
        rows = []
        for index, row in enumerate(self.query(".suggestion-row").results(Horizontal)):
            rows.append(SuggestionRow(value(f"#suggestion-text-{index}"), value(f"#suggestion-due-{index}"),
                                      getattr(row, "suggestion_id", None)))
        resolutions = [ResolutionRow(sid, str(self.query_one(f"#resolve-{i}", Select).value), value(f"#resolve-note-{i}"))
                       for i, sid in enumerate(self.open_ids)]
        return ContactInput(
            day=value("#date"), time=value("#time"), kind=str(self.query_one("#kind", Select).value),
            by=str(self.query_one("#by", Select).value), minutes=value("#minutes"),
            summary=self.query_one("#summary", TextArea).text, relapse=self.query_one("#relapse", Checkbox).value,
            crisis=self.query_one("#crisis", Checkbox).value, meetings=value("#meetings"),
            meeting_notes=value("#meeting-notes"), new_sobriety=value("#sobriety"),
            suggestions=rows, resolutions=resolutions,
        )

    def action_save(self) -> None:
        record = self.record
        if record is None:
            self.notify("This sponsee is no longer in the data folder; nothing was saved.", severity="error")
            return
        if not self.writable("Saving this entry"):
            return  # what was typed stays on the form
        entry, errors = read_contact(
            self.read_form(), today=self.desk.today, contact_id=self.contact_id,
            current_sobriety=record.sponsee.sobriety_date, was_relapse=bool(self.contact and self.contact.relapse),
            shown=self.contact,
        )
        self._show_errors(errors)
        if entry is None:
            # no toast: the cursor is in the first field to fix, its message in view; a toast at 80x24 covered it
            return
        kind = kind_noun(entry.contact.kind)
        what = "Saved the changes" if self.contact else f"Logged the {kind} with {self.desk.name(record.sponsee)}"
        if entry.new_sobriety:
            what += f"; new sobriety date {short_date(entry.new_sobriety, self.desk.today)}, the earlier one is kept"
        elif entry.contact.relapse and not (self.contact and self.contact.relapse):
            what += "; the sobriety date stays as it was"
        # an edit saved as it was shown (ctrl+s with nothing changed) writes nothing: say so, not "Saved"
        said = (lambda saved: what if saved.wrote else "Nothing was changed, so nothing was saved.") \
            if self.contact else what
        # one save, all or none: the contact, its suggestions, how the open ones went, a new sobriety date
        save(self, lambda: self.desk.log(self.sponsee_id, entry, self.contact, self.shown_suggestions), said,
             lambda saved: self.dismiss(saved is not None))

    def _show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field; the cursor goes to the first field to fix, scrolled into view."""
        first: str | None = None
        for error in self.query(FieldError):
            key = (error.id or "").removesuffix("-error")
            # a suggestion row has one message line for its text and its due date
            found = [k for k in (key, f"{key}-due") if k in errors]
            error.show(" ".join(errors[k] for k in found))
            if found and first is None:
                first = found[0]
        if first is not None:
            field = self.query_one(_field_widget(first))
            field.focus(scroll_visible=False)
            # after the messages are laid out: scrolling now aimed at where the field was before them
            self.call_after_refresh(self._scroll_to_problem, field, self.query_one(f"#{first.removesuffix('-due')}-error"))

    def _scroll_to_problem(self, field: Widget, message: Widget) -> None:
        form = self.query_one("#form", VerticalScroll)
        form.scroll_to_widget(message, animate=False, immediate=True)  # the message under the field
        form.scroll_to_widget(field, animate=False, immediate=True)  # and the field above it


def _field_widget(key: str) -> str:
    """The control a problem's key names: 'date' -> #date, 'suggestion-2-due' -> #suggestion-due-2."""
    if key.startswith("suggestion-"):
        index = key.split("-")[1]
        return f"#suggestion-due-{index}" if key.endswith("-due") else f"#suggestion-text-{index}"
    return f"#{key}"
