"""Help for the screen you are on: what it is for, its keys, and where to turn in a crisis."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from sponsordesk.tui.widgets.plain_table import PlainTable

if TYPE_CHECKING:
    from sponsordesk.tui.app import SponsorDeskApp

CRISIS = """\
[b]If someone is in danger[/b]
sponsordesk is not a crisis service. In the US, call or text [b]988[/b] (the 988 Suicide & \
Crisis Lifeline), or call the SAMHSA National Helpline at [b]1-800-662-4357[/b] (free, \
confidential, every day). Elsewhere, call your local emergency services."""

REMAP = ("Change any key under [b]\\[keymap][/b] in settings.toml (`sponsordesk locate` shows where), "
         "using the id on the right, e.g. [b]\"app.privacy\" = \"ctrl+b\"[/b].")


def screen_name(screen: Screen) -> str:
    """What the screen is, in words: its HELP_TITLE ("The roster"), never a class name ("ContactForm")."""
    title = getattr(screen, "HELP_TITLE", "")
    if title:
        return title
    words = re.findall(r"[A-Z][a-z]*", type(screen).__name__.removesuffix("Screen"))
    return " ".join(words).capitalize() or "sponsordesk"


class HelpScreen(ModalScreen[None]):
    """Help for the screen underneath; F1, ? or escape closes it."""

    HELP_TITLE = "Help"

    CSS_PATH = "help.tcss"
    HELP = "This help. Every screen has its own: press F1 or ? anywhere."
    BINDINGS = [
        Binding("escape,q", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.about = screen

    @property
    def sd_app(self) -> "SponsorDeskApp":
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        name = screen_name(self.about)
        with Vertical(id="help"):
            # It has no footer, so it says how to leave
            yield Static(f"[b]Help: {name}[/b]  [dim]esc, q or F1 closes it[/dim]", id="help-title")
            with VerticalScroll(id="help-body"):
                text = getattr(self.about, "HELP", "") or "Keys for this screen are below."
                # HELP is prose, not markup: "[ and ] move the status" must show as written
                yield Static(Content(text), id="help-about")
                yield Static(self._keys_table("On this screen", self._screen_keys()), id="help-screen-keys")
                moving = self._screen_keys(own=False)
                if moving:  # the table's keys, after the screen's own: what a sponsor comes to help for
                    yield Static(self._keys_table("Moving around", moving), id="help-widget-keys")
                yield Static(self._keys_table("Everywhere", self._app_keys()), id="help-app-keys")
                yield Static(REMAP, id="help-remap")
            yield Static(CRISIS, id="help-crisis")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()  # arrow keys scroll a long list of keys

    def _screen_keys(self, own: bool = True) -> list[tuple[str, Binding]]:
        """(keys, binding) for the screen's own bindings, as remapped; ``own=False``: the keys of the table
        that has the focus (the cursor keys every table shares)."""
        grouped: dict[str, tuple[list[str], Binding]] = {}
        for key, active in self.about.active_bindings.items():
            binding = active.binding
            # Textual's widget plumbing (tab, an input's keys) has no id and is not shown: leave it out.
            if active.node is self.app or not binding.description or not (binding.id or binding.show):
                continue
            if isinstance(active.node, PlainTable) == own:
                continue
            keys, _ = grouped.setdefault(binding.id or binding.action, ([], binding))
            keys.append(self.app.get_key_display(binding.with_key(key)))
        return [(", ".join(keys), binding) for keys, binding in grouped.values()]

    def _app_keys(self) -> list[tuple[str, Binding]]:
        applied = self.sd_app.keymap_applied
        rows: dict[str, tuple[str, Binding]] = {}
        for binding in self.sd_app.BINDINGS:
            if not isinstance(binding, Binding) or not binding.id or binding.id in rows:
                continue
            keys = applied.get(binding.id, binding.key).split(",")
            shown = ", ".join(self.app.get_key_display(binding.with_key(k.strip())) for k in keys)
            if binding.id == "app.privacy":  # one row for the key's two footer labels
                binding = Binding(binding.key, binding.action, "Hide or show names and notes", id=binding.id)
            rows[binding.id] = (shown, binding)
        return list(rows.values())

    def _keys_table(self, title: str, rows: list[tuple[str, Binding]]) -> Table:
        table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True, padding=(0, 1))
        table.add_column("key", style="bold", width=16, no_wrap=True)
        table.add_column("what", ratio=1)
        # as wide as the longest id: a fixed 20 cut "contact_form.add_suggestion" to "contact_form.add_su…"
        id_width = max((len(binding.id or "") for _, binding in rows), default=0)
        table.add_column("id", style="dim", width=max(id_width, 12), no_wrap=True, justify="right")
        remapped = self.sd_app.keymap_applied
        for keys, binding in rows:
            mark = Text(" (yours)", style="italic") if binding.id in remapped else Text("")
            table.add_row(keys, Text(binding.description) + mark, binding.id or "")
        if not rows:
            table.add_row("", "no keys of its own", "")
        return table
