"""Ids for entries a person may also write by hand: short, random, readable."""

from __future__ import annotations

import hashlib
import secrets


def new_id(prefix: str) -> str:
    """A short random id, e.g. 'c-1a2b3c4d' for a contact."""
    return f"{prefix}-{secrets.token_hex(4)}"


def derived_id(prefix: str, *parts: object) -> str:
    """An id made from what it belongs to, e.g. the n-th suggestion given in a contact.

    Saving the same thing again (a retry after a save that landed) makes the
    same id, so the store sees it is already there and adds nothing twice.
    """
    return f"{prefix}-{hashlib.sha256('|'.join(map(str, parts)).encode()).hexdigest()[:8]}"
