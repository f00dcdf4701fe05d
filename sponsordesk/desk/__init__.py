"""The one door: the loaded data and every operation that changes it (no Textual)."""

from sponsordesk.desk.desk import HIDDEN_NOTE, LOCKED, Desk

__all__ = ["Desk", "HIDDEN_NOTE", "LOCKED"]
