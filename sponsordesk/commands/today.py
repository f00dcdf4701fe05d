"""`sponsordesk today`: the agenda on the command line, for cron and notification scripts."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sponsordesk.desk.glance import Glance
from sponsordesk.forms.values import parse_day
from sponsordesk.rules.agenda import Assessment
from sponsordesk.rules.clock import Clock
from sponsordesk.views.today import command_heading, today_lines

if TYPE_CHECKING:  # the full path's: loaded only when the index cannot answer (see ``quick``)
    from sponsordesk.desk import Desk
    from sponsordesk.desk.context import Context
    from sponsordesk.desk.errors import Problem


def entry_json(desk: "Desk | Glance", found: Assessment) -> dict:
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


def agenda_text(desk: "Desk | Glance", agenda: list[Assessment], day: date) -> str:
    """The heading, then one line per sponsee: the same lines as the app's Today panel."""
    from rich.cells import cell_len  # display width: a CJK name takes two cells a character (not for --json)

    lines = today_lines(desk, agenda)
    out = [command_heading(day, len(lines))]
    width = max((cell_len(line.name) for line in lines), default=0)
    for line in lines:
        # padded by display width, so a wide (CJK) name does not push its reasons out of line
        out.append(f"  {line.name}{' ' * (width - cell_len(line.name))}  {' · '.join(line.reasons)}")
    return "\n".join(out)


NO_DATA = 1
"""Exit status: there is no data folder (a typo, or a sync folder that is not mounted)."""
UNREAD = 3
"""Exit status: the agenda was printed, but some files could not be read, so someone may be missing from it."""


def problem_json(problem: Problem, root: Path) -> dict:
    from sponsordesk.wording.text import printable  # only when a file did not load, never from the index

    try:
        shown = problem.path.relative_to(root).as_posix()
    except ValueError:
        shown = str(problem.path)
    return {"file": printable(shown), "line": problem.line, "field": printable(problem.field or "") or None,
            "message": printable(problem.message)}


def unread_line(count: int) -> str:
    """The one line a cron job's notification shows when files did not load."""
    files = "1 file" if count == 1 else f"{count} files"
    return f"{files} could not be read, so someone may be missing above; run: sponsordesk doctor"


def run(ctx: "Context", args: argparse.Namespace) -> int:
    from sponsordesk.commands.common import fail
    from sponsordesk.desk import Desk  # the models and the store: only when the index cannot answer

    if args.date is not None:
        ctx.clock = Clock(args.date)
    if not ctx.data_dir.is_dir():
        # an empty agenda here would say "nobody is due" every day, for ever
        return fail(f"there is no data folder at {ctx.data_dir}; check --data-dir or SPONSORDESK_DATA_DIR "
                    "(a typo, or a sync folder that is not mounted?)", NO_DATA)
    # a cron job never needs the write lock; the read leaves the index the next `today` answers from
    desk = Desk.open(ctx, read_only=True, ended_later=True, makes_index=True)
    return report(desk, desk.agenda(), ctx.data_dir, args.json)


def quick(args: argparse.Namespace, day: date) -> int | None:
    """The agenda from the data folder's index when every file still matches it (store/index.py): no
    pydantic, no TOML, a blink for a cron job. None: the index cannot answer, so ``run`` reads the files."""
    try:
        glance = Glance.open(args.date or day, args.data_dir, args.config_dir)
        if glance is None:
            return None
        out, _, code = answer(glance, glance.agenda(), glance.data_dir, args.json)
    except Exception:  # noqa: BLE001 - whatever an index from elsewhere holds, the files can still answer
        return None
    print(out)
    return code


def report(desk: Desk, agenda: list[Assessment], data_dir: Path, as_json: bool) -> int:
    """Print the agenda (and the files that did not load); the exit status."""
    out, errors, code = answer(desk, agenda, data_dir, as_json)
    for line in errors:
        print(line, file=sys.stderr)
    print(out)
    return code


def answer(desk: "Desk | Glance", agenda: list[Assessment], data_dir: Path,
           as_json: bool) -> tuple[str, list[str], int]:
    """What to print on stdout, the lines for stderr (each file that did not load), and the exit status."""
    unread: dict[Path, Problem] = {}
    errors = []
    for problem in desk.problems:
        if problem.severity != "error":
            continue
        errors.append(f"sponsordesk: {problem.describe(data_dir)}")
        # a data file that did not load may hide a sponsee: say so on stdout and in the exit status
        # (a settings or program file hides nobody)
        if problem.path == data_dir or data_dir in problem.path.parents:
            unread.setdefault(problem.path, problem)
    if as_json:
        out = json.dumps({
            "date": desk.today.isoformat(),
            "agenda": [entry_json(desk, found) for found in agenda],
            "problems": [problem_json(p, data_dir) for p in unread.values()],
        }, indent=2, ensure_ascii=False)
    else:
        out = agenda_text(desk, agenda, desk.today)
        if unread:
            out += "\n" + unread_line(len(unread))  # on stdout: a cron job mails or notifies what it prints
    return out, errors, UNREAD if unread else 0


def _day(text: str) -> date:
    try:
        return parse_day(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("today", help="print who needs a call today, and why",
                            description="Print the agenda: who is due, most urgent first, with every reason.",
                            epilog="Example: sponsordesk today --json | jq -r '.agenda[].name'\n"
                                   "Exit status: 0 printed; 3 printed, but some files could not be read "
                                   "(run sponsordesk doctor); 1 no data folder.",
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print a JSON array (id, name, reasons, ...)")
    parser.add_argument("--date", type=_day, default=None, metavar="YYYY-MM-DD",
                        help="the day to ask about (same as the global --today)")
    parser.set_defaults(handler=run, quick=quick)
    return parser
