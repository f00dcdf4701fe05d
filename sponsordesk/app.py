"""The Textual app: wires the desk (data) to screens, themes and commands."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from sponsordesk import __version__
from sponsordesk.clock import Clock
from sponsordesk.context import Context
from sponsordesk.desk import Desk


class SponsorDeskApp(App[None]):
    """sponsordesk: who needs a call today, step boards and contact logs."""

    TITLE = "sponsordesk"
    SUB_TITLE = f"v{__version__}"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(
        self,
        context: Context | None = None,
        *,
        data_dir: Path | None = None,
        today: date | None = None,
        config_dir: Path | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__()
        self.ctx = context or Context.build(data_dir=data_dir, today=today, config_dir=config_dir, clock=clock)
        self.desk = Desk.open(self.ctx)

    @property
    def today(self) -> date:
        return self.ctx.clock.today()

    def on_mount(self) -> None:
        from sponsordesk.screens.roster import RosterScreen

        self.push_screen(RosterScreen())
        self.report_problems()

    def report_problems(self) -> None:
        """One notification for every file that did not load, never a crash."""
        errors = [p for p in self.desk.problems if p.severity == "error"]
        if errors:
            lines = [p.describe(self.ctx.data_dir) for p in errors[:5]]
            more = f"\n…and {len(errors) - 5} more (run: sponsordesk doctor)" if len(errors) > 5 else ""
            self.notify("\n".join(lines) + more, title="Some files did not load", severity="warning", timeout=12)
