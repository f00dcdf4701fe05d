"""The Textual app: wires the desk (data) to screens, themes and commands."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from sponsordesk import __version__
from sponsordesk.app_safety import DataSafety
from sponsordesk.clock import Clock
from sponsordesk.context import Context
from sponsordesk.desk import Desk


class SponsorDeskApp(DataSafety, App[None]):
    """sponsordesk: who needs a call today, step boards and contact logs."""

    TITLE = "sponsordesk"
    SUB_TITLE = f"v{__version__}"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("ctrl+r", "reload", "Reload", id="app.reload",
                tooltip="Pick up changes made outside sponsordesk (an editor, a sync)"),
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

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """sponsordesk's own colours; every theme file may set them."""
        return {
            "sd-overdue": "#e8875b",
            "sd-due": "#e5c07b",
            "sd-fine": "#7fb77e",
            "sd-milestone": "#8fb8ff",
            "sd-relapse": "#e06c9f",
        }

    @property
    def today(self) -> date:
        return self.ctx.clock.today()

    def on_mount(self) -> None:
        from sponsordesk.screens.roster import RosterScreen

        self.watch_data_safety()
        self.push_screen(RosterScreen())
        self.report_problems()
        self.report_notices()

    # ------------------------------------------------------------ navigation
    # Screens ask the app to open other screens, so no screen imports another.

    def open_board(self, sponsee_id: str) -> None:
        from sponsordesk.screens.board import BoardScreen

        self.push_screen(BoardScreen(sponsee_id))

    def open_log(self, sponsee_id: str) -> None:
        from sponsordesk.screens.log import LogScreen

        self.push_screen(LogScreen(sponsee_id))

    def open_contact_form(self, sponsee_id: str) -> None:
        """The full log form (date, kind, suggestions, since we last talked)."""
        from sponsordesk.screens.contact_form import ContactFormScreen

        self.push_screen(ContactFormScreen(sponsee_id))

    def open_suggestions(self) -> None:
        from sponsordesk.screens.suggestions import SuggestionsScreen

        self.push_screen(SuggestionsScreen())

    def refresh_all(self) -> None:
        """Redraw every screen in the stack from the desk."""
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_data", None)
            if refresh is not None:
                refresh()

    def report_problems(self) -> None:
        """One notification for files that did not load, one for things to look at; never a crash."""
        problems = self.desk.problems
        for severity, title in (("error", "Some files did not load"), ("warning", "Worth a look")):
            found = [p for p in problems if p.severity == severity]
            if found:
                lines = [p.describe(self.ctx.data_dir) for p in found[:5]]
                more = f"\n…and {len(found) - 5} more" if len(found) > 5 else ""
                self.notify("\n".join(lines) + more + "\n(run: sponsordesk doctor)", title=title,
                            severity="warning" if severity == "error" else "information", timeout=12,
                            markup=False)
