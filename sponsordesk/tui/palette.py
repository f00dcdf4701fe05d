"""The command palette (ctrl+p): jump to any sponsee, or run any action by name.

Entries read "group: action". Actions come from the bindings of the screen the
palette was opened on and of the app, so a new screen's keys appear here with
no extra code; a few app actions without a key of their own are added by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from importlib.util import find_spec
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from sponsordesk.tui.app import SponsorDeskApp

Entry = tuple[str, Callable[[], object], str]


def _screen_exists(module: str) -> bool:
    # Screens are built one issue at a time; offer only what this install has.
    return find_spec(f"sponsordesk.tui.screens.{module}") is not None


class DeskCommands(Provider):
    @property
    def sd_app(self) -> "SponsorDeskApp":
        return self.app  # type: ignore[return-value]

    def entries(self) -> list[Entry]:
        return self._sponsee_entries() + self._binding_entries() + self._app_entries()

    def _sponsee_entries(self) -> list[Entry]:
        app, desk = self.sd_app, self.sd_app.desk
        found: list[Entry] = []
        # Sorted by the shown name, so hidden names give nothing away by their order.
        for record in sorted(desk.records, key=lambda r: desk.name(r.sponsee).lower()):
            name, sid = desk.name(record.sponsee), record.id
            found.append((f"sponsee: {name}", partial(app.open_board, sid), "open the step board"))
            found.append((f"sponsee: {name} · log", partial(app.open_log, sid), "open the contact log"))
            found.append((f"sponsee: {name} · card", partial(app.open_card, sid),
                          "phone, home group, clean time, suggestions, last contacts"))
            found.append((f"contact: log a contact with {name}", partial(app.open_contact_form, sid),
                          "date, kind, what you talked about"))
        return found

    def _binding_entries(self) -> list[Entry]:
        seen: set[str] = set()
        found: list[Entry] = []
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.id or not binding.description or binding.id in seen or binding.id.startswith("app."):
                continue
            if not active.enabled:
                continue  # greyed in the footer (the notebook still opening): picking it would do nothing
            seen.add(binding.id)
            group = binding.id.split(".")[0]
            found.append((f"{group}: {binding.description.lower()}",
                          partial(self.app.run_action, binding.action, active.node), f"key: {self.app.get_key_display(binding)}"))
        return found

    def _app_entries(self) -> list[Entry]:
        app = self.sd_app
        hidden = app.desk.hidden
        found: list[Entry] = [
            ("theme: switch theme", app.search_themes, "preview each theme; choosing one saves it"),
            ("privacy: show names" if hidden else "privacy: hide names", app.action_privacy,
             "initials only and notes masked, until you switch it off"),
            ("data: reload from disk", app.action_reload, "read every file again after editing one by hand"),
            ("help: keys and help for this screen", app.action_help, "also F1 or ?"),
            ("app: quit", app.exit, "close sponsordesk"),
        ]
        if _screen_exists("suggestions"):
            found.insert(1, ("suggestions: open suggestions", app.open_suggestions, "every open suggestion"))
        return found

    async def discover(self) -> Hits:
        # With an empty search, offer the actions; sponsees appear as you type.
        for text, command, help_text in self._binding_entries() + self._app_entries():
            yield DiscoveryHit(text, command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self.entries():
            if (score := matcher.match(text)) > 0:
                yield Hit(score, matcher.highlight(text), command, text=text, help=help_text)
