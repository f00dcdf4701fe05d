"""What the step board and a step's detail share: one sponsee's board, saved at once."""

from __future__ import annotations

from sponsordesk.model import Program, Step, StepBoard
from sponsordesk.tui.screens.base import DeskScreen
from sponsordesk.rules.steps import StepWorkError
from sponsordesk.store import SponseeRecord, StoreError


class StepScreen(DeskScreen):
    """A screen that changes one sponsee's step board.

    Changes are made on the board held in the desk's record and saved at
    once. If the save fails the record keeps the change, so the screen (and
    the roster) still show it and the next save writes it too.
    """

    def __init__(self, sponsee_id: str) -> None:
        super().__init__()
        self.sponsee_id = sponsee_id

    @property
    def record(self) -> SponseeRecord | None:
        return self.desk.record(self.sponsee_id)

    @property
    def board(self) -> StepBoard:
        record = self.record
        return record.steps if record else StepBoard()

    @property
    def program(self) -> Program:
        record = self.record
        return self.desk.program(record.sponsee) if record else self.desk.ctx.program("AA")

    def step(self, number: int) -> Step:
        return self.board.get(number)

    def save_board(self, done: str = "") -> bool:
        """Save now; say why if it fails (the change stays). Returns True if saved."""
        try:
            self.desk.save_steps(self.sponsee_id, self.board)
        except StoreError as error:
            self.notify(str(error), title="Not saved yet", severity="error", timeout=10)
            return False
        finally:
            # redraw every screen (the roster's current step comes from this board)
            self.sd_app.refresh_all()
        if done:
            self.notify(done, timeout=3)
        return True

    def refuse(self, error: StepWorkError) -> None:
        self.notify(str(error), severity="warning")
