"""The step board: where one sponsee stands in the Twelve Steps."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Click, MouseDown, Resize
from textual.geometry import Offset
from textual.style import Style as VisualStyle
from textual.widget import Widget
from textual.widgets import Header, Label, ListItem, ListView, Static

from sponsordesk.rules import assignments
from sponsordesk.rules import steps as stepwork
from sponsordesk.model import Program, StepStatus
from sponsordesk.rules.progress import current_step, out_of_order
from sponsordesk.tui.screens.base import report_help
from sponsordesk.tui.screens.step_base import StepScreen
from sponsordesk.tui.widgets.desk_footer import DeskFooter
from sponsordesk.wording.dates import short_date
from sponsordesk.wording.labels import step_status_label
from sponsordesk.wording.numbers import all_done

if TYPE_CHECKING:
    from sponsordesk.model import Step


WIDE = 110
"""From this width on, the principle gets its own column."""

COLUMNS = [("num", "#"), ("title", "Step"), ("principle", "Principle"), ("status", "Status"),
           ("since", "Since"), ("long", "How long"), ("todo", "To do")]

STATUS_CLASS = {status: "-" + status.value.replace("_", "-") for status in StepStatus}


WIDTHS = {"num": 4, "principle": 24, "status": 13, "since": 14, "long": 15, "todo": 7}
"""Each column's width with its one-cell padding either side ("since": "Sep 14, 2024" and its padding); the
title takes what is left, up to TITLE_MAX."""
TITLE_MAX = 38
NARROW_HIDES = ("principle", "since")
"""Left out below WIDE columns: the dates move to the selected step's summary below."""


def columns_line(texts: dict[str, str], width: int, narrow: bool, status_style: VisualStyle | None = None) -> Content:
    """One line of the board's columns, ``width`` cells wide: a step's row, or the headings above them."""
    keys = [key for key, _ in COLUMNS if not (narrow and key in NARROW_HIDES)]
    rest = width - sum(WIDTHS[key] for key in keys if key != "title")
    cells: list[Content] = []
    for key in keys:
        wide = max(0, min(TITLE_MAX, rest)) if key == "title" else WIDTHS[key]
        inner = max(0, wide - 2)
        text = Content(texts.get(key, ""))
        # as a label of that width showed it: the first line of the text wrapped to fit
        line = text.wrap(inner)[0] if inner and text else Content("")
        gap = max(0, inner - line.cell_length)
        line = line.pad_left(gap) if key == "num" else line.pad_right(gap)
        if key == "status" and status_style is not None:
            line = line.stylize(status_style)
        cells.append(line.pad(1, 1) if wide >= 2 else Content(" " * wide))
    return Content("").join(cells)


class StepHeadings(Widget):
    """The columns' headings, drawn as the rows draw theirs."""

    def render(self) -> Content:
        return columns_line(dict(COLUMNS), self.size.width, self.screen.has_class("-narrow"))


class StepRow(ListItem):
    """One step: number, title, principle, status, since, how long, open assignments.

    Drawn as one line of columns rather than a label per column: twelve rows of
    eight widgets were most of what opening a board cost.
    """

    COMPONENT_CLASSES = {"step-row--status"}
    """The status column's colour, by the row's status (board.tcss)."""

    def __init__(self, number: int, step: Step | None = None, program: Program | None = None,
                 today: date | None = None) -> None:
        # Born with its texts and status class when the board is known: a class set after mounting
        # makes Textual style the row a second time.
        self._texts = row_texts(step, program, today) if step and program and today else {}
        super().__init__(id=f"step-{number}", classes=STATUS_CLASS[stepwork.status_of(step)] if step else None)
        self.number = number
        self._pressed_at: Offset | None = None

    def on_mouse_down(self, event: MouseDown) -> None:
        self._pressed_at = event.screen_offset

    def on_click(self, event: Click) -> None:
        # Textual calls a press and a release on one widget a click, however far the mouse went between:
        # a drag along the row to select its text would open the step (with a label per column, only a drag
        # within one column did). A click is a press and a release in one place.
        if self._pressed_at not in (None, event.screen_offset):
            event.prevent_default()
        self._pressed_at = None

    def cell(self, key: str) -> str:
        """What one column says (a key of COLUMNS)."""
        return self._texts.get(key, "")

    def render(self) -> Content:
        return columns_line(self._texts, self.size.width, self.screen.has_class("-narrow"),
                            self.get_visual_style("step-row--status"))

    def show(self, step: Step, program: Program, today: date) -> None:
        texts = row_texts(step, program, today)
        if texts != self._texts:
            self._texts = texts
            self.refresh()
        status = STATUS_CLASS[stepwork.status_of(step)]
        for name in STATUS_CLASS.values():
            self.set_class(name == status, name)


def row_texts(step: Step, program: Program, today: date) -> dict[str, str]:
    """What each cell of a step's row says."""
    status = stepwork.status_of(step)
    since = stepwork.since(step)
    open_count = len(assignments.open_items(step))
    return {
        "num": str(step.number),
        "title": program.title(step.number),
        "principle": stepwork.principle(program, step.number),
        "status": ("✓ " if status == StepStatus.DONE else "") + step_status_label(status),
        "since": short_date(since, today) if since else "",
        "long": stepwork.how_long(step, today),
        "todo": str(open_count) if open_count else "",
    }


class StepList(ListView):
    """The 12 rows; enter opens the highlighted step (shown in the footer)."""

    BINDINGS = [Binding("enter", "select_cursor", "Open step", id="board.open", show=False)]


STATUS_KEYS = Binding.Group("Status", compact=True)
"""] and [ share one footer entry, so the board's keys fit at 80 columns."""


class BoardScreen(StepScreen):
    """The 12 steps of one sponsee's program, their status and assignments."""

    WIDGET_KEYS = (StepList,)

    HELP_TITLE = "The step board"

    CSS_PATH = "board.tcss"

    @property
    def HELP(self) -> str:  # noqa: N802 (the help screen reads HELP from every screen)
        return ("One sponsee's step board: where they stand in each of the Twelve Steps, since when, and "
                "their assignments. ] and [ (or + and -) move the highlighted step's status along and back; "
                "enter opens it. "
                + report_help(self.app.ctx.reports_dir))
    BINDINGS = [
        Binding("right_square_bracket,plus", "forward", "Status →", id="board.forward", group=STATUS_KEYS),
        Binding("left_square_bracket,minus", "back", "Status ←", id="board.back", group=STATUS_KEYS),
        Binding("d", "dates", "Dates", id="board.dates"),
        Binding("n", "assign", "Assign", id="board.assign"),
        Binding("i", "card", "Card", id="board.card", show=False),
        Binding("R", "report", "Report", id="board.report",
                tooltip="Write a Markdown report on this sponsee to read or print (see help for where)"),
        Binding("escape", "app.pop_screen", "Back", id="board.close"),
    ]

    def compose(self) -> ComposeResult:
        # Narrow or not from the start: the class set by the first resize restyled the whole board.
        self.set_class(self.app.size.width < WIDE, "-narrow")
        yield Header()
        yield Static(id="board-head")
        record = self.record
        board, program, today = self.board, self.program, self.desk.today
        with Horizontal(id="board-strip"):
            for number in range(1, 13):
                status = STATUS_CLASS[stepwork.status_of(board.get(number))] if record else ""
                yield Label(f"{number:>2}", id=f"seg-{number}", classes=f"seg {status}")
        yield StepHeadings(id="board-columns")
        rows = (StepRow(n, board.get(n), program, today) if record else StepRow(n) for n in range(1, 13))
        yield StepList(*rows, id="steps")
        yield Static(id="board-selected")
        yield Static(id="board-gentle")
        yield DeskFooter()

    def on_mount(self) -> None:
        record = self.record
        if record is None:
            self.notify("This sponsee's files did not load, so there is no board to show.", severity="error")
            return
        self.refresh_data()
        steps = self.query_one("#steps", ListView)
        # set here, not as the list's initial_index: that scrolled a board taller than the window (one with
        # the out-of-order note) down a line before its layout was done, hiding the line with the name
        steps.index = (current_step(self.board) or 1) - 1
        steps.focus()

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < WIDE
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            for line in self.query("StepRow, StepHeadings"):
                line.refresh()  # the columns drawn follow the class

    @property
    def selected(self) -> int:
        index = self.query_one("#steps", ListView).index
        return (index or 0) + 1

    def refresh_data(self) -> None:
        record = self.record
        if record is None:
            return
        board, program, today = self.board, self.program, self.desk.today
        self.title = f"Step board · {self.desk.name(record.sponsee)}"  # follows F4 too; the sub-title stays the app's
        self.query_one("#board-head", Static).update(Content.assemble(
            (self.desk.name(record.sponsee), "bold"), f" · {program.name} · ", stepwork.progress_text(board)))
        for row in self.query(StepRow):
            row.show(board.get(row.number), program, today)
        for step in board.step:
            segment = self.query_one(f"#seg-{step.number}", Label)
            for name in STATUS_CLASS.values():
                segment.set_class(name == STATUS_CLASS[stepwork.status_of(step)], name)
        notes = out_of_order(board)
        gentle = self.query_one("#board-gentle", Static)
        gentle.update(Content("; ".join(n.capitalize() if i == 0 else n for i, n in enumerate(notes))
                              + ". That's fine: people often work steps side by side." if notes else ""))
        gentle.display = bool(notes)
        self.show_selected()

    def show_selected(self) -> None:
        step = self.step(self.selected)
        today = self.desk.today
        principle = stepwork.principle(self.program, step.number)
        heading = f"Step {step.number} · {self.program.title(step.number)}" + (f" · {principle}" if principle else "")
        lines = [Content.styled(heading, "bold"), Content(stepwork.step_story(step, today) + " " + self._todo(step))]
        if step.notes.strip():
            first = self.desk.note(step.notes).strip().splitlines()[0]
            lines.append(Content.assemble(("Notes: ", "dim"), first))
        self.query_one("#board-selected", Static).update(Content("\n").join(lines))

    def _todo(self, step: Step) -> str:
        open_items = assignments.open_items(step)
        if not step.assignment:
            return "No assignments yet (n adds one)."
        if not open_items:
            return all_done(len(step.assignment), "assignment")
        first = open_items[0]
        when = assignments.due_text(first, self.desk.today)
        text = self.desk.note(first.text)
        more = f" (+{len(open_items) - 1} more)" if len(open_items) > 1 else ""
        return f"To do: {text}" + (f", {when}" if when else "") + more

    @on(ListView.Highlighted, "#steps")
    def _highlighted(self) -> None:
        if self.record is not None:
            self.show_selected()

    @on(ListView.Selected, "#steps")
    def _selected(self) -> None:
        self.action_open_step()

    # ------------------------------------------------------------ actions

    def action_forward(self) -> None:
        if self.writable("Changing a step's status"):
            number = self.selected
            self.change(lambda: self.desk.step_forward(self.sponsee_id, number))

    def action_back(self) -> None:
        if self.writable("Changing a step's status"):
            number = self.selected
            self.change(lambda: self.desk.step_back(self.sponsee_id, number))

    def action_dates(self) -> None:
        from sponsordesk.tui.dialogs.step_dates import StepDatesScreen

        if not self.writable("Changing a step's dates"):
            return
        number = self.selected
        step = self.step(number)
        if not stepwork.date_fields(step):
            self.refuse(stepwork.StepWorkError(f"Step {number} has not been started yet; press ] to start it."))
            return

        def keep(days: dict, saved) -> None:  # while the form is open: a refused save leaves it open
            self.change(lambda: self.desk.set_step_dates(self.sponsee_id, number, days, shown=step), done=saved)

        self.app.push_screen(StepDatesScreen(step, self.desk.today, keep))

    def action_report(self) -> None:
        if self.record is not None:
            self.sd_app.write_report(self.sponsee_id)

    def action_card(self) -> None:
        if self.record is not None:
            self.sd_app.open_card(self.sponsee_id)

    def action_open_step(self) -> None:
        if self.record is not None:
            self.sd_app.open_step(self.sponsee_id, self.selected)

    def action_assign(self) -> None:
        from sponsordesk.tui.dialogs.assignment_form import AssignmentDraft, AssignmentFormScreen

        if not self.writable("Adding an assignment"):
            return
        number = self.selected

        def keep(draft: AssignmentDraft, saved) -> None:  # while the form is open: a refused save leaves it open
            self.change(lambda: self.desk.add_assignment(self.sponsee_id, number, *draft), done=saved)

        self.app.push_screen(AssignmentFormScreen(f"New assignment for step {number}", self.desk.today, keep))
