"""`sponsordesk restore [NAME]`: list backups, or restore one (after backing up what is there)."""

from __future__ import annotations

import argparse
import sys
import zipfile

from sponsordesk.desk.context import Context
from sponsordesk.desk import maintenance
from sponsordesk.desk.errors import StoreError


def _list(ctx: Context) -> int:
    found = maintenance.list_backups(ctx)
    if not found:
        print(f"No backups yet in {maintenance.backups_dir(ctx)}. Make one with: sponsordesk backup")
        return 0
    print(f"Backups in {maintenance.backups_dir(ctx)}, newest first:")
    for info in found:
        damage = maintenance.backup_damage(info)
        if damage:
            size = damage.split(":")[0]
        else:
            with zipfile.ZipFile(info.path) as archive:
                size = f"{len(archive.namelist())} files"
        print(f"  {info.path.stem:<36} {info.made:%Y-%m-%d %H:%M}  {info.reason:<16} {size}")
    print("Restore one with: sponsordesk restore NAME")
    return 0


def run(ctx: Context, args: argparse.Namespace) -> int:
    if not args.name:
        return _list(ctx)
    try:
        chosen, safety = maintenance.restore(ctx, args.name, ctx.clock.now())
    except StoreError as error:
        print(f"sponsordesk: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"sponsordesk: the restore stopped ({error.strerror or error}); your data is as it was. "
              "Free some space or check the folder, then try again.", file=sys.stderr)
        return 1
    print(f"Restored {chosen.path.stem} into {ctx.data_dir}.")
    print(f"What was there before is saved as {safety.stem}; undo with: sponsordesk restore {safety.stem}")
    return 0


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("restore", help="list backups, or restore one",
                            description="With no NAME, list the backups. With NAME, back up the current data, "
                                        "then replace it with that backup. The app must be closed.",
                            epilog="Example: sponsordesk restore 2026-11-21-093000-daily")
    parser.add_argument("name", nargs="?", metavar="NAME", help="the backup to restore (as listed)")
    parser.set_defaults(handler=run)
    return parser
