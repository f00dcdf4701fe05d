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


def _opens_app(argv: list[str]) -> bool:
    """``argv`` holds only the global options (``--data-dir x``, ``--today=...``) and ``--version``: the app
    opens. Anything else, however argparse takes it (``--he`` for ``--help``, ``-`` or ``-5`` for a command,
    an unknown option), is left to the full parser, so help and errors list every command."""
    words = iter(argv)
    for word in words:
        if word in GLOBALS_WITH_VALUE:
            next(words, None)
        elif word != "--version" and word.partition("=")[0] not in GLOBALS_WITH_VALUE:
            return False
    return True


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
    # A command named (and no help asked for before it) needs no other: each parser argparse makes costs
    # about 0.25 ms, a twelfth of `sponsordesk today`'s budget when it answers from the index. Nor does
    # opening the app (``_opens_app``): its thirteen parsers were about 12 million instructions (3-4 ms) of
    # a start. Anything else gets them all, for argparse's help, its "invalid choice" and their lists.
    alone = wanted is not None and not {"-h", "--help"} & set(argv[: argv.index(wanted)])
    if argv is not None and wanted is None and _opens_app(argv):
        return parser
    for name, (module, help_line) in REGISTRY.items():
        if argv is None or name == wanted:
            child = importlib.import_module(f"sponsordesk.commands.{module}").register(sub)
        elif alone:
            continue
        else:
            child = sub.add_parser(name, help=help_line)  # listed in --help; never parses anything
        _add_globals(child, suppress=True)
    return parser


def today_from(args: argparse.Namespace):
    """The day --today or SPONSORDESK_TODAY pins (ValueError for a bad one), else None: the real date."""
    today = args.today
    if today is None and os.environ.get("SPONSORDESK_TODAY"):
        today = parse_day(os.environ["SPONSORDESK_TODAY"])
    return today


def context_from(args: argparse.Namespace) -> "Context":
    from sponsordesk.commands.collector import resting
    from sponsordesk.store import code_cache, locations

    code_cache.install(locations.cache_dir())  # before the first dataclass of the context (and the app) is made
    today = today_from(args)
    # The app (no command, or `open`) takes the config files validated before from the cache folder's record,
    # so its start needs no pydantic (store/config_check.py); every other command validates each file.
    app = getattr(args, "command", None) in (None, "open")
    with resting():  # the models are built here (settings, programs), when a file must be validated
        from sponsordesk.desk.context import Context

        return Context.build(data_dir=args.data_dir, today=today, config_dir=args.config_dir, checked=app)


def quick_answer(args: argparse.Namespace) -> int | None:
    """A command's answer without the context (settings, programs, models), when it has one: `today` from
    the data folder's index. None: run the command as usual."""
    quick = getattr(args, "quick", None)
    if quick is None:
        return None
    from sponsordesk.rules.clock import Clock

    try:
        day = Clock(today_from(args)).today()
    except ValueError:
        return None  # the usual way says what is wrong with it
    return run_command(lambda _ctx, a: quick(a, day), None, args, quiet_none=True)


def main(argv: list[str] | None = None) -> int:
    sys.excepthook = excepthook  # a crash prints code lines, never a sponsee's data
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    answered = quick_answer(args)
    if answered is not None:
        return answered
    try:
        ctx = context_from(args)
    except ValueError as error:
        parser.error(f"SPONSORDESK_TODAY: {error}")
    handler = getattr(args, "handler", None)
    if handler is None:
        from sponsordesk.commands.tui import run_tui

        return run_tui(ctx)
    return run_command(handler, ctx, args)


def run_command(handler, ctx: "Context | None", args: argparse.Namespace, quiet_none: bool = False):
    """Run a command with its output made printable; a reader that closed the pipe early is no error.

    ``quiet_none``: a None from the handler is passed on (a quick answer that could not be given)."""
    from sponsordesk.commands import streams

    before = streams.guard()
    try:
        result = handler(ctx, args)
        return result if result is None and quiet_none else int(result or 0)
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
