"""The store: the only code that reads and writes the data folder (no Textual)."""

from sponsordesk.store.problems import (
    BrokenFileError,
    ConflictError,
    Problem,
    ReadOnlyError,
    StoreError,
)
from sponsordesk.model import SponseeRecord, new_id
from sponsordesk.store.store import Store

__all__ = [
    "BrokenFileError", "ConflictError", "Problem", "ReadOnlyError", "StoreError",
    "SponseeRecord", "Store", "new_id",
]
