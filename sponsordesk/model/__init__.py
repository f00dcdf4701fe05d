"""Pydantic models: the nouns of the domain, nothing else (no Textual).

Names are loaded on first use (PEP 562), so importing a light module of
this package (``model.limits``, ``model.ids``) does not build every model:
`sponsordesk --version` and `--help` never load pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sponsordesk.model.lazy import lazy_names

_WHERE = {
    "SCHEMA_VERSION": "limits", "Record": "base",
    "Contact": "contact", "ContactFacts": "plain", "ContactFile": "contact", "ContactKind": "plain",
    "Initiator": "plain", "Suggestion": "contact", "SuggestionFile": "contact", "SuggestionStatus": "plain",
    "new_id": "ids",
    "Program": "program", "ProgramStep": "program",
    "SponseeRecord": "record",
    "Settings": "settings",
    "SobrietyDate": "sponsee", "Sponsee": "sponsee", "SponseeState": "plain", "Status": "sponsee",
    "short_name": "plain", "slug": "sponsee",
    "Assignment": "steps", "Step": "steps", "StepBoard": "steps", "StepStatus": "plain",
}

__all__ = list(_WHERE)
__getattr__ = lazy_names(__name__, {name: f"{__name__}.{module}" for name, module in _WHERE.items()})


def all_loaded() -> bool:
    """Whether every model module is imported, or being imported (a screen opened since needed them)."""
    import sys

    return all(f"{__name__}.{module}" in sys.modules for module in set(_WHERE.values()))


def load_all() -> None:
    """Build every model now, pydantic and all: what the first card, board, log or form opened would
    otherwise wait for (about 130 ms at large on a slow machine). The app calls it in the background once
    the notebook is open and the screen has been still a moment (tui/loading.py)."""
    import importlib

    for module in sorted(set(_WHERE.values())):
        importlib.import_module(f"{__name__}.{module}")


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from sponsordesk.model.base import Record
    from sponsordesk.model.limits import SCHEMA_VERSION
    from sponsordesk.model.contact import (
        Contact, ContactFacts, ContactFile, ContactKind, Initiator, Suggestion, SuggestionFile, SuggestionStatus,
    )
    from sponsordesk.model.ids import new_id
    from sponsordesk.model.program import Program, ProgramStep
    from sponsordesk.model.record import SponseeRecord
    from sponsordesk.model.settings import Settings
    from sponsordesk.model.sponsee import SobrietyDate, Sponsee, SponseeState, Status, short_name, slug
    from sponsordesk.model.steps import Assignment, Step, StepBoard, StepStatus
