"""`sponsordesk sync`: merge sync tools' conflict copies now; `--setup-git` for a data folder kept in git."""

from __future__ import annotations

import argparse

from sponsordesk.commands.common import HELP_FORMAT, example_epilog, fail
from sponsordesk.desk.context import Context

DESCRIPTION = (
    "Merge every copy a sync tool made when two machines changed the same file (Syncthing, Nextcloud, "
    "ownCloud, Dropbox, OneDrive, Google Drive, Resilio) into the file it copies, entry by entry, then remove "
    "the copy. A backup of the data folder is made first, and the merge is all or nothing. An entry changed "
    "on both machines keeps both versions in the file; the app shows them for you to choose, and "
    "`sponsordesk doctor` lists them. The app does the same by itself when it opens, on ctrl+r and when its "
    "window regains focus.\n\n"
    "With --setup-git, set up a data folder kept in git: git then merges sponsordesk's files with "
    "`sponsordesk merge-file` (run it once in each clone)."
)


def run(ctx: Context, args: argparse.Namespace) -> int:
    from sponsordesk.desk import maintenance, syncing
    from sponsordesk.desk.errors import LockedError, StoreError

    if args.setup_git:
        try:
            lines = syncing.setup_git(ctx)
        except StoreError as error:
            return fail(str(error))
        for line in lines:
            print(line)
        print("git now merges the notebook's files entry by entry; commit .gitattributes and .gitignore.")
        return 0
    if not ctx.data_dir.is_dir():
        return fail(f"there is no data folder at {ctx.data_dir}")
    try:
        with maintenance.writing(ctx):
            result = syncing.merge_now(ctx)
    except LockedError:
        return fail(f"the sponsordesk app has {ctx.data_dir} open, and it merges sync copies itself (when it "
                    "opens, on ctrl+r and when its window regains focus); nothing was done here")
    except StoreError as error:
        return fail(str(error))
    root = ctx.data_dir
    if not result.merged and not result.refused:
        print(f"No sync conflict copies in {root}.")
        return 0
    for merged in result.merged:
        rel = merged.path.relative_to(root).as_posix()
        copies = ", ".join(p.name for p in merged.copies) or "(copy changed while merging; kept)"
        print(f"merged      {rel}")
        print(f"            from {copies} ({', '.join(merged.tools)}): "
              f"{merged.taken} entr{'y' if merged.taken == 1 else 'ies'} from the other machine")
        for key in merged.new_conflicts:
            print(f"  kept both versions of {_describe(key)}: changed on both machines; choose one in the app")
    for problem in result.refused:
        print(f"not merged  {problem.path.relative_to(root).as_posix()}")
        print(f"            {problem.message}")
        print(f"  fix:      {problem.hint}")
    if result.backup is not None:
        print(f"A backup of the folder as it was: {result.backup}")
    return 1 if result.refused or result.left else 0


def _describe(key: tuple) -> str:
    from sponsordesk.desk.syncing import describe

    return describe(key)


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("sync", help="merge sync tools' conflict copies now (or --setup-git)",
                            description=DESCRIPTION, formatter_class=HELP_FORMAT,
                            epilog=example_epilog("sponsordesk sync",
                                                  "cd ~/.local/share/sponsordesk && git init && sponsordesk sync --setup-git"))
    parser.add_argument("--setup-git", action="store_true",
                        help="make git merge the data folder's files with sponsordesk (once per clone)")
    parser.set_defaults(handler=run)
    return parser
