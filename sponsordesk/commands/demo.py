"""`sponsordesk demo`: write a realistic demo data set."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when the command runs, so --help stays quick
    from sponsordesk.desk.context import Context


def run(ctx: "Context", args: argparse.Namespace) -> int:
    from sponsordesk.desk import maintenance
    from sponsordesk.desk.errors import StoreError

    if maintenance.restore_waits(ctx):
        # even with --force: the data waits in .replaced-…, and sponsees/ written meanwhile would stand
        # where it goes back
        print(f"sponsordesk: a restore was interrupted in {ctx.data_dir} and is not finished; "
              "`sponsordesk doctor` says how to finish it. Nothing was written.", file=sys.stderr)
        return 2
    if maintenance.has_sponsees(ctx) and not args.force:
        print(f"sponsordesk: {ctx.data_dir} already has sponsees; demo data goes in an empty folder.\n"
              "Try: sponsordesk --data-dir ~/sponsordesk-demo demo", file=sys.stderr)
        return 2
    try:
        with maintenance.writing(ctx):  # never write beside an open app
            ids = maintenance.write_demo(ctx, ctx.clock.today())
    except StoreError as error:
        print(f"sponsordesk: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {len(ids)} demo sponsees to {ctx.data_dir} (dated around {ctx.clock.today()}).")
    print(f"Open them with: sponsordesk --data-dir {ctx.data_dir}")
    return 0


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("demo", help="write invented demo data into an empty data folder",
                            description="Write about six invented sponsees, dated relative to today.",
                            epilog="Example: sponsordesk --data-dir ~/sponsordesk-demo demo")
    parser.add_argument("--force", action="store_true", help="add demo sponsees even if the folder has data")
    parser.set_defaults(handler=run)
    return parser
