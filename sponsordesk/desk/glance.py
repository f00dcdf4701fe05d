"""A glance at the agenda from the data folder's index, for `sponsordesk today` (no pydantic, no TOML).

The desk (desk.py) reads every file with the models; a glance answers the
one question a cron job asks each morning from the index the last full read
left (store/index.py), when every file still matches it. It offers what the
agenda's words need of a desk (``today``, ``name``, ``note``, ``agenda``,
``problems``), computed by the same rules (rules/agenda.py) from the same
values, so `today` prints the same lines either way.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sponsordesk.rules.agenda import Assessment, agenda_of, assess
from sponsordesk.store import locations
from sponsordesk.store.index import Quick, read_quick
from sponsordesk.store.this_machine import known_machine_id

HIDDEN_NOTE = "••• hidden •••"


def shown_name(sponsee: Any, hidden: bool) -> str:
    """The name to show: initials while the privacy screen is on."""
    return sponsee.initials if hidden else sponsee.shown_name


def shown_note(text: str, hidden: bool) -> str:
    """Free text (notes, summaries, outcomes) to show: masked while hidden."""
    return HIDDEN_NOTE if hidden and text.strip() else text


class Glance:
    def __init__(self, quick: Quick, today: date, hidden: bool, data_dir: Path) -> None:
        self.quick, self.today, self.hidden, self.data_dir = quick, today, hidden, data_dir
        self.problems: list[Any] = []
        """Always empty: an index is made only from a read without any problem."""

    @classmethod
    def open(cls, day: date, data_dir: Path | None = None, config_dir: Path | None = None,
             cache_dir: Path | None = None) -> "Glance | None":
        """The glance at the folders given (else the environment's or the user's, as ``Context.build`` finds
        them), or None when the index is missing or any file differs from it (then open a Desk)."""
        data_dir, config_dir = locations.data_dir(data_dir), locations.config_dir(config_dir)
        machine = known_machine_id(locations.cache_dir(cache_dir))
        if machine is None:
            return None
        quick = read_quick(data_dir, config_dir, locations.settings_file(config_dir),
                           locations.user_programs_dir(config_dir), machine, day)
        return None if quick is None else cls(quick, day, quick.settings.hide_names, data_dir)

    def name(self, sponsee: Any) -> str:
        return shown_name(sponsee, self.hidden)

    def note(self, text: str) -> str:
        return shown_note(text, self.hidden)

    def agenda(self) -> list[Assessment]:
        """Who needs a call today, most urgent first: the desk's agenda, from the index."""
        settings = self.quick.settings
        return agenda_of([assess(r, self.today, settings, self.quick.programs[r.id]) for r in self.quick.records])
