"""`sponsordesk merge-file %O %A %B %P`: git's merge driver for sponsordesk's files (see `sponsordesk sync`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sponsordesk.desk.context import Context


def run(ctx: Context, args: argparse.Namespace) -> int:
    from sponsordesk.desk.syncing import merge_file

    result = merge_file(args.base, args.ours, args.theirs, args.path)
    for line in result.lines:
        print(line, file=sys.stderr)
    return result.code


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("merge-file", help="git merge driver: merge a data file entry by entry",
                            description="Merge THEIRS into OURS (written in place) over BASE, entry by entry, as "
                                        "git's merge driver. `sponsordesk sync --setup-git` sets git up to run it. "
                                        "Exit status 0 when merged; otherwise git's own line merge left markers.",
                            epilog="In .git/config: driver = sponsordesk merge-file %O %A %B %P")
    parser.add_argument("base", type=Path, help="the common ancestor (git's %%O)")
    parser.add_argument("ours", type=Path, help="this side, where the result is written (git's %%A)")
    parser.add_argument("theirs", type=Path, help="the other side (git's %%B)")
    parser.add_argument("path", nargs="?", help="the file's path in the repository (git's %%P)")
    parser.set_defaults(handler=run)
    return parser
