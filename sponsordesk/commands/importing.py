"""`sponsordesk import csv FILE [--apply]`: add sponsees from a spreadsheet."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from sponsordesk.commands.common import (
    BAD_INPUT,
    HELP_FORMAT,
    not_writable,
    example_epilog,
    fail,
    nested_globals,
    open_desk,
)
from sponsordesk.desk.context import Context
from sponsordesk.model import Sponsee
from sponsordesk.desk.errors import StoreError
from sponsordesk.wording.program import time_words

if TYPE_CHECKING:
    from sponsordesk.exports.spreadsheet import ImportPlan


def _read(path: Path) -> tuple[str, str]:
    """The file's text and a note on how it was read."""
    data = path.expanduser().read_bytes()
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the Windows code page
        return data.decode("cp1252", errors="replace"), " (not UTF-8; read as Windows-1252)"


def _describe(sponsee: Sponsee, ctx: Context) -> str:
    # in the program's words: Al-Anon members are not counting sobriety ("sober since" read wrong)
    words = time_words(ctx.program(sponsee.program).counts_sobriety)
    since = f", {words.since} {sponsee.sobriety_date.isoformat()}" if sponsee.sobriety_date else f", no {words.date}"
    return f"{sponsee.name} ({sponsee.program}{since})"


def _show(plan: ImportPlan, name: str, note: str, applied: bool, ctx: Context) -> None:
    print(f"{name}{note}: {len(plan.add)} to add, {len(plan.already)} already there, {len(plan.refused)} refused.")
    if plan.add:
        print("Added:" if applied else "Would add:")
        for line, sponsee in plan.add:
            print(f"  line {line:<4} {_describe(sponsee, ctx)}")
    if plan.already:
        print("Already there, skipped:")
        for row in plan.already:
            print(f"  line {row.line:<4} {row.name}: {row.reason}")
    if plan.refused:
        print("Refused:")
        for row in plan.refused:
            who = f"{row.name}: " if row.name else ""
            print(f"  line {row.line:<4} {who}{row.reason}")
    if plan.ignored_columns:
        print(f"Columns not imported: {', '.join(plan.ignored_columns)}")


def run(ctx: Context, args: argparse.Namespace) -> int:
    # imported here, not at the top: every start of the app registers this command
    from sponsordesk.exports.spreadsheet import ImportFileError, apply_import, plan_import

    try:
        text, note = _read(args.file)
    except OSError as error:
        return fail(f"could not read {args.file}: {error.strerror or error}", BAD_INPUT)
    # Desk.open takes the single-writer lock for --apply; without it the desk is read-only.
    desk = open_desk(ctx, read_only=not args.apply)
    try:
        if args.apply and desk.read_only_reason:
            return fail(not_writable(ctx, desk))
        try:
            plan = plan_import(text, [r.sponsee for r in desk.records], ctx.programs, desk.today,
                               date_order=args.date_order)
        except ImportFileError as error:
            return fail(f"{args.file}: {error}", BAD_INPUT)
        if args.apply and plan.add:
            try:
                added = apply_import(desk, plan)
            except StoreError as error:
                return fail(f"{error}; sponsees before that row were added, run the import again to add the rest")
            plan.add = [(line, sponsee) for (line, _), sponsee in zip(plan.add, added)]
        _show(plan, str(args.file), note, args.apply, ctx)
    finally:
        desk.close()
    if not args.apply:
        print("Nothing was written (a dry run). Run again with --apply to add them." if plan.add
              else "Nothing to add.")
    elif plan.add:
        print(f"Added {len(plan.add)} sponsee{'s' if len(plan.add) != 1 else ''} to {ctx.data_dir}.")
    if plan.refused:
        return fail(f"{len(plan.refused)} row{'s were' if len(plan.refused) != 1 else ' was'} refused; "
                    "fix or remove them and import again (rows already added are skipped)", BAD_INPUT)
    return 0


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("import", help="add sponsees from a spreadsheet (CSV)", formatter_class=HELP_FORMAT,
                            description="Bring data in from other tools.",
                            epilog=example_epilog("sponsordesk import csv sponsees.csv",
                                                  "sponsordesk import csv sponsees.csv --apply"))
    kinds = parser.add_subparsers(dest="import_kind", metavar="WHAT", required=True)
    csv_ = kinds.add_parser(
        "csv", help="add sponsees from a CSV file with a header row", formatter_class=HELP_FORMAT,
        description="Read a CSV file whose first line names the columns: name (required), program, sobriety "
                    "date (YYYY-MM-DD), phone, home group, cadence (days); also reach, sponsored since, earlier "
                    "sobriety dates and notes. Header case and spacing do not matter. Without --apply nothing is "
                    "written: it shows what would be added and every row it would refuse, with the reason. A row "
                    "whose name and sobriety date match a sponsee already there is skipped, so importing the "
                    "same file twice adds nobody twice.",
        epilog=example_epilog("sponsordesk import csv ~/Downloads/sponsees.csv",
                              "sponsordesk import csv ~/Downloads/sponsees.csv --apply",
                              "", "A file can be as small as:", "  name,program,sobriety date,phone,home group,cadence",
                              "  Sam Rivera,AA,2025-03-14,555-0142,Tuesday Night Big Book,3"))
    csv_.add_argument("file", type=Path, metavar="FILE", help="the CSV file (comma, semicolon or tab separated)")
    csv_.add_argument("--apply", action="store_true", help="add the sponsees (default: only show what would happen)")
    csv_.add_argument("--date-order", choices=["dmy", "mdy"], default=None,
                      help="read dates a spreadsheet saved as 21/11/2026 (dmy) or 11/21/2026 (mdy); "
                           "YYYY-MM-DD is always read")
    csv_.set_defaults(handler=run)
    nested_globals(csv_)
    return parser
