"""`sponsordesk completion bash|zsh`: a shell completion script, made from the parser itself (shtab)."""

from __future__ import annotations

import argparse

from sponsordesk.desk.context import Context

SHELLS = ("bash", "zsh")


def run(ctx: Context, args: argparse.Namespace) -> int:
    import shtab

    from sponsordesk.cli import build_parser  # every command, so each one's options complete

    print(shtab.complete(build_parser(None), shell=args.shell))
    return 0


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "completion", help="print a shell completion script (bash or zsh)",
        description="Print a completion script for commands, options and file names. Install it once:",
        epilog="Examples:\n"
               "  sponsordesk completion bash > ~/.local/share/bash-completion/completions/sponsordesk\n"
               "  sponsordesk completion zsh > ~/.zfunc/_sponsordesk   # with fpath+=~/.zfunc before compinit",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    parser.set_defaults(handler=run)
    return parser
