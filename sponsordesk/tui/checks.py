"""What `sponsordesk doctor` asks the app about settings.toml: the theme name and the [keymap].

Binding ids, key names and Textual's own themes exist only in the app, so the
doctor (a command, which may not import Textual) calls these two functions;
pyproject.toml's contracts name this one exception. Each finding is
(binding id or setting, message, fix), in the same words the app's start-up
notification uses.
"""

from __future__ import annotations

import difflib

from sponsordesk.tui.keymap import binding_ids, key_problem, keymap_clashes

Finding = tuple[str, str, str]


def theme_findings(name: str, ours: list[str]) -> list[Finding]:
    """Nothing when ``name`` is one of ``ours`` (shipped and the user's) or a Textual theme."""
    from textual.theme import BUILTIN_THEMES

    if name in ours or name in BUILTIN_THEMES:
        return []
    close = difflib.get_close_matches(name, [*ours, *BUILTIN_THEMES], n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return [("theme", f"there is no theme named '{name}', so the app uses sponsordesk-dark",
             f"{hint}themes: {', '.join(ours)}, or a Textual theme such as nord")]


def keymap_findings(keymap: dict[str, str]) -> list[Finding]:
    """Unknown ids (with the nearest one), key names Textual does not know, and ids given the same key."""
    if not keymap:
        return []
    import sponsordesk.tui.app  # noqa: F401  (the app's own bindings: app.help, app.privacy, ...)

    known = binding_ids()
    found: list[Finding] = []
    good: dict[str, str] = {}
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            close = difflib.get_close_matches(binding_id, known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "the help screen (F1) lists every id"
            found.append((binding_id, f"no key has the id '{binding_id}', so this line is not used", hint))
            continue
        problems = [p for key in keys.split(",") if (p := key_problem(key))]
        if problems:
            found.append((binding_id, problems[0], "the key keeps its default until this is fixed"))
            continue
        good[binding_id] = keys
    for ids, key in keymap_clashes(good):
        # named by an id the file sets, so the finding has its line: the one tried last of those (the one that
        # loses to the others), not simply the last, which may be a screen's default the file never mentions
        mine = [i for i in ids if i in good]
        found.append((mine[-1], f"{' and '.join(ids)} have the same key ({key}) on one screen, so only "
                               f"{ids[0]} works", "give one of them another key under [keymap]"))
    return found
