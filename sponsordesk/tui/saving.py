"""How every screen saves: through the desk, with the same answers to every outcome.

A saved change is announced (with a word when outside edits were kept too);
a conflict opens both versions to choose from; any other refusal (a broken
file, a full disk, a read-only window) says why. In every case the desk has
reloaded that sponsee, so the screens show the files as they are now, and
a form stays open with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sponsordesk.desk.errors import ConflictError, StoreError

if TYPE_CHECKING:
    from textual.screen import Screen

    from sponsordesk.desk.desk import Saved

Message = str | Callable[["Saved"], str]
"""What to say once saved; a callable when it names someone only the save brings (a new sponsee)."""

Done = Callable[["Saved"], None]
"""Called once the save landed (after a conflict: with the person's choice made)."""


def save(screen: "Screen", operation: Callable[[], "Saved"], done_message: Message = "", done: Done | None = None,
         *, title_on_error: str = "Not saved", back: Callable[[], None] | None = None, ask: bool = True) -> bool:
    """Run ``operation`` (a desk call that saves); True when it saved at once.

    On a conflict, the choice is asked for and ``done`` runs once it is made
    (``back`` when the person goes back to editing instead). ``ask=False``
    (a save nobody pressed a key for: the notes' autosave) only says so and
    runs ``back``: a window opened under someone typing took their next
    letter for an answer.
    """
    app = screen.app
    try:
        saved = operation()
    except ConflictError as error:
        if not ask:
            screen.notify(f"{error.places}. Not saved yet: press ctrl+s to see both versions and choose; what you "
                          "typed stays here.", title="Changed outside sponsordesk too", severity="warning",
                          timeout=15, markup=False)
            if back is not None:
                back()
            app.refresh_all()  # type: ignore[attr-defined]
            return False
        _ask(screen, error, done_message, done, back)
        app.refresh_all()  # type: ignore[attr-defined]
        return False
    except StoreError as error:
        screen.notify(str(error), title=title_on_error, severity="error", timeout=12, markup=False)
        app.refresh_all()  # type: ignore[attr-defined]  # the Today panel says when a file no longer loads
        return False
    _announce(screen, saved, done_message)
    app.refresh_all()  # type: ignore[attr-defined]
    if done is not None:
        done(saved)
    return True


def _announce(screen: "Screen", saved: "Saved", message: Message) -> None:
    text = " ".join(part for part in (message(saved) if callable(message) else message, saved.note) if part)
    if text:
        screen.notify(text, timeout=6 if saved.note else 4, markup=False)


def _ask(screen: "Screen", error: ConflictError, done_message: Message, done: Done | None,
         back: Callable[[], None] | None) -> None:
    from sponsordesk.tui.dialogs.conflict import ConflictScreen

    def chosen(choice: str | None) -> None:
        if choice == "mine":
            save(screen, lambda: screen.app.desk.keep_mine(error), done_message or "Saved your version.", done,  # type: ignore[attr-defined]
                 back=back)
        elif choice == "file":
            # the file's version of those fields stays; everything else of the change is still saved
            # nothing else may have been left to save (a deleted entry, a move kept whole)
            save(screen, lambda: screen.app.desk.keep_theirs(error),  # type: ignore[attr-defined]
                 lambda saved: "Kept the file's version where both changed; the rest of your change is saved."
                 if saved.wrote else "Kept the file's version; nothing else of your change was left to save.",
                 done, back=back)
        else:
            screen.notify("Nothing was saved; what you typed is still here.", timeout=4)
            if back is not None:
                back()

    screen.app.push_screen(ConflictScreen(error), chosen)
