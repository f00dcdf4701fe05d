"""`sponsordesk log SPONSEE --kind call --summary TEXT`: log a contact from the shell."""

from __future__ import annotations

import argparse

from sponsordesk.commands.common import (
    BAD_INPUT,
    HELP_FORMAT,
    not_writable,
    day_arg,
    example_epilog,
    fail,
    find_record,
    open_desk,
)
from sponsordesk.desk.context import Context
from sponsordesk.desk import Desk
from sponsordesk.rules.matching import NoMatch
from sponsordesk.desk.errors import SaveUnfinished, StoreError
from sponsordesk.forms.quick_contact import default_by
from sponsordesk.forms.values import InputError, minutes
from sponsordesk.model import Contact, ContactKind, Initiator, new_id
from sponsordesk.rules.followthrough import LogEntry, NewSuggestion
from sponsordesk.wording.labels import kind_label, kind_noun

KINDS = ", ".join(k.value for k in ContactKind)


def kind_arg(text: str) -> ContactKind:
    """'call', 'In person', 'step-work' -> a ContactKind."""
    key = text.strip().casefold().replace("-", "_").replace(" ", "_")
    try:
        return ContactKind(key)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a kind of contact; use one of: {KINDS}") from None


def minutes_arg(text: str) -> int:
    try:
        value = minutes(text)
    except InputError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if value is None:
        raise argparse.ArgumentTypeError("give a number of minutes, e.g. 20")
    return value


class AddSuggestion(argparse.Action):
    """--suggest TEXT: one more suggestion; a --due after it belongs to it."""

    def __call__(self, parser, namespace, values, option_string=None):
        if not values.strip():
            parser.error("argument --suggest: the suggestion text is empty")
        namespace.suggest = [*(namespace.suggest or []), {"text": values.strip(), "due": None}]


class SetDue(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):
        if not namespace.suggest:
            parser.error("argument --due: give --suggest TEXT first; --due belongs to the suggestion before it")
        if namespace.suggest[-1]["due"] is not None:
            parser.error(f"argument --due: the suggestion {namespace.suggest[-1]['text']!r} already has a due date")
        namespace.suggest[-1]["due"] = values


def _check(ctx: Context, args: argparse.Namespace) -> str | None:
    """What is wrong with the dates, before anything is written."""
    today = ctx.clock.today()
    day = args.on or today
    if not (args.summary or "").strip() and args.kind is not ContactKind.ATTEMPT:
        return "--summary is needed: a line about what you talked about (only an attempt needs none)"
    if day > today:
        return f"--on {day.isoformat()} is in the future; log a contact once it happened"
    for item in args.suggest or []:
        if item["due"] is not None and item["due"] < day:
            return f"--due {item['due'].isoformat()} for {item['text']!r} is before the contact ({day.isoformat()})"
    return None


def run(ctx: Context, args: argparse.Namespace) -> int:
    problem = _check(ctx, args)
    if problem:
        return fail(problem, BAD_INPUT)
    # Desk.open takes the single-writer lock; without it the desk is read-only.
    desk = open_desk(ctx, read_only=False)
    try:
        if desk.read_only_reason:
            return fail(not_writable(ctx, desk))
        return _log(ctx, args, desk)
    finally:
        desk.close()


def _log(ctx: Context, args: argparse.Namespace, desk: Desk) -> int:
    try:
        record = find_record(desk, args.sponsee)
    except NoMatch as error:
        return fail(str(error), BAD_INPUT)
    day = args.on or desk.today
    at = ctx.clock.now() if day == desk.today else ctx.clock.at(day)
    by = args.by or default_by(args.kind.value)  # an attempt was yours, unless --by says otherwise
    contact = Contact(id=new_id("c"), at=at, kind=args.kind, by=by, minutes=args.minutes,
                      summary=(args.summary or "").strip())
    entry = LogEntry(contact, [NewSuggestion(item["text"], item["due"]) for item in args.suggest or []])
    name = desk.name(record.sponsee)
    broken = desk.broken_files(record.id)
    if broken:  # a file that did not load may hold what this entry would change (an open suggestion, a date)
        return fail(f"{broken[0].describe(ctx.data_dir)}; nothing was logged")
    if not args.again and (logged := desk.same_entry_logged(record.id, entry)) is not None:
        # a retry after a run that was cut short (killed, or its output lost): the entry is there already
        print(f"Already logged: the same {kind_noun(contact.kind)} with {name} on {day.isoformat()} "
              f"({logged.id}); nothing was added. Use --again to log it twice.")
        return 0
    try:
        desk.log(record.id, entry)  # the contact and its suggestions, all or none
    except SaveUnfinished as error:
        return fail(f"{error}. Running this command again adds nothing twice")
    except StoreError as error:
        return fail(f"{error}; nothing was logged")
    print(f"Logged a contact ({kind_label(contact.kind)}) with {name} on {day.isoformat()}.")
    for item in entry.suggestions:
        due = f" (due {item.due.isoformat()})" if item.due else ""
        print(f"Suggested: {item.text}{due}")
    return 0


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "log", help="log a contact without opening the app", formatter_class=HELP_FORMAT,
        description="Log a call, text or meeting with a sponsee, and any suggestions you made. The sponsee is an "
                    "id or the start of a name; when more than one matches, they are listed. Refused while the "
                    "app has the data folder open (one writer at a time).",
        epilog=example_epilog(
            'sponsordesk log sam --kind call --summary "Rough day; went to the noon meeting" --minutes 20',
            'sponsordesk log dana-o --kind step_work --by sponsor --summary "Inventory columns" \\',
            '    --suggest "Read pages 58-60" --due 2026-11-28 --suggest "Call before the party"',
            f"Kinds: {KINDS}"))
    parser.add_argument("sponsee", metavar="SPONSEE", help="an id (sam-r) or the start of a name (sam)")
    parser.add_argument("--kind", type=kind_arg, default=ContactKind.CALL, metavar="KIND",
                        help=f"what kind of contact (default: call): {KINDS}")
    parser.add_argument("--summary", metavar="TEXT",
                        help="what you talked about (needed for every kind but attempt)")
    parser.add_argument("--minutes", type=minutes_arg, metavar="N", help="how long it took")
    parser.add_argument("--by", choices=[i.value for i in Initiator], default=None,
                        help="who reached out (default: sponsee; sponsor for an attempt, which was yours)")
    parser.add_argument("--on", type=day_arg, metavar="YYYY-MM-DD", help="the day it happened (default: today)")
    parser.add_argument("--suggest", action=AddSuggestion, metavar="TEXT",
                        help="a suggestion you made; repeat for more")
    parser.add_argument("--due", action=SetDue, type=day_arg, metavar="YYYY-MM-DD",
                        help="when the suggestion just before it is due")
    parser.add_argument("--again", action="store_true",
                        help="log it even if the same contact is already logged that day (a retry adds nothing)")
    parser.set_defaults(handler=run, suggest=None)
    return parser
