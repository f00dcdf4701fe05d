"""Counts in words: '1 day', '3 days', 'once', 'twice'."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 day', '2 days'; ``many`` for irregular plurals ('1 entry', '3 entries')."""
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


def count_text(n: int) -> str:
    """How many times: 'once', 'twice', '3 times'."""
    return {1: "once", 2: "twice"}.get(n, f"{n} times")
