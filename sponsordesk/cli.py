"""The command line: the TUI by default, plus subcommands.

Global options (--data-dir, --today, --config-dir) work before or after the
subcommand, so `sponsordesk demo --data-dir X` and `sponsordesk --data-dir X demo`
mean the same.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sponsordesk import __version__
from sponsordesk.commands import REGISTRY
from sponsordesk.crash import excepthook
from sponsordesk.forms.values import parse_day

if TYPE_CHECKING:  # the context loads pydantic models: not needed for --help or --version
    from sponsordesk.desk.context import Context


def _day(text: str):
    try:
        return parse_day(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _add_globals(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    group = parser.add_argument_group("global options")
    group.add_argument("--data-dir", type=Path, default=default, metavar="PATH",
                       help="data folder (default: SPONSORDESK_DATA_DIR or the user data folder)")
    group.add_argument("--config-dir", type=Path, default=default, metavar="PATH",
                       help="config folder (default: SPONSORDESK_CONFIG_DIR or the user config folder)")
    group.add_argument("--today", type=_day, default=default, metavar="YYYY-MM-DD",
                       help="pretend today is this date (default: SPONSORDESK_TODAY or the real date)")


GLOBALS_WITH_VALUE = {"--data-dir", "--config-dir", "--today"}


def command_in(argv: list[str]) -> str | None:
    """The subcommand named in ``argv`` (skipping the global options and their values), if any."""
    words = iter(argv)
    for word in words:
        if word in GLOBALS_WITH_VALUE:
            next(words, None)
        elif not word.startswith("-"):
            return word if word in REGISTRY else None
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; only the command named in ``argv`` has its module imported (``None``: every command)."""
    parser = argparse.ArgumentParser(
        prog="sponsordesk",
        description="A private notebook for sponsors: who needs a call today, step boards and contact logs.",
        epilog="Run with no command to open the app. Example: sponsordesk --data-dir ~/sd-demo demo",
    )
    parser.add_argument("--version", action="version", version=f"sponsordesk {__version__}")
    _add_globals(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = command_in(argv) if argv is not None else None
    for name, (module, help_line) in REGISTRY.items():
        if argv is None or name == wanted:
            child = importlib.import_module(f"sponsordesk.commands.{module}").register(sub)
        else:
            child = sub.add_parser(name, help=help_line)  # listed in --help; never parses anything
        _add_globals(child, suppress=True)
    return parser


def context_from(args: argparse.Namespace) -> "Context":
    from sponsordesk.desk.context import Context

    today = args.today
    if today is None and os.environ.get("SPONSORDESK_TODAY"):
        today = parse_day(os.environ["SPONSORDESK_TODAY"])
    return Context.build(data_dir=args.data_dir, today=today, config_dir=args.config_dir)


def main(argv: list[str] | None = None) -> int:
    sys.excepthook = excepthook  # a crash prints code lines, never a sponsee's data
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        ctx = context_from(args)
    except ValueError as error:
        parser.error(f"SPONSORDESK_TODAY: {error}")
    handler = getattr(args, "handler", None)
    if handler is None:
        from sponsordesk.commands.tui import run_tui

        return run_tui(ctx)
    return run_command(handler, ctx, args)


def run_command(handler, ctx: "Context", args: argparse.Namespace) -> int:
    """Run a command with its output made printable; a reader that closed the pipe early is no error."""
    from sponsordesk.commands import streams

    before = streams.guard()
    try:
        return int(handler(ctx, args) or 0)
    except BrokenPipeError:  # `sponsordesk today | head -1`: the reader has what it wanted
        return streams.pipe_closed()
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            streams.pipe_closed()
        except (OSError, ValueError):
            pass
        sys.stdout, sys.stderr = before


if __name__ == "__main__":
    sys.exit(main())
