"""The Today panel: who needs a call today, and every reason, first thing on start."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.widgets import Static


@dataclass(frozen=True)
class TodayLine:
    name: str
    marker: str
    tone: str
    """A theme colour name: overdue, due, milestone, relapse, fine."""
    reasons: list[str]


class TodayPanel(Static, can_focus=True):
    """Marker, name, then the reasons wrapping in their own column. Styled in roster.tcss.

    Focusable (tab) so a long agenda can be scrolled with the keyboard.
    """

    plain: str = ""
    """What the panel says, as plain text (tests read it; so could a screen reader)."""

    def show(self, heading: str, lines: list[TodayLine], empty: str) -> None:
        self.border_title = heading
        said = [f"{ln.marker} {ln.name}  {' · '.join(ln.reasons)}" for ln in lines] or [empty]
        self.plain = "\n".join([heading, *said])
        colours = self.app.theme_variables
        if not lines:
            self.update(Text(empty, style=colours.get("sd-fine", "")))
            return
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for line in lines:
            grid.add_row(
                Text(line.marker, style=f"bold {colours.get(f'sd-{line.tone}', '')}"),
                Text(line.name, style="bold"),
                Text(" · ".join(line.reasons)),
            )
        self.update(grid)
