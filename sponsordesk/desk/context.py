"""What every command and the app share: folders, the clock, settings, programs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sponsordesk.store import locations, tomlio
from sponsordesk.rules.clock import Clock
from sponsordesk.model.program import Program
from sponsordesk.model.settings import Settings
from sponsordesk.store import Problem, Store
from sponsordesk.store.programs import load_programs, program_for
from sponsordesk.store.settings import line_of_key, load_settings, set_setting
from sponsordesk.store.themes import ThemeSet, load_themes
from sponsordesk.store.config_check import ConfigCheck
from sponsordesk.store.facts_cache import FactsCache, remove_legacy
from sponsordesk.store.sync_machine import Stamping, machine_id
from sponsordesk.store.this_machine import known_machine_id
from sponsordesk.store.index import (
    FOLDER as INDEX_FOLDER, IndexMaker, Vouched, config_signature, index_path, read_vouched, settings_entry,
)


@dataclass(eq=False, repr=False)  # never compared or printed; Python 3.11 compiles each method at import, every start
class Context:
    """Everything a command or the app needs to reach the notebook: its folders, the clock and the settings."""

    data_dir: Path
    config_dir: Path
    cache_dir: Path
    clock: Clock
    settings: Settings = field(default_factory=Settings)
    programs: dict[str, Program] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """Problems with settings or program files (data problems live on the store)."""
    config_seen: dict | None = None
    """settings.toml and the program files' signatures from before they were read, for the index (None: unknown)."""
    config_check: ConfigCheck | None = None
    """The app's record of the config files validated before (store/config_check.py); None: validate every one."""

    @classmethod
    def build(cls, data_dir: Path | None = None, today: date | None = None, config_dir: Path | None = None,
              cache_dir: Path | None = None, clock: Clock | None = None, checked: bool = False) -> "Context":
        """The folders, the clock, settings and programs. ``checked`` (the app): a settings or program file whose
        bytes validated before with no problem is taken from the cache folder's record of it, without pydantic
        (store/config_check.py); the commands validate every file."""
        config = locations.config_dir(config_dir)
        cache = locations.cache_dir(cache_dir)
        check = ConfigCheck(cache) if checked else None
        # signed before they are read: a file changed in between makes the index disagree, never lie
        seen = config_signature(locations.settings_file(config), locations.user_programs_dir(config))
        settings, problems = load_settings(locations.settings_file(config), check)
        programs, program_problems = load_programs(locations.user_programs_dir(config), check)
        if check is not None:
            check.save(("settings", "program"))
        return cls(
            data_dir=locations.data_dir(data_dir), config_dir=config, cache_dir=cache,
            clock=clock or Clock(today), settings=settings, programs=programs,
            problems=problems + program_problems, config_seen=seen, config_check=check,
        )

    def store(self, read_only: bool = False) -> Store:
        store = Store(self.data_dir, read_only=read_only)
        remove_legacy(self.cache_dir)  # an older version kept contact text there
        store.facts_cache = FactsCache(self.cache_dir, self.data_dir)
        store.stamps = Stamping(self.cache_dir, self.clock.today)  # saves say which machine made them
        return store

    def program(self, key: str) -> Program:
        return program_for(self.programs, key)

    def index_maker(self) -> IndexMaker | None:
        """What writes the data folder's index on a full read (store/index.py); None while a settings or
        program file has a problem (then `today` reads the files, and says so)."""
        if self.problems or self.config_seen is None:
            return None
        machine = machine_id(self.cache_dir)
        if known_machine_id(self.cache_dir) != machine:
            return None  # an id that could not be kept (a cache folder that cannot be written) names no index
        return IndexMaker(self.data_dir, index_path(self.data_dir, machine), self.config_dir,
                          self.config_seen, settings_entry(self.settings), self._milestones_of)

    def vouched(self, day: date | None = None) -> Vouched | None:
        """This machine's index of the data folder, for a reading that takes sponsees left for later from it
        (store/index.py ``Vouched``; those not ended only when it was made for ``day`` or before); None when
        there is none (``index.readable`` may take one made under another id). Read, never made: no machine
        id is made here."""
        return read_vouched(self.data_dir, known_machine_id(self.cache_dir), self.config_dir, day)

    def _milestones_of(self, key: str) -> tuple[list[str], bool]:
        program = self.program(key)
        return list(program.milestones), program.yearly

    # ------------------------------------------------------------ the cache folder

    def cached(self, name: str) -> bytes | None:
        """The bytes of ``name``, a file the app keeps in the cache folder (tui/css_memory.py); None when it is
        absent or cannot be read. Read as the cache's other files are (store/tomlio.py): a link is not followed
        and a FIFO not waited on. Here, in the desk, because the tui reaches no file but through it."""
        try:
            return tomlio.read_bytes(self._cache_file(name))
        except OSError:
            return None

    def keep_cached(self, name: str, payload: bytes) -> bool:
        """Write ``name`` in the cache folder as the cache's other files are written (config-check.json):
        private, whole or not at all (a temp file, then a rename). False when it cannot be written: a cache,
        nothing is lost."""
        try:
            tomlio.write_atomic(self._cache_file(name), payload)
        except OSError:
            return False
        return True

    def _cache_file(self, name: str) -> Path:
        if not name or name.startswith(".") or Path(name).name != name:
            raise ValueError(f"not a name for a file of the cache folder: {name!r}")  # a temp file's, a path
        return self.cache_dir / name

    # ------------------------------------------------------------ the config folder

    @property
    def settings_file(self) -> Path:
        return locations.settings_file(self.config_dir)

    @property
    def reports_dir(self) -> Path:
        """Where the app writes reports (R on a board or log)."""
        return locations.reports_dir()

    def folders(self) -> list[tuple[str, Path]]:
        """Every folder and file sponsordesk uses, by name (`sponsordesk locate`)."""
        return [
            ("data", self.data_dir),
            ("index", self.data_dir / INDEX_FOLDER),  # `today`'s, one file per computer (store/index.py)
            ("config", self.config_dir),
            ("settings", self.settings_file),
            ("programs", locations.user_programs_dir(self.config_dir)),
            ("themes", locations.user_themes_dir(self.config_dir)),
            ("cache", self.cache_dir),
            ("reports", self.reports_dir),
        ]

    def save_setting(self, key: str, value: str | int | bool) -> None:
        """Change one line of settings.toml, keeping the rest as written; StoreError if it does not parse."""
        set_setting(self.settings_file, key, value)

    def setting_line(self, key: str) -> int | None:
        """The line of settings.toml that sets ``key`` (for messages)."""
        return line_of_key(self.settings_file, key)

    def themes(self, check_colour: Callable[[str], None] | None = None, checked_with: str = "") -> ThemeSet:
        """The shipped themes and the user's, each colour checked with ``check_colour``; ``checked_with`` names
        that check (Textual's colour parser as installed: tui/theming.py), so the app's record of theme files
        validated before (``config_check``) answers only for files validated with the same one. Empty: the
        record is not used, and every theme file is validated."""
        check = self.config_check if checked_with else None
        found = load_themes(locations.user_themes_dir(self.config_dir), check_colour, check, checked_with)
        if check is not None:
            check.save(("theme",))
        return found

    @property
    def user_themes_dir(self) -> Path:
        return locations.user_themes_dir(self.config_dir)
