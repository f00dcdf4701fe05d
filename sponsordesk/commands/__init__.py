"""Subcommands: each module has register(subparsers) -> parser, setting a handler."""

from sponsordesk.commands import backup, demo, doctor, locate, restore, tui

COMMANDS = [tui, locate, demo, doctor, backup, restore]
