"""Ids for entries a person may also write by hand: short, random, readable."""

from __future__ import annotations

import secrets


def new_id(prefix: str) -> str:
    """A short random id, e.g. 'c-1a2b3c4d' for a contact."""
    return f"{prefix}-{secrets.token_hex(4)}"
