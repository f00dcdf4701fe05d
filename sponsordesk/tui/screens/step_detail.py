"""One step for one sponsee: its wording, where it stands, assignments and notes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Header, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from sponsordesk.rules import assignments
from sponsordesk.rules import steps as stepwork
from sponsordesk.desk import HIDDEN_NOTE
from sponsordesk.tui.screens.step_base import StepScreen
from sponsordesk.tui.widgets.desk_footer import DeskFooter

NOTES_IDLE_SECONDS = 2.0
"""Notes are saved this long after the last keystroke (and on leaving them)."""


class StepDetailScreen(StepScreen):
    """Assignments (add, edit, tick done, delete) and multi-line notes for one step."""

    HELP_TITLE = "A step"
    HELP = ("One step for one sponsee: its full wording (when you supplied it in a program file), where it "
            "stands, its assignments and your notes. n adds an assignment, e edits the highlighted one, space "
            "ticks it done, delete removes it after you confirm; notes are saved as you type.")

    CSS_PATH = "step_detail.tcss"
    BINDINGS = [
        Binding("n", "add", "Add", id="step.add"),
        Binding("e", "edit", "Edit", id="step.edit"),
        Binding("space,x", "toggle", "Done", id="step.toggle"),
        Binding("delete,backspace", "delete", "Delete", id="step.delete"),
        Binding("ctrl+s", "save_notes", "Save notes", id="step.save_notes", show=False),
        Binding("escape", "close", "Back", id="step.close"),
    ]

    def __init__(self, sponsee_id: str, number: int) -> None:
        super().__init__(sponsee_id)
        self.number = number
        self._notes_timer: Timer | None = None
        self._notes_hidden: bool | None = None
        self._notes_shown: str | None = None
        """The notes as the field was last filled from the file: the "before" of a notes save."""
        self._notes_busy = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="step-heading")
        yield Static(id="step-wording")
        yield Static(id="step-story")
        yield Label("Assignments", classes="section")
        yield OptionList(id="assignments")
        yield Static("No assignments yet; press n to add one.", id="no-assignments")
        yield Label("Notes (saved as you go; tab moves between assignments and notes)", classes="section")
        yield TextArea(id="notes", soft_wrap=True, tab_behavior="focus")
        yield DeskFooter()

    def on_mount(self) -> None:
        if self.record is None:
            self.notify("This sponsee's files did not load, so there is no step to show.", severity="error")
            return
        self.refresh_data()
        self.query_one("#assignments" if self.step(self.number).assignment else "#notes").focus()

    # ------------------------------------------------------------ drawing

    def refresh_data(self) -> None:
        record = self.record
        if record is None:
            return
        step, program, today = self.step(self.number), self.program, self.desk.today
        self.sub_title = f"Step {self.number} · {self.desk.name(record.sponsee)}"  # follows F4 too
        principle = stepwork.principle(program, self.number)
        self.query_one("#step-heading", Static).update(Content.assemble(
            (f"Step {self.number} · {program.title(self.number)}", "bold"),
            f" · {principle}" if principle else "", f"   {self.desk.name(record.sponsee)}, {program.name}"))
        # the heading has our short title; the full wording only if the user supplied it
        wording = stepwork.wording(program, self.number)
        self.query_one("#step-wording", Static).update(Content(wording))
        self.query_one("#step-wording").display = wording != program.title(self.number)
        self.query_one("#step-story", Static).update(Content(stepwork.step_story(step, today)))
        self._show_assignments()
        self._show_notes()

    def _show_assignments(self) -> None:
        listing = self.query_one("#assignments", OptionList)
        keep = listing.highlighted
        listing.clear_options()
        today = self.desk.today
        for item in self.step(self.number).assignment:
            when = assignments.due_text(item, today)
            line = Content.assemble("☑ " if item.done else "☐ ", (self.desk.note(item.text), "dim" if item.done else ""),
                                    (f"  · {when}" if when else "", "italic"))
            listing.add_option(Option(line, id=item.id))
        count = listing.option_count
        listing.display = count > 0
        self.query_one("#no-assignments").display = count == 0
        if count:
            listing.highlighted = min(keep or 0, count - 1)

    def _show_notes(self) -> None:
        """Fill the notes from the file: at first, when the privacy screen flips, and when the file's
        notes changed (an outside edit) while nothing typed here is waiting to be saved."""
        hidden = self.desk.hidden
        area = self.query_one("#notes", TextArea)
        notes = self.step(self.number).notes
        if hidden != self._notes_hidden:
            if hidden and self._notes_hidden is False:
                self.action_save_notes()  # what was typed goes to the file before the mask goes up
            self._notes_hidden = hidden
            area.read_only = hidden or self.desk.read_only  # never save the mask over the real notes
            if hidden:
                area.load_text(HIDDEN_NOTE if notes.strip() else "")
                return
        elif hidden or notes == self._notes_shown or area.text != self._notes_shown:
            return
        self._notes_shown = notes
        area.load_text(notes)
        area.move_cursor(area.document.end)  # ready to add a line

    # ------------------------------------------------------------ notes

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self) -> None:
        if self._notes_timer is not None:
            self._notes_timer.stop()
        self._notes_timer = self.set_timer(NOTES_IDLE_SECONDS, self.action_save_notes)

    def on_descendant_blur(self, event) -> None:
        if getattr(event.control, "id", None) == "notes":
            self.action_save_notes()

    def action_save_notes(self) -> None:
        """Save the notes if they differ from what the field was filled with (once at a time)."""
        if self._notes_timer is not None:
            self._notes_timer.stop()
            self._notes_timer = None
        if self.record is None or self._notes_hidden is not False or self._notes_busy:
            return
        text, shown = self.query_one("#notes", TextArea).text, self._notes_shown
        if text == shown:
            return
        self._notes_busy = True  # a conflict question stays one question, however often focus moves

        def settled(saved=None, *, kept_file: bool = False) -> None:
            self._notes_busy = False
            if saved is not None:
                self._notes_shown = text
            elif kept_file:  # the file's notes replace what was typed, as asked
                self._notes_shown = self.step(self.number).notes
                self.query_one("#notes", TextArea).load_text(self._notes_shown)

        saved_now = self.change(lambda: self.desk.save_step_notes(self.sponsee_id, self.number, text, shown),
                                done=lambda saved: settled(saved, kept_file=saved is None),
                                back=settled)
        if not saved_now and not self.app.screen.is_modal:
            self._notes_busy = False  # refused outright (a full disk, say): try again on the next change

    def action_close(self) -> None:
        self.action_save_notes()
        self.dismiss()

    # ------------------------------------------------------------ assignments

    def _current_id(self) -> str | None:
        listing = self.query_one("#assignments", OptionList)
        if listing.highlighted is None or not listing.option_count:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    def action_add(self) -> None:
        from sponsordesk.tui.dialogs.assignment_form import AssignmentFormScreen

        if not self.writable("Adding an assignment"):
            return

        def add(draft) -> None:
            if draft is not None and self.change(lambda: self.desk.add_assignment(self.sponsee_id, self.number, *draft)):
                listing = self.query_one("#assignments", OptionList)
                listing.highlighted = listing.option_count - 1
                listing.focus()

        self.app.push_screen(AssignmentFormScreen(f"New assignment for step {self.number}", self.desk.today), add)

    @on(OptionList.OptionSelected, "#assignments")
    def action_edit(self) -> None:
        from sponsordesk.tui.dialogs.assignment_form import AssignmentFormScreen

        assignment_id = self._current_id()
        if assignment_id is None:
            return
        if self.desk.hidden:
            self.notify("Notes are hidden right now; show them to edit an assignment.", severity="warning")
            return
        if not self.writable("Editing an assignment"):
            return
        item = assignments.find(self.step(self.number), assignment_id)

        def edit(draft) -> None:
            if draft is not None:
                self.change(lambda: self.desk.edit_assignment(self.sponsee_id, self.number, assignment_id, *draft))

        form = AssignmentFormScreen(f"Assignment for step {self.number}", self.desk.today, item.text, item.due)
        self.app.push_screen(form, edit)

    def action_toggle(self) -> None:
        assignment_id = self._current_id()
        if assignment_id is not None and self.writable("Ticking off an assignment"):
            ticking = not assignments.find(self.step(self.number), assignment_id).done
            self.change(lambda: self.desk.toggle_assignment(self.sponsee_id, self.number, assignment_id),
                        "Ticked off. Nice work to notice." if ticking else "")

    def action_delete(self) -> None:
        from sponsordesk.tui.dialogs.confirm import ConfirmScreen

        assignment_id = self._current_id()
        if assignment_id is None or not self.writable("Deleting an assignment"):
            return
        item = assignments.find(self.step(self.number), assignment_id)

        def delete(sure: bool | None) -> None:
            if sure:
                self.change(lambda: self.desk.remove_assignment(self.sponsee_id, self.number, assignment_id))

        question = Content.assemble("Delete this assignment from step ", str(self.number), "?\n\n",
                                    (self.desk.note(item.text), "bold"))
        self.app.push_screen(ConfirmScreen(question, yes="Delete"), delete)
