"""`sponsordesk locate`: where the data, config and cache folders are."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from sponsordesk.store import locations

if TYPE_CHECKING:
    from sponsordesk.desk.context import Context


def run(ctx: "Context", args: argparse.Namespace) -> int:
    rows = [
        ("data", ctx.data_dir),
        ("config", ctx.config_dir),
        ("settings", locations.settings_file(ctx.config_dir)),
        ("programs", locations.user_programs_dir(ctx.config_dir)),
        ("themes", locations.user_themes_dir(ctx.config_dir)),
        ("cache", ctx.cache_dir),
        ("reports", locations.reports_dir()),
    ]
    for name, path in rows:
        print(f"{name:<9} {path}")
    return 0


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("locate", help="print the data, config, cache and reports folders",
                            description="Print where sponsordesk keeps its files.",
                            epilog="Example: sponsordesk locate")
    parser.set_defaults(handler=run)
    return parser
