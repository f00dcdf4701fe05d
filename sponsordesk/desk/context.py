"""What every command and the app share: folders, the clock, settings, programs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sponsordesk.store import locations
from sponsordesk.rules.clock import Clock
from sponsordesk.model import Program, Settings
from sponsordesk.store import Problem, Store
from sponsordesk.store.programs import load_programs, program_for
from sponsordesk.store.settings import load_settings
from sponsordesk.store.facts_cache import SummaryCache, remove_legacy


@dataclass
class Context:
    data_dir: Path
    config_dir: Path
    cache_dir: Path
    clock: Clock
    settings: Settings = field(default_factory=Settings)
    programs: dict[str, Program] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """Problems with settings or program files (data problems live on the store)."""

    @classmethod
    def build(cls, data_dir: Path | None = None, today: date | None = None, config_dir: Path | None = None,
              cache_dir: Path | None = None, clock: Clock | None = None) -> "Context":
        config = locations.config_dir(config_dir)
        settings, problems = load_settings(locations.settings_file(config))
        programs, program_problems = load_programs(locations.user_programs_dir(config))
        return cls(
            data_dir=locations.data_dir(data_dir), config_dir=config, cache_dir=locations.cache_dir(cache_dir),
            clock=clock or Clock(today), settings=settings, programs=programs,
            problems=problems + program_problems,
        )

    def store(self, read_only: bool = False) -> Store:
        store = Store(self.data_dir, read_only=read_only)
        remove_legacy(self.cache_dir)  # an older version kept contact text there
        store.summary_cache = SummaryCache(self.cache_dir, self.data_dir)
        return store

    def program(self, key: str) -> Program:
        return program_for(self.programs, key)
