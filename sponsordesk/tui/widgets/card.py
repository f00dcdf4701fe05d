"""The sponsee's card: beside the roster on a wide terminal, and the whole of the card screen.

The card is drawn at once from what the desk holds; the last few contacts
(with their words) are read from the log in a worker, so moving the
roster's cursor down a list of people never waits for a long log.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widget import Widget
from textual.worker import Worker, WorkerState
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sponsordesk.model import Contact
    from sponsordesk.desk import Desk
    # imported when a card is first drawn: a roster too narrow for one (80 and 120 columns) never needs
    # it, nor the log's words and the suggestions' rules it brings (about 3 ms of a start)
    from sponsordesk.views.card import Card


GROUP = "card-contacts"


class CardText(Widget):
    """Labels in a column, each fact wrapped under itself; sections under bold titles."""

    def __init__(self) -> None:
        super().__init__()
        self.card: Card | None = None
        self.empty = ""

    def _text(self, width: int) -> Text:
        if self.card is None:
            return Text(self.empty, style="dim")
        card, muted = self.card, "dim"
        label_width = max(cell_len(f.label) for f in card.facts) + 2
        out = Text()
        out.append(card.name, style="bold")
        for fact in card.facts:
            out.append("\n")
            out.append(fact.label.rjust(label_width - 2) + "  ", style=muted)
            out.append_text(_hanging(fact.text, width - label_width, label_width, self))
        for section in card.sections:
            out.append("\n\n")
            out.append(section.title, style="bold")
            for line in section.lines or [section.empty]:
                out.append("\n  • " if section.lines else "\n  ")  # a bullet each, so wrapped entries stay apart
                out.append_text(_hanging(line, width - 4, 4, self, dim=not section.lines))
        return out

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._text(width).plain.split("\n"))

    def render(self) -> Text:
        return self._text(self.content_region.width or self.size.width)


def _hanging(text: str, width: int, indent: int, widget: Widget, dim: bool = False) -> Text:
    """``text`` wrapped to ``width`` cells, the lines after the first indented by ``indent``."""
    lines = Text(text, style="dim" if dim else "").wrap(widget.app.console, max(width, 12))
    return Text("\n" + " " * indent).join(lines)


class SponseeCard(VerticalScroll, can_focus=True):
    """One sponsee's card; ``show`` it for a sponsee (or for nobody). Styled in widgets/card.tcss."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sponsee_id: str | None = None
        self.card: Card | None = None
        self._contacts: tuple[str, int, list[Contact]] | None = None
        """(sponsee id, desk generation, their latest contacts): read once per change to the data."""

    def compose(self) -> ComposeResult:
        yield CardText()

    @property
    def plain(self) -> str:
        """What the card says, as plain text."""
        return self.card.plain if self.card else self.query_one(CardText).empty

    def show(self, desk: "Desk", sponsee_id: str | None, empty: str = "") -> None:
        """Draw ``sponsee_id``'s card from ``desk`` (its last contacts from a worker when not read yet)."""
        record = desk.record(sponsee_id) if sponsee_id else None
        self.sponsee_id = record.id if record else None
        text = self.query_one(CardText)
        if record is None:
            self.card, text.card, text.empty = None, None, empty
            self.border_title = ""
        else:
            from sponsordesk.views.card import build_card

            known = self._contacts
            fresh = known is not None and known[:2] == (record.id, desk.generation)
            self.card = build_card(desk, record, known[2] if fresh else None)
            text.card = self.card
            self.border_title = self.card.short
            if not fresh:
                self._read(desk, record.id, desk.generation)
        text.refresh(layout=True)

    @work(thread=True, exclusive=True, group=GROUP, name="reading the last contacts for the card")
    def _read(self, desk: "Desk", sponsee_id: str, generation: int) -> tuple[str, int, list[Contact]]:
        from sponsordesk.views.card import LAST_CONTACTS

        return sponsee_id, generation, desk.last_contacts(sponsee_id, LAST_CONTACTS)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != GROUP or event.state != WorkerState.SUCCESS:
            return
        self._contacts = event.worker.result  # type: ignore[assignment]
        desk = self.app.desk  # type: ignore[attr-defined]
        if self.sponsee_id == self._contacts[0]:
            self.show(desk, self.sponsee_id)
