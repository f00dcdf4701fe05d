"""What every data screen shares: the desk, and a hook to redraw from it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import ModalScreen, Screen, ScreenResultType

if TYPE_CHECKING:
    from sponsordesk.app import SponsorDeskApp
    from sponsordesk.desk import Desk


def report_help() -> str:
    """Where R (report) writes, for the help of the screens that have it."""
    from rich.markup import escape

    from sponsordesk.locations import reports_dir

    return (f"[b]R[/b] writes a Markdown report on this sponsee (clean time, steps, open suggestions, "
            f"the last 10 contacts) to read or print, into {escape(str(reports_dir()))}. It holds full "
            "names and notes even while they are hidden here; keep it private.")


class DeskScreen(Screen):
    """A screen that shows data from the desk.

    The app calls ``refresh_data`` on every screen in the stack after the data
    changes (a reload, an outside edit) or the privacy screen is toggled.
    """

    @property
    def desk(self) -> "Desk":
        return self.app.desk  # type: ignore[attr-defined]

    @property
    def sd_app(self) -> "SponsorDeskApp":
        return self.app  # type: ignore[return-value]

    def refresh_data(self) -> None:
        """Redraw from ``self.desk``; screens override this."""

    def writable(self, doing: str) -> bool:
        """False (and a clear "read-only" message) when this window cannot save."""
        return self.sd_app.writable(doing)


class DeskModal(ModalScreen[ScreenResultType]):
    """A modal (form, confirmation) with access to the desk."""

    @property
    def desk(self) -> "Desk":
        return self.app.desk  # type: ignore[attr-defined]

    def refresh_data(self) -> None:
        """Modals keep what the user typed; nothing to redraw by default."""

    def writable(self, doing: str) -> bool:
        """False (and a clear "read-only" message) when this window cannot save."""
        return self.app.writable(doing)  # type: ignore[attr-defined]
