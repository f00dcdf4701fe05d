"""The one door: the loaded data and every operation that changes it (no Textual)."""

import importlib
from typing import TYPE_CHECKING, Any

# Loaded on first use (PEP 562): `sponsordesk today` answers from desk/glance.py without the desk's store.
__all__ = ["Desk", "HIDDEN_NOTE", "LOCKED"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'sponsordesk.desk' has no attribute {name!r}")
    value = getattr(importlib.import_module("sponsordesk.desk.desk"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from sponsordesk.desk.desk import HIDDEN_NOTE, LOCKED, Desk
