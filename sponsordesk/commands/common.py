"""What the scripting commands share: error output, dates, opening the desk, finding a sponsee."""

from __future__ import annotations

import argparse
import sys
import textwrap

from sponsordesk.forms.values import parse_day
from sponsordesk.desk.context import Context
from sponsordesk.desk import Desk
from sponsordesk.rules.matching import NoMatch, match_sponsee
from sponsordesk.model import SponseeRecord

BAD_INPUT = 2
"""Exit code for input the user can fix (argparse uses 2 as well)."""
FAILED = 1

LOCKED = ("the sponsordesk app has {folder} open (only one may write at a time); "
          "close the app, or do this there, and try again")


def not_writable(ctx: Context, desk: Desk) -> str:
    """Why a command cannot write: another sponsordesk has the folder, or the folder itself refuses."""
    if desk.lock_error:
        return (f"could not open {ctx.data_dir} for writing ({desk.lock_error}): a disk mounted read-only, or a "
                f"lock file ({ctx.data_dir}/.sponsordesk.lock) that cannot be opened; nothing was written")
    return LOCKED.format(folder=ctx.data_dir)


def fail(message: str, code: int = FAILED) -> int:
    print(f"sponsordesk: {message}", file=sys.stderr)
    return code


def day_arg(text: str):
    """argparse type for YYYY-MM-DD with the message users see."""
    try:
        return parse_day(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def count_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is below zero")
    return value


def open_desk(ctx: Context, read_only: bool = True) -> Desk:
    """The desk, with a warning on stderr for files that did not load (they are left out)."""
    desk = Desk.open(ctx, read_only=read_only)
    broken = [p for p in desk.problems if p.severity == "error"]
    for problem in broken[:5]:
        print(f"sponsordesk: warning: {problem.describe(ctx.data_dir)}", file=sys.stderr)
    if len(broken) > 5:
        print(f"sponsordesk: warning: ...and {len(broken) - 5} more files did not load", file=sys.stderr)
    return desk


def find_record(desk: Desk, text: str) -> SponseeRecord:
    """The record for an id or unambiguous name prefix; raises NoMatch with a user-ready message."""
    sponsee = match_sponsee([r.sponsee for r in desk.records], text)
    record = desk.record(sponsee.id)
    if record is None:  # pragma: no cover - matched from the same records
        raise NoMatch(f"{sponsee.id} did not load")
    return record


def example_epilog(*lines: str) -> str:
    return "Examples:\n" + "\n".join(f"  {line}" for line in lines)


class HELP_FORMAT(argparse.RawDescriptionHelpFormatter):
    """Wraps prose, keeps indented example lines exactly as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines = []
        for line in text.splitlines():
            if not line or line.startswith(" "):
                lines.append(indent + line)
            else:
                lines.append(textwrap.fill(line, width, initial_indent=indent, subsequent_indent=indent))
        return "\n".join(lines)


def nested_globals(*parsers: argparse.ArgumentParser) -> None:
    """Let --data-dir, --today and --config-dir follow a nested command too
    (cli.py adds them to each top-level command only)."""
    from sponsordesk.cli import _add_globals  # cli imports the commands, so import it late

    for parser in parsers:
        _add_globals(parser, suppress=True)
