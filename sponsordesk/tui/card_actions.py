"""What the card offers from any screen: open it, and copy the phone number.

A mixin so app.py stays about wiring: the roster, the board, the log, the
palette and the card itself all call these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sponsordesk.desk import Desk


class CardActions:
    """Mixed into SponsorDeskApp (a Textual App with ``desk``)."""

    desk: "Desk"

    def open_card(self, sponsee_id: str) -> None:
        """The sponsee's card on a screen of its own."""
        from sponsordesk.tui.screens.card import CardScreen

        self.push_screen(CardScreen(sponsee_id))  # type: ignore[attr-defined]

    def copy_phone(self, sponsee_id: str) -> None:
        """The phone number to the clipboard (OSC 52, so it works over ssh and in tmux), and say so."""
        record = self.desk.record(sponsee_id)
        if record is None:
            return
        name, phone = self.desk.name(record.sponsee), record.sponsee.phone.strip()
        if not phone:
            self.notify(f"No phone number for {name} yet; e on the roster adds one.",  # type: ignore[attr-defined]
                        severity="warning", markup=False)
            return
        self.copy_to_clipboard(phone)  # type: ignore[attr-defined]
        # while names are hidden the notification does not show the number either
        shown = "" if self.desk.hidden else f" ({phone})"
        self.notify(f"Copied {name}'s phone number{shown}.", markup=False)  # type: ignore[attr-defined]
