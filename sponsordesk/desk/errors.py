"""What can go wrong with a change, for screens and commands to catch (they never import the store)."""

from sponsordesk.store.problems import (
    BrokenFileError,
    Conflict,
    ConflictError,
    LockedError,
    Problem,
    ReadOnlyError,
    SaveUnfinished,
    StoreError,
)

__all__ = ["BrokenFileError", "Conflict", "ConflictError", "LockedError", "Problem", "ReadOnlyError", "SaveUnfinished", "StoreError"]
