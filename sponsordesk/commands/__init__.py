"""Subcommands: each module has register(subparsers) -> parser, setting a handler."""

from sponsordesk.commands import backup, demo, doctor, export, importing, locate, log, restore, today, tui

COMMANDS = [tui, locate, demo, today, log, export, importing, doctor, backup, restore]
