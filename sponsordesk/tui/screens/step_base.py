"""What the step board and a step's detail share: one sponsee's board, each change saved at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sponsordesk.desk.desk import Saved
from sponsordesk.model import Program, SponseeRecord
from sponsordesk.rules.steps import StepWorkError
from sponsordesk.tui.saving import Done, save
from sponsordesk.tui.screens.base import DeskScreen

if TYPE_CHECKING:
    from sponsordesk.model import Step, StepBoard


class StepScreen(DeskScreen):
    """A screen that changes one sponsee's step board.

    Every change goes through the desk, which saves only the step changed
    and reloads the sponsee whatever happens: the screen always shows the
    board as it is in the file. A change that could not be saved is not
    shown as made; the notification says why, and pressing the key again
    tries again.
    """

    def __init__(self, sponsee_id: str) -> None:
        super().__init__()
        self.sponsee_id = sponsee_id

    @property
    def record(self) -> SponseeRecord | None:
        return self.desk.record(self.sponsee_id)

    @property
    def board(self) -> StepBoard:
        from sponsordesk.model import StepBoard

        record = self.record
        return record.steps if record else StepBoard()

    @property
    def program(self) -> Program:
        record = self.record
        return self.desk.program(record.sponsee) if record else self.desk.ctx.program("AA")

    def step(self, number: int) -> Step:
        return self.board.get(number)

    def change(self, operation: Callable[[], Saved], done_message: str = "", done: Done | None = None,
               back: Callable[[], None] | None = None, ask: bool = True) -> bool:
        """Save one change to the board through the desk; True if it saved at once (``ask``: see save)."""
        try:
            return save(self, operation, done_message, done, title_on_error="Not saved", back=back, ask=ask)
        except StepWorkError as error:
            self.refuse(error)
            return False

    def refuse(self, error: StepWorkError) -> None:
        self.notify(str(error), severity="warning")
