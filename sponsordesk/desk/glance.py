"""A glance at the agenda from the data folder's index, for `sponsordesk today` (no pydantic, no TOML).

The desk (desk.py) reads every file with the models; a glance answers the
one question a cron job asks each morning from the index the last full read
left (store/index.py), when every file still matches it. It offers what the
agenda's words need of a desk (``today``, ``name``, ``note``, ``agenda``,
``problems``), computed by the same rules (rules/agenda.py) from the same
values, so `today` prints the same lines either way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from sponsordesk.model.plain import name_words
from sponsordesk.rules.agenda import Assessment, agenda_of, assess
from sponsordesk.store import layout, locations
from sponsordesk.store.index import Quick, read_quick
from sponsordesk.store.this_machine import known_machine_id

HIDDEN_NOTE = "••• hidden •••"


def shown_name(sponsee: Any, hidden: bool, apart: dict[str, str] | None = None) -> str:
    """The name to show: initials while the privacy screen is on; ``apart`` (``names_told_apart``) for
    sponsees whose names would look alike."""
    if hidden:
        return sponsee.initials
    return apart.get(sponsee.id, sponsee.shown_name) if apart else sponsee.shown_name


def names_told_apart(sponsees: Iterable[Any]) -> dict[str, str]:
    """Names to show where two sponsees would look alike ("Sam R." for Sam Rivera and Sam Reyes), by id.

    Without it the agenda, the roster and every dialog would name two people the same, and a call could be
    logged for the wrong one. Each look-alike without a display name of its own shows as much of the last
    name as tells it apart ("Sam Ri.", "Sam Re."), no more: names travel to calendars and cron mail, and
    sponsees are anonymous. The same last name: the program after it ("Sam R. (AA)"), then the id.
    A display name the sponsor chose is kept.
    """
    # Each name's shown form and last word worked out once: asked of every pair in a group of look-alikes,
    # they were most of the cost at a thousand sponsees (2,300 shown names and 3,500 name splits, ~35 ms).
    shown_of: dict[int, str] = {}
    groups: dict[str, list[Any]] = {}
    for sponsee in sponsees:
        shown_of[id(sponsee)] = shown = sponsee.shown_name
        groups.setdefault(shown.casefold(), []).append(sponsee)
    apart: dict[str, str] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        plain = [s for s in group if not s.display_name]
        words_of = {id(s): name_words(s.name) for s in plain}
        last_of = {key: words[-1].casefold() if len(words) > 1 else "" for key, words in words_of.items()}
        for sponsee in plain:
            others = [s for s in plain if s is not sponsee]
            name = _longer_last_name(words_of[id(sponsee)], [last_of[id(s)] for s in others])
            if name is None:
                twin = any(s.program == sponsee.program for s in others)
                name = f"{shown_of[id(sponsee)]} ({sponsee.program}{', ' + sponsee.id if twin else ''})"
            apart[sponsee.id] = name
        # whatever the names ("Sam A Rivera" and "Sam B Rivera"), no two in the group may read the same
        shown = Counter(apart.get(s.id, shown_of[id(s)]).casefold() for s in group)
        for sponsee in plain:
            if shown[apart[sponsee.id].casefold()] > 1 and not apart[sponsee.id].endswith(f", {sponsee.id})"):
                apart[sponsee.id] = f"{shown_of[id(sponsee)]} ({sponsee.program}, {sponsee.id})"
    return apart


def _longer_last_name(words: list[str], theirs: list[str]) -> str | None:
    """'Sam Ri.': the shortest start of the last name (two letters at least) no other look-alike's has;
    None when the last names are the same (or one has none). ``words``: the name's (``name_words``);
    ``theirs``: the other look-alikes' last names, casefolded ("" for a single name)."""
    if len(words) < 2:
        return None
    first, last = words[0], words[-1]
    for k in range(2, len(last) + 1):
        if all(not other.startswith(last[:k].casefold()) for other in theirs):
            return f"{first} {last[:k]}." if k < len(last) else f"{first} {last}"
    if all(other != last.casefold() for other in theirs):
        return f"{first} {last}"  # "Rivera" beside "Riveras": the whole of it
    return None


def shown_note(text: str, hidden: bool) -> str:
    """Free text (notes, summaries, outcomes) to show: masked while hidden."""
    return HIDDEN_NOTE if hidden and text.strip() else text


HIDDEN_FOLDER = "…"

_SPONSEE_FOLDER = re.compile(
    rf"(?<![\w.-])({re.escape(layout.SPONSEES)}[/\\])"
    r"(?:[^/\\\n]+(?=[/\\])"  # before a separator: all of it ("sponsees/Sam Rivera/profile.toml")
    r"|.+?(?=[:,;\"]|'(?![^\W\d_])| \(|\.(?:\s|$)|$))",  # the folder itself: up to what a message puts after it
    re.MULTILINE)
"""A sponsee's folder in a path. Before a separator, all of it; a folder named at the end of a path, up to
the punctuation a message puts after a path (": ", ", ", " (", a quote; an apostrophe inside a name like
O'Brien is kept), so a folder named with spaces ("sponsees/Sam Rivera: a link") is masked whole."""

_QUOTED_ID = re.compile(
    r"\b(claims id|no sponsee with id|id(?= '[^'\n]*' does not match)|does not match its folder) '[^'\n]*'")
"""A sponsee's id or folder in quotes, as the store and the report word them ("claims id 'sam-r'", "id 'x'
does not match its folder 'y'", "no sponsee with id 'sam-r'"); other ids in quotes (a contact's, a key's
in the keymap) are not a name's."""

_REPORT_FILE = re.compile(r"(sponsordesk-report-).+?(-\d{4}-\d{2}-\d{2}\.md)")
"""A report's file name, which holds the sponsee's id (exports/report.py ``default_report_name``)."""


def shown_message(text: str, hidden: bool) -> str:
    """A message that may name a sponsee's folder (a file's path, an id in quotes, a report's file name), to
    show: while hidden, each such folder and id is "…" (an id is made from the name: "sam-r")."""
    if not hidden:
        return text
    text = _SPONSEE_FOLDER.sub(lambda m: m.group(1) + HIDDEN_FOLDER, text)
    text = _REPORT_FILE.sub(lambda m: m.group(1) + HIDDEN_FOLDER + m.group(2), text)
    return _QUOTED_ID.sub(lambda m: f"{m.group(1)} '{HIDDEN_FOLDER}'", text)


class Glance:
    def __init__(self, quick: Quick, today: date, hidden: bool, data_dir: Path) -> None:
        self.quick, self.today, self.hidden, self.data_dir = quick, today, hidden, data_dir
        self._apart: dict[str, str] | None = None
        self.problems: list[Any] = []
        """Always empty: an index is made only from a read without any problem."""

    @classmethod
    def open(cls, day: date, data_dir: Path | None = None, config_dir: Path | None = None,
             cache_dir: Path | None = None) -> "Glance | None":
        """The glance at the folders given (else the environment's or the user's, as ``Context.build`` finds
        them), or None when the index is missing or any file differs from it (then open a Desk)."""
        data_dir, config_dir = locations.data_dir(data_dir), locations.config_dir(config_dir)
        machine = known_machine_id(locations.cache_dir(cache_dir))  # None: an index made under another id may do
        quick = read_quick(data_dir, config_dir, locations.settings_file(config_dir),
                           locations.user_programs_dir(config_dir), machine, day)
        return None if quick is None else cls(quick, day, quick.settings.hide_names, data_dir)

    @property
    def apart(self) -> dict[str, str]:
        """Look-alike names told apart, ended sponsorships' among them (``names_told_apart``)."""
        if self._apart is None:
            self._apart = names_told_apart([*(r.sponsee for r in self.quick.records), *self.quick.ended])
        return self._apart

    def name(self, sponsee: Any) -> str:
        return shown_name(sponsee, self.hidden, self.apart)

    def note(self, text: str) -> str:
        return shown_note(text, self.hidden)

    def assessments(self) -> list[Assessment]:
        """Where each sponsorship not ended stands today: the roster's rows, from the index."""
        settings = self.quick.settings
        return [assess(r, self.today, settings, self.quick.programs[r.id]) for r in self.quick.records]

    def agenda(self) -> list[Assessment]:
        """Who needs a call today, most urgent first: the desk's agenda, from the index."""
        return agenda_of(self.assessments())
