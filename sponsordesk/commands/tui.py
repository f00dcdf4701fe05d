"""`sponsordesk` / `sponsordesk open`: the full-screen app."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sponsordesk.desk.context import Context


def run_tui(ctx: "Context") -> int:
    from sponsordesk.tui.app import SponsorDeskApp  # Textual loads only when the app opens

    SponsorDeskApp(context=ctx).run()
    return 0


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("open", help="open the app (the default)", description="Open the full-screen app.",
                            epilog="Example: sponsordesk open --today 2026-11-21")
    parser.set_defaults(handler=lambda ctx, args: run_tui(ctx))
    return parser
