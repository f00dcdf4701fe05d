"""One step for one sponsee: its wording, where it stands, assignments and notes."""

from __future__ import annotations

from collections.abc import Callable

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
from sponsordesk.desk.errors import StoreError
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
        self._notes_busy: bool | None = False
        """True while a notes save waits for an answer; None once quitting without them was offered."""
        self._refused = False
        """The last save of the notes was refused (a full disk, a broken file): leaving asks first."""
        self._conflict_waits = False
        """The autosave met an outside edit of these notes and said so: it waits for ctrl+s to ask."""

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
        # while names and notes are hidden this stands in for the notes, which stay as typed underneath
        yield Static(HIDDEN_NOTE, id="notes-hidden")
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
        self.title = f"Step {self.number} · {self.desk.name(record.sponsee)}"  # follows F4 too; the sub-title stays the app's
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
            # ids are shown once each: a hand-copied assignment with the same id must not stop the screen
            listing.add_option(Option(line, id=f"{listing.option_count}:{item.id}"))
        count = listing.option_count
        listing.display = count > 0
        self.query_one("#no-assignments").display = count == 0
        if count:
            listing.highlighted = min(keep or 0, count - 1)

    def _show_notes(self) -> None:
        """Fill the notes from the file: at first, and when the file's notes changed (an outside edit) while
        nothing typed here is waiting to be saved. The privacy screen covers them; it never replaces them."""
        hidden = self.desk.hidden
        area, cover = self.query_one("#notes", TextArea), self.query_one("#notes-hidden", Static)
        notes = self.step(self.number).notes
        area.read_only = self.desk.read_only  # every time: a window that becomes writable lets them be typed
        if hidden != self._notes_hidden:
            self._notes_hidden = hidden
            area.display, cover.display = not hidden, hidden
            if hidden and area.has_focus:
                self.query_one("#assignments", OptionList).focus()
        cover.update(HIDDEN_NOTE if (notes.strip() or area.text.strip()) else "")
        if self._notes_shown is not None and (notes == self._notes_shown or area.text != self._notes_shown):
            return  # as filled, or typed into and not saved yet: what was typed stays
        self._notes_shown = notes
        area.load_text(notes)
        area.move_cursor(area.document.end)  # ready to add a line

    # ------------------------------------------------------------ notes

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self) -> None:
        if self._notes_timer is not None:
            self._notes_timer.stop()
        if not self._conflict_waits:  # said once; ctrl+s (or leaving the notes) asks
            self._notes_timer = self.set_timer(NOTES_IDLE_SECONDS, lambda: self.action_save_notes(asked=False))

    def on_descendant_blur(self, event) -> None:
        if getattr(event.control, "id", None) == "notes":
            self.action_save_notes()

    def unsaved_notes(self) -> bool:
        """Typed into the notes and not saved yet."""
        return self._notes_shown is not None and self.query_one("#notes", TextArea).text != self._notes_shown

    def action_save_notes(self, then: Callable[[], None] | None = None, asked: bool = True) -> None:
        """Save the notes if they differ from what the field was filled with (one save at a time);
        ``then`` runs once they are saved (after a conflict: once the choice is made). ``asked=False``: the
        autosave, which never opens the conflict window under someone typing; it says so instead."""
        if self._notes_timer is not None:
            self._notes_timer.stop()
            self._notes_timer = None
        if self.record is None or self._notes_busy:
            return
        if not self.unsaved_notes():
            if then is not None:
                then()
            return
        text, shown = self.query_one("#notes", TextArea).text, self._notes_shown
        self._notes_busy = True  # a conflict question stays one question, however often focus moves

        def saved(_saved) -> None:
            self._notes_busy, self._refused, self._conflict_waits = False, False, False
            self._notes_shown = self.step(self.number).notes  # mine, or the file's where that was chosen
            area = self.query_one("#notes", TextArea)
            if area.text != self._notes_shown:
                area.load_text(self._notes_shown)
                area.move_cursor(area.document.end)  # typing goes on after the text, not before it
            if then is not None:
                then()

        def back() -> None:
            self._notes_busy = False
            self._conflict_waits = not asked

        if not self.change(lambda: self.desk.save_step_notes(self.sponsee_id, self.number, text, shown),
                           done=saved, back=back, ask=asked) and not self.app.screen.is_modal:
            self._notes_busy = False  # refused outright (a full disk, say): kept here, tried again later
            self._refused = True

    def action_close(self) -> None:
        """Back to the board, once the notes are saved; notes that cannot be saved are never dropped unasked."""
        if self._notes_busy:
            return  # the question about them is open
        failed_before = self._refused
        self.action_save_notes(then=self.dismiss)  # after a refusal too: the cause may be gone
        if failed_before and self._refused and self.unsaved_notes() and not self._notes_busy:
            from sponsordesk.tui.dialogs.confirm import ConfirmScreen

            def answered(leave: bool | None) -> None:
                if leave:
                    self.dismiss()

            self.app.push_screen(ConfirmScreen("These notes still cannot be saved (see the message). Leave "
                                               "without them? What you typed here is lost if you do.",
                                               yes="Leave", no="Stay"), answered)

    def before_quit(self) -> bool:
        """Asked by the app before it quits: save typed notes now; False (stay) if they cannot be saved."""
        if not self.unsaved_notes() or self._notes_busy is None:
            return True
        try:
            self.desk.save_step_notes(self.sponsee_id, self.number, self.query_one("#notes", TextArea).text,
                                      self._notes_shown or "")
        except StoreError as error:
            self._notes_busy = None  # asked once: ctrl+q again quits
            self.notify(f"The notes on step {self.number} are not saved: {error}. Press ctrl+q again to quit "
                        "without them.", title="Not quitting yet", severity="warning", timeout=15, markup=False)
            return False
        return True

    # ------------------------------------------------------------ assignments

    def _current_id(self) -> str | None:
        listing = self.query_one("#assignments", OptionList)
        if listing.highlighted is None or not listing.option_count:
            return None
        return listing.get_option_at_index(listing.highlighted).id.split(":", 1)[1]

    def action_add(self) -> None:
        from sponsordesk.tui.dialogs.assignment_form import AssignmentFormScreen

        if not self.writable("Adding an assignment"):
            return

        def keep(draft, saved) -> None:  # while the form is open: a refused save leaves it open with the text
            self.change(lambda: self.desk.add_assignment(self.sponsee_id, self.number, *draft), done=saved)

        def added(draft) -> None:
            if draft is not None:
                listing = self.query_one("#assignments", OptionList)
                listing.highlighted = listing.option_count - 1
                listing.focus()

        self.app.push_screen(AssignmentFormScreen(f"New assignment for step {self.number}", self.desk.today, keep),
                             added)

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
        shown = self.step(self.number)  # the step as the form opens: what its save is measured against
        item = assignments.find(shown, assignment_id)

        def keep(draft, saved) -> None:  # while the form is open: a refused save leaves it open with the text
            self.change(lambda: self.desk.edit_assignment(self.sponsee_id, self.number, assignment_id, *draft,
                                                          shown=shown), done=saved)

        self.app.push_screen(AssignmentFormScreen(f"Assignment for step {self.number}", self.desk.today, keep,
                                                  item.text, item.due))

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

        def question() -> Content:  # asked again when F4 is pressed with the question open
            return Content.assemble("Delete this assignment from step ", str(self.number), "?\n\n",
                                    (self.desk.note(item.text), "bold"))

        self.app.push_screen(ConfirmScreen(question, yes="Delete"), delete)
