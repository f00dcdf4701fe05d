"""Subcommands: each module has register(subparsers) -> parser, setting a handler."""

from sponsordesk.commands import demo, export, importing, locate, log, tui

COMMANDS = [tui, locate, demo, log, export, importing]
