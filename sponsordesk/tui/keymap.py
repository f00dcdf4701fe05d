"""Key remapping from settings.toml: checked against every binding id, applied with App.set_keymap."""

from __future__ import annotations

import difflib
import importlib
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import Keys, key_to_character


if TYPE_CHECKING:
    from sponsordesk.tui.app import SponsorDeskApp

MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
KEY_NAMES = {key.value.rpartition("+")[2] for key in Keys} | {"enter", "space", "tab", "backspace", "escape"}


def key_problem(key: str) -> str | None:
    """Why ``key`` is not a key Textual knows, or None when it is fine."""
    *modifiers, name = key.strip().split("+")
    if not name:
        return f"'{key}' is not a key"
    unknown = [m for m in modifiers if m not in MODIFIERS]
    if unknown:
        return f"'{unknown[0]}' in '{key}' is not a modifier (use {', '.join(sorted(MODIFIERS))})"
    if len(name) == 1 or name in KEY_NAMES or key_to_character(name):
        return None
    return f"'{name}' is not a key name (examples: a, f5, ctrl+l, question_mark)"


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def binding_ids() -> dict[str, Binding]:
    """Every binding with an id on any screen, widget or the app, by id."""
    import pkgutil  # here: only a keymap in the config asks for this, and a start without one need not load it

    import sponsordesk.tui.screens
    import sponsordesk.tui.dialogs
    import sponsordesk.tui.widgets

    # Screens are imported when first opened; import them all so every id is known.
    for package in (sponsordesk.tui.screens, sponsordesk.tui.dialogs, sponsordesk.tui.widgets):
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            try:
                importlib.import_module(module.name)
            except Exception:  # a broken screen shows its own error when opened
                continue
    found: dict[str, Binding] = {}
    for cls in _subclasses(DOMNode):
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.id:
                found.setdefault(binding.id, binding)
    return found


def keymap_clashes(keymap: dict[str, str]) -> list[tuple[list[str], str]]:
    """Ids that would share one key on one screen, widget or the app once ``keymap`` is applied: (ids, key).

    Textual lets the first binding of a key win; the second then never fires,
    with no word. Only clashes the keymap makes count (a screen's own defaults
    are its design), and ids are listed in the order Textual tries them.
    """
    from textual.screen import Screen

    from sponsordesk.tui.app import SponsorDeskApp

    binding_ids()  # imports every screen, dialog and widget

    def claim(claimed: dict[str, list[str]], bindings: list[Binding]) -> None:
        for binding in bindings:
            keys = keymap.get(binding.id, binding.key)
            for key in (k.strip() for k in keys.split(",")):
                ids = claimed.setdefault(key, [])
                if binding.id not in ids:
                    ids.append(binding.id)

    def own(cls: type) -> list[Binding]:
        return [binding for klass in reversed(cls.__mro__) if issubclass(klass, DOMNode)
                for binding in klass.__dict__.get("BINDINGS", []) if isinstance(binding, Binding) and binding.id]

    # On a screen the app's keys count too: a priority one (F4, ctrl+q) is tried before the screen's, so a
    # screen key moved onto it never fires; the screen's are tried before the app's others (ctrl+r), so an
    # app key moved onto a screen's is lost there (found by a review: "app.privacy" = "e" shadowed the
    # roster's edit, unreported)
    app_keys = own(SponsorDeskApp)
    first = [b for b in app_keys if b.priority]
    last = [b for b in app_keys if not b.priority]
    out: list[tuple[list[str], str]] = []
    seen: set[tuple[tuple[str, ...], str]] = set()
    for cls in [DOMNode, *_subclasses(DOMNode)]:
        claimed: dict[str, list[str]] = {}
        screen = issubclass(cls, Screen)
        if screen:
            claim(claimed, first)
            for widget in getattr(cls, "WIDGET_KEYS", ()):  # the focused table's keys come before the screen's
                claim(claimed, own(widget))
        mine = own(cls)
        claim(claimed, mine)
        if screen:
            claim(claimed, last)
        # A chosen row runs the screen's row action: enter on both the table's select and that action's own
        # binding does one thing either way (the log's enter opens the entry, as log.open does).
        same = {"table.select", *(b.id for b in mine if b.action == getattr(cls, "ROW_ACTION", None))}
        for key, ids in claimed.items():
            if len(same) > 1 and set(ids) <= same:
                continue
            if len(ids) > 1 and any(i in keymap for i in ids) and (tuple(ids), key) not in seen:
                seen.add((tuple(ids), key))
                out.append((ids, key))
    return out


def apply_keymap(app: "SponsorDeskApp") -> list[str]:
    """Apply the good entries of ``[keymap]``; returns one line per bad entry."""
    if not app.ctx.settings.keymap:
        # Nothing to check: finding every id imports every screen (about 40 ms on each start).
        app.keymap_applied = {}
        return []
    known = binding_ids()
    good: dict[str, str] = {}
    lines: list[str] = []
    for binding_id, keys in app.ctx.settings.keymap.items():
        where = f"settings.toml, line {app.ctx.setting_line(binding_id) or '?'}"
        if binding_id not in known:
            close = difflib.get_close_matches(binding_id, known, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else " The help screen (F1) lists every id."
            lines.append(f"{where}: no key has the id '{binding_id}'.{hint}")
            continue
        problems = [p for key in keys.split(",") if (p := key_problem(key))]
        if problems:
            lines.append(f"{where}, '{binding_id}': {problems[0]}")
            continue
        good[binding_id] = ",".join(key.strip() for key in keys.split(","))
    for ids, key in keymap_clashes(good):
        lines.append(f"settings.toml: {' and '.join(ids)} have the same key ({key}) on one screen, so only "
                     f"{ids[0]} works. Give one of them another key under [keymap].")
    app.keymap_applied = good
    app.set_keymap(good)
    return lines


def clash_message(clashed: set[Binding], told: set[frozenset[str]]) -> str | None:
    """What to tell the user about bindings that now share a key, once per clash.

    Bindings that share an id are one key with two footer labels (the privacy key; the roster's add and
    demo data, shown on the welcome screen): Textual calls them clashing with each other when the keymap
    moves them, and with each pair moved at once it gave them all as one set. So ids clash only on one key.
    """
    by_key: dict[str, set[str]] = {}
    for binding in clashed:
        by_key.setdefault(binding.key, set()).add(binding.id or binding.action)
    found = [frozenset(ids) for ids in by_key.values() if len(ids) > 1 and frozenset(ids) not in told]
    if not found:
        return None
    told.update(found)
    return " ".join(f"{' and '.join(sorted(ids))} now have the same key." for ids in found) + \
        " Change one under [keymap] in settings.toml."
