"""Odd files that cannot live in git as they are (FIFOs, links, 10 MB, control bytes), made per test.

``make_odd_files`` writes them into a copy of tests/corpus/data; ``ODD``
says what each must produce, in the same shape as corpus_files.EXPECTED:
(kind, file, severity, words in the message, line, field). ``ODD_LOADED``
are the sponsees that still load (the odd file is a part of them, or harmless).
"""

from __future__ import annotations

import os
from pathlib import Path

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"
"""Set the window title, clear the screen, turn text red: none of it may reach a terminal."""
ESCAPES_TOML = ESCAPES.replace("\x1b", "\\u001b").replace("\x07", "\\u0007")
"""The same, as a TOML string writes it (control characters must be escaped there)."""


def _profile(sponsee_id: str, extra: str = "", name: str = "Odd Person") -> str:
    return f'schema_version = 1\nid = "{sponsee_id}"\nname = "{name}"\nprogram = "AA"\n{extra}'


def _contacts(body: str) -> str:
    return f"schema_version = 1\n\n[[contact]]\n{body}"


# (kind, folder, file in it, content: str | bytes | None for a special file)
_FILES: list[tuple[str, str, str, str | bytes]] = [
    ("binary file", "odd-binary", "profile.toml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00\x01"),
    ("truncated file", "odd-truncated", "profile.toml", 'schema_version = 1\nid = "odd-truncated"\nname = "Tru'),
    ("duplicate keys", "odd-dupkey", "profile.toml", _profile("odd-dupkey", 'name = "SECRET twice"\n')),
    ("NUL byte", "odd-nul", "profile.toml", _profile("odd-nul", 'notes = "a\x00b"\n')),
    ("deep nesting", "odd-deep", "suggestions.toml",
     "schema_version = 1\nx = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n"),
    ("year 1", "odd-year1", "profile.toml", _profile("odd-year1", "sobriety = [{ date = 0001-01-01 }]\n")),
    ("year 9999", "odd-year9999", "contacts/9999.toml",
     _contacts('id = "c-far"\nat = 9999-12-31T23:30:00-05:00\nkind = "call"\nsummary = "SECRET"\n')),
    ("impossible date", "odd-feb30", "contacts/2026.toml",
     _contacts('id = "c-1"\nat = 2026-11-19T10:00:00Z\n\n[[contact]]\nid = "c-2"\nat = 2026-02-30T10:00:00Z\n')),
    ("contact without id", "odd-noid", "contacts/2026.toml", _contacts('at = 2026-11-19T10:00:00Z\nkind = "call"\n')),
    ("huge number", "odd-huge", "profile.toml", _profile("odd-huge", "cadence_days = 9223372036854775807\n")),
    ("NaN number", "odd-nan", "contacts/2026.toml",
     _contacts('id = "c-1"\nat = 2026-11-19T10:00:00Z\nminutes = nan\n')),
    ("negative duration", "odd-negative", "contacts/2026.toml",
     _contacts('id = "c-1"\nat = 2026-11-19T10:00:00Z\nminutes = -20\n')),
    ("wrong type in a list", "odd-listtype", "steps.toml", 'schema_version = 1\nstep = "SECRET"\n'),
    ("escape codes in a key", "odd-esckey", "profile.toml", _profile("odd-esckey", f'"{ESCAPES_TOML}" = 1\n')),
    ("id not matching its folder", "odd-idmismatch", "profile.toml", _profile("someone-else")),
]

# Files that load: odd, but nothing to fix
_LOADING: list[tuple[str, str, str, str | bytes]] = [
    ("10 MB note", "odd-big", "profile.toml", _profile("odd-big", 'notes = """\n' + ("x" * 99 + "\n") * 100_000 + '"""\n')),
    ("escape codes in text", "odd-escape", "profile.toml", _profile("odd-escape", name=f"Esc{ESCAPES_TOML}Ape")),
    ("time without an offset", "odd-local", "contacts/2026.toml",
     _contacts('id = "c-1"\nat = 2026-11-20T23:30:00\nkind = "call"\nsummary = "late call"\n')),
]

ODD_LOADED = {"odd-big", "odd-escape", "odd-local", "odd-feb30", "odd-year9999", "odd-noid", "odd-nan",
              "odd-negative", "odd-listtype", "odd-deep", "odd-fifo", "odd-folder", "odd-link-in"}
"""Sponsees that load although one of their files does not (the profile is fine)."""

CONFLICT_NAMES = ["profile-DESKTOP-7QK2M1.toml", "profile (1).toml", "profile_conflict-20261121-101010.toml"]
"""OneDrive, Google Drive and older ownCloud/Nextcloud conflict copies (recognised by issue 16's work)."""

# (kind, file, severity, words, line, field)
ODD = [
    ("binary file", "sponsees/odd-binary/profile.toml", "error", "not UTF-8", None, None),
    ("truncated file", "sponsees/odd-truncated/profile.toml", "error", "not valid TOML", 3, None),
    ("duplicate keys", "sponsees/odd-dupkey/profile.toml", "error", "not valid TOML", 5, None),
    ("NUL byte", "sponsees/odd-nul/profile.toml", "error", "not valid TOML", 5, None),
    ("deep nesting", "sponsees/odd-deep/suggestions.toml", "error", "nested too deeply", 2, None),
    ("year 1", "sponsees/odd-year1/profile.toml", "error", "year 1 is not between", 5, "sobriety[0].date"),
    ("year 9999", "sponsees/odd-year9999/contacts/9999.toml", "error", "year 9999 is not between", 5,
     "contact[0].at"),
    ("impossible date", "sponsees/odd-feb30/contacts/2026.toml", "error", "not valid TOML", 9, None),
    ("contact without id", "sponsees/odd-noid/contacts/2026.toml", "error", "required but missing", 3,
     "contact[0].id"),
    ("huge number", "sponsees/odd-huge/profile.toml", "error", "at most 365", 5, "cadence_days"),
    ("NaN number", "sponsees/odd-nan/contacts/2026.toml", "error", "not nan", 6, "contact[0].minutes"),
    ("negative duration", "sponsees/odd-negative/contacts/2026.toml", "error", "at least 0", 6,
     "contact[0].minutes"),
    ("wrong type in a list", "sponsees/odd-listtype/steps.toml", "error", "must be a list", 2, "step"),
    ("escape codes in a key", "sponsees/odd-esckey/profile.toml", "warning", "unknown key", None,
     ESCAPES),
    ("id not matching its folder", "sponsees/odd-idmismatch/profile.toml", "error", "does not match its folder", 2,
     "id"),
    ("FIFO where a file should be", "sponsees/odd-fifo/contacts/2026.toml", "error", "named pipe", None, None),
    ("folder where a file should be", "sponsees/odd-folder/steps.toml", "error", "a folder where a file", None,
     None),
    ("link to a folder outside", "sponsees/odd-link-out", "error", "a link to another place", None, None),
    ("link to a file outside", "sponsees/odd-link-file/profile.toml", "error", "a link to another place", None,
     None),
    ("link to a file inside", "sponsees/odd-link-in/contacts/2026.toml", "error", "a link to another place", None,
     None),
]

OUTSIDE_SECRET = "OUTSIDE-SECRET"
"""In the files the links point to outside the data folder: never loaded, never in a backup."""


def make_odd_files(data: Path, outside: Path) -> None:
    """Write every odd file into the data folder ``data``; ``outside`` is a folder beside it."""
    sponsees = data / "sponsees"
    for _kind, folder, name, content in _FILES + _LOADING:
        path = sponsees / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not name.startswith("profile"):
            (sponsees / folder / "profile.toml").write_text(_profile(folder))
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    for folder in ("odd-fifo", "odd-folder", "odd-link-in", "odd-conflicts"):
        (sponsees / folder / "contacts").mkdir(parents=True)
        (sponsees / folder / "profile.toml").write_text(_profile(folder))
    os.mkfifo(sponsees / "odd-fifo/contacts/2026.toml")
    (sponsees / "odd-folder/steps.toml").mkdir()
    (sponsees / "odd-link-in/contacts/2026.toml").symlink_to(sponsees / "sam-r/contacts/2026.toml")
    for name in CONFLICT_NAMES:
        (sponsees / "odd-conflicts" / name).write_text(_profile("odd-conflicts", 'notes = "other laptop"\n'))
    # links out of the data folder: a whole sponsee folder, and one file
    away = outside / "away"
    away.mkdir(parents=True)
    (away / "profile.toml").write_text(_profile("odd-link-out", f'notes = "{OUTSIDE_SECRET}"\n'))
    (sponsees / "odd-link-out").symlink_to(away, target_is_directory=True)
    (outside / "secret.toml").write_text(_profile("odd-link-file", f'notes = "{OUTSIDE_SECRET}"\n'))
    (sponsees / "odd-link-file").mkdir()
    (sponsees / "odd-link-file/profile.toml").symlink_to(outside / "secret.toml")


ODD_KINDS = [kind for kind, *_ in ODD] + [kind for kind, *_ in _LOADING] + ["conflict copies of other sync tools"]
