"""`sponsordesk restore [NAME]`: list backups, or restore one (after backing up what is there)."""

from __future__ import annotations

import argparse
import sys
import zipfile
from collections.abc import Callable
from typing import TypeVar

from sponsordesk.desk.context import Context
from sponsordesk.desk import maintenance
from sponsordesk.desk.errors import StoreError

T = TypeVar("T")


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


def _attempt(action: Callable[[], T], stopped: str) -> T | None:
    """``action``'s result; None once it failed and the reason is printed (a StoreError in its own words,
    a system error in ``stopped``, with ``{why}``)."""
    try:
        return action()
    except StoreError as error:
        print(f"sponsordesk: {error}", file=sys.stderr)
    except OSError as error:
        print("sponsordesk: " + stopped.format(why=error.strerror or error), file=sys.stderr)
    return None


def _settle(ctx: Context, keep: str) -> int:
    waited = maintenance.restore_waits(ctx)
    done = _attempt(lambda: maintenance.settle_restore(ctx, keep, ctx.clock.now()),
                    "settling the restore stopped ({why}); run the same command again once the cause is fixed: "
                    "each version is zipped before it is moved.")
    if done is None:
        return 1
    settled, made = done
    if not waited:
        print("No restore is waiting for a choice; nothing was changed.")
        return 0
    if not settled:
        print("The interrupted restore is finished; there was nothing to choose.")
    else:
        names = ", ".join(f"{name}/" for name in settled)
        print(f"Kept {maintenance.KEEP[keep]} in {names}; the restore is finished.")
    if made:
        print("Zipped first, in " + str(maintenance.backups_dir(ctx)) + ":")
        for path in made:
            print(f"  {path.stem}")
        print("Bring one back with: sponsordesk restore NAME")
    return 0


def run(ctx: Context, args: argparse.Namespace) -> int:
    if args.keep:
        if args.name:
            print("sponsordesk: restore takes a backup's NAME or --keep, not both", file=sys.stderr)
            return 2
        return _settle(ctx, args.keep)
    if not args.name:
        return _list(ctx)
    done = _attempt(lambda: maintenance.restore(ctx, args.name, ctx.clock.now()),
                    "the restore stopped ({why}); your data is as it was. Free some space or check the folder, "
                    "then try again.")
    if done is None:
        return 1
    chosen, safety = done
    print(f"Restored {chosen.path.stem} into {ctx.data_dir}.")
    print(f"What was there before is saved as {safety.stem}; undo with: sponsordesk restore {safety.stem}")
    return 0


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("restore", help="list backups, or restore one",
                            description="With no NAME, list the backups. With NAME, back up the current data, "
                                        "then replace it with that backup. The app must be closed.",
                            epilog="Example: sponsordesk restore 2026-11-21-093000-daily")
    parser.add_argument("name", nargs="?", metavar="NAME", help="the backup to restore (as listed)")
    parser.add_argument("--keep", choices=list(maintenance.KEEP), metavar="VERSION",
                        help="settle a restore that was interrupted and cannot be finished (doctor says so) by "
                             "keeping one version: before (the data from before the restore), backup (the "
                             "backup's) or since (written while it waited); the others are zipped first")
    parser.set_defaults(handler=run)
    return parser
