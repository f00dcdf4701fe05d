"""Command palette entries 'Step board: <name>' that open a sponsee's board."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class BoardCommands(Provider):
    """One entry per sponsee, named as the desk shows names (initials while hidden)."""

    def _entries(self) -> list[tuple[str, str]]:
        desk = self.app.desk  # type: ignore[attr-defined]
        records = sorted(desk.records, key=lambda r: r.sponsee.shown_name.lower())
        return [(f"Step board: {desk.name(r.sponsee)}", r.id) for r in records]

    async def discover(self) -> Hits:
        for text, sponsee_id in self._entries():
            yield DiscoveryHit(text, partial(self.app.open_board, sponsee_id), help="Open the steps and assignments")  # type: ignore[attr-defined]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, sponsee_id in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self.app.open_board, sponsee_id),  # type: ignore[attr-defined]
                          help="Open the steps and assignments")
