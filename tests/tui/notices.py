"""What the app told the person: every notification, read through the public ``App.notify``, as shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.content import Content


@dataclass
class Told:
    """Notifications in the order they were given (message, title, severity)."""

    items: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(message for message, _, _ in self.items)

    def any(self, words: str, severity: str | None = None) -> bool:
        return any(words in message and (severity is None or level == severity) for message, _, level in self.items)

    def titled(self, title: str) -> list[str]:
        return [message for message, shown, _ in self.items if shown == title]


def listen(app) -> Told:
    """Start recording what ``app`` notifies (screens and widgets notify through the app)."""
    told = Told()
    original = app.notify

    def notify(message, *, title="", severity="information", **kwargs):
        # the words as the toast shows them: with markup on, "[keymap]" in a message was read as a tag and dropped
        shown = Content.from_markup(str(message)).plain if kwargs.get("markup", True) else str(message)
        told.items.append((shown, str(title or ""), str(severity)))
        return original(message, title=title, severity=severity, **kwargs)

    app.notify = notify
    return told
