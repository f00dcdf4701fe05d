"""Counts in words: '1 day', '3 days', 'once', 'twice'."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 day', '2 days'; ``many`` for irregular plurals ('1 entry', '3 entries')."""
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


def count_text(n: int) -> str:
    """How many times: 'once', 'twice', '3 times'."""
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def all_done(n: int, word: str) -> str:
    """'The assignment is done.', 'Both assignments are done.', 'All 3 assignments are done.' (never 'All 1')."""
    if n == 1:
        return f"The {word} is done."
    return f"{'Both' if n == 2 else f'All {n}'} {word}s are done."
