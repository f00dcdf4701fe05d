"""The one door: the loaded data and every operation that changes it (no Textual)."""

from typing import TYPE_CHECKING

from sponsordesk.model.lazy import lazy_names

# Loaded on first use (PEP 562): `sponsordesk today` answers from desk/glance.py without the desk's store.
__all__ = ["Desk", "HIDDEN_NOTE", "LOCKED"]
__getattr__ = lazy_names(__name__, dict.fromkeys(__all__, "sponsordesk.desk.desk"))


if TYPE_CHECKING:
    from sponsordesk.desk.desk import HIDDEN_NOTE, LOCKED, Desk
