"""Form fields that keep what is in them when you tab in."""

from __future__ import annotations

from textual.events import Focus
from textual.widgets import Checkbox, Input


class TextField(Input):
    """A one-line form field: tabbing in puts the cursor after what is there.

    Textual's Input selects its whole value on focus, so the first key typed
    after Tab replaced it (a typed name was wiped). Styled app-wide in app.tcss.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)

    def on_focus(self, event: Focus) -> None:
        # the end, not where the cursor was left: a click still places it where it lands
        self.cursor_position = len(self.value)


class Tick(Checkbox):
    """A checkbox with an empty box while it is not ticked.

    Textual draws an X in the box either way and tells the two apart by
    colour alone, so without colour (or at a glance) an unticked "Relapse
    mentioned" read as ticked.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.BUTTON_INNER = "X" if self.value else " "

    def _watch_value(self, value: bool) -> None:
        self.BUTTON_INNER = "X" if value else " "
        self.refresh()
