"""Subcommands: each module has register(subparsers) -> parser, setting a handler."""

from sponsordesk.commands import demo, locate, today, tui

COMMANDS = [tui, locate, demo, today]
