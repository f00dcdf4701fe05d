"""A small bar chart of contacts per week (the counting lives in sponsordesk.rules.rhythm)."""

from __future__ import annotations

from textual.widgets import Static

from sponsordesk.rules.rhythm import BARS, NO_CONTACT, rhythm_summary

CELL = 2
"""Characters per week: wide enough to read at 80 columns, 12 weeks fit in 36."""


def bar_rows(counts: list[int], rows: int = 2) -> list[str]:
    """Text rows, top first; each week a column of block characters, eighths per row."""
    top = max(counts, default=0)
    steps = rows * len(BARS)
    levels = [0 if top == 0 else max(1, round(c / top * steps)) if c else 0 for c in counts]
    out = []
    for row in reversed(range(rows)):
        cells = []
        for level in levels:
            filled = level - row * len(BARS)
            if filled >= len(BARS):
                char = BARS[-1]
            elif filled > 0:
                char = BARS[filled - 1]
            else:
                char = NO_CONTACT if row == 0 else " "
            cells.append(char * CELL)
        out.append(" ".join(cells))
    return out


class RhythmChart(Static):
    """Contacts per week over the last 12 weeks, oldest on the left."""

    DEFAULT_CLASSES = "rhythm"

    def show(self, counts: list[int]) -> None:
        rows = bar_rows(counts)
        label = ["contacts a week, 12 weeks", rhythm_summary(counts)]
        self.update("\n".join(f"{bars}  [dim]{text}[/]" for bars, text in zip(rows, label)))
