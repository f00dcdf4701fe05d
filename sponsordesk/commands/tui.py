"""`sponsordesk` / `sponsordesk open`: the full-screen app."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sponsordesk.desk.context import Context
    from sponsordesk.tui.app import SponsorDeskApp


def app_for(ctx: "Context") -> "SponsorDeskApp":
    """The app, imported and made with the collector resting (commands/collector.py)."""
    from sponsordesk.commands.collector import resting

    with resting():
        from sponsordesk.tui.app import SponsorDeskApp  # Textual loads only when the app opens

        return SponsorDeskApp(context=ctx)


def run_tui(ctx: "Context") -> int:
    app_for(ctx).run()
    return 0


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("open", help="open the app (the default)", description="Open the full-screen app.",
                            epilog="Example: sponsordesk open --today 2026-11-21")
    parser.set_defaults(handler=lambda ctx, args: run_tui(ctx))
    return parser
