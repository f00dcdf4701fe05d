"""`sponsordesk today`: the agenda on the command line, for cron and notification scripts."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from rich.cells import cell_len  # display width: a CJK name takes two cells a character

from sponsordesk.rules.agenda import Assessment
from sponsordesk.forms.values import parse_day
from sponsordesk.rules.clock import Clock
from sponsordesk.desk.context import Context
from sponsordesk.desk import Desk
from sponsordesk.views.today import command_heading, today_lines


def entry_json(desk: Desk, found: Assessment) -> dict:
    milestone = found.milestone
    return {
        "id": found.id,
        "name": desk.name(found.record.sponsee),
        "reasons": [r.to_json() for r in found.reasons],
        "days_since_last_contact": found.days_since,
        "next_milestone": None if milestone is None else {
            "label": milestone.label, "date": milestone.day.isoformat(), "in_days": milestone.days_from(found.day),
        },
    }


def agenda_text(desk: Desk, agenda: list[Assessment], day: date) -> str:
    """The heading, then one line per sponsee: the same lines as the app's Today panel."""
    lines = today_lines(desk, agenda)
    out = [command_heading(day, len(lines))]
    width = max((cell_len(line.name) for line in lines), default=0)
    for line in lines:
        # padded by display width, so a wide (CJK) name does not push its reasons out of line
        out.append(f"  {line.name}{' ' * (width - cell_len(line.name))}  {' · '.join(line.reasons)}")
    return "\n".join(out)


def run(ctx: Context, args: argparse.Namespace) -> int:
    if args.date is not None:
        ctx.clock = Clock(args.date)
    desk = Desk.open(ctx, read_only=True)  # a cron job never needs the write lock
    agenda = desk.agenda()
    for problem in desk.problems:
        if problem.severity == "error":  # a sponsee whose file did not load is missing from the agenda: say so
            print(f"sponsordesk: {problem.describe(ctx.data_dir)}", file=sys.stderr)
    if args.json:
        print(json.dumps([entry_json(desk, found) for found in agenda], indent=2, ensure_ascii=False))
    else:
        print(agenda_text(desk, agenda, desk.today))
    return 0


def _day(text: str) -> date:
    try:
        return parse_day(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("today", help="print who needs a call today, and why",
                            description="Print the agenda: who is due, most urgent first, with every reason.",
                            epilog="Example: sponsordesk today --json | jq '.[].name'")
    parser.add_argument("--json", action="store_true", help="print a JSON array (id, name, reasons, ...)")
    parser.add_argument("--date", type=_day, default=None, metavar="YYYY-MM-DD",
                        help="the day to ask about (same as the global --today)")
    parser.set_defaults(handler=run)
    return parser
