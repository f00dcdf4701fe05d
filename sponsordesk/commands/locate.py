"""`sponsordesk locate`: where the data, config and cache folders are."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from sponsordesk.desk.context import Context


def run(ctx: "Context", args: argparse.Namespace) -> int:
    for name, path in ctx.folders():
        print(f"{name:<9} {path}")
    return 0


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("locate", help="print the data, config, cache and reports folders",
                            description="Print where sponsordesk keeps its files.",
                            epilog="Example: sponsordesk locate")
    parser.set_defaults(handler=run)
    return parser
