"""Entries changed on two machines: every version a sync merge kept, side by side, and the choice.

Opens by itself when the notebook is read with such entries (at start, after
a merge, on ctrl+r). Nothing is decided until a number key keeps a version:
that version then wins on every machine it meets, and the others go. "Later"
leaves every version in the file (``sponsordesk doctor`` lists them too).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from sponsordesk.desk.errors import StoreError
from sponsordesk.desk.syncing import KeptEntry
from sponsordesk.tui.screens.base import DeskModal
from sponsordesk.wording.conflicts import field_label, shown_value
from sponsordesk.wording.sync import kept_title, version_label

_HIDDEN_FIELDS = {"id", "number", "rev"}


class KeptVersionsScreen(DeskModal[None]):
    """One kept entry at a time; 1-9 keep that version, n shows the next entry, escape leaves them all for later."""

    CSS_PATH = "sync_conflicts.tcss"
    HELP = ("Both of your machines changed this entry before they synced, so sponsordesk kept every version "
            "instead of picking one. Press the number of the version to keep: it then wins on every machine. "
            "n goes to the next entry; escape leaves them all for later (they stay in the file, and "
            "`sponsordesk doctor` lists them).")
    BINDINGS = [
        *[Binding(str(n), f"keep({n - 1})", f"Keep {n}", id=f"versions.keep_{n}", show=n <= 2) for n in range(1, 10)],
        Binding("n", "next", "Next entry", id="versions.next"),
        Binding("escape", "later", "Later", id="versions.later"),
    ]

    def __init__(self, entries: list[KeptEntry]) -> None:
        super().__init__()
        self.entries = entries
        self.at = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="kept"):
            yield Static("", classes="form-title", id="kept-title")
            yield Static("", id="kept-intro")
            yield VerticalScroll(id="kept-versions")
            yield Horizontal(id="kept-buttons")

    def on_mount(self) -> None:
        self.show()

    @property
    def entry(self) -> KeptEntry:
        return self.entries[self.at]

    def heading(self) -> str:
        name = self.desk.name_of(self.entry.sponsee_id)
        kept = self.entry.kept
        first = next((v.content for v in kept.versions if v.content is not None), None)
        return kept_title(kept.kind, kept.key, first, name)

    def show(self) -> None:
        entry = self.entry
        count = f" ({self.at + 1} of {len(self.entries)})" if len(self.entries) > 1 else ""
        self.query_one("#kept-title", Static).update(Text(self.heading() + count))
        self.query_one("#kept-intro", Static).update(Text(
            f"Changed on two machines before they synced ({self.desk.message(entry.file)}). Every version is kept; "
            "which one should stay?"))
        box = self.query_one("#kept-versions", VerticalScroll)
        box.remove_children()
        box.mount_all(self._versions(entry))
        buttons = self.query_one("#kept-buttons", Horizontal)
        buttons.remove_children()
        # names, not ids: the old buttons may still be leaving while these arrive
        buttons.mount_all([Button(f"Keep {n + 1}", name=f"keep-{n}", variant="primary" if n == 0 else "default")
                           for n in range(len(entry.kept.versions))]
                          + ([Button("Next (n)", name="next")] if len(self.entries) > 1 else [])
                          + [Button("Later (esc)", name="later")])

    def _versions(self, entry: KeptEntry) -> list[Static]:
        versions = entry.kept.versions
        fields = _differing([v.content for v in versions])
        out = []
        for n, version in enumerate(versions):
            label = version_label(n + 1, entry.changed_on(n), version.deleted, version.record.get("on"))
            lines = Text(label, style="bold")
            if version.deleted:
                lines.append("\n  (deleted)", style="italic")
            for name in fields:
                value = shown_value((version.content or {}).get(name), self.desk.note, name)
                lines.append(f"\n  {field_label(name)}: ", style="dim")
                lines.append(value)
            out.append(Static(lines, classes="kept-version"))
        return out

    def on_button_pressed(self, event: Button.Pressed) -> None:
        name = event.button.name or "later"
        if name.startswith("keep-"):
            self.action_keep(int(name.removeprefix("keep-")))
        elif name == "next":
            self.action_next()
        else:
            self.action_later()

    def action_keep(self, index: int) -> None:
        entry = self.entry
        if index >= len(entry.kept.versions) or not self.writable("Choosing a version"):
            return
        try:
            self.desk.choose_version(entry, index)
        except StoreError as error:
            self.notify(str(error), title="Nothing was kept", severity="error", markup=False)
            self._reread()
            return
        self.notify(f"Kept version {index + 1}; the other{'s' * (len(entry.kept.versions) > 2)} "
                    "will not come back from either machine.", timeout=6, markup=False)
        del self.entries[self.at]
        self._after()

    def action_next(self) -> None:
        self.at = (self.at + 1) % len(self.entries)
        self.show()

    def action_later(self) -> None:
        self.app.refresh_all()  # type: ignore[attr-defined]
        self.dismiss(None)

    def _reread(self) -> None:
        self.entries = self.desk.kept_versions()
        self._after()

    def _after(self) -> None:
        self.app.refresh_all()  # type: ignore[attr-defined]
        if not self.entries:
            self.dismiss(None)
            return
        self.at = min(self.at, len(self.entries) - 1)
        self.show()

    def refresh_data(self) -> None:
        if self.entries:
            self.show()


def _differing(contents: list[dict[str, Any] | None]) -> list[str]:
    """Fields whose value is not the same in every version (every field when one version is a deletion)."""
    live = [c for c in contents if c is not None]
    names: dict[str, None] = {}
    for content in live:
        names.update(dict.fromkeys(content))
    if len(live) < len(contents):
        return [n for n in names if n not in _HIDDEN_FIELDS]
    return [n for n in names if n not in _HIDDEN_FIELDS and len({repr(c.get(n)) for c in live}) > 1]
