"""The Textual app: wires the desk (data) to screens, themes and commands."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from sponsordesk import __version__
from sponsordesk.clock import Clock
from sponsordesk.context import Context
from sponsordesk.crash import safe_traceback
from sponsordesk.desk import Desk
from sponsordesk.widgets.read_only_banner import ReadOnlyBanner


class SponsorDeskApp(App[None]):
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

        self.screen_change_signal.subscribe(self, self._on_screen_change)
        self.push_screen(RosterScreen())
        self.report_problems()
        self.report_notices()
        if self.desk.read_only:
            self.sub_title = "read-only"
            self.notify(self.desk.read_only_reason, title="Read-only", severity="warning", timeout=20, markup=False)

    def on_unmount(self) -> None:
        self.desk.close()

    # ------------------------------------------------------------ data safety

    def _on_screen_change(self, screen: Screen) -> None:
        if self.desk.read_only_reason and not isinstance(screen, ModalScreen):
            self.call_after_refresh(ReadOnlyBanner.show_on, screen, self.desk.read_only_reason)

    def _on_writable(self) -> None:
        self.sub_title = SponsorDeskApp.SUB_TITLE
        self.clear_notifications()  # the "read-only" one no longer holds
        for screen in self.screen_stack:
            for banner in screen.query(ReadOnlyBanner):
                banner.remove()

    def reload_data(self, quiet: bool = False) -> None:
        """Pick up outside changes: re-read the folder and redraw every screen."""
        was_read_only = bool(self.desk.read_only_reason)
        changed = self.desk.reload()
        if was_read_only and not self.desk.read_only_reason:
            self._on_writable()
        self.refresh_all()
        self.report_notices()
        if changed:
            self.report_problems()
        if changed and quiet:
            self.notify("Picked up changes made outside sponsordesk.", timeout=4)
        elif not quiet:
            self.notify("Reloaded from disk." if changed else "Reloaded: nothing changed on disk.", timeout=3)

    def action_reload(self) -> None:
        self.reload_data()

    def on_app_focus(self, event: events.AppFocus) -> None:
        # Back from an editor, a sync or another window: show what is on disk now.
        self.reload_data(quiet=True)

    def report_notices(self) -> None:
        for notice in self.desk.notices:
            self.notify(notice, timeout=10, markup=False)
        self.desk.notices.clear()

    def _fatal_error(self) -> None:
        # Textual's own crash report prints local variables, which would put
        # a sponsee's name or notes on the terminal; ours shows code lines only.
        self.bell()
        self._exit_renderables.append(safe_traceback(*sys.exc_info()))
        self._close_messages_no_wait()

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
