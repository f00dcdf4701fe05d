"""`sponsordesk export calendar|report|csv`: the data, out to other tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sponsordesk.commands.common import (
    BAD_INPUT,
    HELP_FORMAT,
    count_arg,
    example_epilog,
    fail,
    find_record,
    nested_globals,
    open_desk,
)
from sponsordesk.desk.context import Context
from sponsordesk.exports.report import DEFAULT_CONTACTS, default_report_name, render_report
from sponsordesk.rules.matching import NoMatch
from sponsordesk.desk.errors import StoreError
from sponsordesk.exports.output import write_text

DEFAULT_CALENDAR = "sponsordesk.ics"


def _out(text: str, target: Path) -> int:
    """Write to ``target`` (or stdout for '-') and say where."""
    if str(target) == "-":
        sys.stdout.write(text)
        return 0
    try:
        written = write_text(target, text)
    except StoreError as error:
        return fail(str(error))
    print(f"Wrote {written}")
    return 0


def run_calendar(ctx: Context, args: argparse.Namespace) -> int:
    from sponsordesk.exports.calendar import calendar_text  # icalendar: imported for this command only, not on every start

    desk = open_desk(ctx)
    text = calendar_text(desk, ctx.clock.now())
    code = _out(text, args.output or Path(DEFAULT_CALENDAR))
    if code == 0 and str(args.output) != "-":
        cancelled = text.count("STATUS:CANCELLED")
        print(f"{text.count('BEGIN:VEVENT')} events: milestones for the next year and each next call due"
              + (f"; {cancelled} of them cancelled (paused or ended sponsorships), so an import takes them off."
                 if cancelled else "."))
    return code


def run_report(ctx: Context, args: argparse.Namespace) -> int:
    desk = open_desk(ctx)
    try:
        record = find_record(desk, args.sponsee)
    except NoMatch as error:
        return fail(str(error), BAD_INPUT)
    text = render_report(desk, record.id, args.contacts)
    return _out(text, args.output or Path(default_report_name(record.id, desk.today)))


def run_csv(ctx: Context, args: argparse.Namespace) -> int:
    from sponsordesk.exports.spreadsheet import write_csv_files

    desk = open_desk(ctx)
    folder = (args.output or Path(".")).expanduser()
    if folder.exists() and not folder.is_dir():
        return fail(f"{folder} is a file; -o takes a folder for sponsees.csv and contacts.csv", BAD_INPUT)
    try:
        paths = write_csv_files(desk, folder)
    except StoreError as error:
        return fail(str(error))
    for path in paths:
        print(f"Wrote {path}")
    return 0


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "export", help="write a calendar, a report or spreadsheets", formatter_class=HELP_FORMAT,
        description="Write your data for other tools. Files are written whole (never half) and readable by you alone.",
        epilog=example_epilog("sponsordesk export calendar -o ~/Sync/sponsordesk.ics",
                              "sponsordesk export report sam --contacts 5", "sponsordesk export csv -o ~/Documents"))
    kinds = parser.add_subparsers(dest="export_kind", metavar="WHAT", required=True)

    cal = kinds.add_parser(
        "calendar", help="an iCalendar (.ics) file of milestones and calls due", formatter_class=HELP_FORMAT,
        description="Every active sponsee's milestones for the next year and their next call due, as all-day "
                    "events. Re-importing a newer file updates events instead of adding copies. Names follow "
                    "the hide_names setting (initials when hidden).",
        epilog=example_epilog("sponsordesk export calendar -o ~/Sync/sponsordesk.ics", "sponsordesk export calendar -o -"))
    cal.add_argument("-o", "--output", type=Path, metavar="FILE",
                     help=f"where to write (default: {DEFAULT_CALENDAR} in the current folder; - for stdout)")
    cal.set_defaults(handler=run_calendar)

    rep = kinds.add_parser(
        "report", help="a Markdown report on one sponsee", formatter_class=HELP_FORMAT,
        description="Clean time and sobriety history, the step board with notes and assignments, open "
                    "suggestions and the last contacts, as Markdown.",
        epilog=example_epilog("sponsordesk export report sam-r", "sponsordesk export report dana -o dana.md --contacts 3"))
    rep.add_argument("sponsee", metavar="SPONSEE", help="an id (sam-r) or the start of a name (sam)")
    rep.add_argument("-o", "--output", type=Path, metavar="FILE",
                     help="where to write (default: sponsordesk-report-<id>-<date>.md in the current folder; - for stdout)")
    rep.add_argument("--contacts", type=count_arg, default=DEFAULT_CONTACTS, metavar="N",
                     help=f"how many recent contacts to include (default {DEFAULT_CONTACTS})")
    rep.set_defaults(handler=run_report)

    csv_ = kinds.add_parser(
        "csv", help="sponsees.csv and contacts.csv for a spreadsheet", formatter_class=HELP_FORMAT,
        description="Write sponsees.csv (one row per sponsee, the columns `import csv` reads) and contacts.csv "
                    "(every contact, oldest first). Existing files with those names are replaced.",
        epilog=example_epilog("sponsordesk export csv -o ~/Documents/sponsordesk"))
    csv_.add_argument("-o", "--output", type=Path, metavar="DIR", help="folder to write into (default: the current folder)")
    csv_.set_defaults(handler=run_csv)
    nested_globals(cal, rep, csv_)
    return parser
