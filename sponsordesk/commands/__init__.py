"""Subcommands: one module each, with ``register(subparsers) -> parser`` setting a handler.

``REGISTRY`` lists them with their one-line help, so `sponsordesk --help`
and `--version` import no command module at all, and running a command
imports only its own (cli.py).
"""

REGISTRY: dict[str, tuple[str, str]] = {
    # name: (module in sponsordesk.commands, one line for `sponsordesk --help`)
    "open": ("tui", "open the app (the default)"),
    "locate": ("locate", "print the data, config, cache and reports folders"),
    "demo": ("demo", "write invented demo data into an empty data folder"),
    "today": ("today", "print who needs a call today, and why"),
    "log": ("log", "log a contact without opening the app"),
    "export": ("export", "write a calendar, a report or spreadsheets"),
    "import": ("importing", "add sponsees from a spreadsheet (CSV)"),
    "doctor": ("doctor", "check every data, settings, program and theme file"),
    "backup": ("backup", "make a backup of the data folder now"),
    "restore": ("restore", "list backups, or restore one"),
    "completion": ("completion", "print a shell completion script (bash or zsh)"),
    "sync": ("sync", "merge sync tools' conflict copies now (or --setup-git)"),
    "merge-file": ("merge_file", "git merge driver: merge a data file entry by entry"),
}
