"""What happens once a sponsordesk becomes the data folder's one writer.

Leftover temp files go, older files are migrated (after a backup), the day's
backup is made, and loose permissions are found. Nothing here may stop the
app from opening: a failure becomes a problem to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sponsordesk.store import backup, migrate
from sponsordesk.store.problems import Problem, StoreError
from sponsordesk.store.store import Store, private_dir_problems


@dataclass
class StartResult:
    notices: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def start_writing(store: Store, now: datetime, keep: int) -> StartResult:
    """Run the start-up chores; the caller holds the lock."""
    result = StartResult()
    root = store.root
    store.cleanup_temp_files()
    try:
        migrated = migrate.migrate_folder(root, now, keep)
    except (OSError, StoreError) as error:
        result.problems.append(Problem(root, f"could not upgrade older files: {getattr(error, 'strerror', None) or error}",
                                       hint="nothing was changed; run `sponsordesk doctor` to see which files"))
    else:
        result.problems += migrated.problems
        if migrated.migrated:
            n = len(migrated.migrated)
            result.notices.append(f"Upgraded {n} file{'s' * (n != 1)} to the current format; "
                                  f"the data as it was is in backups/{migrated.backup.name}.")
    try:
        backup.daily_backup(root, now, keep)
    except OSError as error:
        result.problems.append(Problem(backup.backups_dir(root), f"could not make today's backup ({error.strerror})",
                                       severity="warning", hint="free some space, then run `sponsordesk backup`"))
    loose = private_dir_problems(root)
    if loose:
        result.problems.append(Problem(root, f"{len(loose)} files or folders here are readable by other users",
                                       severity="warning",
                                       hint="run `sponsordesk doctor --fix` to make them private to you"))
    return result
