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


def _board_commands():
    """Loaded when the palette opens, so startup does not import the board."""
    from sponsordesk.screens.board_palette import BoardCommands

    return BoardCommands


class SponsorDeskApp(App[None]):
    """sponsordesk: who needs a call today, step boards and contact logs."""

    TITLE = "sponsordesk"
    SUB_TITLE = f"v{__version__}"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_board_commands}
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

        self.push_screen(RosterScreen())
        self.report_problems()

    # ------------------------------------------------------------ navigation
    # Screens ask the app to open other screens, so no screen imports another.

    def open_board(self, sponsee_id: str) -> None:
        from sponsordesk.screens.board import BoardScreen

        self.push_screen(BoardScreen(sponsee_id))

    def open_step(self, sponsee_id: str, number: int) -> None:
        """One step's detail: full wording, notes and assignments."""
        from sponsordesk.screens.step_detail import StepDetailScreen

        self.push_screen(StepDetailScreen(sponsee_id, number))

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
        """One notification for every file that did not load, never a crash."""
        errors = [p for p in self.desk.problems if p.severity == "error"]
        if errors:
            lines = [p.describe(self.ctx.data_dir) for p in errors[:5]]
            more = f"\n…and {len(errors) - 5} more (run: sponsordesk doctor)" if len(errors) > 5 else ""
            self.notify("\n".join(lines) + more, title="Some files did not load", severity="warning", timeout=12)
