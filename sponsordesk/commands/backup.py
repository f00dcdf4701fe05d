"""`sponsordesk backup`: a snapshot of the data folder, now."""

from __future__ import annotations

import argparse
import sys

from sponsordesk.desk.context import Context
from sponsordesk.desk import maintenance
from sponsordesk.desk.errors import StoreError


def run(ctx: Context, args: argparse.Namespace) -> int:
    if not maintenance.has_sponsees(ctx):
        print(f"sponsordesk: {ctx.data_dir} has no sponsees yet, so there is nothing to back up.", file=sys.stderr)
        return 1
    keep = ctx.settings.backups_keep
    try:
        path = maintenance.make_backup(ctx, ctx.clock.now())
    except StoreError as error:
        print(f"sponsordesk: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"sponsordesk: could not write a backup in {maintenance.backups_dir(ctx)} "
              f"({error.strerror or error}); free some space or check the folder, then try again.", file=sys.stderr)
        return 1
    print(f"Backed up {ctx.data_dir} to {path}")
    print(f"(the newest {keep} backups are kept; `sponsordesk restore` lists them)")
    return 0


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("backup", help="make a backup of the data folder now",
                            description="Write a private zip of the data folder into its backups/ folder.",
                            epilog="Example: sponsordesk backup")
    parser.set_defaults(handler=run)
    return parser
