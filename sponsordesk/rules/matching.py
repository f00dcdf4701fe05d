"""Find a sponsee from what someone typed on the command line: an id or a name prefix."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from sponsordesk.model import Sponsee, SponseeState


class NoMatch(LookupError):
    """Nobody matched, or more than one did; the message says which and what to type."""


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip()).casefold()


def _tiers(query: str) -> list[Callable[[Sponsee], bool]]:
    # Most exact first: an id or whole name always wins over a prefix, so
    # "sam-r" or "Sam Rivera" still work when "Sam Roberts" exists too.
    return [
        lambda s: s.id == query,
        lambda s: _words(s.name) == query or _words(s.shown_name) == query,
        lambda s: _words(s.name).startswith(query) or _words(s.shown_name).startswith(query) or s.id.startswith(query),
        lambda s: any(word.startswith(query) for word in _words(s.name).split(" ")),
    ]


def _describe(sponsee: Sponsee) -> str:
    state = "" if sponsee.state == SponseeState.ACTIVE else f", {sponsee.state.value}"
    return f"  {sponsee.id:<16} {sponsee.name}{state}"


def match_sponsee(sponsees: Sequence[Sponsee], text: str) -> Sponsee:
    """The one sponsee ``text`` names; raises NoMatch listing candidates otherwise."""
    query = _words(text)
    if not query:
        raise NoMatch("give a sponsee: an id (e.g. sam-r) or the start of a name")
    for tier in _tiers(query):
        found = [s for s in sponsees if tier(s)]
        if len(found) == 1:
            return found[0]
        if found:
            listing = "\n".join(_describe(s) for s in sorted(found, key=lambda s: s.id))
            raise NoMatch(f"{text!r} matches {len(found)} sponsees; type more of the name, or an id:\n{listing}")
    known = ", ".join(sorted(s.id for s in sponsees)) or "none yet"
    raise NoMatch(f"no sponsee matches {text!r}; known ids: {known}")
