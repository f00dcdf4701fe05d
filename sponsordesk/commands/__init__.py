"""Subcommands: each module has register(subparsers) -> parser, setting a handler."""

from sponsordesk.commands import demo, export, importing, locate, log, today, tui

COMMANDS = [tui, locate, demo, today, log, export, importing]
